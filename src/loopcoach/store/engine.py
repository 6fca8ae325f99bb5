"""Engines for any SQLAlchemy URL, with SQLite set up the way loopcoach needs it.

A database that cannot do what is asked (a full disk, a read-only or damaged file,
a lock, a server that is down) raises `DatabaseFailed`: a `DatabaseFault` whose
message says what is wrong, where and what to do, and still the SQLAlchemy error
it replaces, so code that catches `SQLAlchemyError` goes on catching it.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from loopcoach.errors import DatabaseFault, DataFolderError, StoreError


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets the web app read while the CLI writes; foreign keys make cascades real.
    cursor.execute("PRAGMA journal_mode=WAL")
    _shared_pragmas(cursor)


def _read_only_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # The journal mode is written into the file, so a read-only connection leaves it be.
    _shared_pragmas(dbapi_conn.cursor())


def _shared_pragmas(cursor: Any) -> None:
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Deleted rows are overwritten with zeros, so text a user deletes is gone from the file.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def sqlite_file(url: str | URL) -> Path | None:
    """The file of a SQLite URL; None for another database or one in memory."""
    parsed = make_url(url) if isinstance(url, str) else url
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database).expanduser()


def location(url: str | URL) -> str:
    """Where the data is, for messages: the SQLite file, or the URL without its password."""
    parsed = make_url(url) if isinstance(url, str) else url
    path = sqlite_file(parsed)
    if path is not None:
        return str(path)
    database = parsed.database or ""
    if parsed.get_backend_name() == "sqlite" and database.startswith("file:"):
        return unquote(database.removeprefix("file:").split("?")[0])
    return parsed.render_as_string(hide_password=True)


def make_data_folder(folder: Path) -> None:
    """Create the folder of a SQLite file, or raise DataFolderError saying why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            why = f"{blocker} is a file, not a folder"
        elif isinstance(exc, PermissionError) and blocker is not None:
            why = f"you cannot create folders in {blocker}"
        else:
            why = exc.strerror or type(exc).__name__
        raise DataFolderError(
            f"cannot create the data folder {folder}: {why}. Nothing was written. Set "
            "LOOPCOACH_DATA_DIR (or --database-url) to a folder you can write, or fix that path."
        ) from exc


def cannot_write(path: Path) -> bool:
    """Whether this process may not write the SQLite file `path` or create files beside it."""
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def make_engine(url: str, *, read_only: bool = False, immutable: bool = False) -> Engine:
    """An engine for `url`; for a SQLite file, creates its folder and turns on WAL and FKs.

    `read_only` opens a SQLite file so that nothing can be written to it; `immutable`
    also tells SQLite that nothing else writes it, so it takes no locks and makes no
    -shm file (SQLite then ignores any -wal file: only for a file with none).
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"invalid database URL {url!r}: {exc}") from exc
    path = sqlite_file(parsed)
    where = location(parsed)
    if path is not None and read_only:
        query = {"mode": "ro", "uri": "true", **({"immutable": "1"} if immutable else {})}
        parsed = URL.create("sqlite", database=f"file:{quote(str(path))}", query=query)
    elif path is not None:
        make_data_folder(path.parent)
    try:
        # A server database: test each pooled connection before use, so connections a
        # PostgreSQL restart cut are replaced instead of failing the next requests.
        pool = {} if path is not None else {"pool_pre_ping": True}
        engine = create_engine(parsed, **pool)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {parsed!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        pragmas = _read_only_pragmas if read_only else _sqlite_pragmas
        event.listen(engine, "connect", pragmas)
    event.listen(engine, "handle_error", _explain(where))
    return engine


def is_read_only(engine: Engine) -> bool:
    """Whether `engine` was made with `read_only`: it can show what is stored, not save."""
    return engine.url.get_backend_name() == "sqlite" and engine.url.query.get("mode") == "ro"


class DatabaseFailed(OperationalError, DatabaseFault):
    """A DatabaseFault that is also the SQLAlchemy error it stands for."""

    def __init__(self, fault: DatabaseFault, error: DBAPIError) -> None:
        OperationalError.__init__(
            self,
            error.statement,
            error.params,
            error.orig or error,
            hide_parameters=error.hide_parameters,
            connection_invalidated=error.connection_invalidated,
            ismulti=error.ismulti,
        )
        self.kind = fault.kind
        self.location = fault.location
        self._fault_text = str(fault)

    def __str__(self) -> str:
        return self._fault_text


def _explain(where: str) -> Callable[[ExceptionContext], BaseException | None]:
    """The `handle_error` listener that turns a fault of the database at `where` into a
    DatabaseFailed; any other error passes through as SQLAlchemy raised it."""

    def handle_error(ctx: ExceptionContext) -> BaseException | None:
        error = ctx.sqlalchemy_exception
        if not isinstance(error, DBAPIError) or isinstance(error, DatabaseFault):
            return None
        fault = explain(ctx.original_exception, where)
        return DatabaseFailed(fault, error) if fault is not None else None

    return handle_error


# SQLite's primary result codes (https://sqlite.org/rescode.html) and PostgreSQL's
# SQLSTATEs, by the fault they mean.
_SQLITE_KINDS = {
    13: "full",  # SQLITE_FULL
    8: "read_only",  # SQLITE_READONLY
    3: "read_only",  # SQLITE_PERM
    5: "locked",  # SQLITE_BUSY
    6: "locked",  # SQLITE_LOCKED
    11: "corrupt",  # SQLITE_CORRUPT
    26: "not_database",  # SQLITE_NOTADB
    14: "cannot_open",  # SQLITE_CANTOPEN
    10: "io",  # SQLITE_IOERR
}
_SQLITE_MESSAGES = {
    "database or disk is full": "full",
    "readonly database": "read_only",
    "database is locked": "locked",
    "database table is locked": "locked",
    "malformed": "corrupt",
    "file is not a database": "not_database",
    "unable to open database file": "cannot_open",
    "disk i/o error": "io",
}
_POSTGRES_KINDS = {"53100": "full", "25006": "read_only", "55P03": "locked", "40P01": "locked"}


def fault_kind(error: BaseException) -> str | None:
    """Which fault a driver's error is ('full', 'read_only', ...), or None if not one of them."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_KINDS:
        return _SQLITE_KINDS[code & 0xFF]
    text = str(error).lower()
    for words, kind in _SQLITE_MESSAGES.items():
        if words in text:
            return kind
    state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    if isinstance(state, str):
        if state in _POSTGRES_KINDS:
            return _POSTGRES_KINDS[state]
        if state.startswith(("08", "57P")):  # connection exceptions, server shutting down
            return "unavailable"
    if type(error).__name__ == "OperationalError" and "psycopg" in type(error).__module__:
        return "unavailable"  # psycopg's "connection failed" carries no SQLSTATE
    return None


def explain(error: BaseException, where: str) -> DatabaseFault | None:
    """The DatabaseFault for a driver's error on the database at `where`, or None."""
    kind = fault_kind(error)
    if kind is None:
        return None
    reason = (str(error).splitlines() or [type(error).__name__])[0]
    messages = {
        "full": f"the disk that holds {where} is full ({reason}): what is already stored is "
        "safe, but nothing new can be saved. Free some space on that disk, then try again.",
        "read_only": f"{where} is read-only ({reason}): your answers can be read, but nothing "
        "new can be saved. Make the database file, its folder and any -wal and -shm files "
        "beside it writable (chmod u+w), or use another database with --database-url.",
        "locked": f"{where} is locked by another program ({reason}). Close other loopcoach "
        "processes that use it, then try again.",
        "corrupt": f"{where} is damaged ({reason}); loopcoach has not changed it. Copy it "
        f"somewhere safe; `sqlite3 {shlex.quote(where)} .recover | sqlite3 recovered.sqlite3` "
        "saves what can be read into a new file, or move it aside to start afresh.",
        "not_database": f"{where} is not a SQLite database ({reason}); loopcoach has not "
        "changed it. Point --database-url (or LOOPCOACH_DATABASE_URL) at your loopcoach "
        "database, or move this file aside to start a new one.",
        "cannot_open": f"cannot open {where} ({reason}). Check that its folder exists and "
        "that you can read and write both the folder and the file.",
        "io": f"reading or writing {where} failed ({reason}). Check the disk, then run "
        "`loopcoach doctor`.",
        "unavailable": f"cannot reach the database at {where} ({reason}). Check that the "
        "server is running and that the URL is right.",
    }
    return DatabaseFault(messages[kind], kind=kind, location=where)
