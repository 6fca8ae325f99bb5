"""The tables of service mode: accounts, sessions, API tokens, invitations, cohorts, coaching.

Local mode never writes them: its one user is "local" and there is no login. In service
mode every account owns its data under `accounts.uid`, the value the data tables carry
in their `user` column, so the stores that already scope every query to one user scope
it to the account signed in. Secrets are never stored: a session cookie, an API token,
an invitation code and a reset code are kept as their SHA-256, and a password as its
argon2id hash.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
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

ROLES = ("candidate", "coach", "admin")


class AccountRow(Base):
    """One person's account: a login name, a password hash, a role, and lock-out state."""

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("role IN ('candidate', 'coach', 'admin')", name="role_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The owner key of this account's data: the `user` column of every data table.
    uid: Mapped[str] = mapped_column(String(32), default=new_uid, unique=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="candidate")
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SessionRow(Base):
    """A signed-in browser: the cookie's hash, when it ends, and whether it was revoked."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()
    user_agent: Mapped[str] = mapped_column(String(200), default="")


class ApiTokenRow(Base):
    """A personal API token for /api/v1, shown once, kept as its hash."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class CohortRow(Base):
    """A group of students, such as one bootcamp intake, and the coaches who read their work."""

    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CohortMemberRow(Base):
    """An account in a cohort, as a student or as one of its coaches."""

    __tablename__ = "cohort_members"
    __table_args__ = (
        UniqueConstraint("cohort_id", "account_id"),
        CheckConstraint("role IN ('student', 'coach')", name="member_role_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))


class InvitationRow(Base):
    """A sign-up code: the role it gives, the cohort it joins, and whether it was used."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16), default="candidate")
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id", ondelete="SET NULL"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    used_at: Mapped[datetime | None] = mapped_column()


class ResetCodeRow(Base):
    """A one-time password reset code an admin issued (there is no e-mail)."""

    __tablename__ = "reset_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()


class CommentRow(Base):
    """A coach's comment on a student's attempt, shown beside the feedback."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AssignmentRow(Base):
    """Work a coach set a cohort: a question to answer or a mock loop to run, by a date."""

    __tablename__ = "assignments"
    __table_args__ = (CheckConstraint("kind IN ('question', 'loop')", name="kind_valid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))
    # A pack question's id for "question", a track's id for "loop".
    target: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditRow(Base):
    """What an admin (or a coach) did: who, what, to whom, when."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(80))
    target: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
