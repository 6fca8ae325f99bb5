"""Tables for the prep plan, its items and the checklist items done (issue 10, part 2).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from loopcoach.store.models import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("track", sa.String(length=80), nullable=False),
        sa.Column("pack", sa.String(length=80), nullable=False),
        sa.Column("interview_date", sa.Date(), nullable=False),
        sa.Column("hours_per_day", sa.Float(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("start_time", sa.String(length=5), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("basis", sa.JSON(), nullable=False),
        sa.CheckConstraint("status IN ('active', 'archived')", name=op.f("ck_plans_status_valid")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
        sa.UniqueConstraint("uid", name=op.f("uq_plans_uid")),
    )
    op.create_index("ix_plans_user_status", "plans", ["user", "status"])
    op.create_table(
        "plan_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("round", sa.String(length=40), nullable=True),
        sa.Column("competency", sa.String(length=80), nullable=True),
        sa.Column("question_id", sa.String(length=80), nullable=True),
        sa.Column("checklist_item", sa.String(length=80), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("done_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('checklist', 'story', 'practice', 'loop', 'cards', 'rest')",
            name=op.f("ck_plan_items_kind_valid"),
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'done', 'skipped')", name=op.f("ck_plan_items_status_valid")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_items_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_items")),
        sa.UniqueConstraint(
            "plan_id", "day", "position", name=op.f("uq_plan_items_plan_id_day_position")
        ),
    )
    op.create_index(op.f("ix_plan_items_plan_id"), "plan_items", ["plan_id"])
    op.create_table(
        "checklist_done",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("track", sa.String(length=80), nullable=False),
        sa.Column("item_id", sa.String(length=80), nullable=False),
        sa.Column("done_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_done")),
        sa.UniqueConstraint(
            "user", "track", "item_id", name=op.f("uq_checklist_done_user_track_item_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("checklist_done")
    op.drop_index(op.f("ix_plan_items_plan_id"), table_name="plan_items")
    op.drop_table("plan_items")
    op.drop_index("ix_plans_user_status", table_name="plans")
    op.drop_table("plans")
