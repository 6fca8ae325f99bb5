"""The tables of the story bank: a user's STAR stories and the attempts that told them.

A story keeps what the scorer said of it (`scores`) and the competencies its text
suggests (`suggested`), both computed when it is saved, so the coverage matrix and
the list are plain reads. `attempt_stories` ties an attempt to the story it told;
deleting either side deletes the link.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from loopcoach.store.models import Base, new_uid, utcnow

STAR_PARTS = ("situation", "task", "action", "result", "reflection")


class StoryRow(Base):
    """One STAR story of one user, with its scores and suggested competencies."""

    __tablename__ = "stories"
    __table_args__ = (Index("ix_stories_user_created_at", "user", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), default=new_uid, unique=True, index=True)
    user: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    title: Mapped[str] = mapped_column(String(200))
    situation: Mapped[str] = mapped_column(Text, default="")
    task: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    reflection: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The competencies the user says it shows, and those its text suggests.
    competencies: Mapped[list[str]] = mapped_column(JSON)
    suggested: Mapped[list[str]] = mapped_column(JSON)
    # The track it was scored for, and {"culture": assessment json, "hiring_manager": ...}.
    track: Mapped[str] = mapped_column(String(80), default="pm")
    scores: Mapped[dict[str, Any]] = mapped_column(JSON)


class AttemptStoryRow(Base):
    """The story an attempt told (at most one per attempt)."""

    __tablename__ = "attempt_stories"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
