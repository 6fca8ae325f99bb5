"""Plain, detached records the store hands out, so callers never hold a database session."""

from __future__ import annotations

from collections.abc import Iterable
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
    # The attempt's identity across databases (and across a reused SQLite id).
    uid: str | None = None

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
class AttemptSummary:
    """One attempt as a list shows it: no answer text and no assessment payload.

    `previous_id` is the attempt before it at the same question (main answers with an
    assessment only), for a one-click comparison; None when there is none or it was not asked.
    """

    id: int
    created_at: datetime
    status: str
    track: str
    round: str
    question_id: str | None
    question: str
    competencies: tuple[str, ...]
    kind: str
    parent_id: int | None
    overall: float | None = None
    decision: str | None = None
    previous_id: int | None = None


@dataclass(frozen=True)
class AttemptPage:
    """One page of a filtered attempt list, newest first, and where it sits in the whole."""

    items: list[AttemptSummary]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first_index(self) -> int:
        """The 1-based position of the first item in the whole list (0 when empty)."""
        return (self.page - 1) * self.per_page + 1 if self.items else 0

    @property
    def last_index(self) -> int:
        return (self.page - 1) * self.per_page + len(self.items)


@dataclass(frozen=True)
class AttemptGroup:
    """Attempts alike in competencies, track, round, status, kind and question, counted by SQL.

    `graded` of them have an assessment; `grade_sum` and `best` are over the overall
    grades of their latest assessments, and `last` is (created_at, id, grade) of the
    newest graded one. A handful of groups summarise any number of attempts.
    """

    competencies: tuple[str, ...]
    track: str
    round: str
    status: str
    kind: str
    question_id: str | None
    count: int
    graded: int = 0
    grade_sum: float = 0.0
    best: float | None = None
    last: tuple[datetime, int, float] | None = None


@dataclass(frozen=True)
class GradePoint:
    """One scored attempt's overall grade, for a competency's timeline."""

    attempt_id: int
    created_at: datetime
    grade: float


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

    @classmethod
    def of(cls, groups: Iterable[AttemptGroup]) -> Progress:
        """Progress folded from attempt groups: the same figures as over every attempt."""
        folded: dict[str, dict[str, list[AttemptGroup]]] = {
            "competencies": {},
            "tracks": {},
            "rounds": {},
        }
        attempts = scored = 0
        for g in groups:
            if g.status != "draft":
                attempts += g.count
            if g.status != "scored" or not g.graded:
                continue
            scored += g.graded
            folded["tracks"].setdefault(g.track, []).append(g)
            folded["rounds"].setdefault(f"{g.track}/{g.round}", []).append(g)
            for c in dict.fromkeys(g.competencies):
                folded["competencies"].setdefault(c, []).append(g)
        return cls(
            competencies={k: _stat_of(v) for k, v in folded["competencies"].items()},
            tracks={k: _stat_of(v) for k, v in folded["tracks"].items()},
            rounds={k: _stat_of(v) for k, v in folded["rounds"].items()},
            attempts=attempts,
            scored=scored,
        )

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


def _stat_of(groups: list[AttemptGroup]) -> Stat:
    n = sum(g.graded for g in groups)
    lasts = [g.last for g in groups if g.last is not None]
    bests = [g.best for g in groups if g.best is not None]
    return Stat(
        attempts=n,
        average=sum(g.grade_sum for g in groups) / n,
        last=max(lasts)[2],  # the newest by (created_at, id)
        best=max(bests),
    )


def question_counts(groups: Iterable[AttemptGroup]) -> dict[str, int]:
    """Submitted main answers (not drafts) per pack question, from attempt groups."""
    counts: dict[str, int] = {}
    for g in groups:
        if g.question_id and g.kind == "main" and g.status in ("saved", "scored", "error"):
            counts[g.question_id] = counts.get(g.question_id, 0) + g.count
    return counts
