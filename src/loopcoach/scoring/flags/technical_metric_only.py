"""technical_metric_only: optimises a model metric (AUC, F1, accuracy) with no link to a
business metric or cost (GRADING.md; ml and business_case rounds)."""

from __future__ import annotations

from loopcoach.scoring import cues
from loopcoach.scoring.cuecompile import _family
from loopcoach.scoring.flags._base import Case, Context, FlagHit, spans

ID = "technical_metric_only"
ROUNDS: frozenset[str] | None = frozenset({"ml", "business_case"})
WHY = (
    "A model metric with no link to a business KPI or cost tells the committee nothing about "
    "value; debriefs reject it."
)
FIX = (
    "Tie the model metric to the business KPI it moves (GMV, conversion, cost per order) "
    "and what serving it costs."
)
CAP: float | None = None
# The criteria this flag contradicts (GRADING.md's definition): shown as 0 with VOID_NOTE,
# so the criteria and the flag never tell two stories. The grade model is unchanged.
VOIDS: frozenset[str] = frozenset({"business_metric"})
VOID_NOTE = "Not counted: a model metric with no link to a business metric or cost."
# Provenance: GRADING.md's "a business metric or cost", with cues.BUSINESS.
BUSINESS_LINK = _family(
    *cues.BUSINESS.patterns,
    r"\bper (?:order|user|request)\b",
    r"\bserv(?:e|ing) cost\b",
    r"\bmoney\b",
    r"\bbudget\b",
    r"\bcost\b",
)

CASES = (
    Case(
        "ml",
        "How would you build fraud detection for merchant transactions?",
        "I'd train a gradient-boosted model on the labelled fraud cases and tune it until "
        "the AUC on a holdout passes 0.95, then report precision and recall.",
        True,
    ),
    Case(
        "ml",
        "How would you build fraud detection for merchant transactions?",
        "I'd train a gradient-boosted model on the labelled chargebacks and pick the "
        "threshold by money: each blocked good payment loses the merchant's margin, each "
        "missed fraud costs the chargeback, so AUC matters only through that cost.",
        False,
    ),
)


def detect(ctx: Context) -> FlagHit | None:
    tech = spans(ctx.sig, cues.TECH_ONLY_METRIC)
    if tech and not spans(ctx.sig, BUSINESS_LINK):
        return FlagHit(ID, tuple(tech), 0.8)
    return None
