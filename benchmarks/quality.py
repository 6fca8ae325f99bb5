"""Print the scorer's quality metrics on labelled JSONL files (bench/README.md definitions).

    python benchmarks/quality.py [LABELLED.jsonl ...]           graded answers: grade, flags
    python benchmarks/quality.py --reference [SAF_SPLIT.jsonl ...]  coverage vs a model answer

With no files it measures what ../shared/bench holds: dev.jsonl, dev_adversarial.jsonl
and both together; with --reference, the three splits of external/saf. The scorer runs
in-process, exactly as `loopcoach score --batch` runs it, and the figures equal those of
bench/measure.py and bench/measure_reference.py for the same inputs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from metrics import measure, measure_reference, spearman

from loopcoach.scoring.batch import score_line

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def assess(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [score_line(json.dumps(r)) for r in rows]


def main(argv: list[str]) -> None:
    reference = "--reference" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")]
    if reference:
        paths = paths or [
            BENCH / "external/saf" / f"{s}.jsonl"
            for s in ("training", "unseen_answers", "unseen_questions")
        ]
        for path in paths:
            rows = read_jsonl(path)
            print(f"{path.name}: {json.dumps(measure_reference(rows, assess(rows)))}")
        return
    if not paths:
        paths = [BENCH / "dev.jsonl", BENCH / "dev_adversarial.jsonl"]
    sets = {p.name: read_jsonl(p) for p in paths}
    if len(sets) > 1:
        sets["all"] = [r for rows in list(sets.values()) for r in rows]
    for name, rows in sets.items():
        assessed = assess(rows)
        result = measure(rows, assessed)
        print(f"{name}:")
        for key, value in result.items():
            print(f"  {key:28} {value}")
        for key, value in criteria_agreement(rows, assessed).items():
            print(f"  {key:28} {value}")
        for key, value in flag_figures(rows, assessed).items():
            print(f"  {key:28} {value}")


def criteria_agreement(
    rows: list[dict[str, object]], assessed: list[dict[str, object]]
) -> dict[str, float]:
    """Do the criteria carry the grade? The mean criterion score against the grades and
    against the overall (Spearman)."""
    pairs = [
        (sum(c["score"] for c in a["criteria"]) / len(a["criteria"]), a["overall"], r["grade"])
        for r, a in zip(rows, assessed, strict=True)
        if a.get("criteria")
    ]
    means = [float(p[0]) for p in pairs]
    return {
        "criteria_mean_vs_grade": round(spearman(means, [float(p[2]) for p in pairs]), 4),
        "criteria_mean_vs_overall": round(spearman(means, [float(p[1]) for p in pairs]), 4),
    }


def flag_figures(
    rows: list[dict[str, object]], assessed: list[dict[str, object]]
) -> dict[str, str]:
    """Per red flag: precision and recall, as hits/predicted and hits/graded."""
    out: dict[str, str] = {}
    ids = sorted(
        {f for r in rows for f in r.get("flags", [])}  # type: ignore[attr-defined]
        | {f["id"] for a in assessed for f in a.get("flags", [])}  # type: ignore[attr-defined]
    )
    for flag in ids:
        gold = [flag in r.get("flags", []) for r in rows]  # type: ignore[operator]
        pred = [flag in {f["id"] for f in a.get("flags", [])} for a in assessed]  # type: ignore[attr-defined]
        hits = sum(g and p for g, p in zip(gold, pred, strict=True))
        out[f"flag {flag}"] = f"{hits}/{sum(pred)} predicted, {hits}/{sum(gold)} graded"
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
