"""Score each criterion of the round 0 to 4 from the sentences whose cues it matched.

A cue in a substantive sentence counts in full; a cue in a sentence with no reasoning,
number or decision counts for a third. So naming `latency` earns a little; saying what
the latency is, why, and what you would trade for it earns the criterion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.cuecompile import Cue
from loopcoach.scoring.cues import ROUND_CUES
from loopcoach.scoring.signals import AnswerSignals, SentenceSignals, saturate
from loopcoach.scoring.text import Sentence

NOTES: dict[str, tuple[str, str, str]] = {
    # criterion: (missing, thin, strong)
    "motivation": (
        "No reason for wanting this role is given.",
        "The motivation is stated but not tied to anything specific.",
        "A specific, reasoned motivation.",
    ),
    "role_fit": (
        "Nothing links your background to the role.",
        "Some background, loosely tied to the role.",
        "Background clearly mapped to the role.",
    ),
    "clarity": ("Hard to follow.", "Clear enough, but the point comes late.", "Clear and direct."),
    "scope": (
        "The size of the problem is never given.",
        "Scope is hinted at.",
        "Scope is concrete: who, how many, how big.",
    ),
    "decisions": (
        "No decision of your own is named.",
        "A decision is named, its reason thin.",
        "Decisions are yours, with reasons and what you gave up.",
    ),
    "result": (
        "No measurable result.",
        "A result, but not measured.",
        "A measured result tied to the decision.",
    ),
    "reflection": (
        "No lesson or look back.",
        "A lesson, stated generically.",
        "A specific lesson that changed how you work.",
    ),
    "scale": (
        "No thought for load, peaks or volume.",
        "Scale is mentioned, not designed for.",
        "Designed for peak load with a mechanism.",
    ),
    "tradeoffs": (
        "No trade-off is stated.",
        "A trade-off is implied.",
        "Explicit trade-offs with what is given up and why.",
    ),
    "integration": (
        "No link to existing systems or data.",
        "Existing systems are named.",
        "Reuses existing platforms and data with a reason.",
    ),
    "failure_modes": (
        "Nothing about what can fail.",
        "A risk is named.",
        "Failure modes with concrete safeguards.",
    ),
    "metrics": (
        "No success metric.",
        "A metric is named without a target.",
        "Success metrics with targets.",
    ),
    "user_problem": (
        "The user and their problem are not defined.",
        "A user problem, generic.",
        "A specific user and a concrete pain.",
    ),
    "solution": (
        "No concrete solution.",
        "A solution, loosely described.",
        "A concrete solution that follows from the problem.",
    ),
    "ecosystem": (
        "No use of the platform's existing assets.",
        "Platform assets named.",
        "Leverages the ecosystem with a reason.",
    ),
    "segmentation": (
        "No segments.",
        "Segments named broadly.",
        "Specific segments with why each matters.",
    ),
    "channels": (
        "No channels.",
        "Channels listed without a reason.",
        "Channels chosen for the segments, with reasons.",
    ),
    "localisation": (
        "Nothing local: this plan reads the same anywhere.",
        "Some local colour.",
        "Grounded in local behaviour and context.",
    ),
    "timing": ("No timing or sequence.", "Timing mentioned.", "A reasoned sequence and timing."),
    "alignment": (
        "No attempt to align the parties.",
        "Alignment mentioned.",
        "Aligns the parties on a shared goal, concretely.",
    ),
    "adaptation": (
        "The plan never adapts.",
        "Some adjustment.",
        "Adapts the plan with a clear trade-off.",
    ),
    "communication": (
        "No communication plan.",
        "Communication mentioned.",
        "Who is told what, when, by whom.",
    ),
    "outcome": (
        "No outcome or bar for success.",
        "An outcome, unmeasured.",
        "A measured outcome or a clear bar.",
    ),
    "dependencies": (
        "No dependency map.",
        "Dependencies named.",
        "Dependencies mapped with the critical path.",
    ),
    "risk": ("No risks.", "Risks named.", "Risks with triggers and mitigations."),
    "milestones": ("No milestones.", "Some dates.", "Milestones with checkpoints."),
    "delivery_metrics": (
        "No delivery measure.",
        "A delivery measure, vague.",
        "Delivery measured with targets.",
    ),
    "business_metric": (
        "No business KPI.",
        "A business KPI named.",
        "Tied to a business KPI with a number.",
    ),
    "baseline_first": (
        "No baseline before the model.",
        "A baseline hinted.",
        "Starts from a baseline and beats it.",
    ),
    "cost_latency": (
        "No cost or latency constraint.",
        "Cost or latency named.",
        "Designs within cost and latency limits.",
    ),
    "data_quality": (
        "Data problems ignored.",
        "Data issues named.",
        "Specific data problems with fixes.",
    ),
    "experiment": (
        "No experiment.",
        "An experiment mentioned.",
        "A concrete experiment design with a decision rule.",
    ),
    "method": ("No method.", "A method named.", "A method chosen with a reason."),
    "latency": (
        "No latency or serving constraint.",
        "Latency named.",
        "Serving design within a latency budget.",
    ),
    "evaluation": (
        "No evaluation plan.",
        "An evaluation metric named.",
        "Offline and online evaluation tied to the business.",
    ),
    "ownership": (
        "No first-person decision.",
        "Some ownership.",
        "Clear first-person ownership of decisions.",
    ),
    "resilience": (
        "No sign of handling pressure.",
        "Pressure mentioned.",
        "Handled a setback with concrete action.",
    ),
    "specificity": (
        "Generic: no names, numbers or specifics.",
        "Some specifics.",
        "Specific names, numbers and details.",
    ),
}


@dataclass(frozen=True)
class CriterionResult:
    id: str
    score: int
    evidence: tuple[Sentence, ...]
    note: str
    strength: float


def _matches(patterns: tuple[Cue, ...], s: SentenceSignals) -> bool:
    return any(p.search(s.sentence.text) for p in patterns)


# A part the candidate labels with the criterion's own name ("Metrics: weekly active
# sellers and refund rate", "Solution: a P&L panel in the seller app") is that part, said
# outright, whatever words follow. Provenance: the criteria of GRADING.md's rounds and the
# words for them, not any answer; at least three words must follow the label.
_LABEL_WORDS = {
    "metrics": r"(?:success |key |north[- ]star |guardrail )?(?:metrics?|kpis?|measures?)",
    "delivery_metrics": r"(?:success |delivery )?(?:metrics?|kpis?|measures?)",
    "business_metric": r"(?:business |success )?(?:metrics?|kpis?)",
    "evaluation": r"(?:evaluation|metrics?|offline|online)",
    "solution": r"(?:the )?(?:solution|proposal|fix|idea|product|feature)",
    "tradeoffs": r"(?:the )?trade-?offs?",
    "failure_modes": r"(?:risks?|failure modes?|what can go wrong)",
    "risk": r"(?:risks?|what can go wrong)",
    "user_problem": r"(?:the )?(?:users?|problem|pain points?|customers?)",
    "segmentation": r"(?:segments?|segmentation|target|audience)",
    "channels": r"channels?",
    "timing": r"(?:timing|timeline)",
    "milestones": r"(?:milestones?|timeline|phases?|plan)",
    "dependencies": r"dependenc(?:y|ies)",
    "experiment": r"(?:experiment|test|a/b test)",
    "baseline_first": r"baselines?",
    "scale": r"scale",
    "latency": r"latency",
    "cost_latency": r"(?:cost|latency)",
    "data_quality": r"data(?: quality)?",
    "method": r"(?:method|model|approach)",
    "integration": r"integration",
    "localisation": r"locali[sz]ation",
}
_LABELS = {
    c: re.compile(r"^(?:\(?\d{1,2}[.)]\s*|[-*\u2022]\s*)?" + w + r"\s*:\s*\S+\s+\S+\s+\S", re.I)
    for c, w in _LABEL_WORDS.items()
}


def _weighted_hits(
    patterns: tuple[Cue, ...], sig: AnswerSignals, criterion: str = ""
) -> tuple[float, list[Sentence]]:
    total = 0.0
    spans: list[Sentence] = []
    label = _LABELS.get(criterion)
    for s in sig.sentences:
        if s.praise and not s.substantive:
            continue  # a quality claimed is no evidence of a criterion
        if label is not None and label.search(s.sentence.text):
            total += 1.0
            spans.append(s.sentence)
        elif _matches(patterns, s):
            total += 1.0 if s.substantive else 0.35
            spans.append(s.sentence)
    return total, spans


def _special(criterion: str, sig: AnswerSignals) -> tuple[float, list[Sentence]] | None:
    if criterion == "clarity":
        if not sig.sentences:
            return 0.0, []
        mean_len = sig.word_count / len(sig.sentences)
        hedges = sum(s.hedges for s in sig.sentences)
        value = 3.0 - max(0.0, mean_len - 22) / 8 - hedges / 3 + 0.5 * min(1, sig.relevance * 2)
        return max(0.0, value), [sig.sentences[0].sentence]
    if criterion == "specificity":
        # A number is a specific when it says something: tied to a metric or a change, or
        # in a sentence that reasons or decides. "We had 14 people on the floor" is not.
        numbered = [
            s.sentence
            for s in sig.sentences
            if s.quantified or (s.numbers and (s.substantive or s.decision or s.metric))
        ]
        proper = [s.sentence for s in sig.sentences if _PROPER.search(s.sentence.text[1:])]
        value = 0.8 * len(numbered) + 0.4 * len(proper) + 0.5 * sig.count("decision")
        return value, (numbered + proper)[:3]
    return None


_PROPER = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")


def score_criteria(round_id: str, sig: AnswerSignals) -> list[CriterionResult]:
    out = []
    for criterion, patterns in ROUND_CUES[round_id].items():
        special = _special(criterion, sig)
        raw, spans = special if special is not None else _weighted_hits(patterns, sig, criterion)
        if criterion in {"metrics", "result", "outcome", "delivery_metrics", "business_metric"}:
            quant = [s.sentence for s in sig.sentences if s.quantified]
            raw += 0.8 * min(2, len(quant))
            spans = list(dict.fromkeys(quant + spans))
        strength = saturate(raw, 1.5)
        score = int(min(4, round(strength * 4.4)))
        # A criterion cannot be strong in an answer that never reasons.
        if sig.count("substantive") == 0:
            score = min(score, 1)
        missing, thin, strong = NOTES.get(criterion, ("Not shown.", "Thin.", "Shown well."))
        note = missing if score == 0 else thin if score <= 2 else strong
        out.append(CriterionResult(criterion, score, tuple(spans[:3]), note, strength))
    return out


def buzz_without_reason(sig: AnswerSignals) -> float:
    """Share of domain-term hits that sit in sentences with no reasoning at all."""
    hits = sum(s.buzz for s in sig.sentences)
    bare = sum(s.buzz for s in sig.sentences if not s.substantive)
    return bare / hits if hits else 0.0


__all__ = ["CriterionResult", "buzz_without_reason", "lx", "score_criteria"]
