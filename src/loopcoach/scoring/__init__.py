"""The answer scorer: pure text in, Assessment out. See README.md in this folder."""

from loopcoach.scoring.engine import SCORER_VERSION, TRACKS, score
from loopcoach.scoring.rubric import CRITERIA, ROUNDS
from loopcoach.scoring.types import SCHEMA, Assessment, decision_for

__all__ = [
    "CRITERIA",
    "ROUNDS",
    "SCHEMA",
    "SCORER_VERSION",
    "TRACKS",
    "Assessment",
    "decision_for",
    "score",
]
