"""`loopcoach score`: one answer (file, stdin, --answer, --question-id) and JSONL batches."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from loopcoach.content.index import Content, builtin_pack_dirs
from loopcoach.scoring import SCHEMA, score

Invoke = Callable[..., Result]

QUESTION = "Design the order system for Double 11 peak traffic."
STRONG = (
    "I'd put the order write path behind a queue so that a Double 11 peak of 500k orders "
    "per second is absorbed instead of hitting the database directly. The cost is a few "
    "seconds of delay on confirmation, which I'd accept because a dropped order costs far "
    "more than a late email. I'd reuse the existing inventory service rather than build a "
    "new one, and shard hot SKUs across partitions so one flash-sale item cannot lock a "
    "whole table. If the queue depth passes 2 million, we degrade gracefully: the app shows "
    "'order received' and retries idempotently with the order id as the key, so no buyer "
    "pays twice. Success is p99 checkout latency under 300 ms and zero lost orders at peak; "
    "I'd load-test to three times last year's peak before the freeze."
)
WEAK = "We would use microservices and Kubernetes. It will be scalable and robust and seamless."
ARGS = ["score", "--track", "pm", "--round", "technical", "--question", QUESTION]


def as_json(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def check_schema(data: dict[str, Any], answer: str) -> None:
    assert data["schema"] == SCHEMA == "loopcoach.assessment/1"
    assert 1.0 <= data["overall"] <= 4.0
    assert data["decision"] in {"strong_no_hire", "lean_no_hire", "lean_hire", "strong_hire"}
    assert data["criteria"]
    for c in data["criteria"]:
        assert set(c) == {"id", "score", "evidence", "note"}
        for s in c["evidence"]:
            assert answer[s["start"] : s["end"]] == s["text"]
    for f in data["flags"]:
        assert set(f) == {"id", "evidence", "why"}
        for s in f["evidence"]:
            assert answer[s["start"] : s["end"]] == s["text"]
    assert isinstance(data["strengths"], list)
    assert isinstance(data["improvements"], list)
    assert isinstance(data["follow_up"], str) and data["follow_up"]


# --- one answer -----------------------------------------------------------------------


def test_score_a_file_as_json(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_text(STRONG, encoding="utf-8")
    data = as_json(invoke(*ARGS, str(path), "--json"))
    check_schema(data, STRONG)
    assert data == score("pm", "technical", QUESTION, STRONG).to_json()
    assert data["decision"] == "strong_hire"
    assert "coverage" not in data and "delivery" not in data


def test_score_from_stdin(invoke: Invoke) -> None:
    data = as_json(invoke(*ARGS, "-", "--json", input=WEAK))
    check_schema(data, WEAK)
    assert data == score("pm", "technical", QUESTION, WEAK).to_json()
    assert data["decision"] == "strong_no_hire"
    assert data["flags"]


def test_score_from_stdin_bytes_keeps_unicode(invoke: Invoke) -> None:
    answer = STRONG + " 我们 🚀 café."
    data = as_json(invoke(*ARGS, "-", "--json", input=answer.encode("utf-8")))
    check_schema(data, answer)


def test_score_the_answer_option(invoke: Invoke) -> None:
    data = as_json(invoke(*ARGS, "--answer", STRONG, "--json"))
    assert data == score("pm", "technical", QUESTION, STRONG).to_json()


def test_coverage_with_talking_points(invoke: Invoke) -> None:
    data = as_json(
        invoke(
            *ARGS,
            "--answer",
            STRONG,
            "--talking-point",
            "Queue the order writes so the database absorbs the peak",
            "--talking-point",
            "Price items in local currency for Brazilian shoppers",
            "--json",
        )
    )
    check_schema(data, STRONG)
    coverage = data["coverage"]
    assert 0.0 <= coverage["score"] <= 1.0
    points = coverage["points"]
    assert [p["point"] for p in points] == [
        "Queue the order writes so the database absorbs the peak",
        "Price items in local currency for Brazilian shoppers",
    ]
    assert [p["covered"] for p in points] == [True, False]
    for p in points:
        assert {"point", "covered", "evidence"} <= set(p)
        for s in p["evidence"]:
            assert STRONG[s["start"] : s["end"]] == s["text"]


def test_the_coverage_headline_counts_the_ticks(invoke: Invoke) -> None:
    points = [
        "Queue the order writes so the database absorbs the peak",
        "Shard hot SKUs across partitions",
        "Price items in local currency for Brazilian shoppers",
    ]
    args = [*ARGS, "--answer", STRONG]
    for p in points:
        args += ["--talking-point", p]
    shown = invoke(*args)
    assert shown.exit_code == 0, shown.output
    data = as_json(invoke(*args, "--json"))
    ticked = sum(1 for p in data["coverage"]["points"] if p["covered"])
    # The headline is the count of the ticks in the table under it, not a percentage.
    assert f"Talking points covered: {ticked} of {len(points)}" in shown.stdout
    assert shown.stdout.count("yes ✓") == ticked
    assert "% covered" not in shown.stdout
    assert not re.search(r"Talking points covered: \d+%", shown.stdout)


def test_coverage_with_a_reference(invoke: Invoke) -> None:
    reference = "Queue the writes.\nShard hot SKUs. Teach sellers Portuguese."
    data = as_json(invoke(*ARGS, "--answer", STRONG, "--reference", reference, "--json"))
    assert [(p["point"], p["covered"]) for p in data["coverage"]["points"]] == [
        ("Queue the writes.", True),
        ("Shard hot SKUs.", True),
        ("Teach sellers Portuguese.", False),
    ]
    assert data == score("pm", "technical", QUESTION, STRONG, reference=reference).to_json()


def test_duration_adds_delivery(invoke: Invoke) -> None:
    data = as_json(invoke(*ARGS, "--answer", STRONG, "--duration", "60", "--json"))
    delivery = data["delivery"]
    expected = score("pm", "technical", QUESTION, STRONG, duration_seconds=60).delivery
    assert expected is not None
    assert delivery["words_per_minute"] == round(expected.words_per_minute, 1) > 100
    assert delivery["seconds_used"] == 60.0
    assert delivery["seconds_budget"] is None


def test_a_built_in_pack_question(invoke: Invoke) -> None:
    content = Content.load(builtin_pack_dirs())
    _pack, q = content.question("pm-technical-01")
    budget = content.loop_round(q.track, q.round).minutes * 60
    result = invoke(
        "score",
        "--question-id",
        "pm-technical-01",
        "--answer",
        STRONG,
        "--duration",
        "120",
        "--json",
    )
    data = as_json(result)
    check_schema(data, STRONG)
    expected = score(
        q.track,
        q.round,
        q.text,
        STRONG,
        talking_points=list(q.talking_points),
        probes=list(q.probes),
        duration_seconds=120,
        budget_seconds=float(budget),
        asks_for=q.asks_for,
    )
    assert q.asks_for == "design"
    assert data == expected.to_json()
    assert (data["track"], data["round"]) == ("pm", "technical")
    assert [p["point"] for p in data["coverage"]["points"]] == list(q.talking_points)
    assert data["delivery"]["seconds_budget"] == budget


def test_unknown_question_id(invoke: Invoke) -> None:
    result = invoke("score", "--question-id", "pm-nope-99", "--answer", STRONG)
    assert result.exit_code == 2
    assert "unknown question id 'pm-nope-99'" in result.output
    assert "Traceback" not in result.output


# --- errors ---------------------------------------------------------------------------


def test_a_non_utf8_file_is_a_clear_error(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "answer.txt"
    path.write_bytes("Caf\u00e9 latency".encode("latin-1"))
    result = invoke(*ARGS, str(path), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert f"{path} is not UTF-8 text (byte 3)" in result.stderr
    assert "Traceback" not in result.output


def test_non_utf8_stdin_is_a_clear_error(invoke: Invoke) -> None:
    result = invoke(*ARGS, "-", input=b"\xff\xfe latency")
    assert result.exit_code == 2
    assert "standard input is not UTF-8 text" in result.stderr


def test_a_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(*ARGS, str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_unknown_track_lists_the_valid_ones(invoke: Invoke) -> None:
    result = invoke(
        "score", "--track", "sales", "--round", "culture", "--question", "q", "--answer", STRONG
    )
    assert result.exit_code == 2
    assert "unknown track 'sales'; valid tracks: pm, pmm, tpm, ds" in result.stderr


def test_unknown_round_lists_the_valid_ones(invoke: Invoke) -> None:
    result = invoke(
        "score", "--track", "pm", "--round", "lunch", "--question", "q", "--answer", STRONG
    )
    assert result.exit_code == 2
    assert "unknown round 'lunch'" in result.stderr
    assert "market_strategy" in result.stderr and "business_case" in result.stderr


@pytest.mark.parametrize("answer", ["", "   \n"])
def test_an_empty_answer(invoke: Invoke, answer: str) -> None:
    result = invoke(*ARGS, "--answer", answer)
    assert result.exit_code == 2
    assert "the answer is empty" in result.stderr


def test_the_question_is_required(invoke: Invoke) -> None:
    result = invoke("score", "--track", "pm", "--round", "technical", "--answer", STRONG)
    assert result.exit_code == 2
    assert "give --track, --round and --question, or --question-id" in result.stderr


def test_the_answer_is_required(invoke: Invoke) -> None:
    result = invoke(*ARGS)
    assert result.exit_code == 2
    assert "give the answer as a FILE argument, - for stdin, or --answer" in result.stderr


# --- human output ---------------------------------------------------------------------


@pytest.mark.parametrize(("answer", "words"), [(STRONG, "Strong hire"), (WEAK, "Strong no hire")])
def test_human_output_shows_the_decision_in_words(invoke: Invoke, answer: str, words: str) -> None:
    result = invoke(*ARGS, "--answer", answer)
    assert result.exit_code == 0, result.output
    expected = score("pm", "technical", QUESTION, answer)
    assert f"Overall {expected.overall:.2f} / 4.00" in result.stdout
    assert words in result.stdout
    assert "strong_hire" not in result.stdout and "strong_no_hire" not in result.stdout
    assert "Follow-up probe:" in result.stdout
    for c in expected.criteria:
        assert c.id in result.stdout
    for f in expected.flags:
        assert f"Red flag: {f.id}" in result.stdout


# --- batches --------------------------------------------------------------------------


def line(**fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False)


GOOD = {"track": "pm", "round": "technical", "question": QUESTION}


def run_batch(invoke: Invoke, tmp_path: Path, lines: list[bytes]) -> Result:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return invoke("score", "--batch", str(path))


def outputs(result: Result) -> list[dict[str, Any]]:
    return [json.loads(x) for x in result.stdout.splitlines()]


def test_batch_keeps_order_and_echoes_ids(invoke: Invoke, tmp_path: Path) -> None:
    rows = [
        {"id": "z-strong", **GOOD, "answer": STRONG, "grade": 4, "note": "ignored"},
        {"id": 7, **GOOD, "answer": WEAK},
        {
            "id": "a-points",
            **GOOD,
            "answer": STRONG,
            "talking_points": ["Shard hot SKUs across partitions"],
        },
        {"id": "m-ref", **GOOD, "answer": STRONG, "reference": "Queue the writes."},
    ]
    result = run_batch(invoke, tmp_path, [line(**r).encode() for r in rows])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    out = outputs(result)
    assert [o["id"] for o in out] == ["z-strong", 7, "a-points", "m-ref"]
    for row, o in zip(rows, out, strict=True):
        expected = score(
            row["track"],
            row["round"],
            row["question"],
            row["answer"],
            talking_points=row.get("talking_points"),
            reference=row.get("reference"),
        ).to_json()
        assert o == {"id": row["id"], **expected}
        assert o["schema"] == SCHEMA
    assert "coverage" not in out[0] and "coverage" not in out[1]
    assert out[2]["coverage"]["points"][0]["covered"] is True
    assert out[3]["coverage"]["points"][0]["point"] == "Queue the writes."


LATIN = (
    b'{"id": "latin", "track": "pm", "round": "technical", "question": "q", "answer": "caf\xe9"}'
)


def test_batch_reports_bad_lines_and_scores_the_rest(invoke: Invoke, tmp_path: Path) -> None:
    lines = [
        line(id="ok-1", **GOOD, answer=STRONG).encode(),
        b'{"id": "broken", "track": "pm",',
        line(id="no-answer", **GOOD).encode(),
        line(id="lunch", **{**GOOD, "round": "lunch"}, answer=STRONG).encode(),
        line(id="empty", **GOOD, answer="   ").encode(),
        LATIN,
        b"",
        b"   ",
        line(id="sales", **{**GOOD, "track": "sales"}, answer=STRONG).encode(),
        b"[1, 2]",
        line(id="points", **GOOD, answer=STRONG, talking_points="not a list").encode(),
        line(id="ok-2", **GOOD, answer=WEAK).encode(),
    ]
    result = run_batch(invoke, tmp_path, lines)
    assert result.exit_code == 1
    assert '8 line(s) failed; see their "error" fields' in result.stderr
    out = outputs(result)
    # Blank lines are skipped; every other line gives exactly one result, in order.
    assert [o["id"] for o in out] == [
        "ok-1",
        None,
        "no-answer",
        "lunch",
        "empty",
        None,
        "sales",
        None,
        "points",
        "ok-2",
    ]
    errors = {i: o["error"] for i, o in enumerate(out) if "error" in o}
    assert set(errors) == {1, 2, 3, 4, 5, 6, 7, 8}
    for i in errors:
        assert set(out[i]) == {"id", "error"}
    assert errors[1].startswith("not valid JSON")
    assert errors[2] == "missing field(s): answer"
    assert errors[3].startswith("unknown round 'lunch'; valid rounds: screen, hiring_manager")
    assert "empty" in errors[4]
    assert errors[5] == f"line 6 is not UTF-8 text (byte {LATIN.index(0xE9)})"
    assert errors[6] == "unknown track 'sales'; valid tracks: pm, pmm, tpm, ds"
    assert errors[7] == "each line must be a JSON object"
    assert errors[8] == "talking_points must be a list of strings"
    assert out[0] == {"id": "ok-1", **score("pm", "technical", QUESTION, STRONG).to_json()}
    assert out[-1] == {"id": "ok-2", **score("pm", "technical", QUESTION, WEAK).to_json()}


Recorder = Any  # tests/conftest.py's ScoreRecorder


@pytest.fixture
def recorder(record_scores: Any) -> Any:
    return record_scores("loopcoach.scoring.score")


def test_a_pack_questions_asks_for_reaches_the_scorer(invoke: Invoke, recorder: Recorder) -> None:
    as_json(invoke("score", "--question-id", "pm-culture-06", "--answer", STRONG, "--json"))
    as_json(invoke(*ARGS, "--answer", STRONG, "--json"))
    # A pack question says what it asks for; a pasted one leaves the scorer to infer it.
    assert recorder.asks_for == ["setback_story", None]


def test_a_batch_line_may_say_what_its_question_asks_for(
    invoke: Invoke, tmp_path: Path, recorder: Recorder
) -> None:
    lines = [
        line(id="told", **GOOD, answer=STRONG, asks_for="design").encode(),
        line(id="null", **GOOD, answer=STRONG, asks_for=None).encode(),
        line(id="absent", **GOOD, answer=STRONG).encode(),
        line(id="typo", **GOOD, answer=STRONG, asks_for="desing").encode(),
        line(id="list", **GOOD, answer=STRONG, asks_for=["design"]).encode(),
    ]
    result = run_batch(invoke, tmp_path, lines)
    assert result.exit_code == 1
    out = outputs(result)
    assert [o["id"] for o in out] == ["told", "null", "absent", "typo", "list"]
    assert recorder.asks_for == ["design", None, None]
    assert out[0] == {
        "id": "told",
        **score("pm", "technical", QUESTION, STRONG, asks_for="design").to_json(),
    }
    allowed = "setback_story, conflict_story, story, design, diagnosis, plan, decision, "
    assert out[3] == {
        "id": "typo",
        "error": f"unknown asks_for 'desing'; use one of: {allowed}motivation, explanation",
    }
    assert out[4]["error"].startswith("unknown asks_for ['design']; use one of: setback_story")


def test_batch_from_stdin(invoke: Invoke) -> None:
    text = "\n".join([line(id="one", **GOOD, answer=STRONG), line(id="two", **GOOD, answer=WEAK)])
    result = invoke("score", "--batch", "-", input=text)
    assert result.exit_code == 0, result.output
    assert [o["id"] for o in outputs(result)] == ["one", "two"]
    assert all(o["schema"] == SCHEMA for o in outputs(result))


def test_batch_missing_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("score", "--batch", str(tmp_path / "none.jsonl"))
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


@pytest.mark.parametrize("seconds", ["0", "-5", "inf", "nan", "99999"])
def test_an_impossible_duration_is_a_clear_error(invoke: Invoke, seconds: str) -> None:
    result = invoke(*ARGS, "--answer", STRONG, f"--duration={seconds}", "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "error: the duration must be a number of seconds" in result.stderr
    assert "Traceback" not in result.output


def test_the_terminal_says_a_non_answer_first(invoke: Invoke, tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "The launch I'm proudest of was our seller onboarding revamp. I interviewed twenty "
        "new sellers, cut the sign-up form from eleven steps to four, and activation rose "
        "from 31% to 44% in a three-week A/B test, so we rolled it out everywhere.",
        encoding="utf-8",
    )
    result = invoke(
        "score",
        "--track",
        "pm",
        "--round",
        "culture",
        "--question",
        "Tell me about a time you failed.",
        str(answer),
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "This does not answer the question" in out
    assert out.find("This does not answer the question") < out.find("Criteria")
    assert "tells of a success" in " ".join(out.split())


def test_the_terminal_says_first_when_the_grade_was_lowered_for_distance(
    invoke: Invoke, tmp_path: Path
) -> None:
    from loopcoach.content.index import Content, builtin_pack_dirs

    content = Content.load(builtin_pack_dirs())
    own = content.question("pm-culture-04")[1]
    other = content.question("pmm-culture-01")[1]
    answer = tmp_path / "answer.txt"
    answer.write_text(next(e.answer for e in own.exemplars if e.kind == "strong"), "utf-8")
    result = invoke(
        "score", "--track", "pmm", "--round", "culture", "--question", other.text, str(answer)
    )
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "This may not answer the question" in out
    assert "The grade is lowered by" in out
    assert out.find("This may not answer the question") < out.find("Criteria")
