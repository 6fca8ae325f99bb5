"""The tables of flashcards: one row per card of a user, and one per review of it.

A card comes from a pack (`origin` "pack:<pack>:<card id>") or from a miss of the
user's own graded answer (`origin` "miss:<attempt uid>:point|flag:<key>"); `origin`
is unique per user, which is what makes syncing idempotent. The FSRS state is kept
as py-fsrs's own JSON, with `due` copied out of it so due cards are one indexed query.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from loopcoach.store.models import Base, new_uid, utcnow

CARD_SOURCES = ("pack", "miss")


class CardRow(Base):
    """One flashcard of one user, with its FSRS state and when it is next due."""

    __tablename__ = "cards"
    __table_args__ = (
        CheckConstraint("source IN ('pack', 'miss')", name="source_valid"),
        UniqueConstraint("user", "origin"),
        Index("ix_cards_user_due", "user", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), default=new_uid, unique=True)
    user: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(8))
    origin: Mapped[str] = mapped_column(String(200))
    deck: Mapped[str] = mapped_column(String(80))
    pack: Mapped[str | None] = mapped_column(String(80))
    pack_card_id: Mapped[str | None] = mapped_column(String(80))
    # A miss card: the attempt it came from, the assessment that found the miss, and the
    # talking point (text) or red flag (id) missed.
    attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    assessment_id: Mapped[int | None] = mapped_column(Integer)
    miss: Mapped[str | None] = mapped_column(Text)
    front: Mapped[str] = mapped_column(Text)
    back: Mapped[str] = mapped_column(Text)
    fsrs: Mapped[dict[str, Any]] = mapped_column(JSON)
    due: Mapped[datetime] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CardReviewRow(Base):
    """One review of a card: the rating given, when, and py-fsrs's review log."""

    __tablename__ = "card_reviews"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 4", name="rating_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column()
    log: Mapped[dict[str, Any]] = mapped_column(JSON)
