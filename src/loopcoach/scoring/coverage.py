"""Coverage: how much of a model answer or a list of talking points the answer covers."""

from __future__ import annotations

from collections.abc import Sequence

from loopcoach.scoring.text import NUMBER_TOKEN_RE, Sentence, content_stems, split_sentences
from loopcoach.scoring.types import Coverage, PointCoverage, Span

COVERED = 0.5


def terms(text: str) -> list[str]:
    """Content stems plus the numbers a model answer states ("8 bytes", "20-60")."""
    return content_stems(text) + NUMBER_TOKEN_RE.findall(text)


def reference_points(reference: str) -> list[str]:
    """Split a free-text model answer into the points it makes (lines, bullets, sentences)."""
    points: list[str] = []
    for line in reference.splitlines():
        line = line.strip().lstrip("-*•0123456789.) ").strip()
        if not line:
            continue
        points.extend(s.text for s in split_sentences(line))
    return [p for p in points if content_stems(p)]


# Terms the question itself uses count for less: every answer repeats them, so they say
# little about whether it covers the model answer ("question demoting"). The 0.3 was
# chosen on the training split of bench/external/saf only.
QUESTION_TERM_WEIGHT = 0.3


def _match(stem: str, pool: set[str]) -> bool:
    if stem in pool:
        return True
    if len(stem) >= 5:
        head = stem[:5]
        return any(p.startswith(head) for p in pool if len(p) >= 5)
    return False


def measure_coverage(
    answer: str,
    *,
    question: str = "",
    talking_points: Sequence[str] | None = None,
    reference: str | None = None,
) -> Coverage:
    """Share of the model answer's terms that the answer uses, overall and point by point."""
    question_stems = set(terms(question))

    def weight(stem: str) -> float:
        return QUESTION_TERM_WEIGHT if stem in question_stems else 1.0

    points = [p for p in (talking_points or []) if p and p.strip()]
    if not points and reference:
        points = reference_points(reference)
    sentences = split_sentences(answer)
    sent_stems = [(s, set(terms(s.text))) for s in sentences]
    answer_stems: set[str] = set().union(*(st for _, st in sent_stems)) if sent_stems else set()
    results: list[PointCoverage] = []
    every: dict[str, None] = {}
    for point in points:
        stems = list(dict.fromkeys(terms(point)))
        if not stems:
            continue
        every.update(dict.fromkeys(stems))
        total = sum(weight(s) for s in stems)
        value = sum(weight(s) for s in stems if _match(s, answer_stems)) / total
        best: tuple[float, Sentence | None] = (0.0, None)
        for sentence, st in sent_stems:
            overlap = sum(weight(s) for s in stems if _match(s, st))
            if overlap > best[0]:
                best = (overlap, sentence)
        evidence: tuple[Span, ...] = ()
        if best[1] is not None and value > 0:
            sp = best[1]
            evidence = (Span(sp.start, sp.end, answer[sp.start : sp.end]),)
        results.append(PointCoverage(point, value >= COVERED, value, evidence))
    if not results:
        return Coverage(0.0, ())
    # The score is over the distinct terms of all points together, so a long point does
    # not count for more than its terms, and a term two points share counts once.
    total = sum(weight(s) for s in every)
    score = sum(weight(s) for s in every if _match(s, answer_stems)) / total if total else 0.0
    return Coverage(score, tuple(results))
