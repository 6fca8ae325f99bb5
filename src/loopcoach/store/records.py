"""Plain, detached records the store hands out, so callers never hold a database session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class NewAttempt:
    """What an attempt answers: the question side of a row in `attempts`."""

    track: str
    round: str
    question: str
    competencies: tuple[str, ...] = ()
    pack: str | None = None
    question_id: str | None = None
    kind: str = "main"
    parent_id: int | None = None


@dataclass(frozen=True)
class AssessmentRecord:
    id: int
    attempt_id: int
    created_at: datetime
    scorer_version: str
    overall: float
    decision: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt with its latest assessment, if it has been scored."""

    id: int
    user: str
    created_at: datetime
    updated_at: datetime
    status: str
    track: str
    round: str
    pack: str | None
    question_id: str | None
    question: str
    competencies: tuple[str, ...]
    answer: str
    kind: str
    parent_id: int | None
    duration_seconds: float | None
    error: str | None
    assessment: AssessmentRecord | None = None

    @property
    def overall(self) -> float | None:
        return self.assessment.overall if self.assessment else None

    @property
    def decision(self) -> str | None:
        return self.assessment.decision if self.assessment else None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "status": self.status,
            "track": self.track,
            "round": self.round,
            "pack": self.pack,
            "question_id": self.question_id,
            "question": self.question,
            "competencies": list(self.competencies),
            "answer": self.answer,
            "kind": self.kind,
            "parent_id": self.parent_id,
            "duration_seconds": self.duration_seconds,
            "error": self.error,
            "assessment": self.assessment.payload if self.assessment else None,
        }


@dataclass(frozen=True)
class Stat:
    """Grades of scored attempts in one group: how many, their mean, the latest and the best."""

    attempts: int
    average: float
    last: float
    best: float

    def to_json(self) -> dict[str, Any]:
        return {
            "attempts": self.attempts,
            "average": round(self.average, 3),
            "last": self.last,
            "best": self.best,
        }


@dataclass(frozen=True)
class Progress:
    """Per-competency and per-track grade statistics over a user's scored attempts.

    Each scored attempt counts once for its track and once for each competency it
    trains, with the overall grade of its latest assessment.
    """

    competencies: dict[str, Stat] = field(default_factory=dict)
    tracks: dict[str, Stat] = field(default_factory=dict)
    rounds: dict[str, Stat] = field(default_factory=dict)
    attempts: int = 0
    scored: int = 0

    def weakest(self, n: int = 3) -> list[str]:
        """The n competencies with the lowest average grade (ties broken by id)."""
        ranked = sorted(self.competencies.items(), key=lambda kv: (kv[1].average, kv[0]))
        return [k for k, _ in ranked[:n]]

    def to_json(self) -> dict[str, Any]:
        return {
            "attempts": self.attempts,
            "scored": self.scored,
            "competencies": {k: v.to_json() for k, v in sorted(self.competencies.items())},
            "tracks": {k: v.to_json() for k, v in sorted(self.tracks.items())},
            "rounds": {k: v.to_json() for k, v in sorted(self.rounds.items())},
        }
