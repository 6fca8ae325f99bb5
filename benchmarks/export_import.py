"""Time `loopcoach export` and `import` over 100,000 attempts, and show their peak memory.

    python benchmarks/export_import.py [--attempts 100000] [--profile]

Seeds a SQLite file with --attempts attempts (every scored one carries a copy of one
real `loopcoach.assessment/1` payload, about 1 in 5 is a follow-up of the one before,
and one loop of six steps per 1,000 attempts), then runs each operation in a fresh
child process, so the peak RSS it reports (ru_maxrss, read in the child) is that
operation's own:

- export of the whole database to a file, at --attempts and at a tenth of it, so
  memory that grows with the history shows as a difference between the two;
- import of that file into an empty SQLite file, at both sizes too;
- a second import of the same file into that database, which must add nothing;
- with LOOPCOACH_TEST_DATABASE_URL set (postgresql+psycopg://postgres@127.0.0.1:5432/test),
  import into a fresh PostgreSQL schema, export back, import again, and compare the
  two files record by record; the schema is dropped afterwards.

Each line gives the operation's wall time (the store opened, the clock started, the
call, the clock stopped) and CPU time, records (attempts and loops) per second, the
child's peak RSS, its growth over a child that only opens the same database and
imports the same modules (+base), and the file's size. --profile prints each child's
top functions by cumulative time (slower). It prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "src/loopcoach/scoring/data").glob("calibration_*.jsonl"))
RESULT = "RESULT "  # the child's last line of stdout: RESULT {json}
STEPS_PER_LOOP = 6
ATTEMPTS_PER_LOOP = 1000


def peak_rss_mib() -> float:
    """This process's peak resident set so far, in MiB (ru_maxrss is KiB on Linux, B on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


# -- seeding (in a child) -------------------------------------------------------------


def corpus_answers() -> list[dict[str, str]]:
    rows = []
    for path in CORPUS:
        rows += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rows


def seed(url: str, attempts: int, seed_value: int = 7) -> dict[str, Any]:
    """Bulk-insert `attempts` attempts of user `local` over the past year, and a few loops."""
    from sqlalchemy import insert

    from loopcoach.content.index import load_content
    from loopcoach.scoring.engine import score
    from loopcoach.scoring.types import decision_for
    from loopcoach.store import Store
    from loopcoach.store.models import AssessmentRow, Attempt

    rng = random.Random(seed_value)
    questions = load_content().questions()
    rows = corpus_answers()
    first = rows[0]
    payload = score(first["track"], first["round"], first["question"], first["answer"]).to_json()
    answers = [r["answer"] for r in rows]
    store = Store.open(url)
    start = datetime.now(UTC) - timedelta(days=365)
    step = timedelta(days=365) / attempts
    attempt_rows: list[dict[str, Any]] = []
    assessment_rows: list[dict[str, Any]] = []
    n_assessments = 0

    def flush() -> None:
        with store.engine.begin() as conn:
            if attempt_rows:
                conn.execute(insert(Attempt.__table__), attempt_rows)
            if assessment_rows:
                conn.execute(insert(AssessmentRow.__table__), assessment_rows)
        attempt_rows.clear()
        assessment_rows.clear()

    previous_main: tuple[int, Any] | None = None  # (id, question) of the attempt before
    for i in range(1, attempts + 1):
        # 1 in 4 after a main attempt is its follow-up: 1 in 5 of all attempts.
        follow_up = previous_main is not None and rng.random() < 0.25
        if follow_up and previous_main is not None:
            parent, q = previous_main
            text = q.probes[0] if q.probes else q.text
        else:
            parent, q = None, rng.choice(questions)
            text = q.text
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
        attempt_rows.append(
            {
                "id": i,
                "uid": uuid.UUID(int=rng.getrandbits(128)).hex,
                "user": "local",
                "created_at": when,
                "updated_at": when,
                "status": status,
                "track": q.track,
                "round": q.round,
                "pack": "alibaba",
                "question_id": q.id,
                "question": text,
                "competencies": list(q.competencies),
                "answer": rng.choice(answers),
                "kind": "follow_up" if follow_up else "main",
                "parent_id": parent,
                "duration_seconds": round(rng.uniform(60, 600), 1),
                "error": "RuntimeError: scorer failed" if status == "error" else None,
            }
        )
        if status == "scored":
            for rescore in range(2 if rng.random() < 0.03 else 1):
                overall = round(rng.uniform(1.0, 4.0), 2)
                verdict = dict(payload, overall=overall, decision=decision_for(overall))
                assessment_rows.append(
                    {
                        "attempt_id": i,
                        "created_at": when + timedelta(seconds=5 + rescore),
                        "scorer_version": str(payload.get("scorer_version", "bench")),
                        "overall": overall,
                        "decision": verdict["decision"],
                        "payload": verdict,
                    }
                )
                n_assessments += 1
        previous_main = None if follow_up else (i, q)
        if len(attempt_rows) >= 5000:
            flush()
    flush()
    loops = seed_loops(store, attempts, rng, start, step)
    store.close()
    return {"attempts": attempts, "assessments": n_assessments, "loops": loops}


def seed_loops(store: Any, attempts: int, rng: random.Random, start: datetime, step: Any) -> int:
    """One finished loop per ATTEMPTS_PER_LOOP attempts, its steps answered by attempts in a row."""
    from sqlalchemy import insert

    from loopcoach.store.loop_models import LoopRow, LoopStepRow

    count = max(1, attempts // ATTEMPTS_PER_LOOP)
    rounds = ["screen", "technical", "product_sense"]
    with store.engine.begin() as conn:
        for n in range(count):
            first = 1 + n * (attempts // count)
            when = start + step * first
            loop_id = conn.execute(
                insert(LoopRow).returning(LoopRow.id),
                {
                    "uid": uuid.UUID(int=rng.getrandbits(128)).hex,
                    "user": "local",
                    "created_at": when,
                    "updated_at": when,
                    "finished_at": when + timedelta(minutes=45),
                    "status": "finished",
                    "mode": "interactive",
                    "pack": "alibaba",
                    "track": "pm",
                    "seed": str(rng.getrandbits(32)),
                    "plan": [{"round": r, "question_ids": [f"pm-{r}-01"]} for r in rounds],
                    "debrief": {
                        "overall": round(rng.uniform(1.0, 4.0), 2),
                        "rounds": [{"round": r, "grade": 2.5, "notes": "bench"} for r in rounds],
                        "finished_at": (when + timedelta(minutes=45)).isoformat(),
                    },
                },
            ).scalar_one()
            conn.execute(
                insert(LoopStepRow),
                [
                    {
                        "loop_id": loop_id,
                        "position": (k // 2) * 100 + (k % 2),
                        "round": rounds[k // 2],
                        "kind": "follow_up" if k % 2 else "main",
                        "question_id": f"pm-{rounds[k // 2]}-01",
                        "question": "Walk me through it.",
                        "aimed_at": "structure" if k % 2 else None,
                        "attempt_id": min(attempts, first + k),
                        "skipped": False,
                        "created_at": when + timedelta(minutes=k),
                    }
                    for k in range(STEPS_PER_LOOP)
                ],
            )
    return count


# -- the operations (each in a child) ---------------------------------------------------


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def operation(op: str, url: str, file: Path | None, attempts: int) -> Callable[[], dict[str, Any]]:
    """What `op` does, as a call; the store is opened (and migrated) here, before the clock."""
    if op == "seed":
        return lambda: seed(url, attempts)
    import ijson  # noqa: F401  (every operation loads it, so the baseline loads it too)

    from loopcoach.store import Store
    from loopcoach.store.transfer import export_file, import_file

    store = Store.open(url)
    path = file or Path()

    def export() -> dict[str, Any]:
        written = export_file(store, path)
        return {"records": written["attempts"] + written["loops"], "written": written}

    def import_() -> dict[str, Any]:
        report = import_file(store, path)
        present = sum(report.present.values())
        return {"records": sum(report.added.values()) + present, **vars(report)}

    return {"baseline": dict, "export": export, "import": import_}[op]


def child_main(op: str, url: str, file: Path | None, attempts: int, profile: bool) -> None:
    call = operation(op, url, file, attempts)
    cpu, t0 = cpu_seconds(), time.perf_counter()
    if profile and op != "seed":
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        out = profiler.runcall(call)
        print(f"--- profile: {op} {file.name if file else ''} ---", file=sys.stderr)
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(30)
    else:
        out = call()
    out["seconds"] = time.perf_counter() - t0
    out["cpu_seconds"] = cpu_seconds() - cpu
    out["peak_rss_mib"] = peak_rss_mib()
    print(RESULT + json.dumps(out), flush=True)


def child(
    op: str, url: str, file: Path | None = None, attempts: int = 0, profile: bool = False
) -> dict[str, Any]:
    """Run `op` in a fresh interpreter and return what it reported."""
    cmd = [sys.executable, __file__, "--child", op, "--url", url, "--attempts", str(attempts)]
    if file is not None:
        cmd += ["--file", str(file)]
    if profile:
        cmd.append("--profile")
    done = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
    return dict(json.loads(lines[-1][len(RESULT) :]))


# -- PostgreSQL ---------------------------------------------------------------------


@contextmanager
def postgres_schema(base: str) -> Iterator[str]:
    """A URL whose connections live in a fresh schema, dropped afterwards (as tests/conftest.py)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"lc_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def same_records(a: Path, b: Path) -> str:
    """Whether two exports hold the same records, line by line, the header (with its time) aside."""
    with a.open(encoding="utf-8") as fa, b.open(encoding="utf-8") as fb:
        next(fa, None)
        next(fb, None)
        n = 0
        for n, (la, lb) in enumerate(zip(fa, fb, strict=False), start=2):
            if la != lb:
                return f"no: line {n} differs:\n  {la[:160]!r}\n  {lb[:160]!r}"
        if next(fa, None) is not None or next(fb, None) is not None:
            return "no: one file is longer"
    return f"yes, {n - 1} lines after the header are identical"


# -- the report ---------------------------------------------------------------------


def mib(size: int) -> str:
    return f"{size / 2**20:.1f}"


def row(label: str, out: dict[str, Any], base: dict[str, Any], file: Path | None) -> None:
    seconds = out["seconds"]
    records = out.get("records", 0)
    rate = f"{records / seconds:,.0f}" if records and seconds else "-"
    growth = out["peak_rss_mib"] - base["peak_rss_mib"]
    size = mib(file.stat().st_size) if file is not None and file.exists() else "-"
    note = ""
    if "added" in out:
        a, p = out["added"], out["present"]
        note = (
            f"added {a['attempts']} att, {a['loops']} loops; present {p['attempts']}, {p['loops']}"
        )
    elif "written" in out:
        note = f"wrote {out['written']['attempts']} att, {out['written']['loops']} loops"
    print(
        f"{label:<40} {seconds:>8.2f} {out['cpu_seconds']:>6.2f} {rate:>10} "
        f"{out['peak_rss_mib']:>9.1f} {growth:>8.1f} {size:>8}  {note}"
    )


def header() -> None:
    print(
        f"{'operation':<40} {'seconds':>8} {'cpu s':>6} {'records/s':>10} {'peak MiB':>9} "
        f"{'+base':>8} {'file MiB':>8}  result"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="print each child's profile")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.child, args.url, args.file, args.attempts, args.profile)
        return

    big, small = args.attempts, max(1, args.attempts // 10)
    pg_base = os.environ.get("LOOPCOACH_TEST_DATABASE_URL")
    print(
        f"loopcoach export_import, {datetime.now(UTC):%Y-%m-%d}, {platform.platform()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sources: dict[int, str] = {}
        for n in (small, big):
            db = tmp / f"seeded-{n}.sqlite3"
            sources[n] = f"sqlite:///{db}"
            out = child("seed", sources[n], attempts=n)
            print(
                f"seeded {out['attempts']} attempts ({out['assessments']} assessments, "
                f"{out['loops']} loops of {STEPS_PER_LOOP} steps) in {out['seconds']:.1f} s; "
                f"SQLite file {mib(db.stat().st_size)} MiB"
            )
        print()
        header()
        base = child("baseline", sources[big])
        row("baseline: open the store (SQLite)", base, base, None)
        exports: dict[int, Path] = {}
        exported: dict[int, dict[str, Any]] = {}
        imports: dict[int, dict[str, Any]] = {}
        for n in (small, big):
            exports[n] = tmp / f"export-{n}.json"
            exported[n] = child("export", sources[n], exports[n], profile=args.profile)
            row(f"export SQLite -> file, N={n}", exported[n], base, exports[n])
        for n in (small, big):
            target = f"sqlite:///{tmp / f'imported-{n}.sqlite3'}"
            imports[n] = child("import", target, exports[n], profile=args.profile)
            row(f"import file -> empty SQLite, N={n}", imports[n], base, exports[n])
        again = child("import", f"sqlite:///{tmp / f'imported-{big}.sqlite3'}", exports[big])
        row(f"import again, same file and db, N={big}", again, base, exports[big])
        if pg_base:
            with postgres_schema(pg_base) as pg_url:
                pg = child("baseline", pg_url)
                row("baseline: open the store (PostgreSQL)", pg, pg, None)
                out = child("import", pg_url, exports[big], profile=args.profile)
                row(f"import file -> empty PostgreSQL, N={big}", out, pg, exports[big])
                back = tmp / "export-pg.json"
                out = child("export", pg_url, back, profile=args.profile)
                row(f"export PostgreSQL -> file, N={big}", out, pg, back)
                again = child("import", pg_url, exports[big])
                row(f"import again into PostgreSQL, N={big}", again, pg, exports[big])
            print(
                f"\nPostgreSQL round trip, same records as the SQLite export: "
                f"{same_records(exports[big], back)}"
            )
        else:
            print("\n(PostgreSQL skipped: LOOPCOACH_TEST_DATABASE_URL is not set)")
        for name, outs in (("export", exported), ("import", imports)):
            grow = {n: outs[n]["peak_rss_mib"] - base["peak_rss_mib"] for n in (small, big)}
            print(
                f"{name} peak RSS over the baseline: {grow[small]:.1f} MiB at N={small}, "
                f"{grow[big]:.1f} MiB at N={big} ({grow[big] - grow[small]:+.1f} MiB for "
                f"{big - small} more attempts)"
            )
        print(
            "(+base: peak RSS over the baseline child of the same database, which opens "
            "the store and imports the same modules)"
        )


if __name__ == "__main__":
    main()
