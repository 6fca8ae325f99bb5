"""The scorer's input limits and its output, the Assessment, as plain frozen dataclasses.

Plain dataclasses rather than Pydantic keep `loopcoach score` fast to start.
`Assessment.to_json()` is the `loopcoach.assessment/1` schema of PRODUCT.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "loopcoach.assessment/1"
MAX_WORDS = 10_000

DECISIONS = ("strong_no_hire", "lean_no_hire", "lean_hire", "strong_hire")


def decision_for(overall: float) -> str:
    """Map an overall grade to the committee decision of PRODUCT.md."""
    if overall < 1.75:
        return "strong_no_hire"
    if overall < 2.5:
        return "lean_no_hire"
    if overall < 3.25:
        return "lean_hire"
    return "strong_hire"


@dataclass(frozen=True)
class Span:
    """A piece of the answer, by character offsets into the answer as given."""

    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class CriterionScore:
    id: str
    score: int
    evidence: tuple[Span, ...]
    note: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": self.score,
            "evidence": [s.to_json() for s in self.evidence],
            "note": self.note,
        }


@dataclass(frozen=True)
class Flag:
    id: str
    evidence: tuple[Span, ...]
    why: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "evidence": [s.to_json() for s in self.evidence], "why": self.why}


@dataclass(frozen=True)
class PointCoverage:
    point: str
    covered: bool
    score: float
    evidence: tuple[Span, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "point": self.point,
            "covered": self.covered,
            "score": round(self.score, 3),
            "evidence": [s.to_json() for s in self.evidence],
        }


@dataclass(frozen=True)
class Coverage:
    score: float
    points: tuple[PointCoverage, ...]

    def to_json(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "points": [p.to_json() for p in self.points]}


@dataclass(frozen=True)
class Delivery:
    """Speaking measures for a transcript with its duration (formulas in scoring/README.md)."""

    words_per_minute: float
    fillers_per_minute: float
    hedges: int
    seconds_used: float
    seconds_budget: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "words_per_minute": round(self.words_per_minute, 1),
            "fillers_per_minute": round(self.fillers_per_minute, 2),
            "hedges": self.hedges,
            "seconds_used": round(self.seconds_used, 1),
            "seconds_budget": self.seconds_budget,
        }


@dataclass(frozen=True)
class RelevanceVerdict:
    """Whether the answer does what its question asks: the kind asked, and why not."""

    asks_for: str
    inferred: bool
    answers: bool
    instead: str
    reason: str
    evidence: tuple[Span, ...]
    # 0 when the answer is as close to its question as most answers are to theirs; above
    # 0 the grade was lowered for the distance, and `doubt_reason` says so.
    doubt: float = 0.0
    doubt_reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "asks_for": self.asks_for,
            "inferred": self.inferred,
            "answers": self.answers,
            "instead": self.instead or None,
            "reason": self.reason or None,
            "evidence": [s.to_json() for s in self.evidence],
            "doubt": self.doubt,
            "doubt_reason": self.doubt_reason or None,
        }


@dataclass(frozen=True)
class Assessment:
    """The scorer's verdict on one answer: grade, decision, criteria, flags and advice."""

    track: str
    round: str
    overall: float
    decision: str
    criteria: tuple[CriterionScore, ...]
    flags: tuple[Flag, ...]
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    follow_up: str
    scorer_version: str
    coverage: Coverage | None = None
    delivery: Delivery | None = None
    signals: dict[str, float] = field(default_factory=dict)
    relevance: RelevanceVerdict | None = None
    # The criterion the follow-up probe aims at ("" when it re-asks the question).
    follow_up_criterion: str = ""
    # For a follow-up answer: the criterion its probe aimed at, the one it is graded on.
    aimed_at: str = ""

    @property
    def is_non_answer(self) -> bool:
        return "non_answer" in self.flag_ids

    @property
    def flag_ids(self) -> list[str]:
        return [f.id for f in self.flags]

    def weakest_criterion(self) -> CriterionScore:
        return min(self.criteria, key=lambda c: c.score)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "scorer_version": self.scorer_version,
            "track": self.track,
            "round": self.round,
            "overall": self.overall,
            "decision": self.decision,
            "criteria": [c.to_json() for c in self.criteria],
            "flags": [f.to_json() for f in self.flags],
            "strengths": list(self.strengths),
            "improvements": list(self.improvements),
            "follow_up": self.follow_up,
            "follow_up_criterion": self.follow_up_criterion or None,
            "graded_for": self.aimed_at or None,
            "signals": {k: round(v, 4) for k, v in sorted(self.signals.items())},
        }
        if self.relevance is not None:
            out["relevance"] = self.relevance.to_json()
        if self.coverage is not None:
            out["coverage"] = self.coverage.to_json()
        if self.delivery is not None:
            out["delivery"] = self.delivery.to_json()
        return out
