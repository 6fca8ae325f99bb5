"""Tables for the log of real interview rounds (issue 10, part 5).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from loopcoach.store.models import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "real_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("track", sa.String(length=80), nullable=False),
        sa.Column("pack", sa.String(length=80), nullable=False),
        sa.Column("round", sa.String(length=40), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("feeling", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('pending', 'passed', 'rejected', 'offer', 'withdrawn')",
            name=op.f("ck_real_rounds_outcome_valid"),
        ),
        sa.CheckConstraint("feeling BETWEEN 1 AND 5", name=op.f("ck_real_rounds_feeling_valid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_real_rounds")),
        sa.UniqueConstraint("uid", name=op.f("uq_real_rounds_uid")),
    )
    op.create_index("ix_real_rounds_user_track", "real_rounds", ["user", "track"])
    op.create_table(
        "real_round_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("real_round_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("competencies", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["real_round_id"],
            ["real_rounds.id"],
            name=op.f("fk_real_round_questions_real_round_id_real_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_real_round_questions")),
        sa.UniqueConstraint(
            "real_round_id",
            "position",
            name=op.f("uq_real_round_questions_real_round_id_position"),
        ),
    )
    op.create_index(
        op.f("ix_real_round_questions_real_round_id"), "real_round_questions", ["real_round_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_real_round_questions_real_round_id"), table_name="real_round_questions")
    op.drop_table("real_round_questions")
    op.drop_index("ix_real_rounds_user_track", table_name="real_rounds")
    op.drop_table("real_rounds")
