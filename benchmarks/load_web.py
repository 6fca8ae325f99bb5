"""Load the web app on loopback and print requests per second and p50/p95/p99 latency.

    python benchmarks/load_web.py [--workers 1] [--concurrency 8] [--requests 2000]

Starts `loopcoach serve` in a subprocess (its own SQLite file in a temp folder) on
127.0.0.1, warms it up, then runs two bounded scenarios, one after the other:
- the practice page, GET /practice/{id} over a rotating set of pack questions;
- scoring, POST /api/v1/score over the answers of the scorer's calibration corpus.
Each scenario stops after --requests requests or --max-seconds, whichever comes first,
with --concurrency requests in flight. The load generator runs on the same machine,
so its CPU use is counted against the server's: the figures are a floor.
Only loopback is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "src/loopcoach/scoring/data").glob("calibration_*.jsonl"))
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def score_bodies() -> list[dict[str, Any]]:
    rows = []
    for path in CORPUS:
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append({k: row[k] for k in ("track", "round", "question", "answer")})
    return rows


def start_server(workers: int, port: int, data: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "LOOPCOACH_DATA_DIR": str(data / "data"),
        "LOOPCOACH_CONFIG_DIR": str(data / "config"),
        "LOOPCOACH_DATABASE_URL": f"sqlite:///{data / 'load.sqlite3'}",
    }
    cmd = [
        sys.executable,
        "-c",
        "from loopcoach.cli.app import main; main()",
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            raise SystemExit(f"server exited with {proc.returncode}: {err}")
        try:
            if httpx.get(base + "/api/v1/tracks", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not start in time")


class Connection:
    """A minimal HTTP/1.1 keep-alive client for loopback.

    httpx costs about as much CPU per request as the server does; on a 2-core machine
    that would be measuring the client. This sends prepared request bytes and reads
    the status line, headers and a Content-Length body, nothing more.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        close = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
            elif name.lower() == b"connection" and value.strip().lower() == b"close":
                close = True
        await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()
        self.reader = self.writer = None


def get_request(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode()


def post_json(path: str, body: dict[str, Any]) -> bytes:
    data = json.dumps(body).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(data)}\r\n\r\n"
    )
    return head.encode() + data


async def run_scenario(
    port: int, requests: list[bytes], total: int, concurrency: int, max_seconds: float
) -> dict[str, float]:
    """Send up to `total` of `requests` (cycled), `concurrency` at once, for max_seconds at most."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    start = time.perf_counter()
    deadline = start + max_seconds

    async def worker() -> None:
        nonlocal issued, errors
        conn = Connection(port)
        try:
            while issued < total and time.perf_counter() < deadline:
                raw = requests[issued % len(requests)]
                issued += 1
                t0 = time.perf_counter()
                status = await conn.request(raw)
                latencies.append(time.perf_counter() - t0)
                if status != 200:
                    errors += 1
        finally:
            await conn.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    ms = [x * 1000 for x in latencies]
    return {
        "requests": len(ms),
        "errors": errors,
        "seconds": elapsed,
        "rps": len(ms) / elapsed,
        "p50": statistics.median(ms),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "max": max(ms),
    }


def report(name: str, r: dict[str, float]) -> None:
    print(
        f"{name:<28} {r['requests']:>6.0f} req in {r['seconds']:5.1f} s  "
        f"{r['rps']:7.1f} req/s  p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  "
        f"p99 {r['p99']:6.1f} ms  max {r['max']:6.1f} ms  errors {r['errors']:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument("--requests", type=int, default=2000, help="requests per scenario")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="cap per scenario")
    args = parser.parse_args()
    if not 1 <= args.requests <= 20_000 or not 1 <= args.concurrency <= 64:
        raise SystemExit("keep --requests within 1..20000 and --concurrency within 1..64")
    bodies = score_bodies()
    port = free_port()
    base = f"http://{HOST}:{port}"
    with tempfile.TemporaryDirectory(prefix="loopcoach-load-") as tmp:
        proc = start_server(args.workers, port, Path(tmp))
        try:
            wait_ready(base, proc)
            ids = [q["id"] for q in httpx.get(base + "/api/v1/questions?limit=40").json()["items"]]
            pages = [get_request(f"/practice/{i}") for i in ids]
            scores = [post_json("/api/v1/score", body) for body in bodies]
            n, c, cap = args.requests, args.concurrency, args.max_seconds
            # Warm up both paths (imports, caches, connections) before measuring.
            asyncio.run(run_scenario(port, pages, 100, c, 20))
            asyncio.run(run_scenario(port, scores, 100, c, 20))
            print(
                f"loopcoach web load: {args.workers} worker(s), concurrency {c}, up to {n} "
                f"requests or {cap:.0f} s per scenario; {os.cpu_count()} CPU(s), "
                f"Python {platform.python_version()}, {len(bodies)} distinct answers"
            )
            report("GET /practice/{id}", asyncio.run(run_scenario(port, pages, n, c, cap)))
            report("POST /api/v1/score", asyncio.run(run_scenario(port, scores, n, c, cap)))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
