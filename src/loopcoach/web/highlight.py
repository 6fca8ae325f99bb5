"""Cut an answer into segments so each evidence span can be marked and linked in HTML.

Spans may overlap (one sentence can earn two criteria and raise a flag), so the
answer is cut at every span boundary; each segment knows which spans cover it,
which open at its start (for the anchor a criterion links back to) and which close
at its end (where the labels naming the criteria and flags are shown).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Names = Callable[[str, str], str]  # (kind, id) -> the name a page shows


@dataclass(frozen=True)
class Label:
    kind: str  # "criterion" or "flag"
    id: str
    name: str = ""  # what the page calls it; the id, humanised, when not given

    @property
    def anchor(self) -> str:
        return f"{'crit' if self.kind == 'criterion' else 'flag'}-{self.id}"

    @property
    def text(self) -> str:
        name = self.name or self.id.replace("_", " ")
        return name if self.kind == "criterion" else f"flag: {name}"


@dataclass
class MarkedSpan:
    number: int
    start: int
    end: int
    labels: list[Label] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return any(label.kind == "flag" for label in self.labels)


@dataclass(frozen=True)
class Segment:
    text: str
    covering: tuple[MarkedSpan, ...]
    opens: tuple[MarkedSpan, ...]
    closes: tuple[MarkedSpan, ...]

    @property
    def flagged(self) -> bool:
        return any(s.flagged for s in self.covering)


@dataclass(frozen=True)
class Highlighted:
    segments: tuple[Segment, ...]
    spans: tuple[MarkedSpan, ...]
    # "crit-<id>" / "flag-<id>" -> the numbers of the spans that support it
    by_anchor: dict[str, list[int]]


def _evidence(
    items: list[dict[str, Any]], kind: str, names: Names | None
) -> list[tuple[int, int, Label]]:
    out = []
    for item in items:
        ident = str(item.get("id", ""))
        label = Label(kind, ident, names(kind, ident) if names else "")
        for ev in item.get("evidence") or []:
            out.append((int(ev.get("start", 0)), int(ev.get("end", 0)), label))
    return out


def highlight(
    answer: str, payload: dict[str, Any] | None, names: Names | None = None
) -> Highlighted:
    """The answer's segments and numbered spans from an assessment's JSON payload.

    `names(kind, id)` gives each criterion's and flag's label its human name.
    """
    n = len(answer)
    payload = payload or {}
    raw = _evidence(payload.get("criteria") or [], "criterion", names)
    raw += _evidence(payload.get("flags") or [], "flag", names)
    by_range: dict[tuple[int, int], list[Label]] = defaultdict(list)
    for start, end, label in raw:
        key = (max(0, start), min(n, end))
        if key[0] < key[1] and label not in by_range[key]:
            by_range[key].append(label)
    spans = [
        MarkedSpan(i, start, end, labels)
        for i, ((start, end), labels) in enumerate(sorted(by_range.items()), start=1)
    ]
    by_anchor: dict[str, list[int]] = defaultdict(list)
    for span in spans:
        for label in span.labels:
            by_anchor[label.anchor].append(span.number)
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    segments = []
    for a, b in itertools.pairwise(cuts):
        covering = tuple(s for s in spans if s.start <= a and s.end >= b)
        segments.append(
            Segment(
                text=answer[a:b],
                covering=covering,
                opens=tuple(s for s in covering if s.start == a),
                closes=tuple(s for s in covering if s.end == b),
            )
        )
    return Highlighted(tuple(segments), tuple(spans), dict(by_anchor))
