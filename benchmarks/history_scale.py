"""Time the history, progress and practice pages over a SQLite file with many attempts.

    python benchmarks/history_scale.py [--attempts 100000] [--requests 20] [--db PATH]

Seeds --attempts attempts (with assessments whose payloads are real scorer output for
calibration answers) into a SQLite file with bulk inserts, in a child process so its
memory is not counted against the app's; then, in this process, requests each page
in-process over HTTP (the same TestClient as tests/web) --requests times after one
warm-up, and prints the median and p95 latency, the response size and this process's
peak RSS so far. CPU ms is this process's CPU time per request (the app and the
client together), a figure that other load on the machine inflates less than the wall
clock. With --db, an existing file is reused (seeded only if missing), so two versions
of the code can be timed over the same data; a file seeded by an older version is
migrated when opened (the time to open it is printed), so time a copy of it.
--proposed-indexes first creates the indexes in PROPOSED_INDEXES, which no migration
creates, to show what they buy (not enough: see the progress summary of 0009).
Each page stops early after --max-seconds. It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "src/loopcoach/scoring/data").glob("calibration_*.jsonl"))
PER_PAGE = 50  # the history page's page size
# Covering indexes for the grouped progress query, filtered history pages and the latest
# grade of each attempt; the first two replace ix_attempts_user_created_at's role.
PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_attempts_user_track_groups ON attempts"
    " (user, track, round, competencies, status, kind, question_id, created_at)",
    "CREATE INDEX IF NOT EXISTS ix_attempts_user_created_at_filters ON attempts"
    " (user, created_at, status, kind, track, round, competencies)",
    "CREATE INDEX IF NOT EXISTS ix_assessments_attempt_id_id_overall ON assessments"
    " (attempt_id, id, overall)",
)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def corpus_answers() -> dict[tuple[str, str], list[str]]:
    """Real answers of the scorer's calibration corpus, by (track, round)."""
    out: dict[tuple[str, str], list[str]] = {}
    for path in CORPUS:
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                out.setdefault((row["track"], row["round"]), []).append(row["answer"])
    return out


def seed(db: Path, attempts: int, seed_value: int = 7) -> None:
    """Bulk-insert `attempts` attempts of user `local`, over the past year, oldest first."""
    from sqlalchemy import insert

    from loopcoach.content.index import load_content
    from loopcoach.scoring.engine import score
    from loopcoach.scoring.types import decision_for
    from loopcoach.store import Store
    from loopcoach.store.models import AssessmentRow, Attempt

    rng = random.Random(seed_value)
    content = load_content()
    questions = content.questions()
    answers = corpus_answers()
    every_answer = [a for group in answers.values() for a in group]
    # One real assessment per (track, round), its grade varied per attempt below.
    payloads: dict[tuple[str, str], dict[str, Any]] = {}
    for q in questions:
        key = (q.track, q.round)
        if key not in payloads:
            answer = (answers.get(key) or every_answer)[0]
            payloads[key] = score(q.track, q.round, q.text, answer).to_json()
    store = Store.open(f"sqlite:///{db}")
    start = datetime.now(UTC) - timedelta(days=365)
    step = timedelta(days=365) / attempts
    mains: dict[str, int] = {}  # question id -> its latest main scored attempt
    attempt_rows: list[dict[str, Any]] = []
    assessment_rows: list[dict[str, Any]] = []

    def flush() -> None:
        with store.engine.begin() as conn:
            if attempt_rows:
                conn.execute(insert(Attempt.__table__), attempt_rows)
            if assessment_rows:
                conn.execute(insert(AssessmentRow.__table__), assessment_rows)
        attempt_rows.clear()
        assessment_rows.clear()

    for i in range(1, attempts + 1):
        q = rng.choice(questions)
        when = start + step * i
        roll = rng.random()
        status = (
            "scored"
            if roll < 0.88
            else "saved"
            if roll < 0.93
            else "error"
            if roll < 0.95
            else "draft"
        )
        parent = mains.get(q.id) if rng.random() < 0.1 else None
        pool = answers.get((q.track, q.round)) or every_answer
        attempt_rows.append(
            {
                "id": i,
                "user": "local",
                "created_at": when,
                "updated_at": when,
                "status": status,
                "track": q.track,
                "round": q.round,
                "pack": "alibaba",
                "question_id": q.id,
                "question": q.probes[0] if parent and q.probes else q.text,
                "competencies": list(q.competencies),
                "answer": rng.choice(pool),
                "kind": "follow_up" if parent else "main",
                "parent_id": parent,
                "duration_seconds": round(rng.uniform(60, 600), 1),
                "error": "RuntimeError: scorer failed" if status == "error" else None,
            }
        )
        if status == "scored":
            for rescore in range(2 if rng.random() < 0.03 else 1):
                overall = round(rng.uniform(1.0, 4.0), 2)
                payload = dict(payloads[(q.track, q.round)], overall=overall)
                payload["decision"] = decision_for(overall)
                assessment_rows.append(
                    {
                        "attempt_id": i,
                        "created_at": when + timedelta(seconds=5 + rescore),
                        "scorer_version": str(payload.get("scorer_version", "bench")),
                        "overall": overall,
                        "decision": payload["decision"],
                        "payload": payload,
                    }
                )
            if not parent:
                mains[q.id] = i
        if len(attempt_rows) >= 5000:
            flush()
    flush()
    # Rows written around the Store: bring the progress summary up to date, as the
    # Store's own writes would have kept it.
    store.progress()
    store.close()


def time_pages(
    db: Path, root: Path, requests: int, max_seconds: float, only: list[str] | None = None
) -> None:
    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from loopcoach.settings import Settings
    from loopcoach.store.models import Attempt
    from loopcoach.web import create_app

    settings = Settings(
        data_dir=root / "data",
        config_dir=root / "config",
        database_url=f"sqlite:///{db}",
        pack_dirs=[],
        user="local",
    )
    t0 = time.perf_counter()
    app = create_app(settings)  # opens the file, migrating it first if it is older
    opened = time.perf_counter() - t0
    store = app.state.web.store
    with store.engine.connect() as conn:
        total = conn.scalar(select(func.count()).select_from(Attempt)) or 0
        busiest = conn.execute(
            select(Attempt.question_id)
            .group_by(Attempt.question_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar()
    last_page = max(1, -(-total // PER_PAGE))
    pages = [
        "/history",
        f"/history?page={last_page // 2}",
        f"/history?page={last_page}",
        "/history?track=pm&status=scored&page=2",
        "/progress",
        "/progress?track=pm",
        f"/practice/{busiest}",
        "/practice?track=pm",
        "/",
        "/api/v1/attempts",
        "/api/v1/attempts?offset=90000",
        "/api/v1/progress",
    ]
    if only:
        pages = [p for p in pages if any(p.split("?")[0].startswith(o) for o in only)]
    print(
        f"{total} attempts in {db} ({db.stat().st_size / 2**20:.0f} MiB), opened in {opened:.1f} s"
    )
    print(f"peak RSS before the first request: {peak_rss_mib():.0f} MiB")
    head = f"{'page':<40} {'n':>3} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>7} {'KiB':>7}"
    print(f"{head} {'peak RSS MiB':>13}")
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for path in pages:
            first = client.get(path)  # warm-up, and the size
            if first.status_code != 200:
                print(f"  {path}: HTTP {first.status_code}")
            times: list[float] = []
            cpu: list[float] = []
            began = time.perf_counter()
            while len(times) < requests and time.perf_counter() - began < max_seconds:
                c0, t0 = time.process_time(), time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
            print(
                f"{path:<40} {len(times):>3} {statistics.median(times):>10.1f} "
                f"{percentile(times, 95):>8.1f} {statistics.median(cpu):>7.1f} "
                f"{len(first.content) / 1024:>7.1f} {peak_rss_mib():>13.0f}"
            )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="per page, at most")
    parser.add_argument("--db", type=Path, help="a SQLite file to reuse (seeded if missing)")
    parser.add_argument(
        "--proposed-indexes", action="store_true", help="create PROPOSED_INDEXES first"
    )
    parser.add_argument("--only", nargs="*", help="time only the pages whose path starts so")
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed_only:
        seed(args.db, args.attempts)
        return
    print(
        f"loopcoach history_scale, {datetime.now(UTC):%Y-%m-%d}, {platform.platform()}, "
        f"Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "scale.sqlite3"
        if not db.exists():
            t0 = time.perf_counter()
            cmd = [sys.executable, __file__, "--seed-only", "--db", str(db)]
            subprocess.run([*cmd, "--attempts", str(args.attempts)], check=True)
            print(f"seeded {args.attempts} attempts in {time.perf_counter() - t0:.1f} s")
        if args.proposed_indexes:
            with sqlite3.connect(db) as conn:
                for ddl in PROPOSED_INDEXES:
                    conn.execute(ddl)
                conn.execute("ANALYZE")
            print("with the proposed indexes: " + "; ".join(PROPOSED_INDEXES))
        time_pages(db, Path(tmp), args.requests, args.max_seconds, args.only)


if __name__ == "__main__":
    main()
