"""The prep plan service on a real database: building, determinism, re-planning, ticking off."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from loopcoach.content.index import Content, load_content
from loopcoach.errors import UnknownItem, UsageError
from loopcoach.scoring.types import Assessment, CriterionScore, decision_for
from loopcoach.services.plan import PlanService, ics, interview_date, progress, session_times
from loopcoach.services.practice import PracticeService
from loopcoach.store import Store

TODAY = date(2026, 12, 3)
INTERVIEW = date(2026, 12, 20)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


@pytest.fixture
def svc(store: Store, content: Content) -> PlanService:
    return PlanService(store, content)


def grade(store: Store, content: Content, round_id: str, overall: float, n: int = 1) -> None:
    """Plant `n` graded pm answers in a round, as the scorer would have stored them."""
    practice = PracticeService(store, content)
    qid = next(q.id for q in content.questions(track="pm", round=round_id))
    q = practice.question(qid)
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


def shape(plan: object) -> list[tuple[object, ...]]:
    return [
        (i.day, i.position, i.kind, i.minutes, i.round, i.competency, i.question_id, i.title)
        for i in plan.items  # type: ignore[attr-defined]
    ]


def make(svc: PlanService, **kw: object) -> object:
    args: dict[str, object] = {
        "track": "pm",
        "interview": INTERVIEW,
        "hours": 2.0,
        "today": TODAY,
        "tz": "Europe/Paris",
    }
    args.update(kw)
    return svc.create(**args)  # type: ignore[arg-type]


def test_a_plan_covers_every_day_with_the_work_in_order(svc: PlanService) -> None:
    plan = make(svc)
    days = sorted({i.day for i in plan.items})  # type: ignore[attr-defined]
    assert days[0] == TODAY and days[-1] == date(2026, 12, 19)
    assert len(days) == 17
    kinds = [i.kind for i in plan.items]  # type: ignore[attr-defined]
    assert kinds[0] == "story"  # story work first
    assert {"checklist", "practice", "loop", "cards", "rest"} <= set(kinds)
    last = [i for i in plan.items if i.day == days[-1]]  # type: ignore[attr-defined]
    assert [i.kind for i in last] == ["rest"]
    for d in days[:-1]:
        minutes = sum(i.minutes for i in plan.items if i.day == d and i.kind != "loop")  # type: ignore[attr-defined]
        assert minutes <= 120
    practice = [i for i in plan.items if i.kind == "practice"]  # type: ignore[attr-defined]
    assert all(i.question_id and i.round and i.competency for i in practice)
    # The technical round weighs most (30%) of the pm loop: it gets the most practice.
    counts = {r: sum(1 for i in practice if i.round == r) for r in {i.round for i in practice}}
    assert max(counts, key=lambda r: counts[r]) == "technical"
    assert interview_date(svc.store) == INTERVIEW


def test_the_same_history_and_date_give_the_same_plan(
    svc: PlanService, store: Store, content: Content
) -> None:
    grade(store, content, "technical", 2.0, 3)
    first = shape(make(svc))
    second = shape(make(svc))
    assert first == second


def test_bad_input_gets_a_clear_message(svc: PlanService) -> None:
    with pytest.raises(UsageError, match="not in the future"):
        make(svc, interview=TODAY)
    with pytest.raises(UsageError, match="more than a year away"):
        make(svc, interview=date(2028, 1, 1))
    with pytest.raises(UsageError, match=r"outside 0\.5 to 12"):
        make(svc, hours=0.25)
    with pytest.raises(UsageError, match=r"outside 0\.5 to 12"):
        make(svc, hours=13)
    with pytest.raises(UnknownItem, match="unknown track 'zz'"):
        make(svc, track="zz")
    with pytest.raises(UsageError, match="unknown time zone"):
        make(svc, tz="Mars/Base")
    assert svc.active() is None


def test_a_new_plan_archives_the_old_one(svc: PlanService) -> None:
    first = make(svc)
    second = make(svc, track="ds")
    active = svc.active()
    assert active is not None and active.id == second.id != first.id  # type: ignore[attr-defined]
    assert active.track == "ds"


def test_replan_keeps_the_past_and_follows_the_grades(
    svc: PlanService, store: Store, content: Content
) -> None:
    plan = make(svc)
    first_day = [i for i in plan.items if i.day == TODAY]  # type: ignore[attr-defined]
    svc.mark(first_day[0].id, "done")
    svc.mark(first_day[1].id, "skipped")
    before = [i for i in plan.items if i.kind == "practice" and i.round == "product_sense"]  # type: ignore[attr-defined]
    grade(store, content, "product_sense", 1.2, 4)
    grade(store, content, "technical", 3.9, 4)
    later = date(2026, 12, 5)
    result = svc.replan(later)
    kept = {i.id: i for i in result.plan.items}
    assert kept[first_day[0].id].status == "done"
    assert kept[first_day[1].id].status == "skipped"
    assert all(i.id in kept for i in plan.items if i.day < later)  # type: ignore[attr-defined]
    after = [i for i in result.plan.items if i.kind == "practice" and i.round == "product_sense"]
    future_before = [i for i in before if i.day >= later]
    assert len([i for i in after if i.day >= later]) > len(future_before)
    text = " ".join(result.changes)
    assert "product_sense moved up: its first grades average 1.2" in text
    assert "technical moved down" in text
    # Re-planning again with nothing new changes nothing.
    again = svc.replan(later)
    assert shape(again.plan) == shape(result.plan)
    assert again.changes == [
        "Nothing moved: the grades since the last plan keep the same priorities."
    ]


def test_checklist_done_feeds_the_plan(svc: PlanService) -> None:
    plan = make(svc)
    first = next(i for i in plan.items if i.kind == "checklist")  # type: ignore[attr-defined]
    svc.mark_checklist("pm", first.checklist_item, True)
    result = svc.replan(TODAY)
    assert not any(
        i.checklist_item == first.checklist_item and i.status == "planned"
        for i in result.plan.items
    )
    assert any(first.checklist_item in line for line in result.changes)
    status = dict((i.id, when) for i, when in svc.checklist_status("pm"))
    assert status[first.checklist_item] is not None
    with pytest.raises(UnknownItem):
        svc.mark_checklist("pm", "no-such-item", True)


def test_all_parts_done_ticks_the_checklist_item_off(svc: PlanService) -> None:
    plan = make(svc, hours=6)
    item = next(i for i in plan.items if i.kind == "checklist")  # type: ignore[attr-defined]
    parts = [i for i in plan.items if i.checklist_item == item.checklist_item]  # type: ignore[attr-defined]
    for p in parts:
        svc.mark(p.id, "done", now=datetime(2026, 12, 3, 20, tzinfo=UTC))
    assert item.checklist_item in svc.plans.checklist_done("pm")
    assert progress(svc.require_active()).done == len(parts)


def test_marking_an_unknown_item_is_refused(svc: PlanService) -> None:
    with pytest.raises(UsageError, match="no plan yet"):
        svc.mark(1, "done")
    make(svc)
    with pytest.raises(UsageError, match="no item 999999"):
        svc.mark(999999, "done")


def test_replan_after_the_interview_is_refused(svc: PlanService) -> None:
    make(svc)
    with pytest.raises(UsageError, match="has come"):
        svc.replan(INTERVIEW)


def test_the_ics_has_one_event_per_session_in_the_users_zone(svc: PlanService) -> None:
    plan = make(svc, tz="America/New_York", start="07:30")
    svc.mark(plan.items[1].id, "skipped")  # type: ignore[attr-defined]
    plan = svc.require_active()
    cal = Calendar.from_ical(ics(plan))
    events = cal.walk("VEVENT")
    sessions = [i for i in plan.items if i.status != "skipped"]
    assert len(events) == len(sessions) == len(session_times(plan))
    assert len({str(e["UID"]) for e in events}) == len(events)
    first = events[0]
    start = first.decoded("DTSTART")
    assert start.tzinfo is not None
    assert str(first["DTSTART"].params["TZID"]) == "America/New_York"
    assert start == datetime(2026, 12, 3, 7, 30, tzinfo=ZoneInfo("America/New_York"))
    assert first.decoded("DTEND") - start == timedelta(minutes=sessions[0].minutes)
    assert cal.walk("VTIMEZONE")
