"""The tables of mock loops: a loop (its plan and, once finished, its debrief) and its steps.

A step is one question of the loop, main or follow-up, linked to the attempt that
answers it. Answers themselves stay in `attempts`, saved before they are scored like
every other answer, so a loop's answers count towards progress and are never lost.
A step with no attempt is pending; one marked `skipped` was left unanswered.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
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

LOOP_STATUSES = ("in_progress", "finished")
LOOP_MODES = ("interactive", "scripted")


class LoopRow(Base):
    """One mock loop: the track, the questions drawn for each round, and the debrief at the end."""

    __tablename__ = "loops"
    __table_args__ = (
        CheckConstraint("status IN ('in_progress', 'finished')", name="status_valid"),
        CheckConstraint("mode IN ('interactive', 'scripted')", name="mode_valid"),
        Index("ix_loops_user_created_at", "user", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Nullable in the schema only because SQLite cannot add a NOT NULL column in place.
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid, unique=True, index=True)
    user: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    mode: Mapped[str] = mapped_column(String(16), default="interactive")
    pack: Mapped[str] = mapped_column(String(80))
    track: Mapped[str] = mapped_column(String(80))
    seed: Mapped[str] = mapped_column(String(80))
    # [{"round": "screen", "question_ids": ["pm-screen-03"]}, ...] in loop order.
    plan: Mapped[list[Any]] = mapped_column(JSON)
    debrief: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class LoopStepRow(Base):
    """One question of a loop (main or follow-up) and the attempt that answers it, if any."""

    __tablename__ = "loop_steps"
    __table_args__ = (
        CheckConstraint("kind IN ('main', 'follow_up')", name="kind_valid"),
        UniqueConstraint("loop_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    loop_id: Mapped[int] = mapped_column(ForeignKey("loops.id", ondelete="CASCADE"), index=True)
    # Order within the loop: round index * 100 + question index * 2 (+1 for the follow-up).
    position: Mapped[int] = mapped_column(Integer)
    round: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    question_id: Mapped[str | None] = mapped_column(String(80))
    question: Mapped[str] = mapped_column(Text)
    # For a follow-up: the criterion of the main answer it grills.
    aimed_at: Mapped[str | None] = mapped_column(String(80))
    attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("attempts.id", ondelete="SET NULL"), index=True
    )
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
