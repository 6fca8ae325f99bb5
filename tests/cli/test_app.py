"""The app's shape: light imports at start-up, global options, errors as messages."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from typer.testing import Result

Invoke = Callable[..., Result]


def test_importing_the_app_loads_no_database_or_content_stack() -> None:
    code = (
        "import sys, loopcoach.cli.app; "
        "heavy = ('sqlalchemy', 'alembic', 'pydantic_settings', 'loopcoach.store', "
        "'loopcoach.content.loader', 'loopcoach.scoring', 'yaml'); "
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""


def test_help_lists_the_commands(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("practice", "score", "questions", "progress", "packs"):
        assert command in result.output
    assert "--pack-dir" in result.output and "--database-url" in result.output


def test_bad_database_url_is_a_message(invoke: Invoke) -> None:
    result = invoke("--database-url", "nonsense://", "progress")
    assert result.exit_code == 4
    assert result.output.startswith("error: ")
    assert "Traceback" not in result.output
