"""Fit the grade weights on loopcoach's own graded answers; write scoring/_grade_weights.py.

Training data, all written and graded by loopcoach itself under bench/GRADING.md:
the calibration corpus (src/loopcoach/scoring/data/calibration_*.jsonl) and the
exemplar answers of the built-in packs. The dev and held-out sets are never read.
A ridge regression (pure Python, the features are few) predicts the grade; the
ridge strength is chosen by leave-one-group-out cross-validation on the same data.

    python scripts/fit_grade_model.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from loopcoach.scoring import model
from loopcoach.scoring.engine import read
from loopcoach.scoring.text import normalise

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src/loopcoach/scoring/data"
PACKS = ROOT / "src/loopcoach/content/packs"
OUT = ROOT / "src/loopcoach/scoring/_grade_weights.py"
# Searched wide, so that the chosen penalty is never at an edge of the grid unnoticed.
LAMBDAS = (0.0, 0.00003, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
# The sign each weight must have for the guide to defend it (bench/GRADING.md): what a
# strong answer shows (criteria met, reasoning, trade-offs, numbers tied to outcomes,
# names, staying on the question) can only raise the grade; what the guide counts
# against an answer (buzzwords, platitudes, hedging, passivity, self-praise, every red
# flag) can only lower it. A weight that wants the other sign is held at zero.
RAISES = frozenset(
    {
        "crit_mean",
        "crit_min",
        "crit_high",
        "substance",
        "reasoning",
        "tradeoff",
        "decision",
        "quantified",
        "kill_or_test",
        "reflection",
        "names",
        "on_topic",
    }
)


def training_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in sorted(DATA.glob("calibration_*.jsonl")):
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    for path in sorted(PACKS.glob("*/questions/*.yaml")):
        for q in (yaml.safe_load(path.read_text()) or {}).get("questions", []):
            for ex in q.get("exemplars", []):
                rows.append(
                    {
                        "group": q["id"],
                        "round": q["round"],
                        "question": q["text"],
                        "answer": ex["answer"],
                        "grade": ex["grade"],
                    }
                )
    return rows


def feature_rows(rows: list[dict[str, object]]) -> tuple[list[str], list[list[float]]]:
    names: list[str] = []
    xs = []
    for r in rows:
        question, answer = normalise(str(r["question"])), normalise(str(r["answer"]))
        sig, crit, topic, _verdict, hits = read(str(r["round"]), question, answer)
        f = model.features(sig, crit, hits, topic)
        names = list(f)
        xs.append([f[k] for k in names])
    return names, xs


def sign_of(name: str) -> int:
    """+1: the weight may only raise the grade; -1: only lower it."""
    return 1 if name in RAISES else -1


def ridge(
    xs: list[list[float]], ys: list[float], lam: float, signs: list[int]
) -> tuple[float, list[float]]:
    """Ridge regression with each weight held to its sign: coordinate descent on the
    centred normal equations, clamping a coordinate at zero when it wants the other sign.
    The objective is convex and the constraints are a box, so this converges."""
    k = len(xs[0])
    n = len(xs)
    mean_x = [sum(x[j] for x in xs) / n for j in range(k)]
    mean_y = sum(ys) / n
    cx = [[x[j] - mean_x[j] for j in range(k)] for x in xs]
    cy = [y - mean_y for y in ys]
    gram = [[sum(r[i] * r[j] for r in cx) for j in range(k)] for i in range(k)]
    xty = [sum(r[i] * y for r, y in zip(cx, cy, strict=True)) for i in range(k)]
    w = [0.0] * k
    for _ in range(500):
        moved = 0.0
        for j in range(k):
            denom = gram[j][j] + lam * n
            if denom <= 0:
                continue
            rest = xty[j] - sum(gram[j][i] * w[i] for i in range(k) if i != j)
            new = rest / denom
            new = max(0.0, new) if signs[j] > 0 else min(0.0, new)
            moved = max(moved, abs(new - w[j]))
            w[j] = new
        if moved < 1e-7:
            break
    return mean_y - sum(wj * mj for wj, mj in zip(w, mean_x, strict=True)), w


def cv_error(
    xs: list[list[float]], ys: list[float], groups: list[str], lam: float, signs: list[int]
) -> float:
    """Mean squared error with ten folds of whole groups held out (an answer is never
    judged by a fit that saw another answer to its question)."""
    err = 0.0
    order = sorted(set(groups))
    folds = {g: i % 10 for i, g in enumerate(order)}
    for fold in range(10):
        held = {g for g in order if folds[g] == fold}
        tr = [i for i, gg in enumerate(groups) if gg not in held]
        b0, w = ridge([xs[i] for i in tr], [ys[i] for i in tr], lam, signs)
        for i, gg in enumerate(groups):
            if gg in held:
                pred = min(4.0, max(1.0, b0 + sum(a * b for a, b in zip(w, xs[i], strict=True))))
                err += (pred - ys[i]) ** 2
    return err / len(ys)


def file_error(
    xs: list[list[float]], ys: list[float], files: list[str], lam: float, signs: list[int]
) -> float:
    """Mean squared error with each calibration file held out in turn."""
    err = 0.0
    count = 0
    for held in sorted(set(files) - {"pack"}):
        tr = [i for i, f in enumerate(files) if f != held]
        b0, w = ridge([xs[i] for i in tr], [ys[i] for i in tr], lam, signs)
        for i, f in enumerate(files):
            if f == held:
                pred = min(4.0, max(1.0, b0 + sum(a * b for a, b in zip(w, xs[i], strict=True))))
                err += (pred - ys[i]) ** 2
                count += 1
    return err / max(1, count)


def main() -> None:
    rows = training_rows()
    names, xs = feature_rows(rows)
    ys = [float(r["grade"]) for r in rows]  # type: ignore[arg-type]
    groups = [str(r["group"]) for r in rows]
    signs = [sign_of(n) for n in names]
    # The penalty is chosen for answers in other words than the fit saw: each calibration
    # file, written separately in its own voice, is held out in turn (the exemplars always
    # train), and that error is averaged with the 10-fold one over whole questions.
    files = [
        str(r["group"]).rsplit("-", 1)[0] if str(r["group"]).startswith("cal-") else "pack"
        for r in rows
    ]
    scores = {
        lam: 0.5 * cv_error(xs, ys, groups, lam, signs)
        + 0.5 * file_error(xs, ys, files, lam, signs)
        for lam in LAMBDAS
    }
    best = min(scores, key=lambda k: scores[k])
    if best == LAMBDAS[-1] or (best == LAMBDAS[1] and scores[LAMBDAS[0]] > scores[best]):
        print(f"warning: the best penalty {best} is at the edge of the grid", file=sys.stderr)
    b0, w = ridge(xs, ys, best, signs)
    for lam, e in scores.items():
        print(f"lambda {lam:<5} cv mse {e:.3f}", file=sys.stderr)
    lines = [
        '"""Generated by scripts/fit_grade_model.py; do not edit by hand."""',
        "",
        f"# {len(rows)} answers, sign-constrained ridge lambda {best}, "
        f"held-out MSE {scores[best]:.3f}",
        f"INTERCEPT = {b0:.4f}",
        "WEIGHTS: dict[str, float] = {",
    ]
    lines += [f"    {json.dumps(n)}: {wj:.4f}," for n, wj in zip(names, w, strict=True)]
    lines += ["}", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(rows)} training answers; weights written to {OUT}")


if __name__ == "__main__":
    main()
