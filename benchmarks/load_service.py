"""Service mode at scale: seed PostgreSQL in bulk, then load the real server on loopback.

    python benchmarks/load_service.py [--users 10000 --cohorts 100 --attempts 1000000]
                                      [--quick] [--duration 30] [--concurrency 16]
                                      [--workers 1,2] [--admin-url postgresql://...]

What it measures (issue 12's scale figures), and prints; it asserts nothing:

1. Seeding. A fresh PostgreSQL database (--database, default `loopcoach_load`; the
   script refuses one that already exists) is migrated to head, then filled with COPY:
   --users accounts in --cohorts cohorts (one coach each, the rest students spread
   evenly), and --attempts scored attempts with one assessment each, spread over the
   students. Every account has the same password, and its argon2 hash is computed ONCE
   and reused, so the seed does not spend 10,000 argon2 hashes. Answers are ~600
   characters from a few templates with a unique suffix; each assessment's payload is a
   real `loopcoach.scoring` assessment (one scored per track, round and template) with
   its overall and decision varied. The progress summary, when the schema has one, is
   rebuilt once after the COPY with `loopcoach.store.progress_summary.rebuild`. Each
   phase prints its seconds and rows/s. --quick means 1,000 users, 10 cohorts and
   100,000 attempts.
2. The real server, `loopcoach serve --service --workers N` in a subprocess for each N
   of --workers, with LOOPCOACH_REDIS_URL for shared rate limits. The rate limits
   (LOOPCOACH_SCORE_RATE, LOOPCOACH_LOGIN_RATE, LOOPCOACH_LOGIN_ADDRESS_RATE) are set
   to 100000/minute so they never refuse the benchmark: the figures are the app's, not
   the limiter's refusals.
3. A bounded mixed load: --concurrency virtual users (httpx.AsyncClient), each signing
   in once as a random seeded account (one in eight signs in as a coach), then looping
   for --duration seconds over a weighted mix: the practice page, an answer submitted
   and scored (POST /practice/<id>, not following the redirect), /history, /progress
   and, for coaches, their cohort's page. Latency is per request from send to the last
   byte; the table gives throughput overall and per kind, p50/p95/p99 per kind, and
   the requests that got no 2xx/3xx (a status, or no response at all). Logins are timed
   apart, before the window opens.
4. Kill -9: in the last worker count's run (2 workers by default), one worker process
   (a child of the uvicorn master running `spawn_main`) is sent SIGKILL at 40% of the
   window; the load keeps going. Afterwards every answer POST that got a 303 is looked
   up in the database by the attempt id its redirect named and compared with the text
   sent; the requests that failed around the kill and the requests completed per
   second around it are printed, and whether the master replaced the worker.
5. The servers are stopped (SIGINT, then SIGKILL of their process group after 20 s)
   and the database is dropped, also on Ctrl-C or an error.

The load generator, PostgreSQL, Redis and the server share this machine's CPUs (the
count is printed), so the figures are a floor for the server alone. Only 127.0.0.1 is
contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy.engine import make_url

HOST = "127.0.0.1"
PASSWORD = "load-benchmark password 1"
SECRET = "load-benchmark-secret-key-0123456789abcdefghijklmnop"
RATE = "100000/minute"
MIX = {"practice": 30, "submit": 20, "history": 20, "progress": 20, "cohort": 10}
KIND_ORDER = ("login", "practice", "submit", "history", "progress", "cohort")

TEMPLATES = [
    "In my last role I owned the seller onboarding flow for a marketplace with about two "
    "million monthly sellers. Activation sat at 31 percent and I set a target of 40 percent "
    "for the quarter. I interviewed twenty new sellers, found that the first listing took "
    "eleven minutes on average, and proposed a guided first listing with photo import. I "
    "wrote the spec, negotiated scope with engineering so we could ship in six weeks, and "
    "ran an A/B test on ten percent of traffic. We reached 38 percent, short of the goal "
    "because translation lagged in two markets, and I learned to plan localisation first.",
    "The situation was a payments outage that hit checkout during a sales event, and I was "
    "the program manager on call. I opened a bridge within five minutes, split the team "
    "into diagnosis and customer communication, and kept a single timeline in a shared "
    "doc. We found a certificate that had expired on one gateway, failed over to the "
    "backup in twenty minutes and restored ninety percent of volume. Afterwards I ran a "
    "blameless review, we added expiry alerts thirty days ahead, and the same class of "
    "incident has not recurred in eighteen months. The cost was about 0.4 percent of GMV.",
    "I would start from the business goal: repeat purchase among new buyers, measured as "
    "the share who buy again within thirty days. I would segment by acquisition channel "
    "and category, because a buyer from a coupon campaign behaves unlike an organic one. "
    "Then I would size the levers: delivery speed, first-order experience and follow-up "
    "recommendations. For each I would estimate reach, impact and effort, pick one or two "
    "experiments, and define guardrails such as margin and return rate. I would review "
    "the results weekly with the category leads and stop what does not move the metric.",
    "A data scientist on my team disagreed strongly with the launch criteria I proposed "
    "for a ranking model. Instead of escalating I set up a meeting, asked her to walk me "
    "through her analysis, and found she was right that our offline metric ignored "
    "long-tail sellers. We agreed on a second metric for seller coverage and a staged "
    "rollout at five, twenty and fifty percent. The launch slipped by one week, but "
    "coverage improved by twelve percent with no loss in conversion, and she led the "
    "next review. I now ask for a dissenting view before I fix any launch criteria.",
]


def copy_text(value: str) -> str:
    """`value` escaped for PostgreSQL's COPY text format."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:,.0f} rows/s" if seconds > 0 else "-"


# -- seeding -------------------------------------------------------------------------


@dataclass
class Seeded:
    url: str  # SQLAlchemy URL of the benchmark's database
    coaches: list[tuple[str, int]]  # (username, cohort id)
    students: list[str]
    phases: list[tuple[str, float, int]] = field(default_factory=list)


def payload_templates(
    questions: list[Any],
) -> dict[tuple[str, str, int], tuple[str, str, float, str]]:
    """Per track, round and answer template: a real assessment's JSON split around its grade.

    The JSON is escaped for COPY once here; each row then only joins in its own grade.
    """
    from loopcoach.scoring.engine import score

    marker = '"overall": -999.0, "decision": "__decision__"'
    out: dict[tuple[str, str, int], tuple[str, str, float, str]] = {}
    by_round: dict[tuple[str, str], Any] = {}
    for q in questions:
        by_round.setdefault((q.track, q.round), q)
    for (track, round_), q in by_round.items():
        for t, answer in enumerate(TEMPLATES):
            assessment = score(
                track,
                round_,
                q.text,
                answer,
                talking_points=list(q.talking_points) or None,
                probes=tuple(q.probes),
                asks_for=q.asks_for,
            )
            data = assessment.to_json()
            base = float(data["overall"])
            data["overall"], data["decision"] = -999.0, "__decision__"
            text = json.dumps(data)
            assert marker in text, "the payload's overall and decision are no longer adjacent"
            head, tail = text.split(marker)
            version = str(data["scorer_version"])
            out[(track, round_, t)] = (copy_text(head), copy_text(tail), base, version)
    return out


def seed(url: str, users: int, cohorts: int, attempts: int, rng: random.Random) -> Seeded:
    from argon2 import PasswordHasher
    from sqlalchemy import inspect

    from loopcoach.content.index import load_content
    from loopcoach.scoring.types import decision_for
    from loopcoach.store.engine import make_engine
    from loopcoach.store.migrate import upgrade

    phases: list[tuple[str, float, int]] = []
    t = time.perf_counter()
    upgrade(url)
    phases.append(("migrate to head", time.perf_counter() - t, 0))

    t = time.perf_counter()
    content = load_content()
    questions = content.questions()
    packs = {qid: pack.id for pack in content.packs.values() for qid in pack.questions}
    templates = payload_templates(questions)
    phases.append((f"score {len(templates)} sample answers", time.perf_counter() - t, 0))

    t = time.perf_counter()
    # One argon2 hash for every account: the seed would otherwise spend minutes hashing.
    password_hash = PasswordHasher().hash(PASSWORD)
    phases.append(("hash one password (argon2id)", time.perf_counter() - t, 0))

    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    now = datetime.now(UTC)
    stamp = now.isoformat()
    coaches: list[tuple[str, int]] = []
    students: list[tuple[int, str, str]] = []  # (account id, uid, username)
    with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
        t = time.perf_counter()
        with cur.copy("COPY cohorts (id, name, created_at) FROM STDIN") as copy:
            for c in range(1, cohorts + 1):
                copy.write(f"{c}\tCohort {c:04d}\t{stamp}\n")
        lines = []
        members = []
        for a in range(1, users + 1):
            uid = os.urandom(16).hex()
            if a <= cohorts:
                name, role, cohort, member = f"coach{a:05d}", "coach", a, "coach"
                coaches.append((name, cohort))
            else:
                name, role = f"student{a:06d}", "candidate"
                cohort, member = (a - cohorts - 1) % cohorts + 1, "student"
                students.append((a, uid, name))
            lines.append(f"{a}\t{uid}\t{name}\t\t{password_hash}\t{role}\tf\t0\t\\N\t{stamp}\n")
            members.append(f"{a}\t{cohort}\t{a}\t{member}\n")
        with cur.copy(
            "COPY accounts (id, uid, username, display_name, password_hash, role, disabled, "
            "failed_logins, locked_until, created_at) FROM STDIN"
        ) as copy:
            copy.write("".join(lines))
        with cur.copy("COPY cohort_members (id, cohort_id, account_id, role) FROM STDIN") as copy:
            copy.write("".join(members))
        conn.commit()
        phases.append(("COPY accounts + cohorts + members", time.perf_counter() - t, users))

        t = time.perf_counter()
        qrows = [
            (
                q,
                copy_text(q.text),
                copy_text(json.dumps(list(q.competencies))),
                packs[q.id],
            )
            for q in questions
        ]
        start = now - timedelta(days=365)
        step = 365 * 86400 / max(1, attempts)
        chunk = 20_000
        grades = []
        with cur.copy(
            'COPY attempts (id, uid, "user", created_at, updated_at, status, track, round, '
            "pack, question_id, question, competencies, answer, kind, parent_id, "
            "duration_seconds, error) FROM STDIN"
        ) as copy:
            buf = []
            for i in range(1, attempts + 1):
                q, qtext, comps, pack = qrows[rng.randrange(len(qrows))]
                _aid, owner, _name = students[rng.randrange(len(students))]
                template = rng.randrange(len(TEMPLATES))
                at = (start + timedelta(seconds=i * step + rng.random())).isoformat()
                answer = f"{TEMPLATES[template]} (Seeded attempt {i}.)"
                seconds = f"{rng.uniform(60, 600):.1f}" if rng.random() < 0.5 else "\\N"
                buf.append(
                    f"{i}\t{os.urandom(16).hex()}\t{owner}\t{at}\t{at}\tscored\t{q.track}\t"
                    f"{q.round}\t{pack}\t{q.id}\t{qtext}\t{comps}\t{answer}\tmain\t\\N\t"
                    f"{seconds}\t\\N\n"
                )
                grades.append((q.track, q.round, template, at))
                if len(buf) >= chunk:
                    copy.write("".join(buf))
                    buf.clear()
            copy.write("".join(buf))
        conn.commit()
        phases.append(("COPY attempts", time.perf_counter() - t, attempts))

        t = time.perf_counter()
        with cur.copy(
            "COPY assessments (id, attempt_id, created_at, scorer_version, overall, decision, "
            "payload) FROM STDIN"
        ) as copy:
            buf = []
            for i, (track, round_, template, at) in enumerate(grades, start=1):
                head, tail, base, version = templates[(track, round_, template)]
                overall = round(min(4.0, max(1.0, base + rng.gauss(0, 0.6))), 2)
                decision = decision_for(overall)
                grade = f'"overall": {overall}, "decision": "{decision}"'
                buf.append(
                    f"{i}\t{i}\t{at}\t{version}\t{overall}\t{decision}\t{head}{grade}{tail}\n"
                )
                if len(buf) >= chunk:
                    copy.write("".join(buf))
                    buf.clear()
            copy.write("".join(buf))
        conn.commit()
        phases.append(("COPY assessments", time.perf_counter() - t, attempts))

        t = time.perf_counter()
        # COPY with explicit ids leaves the sequences behind: the app's inserts need them past.
        for table in ("cohorts", "accounts", "cohort_members", "attempts", "assessments"):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        conn.commit()
        conn.autocommit = True
        cur.execute("ANALYZE")
        phases.append(("setval + ANALYZE", time.perf_counter() - t, 0))

    engine = make_engine(url)
    try:
        if inspect(engine).has_table("progress_groups"):
            from loopcoach.store import progress_summary

            t = time.perf_counter()
            with engine.begin() as conn2:
                progress_summary.rebuild(conn2)
                progress_summary.stamp(conn2)
                groups = conn2.exec_driver_sql("SELECT count(*) FROM progress_groups").scalar()
            phases.append(
                ("progress summary rebuild, groups", time.perf_counter() - t, groups or 0)
            )
    finally:
        engine.dispose()
    return Seeded(url, coaches, [name for _a, _u, name in students], phases)


# -- the server ----------------------------------------------------------------------


def server_env(url: str, redis_url: str, root: Path) -> dict[str, str]:
    return {
        **os.environ,
        "LOOPCOACH_MODE": "service",
        "LOOPCOACH_DATABASE_URL": url,
        "LOOPCOACH_SECRET_KEY": SECRET,
        "LOOPCOACH_REDIS_URL": redis_url,
        "LOOPCOACH_SCORE_RATE": RATE,
        "LOOPCOACH_LOGIN_RATE": RATE,
        "LOOPCOACH_LOGIN_ADDRESS_RATE": RATE,
        "LOOPCOACH_DATA_DIR": str(root / "data"),
        "LOOPCOACH_CONFIG_DIR": str(root / "config"),
    }


def start_server(
    workers: int, port: int, env: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).with_name("loopcoach")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "loopcoach"]
    cmd += ["serve", "--service", "--host", HOST, "--port", str(port), "--workers", str(workers)]
    with log.open("wb") as out:
        return subprocess.Popen(
            cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_healthy(base: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> float:
    t = time.perf_counter()
    while time.perf_counter() - t < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return time.perf_counter() - t
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"no 200 from /healthz in {timeout:.0f} s:\n{log.read_text()}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(20)
    # Anything left in its group (a worker that outlived the master).
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def worker_pids(master: int) -> list[int]:
    """The uvicorn workers of `master`: its children running multiprocessing's spawn_main."""
    found = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
    pids = []
    for line in found.stdout.split():
        try:
            cmdline = Path(f"/proc/{line}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            pids.append(int(line))
    return pids


# -- the load ------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    start: float
    end: float
    status: int | None  # None: no response (connection refused or reset, timeout)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    submitted: list[tuple[int, str]] = field(default_factory=list)  # (attempt id, text)
    refused_texts: list[str] = field(default_factory=list)
    window: tuple[float, float] = (0.0, 0.0)
    killed: tuple[float, int] | None = None  # (when, pid)


async def timed(
    run: Run, kind: str, client: httpx.AsyncClient, method: str, path: str, **kw: Any
) -> httpx.Response | None:
    t = time.perf_counter()
    try:
        response = await client.request(method, path, **kw)
    except httpx.HTTPError as exc:
        run.samples.append(Sample(kind, t, time.perf_counter(), None, type(exc).__name__))
        return None
    sample = Sample(kind, t, time.perf_counter(), response.status_code)
    if not sample.ok:
        sample.error = response.text[:300]
    run.samples.append(sample)
    return response


async def sign_in(run: Run, client: httpx.AsyncClient, username: str) -> bool:
    await client.get("/login")
    body = {"csrftoken": client.cookies.get("csrftoken", ""), "username": username}
    response = await timed(
        run, "login", client, "POST", "/login", data={**body, "password": PASSWORD}
    )
    return response is not None and response.status_code == 303


async def virtual_user(
    run: Run,
    client: httpx.AsyncClient,
    vu: int,
    cohort: int | None,
    question_ids: list[str],
    deadline: float,
    rng: random.Random,
) -> None:
    kinds = [k for k in MIX if k != "cohort" or cohort is not None]
    weights = [MIX[k] for k in kinds]
    n = 0
    while time.perf_counter() < deadline:
        kind = rng.choices(kinds, weights)[0]
        qid = rng.choice(question_ids)
        if kind == "practice":
            await timed(run, kind, client, "GET", f"/practice/{qid}")
        elif kind == "submit":
            n += 1
            text = f"{rng.choice(TEMPLATES)} [load vu{vu} n{n} {os.urandom(6).hex()}]"
            data = {"csrftoken": client.cookies.get("csrftoken", ""), "answer": text}
            response = await timed(run, kind, client, "POST", f"/practice/{qid}", data=data)
            location = response.headers.get("location", "") if response is not None else ""
            if response is not None and response.status_code == 303 and "/attempts/" in location:
                run.submitted.append((int(location.rsplit("/", 1)[1]), text))
            else:
                run.refused_texts.append(text)
        elif kind == "history":
            await timed(run, kind, client, "GET", "/history")
        elif kind == "progress":
            await timed(run, kind, client, "GET", "/progress")
        else:
            await timed(run, kind, client, "GET", f"/coach/cohorts/{cohort}")


async def kill_one_worker(run: Run, master: int, at: float) -> None:
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    pids = worker_pids(master)
    if not pids:
        print("  kill -9: found no worker process to kill")
        return
    os.kill(pids[0], signal.SIGKILL)
    run.killed = (time.perf_counter(), pids[0])


async def drive(
    base: str,
    seeded: Seeded,
    concurrency: int,
    duration: float,
    rng: random.Random,
    kill_master: int | None,
) -> Run:
    run = Run()
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    clients = [
        httpx.AsyncClient(
            base_url=base,
            headers={"Origin": base},
            follow_redirects=False,
            timeout=60,
            limits=limits,
        )
        for _ in range(concurrency)
    ]
    try:
        who: list[tuple[str, int | None]] = []
        for i in range(concurrency):
            if i % 8 == 0 and seeded.coaches:
                name, cohort = rng.choice(seeded.coaches)
                who.append((name, cohort))
            else:
                who.append((rng.choice(seeded.students), None))
        signed = await asyncio.gather(
            *(sign_in(run, c, name) for c, (name, _) in zip(clients, who, strict=True))
        )
        if not all(signed):
            bad = [s for s in run.samples if s.kind == "login" and not s.ok]
            raise SystemExit(f"{signed.count(False)} logins failed: {bad[:1]}")
        listed = await clients[0].get("/api/v1/questions")
        question_ids = [q["id"] for q in listed.json()["items"]]
        start = time.perf_counter()
        deadline = start + duration
        tasks = [
            virtual_user(run, c, i, cohort, question_ids, deadline, random.Random(rng.random()))
            for i, (c, (_, cohort)) in enumerate(zip(clients, who, strict=True))
        ]
        if kill_master is not None:
            tasks.append(kill_one_worker(run, kill_master, start + 0.4 * duration))
        await asyncio.gather(*tasks)
        run.window = (start, time.perf_counter())
    finally:
        for c in clients:
            await c.aclose()
    return run


# -- reporting -----------------------------------------------------------------------


def table(run: Run, workers: int) -> None:
    start, end = run.window
    elapsed = end - start
    timed_samples = [s for s in run.samples if s.kind != "login"]
    total = len(timed_samples)
    bad_total = sum(not s.ok for s in timed_samples)
    print(
        f"\nworkers={workers}: {total} requests in {elapsed:.1f} s = {total / elapsed:.1f} req/s "
        f"overall; {bad_total} without a 2xx/3xx"
    )
    print(
        f"  {'kind':<9} {'n':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'bad':>5}"
    )
    for kind in KIND_ORDER:
        samples = [s for s in run.samples if s.kind == kind]
        if not samples:
            continue
        ms = [(s.end - s.start) * 1000 for s in samples if s.status is not None]
        bad = sum(not s.ok for s in samples)
        per_s = "-" if kind == "login" else f"{len(samples) / elapsed:.1f}"
        p50, p95, p99 = (f"{percentile(ms, p):.0f}" if ms else "-" for p in (50, 95, 99))
        print(f"  {kind:<9} {len(samples):>6} {per_s:>7} {p50:>8} {p95:>8} {p99:>8} {bad:>5}")
    errors: dict[str, int] = defaultdict(int)
    for s in run.samples:
        if not s.ok:
            errors[f"{s.kind} {s.status or s.error}"] += 1
    for what, count in sorted(errors.items()):
        print(f"  failed: {what} x{count}")
    examples = {s.status: s.error for s in run.samples if s.status is not None and not s.ok}
    for status, body in examples.items():
        print(f"  a {status} said: {' '.join(body.split())[:200]}")


def check_kill(run: Run, master: int, conninfo: str, before_max: int) -> None:
    if run.killed is None:
        return
    when, pid = run.killed
    start = run.window[0]
    print(f"\nkill -9: worker {pid} killed {when - start:.1f} s into the window")
    failed = [s for s in run.samples if not s.ok and s.kind != "login"]
    near = [s for s in failed if when - 1 <= s.end <= when + 10]
    print(
        f"  requests without a 2xx/3xx ending from 1 s before to 10 s after: {len(near)} "
        f"({', '.join(sorted({f'{s.kind}:{s.status or s.error}' for s in near})) or 'none'}); "
        f"in the whole run: {len(failed)}"
    )
    ok_after = [s for s in run.samples if s.ok and s.start > when]
    print(f"  requests answered 2xx/3xx after the kill: {len(ok_after)}")
    line = []
    for second in range(-3, 8):
        lo, hi = when + second, when + second + 1
        n = sum(1 for s in run.samples if s.ok and lo <= s.end < hi)
        line.append(f"{second:+d}s:{n}")
    print(f"  answered per second around the kill: {' '.join(line)}")
    now_workers = worker_pids(master)
    print(
        f"  workers after the run: {now_workers} (killed {pid} replaced: {pid not in now_workers})"
    )
    ids = [i for i, _ in run.submitted]
    with psycopg.connect(conninfo) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT a.id, a.answer, a.status, "
            "(SELECT count(*) FROM assessments s WHERE s.attempt_id = a.id) "
            "FROM attempts a WHERE a.id = ANY(%s)",
            (ids,),
        )
        found = {row[0]: row[1:] for row in cur.fetchall()}
        cur.execute(
            "SELECT status, count(*) FROM attempts WHERE id > %s GROUP BY status ORDER BY 1",
            (before_max,),
        )
        statuses = cur.fetchall()
        cur.execute(
            "SELECT count(*) FROM attempts WHERE id > %s AND answer = ANY(%s)",
            (before_max, run.refused_texts),
        )
        kept_refused = cur.fetchone()
    missing = [i for i, text in run.submitted if i not in found or found[i][0] != text]
    unscored = [
        i for i, _ in run.submitted if i in found and (found[i][1] != "scored" or not found[i][2])
    ]
    print(
        f"  answers that got a 303: {len(run.submitted)}; in the database with the same text: "
        f"{len(run.submitted) - len(missing)}; missing or different: {len(missing)}; "
        f"not scored: {len(unscored)}"
    )
    print(f"  attempts written during the run, by status: {dict(statuses)}")
    print(
        f"  answers that got no 303 (failed or refused): {len(run.refused_texts)}; "
        f"kept anyway: {kept_refused[0] if kept_refused else 0}"
    )


# -- main ----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--cohorts", type=int, default=100)
    parser.add_argument("--attempts", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="1,000 users, 10 cohorts, 100,000")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per worker count")
    parser.add_argument("--concurrency", type=int, default=16, help="virtual users")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--no-kill", action="store_true", help="skip the kill -9 check")
    parser.add_argument(
        "--admin-url",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL database to connect to while creating and dropping the benchmark's",
    )
    parser.add_argument("--database", default="loopcoach_load")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    # Each figure as it comes, also when the output goes to a file.
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    if args.quick:
        args.users, args.cohorts, args.attempts = 1_000, 10, 100_000
    worker_counts = [int(w) for w in args.workers.split(",")]
    rng = random.Random(args.seed)

    admin = make_url(args.admin_url)
    url = admin.set(drivername="postgresql+psycopg", database=args.database)
    url_text = url.render_as_string(hide_password=False)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    admin_info = admin.set(drivername="postgresql").render_as_string(hide_password=False)

    cpus = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    print(
        f"loopcoach service load: {platform.platform()}, Python {platform.python_version()}, "
        f"{cpus} CPUs ({usable} usable), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    print(
        f"seed: {args.users} accounts, {args.cohorts} cohorts, {args.attempts} attempts; load: "
        f"{args.concurrency} virtual users x {args.duration:.0f} s per worker count "
        f"{worker_counts}; rate limits {RATE}; mix {MIX}"
    )

    with psycopg.connect(admin_info, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (args.database,)
        ).fetchone()
        if exists:
            raise SystemExit(
                f"database {args.database!r} exists already; drop it or pass --database"
            )
        conn.execute(f'CREATE DATABASE "{args.database}"')
    procs: list[subprocess.Popen[bytes]] = []
    try:
        seeded = seed(url_text, args.users, args.cohorts, args.attempts, rng)
        print("\nseed phases:")
        for name, seconds, rows in seeded.phases:
            shown = f"{rows:>9,} rows  {rate(rows, seconds)}" if rows else ""
            print(f"  {name:<36} {seconds:8.1f} s  {shown}")
        with psycopg.connect(conninfo) as conn:
            size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            print(f"  database size: {size.fetchone()[0]}")  # type: ignore[index]

        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            env = server_env(url_text, args.redis_url, root)
            for index, workers in enumerate(worker_counts):
                port = free_port()
                base = f"http://{HOST}:{port}"
                log = root / f"server-{workers}.log"
                proc = start_server(workers, port, env, log)
                procs.append(proc)
                ready = wait_healthy(base, proc, log, timeout=180)
                print(f"\nworkers={workers}: /healthz 200 after {ready:.1f} s")
                kill = (
                    proc.pid
                    if index == len(worker_counts) - 1 and workers > 1 and not args.no_kill
                    else None
                )
                with psycopg.connect(conninfo) as conn:
                    before = conn.execute("SELECT coalesce(max(id), 0) FROM attempts").fetchone()
                run = asyncio.run(drive(base, seeded, args.concurrency, args.duration, rng, kill))
                table(run, workers)
                if kill is not None:
                    check_kill(run, proc.pid, conninfo, before[0] if before else 0)
                stop_server(proc)
                text = log.read_text(errors="replace")
                tracebacks = text.count("Traceback")
                print(f"  server log: {len(text.splitlines())} lines, {tracebacks} tracebacks")
                if tracebacks:
                    last = text[text.rindex("Traceback") :].splitlines()
                    print("  last traceback ends: " + " | ".join(last[-3:]))
    finally:
        for proc in procs:
            stop_server(proc)
        with psycopg.connect(admin_info, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        print(f"\ndropped database {args.database}")


if __name__ == "__main__":
    main()
