"""The user's guide documents every command, every option and every setting (STYLE habit 6)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from loopcoach.cli.app import create_app
from loopcoach.settings import Settings

GUIDE = (Path(__file__).resolve().parents[1] / "docs" / "user-guide.md").read_text()


def _commands(group: Any, prefix: str = "loopcoach") -> list[tuple[str, Any]]:
    out = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        out.append((path, command))
        if getattr(command, "commands", None):
            out += _commands(command, path)
    return out


COMMANDS = _commands(typer.main.get_command(create_app()))


@pytest.mark.parametrize("path", [p for p, c in COMMANDS if not getattr(c, "commands", None)])
def test_every_command_has_a_section(path: str) -> None:
    assert f"`{path}`" in GUIDE, f"docs/user-guide.md has no section for `{path}`"


@pytest.mark.parametrize(
    ("path", "option"),
    [
        (path, opt)
        for path, command in COMMANDS
        for param in command.params
        for opt in getattr(param, "opts", [])
        if opt.startswith("--") and opt != "--help"
    ],
)
def test_every_option_is_mentioned(path: str, option: str) -> None:
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", GUIDE), (
        f"option {option} of `{path}` is not in docs/user-guide.md"
    )


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented(field: str) -> None:
    assert f"`LOOPCOACH_{field.upper()}`" in GUIDE
