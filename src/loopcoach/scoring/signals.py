"""Read an answer sentence by sentence and turn it into named, span-backed signals.

A sentence is *substantive* when it carries reasoning: a mechanism (because, so that,
which means), a condition, a trade-off, or a number tied to a decision or an outcome.
Vocabulary alone never makes a sentence substantive; that is what keeps a list of the
right terms (a `buzzword_salad`) from scoring well.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.cuecompile import Cue
from loopcoach.scoring.filler import is_self_praise
from loopcoach.scoring.text import (
    Sentence,
    content_stems,
    count_numbers,
    split_sentences,
    words,
)

# Words that frame a question rather than say what it is about.
QUESTION_FRAME = frozenset(
    content_stems(
        """tell describe walk explain give example time situation approach handle would you
        your how what why when which who design build think decide describe talk share
        role company team alibaba interview question answer case scenario imagine suppose
        pm pmm tpm ds manager product program data scientist marketing technical first
        next week day year month want ask asked new best good work working plan"""
    )
)


# A stem missing from the general-English table is a rare term or a proper name (Alipay,
# Cainiao): informative, but not worth more than an ordinary uncommon word.
UNKNOWN_TERM_WEIGHT = 3.0


@dataclass(frozen=True)
class SentenceSignals:
    sentence: Sentence
    mechanism: bool
    condition: bool
    tradeoff: bool
    decision: bool
    passive: bool
    numbers: int
    quantity: bool
    measure: bool
    metric: bool
    change: bool
    kill: bool
    hypothesis: bool
    reflection: bool
    buzz: int
    platitude: int
    hedges: int
    vague: int
    names: int
    words: int
    # Self-praise (filler.py): a quality claimed, not a decision shown.
    praise: bool = False

    @property
    def quantified(self) -> bool:
        """A number tied to a metric, a change or a decision, not a number on its own."""
        return (self.quantity and (self.metric or self.change or self.decision or self.kill)) or (
            self.numbers > 0 and self.measure
        )

    @property
    def substantive(self) -> bool:
        return (
            self.mechanism
            or self.condition
            or (self.tradeoff and self.words >= 6)
            or self.quantified
            # A decision with an amount ("cut the budget by a third"), not with any digit:
            # "our 2.0 release" and "30 assets, 8 blog posts" are counts, not reasons.
            or (self.decision and (self.quantity or self.tradeoff))
        )


@dataclass
class AnswerSignals:
    """Everything the criteria, the flags and the grade are computed from."""

    text: str
    sentences: list[SentenceSignals]
    word_count: int
    relevance: float
    focus_hits: list[str] = field(default_factory=list)
    focus_terms: list[str] = field(default_factory=list)

    def count(self, attr: str) -> int:
        return sum(1 for s in self.sentences if getattr(s, attr))

    def total(self, attr: str) -> int:
        return sum(int(getattr(s, attr)) for s in self.sentences)

    def spans(self, attr: str, limit: int = 3) -> list[Sentence]:
        return [s.sentence for s in self.sentences if getattr(s, attr)][:limit]

    @property
    def substantive_share(self) -> float:
        if not self.sentences:
            return 0.0
        return self.count("substantive") / len(self.sentences)

    def density(self, attr: str) -> float:
        """Hits per 100 words."""
        return 100.0 * self.total(attr) / max(self.word_count, 1)


def _hits(pattern: Cue | re.Pattern[str], text: str) -> int:
    return len(pattern.findall(text))


def _tradeoff(t: str) -> bool:
    """A trade-off made, not named: 'I balanced both' gives nothing up."""
    found = [m.group(0) for m in lx.TRADEOFF.regex.finditer(t)]
    if not found:
        return False
    if lx.BALANCE_BOTH.search(t):
        return any(not lx.NAMING_ONLY.fullmatch(f) for f in found)
    return True


def analyse_sentence(sentence: Sentence) -> SentenceSignals:
    t = sentence.text
    return SentenceSignals(
        sentence=sentence,
        mechanism=bool(lx.MECHANISM.search(t)),
        condition=bool(lx.CONDITION.search(t)),
        tradeoff=_tradeoff(t),
        decision=bool(lx.DECISION.search(t)),
        passive=bool(lx.PASSIVE.search(t)),
        numbers=count_numbers(t),
        quantity=bool(lx.QUANTITY.search(t)),
        measure=bool(lx.MEASURE.search(t)),
        metric=bool(lx.METRIC_NOUN.search(t) or lx.MEASURE.search(t)),
        change=bool(lx.CHANGE.search(t)),
        kill=bool(lx.KILL.search(t)),
        hypothesis=bool(lx.HYPOTHESIS.search(t)),
        reflection=bool(lx.REFLECTION.search(t)),
        buzz=_hits(lx.BUZZ, t),
        platitude=_hits(lx.PLATITUDE, t),
        hedges=_hits(lx.HEDGE, t),
        vague=_hits(lx.VAGUE, t),
        names=_hits(lx.PROPER, t),
        words=len(words(t)),
        praise=is_self_praise(t),
    )


def relevance(
    question: str, answer_stems: set[str], weights: dict[str, float]
) -> tuple[float, list[str], list[str]]:
    """Weighted share of the question's focus terms that the answer takes up.

    The weight of a term is its rarity in loopcoach's own corpus (`weights`), so
    company names and words every question shares count for little.
    """
    focus = [s for s in dict.fromkeys(content_stems(question)) if s not in QUESTION_FRAME]
    if not focus:
        return 1.0, [], []
    default = UNKNOWN_TERM_WEIGHT
    total = 0.0
    got = 0.0
    hits = []
    for s in focus:
        w = weights.get(s, default)
        total += w
        if s in answer_stems or _prefix_match(s, answer_stems):
            got += w
            hits.append(s)
    return (got / total if total else 1.0), hits, focus


def _prefix_match(stem: str, pool: set[str]) -> bool:
    if len(stem) < 5:
        return False
    head = stem[:5]
    return any(p.startswith(head) for p in pool if len(p) >= 5)


ECHO_START, ECHO_FULL = 0.25, 0.40


def _unecho(s: SentenceSignals, asked: set[str]) -> SentenceSignals:
    if not (s.mechanism or s.condition):
        return s
    own = content_stems(s.sentence.text)
    if own and sum(1 for t in own if t in asked) / len(own) >= 0.5:
        return replace(s, mechanism=False, condition=False)
    return s


def analyse(question: str, answer: str, weights: dict[str, float]) -> AnswerSignals:
    sentences = [analyse_sentence(s) for s in split_sentences(answer)]
    stems = set(content_stems(answer))
    rel, hits, focus = relevance(question, stems, weights)
    # An answer that restates the question takes up all of its terms and says nothing:
    # past a quarter of its words taken from the question, relevance fades, and a sentence
    # made half of the question's words does not count as reasoning.
    asked = set(focus)
    if asked:
        own = content_stems(answer)
        echo = sum(1 for t in own if t in asked) / len(own) if own else 0.0
        if echo > ECHO_START:
            rel *= max(0.0, 1.0 - (echo - ECHO_START) / (ECHO_FULL - ECHO_START))
        sentences = [_unecho(s, asked) for s in sentences]
    return AnswerSignals(
        text=answer,
        sentences=sentences,
        word_count=len(words(answer)),
        relevance=rel,
        focus_hits=hits,
        focus_terms=focus,
    )


def saturate(x: float, half: float) -> float:
    """0 at 0, 0.5 at `half`, towards 1 after: more evidence helps, with diminishing returns."""
    return 1.0 - math.exp(-x * math.log(2) / half) if x > 0 else 0.0
