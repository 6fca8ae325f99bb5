"""escalates_first: resolves a conflict by going to leadership rather than aligning the
parties (GRADING.md). An escalation kept as the last step ("only if it slips again") is
not a reflex."""

from __future__ import annotations

from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.flags._base import Case, Context, FlagHit

ID = "escalates_first"
ROUNDS: frozenset[str] | None = None
WHY = (
    "Going to leadership before aligning the parties reads as an inability to influence "
    "without authority."
)
FIX = (
    "Show how you would align the parties yourself before going to leadership: what each "
    "side needs and the trade you would propose."
)
CAP: float | None = None
# The criteria this flag contradicts (GRADING.md's definition): shown as 0 with VOID_NOTE,
# so the criteria and the flag never tell two stories. The grade model is unchanged.
VOIDS: frozenset[str] = frozenset({"alignment"})
VOID_NOTE = "Not counted: the conflict goes to leadership instead of aligning the parties."

CASES = (
    Case(
        "stakeholder",
        "Two teams want the same home-page slot. How do you get to a decision?",
        "I'd escalate it to my VP straight away and let leadership decide, since neither "
        "team reports to me.",
        True,
    ),
    Case(
        "stakeholder",
        "Two teams want the same home-page slot. How do you get to a decision?",
        "I'd sit down with both leads and agree on what each needs from the slot: one needs "
        "reach on day one, the other conversion in the last hours. I'd propose splitting it "
        "by time, and only if they still disagree would I take it to our director.",
        False,
    ),
)


def detect(ctx: Context) -> FlagHit | None:
    sig = ctx.sig
    escalating = [
        i
        for i, s in enumerate(sig.sentences)
        if lx.ESCALATE.search(s.sentence.text) and not lx.LAST_RESORT.search(s.sentence.text)
    ]
    if not escalating:
        return None
    align = sum(1 for s in sig.sentences if lx.ALIGN.search(s.sentence.text))
    if align <= 1 or escalating[0] < max(1, len(sig.sentences)) / 2:
        return FlagHit(ID, tuple(sig.sentences[i].sentence for i in escalating[:2]), 0.9)
    return None
