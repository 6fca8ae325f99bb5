"""The log of real rounds on a real database: checks, outcome, delete, comparison, the plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from loopcoach.content.index import Content, load_content
from loopcoach.errors import UnknownItem, UsageError
from loopcoach.scoring.types import Assessment, CriterionScore, decision_for
from loopcoach.services.plan import REAL_BOOST, PlanService
from loopcoach.services.practice import PracticeService
from loopcoach.services.rounds import RoundService, practice_vs_real
from loopcoach.store import Store
from loopcoach.store.round_models import RealRoundQuestionRow, RealRoundRow

TODAY = date(2026, 12, 3)
INTERVIEW = date(2026, 12, 20)
ASKED = ["Why did your last launch miss its target?", "What would you cut from your roadmap?"]


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


@pytest.fixture
def svc(store: Store, content: Content) -> RoundService:
    return RoundService(store, content)


def log(svc: RoundService, **kw: object) -> object:
    args: dict[str, object] = {
        "track": "pm",
        "round": "hiring_manager",
        "held_on": date(2026, 12, 1),
        "feeling": 4,
        "questions": ASKED,
        "today": TODAY,
    }
    args.update(kw)
    return svc.log(**args)  # type: ignore[arg-type]


def grade(store: Store, content: Content, round_id: str, overall: float, n: int = 1) -> None:
    """Plant `n` graded pm answers in a round, as the scorer would have stored them."""
    practice = PracticeService(store, content)
    q = practice.question(next(q.id for q in content.questions(track="pm", round=round_id)))
    for _ in range(n):
        attempt_id = store.save_attempt(q.new_attempt(), "an answer")
        store.save_assessment(
            attempt_id,
            Assessment(
                track="pm",
                round=round_id,
                overall=overall,
                decision=decision_for(overall),
                criteria=(CriterionScore("ownership", 2, (), "note"),),
                flags=(),
                strengths=(),
                improvements=(),
                follow_up="Why?",
                scorer_version="test",
            ),
        )


def make_plan(store: Store, content: Content) -> object:
    return PlanService(store, content).create(
        track="pm", interview=INTERVIEW, hours=2.0, today=TODAY, tz="Europe/Paris"
    )


def practice_by_round(plan: object, round_id: str) -> int:
    items = plan.items  # type: ignore[attr-defined]
    return sum(1 for i in items if i.kind == "practice" and i.round == round_id)


def shape(plan: object) -> list[tuple[object, ...]]:
    return [
        (i.day, i.position, i.kind, i.minutes, i.round, i.competency, i.question_id, i.title, i.why)
        for i in plan.items  # type: ignore[attr-defined]
    ]


# -- the tables ----------------------------------------------------------------------


def test_migration_creates_the_round_tables_as_the_models_describe_them(store: Store) -> None:
    assert {"real_rounds", "real_round_questions"} <= set(inspect(store.engine).get_table_names())
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), RealRoundRow.metadata)
    assert [d for d in diffs if "real_round" in str(d)] == []


# -- logging and its checks ------------------------------------------------------------


def test_a_round_is_logged_with_its_questions_in_order(svc: RoundService) -> None:
    r = log(svc, company="Alibaba", notes="  the HM was late  ")
    got = svc.get(r.id)  # type: ignore[attr-defined]
    assert (got.track, got.pack, got.round, got.company) == (
        "pm",
        "alibaba",
        "hiring_manager",
        "Alibaba",
    )
    assert got.outcome == "pending" and got.feeling == 4 and got.notes == "the HM was late"
    assert [q.text for q in got.questions] == ASKED
    assert [q.position for q in got.questions] == [0, 1]
    loop = {r.round: r for r in svc.content.track("pm").loop}
    assert got.questions[0].competencies == tuple(loop["hiring_manager"].competencies)
    assert got.to_json()["questions"][1]["text"] == ASKED[1]
    assert len(got.uid) == 32


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"track": "nope"}, "unknown track 'nope'; valid tracks: pm, pmm, tpm, ds"),
        ({"round": "lunch"}, "unknown round 'lunch'; valid rounds: screen, hiring_manager"),
        ({"held_on": TODAY + timedelta(days=1)}, "is in the future (today is 2026-12-03)"),
        ({"held_on": date(2024, 12, 2)}, "is over 2 years ago; log rounds held since 2024-12-03"),
        ({"feeling": 0}, "give a number from 1 (badly) to 5 (very well)"),
        ({"feeling": 6}, "how it went is 6"),
        ({"questions": []}, "give at least one question you were asked"),
        ({"questions": ["Q?"] * 31}, "31 questions; log at most 30 for one round"),
        ({"questions": ["Q?", "   "]}, "question 2 is empty"),
        ({"questions": ["x" * 5001]}, "question 1 has 5,001 characters; the limit is 5,000"),
        ({"outcome": "maybe"}, "unknown outcome 'maybe'; use one of: pending, passed, rejected"),
        ({"company": "c" * 201}, "the company has 201 characters; the limit is 200"),
    ],
)
def test_a_bad_round_is_refused_with_what_to_fix(
    svc: RoundService, change: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        log(svc, **change)
    assert message in str(caught.value)
    assert svc.rounds() == []


def test_the_oldest_and_newest_days_allowed_are_kept(svc: RoundService) -> None:
    log(svc, held_on=TODAY, questions=["x" * 5000])
    log(svc, held_on=date(2024, 12, 3), questions=["Q?"] * 30)
    assert [r.held_on for r in svc.rounds()] == [TODAY, date(2024, 12, 3)]


def test_an_unknown_track_lists_the_valid_ones(svc: RoundService) -> None:
    with pytest.raises(UnknownItem) as caught:
        log(svc, track="sales")
    assert caught.value.valid == ["pm", "pmm", "tpm", "ds"]


# -- outcome, notes, delete, list ------------------------------------------------------


def test_the_outcome_and_notes_are_set_later(svc: RoundService) -> None:
    r = log(svc)
    after = svc.set_outcome(r.id, "Rejected")  # type: ignore[attr-defined]
    assert after.outcome == "rejected" and svc.get(after.id).outcome == "rejected"
    noted = svc.update(after.id, notes="asked about pricing twice")
    assert noted.notes == "asked about pricing twice" and noted.outcome == "rejected"
    with pytest.raises(UsageError, match="use one of: pending, passed, rejected, offer"):
        svc.set_outcome(after.id, "ghosted")
    with pytest.raises(UsageError, match="no real round 999"):
        svc.set_outcome(999, "passed")


def test_deleting_a_round_deletes_its_questions(store: Store, svc: RoundService) -> None:
    keep, gone = log(svc), log(svc, round="technical", questions=["Design a cache"])
    svc.delete(gone.id)  # type: ignore[attr-defined]
    assert [r.id for r in svc.rounds()] == [keep.id]  # type: ignore[attr-defined]
    with Session(store.engine) as session:
        left = session.scalar(select(func.count()).select_from(RealRoundQuestionRow))
    assert left == len(ASKED)
    with pytest.raises(UsageError, match=f"no real round {gone.id}"):  # type: ignore[attr-defined]
        svc.get(gone.id)  # type: ignore[attr-defined]


def test_rounds_are_listed_latest_first_and_by_track(svc: RoundService) -> None:
    a = log(svc, held_on=date(2026, 11, 1))
    b = log(svc, held_on=date(2026, 12, 2))
    c = log(svc, track="ds", round="culture", held_on=date(2026, 11, 20))
    assert [r.id for r in svc.rounds()] == [b.id, c.id, a.id]  # type: ignore[attr-defined]
    assert [r.id for r in svc.rounds("ds")] == [c.id]  # type: ignore[attr-defined]
    with pytest.raises(UnknownItem):
        svc.rounds("nope")


def test_users_see_only_their_own_rounds(store: Store, content: Content) -> None:
    alice = RoundService(store.for_user("alice"), content)
    bob = RoundService(store.for_user("bob"), content)
    mine = log(alice)
    assert bob.rounds() == []
    with pytest.raises(UsageError, match=f"no real round {mine.id}"):  # type: ignore[attr-defined]
        bob.delete(mine.id)  # type: ignore[attr-defined]
    assert [r.id for r in alice.rounds()] == [mine.id]  # type: ignore[attr-defined]


# -- practice beside real outcomes -----------------------------------------------------


def test_practice_grades_stand_beside_real_outcomes(
    store: Store, content: Content, svc: RoundService
) -> None:
    grade(store, content, "hiring_manager", 2.0, n=2)
    grade(store, content, "hiring_manager", 3.5)
    first = log(svc, feeling=2)
    log(svc, feeling=5, outcome="passed")
    svc.set_outcome(first.id, "rejected")  # type: ignore[attr-defined]
    rows = practice_vs_real(store, content, "pm")
    assert [r.round for r in rows] == [r.round for r in content.track("pm").loop]
    hm = next(r for r in rows if r.round == "hiring_manager")
    assert hm.practice_attempts == 3 and hm.practice_average == pytest.approx(2.5)
    assert hm.real_count == 2 and hm.outcomes == {"passed": 1, "rejected": 1}
    assert hm.mean_feeling == pytest.approx(3.5)
    assert hm.to_json() == {
        "track": "pm",
        "round": "hiring_manager",
        "name": hm.name,
        "practice_attempts": 3,
        "practice_average": 2.5,
        "real_rounds": 2,
        "outcomes": {"passed": 1, "rejected": 1},
        "mean_feeling": 3.5,
    }
    screen = next(r for r in rows if r.round == "screen")
    assert (screen.practice_average, screen.real_count, screen.mean_feeling) == (None, 0, None)


def test_without_a_track_only_the_tracks_used_are_compared(
    store: Store, content: Content, svc: RoundService
) -> None:
    assert practice_vs_real(store, content, None) == []
    log(svc, track="ds", round="culture")
    assert {r.track for r in practice_vs_real(store, content, None)} == {"ds"}
    with pytest.raises(UnknownItem):
        practice_vs_real(store, content, "nope")


# -- the plan ------------------------------------------------------------------------------


def test_a_bad_real_round_weighs_its_round_more_and_its_questions_join_the_plan(
    store: Store, content: Content, svc: RoundService
) -> None:
    before = make_plan(store, content)
    log(svc, round="technical", feeling=4, questions=["Design a flash-sale inventory"])
    good = make_plan(store, content)
    # A round that went well adds its questions, not weight.
    asked = [i for i in good.items if "flash-sale inventory" in i.title]  # type: ignore[attr-defined]
    assert len(asked) == 1 and asked[0].kind == "practice" and asked[0].round == "technical"
    assert practice_by_round(good, "technical") == practice_by_round(before, "technical")
    bad = log(svc, feeling=2)
    after = make_plan(store, content)
    assert REAL_BOOST > 1
    assert practice_by_round(after, "hiring_manager") > practice_by_round(before, "hiring_manager")
    titles = [i.title for i in after.items if i.round == "hiring_manager"]  # type: ignore[attr-defined]
    for text in ASKED:
        assert sum(text in t for t in titles) == 1
    item = next(i for i in after.items if ASKED[0] in i.title)  # type: ignore[attr-defined]
    assert f"real round {bad.id}" in item.why and item.question_id is None  # type: ignore[attr-defined]
    assert after.basis["real"] == {  # type: ignore[attr-defined]
        "hiring_manager": [f"real round {bad.id} (2026-12-01, felt 2 of 5)"]  # type: ignore[attr-defined]
    }


def test_the_plan_with_real_rounds_is_deterministic(
    store: Store, content: Content, svc: RoundService
) -> None:
    log(svc, feeling=1, outcome="rejected", company="Alibaba")
    log(svc, round="product_sense", feeling=3, questions=["Grow Taobao live commerce"])
    first, second = make_plan(store, content), make_plan(store, content)
    assert shape(first) == shape(second)


def test_a_replan_names_the_real_round_that_went_badly(
    store: Store, content: Content, svc: RoundService
) -> None:
    plans = PlanService(store, content)
    make_plan(store, content)
    r = log(svc, feeling=4, company="Alibaba")
    plans.replan(TODAY)  # its questions join; it went well, so nothing weighs more
    svc.set_outcome(r.id, "rejected")  # type: ignore[attr-defined]
    result = plans.replan(TODAY)
    named = f"real round {r.id} (Alibaba, 2026-12-01, rejected)"  # type: ignore[attr-defined]
    assert any(named in line and "hiring_manager" in line for line in result.changes), (
        result.changes
    )
    assert any(line.startswith("hiring_manager moved up") for line in result.changes)
    again = plans.replan(TODAY)
    assert not any(named in line for line in again.changes)


def test_a_replan_adds_new_questions_and_drops_those_practised(
    store: Store, content: Content, svc: RoundService
) -> None:
    plans = PlanService(store, content)
    make_plan(store, content)
    log(svc, feeling=4, questions=["Walk me through a launch you led"])
    result = plans.replan(TODAY)
    assert (
        "1 question(s) you were asked in real rounds join the plan as practice." in result.changes
    )
    item = next(i for i in result.plan.items if "a launch you led" in i.title)
    plans.mark(item.id, "done")
    later = plans.replan(TODAY).plan
    assert [i.status for i in later.items if "a launch you led" in i.title] == ["done"]
