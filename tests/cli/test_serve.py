"""`loopcoach serve`: registered and documented, with FastAPI kept out of the other commands."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

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
