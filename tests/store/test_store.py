"""The Store on a real database: SQLite in tmp_path, and PostgreSQL when its URL is set."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from loopcoach.content.index import Content
from loopcoach.errors import InvalidAnswer, UsageError
from loopcoach.scoring.types import Assessment, CriterionScore, Span, decision_for
from loopcoach.services.practice import PracticeQuestion, PracticeService, ScoringFailed
from loopcoach.store import NewAttempt, Store, upgrade
from loopcoach.store.migrate import current_revision, downgrade_engine, head_revision

QUESTION = PracticeQuestion(
    track="pm",
    round="culture",
    text="Tell me about a project that missed its goal.",
    competencies=("ownership", "resilience"),
    pack="mini",
    question_id="mini-cu-01",
)
ANSWER = (
    "I owned the checkout redesign. We missed the 5% conversion target by 2 points because "
    "I skipped a pilot. I changed our process so every launch starts with a 10% rollout."
)


def graded(overall: float, track: str = "pm", round: str = "culture") -> Assessment:
    """An assessment with a given grade, for checking what the store does with grades."""
    return Assessment(
        track=track,
        round=round,
        overall=overall,
        decision=decision_for(overall),
        criteria=(CriterionScore("ownership", 2, (Span(0, 5, "I own"),), "Some ownership."),),
        flags=(),
        strengths=(),
        improvements=(),
        follow_up="What would you do differently now?",
        scorer_version="test",
    )


def new(competencies: tuple[str, ...] = ("ownership",), **kw: object) -> NewAttempt:
    fields: dict[str, object] = {
        "track": "pm",
        "round": "culture",
        "question": "Q?",
        "competencies": competencies,
        "pack": "mini",
        "question_id": "mini-cu-01",
    }
    fields.update(kw)
    return NewAttempt(**fields)  # type: ignore[arg-type]


def test_open_migrates_to_head(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert {"attempts", "assessments", "alembic_version"} <= tables


def test_open_twice_is_idempotent(database_url: str) -> None:
    with Store.open(database_url) as first:
        first.save_attempt(new(), "kept")
    with Store.open(database_url) as second:
        assert [a.answer for a in second.attempts()] == ["kept"]


def test_upgrade_by_url_and_downgrade(database_url: str) -> None:
    upgrade(database_url)
    engine = create_engine(database_url)
    try:
        assert current_revision(engine) == head_revision()
        downgrade_engine(engine, "base")
        assert "attempts" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_a_database_of_the_release_before_the_story_bank_upgrades_with_its_data(
    database_url: str,
) -> None:
    """0006 was the head when the story bank landed: its tables come in 0007, not in 0004."""
    with Store.open(database_url) as store:
        store.save_attempt(new(), "written before the story bank")
        downgrade_engine(store.engine, "0006")
        assert "stories" not in inspect(store.engine).get_table_names()
    with Store.open(database_url) as store:
        assert current_revision(store.engine) == head_revision()
        assert [a.answer for a in store.attempts()] == ["written before the story bank"]
        assert {"stories", "attempt_stories"} <= set(inspect(store.engine).get_table_names())


def test_sqlite_file_gets_folder_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "db.sqlite3"
    with Store.open(f"sqlite:///{path}") as s:
        assert path.exists()
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_answer_is_committed_before_scoring_and_kept_when_scorer_crashes(
    database_url: str, mini_content: Content
) -> None:
    seen: list[str] = []

    def crashing_scorer(*args: object, **kwargs: object) -> Assessment:
        # A second connection sees the attempt already committed while scoring runs.
        with Store.open(database_url) as other:
            seen.extend(a.status for a in other.attempts())
        raise RuntimeError("scorer exploded")

    with Store.open(database_url) as s:
        service = PracticeService(s, mini_content, scorer=crashing_scorer)
        with pytest.raises(ScoringFailed) as info:
            service.submit(QUESTION, ANSWER)
        assert seen == ["saved"]
        kept = s.attempt(info.value.attempt_id)
        assert kept is not None
        assert kept.status == "error"
        assert kept.answer == ANSWER
        assert kept.error and "scorer exploded" in kept.error
        assert kept.assessment is None
        assert f"attempt {kept.id}" in str(info.value)


@pytest.mark.parametrize("answer", ["", "   ", "\n\t \n"])
def test_empty_answer_stores_nothing(store: Store, mini_content: Content, answer: str) -> None:
    service = PracticeService(store, mini_content)
    with pytest.raises(InvalidAnswer, match="empty"):
        service.submit(QUESTION, answer)
    assert store.attempts() == []


def test_answer_over_the_word_limit_is_refused(store: Store, mini_content: Content) -> None:
    service = PracticeService(store, mini_content)
    with pytest.raises(InvalidAnswer, match="10,000"):
        service.submit(QUESTION, "word " * 10_001)
    assert store.attempts() == []


def test_submit_scores_with_the_real_scorer_and_stores_the_assessment(
    store: Store, mini_content: Content
) -> None:
    service = PracticeService(store, mini_content)
    result = service.submit(QUESTION, ANSWER, duration_seconds=95.0)
    saved = store.attempt(result.attempt_id)
    assert saved is not None
    assert saved.status == "scored"
    assert saved.duration_seconds == 95.0
    assert saved.assessment is not None
    assert saved.assessment.overall == result.assessment.overall
    assert saved.assessment.scorer_version == result.assessment.scorer_version
    assert saved.assessment.payload == result.assessment.to_json()
    assert saved.created_at.tzinfo is not None
    assert saved.created_at.utcoffset() == UTC.utcoffset(None)


def test_draft_is_updated_then_promoted(store: Store) -> None:
    draft = store.save_draft(new(), "first line")
    assert store.save_draft(new(), "first line\nsecond", attempt_id=draft) == draft
    assert store.attempt(draft).answer == "first line\nsecond"  # type: ignore[union-attr]
    assert store.save_attempt(new(), "first line\nsecond\nthird", attempt_id=draft) == draft
    saved = store.attempt(draft)
    assert saved is not None and saved.status == "saved"
    assert len(store.attempts()) == 1
    with pytest.raises(UsageError, match="not a draft"):
        store.save_draft(new(), "again", attempt_id=draft)


def test_follow_up_is_linked_to_its_parent(store: Store, mini_content: Content) -> None:
    service = PracticeService(store, mini_content)
    main = service.submit(QUESTION, ANSWER)
    follow = service.submit_follow_up(
        main.attempt_id,
        "I would run the pilot first; it would have cost a week and saved two points.",
    )
    child = store.attempt(follow.attempt_id)
    assert child is not None
    assert child.kind == "follow_up"
    assert child.parent_id == main.attempt_id
    assert child.question == main.assessment.follow_up
    assert child.status == "scored"
    assert [a.id for a in store.attempts(parent_id=main.attempt_id)] == [child.id]
    assert [a.kind for a in service.history(QUESTION)] == ["main", "follow_up"]


def test_follow_up_needs_a_parent(store: Store) -> None:
    with pytest.raises(ValueError, match="parent"):
        store.save_attempt(new(kind="follow_up"), "x")
    with pytest.raises(UsageError, match="no attempt 999"):
        store.save_attempt(new(kind="follow_up", parent_id=999), "x")


def test_progress_averages_per_competency_track_and_round(store: Store) -> None:
    grades = [
        (("ownership", "resilience"), "pm", "culture", 2.0),
        (("ownership",), "pm", "culture", 3.0),
        (("metrics_judgement",), "pm", "product_sense", 4.0),
        (("ownership",), "ds", "culture", 1.0),
    ]
    for comps, track, round, overall in grades:
        attempt_id = store.save_attempt(new(comps, track=track, round=round), "answer")
        store.save_assessment(attempt_id, graded(overall, track, round))
    store.save_attempt(new(("resilience",)), "saved, never scored")
    store.save_draft(new(("resilience",)), "a draft")

    p = store.progress()
    assert p.scored == 4
    assert p.attempts == 5  # drafts are not attempts yet
    assert p.competencies["ownership"].attempts == 3
    assert p.competencies["ownership"].average == pytest.approx(2.0)
    assert p.competencies["ownership"].last == 1.0
    assert p.competencies["ownership"].best == 3.0
    assert p.competencies["resilience"].attempts == 1
    assert p.competencies["metrics_judgement"].average == 4.0
    assert p.tracks["pm"].average == pytest.approx(3.0)
    assert p.tracks["ds"].average == 1.0
    assert p.rounds["pm/culture"].average == pytest.approx(2.5)
    assert p.weakest(2) == ["ownership", "resilience"]

    pm_only = store.progress(track="pm")
    assert set(pm_only.tracks) == {"pm"}
    assert pm_only.competencies["ownership"].average == pytest.approx(2.5)


def test_progress_uses_the_latest_assessment_of_a_rescored_attempt(store: Store) -> None:
    attempt_id = store.save_attempt(new(), "answer")
    store.save_assessment(attempt_id, graded(1.5))
    store.save_assessment(attempt_id, graded(3.5))
    assert store.progress().competencies["ownership"].average == 3.5
    assert store.attempt(attempt_id).overall == 3.5  # type: ignore[union-attr]


def test_attempts_filters_and_limit(store: Store) -> None:
    ids = [
        store.save_attempt(new(("ownership",)), "a"),
        store.save_attempt(new(("resilience",), round="product_sense"), "b"),
        store.save_attempt(new(("ownership",), track="ds"), "c"),
    ]
    assert [a.id for a in store.attempts()] == ids[::-1]
    assert [a.id for a in store.attempts(track="pm")] == [ids[1], ids[0]]
    assert [a.id for a in store.attempts(round="product_sense")] == [ids[1]]
    assert [a.id for a in store.attempts(competency="ownership")] == [ids[2], ids[0]]
    assert [a.id for a in store.attempts(competency="ownership", limit=1)] == [ids[2]]
    assert [a.id for a in store.attempts(limit=2, oldest_first=True)] == ids[:2]


def test_delete_removes_attempt_follow_ups_and_assessments(store: Store) -> None:
    keep = store.save_attempt(new(), "keep me")
    parent = store.save_attempt(new(), "delete me")
    store.save_assessment(parent, graded(2.0))
    child = store.save_attempt(new(kind="follow_up", parent_id=parent), "and me")
    store.save_assessment(child, graded(3.0))

    assert store.delete_attempt(parent) is True
    assert store.attempt(parent) is None
    assert store.attempt(child) is None
    assert [a.id for a in store.attempts()] == [keep]
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM assessments").scalar() == 0
    assert store.delete_attempt(parent) is False


def test_users_see_only_their_own_attempts(store: Store) -> None:
    alice = store.for_user("alice")
    bob = store.for_user("bob")
    mine = alice.save_attempt(new(), "alice's answer")
    assert bob.attempts() == []
    assert bob.attempt(mine) is None
    assert bob.delete_attempt(mine) is False
    with pytest.raises(UsageError):
        bob.save_attempt(new(kind="follow_up", parent_id=mine), "x")
    assert alice.attempt(mine) is not None
    assert bob.delete_all() == 0
    assert alice.delete_all() == 1
    assert alice.attempts() == []
