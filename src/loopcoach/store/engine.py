"""Engines for any SQLAlchemy URL, with SQLite set up the way loopcoach needs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from loopcoach.errors import StoreError


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets the web app read while the CLI writes; foreign keys make cascades real.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Deleted rows are overwritten with zeros, so text a user deletes is gone from the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; for a SQLite file, creates its folder and turns on WAL and FKs."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"invalid database URL {url!r}: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {parsed!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine
