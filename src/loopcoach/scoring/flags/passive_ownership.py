"""passive_ownership: frames its work as assigned to it ("I was asked to") and shows no
initiative of its own (GRADING.md)."""

from __future__ import annotations

from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.flags._base import Case, Context, FlagHit, spans

ID = "passive_ownership"
ROUNDS: frozenset[str] | None = None
WHY = (
    "Work framed as assigned to you hides your judgement; the committee cannot tell what you "
    "would have done unprompted."
)
FIX = "Say what you chose to do that nobody asked for, and why."
CAP: float | None = None
# The criteria this flag contradicts (GRADING.md's definition): shown as 0 with VOID_NOTE,
# so the criteria and the flag never tell two stories. The grade model is unchanged.
VOIDS: frozenset[str] = frozenset({"ownership"})
VOID_NOTE = "Not counted: the work is framed as assigned to you, with no initiative of your own."

CASES = (
    Case(
        "culture",
        "Tell me about something you took on beyond your role.",
        "I was asked to help with the seller training before the sale. My task was given by "
        "my manager, and I did what I was told: I prepared the slides and ran the sessions.",
        True,
    ),
    Case(
        "culture",
        "Tell me about something you took on beyond your role.",
        "Nobody owned seller training before the sale, so I decided to build it myself: I "
        "chose the three mistakes that caused most tickets and recorded a video on each, and "
        "tickets fell by a third.",
        False,
    ),
)


def detect(ctx: Context) -> FlagHit | None:
    passive = spans(ctx.sig, lx.PASSIVE, 3)
    if passive and ctx.sig.count("decision") <= 1 + len(passive) // 2:
        return FlagHit(ID, tuple(passive), 0.8)
    return None
