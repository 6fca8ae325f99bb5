"""The red flags of bench/GRADING.md: one module a flag, and the registry that runs them.

Each module here is one flag, whole: its `ID`, the `ROUNDS` it applies to (None: every
round), `WHY` a committee cares, the general `FIX`, the `CAP` on the grade where the
reported debriefs treat it as disqualifying (None otherwise), its `detect(ctx)` and its
`CASES` (answers it must and must not fire on, run by tests/scoring/test_flag_modules.py),
and the criteria it `VOIDS` (shown as 0 with its `VOID_NOTE` when it fires).
The id list, the texts and the caps are built here from the modules, so adding a flag is
one new module, one line in `MODULES`, and the id in the content schema.
"""

from __future__ import annotations

from types import ModuleType

from loopcoach.scoring.flags import (
    blames_external,
    buzzword_salad,
    escalates_first,
    generic_strategy,
    ignores_scale,
    no_metric,
    non_answer,
    passive_ownership,
    rigid_plan,
    technical_metric_only,
)
from loopcoach.scoring.flags._base import EVERY, Case, Context, FlagHit
from loopcoach.scoring.signals import AnswerSignals

# In the order they are detected: a later detector may read what an earlier one found
# (no_metric is not raised beside a non-answer).
MODULES: tuple[ModuleType, ...] = (
    non_answer,
    buzzword_salad,
    no_metric,
    blames_external,
    passive_ownership,
    ignores_scale,
    technical_metric_only,
    rigid_plan,
    generic_strategy,
    escalates_first,
)
# The guide's order, which the JSON, the features and the docs use.
FLAG_IDS: tuple[str, ...] = (
    "blames_external",
    "passive_ownership",
    "no_metric",
    "ignores_scale",
    "technical_metric_only",
    "rigid_plan",
    "generic_strategy",
    "escalates_first",
    "buzzword_salad",
    "non_answer",
)
_BY_ID: dict[str, ModuleType] = {m.ID: m for m in MODULES}
FLAG_WHY: dict[str, str] = {f: _BY_ID[f].WHY for f in FLAG_IDS}
FLAG_FIX: dict[str, str] = {f: _BY_ID[f].FIX for f in FLAG_IDS}
CAPS: dict[str, float] = {f: _BY_ID[f].CAP for f in FLAG_IDS if _BY_ID[f].CAP is not None}
CASES: dict[str, tuple[Case, ...]] = {f: _BY_ID[f].CASES for f in FLAG_IDS}
VOIDS: dict[str, frozenset[str]] = {f: _BY_ID[f].VOIDS for f in FLAG_IDS}
VOID_NOTE: dict[str, str] = {f: _BY_ID[f].VOID_NOTE for f in FLAG_IDS}


def voided_by(criterion: str, hits: list[FlagHit]) -> str | None:
    """The first flag found whose definition contradicts `criterion`, or None."""
    for h in hits:
        voids = VOIDS[h.id]
        if voids is EVERY or criterion in voids:
            return h.id
    return None


# Graders name the flag that decides the grade, not every gap beside it.
_SUPPRESSES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (
        frozenset({"blames_external", "technical_metric_only", "rigid_plan"}),
        frozenset({"no_metric"}),
    ),
    (frozenset({"non_answer"}), frozenset({"no_metric", "ignores_scale"})),
)


def detect(
    round_id: str,
    sig: AnswerSignals,
    on_topic: float,
    question: str = "",
    asks: str = "",
    *,
    follow_up: bool = False,
) -> list[FlagHit]:
    """Every red flag the answer shows, each with its evidence, in detection order."""
    ctx = Context(round_id, sig, on_topic, question, asks, follow_up=follow_up)
    for module in MODULES:
        if module.ROUNDS is None or round_id in module.ROUNDS:
            hit = module.detect(ctx)
            if hit is not None:
                ctx.found.append(hit)
    out = ctx.found
    for when, drop in _SUPPRESSES:
        if {h.id for h in out} & when:
            out = [h for h in out if h.id not in drop]
    return out


__all__ = [
    "CAPS",
    "CASES",
    "EVERY",
    "FLAG_FIX",
    "FLAG_IDS",
    "FLAG_WHY",
    "MODULES",
    "VOIDS",
    "VOID_NOTE",
    "FlagHit",
    "detect",
    "voided_by",
]
