"""buzzword_salad: strings domain terms together without mechanisms, numbers or
reasoning (GRADING.md). Terms dense and reasoning thin, or a bare list of terms."""

from __future__ import annotations

from loopcoach.scoring.filler import is_term_list
from loopcoach.scoring.flags._base import EVERY, Case, Context, FlagHit, first

ID = "buzzword_salad"
ROUNDS: frozenset[str] | None = None
WHY = (
    "Terms strung together without a mechanism, number or reason read as memorised "
    "vocabulary rather than understanding."
)
FIX = (
    "Replace each term with the mechanism behind it: what happens, why, and what number "
    "would tell you it worked."
)
CAP: float | None = 1.4
# The criteria this flag contradicts (GRADING.md's definition): shown as 0 with VOID_NOTE,
# so the criteria and the flag never tell two stories. The grade model is unchanged.
VOIDS: frozenset[str] = EVERY
VOID_NOTE = "Not counted: the terms are named with no mechanism, number or reason behind them."
TERM_LIST_FIX = (
    "The answer is a list of terms with nothing joining them. Make each one a sentence: what "
    "you would do, why, and the number that would tell you it worked."
)

CASES = (
    Case(
        "product_sense",
        "How would you improve the checkout for first-time buyers?",
        "Checkout funnel, first-time buyers, address autofill, one-click payment, trust "
        "badges, guest checkout, wallet integration, personalisation, friction reduction, "
        "mobile-first design, loyalty points, conversion rate, retention, cohort analysis, "
        "A/B testing, north-star metric, omnichannel journey, customer lifetime value, "
        "social proof, urgency timers, cart recovery, data-driven roadmap, user-centric "
        "flywheel.",
        True,
    ),
    Case(
        "product_sense",
        "How would you improve the checkout for first-time buyers?",
        "First-time buyers drop at the address step, because the form asks for eleven fields "
        "before they see the delivery fee. I'd show the fee first and prefill the city from "
        "the phone's location, then measure step-two completion, which sits at 61% today.",
        False,
    ),
)


def detect(ctx: Context) -> FlagHit | None:
    sig = ctx.sig
    buzz = sum(s.buzz for s in sig.sentences)
    density = 100.0 * buzz / max(sig.word_count, 1)
    if buzz >= 3 and density >= 3.0 and sig.substantive_share < 0.45:
        evidence = [s.sentence for s in sig.sentences if s.buzz][:3]
        return FlagHit(ID, tuple(evidence), min(1.0, density / 6))
    if is_term_list(sig.text) and not ctx.has("non_answer"):
        # Terms with nothing joining them: the guide's "without mechanisms or reasoning".
        return FlagHit(ID, first(sig), 0.9, TERM_LIST_FIX)
    return None
