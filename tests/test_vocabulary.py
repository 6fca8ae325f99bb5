"""One vocabulary: the pack schema's rounds and flags are the scorer's rubric's."""

from loopcoach.content.models import FLAG_IDS, ROUND_IDS
from loopcoach.scoring.rubric import CRITERIA, FLAG_WHY


def test_rounds_of_the_schema_are_the_rounds_the_scorer_grades() -> None:
    assert tuple(CRITERIA) == ROUND_IDS


def test_flags_of_the_schema_are_the_flags_the_scorer_reports() -> None:
    assert set(FLAG_IDS) == set(FLAG_WHY)
    assert len(FLAG_IDS) == 10
