"""The tables of the prep plan: a plan, its items day by day, and the checklist items done.

One plan per user is `active`; a new plan archives the old one. Items of past days are
kept as they were when the plan is rebuilt, so a re-plan never rewrites history.
`checklist_done` outlives plans: a checklist item done once stays done for the track.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from loopcoach.store.models import Base, new_uid, utcnow

PLAN_STATUSES = ("active", "archived")
ITEM_KINDS = ("checklist", "story", "practice", "loop", "cards", "rest")
ITEM_STATUSES = ("planned", "done", "skipped")


class PlanRow(Base):
    """One prep plan: the track, the interview date, the hours a day and when sessions start."""

    __tablename__ = "plans"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'archived')", name="status_valid"),
        Index("ix_plans_user_status", "user", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), default=new_uid, unique=True)
    user: Mapped[str] = mapped_column(String(120))
    track: Mapped[str] = mapped_column(String(80))
    pack: Mapped[str] = mapped_column(String(80))
    interview_date: Mapped[date] = mapped_column(Date)
    hours_per_day: Mapped[float] = mapped_column(Float)
    timezone: Mapped[str] = mapped_column(String(64))
    # "HH:MM", local to `timezone`: when the first session of each day starts.
    start_time: Mapped[str] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="active")
    # The grades the plan was last built from ({"rounds": {...}, "weakest": [...]}), so a
    # re-plan can say what moved and why.
    basis: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class PlanItemRow(Base):
    """One session of a plan: a day, its place in the day, what to do and why."""

    __tablename__ = "plan_items"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('checklist', 'story', 'practice', 'loop', 'cards', 'rest')",
            name="kind_valid",
        ),
        CheckConstraint("status IN ('planned', 'done', 'skipped')", name="status_valid"),
        UniqueConstraint("plan_id", "day", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    round: Mapped[str | None] = mapped_column(String(40))
    competency: Mapped[str | None] = mapped_column(String(80))
    question_id: Mapped[str | None] = mapped_column(String(80))
    # For a checklist session: the checklist item it works on (done when all its parts are).
    checklist_item: Mapped[str | None] = mapped_column(String(80))
    minutes: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    why: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    done_at: Mapped[datetime | None] = mapped_column()


class ChecklistDoneRow(Base):
    """A track's checklist item that the user has done."""

    __tablename__ = "checklist_done"
    __table_args__ = (UniqueConstraint("user", "track", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user: Mapped[str] = mapped_column(String(120))
    track: Mapped[str] = mapped_column(String(80))
    item_id: Mapped[str] = mapped_column(String(80))
    done_at: Mapped[datetime] = mapped_column(default=utcnow)
