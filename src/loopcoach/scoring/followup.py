"""A follow-up answer, graded for what its probe asked.

A probe aims at one criterion of the round ("Traffic is ten times what you planned for:
what breaks first?" aims at `scale`). Its answer is graded on that criterion alone, with
the red flags that can apply to it, and read together with the answer it follows: the
probe's subject is the parent answer's ("How much did the pivot cost?" is about the pivot
told there). The overall is the criterion's score on the 1-to-4 scale (0 of 4 is 1.0, 4
of 4 is 4.0), capped where a disqualifying flag applies, so the one criterion shown
explains the grade, and a direct answer to a narrow probe is not marked down for the
criteria it was never asked about.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from loopcoach.scoring.feedback import RETRY
from loopcoach.scoring.flags import CAPS, FLAG_FIX, FLAG_WHY
from loopcoach.scoring.types import (
    Assessment,
    CriterionScore,
    Flag,
    Span,
    decision_for,
)

if TYPE_CHECKING:
    from loopcoach.scoring.criteria import CriterionResult

# Whatever the probe: no answer, vocabulary with no reasoning, a miss put on others.
ALWAYS = frozenset({"non_answer", "buzzword_salad", "blames_external"})
# The flags a probe at each criterion can show (GRADING.md: the flag's definition names
# what the criterion asks for).
BY_CRITERION: dict[str, frozenset[str]] = {
    "scale": frozenset({"ignores_scale"}),
    "latency": frozenset({"ignores_scale"}),
    "cost_latency": frozenset({"ignores_scale"}),
    "metrics": frozenset({"no_metric"}),
    "result": frozenset({"no_metric"}),
    "outcome": frozenset({"no_metric"}),
    "delivery_metrics": frozenset({"no_metric"}),
    "business_metric": frozenset({"no_metric", "technical_metric_only"}),
    "evaluation": frozenset({"technical_metric_only"}),
    "experiment": frozenset({"technical_metric_only"}),
    "alignment": frozenset({"escalates_first"}),
    "adaptation": frozenset({"escalates_first", "rigid_plan"}),
    "communication": frozenset({"escalates_first"}),
    "ownership": frozenset({"passive_ownership"}),
    "decisions": frozenset({"passive_ownership"}),
    "segmentation": frozenset({"generic_strategy"}),
    "channels": frozenset({"generic_strategy"}),
    "localisation": frozenset({"generic_strategy"}),
    "timing": frozenset({"rigid_plan"}),
    "risk": frozenset({"rigid_plan"}),
    "milestones": frozenset({"rigid_plan"}),
}


def grade_for(criterion_score: int) -> float:
    """0 of 4 is 1.0 and 4 of 4 is 4.0: the criterion's score on the grade's scale."""
    return 1.0 + 0.75 * criterion_score


def assess(
    track: str,
    round_id: str,
    probe: str,
    answer: str,
    text: str,
    aimed_at: str,
    parent: str,
) -> Assessment:
    """The Assessment of a follow-up: one criterion, its flags, the grade it explains."""
    from loopcoach.scoring import engine

    _sig, criteria, _topic, verdict, hits = engine.read(
        round_id, probe, text, context=parent, follow_up=True
    )
    aimed: CriterionResult = next(c for c in criteria if c.id == aimed_at)
    allowed = ALWAYS | BY_CRITERION.get(aimed_at, frozenset())
    hits = [h for h in hits if h.id in allowed]
    overall = grade_for(aimed.score)
    for h in hits:
        if h.id in CAPS:
            overall = min(overall, CAPS[h.id])
    overall = round(overall, 2)

    def span(start: int, end: int) -> Span:
        return Span(start, end, answer[start:end])

    label = aimed_at.replace("_", " ").capitalize()
    non_answer = any(h.id == "non_answer" for h in hits)
    improvements = [h.fix or FLAG_FIX[h.id] for h in hits]
    if aimed.score <= 2:
        improvements.append(f"{label}: {aimed.note}")
    return Assessment(
        track=track,
        round=round_id,
        overall=overall,
        decision=decision_for(overall),
        criteria=(
            CriterionScore(
                aimed.id,
                aimed.score,
                tuple(span(s.start, s.end) for s in aimed.evidence),
                aimed.note,
            ),
        ),
        flags=tuple(
            Flag(h.id, tuple(span(s.start, s.end) for s in h.evidence), FLAG_WHY[h.id])
            for h in hits
        ),
        strengths=(f"{label}: {aimed.note}",) if aimed.score >= 3 else (),
        improvements=tuple(improvements[:4]),
        follow_up=f"{RETRY} {probe[:300]}" if non_answer else "",
        follow_up_criterion="",
        scorer_version=engine.SCORER_VERSION,
        signals={"follow_up_criterion_score": float(aimed.score)},
        relevance=verdict.verdict(answer),
        aimed_at=aimed_at,
    )
