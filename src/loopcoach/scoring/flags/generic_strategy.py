"""generic_strategy: a go-to-market plan that would read the same in any country, with no
segments, channels or local behaviour (GRADING.md; market_strategy round)."""

from __future__ import annotations

from loopcoach.scoring import cues
from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.flags._base import Case, Context, FlagHit, first, spans

ID = "generic_strategy"
ROUNDS: frozenset[str] | None = frozenset({"market_strategy"})
WHY = (
    "A go-to-market plan that would read the same in any country shows no market sense: no "
    "segments, channels or local behaviour."
)
FIX = (
    "Name the segments, the local channels they actually use and one local behaviour your "
    "plan depends on."
)
CAP: float | None = None
# The criteria this flag contradicts (GRADING.md's definition): shown as 0 with VOID_NOTE,
# so the criteria and the flag never tell two stories. The grade model is unchanged.
VOIDS: frozenset[str] = frozenset({"segmentation", "localisation"})
VOID_NOTE = "Not counted: the plan would read the same in any country."

CASES = (
    Case(
        "market_strategy",
        "Design the go-to-market for a new payment option in the Philippines.",
        "I'd run a 360-degree campaign: social media, search ads, display ads and "
        "influencers, with a big launch event and a hero video, the same playbook that works "
        "everywhere.",
        True,
    ),
    Case(
        "market_strategy",
        "Design the go-to-market for a new payment option in the Philippines.",
        "I'd segment first: young salaried workers in Manila and Cebu, who get paid on the "
        "15th and 30th, and small shop owners in provincial towns, who mostly pay in cash. "
        "For the workers the local channel is GCash-style in-app offers timed to payday; for "
        "shop owners it is the wholesalers they visit every week, because Filipino sari-sari "
        "owners trust their supplier more than any ad.",
        False,
    ),
)


def detect(ctx: Context) -> FlagHit | None:
    # A market_strategy question that asks for something else (which numbers sit on a
    # campaign dashboard, how to split a budget) is not answered with a go-to-market plan.
    q = ctx.question
    if q and not (cues.GTM_ASK.search(q) and not cues.NOT_GTM_ASK.search(q)):
        return None
    sig = ctx.sig
    local = [
        s.sentence
        for s in sig.sentences
        if cues.LOCAL.search(s.sentence.text) and not cues.MARKET_SIZE.search(s.sentence.text)
    ]
    segments = spans(sig, cues.SEGMENT, 5)
    stock = len(cues.GENERIC_CHANNEL.findall(sig.text))
    one_size = [
        s.sentence
        for s in sig.sentences
        if cues.ONE_SIZE.search(s.sentence.text) and not lx.NEGATION.search(s.sentence.text)
    ][:2]
    if (
        (len(local) <= 1 and len(segments) <= 1)
        or (stock >= 3 and len(local) <= 1)
        or (one_size and len(local) <= 2)
    ):
        return FlagHit(ID, tuple(one_size) or first(sig), 0.8)
    return None
