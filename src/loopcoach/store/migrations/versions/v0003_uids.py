"""A stable uid on every attempt and loop, so an export can be imported twice and add nothing.

Ids are local to one database; the uid travels with the record in `loopcoach export`
and is how `loopcoach import` knows a record it already holds.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("attempts", "loops")


def upgrade() -> None:
    bind = op.get_bind()
    for table in TABLES:
        op.add_column(table, sa.Column("uid", sa.String(length=32), nullable=True))
        rows = sa.table(table, sa.column("id", sa.Integer), sa.column("uid", sa.String))
        ids = [r[0] for r in bind.execute(sa.select(rows.c.id))]
        for start in range(0, len(ids), 1000):
            bind.execute(
                rows.update().where(rows.c.id == sa.bindparam("row_id")),
                [{"row_id": i, "uid": uuid.uuid4().hex} for i in ids[start : start + 1000]],
            )
        op.create_index(op.f(f"ix_{table}_uid"), table, ["uid"], unique=True)


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(op.f(f"ix_{table}_uid"), table_name=table)
        # SQLite 3.35+ drops a column in place; a batch rebuild would drop the table, and
        # with foreign keys on that cascades to every assessment.
        op.execute(sa.text(f'ALTER TABLE "{table}" DROP COLUMN uid'))
