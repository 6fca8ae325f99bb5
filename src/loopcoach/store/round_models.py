"""The tables of the log of real rounds: a round the user sat, and the questions it asked.

A real round names the track and round of a pack's loop it was, the day it was held,
how it went (a feeling from 1 to 5) and its outcome, `pending` until the company
answers. Its questions are kept in the order they were asked; deleting the round
deletes them.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from loopcoach.store.models import Base, new_uid, utcnow

OUTCOMES = ("pending", "passed", "rejected", "offer", "withdrawn")


class RealRoundRow(Base):
    """One real interview round: where, when, how it felt and how it ended."""

    __tablename__ = "real_rounds"
    __table_args__ = (
        CheckConstraint(
            "outcome IN ('pending', 'passed', 'rejected', 'offer', 'withdrawn')",
            name="outcome_valid",
        ),
        CheckConstraint("feeling BETWEEN 1 AND 5", name="feeling_valid"),
        Index("ix_real_rounds_user_track", "user", "track"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), default=new_uid, unique=True)
    user: Mapped[str] = mapped_column(String(120))
    track: Mapped[str] = mapped_column(String(80))
    pack: Mapped[str] = mapped_column(String(80))
    round: Mapped[str] = mapped_column(String(40))
    company: Mapped[str] = mapped_column(String(200), default="")
    held_on: Mapped[date] = mapped_column(Date)
    # How it went, as the candidate felt it: 1 (badly) to 5 (very well).
    feeling: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16), default="pending")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class RealRoundQuestionRow(Base):
    """A question a real round asked, in the order it came; a practice item from then on."""

    __tablename__ = "real_round_questions"
    __table_args__ = (UniqueConstraint("real_round_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    real_round_id: Mapped[int] = mapped_column(
        ForeignKey("real_rounds.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # The competencies of its round, as the pack's loop named them when it was logged.
    competencies: Mapped[list[str]] = mapped_column(JSON)
