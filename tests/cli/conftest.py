"""Run the CLI in-process with its data and config folders in tmp_path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from loopcoach.cli.app import create_app

Invoke = Callable[..., Result]


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str | None]:
    return {
        "LOOPCOACH_DATA_DIR": str(tmp_path / "data"),
        "LOOPCOACH_CONFIG_DIR": str(tmp_path / "config"),
        # Whatever the developer's shell says, these tests use their own settings.
        "LOOPCOACH_DATABASE_URL": None,
        "LOOPCOACH_PACK_DIRS": None,
        "LOOPCOACH_DEFAULT_PACK": None,
        "LOOPCOACH_USER": None,
        "COLUMNS": "100",
    }


@pytest.fixture
def database_file(tmp_path: Path) -> Path:
    return tmp_path / "data" / "loopcoach.sqlite3"


@pytest.fixture
def invoke(cli_env: dict[str, str | None]) -> Invoke:
    """Call `loopcoach ARGS...` with optional stdin text or bytes."""
    runner = CliRunner()
    app = create_app()

    def run(*args: str, input: str | bytes | None = None, **env: str | None) -> Result:
        return runner.invoke(app, list(args), input=input, env={**cli_env, **env})

    return run
