"""The scorer's quality metrics, defined as in bench/README.md (same numbers as measure.py).

Used by quality.py; kept apart so tests can check the definitions on small hand cases.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from loopcoach.scoring.rubric import FLAG_WHY

FLAGS = frozenset(FLAG_WHY)


def flag_ids(flags: Any) -> set[str]:
    return {f["id"] if isinstance(f, dict) else f for f in flags or []}


def ranks(values: Sequence[float]) -> list[float]:
    """Average ranks (1-based), ties sharing the mean of their positions."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5 if sxx and syy else 0.0


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    return pearson(ranks(x), ranks(y))


def qwk(a: Sequence[int], b: Sequence[int], lo: int = 1, hi: int = 4) -> float:
    """Quadratic weighted kappa between two integer ratings on lo..hi."""
    k = hi - lo + 1
    obs = [[0] * k for _ in range(k)]
    for x, y in zip(a, b, strict=True):
        obs[x - lo][y - lo] += 1
    n = len(a)
    ha = [sum(row) for row in obs]
    hb = [sum(obs[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * obs[i][j]
            den += w * ha[i] * hb[j] / n
    return 1 - num / den if den else 0.0


def pairwise(items: Sequence[tuple[float, float]], min_gap: float = 1e-9) -> tuple[float, int]:
    """(correct, total) over pairs whose gold values differ; a predicted tie counts half."""
    correct, total = 0.0, 0
    for (g1, p1), (g2, p2) in itertools.combinations(items, 2):
        if abs(g1 - g2) < min_gap:
            continue
        total += 1
        correct += 0.5 if p1 == p2 else float((p1 > p2) == (g1 > g2))
    return correct, total


def measure(labelled: list[dict[str, Any]], assessed: list[dict[str, Any]]) -> dict[str, Any]:
    """The metrics of bench/README.md for labelled answers and the scorer's assessments."""
    by_id = {a["id"]: a for a in assessed}
    rows = [(lab, by_id[lab["id"]]) for lab in labelled if lab["id"] in by_id]
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for lab, a in rows:
        groups[lab["group"]].append((lab["grade"], float(a["overall"])))
    correct = total = 0.0
    for items in groups.values():
        c, t = pairwise(items)
        correct += c
        total += t
    grades = [lab["grade"] for lab, _ in rows]
    scores = [float(a["overall"]) for _, a in rows]
    rounded = [min(4, max(1, int(s + 0.5))) for s in scores]
    tp = fp = fn = 0
    for lab, a in rows:
        want, got = set(lab.get("flags") or []), flag_ids(a.get("flags")) & FLAGS
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    strong = [a for lab, a in rows if lab["grade"] == 4]
    salad = [float(a["overall"]) for lab, a in rows if "buzzword_salad" in (lab.get("flags") or [])]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "items": len(rows),
        "missing": len(labelled) - len(rows),
        "pairwise_accuracy": round(correct / total, 4) if total else None,
        "spearman": round(spearman(scores, [float(g) for g in grades]), 4),
        "qwk": round(qwk(rounded, grades), 4),
        "exact_agreement": round(
            sum(r == g for r, g in zip(rounded, grades, strict=True)) / len(rows), 4
        ),
        "flag_precision": round(precision, 4),
        "flag_recall": round(recall, 4),
        "flag_f1": round(f1, 4),
        "strong_answers_flagged": round(
            sum(bool(flag_ids(a.get("flags")) & FLAGS) for a in strong) / len(strong), 4
        )
        if strong
        else None,
        "buzzword_salad_mean_overall": round(sum(salad) / len(salad), 3) if salad else None,
    }


WORD = re.compile(r"[a-z0-9]+")


def overlap(reference: str, answer: str) -> float:
    """The word-overlap baseline: share of the reference's word types the answer contains."""
    ref = set(WORD.findall(reference.lower()))
    ans = set(WORD.findall(answer.lower()))
    return len(ref & ans) / len(ref) if ref else 0.0


def within(groups: dict[str, list[tuple[float, float]]]) -> dict[str, Any]:
    """Within-question Spearman (mean over questions) and pairwise accuracy (gap >= 0.25)."""
    rhos: list[float] = []
    correct, total = 0.0, 0
    for items in groups.values():
        gold = [g for g, _ in items]
        pred = [p for _, p in items]
        if len(items) >= 3 and len(set(gold)) > 1:
            rhos.append(spearman(pred, gold))
        c, t = pairwise(items, min_gap=0.25)
        correct += c
        total += t
    return {
        "spearman_within": round(sum(rhos) / len(rhos), 4) if rhos else None,
        "pairwise_accuracy": round(correct / total, 4) if total else None,
        "pairs": total,
    }


def measure_reference(
    labelled: list[dict[str, Any]], assessed: list[dict[str, Any]]
) -> dict[str, Any]:
    """Coverage against a reference answer, beside the word-overlap baseline, in one run."""
    by_id = {a["id"]: a for a in assessed}
    scorer: dict[str, list[tuple[float, float]]] = defaultdict(list)
    baseline: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in labelled:
        a = by_id.get(row["id"])
        if a is None or "error" in a:
            continue
        cov = a.get("coverage")
        pred = float(cov["score"]) if isinstance(cov, dict) else float(a["overall"])
        scorer[row["group"]].append((row["score"], pred))
        baseline[row["group"]].append((row["score"], overlap(row["reference"], row["answer"])))
    n = sum(len(v) for v in scorer.values())
    return {
        "items": n,
        "missing": len(labelled) - n,
        "scorer": within(scorer),
        "overlap_baseline": within(baseline),
    }
