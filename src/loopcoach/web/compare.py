"""What changed between two attempts: grade, each criterion, red flags and talking points."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loopcoach.store.records import AttemptRecord


@dataclass(frozen=True)
class CriterionChange:
    id: str
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    """`before` is the older attempt; every change reads from it to `after`."""

    before: AttemptRecord
    after: AttemptRecord
    overall_change: float | None
    criteria: tuple[CriterionChange, ...]
    flags_cleared: tuple[str, ...]
    flags_new: tuple[str, ...]
    flags_kept: tuple[str, ...]
    points_gained: tuple[str, ...]
    points_lost: tuple[str, ...]
    words_before: int
    words_after: int
    same_question: bool


def _payload(a: AttemptRecord) -> dict[str, Any]:
    return a.assessment.payload if a.assessment else {}


def _covered(payload: dict[str, Any]) -> set[str]:
    coverage = payload.get("coverage") or {}
    return {p["point"] for p in coverage.get("points", []) if p.get("covered")}


def compare(first: AttemptRecord, second: AttemptRecord) -> Comparison:
    """Compare two attempts, oldest first whatever order they are given in."""
    before, after = sorted((first, second), key=lambda a: (a.created_at, a.id))
    pb, pa = _payload(before), _payload(after)
    scores_b = {c["id"]: int(c["score"]) for c in pb.get("criteria", [])}
    scores_a = {c["id"]: int(c["score"]) for c in pa.get("criteria", [])}
    ids = list(dict.fromkeys([*scores_b, *scores_a]))
    flags_b = [f["id"] for f in pb.get("flags", [])]
    flags_a = [f["id"] for f in pa.get("flags", [])]
    cov_b, cov_a = _covered(pb), _covered(pa)
    overall = (
        after.overall - before.overall
        if after.overall is not None and before.overall is not None
        else None
    )
    return Comparison(
        before=before,
        after=after,
        overall_change=overall,
        criteria=tuple(CriterionChange(i, scores_b.get(i), scores_a.get(i)) for i in ids),
        flags_cleared=tuple(f for f in flags_b if f not in flags_a),
        flags_new=tuple(f for f in flags_a if f not in flags_b),
        flags_kept=tuple(f for f in flags_a if f in flags_b),
        points_gained=tuple(sorted(cov_a - cov_b)),
        points_lost=tuple(sorted(cov_b - cov_a)),
        words_before=len(before.answer.split()),
        words_after=len(after.answer.split()),
        same_question=(before.question_id or before.question)
        == (after.question_id or after.question),
    )
