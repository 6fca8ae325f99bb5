"""Choosing questions and reading answers: the practice use cases on a real SQLite store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from loopcoach.errors import InvalidAnswer, UnknownItem, UsageError
from loopcoach.services.answers import read_answer_file, validate_answer
from loopcoach.services.practice import PracticeService

Grade = Callable[[str, float], None]  # the `grade` fixture of conftest.py


def test_question_by_id_carries_its_budget_and_probes(service: PracticeService) -> None:
    q = service.choose(question_id="mini-cu-01")
    assert (q.track, q.round, q.pack) == ("pm", "culture", "mini")
    assert q.round_name == "Culture fit"
    # The answer's budget is the culture round's default, not the round's 30 minutes.
    assert q.budget_seconds == 150 and q.round_minutes == 30
    assert len(q.probes) == 2 and len(q.talking_points) == 3


def test_unknown_ids_list_the_valid_ones(service: PracticeService) -> None:
    with pytest.raises(UnknownItem, match="mini-cu-01"):
        service.choose(question_id="nope")
    with pytest.raises(UnknownItem, match="valid tracks: pm"):
        service.choose(track="sales")
    with pytest.raises(UnknownItem, match="product_sense, culture"):
        service.choose(track="pm", round="technical")


def test_choose_starts_with_a_competency_never_practised(service: PracticeService) -> None:
    q = service.choose(track="pm")
    # Nothing practised: the alphabetically first competency, then the lowest question id.
    assert q.question_id == "mini-ps-01"
    assert q.chosen_for and "metrics_judgement" in q.chosen_for


def test_choose_trains_the_weakest_competency(service: PracticeService, grade: Grade) -> None:
    grade("mini-ps-01", 3.5)  # product_sense, metrics_judgement
    grade("mini-cu-02", 3.0)  # resilience, ownership
    grade("mini-cu-01", 1.5)  # ownership
    # ownership averages 2.25, the lowest; mini-cu-01 and mini-cu-02 train it,
    # each answered once, so the lower id wins.
    q = service.choose(track="pm")
    assert q.question_id == "mini-cu-01"
    assert q.chosen_for and "ownership" in q.chosen_for and "2.25" in q.chosen_for
    assert service.weakest_competencies("pm")[0] == ("ownership", 2.25)
    # Within a round the choice stays in that round.
    assert service.choose(track="pm", round="product_sense").round == "product_sense"


def test_custom_question_takes_competencies_and_budget_from_the_loop(
    service: PracticeService,
) -> None:
    q = service.custom_question("pm", "culture", "  Why do you want this job?  ")
    assert q.text == "Why do you want this job?"
    assert q.competencies == ("ownership", "resilience")
    assert q.budget_seconds == 150 and q.round_minutes == 30
    assert q.question_id is None
    with pytest.raises(UnknownItem):
        service.custom_question("pm", "lunch", "Q?")
    with pytest.raises(UsageError):
        service.custom_question("pm", "culture", "   ")


def test_history_of_a_question_excludes_drafts(service: PracticeService, grade: Grade) -> None:
    q = service.question("mini-cu-01")
    service.save_draft(q, "half an answ")
    assert service.save_draft(q, "   ") is None
    grade("mini-cu-01", 2.0)
    assert [a.status for a in service.history(q)] == ["scored"]


def test_validate_answer_limits() -> None:
    assert validate_answer("fine") == "fine"
    with pytest.raises(InvalidAnswer, match="empty"):
        validate_answer(" \n ")
    validate_answer("w " * 10_000)
    with pytest.raises(InvalidAnswer, match="10,001 words"):
        validate_answer("w " * 10_001)


def test_read_answer_file_requires_utf8(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("\ufeffI owned it — and café", encoding="utf-8")
    assert read_answer_file(good) == "I owned it — and café"
    bad = tmp_path / "bad.txt"
    bad.write_bytes("I owned it — café".encode("cp1252"))
    with pytest.raises(InvalidAnswer, match=r"bad\.txt is not UTF-8 text"):
        read_answer_file(bad)
    with pytest.raises(InvalidAnswer, match="no such file"):
        read_answer_file(tmp_path / "missing.txt")
    with pytest.raises(InvalidAnswer, match="folder"):
        read_answer_file(tmp_path)
