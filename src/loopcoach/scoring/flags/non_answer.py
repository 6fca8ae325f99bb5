"""non_answer: under about 40 words, off topic, or refuses the question (GRADING.md).

This module catches the short answer and the short refusal ("I don't know, next
question"); answers to another question, refusals of the premise and dodges of a failure
question are the relevance judgement's (`relevance.py`), which adds this flag first.
"""

from __future__ import annotations

from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.flags._base import EVERY, Case, Context, FlagHit, first, spans
from loopcoach.scoring.text import content_stems

ID = "non_answer"
ROUNDS: frozenset[str] | None = None
WHY = (
    "The answer does not address the question asked, so nothing in it can be credited, "
    "however polished it is."
)
FIX = (
    "Answer the question that was asked: restate it in one line, then give your approach "
    "to that, not to a neighbouring problem."
)
CAP: float | None = 1.3
# The criteria this flag contradicts (GRADING.md's definition): shown as 0 with VOID_NOTE,
# so the criteria and the flag never tell two stories. The grade model is unchanged.
VOIDS: frozenset[str] = EVERY
VOID_NOTE = "Not counted: the answer does not answer the question that was asked."
WORDS = 40
# A follow-up answers one narrow probe; "around 3% of the category, recovered by the next
# quarter" answers "How much did the pivot cost?".
FOLLOW_UP_WORDS = 8
# A stray figure's sentence ("We had 14 people on the floor") is at most this long.
STRAY_WORDS = 12

CASES = (
    Case("technical", "Design the stock reservation for a flash sale.", "Use Redis.", True),
    Case(
        "culture",
        "Tell me about a time you failed.",
        "I don't know, next question. I can't say.",
        True,
    ),
    Case(
        "culture",
        "Tell me about a time you failed.",
        "I promised a seller dashboard for the sale and shipped it two weeks late, because I "
        "never asked the data team about their freeze. That was my call. I now check every "
        "dependency's calendar before I give a date, and the next launch landed on time.",
        False,
    ),
)


def detect(ctx: Context) -> FlagHit | None:
    sig = ctx.sig
    substantive = sig.count("substantive")
    # Stray figures do not lengthen an answer: a short sentence with a figure, no
    # reasoning, no decision and nothing of the question's subject is not counted
    # towards the guide's "about 40 words".
    asked = set(sig.focus_terms)
    counted = sum(
        s.words
        for s in sig.sentences
        if not (
            s.numbers
            and s.words <= STRAY_WORDS
            and any(ch.isdigit() for ch in s.sentence.text)
            and not (s.substantive or s.decision or s.metric)
            and not asked & set(content_stems(s.sentence.text))
        )
    )
    if ctx.follow_up:
        if counted < FOLLOW_UP_WORDS:
            return FlagHit(ID, first(sig), 1.0)
    elif counted < WORDS and (substantive == 0 or counted < 15):
        return FlagHit(ID, first(sig), 1.0)
    refusal = spans(sig, lx.REFUSAL)
    if refusal and sig.word_count < 80 and substantive <= 1:
        return FlagHit(ID, tuple(refusal), 0.9)
    return None
