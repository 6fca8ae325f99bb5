"""Coverage: how much of a model answer or a list of talking points the answer covers."""

from __future__ import annotations

from collections.abc import Sequence

from loopcoach.scoring.text import Sentence, content_stems, split_sentences
from loopcoach.scoring.types import Coverage, PointCoverage, Span

COVERED = 0.5


def reference_points(reference: str) -> list[str]:
    """Split a free-text model answer into the points it makes (lines, bullets, sentences)."""
    points: list[str] = []
    for line in reference.splitlines():
        line = line.strip().lstrip("-*•0123456789.) ").strip()
        if not line:
            continue
        points.extend(s.text for s in split_sentences(line))
    return [p for p in points if content_stems(p)]


def _weight(stem: str, weights: dict[str, float], default: float) -> float:
    return weights.get(stem, default)


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
    talking_points: Sequence[str] | None = None,
    reference: str | None = None,
    weights: dict[str, float] | None = None,
) -> Coverage:
    from loopcoach.scoring.model import TERM_WEIGHTS

    weights = TERM_WEIGHTS if weights is None else weights
    default = max(weights.values(), default=1.0)
    points = [p for p in (talking_points or []) if p and p.strip()]
    if not points and reference:
        points = reference_points(reference)
    sentences = split_sentences(answer)
    sent_stems = [(s, set(content_stems(s.text))) for s in sentences]
    answer_stems: set[str] = set().union(*(st for _, st in sent_stems)) if sent_stems else set()
    results: list[PointCoverage] = []
    total_w = got_w = 0.0
    for point in points:
        stems = list(dict.fromkeys(content_stems(point)))
        if not stems:
            continue
        pw = sum(_weight(s, weights, default) for s in stems)
        hit = sum(_weight(s, weights, default) for s in stems if _match(s, answer_stems))
        total_w += pw
        got_w += hit
        value = hit / pw if pw else 0.0
        best: tuple[float, Sentence | None] = (0.0, None)
        for sentence, st in sent_stems:
            overlap = sum(_weight(s, weights, default) for s in stems if _match(s, st))
            if overlap > best[0]:
                best = (overlap, sentence)
        evidence = ()
        if best[1] is not None and value > 0:
            s = best[1]
            evidence = (Span(s.start, s.end, answer[s.start:s.end]),)
        results.append(PointCoverage(point, value >= COVERED, value, evidence))
    if not results:
        return Coverage(0.0, ())
    per_point = sum(p.score for p in results) / len(results)
    overall = 0.5 * per_point + 0.5 * (got_w / total_w if total_w else 0.0)
    return Coverage(overall, tuple(results))
