"""Alembic environment for loopcoach: always run online, on the connection the caller gives.

`loopcoach.store.migrate` puts an open connection in `config.attributes`; this file
never reads a URL from an ini file.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from loopcoach.store import (
    account_models,  # noqa: F401  (service mode: accounts, sessions, cohorts)
    card_models,  # noqa: F401  (the cards and their reviews)
    loop_models,  # noqa: F401  (registers the loop tables on Base)
    plan_models,  # noqa: F401  (the plan tables)
    progress_models,  # noqa: F401  (the progress summary)
    round_models,  # noqa: F401  (the log of real rounds)
    story_models,  # noqa: F401  (the story bank tables)
)
from loopcoach.store.models import Base

target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("loopcoach runs its migrations online only (loopcoach.store.migrate)")

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("no connection given; run migrations through loopcoach.store.migrate")
run_migrations(connection)
