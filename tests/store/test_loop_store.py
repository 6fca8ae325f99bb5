"""The loop tables (migration 0002) on SQLite and, when its URL is set, PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.orm import Session

from loopcoach.errors import UsageError
from loopcoach.store import NewAttempt, Store
from loopcoach.store.loop_models import LoopRow, LoopStepRow
from loopcoach.store.loops import LoopStep, LoopStore
from loopcoach.store.migrate import (
    current_revision,
    downgrade_engine,
    head_revision,
    upgrade_engine,
)

PLAN = [
    {"round": "product_sense", "question_ids": ["mini-ps-01"]},
    {"round": "culture", "question_ids": ["mini-cu-01"]},
]


def ask_first(loops: LoopStore, loop_id: int, question: str = "Q?") -> LoopStep:
    """Record the loop's first main question (position 0) with this text."""
    return loops.add_step(
        loop_id,
        position=0,
        round="product_sense",
        kind="main",
        question_id="mini-ps-01",
        question=question,
    )


def attempt(store: Store, text: str = "an answer") -> int:
    return store.save_attempt(
        NewAttempt(track="pm", round="product_sense", question="Q?", question_id="mini-ps-01"),
        text,
    )


def test_migration_creates_the_loop_tables_as_the_models_describe_them(store: Store) -> None:
    assert {"loops", "loop_steps"} <= set(inspect(store.engine).get_table_names())
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), LoopRow.metadata)
    assert [d for d in diffs if "loop" in str(d)] == []


def test_downgrade_to_0001_drops_only_the_loop_tables(database_url: str) -> None:
    with Store.open(database_url) as s:
        attempt(s)
    engine = create_engine(database_url)
    try:
        downgrade_engine(engine, "0001")
        tables = set(inspect(engine).get_table_names())
        assert "loops" not in tables and "attempts" in tables
        upgrade_engine(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_steps_are_recorded_once_per_position_and_linked_to_attempts(store: Store) -> None:
    loops = LoopStore(store)
    loop = loops.create(pack="mini", track="pm", seed="1", plan=PLAN, mode="interactive")
    step = ask_first(loops, loop.id, "Q?")
    again = ask_first(loops, loop.id, "other text")
    assert again.id == step.id and again.question == "Q?"
    loops.link_attempt(step.id, attempt(store))
    fresh = loops.get(loop.id)
    assert fresh.plan == PLAN and fresh.status == "in_progress"
    assert [s.kind for s in fresh.steps] == ["main"] and fresh.steps[0].attempt_id is not None
    done = loops.finish(loop.id, {"decision": "lean_hire"})
    assert done.finished and done.debrief == {"decision": "lean_hire"} and done.finished_at
    with pytest.raises(UsageError, match="finished"):
        loops.skip(step.id)


def test_deleting_an_attempt_leaves_its_step_pending(store: Store) -> None:
    loops = LoopStore(store)
    loop = loops.create(pack="mini", track="pm", seed="1", plan=PLAN, mode="scripted")
    step = ask_first(loops, loop.id, "Q?")
    attempt_id = attempt(store)
    loops.link_attempt(step.id, attempt_id)
    assert store.delete_attempt(attempt_id)
    (kept,) = loops.get(loop.id).steps
    assert kept.attempt_id is None and not kept.skipped


def test_users_see_only_their_own_loops(store: Store) -> None:
    alice = LoopStore(store.for_user("alice"))
    bob = LoopStore(store.for_user("bob"))
    mine = alice.create(pack="mini", track="pm", seed="1", plan=PLAN, mode="interactive")
    assert bob.loops() == []
    with pytest.raises(UsageError, match=f"no loop {mine.id}"):
        bob.get(mine.id)
    assert [x.id for x in alice.loops(status="in_progress")] == [mine.id]


def test_a_step_asked_twice_at_once_is_recorded_once(database_url: str) -> None:
    with Store.open(database_url) as first, Store.open(database_url) as second:
        a, b = LoopStore(first), LoopStore(second)
        loop = a.create(pack="mini", track="pm", seed="1", plan=PLAN, mode="interactive")
        raced: list[bool] = []

        def other_tab_first(session: Session, *args: object) -> None:
            # Another request records the step after this one looked and before it inserts.
            if not raced and any(isinstance(o, LoopStepRow) for o in session.new):
                raced.append(True)
                ask_first(b, loop.id, "From the other tab")

        event.listen(Session, "before_flush", other_tab_first)
        try:
            step = ask_first(a, loop.id, "From this tab")
        finally:
            event.remove(Session, "before_flush", other_tab_first)
        assert raced and step.question == "From the other tab"
        assert len(a.get(loop.id).steps) == 1
