"""The progress summary's tables: submitted attempts counted and graded, group by group.

`progress_groups` holds what `Store.attempt_groups` computes over every attempt, for
the attempts that are not drafts (no figure counts a draft): one row per user, track,
round, competencies, status, kind and question, a few hundred rows however many
attempts there are. `progress_marks` holds one row: the largest attempt and
assessment ids when the summary was last brought up to date, so that rows written
around the Store (a bulk load, a test's fixture) are noticed and the summary rebuilt.
Both are kept by `loopcoach.store.progress_summary`, in each write's own transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from loopcoach.store.models import Base


class ProgressGroupRow(Base):
    """Submitted attempts alike in everything the progress figures group them by."""

    __tablename__ = "progress_groups"
    __table_args__ = (Index("ix_progress_groups_user_question_id", "user", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user: Mapped[str] = mapped_column(String(120))
    track: Mapped[str] = mapped_column(String(80))
    round: Mapped[str] = mapped_column(String(40))
    # The attempts' JSON list of competencies as the database keeps its text.
    competencies: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    question_id: Mapped[str | None] = mapped_column(String(80))
    count: Mapped[int] = mapped_column(Integer)
    graded: Mapped[int] = mapped_column(Integer)
    grade_sum: Mapped[float] = mapped_column(Float)
    best: Mapped[float | None] = mapped_column(Float)
    # The newest graded attempt of the group: when, which, and its latest grade.
    last_at: Mapped[datetime | None] = mapped_column()
    last_id: Mapped[int | None] = mapped_column(Integer)
    last_grade: Mapped[float | None] = mapped_column(Float)


class ProgressMarkRow(Base):
    """The one row saying up to which attempt and assessment ids the summary is current."""

    __tablename__ = "progress_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempts_max: Mapped[int] = mapped_column(Integer)
    assessments_max: Mapped[int] = mapped_column(Integer)


class AttemptCompetencyRow(Base):
    """A scored attempt once per competency it trains: the index of the grade charts.

    "The latest 50 scored answers training X (in track T)" is one index range of this
    table, where over `attempts` it meant reading newest-first until every competency
    had its 50, a walk that grew with rare competencies and with a track filter. Kept
    with the summary (`progress_summary`), in each write's own transaction; deleting an
    attempt deletes its rows.
    """

    __tablename__ = "attempt_competencies"
    __table_args__ = (
        Index("ix_attempt_competencies_recent", "user", "competency", "created_at", "attempt_id"),
        Index(
            "ix_attempt_competencies_track_recent",
            "user",
            "track",
            "competency",
            "created_at",
            "attempt_id",
        ),
    )

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    competency: Mapped[str] = mapped_column(String(80), primary_key=True)
    user: Mapped[str] = mapped_column(String(120))
    track: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column()
    # The overall of the attempt's latest assessment (rewritten when it is rescored).
    grade: Mapped[float] = mapped_column(Float)
