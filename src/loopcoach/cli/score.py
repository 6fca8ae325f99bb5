"""`loopcoach score`: single and batch scoring (being written; owned by the scorer work)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the `score` command to the app."""
