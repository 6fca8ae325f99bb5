"""What practice does when the terminal cuts a line, the database fails, or scoring was killed."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from rich.console import Console
from sqlalchemy import event
from typer.testing import Result

from loopcoach.cli.loop_session import LoopSession
from loopcoach.cli.practice import CUT_LINE_BYTES, PracticeSession, Terminal
from loopcoach.cli.recover import AnswerNotSaved
from loopcoach.content.index import Content
from loopcoach.services.loop import LoopService
from loopcoach.services.practice import PracticeService
from loopcoach.store import Store

Invoke = Callable[..., Result]

SENTENCES = (
    "I owned the checkout redesign for first-time buyers in 2023. "
    "We missed the 5% conversion target by 2 points because I skipped a pilot to hit the date. "
    "I told the team it was my call, ran a rollback review, and changed our process. "
    "Every launch now starts with a 10% rollout and a kill criterion agreed with finance. "
)


def long_line(n_bytes: int) -> str:
    """Real answer text, one line, exactly `n_bytes` long."""
    text = SENTENCES * (n_bytes // len(SENTENCES) + 1)
    return text[:n_bytes].rstrip() + "x" * (n_bytes - len(text[:n_bytes].rstrip()))


@pytest.fixture
def mini_args(mini_pack_dir: Path) -> list[str]:
    return ["--pack-dir", str(mini_pack_dir)]


def feed(*items: str | type[BaseException]) -> Callable[[], str]:
    """A read_line that returns each item, raises each exception class, then EOFError."""
    queue = list(items)

    def read() -> str:
        if not queue:
            raise EOFError
        item = queue.pop(0)
        if isinstance(item, type):
            raise item
        return item

    return read


@pytest.fixture
def pty_terminal() -> Iterator[Terminal]:
    """A Terminal on a real pseudo-terminal, as practice builds for a user at a keyboard."""
    master, slave = pty.openpty()
    try:
        yield Terminal(slave, line_editing=False)
    finally:
        os.close(slave)
        os.close(master)


def session(
    store: Store, content: Content, out: io.StringIO, read_line: Callable[[], str], **kw: Any
) -> PracticeSession:
    return PracticeSession(
        service=PracticeService(store, content),
        console=Console(file=out, width=100),
        read_line=read_line,
        **kw,
    )


# -- 1. long pasted lines -------------------------------------------------------


def test_a_long_piped_line_is_kept_whole(
    invoke: Invoke, mini_args: list[str], database_file: Path
) -> None:
    line = long_line(9_000)
    result = invoke(
        *mini_args, "practice", "-q", "mini-cu-01", "--no-follow-up", input=line + "\n.\n"
    )
    assert result.exit_code == 0, result.output
    assert "cut off" not in result.output
    with Store.open(f"sqlite:///{database_file}") as store:
        (attempt,) = store.attempts()
        assert attempt.status == "scored" and attempt.answer == line


def test_a_line_cut_by_the_terminal_is_not_scored_silently(
    tmp_path: Path, mini_content: Content, pty_terminal: Terminal
) -> None:
    cut = long_line(CUT_LINE_BYTES)
    out = io.StringIO()
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        s = session(
            store, mini_content, out, feed("First line.", cut, ".", ""), terminal=pty_terminal
        )
        s.run(question_id="mini-cu-01")
        (draft,) = store.attempts()
    text = " ".join(out.getvalue().split())
    assert "that line is 4,095 bytes" in text and "probably cut off" in text
    assert "Line 2 of your answer looks cut off by the terminal. Score it anyway?" in text
    assert f"Not scored; what you typed is kept as draft attempt {draft.id}" in text
    assert "loopcoach practice -q mini-cu-01 --answer-file FILE" in text
    assert draft.status == "draft" and draft.answer == f"First line.\n{cut}"


def test_a_cut_line_is_scored_when_the_user_says_so(
    tmp_path: Path, mini_content: Content, pty_terminal: Terminal
) -> None:
    out = io.StringIO()
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        s = session(
            store,
            mini_content,
            out,
            feed(long_line(CUT_LINE_BYTES), ".", "y"),
            terminal=pty_terminal,
        )
        s.run(question_id="mini-cu-01", follow_up=False)
        (attempt,) = store.attempts()
    assert attempt.status == "scored"
    assert "Saved as attempt" in out.getvalue()


def test_a_bracketed_paste_of_several_lines_and_the_end_mark(
    tmp_path: Path, mini_content: Content
) -> None:
    # readline hands a bracketed paste over as one read, newlines and all.
    out = io.StringIO()
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        s = session(store, mini_content, out, feed("I owned it.\nWe missed by 2 points.\n.\n"))
        s.run(question_id="mini-cu-01", follow_up=False)
        (attempt,) = store.attempts()
    assert attempt.status == "scored"
    assert attempt.answer == "I owned it.\nWe missed by 2 points."


def _run_on_a_pty(args: list[str], env: dict[str, str], paste: bytes) -> tuple[int, str]:
    """Run `loopcoach ARGS` with a pseudo-terminal as its stdin and stdout; paste once asked."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from loopcoach.cli.app import main; main()", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    seen = b""
    pending = b""
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if not pending and paste and b"Ctrl-C keeps" in seen:
                pending, paste = paste, b""  # the answer prompt is up: paste it all at once
            ready_r, ready_w, _ = select.select([master], [master] if pending else [], [], 0.2)
            if ready_w:
                pending = pending[os.write(master, pending[:1024]) :]
            if ready_r:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            if proc.poll() is not None and not ready_r:
                break
        try:
            return proc.wait(timeout=30), seen.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            return -1, seen.decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_long_paste_on_a_real_terminal_arrives_whole(
    tmp_path: Path, mini_pack_dir: Path, cli_env: dict[str, str | None]
) -> None:
    first, second = long_line(6_000), long_line(5_000)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOPCOACH_")}
    env.update({k: v for k, v in cli_env.items() if v is not None})
    env["TERM"] = "dumb"
    # Two long lines and the end mark in one paste: the second arrives between two reads.
    paste = f"{first}\n{second}\n.\n".encode()
    args = ["--pack-dir", str(mini_pack_dir), "practice", "-q", "mini-cu-01", "--no-follow-up"]
    code, screen = _run_on_a_pty(args, env, paste)
    assert code == 0, screen[-3000:]
    with Store.open(f"sqlite:///{tmp_path / 'data' / 'loopcoach.sqlite3'}") as store:
        (attempt,) = store.attempts()
        assert attempt.status == "scored"
        assert attempt.answer == f"{first}\n{second}"


# -- 2. a database that fails in the middle of practice --------------------------


def make_read_only(store: Store) -> None:
    """From now on the database refuses every write, as a full or read-only disk does."""

    def query_only(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only=ON")

    event.listen(store.engine, "connect", query_only)
    store.engine.dispose()


def test_database_failing_mid_answer_keeps_the_answer_in_a_file(
    tmp_path: Path, mini_content: Content, invoke: Invoke, mini_args: list[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'loopcoach.sqlite3'}"
    data_dir = tmp_path / "data"
    out = io.StringIO()
    with Store.open(url) as store:

        def lines() -> Iterator[str]:
            yield "I owned the checkout redesign in 2023."
            make_read_only(store)  # the disk fills up while the user types
            yield "We missed the target by 2 points because I skipped a pilot."
            yield "I changed the process: every launch starts with a 10% rollout."
            yield "."

        it = lines()
        s = session(store, mini_content, out, lambda: next(it), data_dir=data_dir)
        with pytest.raises(AnswerNotSaved) as info:
            s.run(question_id="mini-cu-01")
    assert info.value.exit_code == 1
    (kept,) = (data_dir / "recovered").iterdir()
    answer = kept.read_text(encoding="utf-8")
    assert answer == (
        "I owned the checkout redesign in 2023.\n"
        "We missed the target by 2 points because I skipped a pilot.\n"
        "I changed the process: every launch starts with a 10% rollout."
    )
    assert kept.stat().st_mode & 0o077 == 0  # an answer is private
    shown = " ".join(out.getvalue().split())
    assert "warning: the database cannot save your draft" in shown
    assert f"kept in {kept} instead" in shown
    message = " ".join(str(info.value).split())
    assert str(kept) in message
    assert f"`loopcoach practice -q mini-cu-01 --answer-file {kept}`" in message

    # Once the database works again, the command it gave scores the whole answer.
    again = invoke(*mini_args, "practice", "-q", "mini-cu-01", "--answer-file", str(kept))
    assert again.exit_code == 0, again.output
    with Store.open(url) as store:
        scored = [a for a in store.attempts() if a.status == "scored"]
        assert [a.answer for a in scored] == [answer]


def test_read_only_database_ends_practice_cleanly(
    invoke: Invoke, mini_args: list[str], database_file: Path, tmp_path: Path
) -> None:
    first = invoke(*mini_args, "practice", "-q", "mini-cu-01", "--no-follow-up", input="A.\n.\n")
    assert first.exit_code == 0, first.output
    read_only = f"sqlite:///file:{database_file}?mode=ro&uri=true"
    answer = "I owned the launch.\nWe missed by two points; I changed the rollout."
    result = invoke(
        "--database-url",
        read_only,
        *mini_args,
        "practice",
        "-q",
        "mini-cu-01",
        input=f"{answer}\n.\n",
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    (kept,) = (tmp_path / "data" / "recovered").iterdir()
    assert kept.read_text(encoding="utf-8") == answer
    output = " ".join(result.output.split())
    assert "error: the database failed while saving your answer" in output
    assert "--answer-file" in output


def test_recovery_falls_back_to_the_temp_folder(
    tmp_path: Path, mini_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    not_a_folder = tmp_path / "data-is-a-file"
    not_a_folder.write_text("")
    out = io.StringIO()
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        make_read_only(store)
        s = session(store, mini_content, out, feed("I owned it.", "."), data_dir=not_a_folder)
        with pytest.raises(AnswerNotSaved):
            s.run(question_id="mini-cu-01")
    (kept,) = (tmp_path / "tmp" / "loopcoach-recovered").iterdir()
    assert kept.read_text(encoding="utf-8") == "I owned it."


def test_ctrl_c_after_the_database_failed_says_where_the_draft_is(
    tmp_path: Path, mini_content: Content
) -> None:
    out = io.StringIO()
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        make_read_only(store)
        s = session(
            store,
            mini_content,
            out,
            feed("I owned it.", KeyboardInterrupt),
            data_dir=tmp_path / "data",
        )
        with pytest.raises(typer.Exit) as info:
            s.run(question_id="mini-cu-01")
    assert info.value.exit_code == 130
    (kept,) = (tmp_path / "data" / "recovered").iterdir()
    assert kept.read_text(encoding="utf-8") == "I owned it."
    assert f"kept in {kept}" in " ".join(out.getvalue().split())


def test_database_failing_during_a_loop_keeps_the_answer(
    tmp_path: Path, mini_content: Content
) -> None:
    out = io.StringIO()
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        service = LoopService(store, mini_content)
        loop = service.start("pm", seed="1")

        def lines() -> Iterator[str]:
            make_read_only(store)  # the first question is up; now the disk is full
            yield "I owned the launch."
            yield "."

        it = lines()
        s = LoopSession(
            service,
            Console(file=out, width=100),
            read_line=lambda: next(it),
            data_dir=tmp_path / "data",
        )
        with pytest.raises(AnswerNotSaved) as info:
            s.run(loop)
    (kept,) = (tmp_path / "data" / "recovered").iterdir()
    assert kept.read_text(encoding="utf-8") == "I owned the launch."
    assert "loopcoach loop --resume" in str(info.value)


# -- 3. answers saved but never scored -------------------------------------------


def killed_while_scoring(database_file: Path, content: Content) -> tuple[int, int]:
    """Two answers committed and never scored: one whose process died, one whose scorer failed."""
    with Store.open(f"sqlite:///{database_file}") as store:
        service = PracticeService(store, content)
        question = service.question("mini-cu-01")
        answer = SENTENCES.strip()
        killed = store.save_attempt(question.new_attempt(), answer)  # what submit commits first
        failed = store.save_attempt(service.question("mini-cu-02").new_attempt(), answer)
        store.mark_error(failed, "RuntimeError: the scorer crashed")
        return killed, failed


def test_rescore_lists_then_scores_every_waiting_answer(
    invoke: Invoke, mini_args: list[str], database_file: Path, mini_content: Content
) -> None:
    assert invoke("progress").exit_code == 0  # creates the database
    killed, failed = killed_while_scoring(database_file, mini_content)

    listed = invoke(*mini_args, "rescore")
    assert listed.exit_code == 0, listed.output
    assert "Waiting to be scored" in listed.output
    assert "loopcoach rescore --all" in listed.output

    done = invoke(*mini_args, "rescore", "--all")
    assert done.exit_code == 0, done.output
    assert f"Attempt {killed} (pm/culture):" in done.output
    assert f"Attempt {failed} (pm/culture):" in done.output
    assert "Scored 2 answer(s)" in done.output
    with Store.open(f"sqlite:///{database_file}") as store:
        for attempt_id in (killed, failed):
            attempt = store.attempt(attempt_id)
            assert attempt is not None and attempt.status == "scored"
            assert attempt.assessment is not None and attempt.error is None

    assert "Nothing to score" in invoke(*mini_args, "rescore", "--all").output


def test_rescore_one_attempt_as_json(
    invoke: Invoke, mini_args: list[str], database_file: Path, mini_content: Content
) -> None:
    assert invoke("progress").exit_code == 0
    killed, failed = killed_while_scoring(database_file, mini_content)
    result = invoke(*mini_args, "rescore", str(failed), "--json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["attempt_id"] == failed and row["status"] == "scored"
    assert 0 <= row["overall"] <= 4
    waiting = json.loads(invoke(*mini_args, "rescore", "--json").stdout)
    assert [a["id"] for a in waiting] == [killed]

    again = invoke(*mini_args, "rescore", str(failed))
    assert again.exit_code == 2
    assert f"attempt {failed} is scored" in again.output
    assert invoke(*mini_args, "rescore", "999").exit_code == 2


def test_rescore_grades_a_follow_up_for_its_probe(
    invoke: Invoke, mini_args: list[str], database_file: Path, mini_content: Content
) -> None:
    with Store.open(f"sqlite:///{database_file}") as store:
        service = PracticeService(store, mini_content)
        main = service.submit(service.question("mini-cu-01"), SENTENCES.strip())
        probe = service.follow_up_question(main.attempt_id)
        follow = store.save_attempt(probe.new_attempt(), "I would have run a one-week pilot.")
    result = invoke(*mini_args, "rescore", "--all")
    assert result.exit_code == 0, result.output
    with Store.open(f"sqlite:///{database_file}") as store:
        attempt = store.attempt(follow)
        assert attempt is not None and attempt.status == "scored"
        assert attempt.assessment is not None
        assert probe.aimed_at  # the scorer's own probe says what it aims at
        assert attempt.assessment.payload["graded_for"] == probe.aimed_at


def test_practice_says_how_many_answers_wait_to_be_scored(
    invoke: Invoke, mini_args: list[str], database_file: Path, mini_content: Content
) -> None:
    assert invoke("progress").exit_code == 0
    killed_while_scoring(database_file, mini_content)
    result = invoke(
        *mini_args, "practice", "-q", "mini-cu-02", "--no-follow-up", input=f"{SENTENCES}\n.\n"
    )
    assert result.exit_code == 0, result.output
    assert "2 answers are saved but not scored yet; `loopcoach rescore --all` scores them." in (
        " ".join(result.output.split())
    )
