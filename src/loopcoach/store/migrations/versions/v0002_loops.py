"""Mock loops and their steps (each step linked to the attempt that answers it).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from loopcoach.store.models import UTCDateTime

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "loops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("pack", sa.String(length=80), nullable=False),
        sa.Column("track", sa.String(length=80), nullable=False),
        sa.Column("seed", sa.String(length=80), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("debrief", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "status IN ('in_progress', 'finished')", name=op.f("ck_loops_status_valid")
        ),
        sa.CheckConstraint("mode IN ('interactive', 'scripted')", name=op.f("ck_loops_mode_valid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loops")),
    )
    op.create_index("ix_loops_user_created_at", "loops", ["user", "created_at"])
    op.create_table(
        "loop_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("loop_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("round", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("question_id", sa.String(length=80), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("aimed_at", sa.String(length=80), nullable=True),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('main', 'follow_up')", name=op.f("ck_loop_steps_kind_valid")),
        sa.ForeignKeyConstraint(
            ["loop_id"],
            ["loops.id"],
            name=op.f("fk_loop_steps_loop_id_loops"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_loop_steps_attempt_id_attempts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loop_steps")),
        sa.UniqueConstraint("loop_id", "position", name=op.f("uq_loop_steps_loop_id_position")),
    )
    op.create_index(op.f("ix_loop_steps_loop_id"), "loop_steps", ["loop_id"])
    op.create_index(op.f("ix_loop_steps_attempt_id"), "loop_steps", ["attempt_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_loop_steps_attempt_id"), table_name="loop_steps")
    op.drop_index(op.f("ix_loop_steps_loop_id"), table_name="loop_steps")
    op.drop_table("loop_steps")
    op.drop_index("ix_loops_user_created_at", table_name="loops")
    op.drop_table("loops")
