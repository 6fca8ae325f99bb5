"""Print the server time of the card review page, GET /cards, against a 50 ms budget.

    python benchmarks/cards.py [--requests N] [--misses N]

A fresh SQLite database gets the built-in packs' cards, N scored attempts whose
misses become cards (two each), and a review of half the cards; then /cards is
requested N times in-process (ASGI, no network) with an interview date set, so each
request syncs, computes every card's recall on the day and renders. Server time is
the request's wall time in this process: p50, p95 and max.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from loopcoach.content.index import load_content
from loopcoach.scoring.types import Assessment, Coverage, CriterionScore, Flag, PointCoverage
from loopcoach.services.cards import CardService
from loopcoach.services.practice import PracticeService
from loopcoach.settings import Settings
from loopcoach.web.app import create_app

BUDGET_MS = 50.0


def seed(web_state: object, misses: int) -> int:
    store, content = web_state.store, web_state.content  # type: ignore[attr-defined]
    practice = PracticeService(store, content)
    qids = list(content.pack().questions)
    for i in range(misses):
        q = practice.question(qids[i % len(qids)])
        attempt = store.save_attempt(q.new_attempt(), f"answer {i}")
        store.save_assessment(
            attempt,
            Assessment(
                track=q.track,
                round=q.round,
                overall=2.0,
                decision="lean_no_hire",
                criteria=(CriterionScore("ownership", 2, (), ""),),
                flags=(Flag("no_metric", (), "no number"),),
                strengths=(),
                improvements=(),
                follow_up="",
                scorer_version="bench",
                coverage=Coverage(0.5, (PointCoverage(f"point {i}", False, 0.0, ()),)),
            ),
        )
    cards = CardService(store, content)
    now = datetime.now(UTC) - timedelta(days=1)
    cards.sync(now)
    all_cards = cards.cards.cards()
    for c in all_cards[::2]:
        cards.review(c.uid, "good", now)
    return len(all_cards)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--misses", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = Settings(
            data_dir=root / "data",
            config_dir=root / "config",
            database_url=f"sqlite:///{root / 'data' / 'loopcoach.sqlite3'}",
            pack_dirs=[],
            user="local",
        )
        app = create_app(settings, content=load_content())
        total = seed(app.state.web, args.misses)
        day = (datetime.now(UTC) + timedelta(days=10)).date().isoformat()
        times: list[float] = []
        with TestClient(app, base_url="http://127.0.0.1") as client:
            for _ in range(10):  # warm up: templates compiled, caches filled
                client.get("/cards", params={"interview_date": day})
            for _ in range(args.requests):
                start = time.perf_counter()
                r = client.get("/cards", params={"interview_date": day})
                times.append((time.perf_counter() - start) * 1000)
                assert r.status_code == 200
        app.state.web.store.close()
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"GET /cards, {total} cards, {args.requests} requests (in-process, SQLite)")
    print(f"  p50 {p50:.1f} ms   p95 {p95:.1f} ms   max {times[-1]:.1f} ms", end="")
    print(f"   budget {BUDGET_MS:.0f} ms")
    ok = p95 < BUDGET_MS
    print("  within budget" if ok else "  OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
