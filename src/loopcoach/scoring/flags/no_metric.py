"""no_metric: gives no measurable outcome, target or success metric (GRADING.md; every
round but the screen). Graders name a disqualifying flag, not every gap, so it is not
raised beside a non-answer."""

from __future__ import annotations

from loopcoach.scoring import cues
from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.flags._base import Case, Context, FlagHit, first
from loopcoach.scoring.rubric import ROUNDS as ALL_ROUNDS
from loopcoach.scoring.signals import AnswerSignals
from loopcoach.scoring.text import Sentence

ID = "no_metric"
ROUNDS: frozenset[str] | None = frozenset(ALL_ROUNDS) - {"screen"}
WHY = (
    "Without a measurable outcome or target the committee cannot tell whether it worked or "
    "how you would know."
)
FIX = "Name the metric that says it worked, with a target or the result you got."
CAP: float | None = None
# The criteria this flag contradicts (GRADING.md's definition): shown as 0 with VOID_NOTE,
# so the criteria and the flag never tell two stories. The grade model is unchanged.
VOIDS: frozenset[str] = frozenset({"metrics", "delivery_metrics", "business_metric"})
VOID_NOTE = "Not counted: no measurable outcome, target or success metric is given."

CASES = (
    Case(
        "product_sense",
        "How would you help small merchants prepare for Double 11?",
        "I'd build a readiness checklist inside the merchant app, because small merchants "
        "forget stock and staffing until the last week, and I'd tie it to the existing "
        "promotion tools so they can act on each item from the same screen.",
        True,
    ),
    Case(
        "product_sense",
        "How would you help small merchants prepare for Double 11?",
        "I'd build a readiness checklist inside the merchant app, because small merchants "
        "forget stock until the last week. Success is the share of merchants with no "
        "stock-out on the day, which I'd want to move from 70% to 85%.",
        False,
    ),
)


def detect(ctx: Context) -> FlagHit | None:
    sig = ctx.sig
    if ctx.has("non_answer"):
        return None
    measured = sum(
        1
        for s in sig.sentences
        if lx.METRIC_NOUN.search(s.sentence.text)
        and (s.condition or s.hypothesis or s.kill or lx.MEASURE.search(s.sentence.text))
    )
    if sig.count("quantified") == 0 and measured == 0:
        return FlagHit(ID, _where(sig), 0.8)
    return None


def _where(sig: AnswerSignals) -> tuple[Sentence, ...]:
    """Where the measure is missing: the sentence that claims an outcome without one
    ("the launch was a success"), else the closing sentence, where an answer would state
    how it knew it worked. Never the opening, which is about something else."""
    claims = [s.sentence for s in sig.sentences if cues.OUTCOME.search(s.sentence.text)]
    if claims:
        return (claims[-1],)
    return (sig.sentences[-1].sentence,) if sig.sentences else first(sig)
