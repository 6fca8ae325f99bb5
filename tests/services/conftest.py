"""Service tests share a practice service on a SQLite file and a way to plant a graded attempt."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from loopcoach.content.index import Content
from loopcoach.scoring.types import Assessment, CriterionScore, decision_for
from loopcoach.services.practice import PracticeService
from loopcoach.store import Store

Grade = Callable[[str, float], None]


@pytest.fixture
def service(tmp_path: Path, mini_content: Content) -> Iterator[PracticeService]:
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite3'}") as s:
        yield PracticeService(s, mini_content)


@pytest.fixture
def grade(service: PracticeService) -> Grade:
    """Store an attempt at a question with the given overall grade, as the scorer would."""

    def plant(question_id: str, overall: float) -> None:
        q = service.question(question_id)
        attempt_id = service.store.save_attempt(q.new_attempt(), "an answer")
        service.store.save_assessment(
            attempt_id,
            Assessment(
                track=q.track,
                round=q.round,
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

    return plant
