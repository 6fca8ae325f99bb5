"""Attempts and their assessments.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from loopcoach.store.models import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("track", sa.String(length=80), nullable=False),
        sa.Column("round", sa.String(length=40), nullable=False),
        sa.Column("pack", sa.String(length=80), nullable=True),
        sa.Column("question_id", sa.String(length=80), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("competencies", sa.JSON(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("duration_seconds", sa.Float(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('draft', 'saved', 'scored', 'error')",
            name=op.f("ck_attempts_status_valid"),
        ),
        sa.CheckConstraint("kind IN ('main', 'follow_up')", name=op.f("ck_attempts_kind_valid")),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["attempts.id"],
            name=op.f("fk_attempts_parent_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempts")),
    )
    op.create_index("ix_attempts_user_created_at", "attempts", ["user", "created_at"])
    op.create_index("ix_attempts_user_question_id", "attempts", ["user", "question_id"])
    op.create_index(op.f("ix_attempts_parent_id"), "attempts", ["parent_id"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("scorer_version", sa.String(length=40), nullable=False),
        sa.Column("overall", sa.Float(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_assessments_attempt_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
    )
    op.create_index(op.f("ix_assessments_attempt_id"), "assessments", ["attempt_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_assessments_attempt_id"), table_name="assessments")
    op.drop_table("assessments")
    op.drop_index(op.f("ix_attempts_parent_id"), table_name="attempts")
    op.drop_index("ix_attempts_user_question_id", table_name="attempts")
    op.drop_index("ix_attempts_user_created_at", table_name="attempts")
    op.drop_table("attempts")
