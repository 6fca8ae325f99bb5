"""The index of the grade charts: each scored attempt once per competency it trains.

Backfilled from the scored attempts in SQL, so a database of an earlier release draws
the same charts after the upgrade.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from loopcoach.store.models import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


LATEST = (
    "(SELECT s.overall FROM assessments AS s WHERE s.attempt_id = a.id ORDER BY s.id DESC LIMIT 1)"
)


def upgrade() -> None:
    op.create_table(
        "attempt_competencies",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("competency", sa.String(length=80), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("track", sa.String(length=80), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("grade", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_attempt_competencies_attempt_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attempt_id", "competency", name=op.f("pk_attempt_competencies")),
    )
    op.create_index(
        "ix_attempt_competencies_recent",
        "attempt_competencies",
        ["user", "competency", "created_at", "attempt_id"],
    )
    op.create_index(
        "ix_attempt_competencies_track_recent",
        "attempt_competencies",
        ["user", "track", "competency", "created_at", "attempt_id"],
    )
    if op.get_bind().dialect.name == "sqlite":
        each, value = "json_each(a.competencies) AS c", "c.value"
    else:
        each, value = "json_array_elements_text(a.competencies::json) AS c(value)", "c.value"
    op.execute(
        "INSERT INTO attempt_competencies "
        '(attempt_id, competency, "user", track, created_at, grade) '
        f'SELECT DISTINCT a.id, {value}, a."user", a.track, a.created_at, {LATEST} '
        f"FROM attempts AS a, {each} WHERE a.status = 'scored' AND {value} IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM assessments AS s WHERE s.attempt_id = a.id)"
    )


def downgrade() -> None:
    op.drop_index("ix_attempt_competencies_track_recent", table_name="attempt_competencies")
    op.drop_index("ix_attempt_competencies_recent", table_name="attempt_competencies")
    op.drop_table("attempt_competencies")
