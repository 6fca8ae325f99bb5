"""Delete for good: the text is gone from the SQLite file and its WAL, not just from queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loopcoach.content.index import Content, load_content
from loopcoach.errors import UsageError
from loopcoach.services.loop import LoopService
from loopcoach.services.loop_script import run_scripted
from loopcoach.services.practice import PracticeService
from loopcoach.store import Store
from loopcoach.store.erase import Eraser

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
SECRET = "Zanzibarquokka"  # a word no pack, scorer text or other answer contains


def answer_with(word: str) -> str:
    return (
        f"I led the {word} seller programme in 2024 and set a target of 40% activation; we "
        "measured week-one sales, reached 38%, and I owned the miss. The trade-off was speed "
        "against coverage, and next time I would pilot in one market first."
    )


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def files_of(path: Path) -> bytes:
    """The database file and its -wal and -shm, as a reader of the disk would see them."""
    data = b""
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            data += part.read_bytes()
    return data


def test_a_deleted_answer_leaves_no_bytes_in_the_file_or_the_wal(
    tmp_path: Path, content: Content
) -> None:
    db = tmp_path / "loopcoach.sqlite3"
    with Store.open(f"sqlite:///{db}") as store:
        practice = PracticeService(store, content)
        question = practice.question(content.questions(track="pm")[0].id)
        kept = practice.submit(question, answer_with("Kestrelgrove"))
        gone = practice.submit(question, answer_with(SECRET))
        practice.submit_follow_up(gone.attempt_id, f"The {SECRET} pilot would go first.")
        assert SECRET.encode() in files_of(db)
        erased = Eraser(store).attempt(gone.attempt_id)
        assert erased.attempts == 2  # the answer and its follow-up
        assert SECRET.encode() not in files_of(db)
        assert SECRET.encode("utf-16-le") not in files_of(db)
        assert store.attempt(gone.attempt_id) is None
        assert store.attempt(kept.attempt_id) is not None
        assert b"Kestrelgrove" in files_of(db)


def test_deletion_does_not_rely_on_how_sqlite_was_built(tmp_path: Path, content: Content) -> None:
    """Debian builds SQLite with secure_delete on; macOS and Windows Pythons do not."""
    from typing import Any

    from sqlalchemy import event

    from loopcoach.store.engine import make_engine
    from loopcoach.store.migrate import upgrade_engine

    db = tmp_path / "loopcoach.sqlite3"
    engine = make_engine(f"sqlite:///{db}")

    def like_other_builds(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA secure_delete=OFF")  # before loopcoach's own settings

    event.listen(engine, "connect", like_other_builds, insert=True)
    upgrade_engine(engine)
    with Store(engine) as store:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        practice = PracticeService(store, content)
        question = practice.question(content.questions(track="pm")[0].id)
        gone = practice.submit(question, answer_with(SECRET))
        practice.submit(question, answer_with("Kestrelgrove"))
        Eraser(store).attempt(gone.attempt_id)
        assert SECRET.encode() not in files_of(db)


def test_deleting_an_answer_of_a_finished_loop_rebuilds_its_debrief_without_it(
    tmp_path: Path, content: Content
) -> None:
    db = tmp_path / "loopcoach.sqlite3"
    answers = json.loads((EXAMPLES / "loop-pm-strong.json").read_text(encoding="utf-8"))
    first_round = next(iter(answers))
    answers[first_round][0] = answer_with(SECRET) + " " + answers[first_round][0]
    with Store.open(f"sqlite:///{db}") as store:
        loops = LoopService(store, content)
        loop, debrief = run_scripted(loops, "pm", answers)
        assert SECRET in json.dumps(loops.loops.get(loop.id).debrief)
        step = next(s for s in loops.loops.get(loop.id).steps if s.attempt_id is not None)
        erased = Eraser(store).attempt(step.attempt_id or 0)
        assert erased.debriefs_dropped == 1
        assert SECRET.encode() not in files_of(db)
        rebuilt = loops.debrief(loop.id)
        assert SECRET not in json.dumps(rebuilt.to_json())
        assert rebuilt.grade < debrief.grade  # the deleted answer now counts as unanswered


def test_a_loop_a_question_and_everything(tmp_path: Path, content: Content) -> None:
    db = tmp_path / "loopcoach.sqlite3"
    answers = json.loads((EXAMPLES / "loop-pm-strong.json").read_text(encoding="utf-8"))
    with Store.open(f"sqlite:///{db}") as store:
        loops = LoopService(store, content)
        loop, _ = run_scripted(loops, "pm", answers)
        in_loop = {s.attempt_id for s in loops.loops.get(loop.id).steps if s.attempt_id}
        practice = PracticeService(store, content)
        q1, q2 = (practice.question(q.id) for q in content.questions(track="pm")[:2])
        for _ in range(2):
            practice.submit(q1, answer_with(SECRET))
        other = practice.submit(q2, answer_with("Kestrelgrove"))

        erased = Eraser(store).loop(loop.id)
        assert erased.loops == 1 and erased.attempts == len(in_loop)
        assert all(store.attempt(a) is None for a in in_loop)
        with pytest.raises(UsageError):
            loops.loops.get(loop.id)

        assert Eraser(store).question(q1.question_id or "").attempts == 2
        assert SECRET.encode() not in files_of(db)
        assert store.attempt(other.attempt_id) is not None
        with pytest.raises(UsageError, match="no answers"):
            Eraser(store).question(q1.question_id or "")

        practice.save_draft(q1, f"a draft about {SECRET}")
        from datetime import UTC, date, datetime, timedelta

        from sqlalchemy import text

        from loopcoach.services.cards import CardService
        from loopcoach.services.plan import PlanService

        today = date(2026, 12, 3)
        PlanService(store, content).create(
            track="pm", interview=today + timedelta(days=14), hours=2.0, today=today
        )
        CardService(store, content).sync(datetime.now(UTC))
        from loopcoach.services.stories import StoryInput, StoryService

        told = StoryService(store, content).add(
            StoryInput(title="The Marrowfen outage", situation="Checkout at Marrowfen failed.")
        )
        StoryService(store, content).tell(told.id, other.attempt_id)
        from loopcoach.services.rounds import RoundService

        RoundService(store, content).log(
            track="pm",
            round="culture",
            held_on=today - timedelta(days=1),
            feeling=3,
            questions=["What did Marrowfen teach you?"],
            today=today,
        )
        with store.engine.connect() as conn:
            for table in ("plans", "plan_items", "cards", "stories", "real_rounds"):
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar(), table
        everything = Eraser(store).everything()
        with store.engine.connect() as conn:
            for table in (
                "plans",
                "plan_items",
                "checklist_done",
                "cards",
                "card_reviews",
                "stories",
                "attempt_stories",
                "real_rounds",
                "real_round_questions",
            ):
                assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
        assert everything.attempts == 2  # the other answer and the draft
        assert store.attempts() == [] and loops.loops.loops() == []
        assert SECRET.encode() not in files_of(db) and b"Kestrelgrove" not in files_of(db)
        assert b"Marrowfen" not in files_of(db)


def test_deleting_what_is_not_there_says_so(store: Store) -> None:
    with pytest.raises(UsageError, match="no attempt 7"):
        Eraser(store).attempt(7)
    with pytest.raises(UsageError, match="no loop 7"):
        Eraser(store).loop(7)
    assert Eraser(store).everything().attempts == 0
