"""Run the Alembic migrations shipped inside the package, configured in code.

No alembic.ini is looked up from the working directory: the script location is
this package's `migrations/` folder and the database is the connection given.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from loopcoach.errors import DatabaseFault, NewerDatabase
from loopcoach.store.engine import location, make_engine, sqlite_file

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config for the packaged migrations, bound to `connection` if given."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    cfg.set_main_option("path_separator", "os")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    """Every revision this release's migrations know."""
    return {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def current_revisions(engine: Engine) -> tuple[str, ...]:
    """The revisions the database says it is at: none when it is new, one almost always."""
    with engine.connect() as conn:
        return tuple(MigrationContext.configure(conn).get_current_heads())


def check_revision(engine: Engine) -> tuple[str, ...]:
    """The database's revisions; NewerDatabase if a newer loopcoach migrated it past ours."""
    revisions = current_revisions(engine)
    unknown = [r for r in revisions if r not in known_revisions()]
    if unknown:
        raise NewerDatabase(", ".join(unknown), location(engine.url))
    return revisions


def prepare_engine(engine: Engine) -> None:
    """Migrate to head a database this release knows; never downgrade or stamp a newer one."""
    if check_revision(engine) != (head_revision(),):
        upgrade_engine(engine)


def open_read_only(url: str) -> Engine:
    """A read-only engine on the SQLite file at `url`, at head; a DatabaseFault if it is not."""
    path = sqlite_file(url)
    if path is None:
        raise ValueError(f"not a SQLite file: {url}")
    # Without a -wal file every answer is in the file itself, and this process cannot
    # write it: read it as immutable, so SQLite creates no read-only -shm and -wal files
    # that would go on refusing writes once the file is made writable again.
    wal = path.with_name(path.name + "-wal")
    engine = make_engine(url, read_only=True, immutable=not (wal.exists() and wal.stat().st_size))
    try:
        if check_revision(engine) != (head_revision(),):
            where = location(url)
            raise DatabaseFault(
                f"{where} needs migrating to this release of loopcoach but cannot be written. "
                "Make the database file and its folder writable (chmod u+w), then try again.",
                kind="read_only",
                location=where,
            )
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade_engine(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind `engine` to `revision` (head by default)."""
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade_engine(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at `url` to `revision`; opens and disposes its own engine."""
    engine = make_engine(url)
    try:
        if revision == "head":
            prepare_engine(engine)
        else:
            upgrade_engine(engine, revision)
    finally:
        engine.dispose()
