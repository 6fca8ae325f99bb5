"""blames_external: puts a miss on the market, the platform, other teams or luck, with no
decision of its own named (GRADING.md; the reported debriefs treat it as disqualifying)."""

from __future__ import annotations

from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.cuecompile import _family
from loopcoach.scoring.flags._base import Case, Context, FlagHit, spans

ID = "blames_external"
ROUNDS: frozenset[str] | None = None
WHY = (
    "Committees read a miss put on the market, other teams or luck, with no decision of your "
    "own, as a lack of ownership; the reported debriefs treat it as disqualifying."
)
FIX = "Name the decision you made that contributed to the miss and what you changed because of it."
CAP: float | None = 1.5
# The criteria this flag contradicts (GRADING.md's definition): shown as 0 with VOID_NOTE,
# so the criteria and the flag never tell two stories. The grade model is unchanged.
VOIDS: frozenset[str] = frozenset({"ownership", "decisions", "reflection"})
VOID_NOTE = "Not counted: the miss is put on others, with no decision of your own named."

# Provenance: 1.5.0's ownership cues (calibration files a to e), widened for 2.0 from the
# guide's definition ("a decision of its own named").
OWN_MISS = _family(
    r"\bon me\b",
    r"\bmy (?:own )?(?:mistake|decision|call|fault|bet)\b",
    r"\bI should have\b",
    r"\bI was wrong\b",
    r"\bI underestimated\b",
    r"\bI misjudged\b",
    r"\bwas mine\b",
    r"\bI(?:'d| had)? (?:set|made|picked|backed) the wrong\b",
    r"\bI (?:had )?assumed\b",
    r"\bI own(?:ed)? (?:that|it|the)\b",
    r"\bmy part\b",
    r"\bI missed\b",
)
OWN_DECISION = _family(r"\bI (?:cut|chose|decided|pushed|committed|planned|promised|bet)\b")
# Provenance: GRADING.md's "puts a miss on the market, the platform, other teams or luck":
# another party as the subject of a miss, in any words.
OTHERS_MISSED = _family(
    r"\b(?:the|another|other|our|their|a) (?:\w+ ){0,2}(?:team|teams|vendor|vendors|partner|"
    r"partners|agency|supplier|suppliers|platform|competitor|competitors|engineers|"
    r"engineering|leadership|management|client|regulator)(?:'s)? (?:\w+ ){0,2}(?:missed|failed|"
    r"underestimated|delayed|never delivered|didn't deliver|did not deliver|was late|were late|"
    r"delivered late|slipped|changed|broke|took us down|pulled out|let us down|kept changing)\b",
    r"\b(?:engineering|leadership|management|legal|finance|sales|marketing|ops|operations) "
    r"(?:\w+ ){0,2}(?:missed|failed|underestimated|never delivered|didn't deliver|was late|"
    r"slipped|kept changing|changed (?:the|their|our))\b",
    r"\b(?:the )?market (?:\w+ )?(?:went|turned|moved) against us\b",
    r"\bout of (?:our|my) hands\b",
    r"\bnot (?:really )?(?:ours|mine) to own\b",
    r"\b(?:came|comes) down to (?:bad )?luck\b",
)
# Provenance: a reviewer's close call. "It wasn't really my decision" names a decision in
# order to disown it.
DISOWNED = _family(
    r"\b(?:wasn't|was not|isn't|is not) (?:really |even |entirely )?(?:on )?my\b",
)

CASES = (
    Case(
        "culture",
        "Tell me about a launch that missed its date.",
        "The launch slipped by a month. The platform team changed their interface without "
        "telling anyone, and the vendor was late on every delivery, so it was out of our "
        "hands. We shipped when they finally delivered.",
        True,
    ),
    Case(
        "culture",
        "Tell me about a launch that missed its date.",
        "The launch slipped by a month, and that was my call: I committed to the date before "
        "the platform team had confirmed their interface. Since then I get a written date "
        "from every dependency before I give one.",
        False,
    ),
)


def detect(ctx: Context) -> FlagHit | None:
    sig = ctx.sig
    external = [
        s.sentence
        for s in sig.sentences
        if lx.EXTERNAL.search(s.sentence.text) or OTHERS_MISSED.search(s.sentence.text)
    ][:3]
    # A decision of one's own that the miss came from: owning words, or a first-person
    # decision in a sentence that names the miss. What the candidate did afterwards to
    # recover is not a decision about the miss.
    owned = [
        s.sentence
        for s in sig.sentences
        if (
            OWN_MISS.search(s.sentence.text)
            or (OWN_DECISION.search(s.sentence.text) and lx.MISS.search(s.sentence.text))
        )
        and not DISOWNED.search(s.sentence.text)
        and not OTHERS_MISSED.search(s.sentence.text)
    ]
    others_missed = any(OTHERS_MISSED.search(x.text) for x in external)
    if external and not owned and (len(external) >= 2 or others_missed or spans(sig, lx.MISS)):
        return FlagHit(ID, tuple(external), 0.9)
    return None
