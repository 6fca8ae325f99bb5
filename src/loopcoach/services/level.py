"""The level estimate of a debrief: P6, P7 or P8 from the scope the answers show.

P-levels are one ladder across functions, but the bar differs by track: a P8 TPM
is judged on system scale and complexity, a P8 PM on business scale and strategic
ambiguity (source `pm-vs-tpm`). What an interviewer can hear in an answer is its
scope, so the estimate reads six dimensions from the text, each 0 to 2 points:

| dimension | 1 point | 2 points |
| --- | --- | --- |
| people led or worked with | 8 or more | 30 or more |
| teams coordinated | 3 or more | 6 or more |
| reach: users, orders or requests | 1M | 100M |
| rate: requests, orders or writes a second | 1k | 50k |
| money: GMV, revenue, budget | 10M | 1B |
| breadth: a business unit, a P&L, a new market or line, a multi-year strategy | any | - |

Reach and rate together count at most 2 points, so the most is 9. Three points
or more reads as P7, six or more as P8. A level also needs the grades to hold at
that scope: P8 needs a weighted grade of 3.0, P7 one of 2.5; below that
the estimate steps down one level (never below P6). Each reason quotes its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "dozen": 12,
}
MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_QTY = (
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")"
    r"(?:\s*(?P<mult>thousand|million|billion|mn|bn|k|m|b)\b)?"
)
_WORDNUM = r"(?P<n2>\d+|" + "|".join(NUMBER_WORDS) + r")"
# Bare "people" is often an audience ("in front of forty people"), so it counts only
# after a word that makes them a team: led, managed, a team or an org of.
PEOPLE = re.compile(
    _QTY + r"\s+(?:[a-z-]+\s+)?(?:engineers|developers|designers|analysts|data scientists|"
    r"product managers|pms|direct reports|reports)\b"
    r"|\b(?:team|org|organisation|organization|group) of (?:about |around |some )?"
    + _WORDNUM
    + r"\b"
    r"|\b(?:led|lead|leading|managed|manage|managing)\s+(?:a team of\s+)?"
    + _WORDNUM.replace("n2", "n4")
    + r"\s+(?:people|staff)\b",
    re.I,
)
TEAMS = re.compile(
    _QTY + r"\s+(?:[a-z-]+\s+)?(?:teams|squads|business units|departments|vendors)\b", re.I
)
REACH = re.compile(
    _QTY + r"\s+(?:[a-z-]+\s+)?(?:users|buyers|sellers|merchants|customers|shoppers|orders|"
    r"transactions|requests|sessions|devices|stores|parcels|dau|mau)\b",
    re.I,
)
RATE = re.compile(
    _QTY + r"\s*(?:qps|tps|(?:[a-z]+\s+)?(?:requests|orders|transactions|writes|reads|calls|"
    r"events|messages)\s+(?:a|per)\s+second)\b",
    re.I,
)
MONEY = re.compile(
    r"(?:rmb|cny|usd|us\$|eur|gbp|\$|¥|€|£|yuan)\s?"
    + _QTY
    + r"|"
    + _QTY.replace("?P<n>", "?P<n3>").replace("?P<mult>", "?P<mult3>")
    + r"\s*(?:rmb|cny|yuan|usd|dollars|eur|euros|gbp|pounds)\b",
    re.I,
)
BREADTH = re.compile(
    r"\b(?:business units?|p&l|new (?:market|business line|business)|multi-year|"
    r"three-year|five-year|company-wide|group-wide|org-wide|from scratch|from zero|"
    r"set the (?:direction|strategy)|strategy for the (?:group|company|unit|division))\b",
    re.I,
)

P8_BAR = {
    "pm": "a P8 PM is judged on business scale and strategic ambiguity",
    "tpm": "a P8 TPM is judged on system scale and complexity",
}


@dataclass(frozen=True)
class AnswerText:
    """One answer of the loop, as the level estimate reads it."""

    round: str
    kind: str
    attempt_id: int | None
    text: str


@dataclass(frozen=True)
class ScopeReason:
    """One dimension of scope, its points and the sentence that shows it."""

    dimension: str
    points: int
    text: str
    round: str | None = None
    answer: str | None = None
    attempt_id: int | None = None
    quote: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "dimension": self.dimension,
            "points": self.points,
            "text": self.text,
            "round": self.round,
            "answer": self.answer,
            "attempt_id": self.attempt_id,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class LevelEstimate:
    level: str
    scope_points: int
    reasons: tuple[ScopeReason, ...]


def _value(match: re.Match[str]) -> float:
    groups = match.groupdict()
    raw = groups.get("n") or groups.get("n2") or groups.get("n3") or groups.get("n4") or "0"
    mult = groups.get("mult") or groups.get("mult3") or ""
    raw = raw.lower().replace(",", "")
    number = float(NUMBER_WORDS[raw]) if raw in NUMBER_WORDS else float(raw)
    return number * MULTIPLIERS.get(mult.lower(), 1.0)


def figure(value: float) -> str:
    """A count in words a reader takes in at a glance: 12, 50k, 40M, 1.2B."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:.1f}".removesuffix(".0") + suffix
    return f"{value:.0f}"


def _sentence(text: str, start: int) -> str:
    """The sentence of `text` around offset `start`, split the way the scorer splits."""
    from loopcoach.scoring.text import split_sentences

    for s in split_sentences(text):
        if s.start <= start < s.end:
            quote = " ".join(s.text.split())
            return quote if len(quote) <= 200 else quote[:197] + "..."
    return ""


@dataclass(frozen=True)
class _Hit:
    value: float
    answer: AnswerText
    quote: str


def _largest(pattern: re.Pattern[str], answers: Sequence[AnswerText]) -> _Hit | None:
    best: _Hit | None = None
    for a in answers:
        for m in pattern.finditer(a.text):
            value = _value(m) if pattern is not BREADTH else 1.0
            if best is None or value > best.value:
                best = _Hit(value, a, _sentence(a.text, m.start()))
    return best


DIMENSIONS: tuple[tuple[str, re.Pattern[str], float, float, str], ...] = (
    # name, pattern, 1-point threshold, 2-point threshold, what it says
    ("people", PEOPLE, 8, 30, "works with or leads {v} people"),
    ("teams", TEAMS, 3, 6, "coordinates {v} teams"),
    ("reach", REACH, 1e6, 1e8, "reaches {v} users, orders or requests"),
    ("rate", RATE, 1e3, 5e4, "designs for {v} a second"),
    ("money", MONEY, 1e7, 1e9, "moves money on the order of {v}"),
    (
        "breadth",
        BREADTH,
        1,
        float("inf"),
        "owns scope beyond one team (a unit, market or strategy)",
    ),
)


# The least of each dimension that earns a point, as the "no scope" reason names them.
LEAST_SCOPE = (
    "8 people, 3 teams, 1M users, orders or requests, 1k a second, 10M in money, or a "
    "business unit, market or multi-year strategy"
)


def _no_scope(scope_scores: Sequence[tuple[str, str, int]]) -> str:
    """Why the scope reads as P6, agreeing with the scores the scorer gave for scope."""
    shown = [s for s in scope_scores if s[2] >= 2]
    if shown:
        criterion, where, score = max(shown, key=lambda s: s[2])
        return (
            f"The answers give the size of the work ({criterion} {score} of 4 in the "
            f"{where}), but no figure in them reaches what reads above P6 ({LEAST_SCOPE}), "
            "so the scope cannot be read above P6."
        )
    return (
        f"No answer gives a size of the work that reads above P6 ({LEAST_SCOPE}), so the "
        "scope cannot be read above P6."
    )


def estimate_level(
    answers: Sequence[AnswerText],
    grade: float,
    track: str,
    *,
    scope_scores: Sequence[tuple[str, str, int]] = (),
    source_title: str | None = None,
) -> LevelEstimate:
    """P6, P7 or P8 from the scope in the answers, held back where the grades do not hold.

    `scope_scores` are the scorer's scores for scope (criterion, round name, score), so the
    reason given when no figure counts agrees with them; `source_title` names the article
    behind the track's P8 bar (source `pm-vs-tpm`) by its title.
    """
    reasons: list[ScopeReason] = []
    points: dict[str, int] = {}
    for name, pattern, one, two, says in DIMENSIONS:
        hit = _largest(pattern, answers)
        if hit is None or hit.value < one:
            continue
        pts = 2 if hit.value >= two else 1
        points[name] = pts
        reasons.append(
            ScopeReason(
                name,
                pts,
                "The answer " + says.format(v=figure(hit.value)) + ".",
                hit.answer.round,
                hit.answer.kind,
                hit.answer.attempt_id,
                hit.quote,
            )
        )
    # Reach and rate are two readings of one thing, so together they count at most 2.
    total = sum(points.values()) - max(0, points.get("reach", 0) + points.get("rate", 0) - 2)
    by_scope = "P8" if total >= 6 else "P7" if total >= 3 else "P6"
    level = by_scope
    if by_scope == "P8" and grade < 3.0:
        level = "P7"
    elif by_scope == "P7" and grade < 2.5:
        level = "P6"
    if not reasons:
        reasons.append(ScopeReason("none", 0, _no_scope(scope_scores)))
    summary = f"Scope scores {total} of 9 points, which reads as {by_scope}"
    if level != by_scope:
        summary += f"; the weighted grade {grade:.2f} does not hold that scope, so {level}"
    if track in P8_BAR:
        cited = f"“{source_title}”" if source_title else "source pm-vs-tpm"
        summary += f" ({P8_BAR[track]}, from {cited})"
    reasons.insert(0, ScopeReason("summary", total, summary + "."))
    return LevelEstimate(level, total, tuple(reasons))
