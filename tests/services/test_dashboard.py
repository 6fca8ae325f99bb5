"""Readiness, streaks and weakest competencies, derived from a real SQLite store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from loopcoach.services import dashboard
from loopcoach.services.practice import PracticeService
from loopcoach.store.records import AttemptRecord

Grade = Callable[[str, float], None]  # the `grade` fixture of conftest.py


def test_readiness_weights_the_practised_rounds(service: PracticeService, grade: Grade) -> None:
    progress = service.progress()
    (empty,) = dashboard.readiness(service.content, progress)
    assert empty.grade is None and empty.coverage == 0 and len(empty.missing) == 2
    grade("mini-ps-01", 3.0)
    grade("mini-ps-02", 2.0)
    (half,) = dashboard.readiness(service.content, service.progress())
    assert half.grade == 2.5 and half.coverage == pytest.approx(0.6)
    assert half.missing == ["Culture fit"]
    grade("mini-cu-01", 1.0)
    (full,) = dashboard.readiness(service.content, service.progress())
    assert full.grade == pytest.approx(0.6 * 2.5 + 0.4 * 1.0) and full.coverage == 1.0
    assert full.to_json()["rounds"][1]["attempts"] == 1


def test_weakest_puts_low_averages_first_then_unpractised(
    service: PracticeService, grade: Grade
) -> None:
    grade("mini-ps-02", 1.5)  # metrics_judgement
    grade("mini-cu-01", 3.5)  # ownership
    weak = dashboard.weakest(service.content, service.store, service.progress(), track="pm")
    assert [w.competency for w in weak] == ["metrics_judgement", "ownership", "product_sense"]
    assert weak[0].average == 1.5 and weak[2].average is None
    # The least answered question that trains it comes first.
    assert weak[0].questions[0][0] == "mini-ps-01"
    assert weak[0].to_json()["questions"][0]["id"] == "mini-ps-01"


def test_competency_series_and_streak(service: PracticeService, grade: Grade) -> None:
    grade("mini-cu-02", 2.0)
    grade("mini-cu-01", 3.0)
    attempts: list[AttemptRecord] = service.store.attempts(oldest_first=True)
    series = dashboard.competency_series(attempts)
    assert [p.grade for p in series["ownership"]] == [2.0, 3.0]
    assert [p.grade for p in series["resilience"]] == [2.0]
    assert dashboard.competency_series(attempts, track="pmm") == {}
    today = attempts[0].created_at.date()
    assert dashboard.streak(attempts, today) == 1
    assert dashboard.streak(attempts, date(2001, 1, 1)) == 0
    assert dashboard.competency_name(service.content, "no_such") == "No such"
