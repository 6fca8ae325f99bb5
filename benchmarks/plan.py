"""Time building and re-planning a prep plan over a history of graded attempts.

    python benchmarks/plan.py [--attempts 2000] [--runs 20] [--hours 2] [--days 17]

Seeds --attempts graded pm attempts (spread over the loop's rounds, grades drawn with
a fixed seed) into a fresh SQLite file through the Store, as the scorer would leave
them; then builds a plan --runs times and re-plans it --runs times, and prints the
median and p95 wall time of each and the number of sessions. The target in issue 10
is under 200 ms for either with 2,000 attempts. It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from loopcoach.content.index import load_content
from loopcoach.scoring.types import Assessment, CriterionScore, decision_for
from loopcoach.services.plan import PlanService
from loopcoach.services.practice import PracticeService
from loopcoach.store import Store

TODAY = date(2026, 12, 3)


def seed(store: Store, n: int) -> None:
    content = load_content()
    practice = PracticeService(store, content)
    questions = [practice.question(q.id) for q in content.questions(track="pm")]
    rng = random.Random(7)
    for k in range(n):
        q = questions[k % len(questions)]
        attempt_id = store.save_attempt(q.new_attempt(), f"answer {k}")
        overall = round(rng.uniform(1.0, 4.0), 2)
        store.save_assessment(
            attempt_id,
            Assessment(
                track=q.track,
                round=q.round,
                overall=overall,
                decision=decision_for(overall),
                criteria=(CriterionScore("ownership", 2, (), "note"),),
                flags=(),
                strengths=(),
                improvements=(),
                follow_up="Why?",
                scorer_version="bench",
            ),
        )


def timed(fn: object, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, ms: list[float]) -> None:
    p95 = sorted(ms)[max(0, round(len(ms) * 0.95) - 1)]
    print(
        f"{name:<10} median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   ({len(ms)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--hours", type=float, default=2.0)
    parser.add_argument("--days", type=int, default=17)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        t0 = time.perf_counter()
        seed(store, args.attempts)
        print(f"seeded {args.attempts} graded attempts in {time.perf_counter() - t0:.1f} s")
        svc = PlanService(store, load_content())
        interview = TODAY + timedelta(days=args.days)

        def build() -> None:
            svc.create(track="pm", interview=interview, hours=args.hours, today=TODAY, tz="UTC")

        build()  # warm-up: imports and the first queries
        built = timed(build, args.runs)
        plan = svc.require_active()
        replanned = timed(lambda: svc.replan(TODAY + timedelta(days=2)), args.runs)
        print(
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{platform.machine()}, SQLite; plan of {len(plan.items)} sessions over "
            f"{args.days} days at {args.hours:g} h a day"
        )
        report("build", built)
        report("re-plan", replanned)
        store.close()


if __name__ == "__main__":
    main()
