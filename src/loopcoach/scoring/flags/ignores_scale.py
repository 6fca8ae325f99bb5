"""ignores_scale: proposes a system or model with no thought for load, peaks,
concurrency or latency (GRADING.md; technical, ml and business_case rounds)."""

from __future__ import annotations

from loopcoach.scoring import cues
from loopcoach.scoring.flags._base import Case, Context, FlagHit, first

ID = "ignores_scale"
ROUNDS: frozenset[str] | None = frozenset({"technical", "ml", "business_case"})
WHY = (
    "At this company's traffic, a design with no thought for peaks, concurrency or latency "
    "fails on the first festival day."
)
FIX = (
    "Say what happens at peak load: the volume, where it breaks, and the mechanism (cache, "
    "queue, precompute, degrade) that holds it."
)
CAP: float | None = None
# The criteria this flag contradicts (GRADING.md's definition): shown as 0 with VOID_NOTE,
# so the criteria and the flag never tell two stories. The grade model is unchanged.
VOIDS: frozenset[str] = frozenset({"scale", "latency", "cost_latency"})
VOID_NOTE = "Not counted: nothing on load, peaks, concurrency or latency."

CASES = (
    Case(
        "technical",
        "Design the stock reservation for a flash sale.",
        "I'd keep a stock table per item and decrement it when a buyer pays, with a check "
        "that the count never goes below zero. The order service writes the order and the "
        "payment service confirms it, and I'd measure oversold orders per sale.",
        True,
    ),
    Case(
        "technical",
        "Design the stock reservation for a flash sale.",
        "At 200,000 buyers in the first second the database cannot take the writes, so I'd "
        "hold the stock count in a cache, decrement it atomically and queue the orders behind "
        "it, measuring oversold orders per sale.",
        False,
    ),
)


def detect(ctx: Context) -> FlagHit | None:
    # "Proposes a system or model": an explanation, a diagnosis or a call between two
    # options proposes neither, so it cannot ignore the scale of one.
    if ctx.asks not in ("", "design", "plan"):
        return None
    sig = ctx.sig
    if not any(
        cues.SCALE.search(s.sentence.text) or cues.COST_LATENCY.search(s.sentence.text)
        for s in sig.sentences
    ):
        return FlagHit(ID, first(sig), 0.8)
    return None
