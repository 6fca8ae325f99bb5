"""Does the grade model carry over to answers written in other words? Print the figures.

loopcoach's calibration corpus has five files, each written separately in its own voice
(`src/loopcoach/scoring/data/calibration_{a..e}.jsonl`). This refits the grade weights
exactly as `scripts/fit_grade_model.py` does, on some files plus the pack exemplars,
and measures the scorer on the other files with the metrics of bench/README.md:

    python benchmarks/cross_corpus.py            # ab -> c, d, e, cde; cde -> ab
    python benchmarks/cross_corpus.py ab:cde     # any TRAIN:TEST pairs of file letters

The shipped weights are not touched: the refit lives only in this process.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import fit_grade_model as fit  # noqa: E402
from metrics import measure  # noqa: E402

from loopcoach.scoring import engine, model  # noqa: E402

PAIRS = ("ab:c", "ab:d", "ab:e", "ab:cde", "cde:ab")
SHOWN = ("pairwise_accuracy", "spearman", "qwk", "flag_f1", "strong_answers_flagged")


def rows_of(letters: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for letter in letters:
        text = (fit.DATA / f"calibration_{letter}.jsonl").read_text(encoding="utf-8")
        rows += [json.loads(line) for line in text.splitlines() if line.strip()]
    return rows


def refit(rows: list[dict[str, Any]]) -> None:
    names, xs = fit.feature_rows(rows)  # type: ignore[arg-type]
    ys = [float(r["grade"]) for r in rows]
    groups = [str(r["group"]) for r in rows]
    errors = {lam: fit.cv_error(xs, ys, groups, lam) for lam in fit.LAMBDAS}
    intercept, weights = fit.ridge(xs, ys, min(errors, key=lambda k: errors[k]))
    model.INTERCEPT = intercept
    model.WEIGHTS.clear()
    model.WEIGHTS.update(zip(names, weights, strict=True))


def main(argv: list[str]) -> None:
    exemplars = [r for r in fit.training_rows() if "id" not in r]
    for pair in argv or PAIRS:
        train, test = pair.split(":")
        refit(rows_of(train) + exemplars)
        labelled = rows_of(test)
        assessed = []
        for r in labelled:
            out = engine.score(r["track"], r["round"], r["question"], r["answer"]).to_json()
            assessed.append({**out, "id": r["id"]})
        got = measure(labelled, assessed)
        figures = "  ".join(f"{k} {got[k]}" for k in SHOWN)
        print(f"fit {train}+exemplars, test {test} ({len(labelled)}): {figures}")


if __name__ == "__main__":
    main(sys.argv[1:])
