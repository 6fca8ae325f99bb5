"""Tables for cards and their FSRS review logs (issue 10, part 3).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from loopcoach.store.models import UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("deck", sa.String(length=80), nullable=False),
        sa.Column("pack", sa.String(length=80), nullable=True),
        sa.Column("pack_card_id", sa.String(length=80), nullable=True),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.Column("miss", sa.Text(), nullable=True),
        sa.Column("front", sa.Text(), nullable=False),
        sa.Column("back", sa.Text(), nullable=False),
        sa.Column("fsrs", sa.JSON(), nullable=False),
        sa.Column("due", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("source IN ('pack', 'miss')", name=op.f("ck_cards_source_valid")),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_cards_attempt_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cards")),
        sa.UniqueConstraint("uid", name=op.f("uq_cards_uid")),
        sa.UniqueConstraint("user", "origin", name=op.f("uq_cards_user_origin")),
    )
    op.create_index("ix_cards_user_due", "cards", ["user", "due"])
    op.create_index(op.f("ix_cards_attempt_id"), "cards", ["attempt_id"])
    op.create_table(
        "card_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", UTCDateTime(), nullable=False),
        sa.Column("log", sa.JSON(), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 4", name=op.f("ck_card_reviews_rating_valid")),
        sa.ForeignKeyConstraint(
            ["card_id"],
            ["cards.id"],
            name=op.f("fk_card_reviews_card_id_cards"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_reviews")),
    )
    op.create_index(op.f("ix_card_reviews_card_id"), "card_reviews", ["card_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_card_reviews_card_id"), table_name="card_reviews")
    op.drop_table("card_reviews")
    op.drop_index(op.f("ix_cards_attempt_id"), table_name="cards")
    op.drop_index("ix_cards_user_due", table_name="cards")
    op.drop_table("cards")
