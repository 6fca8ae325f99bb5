"""Words, numbers and labels the templates show; each judgement is text, never colour alone."""

from __future__ import annotations

from datetime import datetime

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
}
