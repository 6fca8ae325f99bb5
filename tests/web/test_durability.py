"""What the web app promises about answers holds when the server dies or the database fails.

An answer that got a 2xx is in the database even after `kill -9` in the middle of a
burst, and the file is whole. A database that cannot save answers gives a 503 that
says why and never claims the text was kept.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, text

SUBMISSIONS = 80
THREADS = 4
KILL_AFTER = 25  # acknowledged answers before the SIGKILL


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    root: Path, port: int, output: int = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "LOOPCOACH_DATA_DIR": str(root / "data"),
        "LOOPCOACH_CONFIG_DIR": str(root / "config"),
    }
    env.pop("LOOPCOACH_DATABASE_URL", None)
    code = "from loopcoach.cli.app import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=output,
    )


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> str:
    """Wait for the server; returns the id of a question to answer."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"loopcoach serve exited with {server.returncode}")
        try:
            r = httpx.get(f"{base}/api/v1/questions", params={"track": "pm", "limit": 1})
            if r.status_code == 200:
                return str(r.json()["items"][0]["id"])
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("loopcoach serve did not start")


def test_kill_9_during_a_burst_keeps_every_acknowledged_answer(
    tmp_path: Path, strong_answer: str
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(tmp_path, port)
    try:
        question_id = wait_until_up(base, server)
        acknowledged: list[str] = []
        lock = threading.Lock()
        killed = threading.Event()

        def submit(worker: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as client:
                for i in range(worker, SUBMISSIONS, THREADS):
                    answer = f"Answer {i:03d}. {strong_answer}"
                    try:
                        r = client.post(
                            "/api/v1/attempts", json={"question_id": question_id, "answer": answer}
                        )
                    except httpx.TransportError:
                        if killed.is_set():
                            return
                        raise
                    if 200 <= r.status_code < 300:
                        with lock:
                            acknowledged.append(answer)
                            if len(acknowledged) >= KILL_AFTER and not killed.is_set():
                                killed.set()
                                server.send_signal(signal.SIGKILL)

        threads = [threading.Thread(target=submit, args=(w,)) for w in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        assert killed.is_set(), f"only {len(acknowledged)} answers were acknowledged"
        assert server.wait(timeout=30) == -signal.SIGKILL
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    database = tmp_path / "data" / "loopcoach.sqlite3"
    conn = sqlite3.connect(database)  # replays the -wal the killed server left
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {row[0] for row in conn.execute("SELECT answer FROM attempts")}
    finally:
        conn.close()
    missing = [a[:10] for a in acknowledged if a not in stored]
    assert not missing, f"acknowledged but not stored: {missing}"
    assert KILL_AFTER <= len(acknowledged) < SUBMISSIONS


# -- a database that fails while the app runs ---------------------------------------------


def fill_up(app: FastAPI) -> None:
    """Cap the database at its current pages: SQLite then answers SQLITE_FULL, as on a full disk."""
    engine = app.state.web.store.engine
    with engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar_one()

    def cap(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", cap)
    engine.dispose()


def test_a_full_disk_is_a_503_that_does_not_claim_the_answer_was_kept(
    client: TestClient, web_app: FastAPI, tech_question: str, strong_answer: str
) -> None:
    first = client.post("/api/v1/attempts", json={"question_id": tech_question, "answer": "one"})
    assert first.status_code == 201
    fill_up(web_app)
    long_answer = f"{strong_answer} " * 40

    r = client.post("/api/v1/attempts", json={"question_id": tech_question, "answer": long_answer})
    assert r.status_code == 503
    error = r.json()["error"]
    assert error["code"] == "database_full"
    assert "is full (database or disk is full)" in error["message"]
    assert "nothing new can be saved" in error["message"]
    assert "kept" not in error["message"]

    page = client.post(f"/practice/{tech_question}", data={"answer": long_answer})
    assert page.status_code == 503
    assert "is full" in page.text and "may not have been saved" in page.text
    assert "kept as a draft" not in page.text

    # What was stored before is all there, and still readable.
    listed = client.get("/api/v1/attempts").json()
    assert [a["answer"] for a in listed["items"]] == ["one"]


def test_an_unexpected_failure_says_the_answer_may_not_have_been_saved(
    client: TestClient, web_app: FastAPI, tech_question: str
) -> None:
    # A constraint the database enforces is a bug, not a database fault: the catch-all 500.
    with web_app.state.web.store.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON attempts "
                "BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END"
            )
        )
    with TestClient(web_app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        r = c.post("/api/v1/attempts", json={"question_id": tech_question, "answer": "an answer"})
        assert r.status_code == 500
        message = r.json()["error"]["message"]
        assert "may not have been saved" in message and "kept" not in message
        page = c.post(f"/practice/{tech_question}", data={"answer": "an answer"})
        assert page.status_code == 500
        assert "may not have been saved" in page.text and "go back to the form" in page.text
        assert "kept as a draft" not in page.text
        got = c.get("/api/v1/tracks")
        assert got.status_code == 200


def test_the_app_will_not_start_on_a_damaged_database(tmp_path: Path) -> None:
    path = tmp_path / "data" / "loopcoach.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    before = path.read_bytes()
    port = free_port()
    server = start_server(tmp_path, port, output=subprocess.PIPE)
    try:
        _, err = server.communicate(timeout=120)
    finally:
        if server.poll() is None:
            server.kill()
    message = err.decode()
    assert server.returncode == 4
    assert "Traceback" not in message
    assert message.startswith("error: ") and str(path) in message
    assert path.read_bytes() == before
