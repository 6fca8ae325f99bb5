"""`loopcoach loop` end to end: scripted runs, pausing and resuming, exports, bad input."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import Result

from loopcoach.cli.loop_session import LoopSession
from loopcoach.content.index import Content
from loopcoach.services.loop import LoopService
from loopcoach.store import Store

Invoke = Callable[..., Result]
EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "loop-pm-strong.json"
HIRE = {"lean_hire", "strong_hire"}
MAIN = (
    "I owned the checkout redesign for first-time buyers in 2023. We missed the 5% conversion "
    "target by 2 points because I skipped a pilot to hit the date. I told the team it was my "
    "call and changed our process: every launch now starts with a 10% rollout and a kill "
    "criterion agreed with finance. The next launch reached 6.1% conversion."
)
FOLLOW = "I would run the pilot: one week on 10% of traffic would have shown the drop early."


def test_scripted_strong_loop_prints_a_hiring_debrief_as_json(invoke: Invoke) -> None:
    result = invoke("loop", "--track", "pm", "--answers", str(EXAMPLE), "--json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["schema"] == "loopcoach.debrief/1"
    assert d["decision"] in HIRE and d["vetoed_by"] is None
    assert d["level"] in {"P6", "P7", "P8"}
    for r in d["rounds"]:
        assert {"round", "grade", "flags"} <= set(r)
        assert isinstance(r["grade"], float) and isinstance(r["flags"], list)


def test_scripted_loop_with_a_planted_flag_is_vetoed(invoke: Invoke, tmp_path: Path) -> None:
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    answers["hiring_manager"][0] = (
        "Our seller tools launch missed its adoption target by half. The market turned against "
        "us that quarter: a competitor cut fees, the platform team changed the ranking "
        "algorithm without warning, and leadership moved two engineers off the project. None of "
        "that was in my control, so the miss was not really a product problem. We shipped what "
        "we planned, on the date we planned, and the numbers were simply unlucky."
    )
    path = tmp_path / "vetoed.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    result = invoke("loop", "--track", "pm", "--answers", str(path), "--json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["decision"] == "strong_no_hire"
    assert d["vetoed_by"] == {"flag": "blames_external", "round": "hiring_manager"}
    hm = next(r for r in d["rounds"] if r["round"] == "hiring_manager")
    assert "blames_external" in hm["flags"]


def test_scripted_loop_renders_and_exports(invoke: Invoke, tmp_path: Path) -> None:
    md, page = tmp_path / "out" / "debrief.md", tmp_path / "debrief.html"
    result = invoke(
        "loop", "--track", "pm", "--answers", str(EXAMPLE), "--export", "md", "--out", str(md)
    )
    assert result.exit_code == 0, result.output
    assert "Hiring-committee debrief: Product Manager loop 1" in result.stdout
    assert "What the committee wrote" in result.stdout and "Level estimate" in result.stdout
    assert "written to" in result.stderr
    assert md.read_text(encoding="utf-8").startswith("# Hiring-committee debrief")
    # The latest finished loop, exported again later without running anything.
    again = invoke("loop", "--export", "html", "--out", str(page))
    assert again.exit_code == 0, again.output
    assert again.stdout == ""
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    listed = invoke("loop", "--list", "--json")
    (row,) = json.loads(listed.stdout)
    assert row["status"] == "finished" and row["mode"] == "scripted"
    stdout = invoke("loop", "--export", "md", "--loop", str(row["id"]))
    assert stdout.stdout.startswith("# Hiring-committee debrief")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"screen": ["x"]}, "round 'hiring_manager' of the pm loop has no answers"),
        ({"market_strategy": ["x"]}, "round 'market_strategy' is not in the pm loop"),
        ("not json at all", "not valid JSON"),
    ],
)
def test_bad_answer_files_are_one_line_errors(
    invoke: Invoke, tmp_path: Path, content: object, message: str
) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    result = invoke("loop", "--track", "pm", "--answers", str(path), "--json")
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and message in result.output
    assert "Traceback" not in result.output


def test_option_mistakes_are_messages(invoke: Invoke) -> None:
    for args, message in [
        (["loop"], "start a loop with --track"),
        (["loop", "--track", "nope"], "unknown track 'nope'"),
        (["loop", "--resume"], "no unfinished loop"),
        (["loop", "--export", "md"], "no finished loop yet"),
        (["loop", "--answers", str(EXAMPLE)], "--answers needs --track"),
        (["loop", "--export", "pdf"], "--export 'pdf': use md or html"),
    ]:
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output


def test_piped_loop_pauses_at_end_of_input_and_resumes(
    invoke: Invoke, mini_pack_dir: Path, database_file: Path
) -> None:
    pack = ["--pack-dir", str(mini_pack_dir)]
    first = invoke(
        *pack,
        "loop",
        "--track",
        "pm",
        "--pack",
        "mini",
        "--seed",
        "3",
        input=f"{MAIN}\n.\n{FOLLOW}\n.\n",
    )
    assert first.exit_code == 0, first.output
    out = first.output
    assert "Round 1 of 2: Product sense case" in out and "time budget 45 min" in out
    assert "presses on your weakest point" in out
    assert "loop 1 is paused at the culture fit" in out
    assert "Saved as attempt 1." in out and "Saved as attempt 2." in out

    other = invoke(*pack, "loop", "--track", "pm", "--pack", "mini", input="")
    assert "Loop 1 is still paused; `loopcoach loop --resume --loop 1`" in other.output
    assert "loop 2 is paused" in other.output

    second = invoke(*pack, "loop", "--resume", "--loop", "1", input=f"{MAIN}\n.\n\n.\n")
    assert second.exit_code == 0, second.output
    assert "Round 2 of 2: Culture fit" in second.output
    assert "No answer: this question counts as unanswered." in second.output
    assert "Hiring-committee debrief" in second.output
    with Store.open(f"sqlite:///{database_file}") as s:
        assert [a.answer for a in s.attempts(oldest_first=True)] == [MAIN, FOLLOW, MAIN]


def lines(*items: str | type[BaseException]) -> Callable[[], str]:
    queue: Iterator[str | type[BaseException]] = iter(items)

    def read() -> str:
        item = next(queue, EOFError)
        if isinstance(item, str):
            return item
        raise item

    return read


def test_ctrl_c_keeps_the_typed_lines_and_resume_offers_them(
    store: Store, mini_content: Content
) -> None:
    service = LoopService(store, mini_content)
    loop = service.start("pm", seed="3")
    console = Console(file=io.StringIO(), width=100)
    session = LoopSession(service, console, read_line=lines("I owned the", KeyboardInterrupt))
    with pytest.raises(typer.Exit) as stop:
        session.run(loop)
    assert stop.value.exit_code == 130
    assert "Interrupted: loop 1 is paused" in console.file.getvalue()  # type: ignore[attr-defined]
    (draft,) = store.attempts()
    assert draft.status == "draft" and draft.answer == "I owned the"

    console = Console(file=io.StringIO(), width=100)
    resumed = LoopSession(service, console, read_line=lines("checkout redesign.", "."))
    with pytest.raises(typer.Exit):
        resumed.run(service.resume())
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Your answer so far, kept from before the pause:" in shown and "I owned the" in shown
    main = store.attempt(draft.id)
    assert main is not None and main.status == "scored"
    assert main.answer == "I owned the\ncheckout redesign."


def test_the_debrief_agrees_with_its_own_tables_and_cites_titles(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = invoke("loop", "--track", "pm", "--answers", str(EXAMPLE), "--json")
    assert result.exit_code == 0, result.output
    debrief = json.loads(result.stdout)
    grades = {f"{r['grade']:.2f}" for r in debrief["rounds"]} | {
        f"{a['grade']:.2f}" for r in debrief["rounds"] for a in r["answers"]
    }
    for sentence in debrief["committee"]:
        for number in re.findall(r"\b\d\.\d+\b", sentence["text"]):
            assert number in grades, (number, sentence["text"])  # as the tables round it
    scores = [
        c["score"]
        for r in debrief["rounds"]
        for a in r["answers"]
        for c in a["criteria"]
        if c["id"] == "scope"
    ]
    if max(scores, default=0) >= 2:
        assert not any("No answer gives" in x["text"] for x in debrief["level_reasons"])
    md = tmp_path / "debrief.md"
    shown = invoke("loop", "--export", "md", "--out", str(md))
    assert shown.exit_code == 0, shown.output
    text = md.read_text(encoding="utf-8")
    title = "Alibaba PM vs TPM Career Comparison 2026"
    assert title in text and "source pm-vs-tpm" not in text and "seeds/" not in text
