"""Tables for the story bank (issue 10, part 1).

Revision 0004 was reserved for them and shipped empty; databases made by that
release are already past it, so the tables come here, after the plan.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from loopcoach.store.models import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("situation", sa.Text(), nullable=False),
        sa.Column("task", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("reflection", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("competencies", sa.JSON(), nullable=False),
        sa.Column("suggested", sa.JSON(), nullable=False),
        sa.Column("track", sa.String(length=80), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    op.create_index(op.f("ix_stories_uid"), "stories", ["uid"], unique=True)
    op.create_index("ix_stories_user_created_at", "stories", ["user", "created_at"])
    op.create_table(
        "attempt_stories",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_attempt_stories_attempt_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name=op.f("fk_attempt_stories_story_id_stories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attempt_id", name=op.f("pk_attempt_stories")),
    )
    op.create_index(op.f("ix_attempt_stories_story_id"), "attempt_stories", ["story_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_attempt_stories_story_id"), table_name="attempt_stories")
    op.drop_table("attempt_stories")
    op.drop_index("ix_stories_user_created_at", table_name="stories")
    op.drop_index(op.f("ix_stories_uid"), table_name="stories")
    op.drop_table("stories")
