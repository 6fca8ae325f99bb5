"""`loopcoach serve`: registered and documented, with FastAPI kept out of the other commands."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from loopcoach.cli.serve import is_loopback, url_for


def test_serve_is_a_command_with_host_port_and_workers(invoke: Any) -> None:
    result = invoke("serve", "--help")
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers"):
        assert option in result.output
    assert "127.0.0.1" in result.output


def test_bad_port_is_refused(invoke: Any) -> None:
    result = invoke("serve", "--port", "70000")
    assert result.exit_code == 2


def test_loopback_and_url() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
    assert url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert url_for("::1", 8080) == "http://[::1]:8080/"


def test_the_cli_does_not_import_the_web_stack() -> None:
    """`loopcoach score` must start fast: building the CLI imports neither FastAPI nor uvicorn."""
    code = (
        "import sys; import loopcoach.cli.app; "
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette', 'jinja2') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_on_loopback_with_the_cli_database(tmp_path: Path, workers: int) -> None:
    """The real command in a subprocess: prints its URL, serves pages, uses the CLI's data."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "LOOPCOACH_DATA_DIR": str(tmp_path / "data"),
        "LOOPCOACH_CONFIG_DIR": str(tmp_path / "config"),
    }
    env.pop("LOOPCOACH_DATABASE_URL", None)
    cmd = [
        sys.executable,
        "-c",
        "from loopcoach.cli.app import main; main()",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                if httpx.get(base + "/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "serve did not answer in 60 s"
            time.sleep(0.2)
        created = httpx.post(
            base + "/api/v1/attempts",
            json={
                "track": "pm",
                "round": "culture",
                "question": "Tell me about a miss.",
                "answer": "I owned the launch; conversion fell 3% and I changed the rollout.",
            },
        )
        assert created.status_code == 201
    finally:
        proc.terminate()
        out, _err = proc.communicate(timeout=20)
    assert f"loopcoach is serving at http://127.0.0.1:{port}/" in out
    assert (tmp_path / "data" / "loopcoach.sqlite3").exists()
    listed = subprocess.run(
        [sys.executable, "-c", "from loopcoach.cli.app import main; main()", "progress", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Tell me about a miss." in listed.stdout  # the CLI sees the answer given on the web
