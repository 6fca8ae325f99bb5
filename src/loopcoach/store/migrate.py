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

from loopcoach.store.engine import make_engine

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


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


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
        upgrade_engine(engine, revision)
    finally:
        engine.dispose()
