"""Regenerate tests/scoring/golden.jsonl: this scorer version's grades, pinned.

The golden set is loopcoach's own calibration corpus (every answer in
src/loopcoach/scoring/data/calibration_*.jsonl). For each answer it records the
overall grade, the decision, the flags and each criterion's score. The test fails
when the scorer's output moves while SCORER_VERSION stays the same.

    python scripts/update_golden.py      # after bumping SCORER_VERSION
"""

from __future__ import annotations

import json
from pathlib import Path

from loopcoach.scoring import SCORER_VERSION, score

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src/loopcoach/scoring/data"
OUT = ROOT / "tests/scoring/golden.jsonl"


def pinned(row: dict[str, str]) -> dict[str, object]:
    a = score(row["track"], row["round"], row["question"], row["answer"])
    return {
        "id": row["id"],
        "scorer_version": SCORER_VERSION,
        "overall": a.overall,
        "decision": a.decision,
        "flags": a.flag_ids,
        "criteria": {c.id: c.score for c in a.criteria},
        # Scorer 2.0: what the question asks for, and what a non-answer did instead.
        "asks_for": a.relevance.asks_for if a.relevance else None,
        "instead": a.relevance.instead or None if a.relevance else None,
    }


def rows() -> list[dict[str, str]]:
    out = []
    for path in sorted(DATA.glob("calibration_*.jsonl")):
        out += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return out


def main() -> None:
    lines = [json.dumps(pinned(r), sort_keys=True) for r in rows()]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} answers pinned for scorer {SCORER_VERSION} in {OUT}")


if __name__ == "__main__":
    main()
