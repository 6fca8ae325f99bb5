"""The progress summary (migration 0009) stays equal to a recomputation over every attempt.

A database of the release before it upgrades with the same figures; then saving,
scoring, rescoring, failing, deleting, erasing and importing keep the summary equal
to the grouped query over the attempts, on SQLite and, when its URL is set, PostgreSQL.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert
from tests.conftest import PG_URL, _postgres_schema_url

from loopcoach.scoring.types import Assessment, CriterionScore, decision_for
from loopcoach.store import NewAttempt, Store
from loopcoach.store import progress_summary as summary
from loopcoach.store.erase import Eraser
from loopcoach.store.migrate import downgrade_engine, upgrade_engine
from loopcoach.store.models import AssessmentRow, Attempt, Base
from loopcoach.store.records import AttemptGroup, Progress, question_counts
from loopcoach.store.transfer import export_file, import_file

START = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
QUESTIONS = [
    ("pm", "culture", "pm-cu-01", ["ownership", "resilience"]),
    ("pm", "culture", "pm-cu-02", ["ownership"]),
    ("pm", "product_sense", "pm-ps-01", ["metrics_judgement", "ownership"]),
    ("ds", "technical", "ds-te-01", ["statistics"]),
    ("ds", "culture", None, ["resilience"]),  # a custom question
]
TRACKS = (None, "pm", "ds")


def graded(overall: float, track: str = "pm", round: str = "culture") -> Assessment:
    return Assessment(
        track=track,
        round=round,
        overall=overall,
        decision=decision_for(overall),
        criteria=(CriterionScore("ownership", 2, (), "Some ownership."),),
        flags=(),
        strengths=(),
        improvements=(),
        follow_up="What would you do differently?",
        scorer_version="test",
    )


def new(index: int, **kw: Any) -> NewAttempt:
    track, round, qid, comps = QUESTIONS[index]
    fields: dict[str, Any] = {
        "track": track,
        "round": round,
        "question": f"Question {qid or 'custom'}?",
        "competencies": tuple(comps),
        "pack": "test" if qid else None,
        "question_id": qid,
    }
    fields.update(kw)
    return NewAttempt(**fields)


def seed_rows(store: Store, n: int, seed_value: int = 5) -> None:
    """`n` attempts written straight into the tables: ties, drafts, rescores, another user."""
    rng = random.Random(seed_value)
    attempts: list[dict[str, Any]] = []
    assessments: list[dict[str, Any]] = []
    when = START
    for i in range(1, n + 1):
        if rng.random() > 0.2:
            when += timedelta(hours=rng.choice((1, 5, 30)))
        track, round_, qid, comps = rng.choice(QUESTIONS)
        status = rng.choices(("scored", "saved", "error", "draft"), (75, 10, 5, 10))[0]
        attempts.append(
            {
                "user": "other" if i % 17 == 0 else store.user,
                "created_at": when,
                "updated_at": when,
                "status": status,
                "track": track,
                "round": round_,
                "pack": "test" if qid else None,
                "question_id": qid,
                "question": f"Question {qid or 'custom'}?",
                "competencies": comps,
                "answer": f"answer {i}",
                "kind": "main",
            }
        )
        if status in ("scored", "error") and rng.random() < 0.95:
            for _ in range(2 if rng.random() < 0.15 else 1):
                overall = round(rng.uniform(1.0, 4.0), 2)
                assessments.append(
                    {
                        "attempt_id": i - 1,  # the attempt's index, its id once inserted
                        "created_at": when,
                        "scorer_version": "test",
                        "overall": overall,
                        "decision": decision_for(overall),
                        "payload": {"overall": overall},
                    }
                )
    with store.engine.begin() as conn:
        # Ids given by the database, so that later inserts (an import) never collide.
        ids = conn.execute(
            insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True), attempts
        ).scalars()
        by_index = list(ids)
        for a in assessments:
            a["attempt_id"] = by_index[a["attempt_id"]]
        if assessments:
            conn.execute(insert(AssessmentRow.__table__), assessments)


def keyed(groups: list[AttemptGroup]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    return {
        (g.track, g.round, g.competencies, g.status, g.kind, g.question_id): (
            g.count,
            g.graded,
            pytest.approx(g.grade_sum, rel=1e-12, abs=1e-12),
            g.best,
            g.last,
        )
        for g in groups
    }


def from_scratch(store: Store, track: str | None) -> dict[str, Any]:
    """The figures as the release before the summary computed them, over every attempt."""
    groups = store.attempt_groups(track)
    return {
        "groups": keyed([g for g in groups if g.status != "draft"]),
        "progress": Progress.of(groups).to_json(),
        "counts": question_counts(groups),
    }


def summarised(store: Store, track: str | None) -> dict[str, Any]:
    with store.engine.connect() as conn:
        assert summary.is_current(conn)  # kept by the writes, not rebuilt by this read
        groups = summary.read(conn, store.user, track)
    return {
        "groups": keyed(groups),
        "progress": store.progress(track).to_json(),
        "counts": store.question_attempt_counts(track),
    }


def assert_summary_is_exact(store: Store) -> None:
    comps = sorted({c for q in QUESTIONS for c in q[3]})
    for track in TRACKS:
        assert summarised(store, track) == from_scratch(store, track), track
        # The charts' index gives what walking the attempts gives, limit included.
        for n in (2, 50):
            walked = store._recent_grades_walk(comps, track, n)
            assert store.recent_grades(comps, track, n) == walked, (track, n)


def test_a_database_of_the_release_before_upgrades_with_the_same_figures(
    database_url: str,
) -> None:
    with Store.open(database_url) as store:
        downgrade_engine(store.engine, "0008")
        seed_rows(store, 400)
        before = {t: from_scratch(store, t) for t in TRACKS}
        comps = sorted(before[None]["progress"]["competencies"])
        series = {t: store._recent_grades_walk(comps, t, 7) for t in TRACKS}
        upgrade_engine(store.engine)
        for track in TRACKS:
            assert summarised(store, track) == before[track]
            assert store.recent_grades(comps, track, 7) == series[track]
        other = store.for_user("other")
        assert summarised(other, None) == from_scratch(other, None)


def test_writes_keep_the_summary_equal_to_a_recomputation(database_url: str) -> None:
    with Store.open(database_url) as store:
        assert_summary_is_exact(store)
        ids = []
        for i, overall in enumerate((2.0, 3.5, 1.25, 4.0, 2.75)):
            attempt_id = store.save_attempt(new(i), f"answer {i}")
            store.save_assessment(attempt_id, graded(overall))
            ids.append(attempt_id)
        assert_summary_is_exact(store)
        draft = store.save_draft(new(0), "typing")
        assert_summary_is_exact(store)
        store.save_attempt(new(0), "submitted", attempt_id=draft)
        assert_summary_is_exact(store)
        follow = store.save_attempt(new(0, kind="follow_up", parent_id=ids[0]), "more")
        store.save_assessment(follow, graded(3.0))
        store.save_assessment(ids[1], graded(1.0))  # rescored: its grade goes down
        store.save_assessment(ids[3], graded(2.0))  # and the best of its group with it
        assert_summary_is_exact(store)
        store.mark_error(draft, "RuntimeError: scorer failed")
        store.mark_error(ids[2], "RuntimeError: rescoring failed")
        assert_summary_is_exact(store)
        assert store.delete_attempt(ids[0])  # with its follow-up
        assert_summary_is_exact(store)
        Eraser(store).attempt(ids[4])
        assert_summary_is_exact(store)
        Eraser(store).question("pm-cu-02")
        assert_summary_is_exact(store)
        assert store.delete_all() > 0
        assert_summary_is_exact(store)
        assert store.progress().scored == 0


def test_an_import_and_erasing_everything_keep_it_exact(database_url: str, tmp_path: Path) -> None:
    with Store.open(database_url) as store:
        seed_rows(store, 200)
        store.progress()  # brings the summary up to date with rows written around the Store
        assert_summary_is_exact(store)
        path = tmp_path / "export.json"
        export_file(store, path)
        Eraser(store).everything()
        assert_summary_is_exact(store)
        assert store.progress().attempts == 0
        import_file(store, path)
        assert_summary_is_exact(store)
        import_file(store, path)  # everything already there: nothing added
        assert_summary_is_exact(store)


def test_rows_written_around_the_store_are_noticed(database_url: str) -> None:
    with Store.open(database_url) as store:
        attempt_id = store.save_attempt(new(1), "through the store")
        store.save_assessment(attempt_id, graded(2.0))
        seed_rows(store, 60, seed_value=9)
        with store.engine.connect() as conn:
            assert not summary.is_current(conn)
        want = {t: from_scratch(store, t) for t in TRACKS}
        # A write finding the summary behind rebuilds it rather than refreshing its rows.
        store.save_draft(new(2), "a draft")
        for track in TRACKS:
            assert summarised(store, track)["progress"] == want[track]["progress"]
        with store.engine.begin() as conn:
            conn.execute(
                insert(AssessmentRow.__table__),
                [
                    {
                        "attempt_id": attempt_id,
                        "created_at": START,
                        "scorer_version": "test",
                        "overall": 3.75,
                        "decision": decision_for(3.75),
                        "payload": {},
                    }
                ],
            )
        assert store.progress().competencies["ownership"].last == 3.75  # rebuilt on reading
        assert_summary_is_exact(store)


def test_the_migration_creates_the_tables_as_the_models_describe_them(store: Store) -> None:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    mine = ("progress_groups", "progress_marks")
    assert [d for d in diffs if any(name in str(d) for name in mine)] == []


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="LOOPCOACH_TEST_DATABASE_URL is not set")
def test_writes_of_different_users_do_not_wait_for_each_other(tmp_path: Path) -> None:
    """Service mode: one user's write holds that user's summary lock only."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    assert PG_URL
    urls = _postgres_schema_url(PG_URL)
    url = next(urls)
    try:
        with Store.open(url) as store:
            mei, ravi = store.for_user("mei"), store.for_user("ravi")
            with Session(store.engine) as held, held.begin():
                summary.SummaryChange(held, "mei")  # mei's write, not yet committed
                # Ravi's answer goes through at once; another of mei's waits.
                ravi.save_attempt(new(0), "ravi's answer, not kept waiting")
                with Session(store.engine) as other, other.begin():
                    other.execute(text("SET LOCAL lock_timeout = '300ms'"))
                    with pytest.raises(OperationalError, match="lock timeout"):
                        summary.SummaryChange(other, "mei")
            mei.save_attempt(new(0), "mei's answer, after the first committed")
            assert [a.answer for a in ravi.attempts()] == ["ravi's answer, not kept waiting"]
            assert [g.count for g in mei.progress_groups()] == [1]
            assert [g.count for g in ravi.progress_groups()] == [1]
    finally:
        for _ in urls:
            pass


def test_a_cohorts_progress_in_one_read_is_each_students_own(database_url: str) -> None:
    with Store.open(database_url) as store:
        mei, ravi = store.for_user("mei"), store.for_user("ravi")
        for i in range(3):
            mei.save_attempt(new(i % len(QUESTIONS)), f"mei {i}")
        ravi.save_attempt(new(1), "ravi")
        both = store.progress_of(["mei", "ravi", "nobody"])
        assert both["mei"] == mei.progress() and both["ravi"] == ravi.progress()
        assert both["nobody"] == store.for_user("nobody").progress()
        assert both["mei"] != both["ravi"]
