"""The tables: attempts (every answer, saved before it is scored) and their assessments.

Per-competency progress is derived from these two tables rather than stored, so it
can never drift from the attempts it summarises.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

STATUSES = ("draft", "saved", "scored", "error")
# Ids are 32-bit on PostgreSQL (INTEGER); an id past this is refused at the edge as unknown.
MAX_ID = 2**31 - 1


def storable_text(text: str) -> str:
    """`text` as every database can keep it: NULs dropped, a lone surrogate made U+FFFD.

    Neither can be typed in a text box; they come from a crafted request or a broken
    paste, and PostgreSQL refuses both (SQLite's UTF-8 encoder refuses the second).
    """
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


KINDS = ("main", "follow_up")

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    """A record's identity across databases: what export and import match records by."""
    return uuid.uuid4().hex


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and always read back timezone-aware.

    SQLite keeps no offset, so a value read back there is naive; this puts UTC back.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; loopcoach stores UTC-aware timestamps only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Attempt(Base):
    """One answer to one question: a draft while typed, saved on submit, then scored."""

    __tablename__ = "attempts"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'saved', 'scored', 'error')", name="status_valid"),
        CheckConstraint("kind IN ('main', 'follow_up')", name="kind_valid"),
        Index("ix_attempts_user_created_at", "user", "created_at"),
        Index("ix_attempts_user_question_id", "user", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Nullable in the schema only because SQLite cannot add a NOT NULL column in place.
    uid: Mapped[str | None] = mapped_column(String(32), default=new_uid, unique=True, index=True)
    user: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    status: Mapped[str] = mapped_column(String(16))
    track: Mapped[str] = mapped_column(String(80))
    round: Mapped[str] = mapped_column(String(40))
    pack: Mapped[str | None] = mapped_column(String(80))
    question_id: Mapped[str | None] = mapped_column(String(80))
    question: Mapped[str] = mapped_column(Text)
    competencies: Mapped[list[str]] = mapped_column(JSON)
    answer: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="main")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    duration_seconds: Mapped[float | None] = mapped_column(Float)
    # Why scoring failed, when status is `error`; the answer itself is kept.
    error: Mapped[str | None] = mapped_column(Text)


class AssessmentRow(Base):
    """The scorer's verdict on an attempt, with the scorer version that produced it."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    scorer_version: Mapped[str] = mapped_column(String(40))
    overall: Mapped[float] = mapped_column(Float)
    decision: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
