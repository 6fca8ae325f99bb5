"""Score the robustness cases and print, for each kind, the share that moved as expected.

    python benchmarks/robustness.py [--show N] [--json] [--limit N]

The cases (benchmarks/robust_cases.py) are loopcoach's own exemplar and calibration answers,
transformed: swapped to another question, cut to a term list, padded with praise or stray
numbers, truncated, misspelt, rewritten to blame others, stripped of results, paraphrased.
A kind meets its target when 90% of its cases move as expected (truncation: 80%).

--show N   list up to N failing cases a kind, with grades and flags before and after
--json     one JSON object on stdout instead of the table (every failing case unless --show)
--limit N  only the first N cases of each kind (the deterministic sample the tests use)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from robust_cases import EXPECTATIONS, KINDS, TARGETS, build_cases, judge, score_case


def measure(limit: int | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    cases = build_cases(limit)
    kinds: list[dict[str, Any]] = []
    for kind in KINDS:
        rows: list[dict[str, Any]] = []
        for case in cases[kind]:
            before, after = score_case(case)
            rows.append(
                {
                    "id": case.id,
                    "ok": judge(kind, before, after),
                    "before": before.overall,
                    "after": after.overall,
                    "delta": round(after.overall - before.overall, 4),
                    "before_flags": before.flag_ids,
                    "after_flags": after.flag_ids,
                }
            )
        n = len(rows)
        share = sum(r["ok"] for r in rows) / n if n else 0.0
        kinds.append(
            {
                "kind": kind,
                "cases": n,
                "failed": sum(not r["ok"] for r in rows),
                "share": round(share, 4),
                "target": TARGETS[kind],
                "met": bool(n) and share >= TARGETS[kind],
                "expected": EXPECTATIONS[kind],
                "mean_delta": round(sum(r["delta"] for r in rows) / n, 4) if n else 0.0,
                "mean_abs_delta": round(sum(abs(r["delta"]) for r in rows) / n, 4) if n else 0.0,
                "failing": [r for r in rows if not r["ok"]],
            }
        )
    return {
        "kinds": kinds,
        "cases": sum(k["cases"] for k in kinds),
        "met": sum(k["met"] for k in kinds),
        "seconds": round(time.perf_counter() - started, 2),
    }


def _flags(flags: list[str]) -> str:
    return ",".join(flags) or "-"


def print_table(result: dict[str, Any], show: int) -> None:
    header = (
        f"{'kind':<17} {'cases':>5} {'as expected':>11} {'target':>7} {'met':>4} "
        f"{'mean Δ':>7} {'mean |Δ|':>8}  expected"
    )
    print(header)
    print("-" * len(header))
    for k in result["kinds"]:
        print(
            f"{k['kind']:<17} {k['cases']:>5} {k['share']:>11.0%} {k['target']:>7.0%} "
            f"{'yes' if k['met'] else 'no':>4} {k['mean_delta']:>+7.2f} "
            f"{k['mean_abs_delta']:>8.2f}  {k['expected']}"
        )
    print(
        f"\n{result['met']} of {len(result['kinds'])} kinds meet their target; "
        f"{result['cases']} cases in {result['seconds']:.1f} s"
    )
    if show <= 0:
        return
    for k in result["kinds"]:
        if not k["failing"]:
            continue
        print(f"\n{k['kind']}: {k['failed']} failing ({k['expected']})")
        for r in k["failing"][:show]:
            print(
                f"  {r['id']}: {r['before']:.2f} [{_flags(r['before_flags'])}] -> "
                f"{r['after']:.2f} [{_flags(r['after_flags'])}]"
            )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", type=int, default=0, metavar="N", help="failing cases a kind")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="cases a kind")
    args = parser.parse_args(argv)
    result = measure(args.limit)
    if args.json:
        if args.show > 0:
            for k in result["kinds"]:
                k["failing"] = k["failing"][: args.show]
        print(json.dumps(result, indent=2))
    else:
        print_table(result, args.show)


if __name__ == "__main__":
    main(sys.argv[1:])
