"""`loopcoach doctor`: check the data folder, the database, its migrations and the packs.

Every check reads and never writes: the database is opened read-only, a missing
folder is not created, and nothing is migrated. One line per check says ok, warning
or problem, and what to do; the exit code is 1 when there is a problem.
"""

from __future__ import annotations

import os
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import typer

from loopcoach.cli.context import state

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from loopcoach.settings import Settings

Level = Literal["ok", "warning", "problem"]
SQLITE_HEADER = b"SQLite format 3\x00"
# Below these, the next answers may not fit on the disk.
LOW_SPACE = 200 * 1024 * 1024
NO_SPACE = 20 * 1024 * 1024


@dataclass(frozen=True)
class Check:
    """The outcome of one check: how it went, what was checked, what was found and what to do."""

    level: Level
    name: str
    message: str
    details: tuple[str, ...] = ()


def nearest_existing(path: Path) -> Path | None:
    return next((p for p in (path, *path.parents) if p.exists()), None)


def check_folder(name: str, folder: Path) -> Check:
    """A folder loopcoach writes to: it exists (or can be made) and takes a new file."""
    if folder.exists() and not folder.is_dir():
        return Check("problem", name, f"{folder} is a file, not a folder; move it aside.")
    if not folder.exists():
        base = nearest_existing(folder)
        if base is None or not base.is_dir():
            return Check(
                "problem",
                name,
                f"{folder} cannot be created: {base} is a file, not a folder. Move that file, "
                "or set LOOPCOACH_DATA_DIR to another folder.",
            )
        if not os.access(base, os.W_OK | os.X_OK):
            return Check(
                "problem",
                name,
                f"{folder} cannot be created: you cannot write to {base}. Create it yourself "
                "(mkdir -p), or set LOOPCOACH_DATA_DIR to a folder you can write.",
            )
        return Check("ok", name, f"{folder} does not exist yet; loopcoach creates it when needed.")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return Check(
            "problem",
            name,
            f"cannot write to {folder} ({exc.strerror}). Make it writable (chmod u+w), or set "
            "LOOPCOACH_DATA_DIR to a folder you can write.",
        )
    return Check("ok", name, f"{folder} exists and is writable.")


def check_free_space(folder: Path) -> Check:
    base = next((p for p in (folder, *folder.parents) if p.is_dir()), Path("."))
    free = shutil.disk_usage(base).free
    shown = f"{free / 1024**3:.1f} GB" if free >= 1024**3 else f"{free / 1024**2:.0f} MB"
    if free < NO_SPACE:
        level: Level = "problem"
        advice = "; new answers will not fit. Free some space on that disk."
    elif free < LOW_SPACE:
        level, advice = "warning", "; free some space soon."
    else:
        level, advice = "ok", "."
    return Check(level, "free space", f"{shown} free on the disk of {base}{advice}")


def check_sqlite_file(path: Path) -> Check | None:
    """The SQLite file itself, before SQLite opens it; None when it looks right."""
    if not path.exists():
        when = "on first use" if path.parent.is_dir() else "with its folder on first use"
        return Check("ok", "database", f"{path} does not exist yet; it is created {when}.")
    if not path.is_file():
        return Check("problem", "database", f"{path} is not a file; move it aside.")
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        return Check(
            "problem",
            "database",
            f"{path} is not a SQLite database. Point --database-url (or LOOPCOACH_DATABASE_URL) "
            "at your loopcoach database, or move this file aside to start a new one.",
        )
    return None


def read_engine(url: str) -> Engine:
    """An engine to read the database with, that changes nothing in the file."""
    from loopcoach.store.engine import cannot_write, make_engine, sqlite_file

    path = sqlite_file(url)
    if path is None:
        return make_engine(url)
    with path.open("rb") as f:
        header = f.read(20)
    if not cannot_write(path) and header[18:20] == b"\x02\x02":
        # Already in WAL mode, so opening it as every command does changes nothing, and
        # SQLite removes its -wal and -shm files again when it closes.
        return make_engine(url)
    wal = path.with_name(path.name + "-wal")
    immutable = cannot_write(path) and not (wal.exists() and wal.stat().st_size)
    return make_engine(url, read_only=True, immutable=immutable)


def check_database(url: str) -> Iterator[Check]:
    """The database opens and reads back whole, and its revision is one this release knows."""
    from sqlalchemy import text

    from loopcoach.errors import LoopcoachError, NewerDatabase
    from loopcoach.store.engine import cannot_write, location, sqlite_file
    from loopcoach.store.migrate import check_revision, head_revision, known_revisions

    path = sqlite_file(url)
    where = location(url)
    if path is not None:
        found = check_sqlite_file(path)
        if found is not None:
            yield found
            return
        if cannot_write(path):
            yield Check(
                "warning",
                "database",
                f"{path} is read-only: your answers can be shown, but nothing new can be "
                "saved. Make the file, its folder and any -wal and -shm files writable "
                "(chmod u+w).",
            )
    try:
        engine = read_engine(url)
    except LoopcoachError as exc:  # an unusable URL, a driver that is not installed
        yield Check("problem", "database", " ".join(str(exc).split()))
        return
    try:
        with engine.connect() as conn:
            if path is not None:
                rows = [str(r[0]) for r in conn.execute(text("PRAGMA integrity_check"))]
                if rows != ["ok"]:
                    yield Check(
                        "problem",
                        "database",
                        f"{where} is damaged ({rows[0]}). Copy it somewhere safe; "
                        f"`sqlite3 {shlex.quote(where)} .recover | sqlite3 recovered.sqlite3` "
                        "saves what can be read into a new file, or move it aside to start "
                        "afresh.",
                        tuple(rows[1:6]),
                    )
                    return
                yield Check("ok", "database", f"{where} opens and passes SQLite's integrity check.")
            else:
                yield Check("ok", "database", f"connected to {where}.")
        try:
            revisions = check_revision(engine)
        except NewerDatabase as exc:
            yield Check("problem", "migrations", str(exc))
            return
        head = head_revision()
        if not revisions:
            yield Check("ok", "migrations", "a new database; its tables are made on first use.")
        elif revisions == (head,):
            yield Check("ok", "migrations", f"at revision {head}, the latest this release knows.")
        else:
            known = ", ".join(r for r in revisions if r in known_revisions())
            yield Check(
                "ok",
                "migrations",
                f"at revision {known}; loopcoach migrates it to {head} the next time it opens "
                "it (copy the file first if you want to keep the old one).",
            )
    except LoopcoachError as exc:  # the store's DatabaseFault says what is wrong and the fix
        yield Check("problem", "database", " ".join(str(exc).split()))
    finally:
        engine.dispose()


def check_packs(settings: Settings) -> Iterator[Check]:
    """Every pack folder loads: the built-in ones, the user's and any --pack-dir."""
    from loopcoach.content.index import Content, builtin_pack_dirs, user_pack_dirs
    from loopcoach.content.loader import read_pack
    from loopcoach.errors import PackError

    folders = [
        *builtin_pack_dirs(),
        *user_pack_dirs(settings.user_pack_dir),
        *(Path(p) for p in settings.pack_dirs),
    ]
    readable = True
    for folder in folders:
        pack, problems = read_pack(folder)
        name = f"pack {pack.id}" if pack is not None else f"pack {folder.name}"
        if problems:
            readable = False
            yield Check(
                "problem",
                name,
                f"{len(problems)} problem(s) in {folder}; `loopcoach packs validate {folder}` "
                "lists each with its fix.",
                tuple(str(p) for p in problems[:5]),
            )
        elif pack is not None:
            yield Check("ok", name, f"{len(pack.questions)} question(s) in {folder}.")
    if readable:
        try:
            Content.load(folders, default_pack=settings.default_pack)
        except PackError as exc:
            yield Check(
                "problem",
                "packs",
                "the packs do not fit together; fix the files named below.",
                tuple(str(p) for p in exc.problems[:5]),
            )


def run_checks(settings: Settings) -> list[Check]:
    from loopcoach.store.engine import sqlite_file

    url = settings.resolved_database_url()
    path = sqlite_file(url)
    checks = [check_folder("data folder", settings.data_dir)]
    if path is not None and path.parent != settings.data_dir:
        checks.append(check_folder("database folder", path.parent))
    checks.append(check_free_space(path.parent if path is not None else settings.data_dir))
    checks.extend(check_database(url))
    checks.extend(check_packs(settings))
    return checks


def register(app: typer.Typer) -> None:
    @app.command()
    def doctor(ctx: typer.Context) -> None:
        """Check the data folder, the database, its migrations and the packs; say what to do."""
        checks = run_checks(state(ctx).settings)
        width = max(len(c.name) for c in checks)
        for c in checks:
            typer.echo(f"{c.level:<8} {c.name:<{width}}  {c.message}")
            for detail in c.details:
                typer.echo(f"{'':<8} {'':<{width}}    {detail}")
        problems = sum(c.level == "problem" for c in checks)
        warnings = sum(c.level == "warning" for c in checks)
        if problems:
            typer.echo(f"{problems} problem(s), {warnings} warning(s).", err=True)
            raise typer.Exit(1)
        typer.echo(f"All checks passed ({warnings} warning(s))." if warnings else "All ok.")
