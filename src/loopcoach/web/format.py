"""Words, numbers and labels the templates show; each judgement is text, never colour alone."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

DECISION_WORDS = {
    "strong_hire": "Strong hire",
    "lean_hire": "Lean hire",
    "lean_no_hire": "Lean no hire",
    "strong_no_hire": "Strong no hire",
}
# A shape per decision, shown beside the words, so the grade reads without colour.
DECISION_MARKS = {
    "strong_hire": "▲▲",
    "lean_hire": "▲",
    "lean_no_hire": "▼",
    "strong_no_hire": "▼▼",
}
SCORE_WORDS = {0: "absent", 1: "weak", 2: "partial", 3: "solid", 4: "strong"}
STATUS_WORDS = {
    "draft": "Draft",
    "saved": "Saved, not scored",
    "scored": "Scored",
    "error": "Scoring failed",
}


def decision_words(decision: str | None) -> str:
    if not decision:
        return "Not scored"
    return DECISION_WORDS.get(decision, decision.replace("_", " ").capitalize())


def decision_mark(decision: str | None) -> str:
    return DECISION_MARKS.get(decision or "", "·")


def decision_class(decision: str | None) -> str:
    return f"decision-{(decision or 'none').replace('_', '-')}"


def grade(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def score_words(score: int) -> str:
    return SCORE_WORDS.get(score, str(score))


def clock(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    total = round(seconds)
    sign = "-" if total < 0 else ""
    total = abs(total)
    return f"{sign}{total // 60}:{total % 60:02d}"


def when(value: datetime) -> str:
    """A timestamp as the user reads it in lists: 12 Mar 2026, 14:05 UTC."""
    return value.strftime("%-d %b %Y, %H:%M UTC")


def humanise(identifier: str | None) -> str:
    """`delivery_metrics` -> `Delivery metrics` for ids with no name in the packs."""
    if not identifier:
        return ""
    return identifier.replace("_", " ").replace("-", " ").capitalize()


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def delta(value: float | None, digits: int = 2) -> str:
    """A signed change in words and arrows: `▲ +0.40`, `▼ −1`, `= 0`."""
    if value is None:
        return "–"
    if abs(value) < 10 ** -(digits + 1):
        return "= no change"
    text = f"{abs(value):.{digits}f}" if digits else f"{abs(round(value))}"
    return f"▲ +{text}" if value > 0 else f"▼ −{text}"


STEADY_ANSWERS = 3  # answers a round before its average stops swinging a whole band


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _round_counts(readiness: Any) -> tuple[list[int], int]:
    """Answers in each practised round of a readiness, and how many rounds its loop has."""
    data: Mapping[str, Any] = readiness.to_json() if hasattr(readiness, "to_json") else readiness
    rounds = list(data.get("rounds") or [])
    return [int(r["attempts"]) for r in rounds if r.get("average") is not None], len(rounds)


def evidence(readiness: Any) -> str:
    """How many answers stand behind a readiness grade: `from 5 answers, 1 per round`.

    `readiness` is a TrackReadiness or its JSON.
    """
    counts, rounds = _round_counts(readiness)
    if not counts:
        return "no scored answers yet"
    low, high = min(counts), max(counts)
    spread = f"{low} per round" if low == high else f"{low} to {high} per round"
    text = f"from {plural(sum(counts), 'answer')}, {spread}"
    if len(counts) < rounds:
        text += f" in {len(counts)} of {rounds} rounds"
    return text


def thin_evidence(readiness: Any) -> bool:
    """Whether a practised round has fewer than STEADY_ANSWERS answers behind it."""
    counts, _ = _round_counts(readiness)
    return bool(counts) and min(counts) < STEADY_ANSWERS


# The rounds that ask for stories of the candidate's own past work; the others are cases.
STORY_ROUNDS = frozenset({"screen", "culture", "hiring_manager"})
STORY_HINT = (
    "Answer as you would out loud: the situation, what you decided and why, "
    "and what the numbers did."
)
CASE_HINT = (
    "Answer as you would at the whiteboard: lay out your structure first, weigh the "
    "options and their trade-offs, and put numbers on your assumptions and your measure "
    "of success."
)
CASE_HINTS = {
    "technical": (
        "Answer as you would at the whiteboard: sketch the structure first, name the "
        "trade-offs you accept and why, and put numbers on scale, latency and cost."
    ),
    "ml": (
        "Answer as you would at the whiteboard: structure it first (the problem, the "
        "data, the model), weigh the modelling trade-offs, and say which numbers tell "
        "you it works."
    ),
}


def answer_hint(round_id: str | None) -> str:
    """The hint above an answer box: a story's shape for story rounds, a case's otherwise."""
    if not round_id or round_id in STORY_ROUNDS:
        return STORY_HINT
    return CASE_HINTS.get(round_id, CASE_HINT)


FILTERS = {
    "decision_words": decision_words,
    "decision_mark": decision_mark,
    "decision_class": decision_class,
    "grade": grade,
    "score_words": score_words,
    "clock": clock,
    "when": when,
    "humanise": humanise,
    "percent": percent,
    "delta": delta,
    "evidence": evidence,
    "answer_hint": answer_hint,
    "thin_evidence": thin_evidence,
}
