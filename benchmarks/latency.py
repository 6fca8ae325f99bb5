"""Print the scorer's speed: per-answer latency, batch throughput, cold start of one command.

    python benchmarks/latency.py [--rounds N]

- per-answer latency: p50/p95/max over every answer of loopcoach's own calibration
  corpus, scored in-process on one core (the process is pinned to CPU 0 where it can be);
- batch throughput: answers per second of `loopcoach score --batch` on that corpus, the
  whole process timed (start-up included), median of N runs;
- cold start: wall time of a single `loopcoach score --json` from a fresh process,
  median and max of N runs.
Machines are noisy: read medians, and compare figures taken in the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from loopcoach.scoring import score

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "src/loopcoach/scoring/data").glob("calibration_*.jsonl"))


def corpus() -> list[dict[str, str]]:
    rows = []
    for path in CORPUS:
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rows


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def per_answer(rows: list[dict[str, str]]) -> list[float]:
    for r in rows[:20]:  # warm caches the way a running server would have them
        score(r["track"], r["round"], r["question"], r["answer"])
    out = []
    for r in rows:
        t = time.perf_counter()
        score(r["track"], r["round"], r["question"], r["answer"])
        out.append((time.perf_counter() - t) * 1000)
    return out


def command() -> list[str]:
    exe = shutil.which("loopcoach", path=str(Path(sys.executable).parent)) or "loopcoach"
    return [exe]


def batch_throughput(rows: list[dict[str, str]], runs: int) -> list[float]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i, r in enumerate(rows):
            f.write(json.dumps({**r, "id": str(i)}) + "\n")
        path = f.name
    rates = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [*command(), "score", "--batch", path], check=True, stdout=subprocess.DEVNULL
        )
        rates.append(len(rows) / (time.perf_counter() - t))
    os.unlink(path)
    return rates


def cold_start(runs: int) -> list[float]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(
            "I'd precompute each share before midnight so the spike is a cache read, "
            "because the ledger cannot take 5 million writes a second."
        )
        path = f.name
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [
                *command(),
                "score",
                "--track",
                "pm",
                "--round",
                "technical",
                "--question",
                "Design the midnight payout.",
                path,
                "--json",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - t)
    os.unlink(path)
    return times


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 5
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    rows = corpus()
    lat = per_answer(rows)
    print(f"answers: {len(rows)} (calibration corpus), one core")
    print(
        f"per-answer latency ms: p50 {percentile(lat, 50):.2f}  p95 {percentile(lat, 95):.2f}"
        f"  max {max(lat):.2f}"
    )
    rates = batch_throughput(rows, runs)
    print(
        f"batch throughput (whole `score --batch` process): median "
        f"{statistics.median(rates):.0f} answers/s  (min {min(rates):.0f}, runs {runs})"
    )
    cold = cold_start(runs)
    print(
        f"cold start of one `loopcoach score`: median {statistics.median(cold):.3f} s"
        f"  max {max(cold):.3f} s  (runs {runs})"
    )


if __name__ == "__main__":
    main()
