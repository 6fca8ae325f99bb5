"""rigid_plan: treats a roadmap or launch as a fixed contract, with no hypothesis and no
kill or pivot criterion (GRADING.md)."""

from __future__ import annotations

from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.flags._base import Case, Context, FlagHit, spans

ID = "rigid_plan"
ROUNDS: frozenset[str] | None = frozenset(
    {"product_sense", "hiring_manager", "market_strategy", "execution", "stakeholder"}
)
WHY = (
    "A roadmap treated as a fixed contract, with no hypothesis or kill criterion, shows no "
    "judgement about what happens when the data disagrees."
)
FIX = "State the hypothesis behind the plan and the number that would make you stop or pivot."
CAP: float | None = None
# The criteria this flag contradicts (GRADING.md's definition): shown as 0 with VOID_NOTE,
# so the criteria and the flag never tell two stories. The grade model is unchanged.
VOIDS: frozenset[str] = frozenset()
VOID_NOTE = ""

CASES = (
    Case(
        "product_sense",
        "Pitch one new feature for a food-delivery app.",
        "A group-order feature. The roadmap is fixed: we build it in Q1 and launch to all "
        "users in Q2, no matter what, and everyone knows the plan.",
        True,
    ),
    Case(
        "product_sense",
        "Pitch one new feature for a food-delivery app.",
        "A group-order feature, on the bet that offices order together at lunch. I'd test it "
        "in two cities for four weeks and kill it if fewer than 5% of office orders use it.",
        False,
    ),
)


def detect(ctx: Context) -> FlagHit | None:
    sig = ctx.sig
    rigid = spans(sig, lx.RIGID, 3)
    flexible = sig.count("kill") + sig.count("hypothesis") + sig.count("condition")
    if len(rigid) >= 2 and flexible == 0:
        return FlagHit(ID, tuple(rigid), 0.8)
    if len(rigid) >= 1 and flexible == 0 and sig.count("mechanism") <= 1:
        return FlagHit(ID, tuple(rigid), 0.6)
    return None
