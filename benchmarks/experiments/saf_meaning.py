"""Does the distilled meaning table lift `coverage` on SAF? (issue: Scorer 2.0, item 2)

Within-question Spearman of three readings against the graders' scores: loopcoach's
`coverage`, the centred meaning cosine of answer and reference (`model.meaning_topic`
with the reference in the question's place), and their blend with the weight chosen on
`training` alone (0.0 to 1.0 in steps of 0.1), then reported on the two unseen splits.

    python benchmarks/experiments/saf_meaning.py
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from metrics import within

from loopcoach.scoring import model
from loopcoach.scoring.coverage import measure_coverage
from loopcoach.scoring.text import normalise

SAF = Path(__file__).resolve().parents[3] / "shared/bench/external/saf"


def readings(split: str) -> list[tuple[str, float, float, float]]:
    out = []
    for line in (SAF / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        answer, reference = normalise(row["answer"]), normalise(row["reference"])
        if not answer.strip():
            continue
        cov = measure_coverage(answer, question=normalise(row["question"]), reference=reference)
        close = model.meaning_topic(reference, answer) or 0.0
        out.append((row["group"], float(row["score"]), cov.score, close))
    return out


def spearman_within(rows: list[tuple[str, float, float, float]], weight: float) -> float:
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for group, gold, cov, close in rows:
        groups[group].append((gold, (1 - weight) * cov + weight * close))
    return float(within(groups)["spearman_within"])


def main() -> None:
    data = {s: readings(s) for s in ("training", "unseen_answers", "unseen_questions")}
    weights = [w / 10 for w in range(11)]
    best = max(weights, key=lambda w: spearman_within(data["training"], w))
    for split, rows in data.items():
        print(
            f"{split:17} coverage {spearman_within(rows, 0.0):.4f}  "
            f"meaning {spearman_within(rows, 1.0):.4f}  "
            f"blend@{best:.1f} {spearman_within(rows, best):.4f}"
        )


if __name__ == "__main__":
    main()
