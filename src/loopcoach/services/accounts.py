"""Service mode's accounts: sign-up, login with lock-out, sessions, API tokens, resets, cohorts.

Used by the web app (pages and /api/v1) and by `loopcoach service ...` in the terminal.
Every secret handed out (a session cookie, an API token, an invitation or reset code) is
random from `secrets` and stored only as its SHA-256, so a copy of the database signs
no one in. Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's
second recommended profile) and re-hashed when those defaults change.

Lock-out: after LOCK_AFTER failed logins in a row an account is locked for a time that
doubles with each further failure, from one minute up to an hour; a success resets it.
A locked account and a wrong password get the same answer, so neither tells a guesser
which names exist; the rate limits on the login route stop the guessing itself.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from loopcoach.errors import UsageError
from loopcoach.store.account_models import (
    ROLES,
    AccountRow,
    ApiTokenRow,
    AssignmentRow,
    AuditRow,
    CohortMemberRow,
    CohortRow,
    CommentRow,
    InvitationRow,
    ResetCodeRow,
    SessionRow,
)
from loopcoach.store.models import Attempt

SESSION_IDLE = timedelta(days=7)  # a session unused this long ends
SESSION_MAX = timedelta(days=30)  # and none lasts longer than this
INVITE_DAYS = 14
RESET_HOURS = 24
LOCK_AFTER = 5
LOCK_MAX = timedelta(hours=1)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


class AuthFailed(UsageError):
    """A login that did not succeed: the same words whatever the reason."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


@dataclass(frozen=True)
class Account:
    """An account as the app sees it: never its password hash."""

    id: int
    uid: str
    username: str
    display_name: str
    role: str
    disabled: bool

    @property
    def name(self) -> str:
        return self.display_name or self.username

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "disabled": self.disabled,
        }


def _account(row: AccountRow) -> Account:
    return Account(row.id, row.uid, row.username, row.display_name, row.role, row.disabled)


@dataclass(frozen=True)
class Comment:
    id: int
    attempt_id: int
    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True)
class Assignment:
    id: int
    cohort_id: int
    cohort: str
    kind: str
    target: str
    note: str
    due_on: date


class Accounts:
    """Accounts and everything tied to them, on the service's database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # -- accounts -----------------------------------------------------------------

    @staticmethod
    def check_username(username: str) -> str:
        name = username.strip().lower()
        if not USERNAME.match(name):
            raise UsageError(
                "a username is 3 to 64 characters: lower-case letters, digits, '.', '_' or '-', "
                "starting with a letter or a digit"
            )
        return name

    @staticmethod
    def check_password(password: str, username: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise UsageError(f"a password needs at least {MIN_PASSWORD} characters")
        if len(password) > MAX_PASSWORD:
            raise UsageError(f"a password has at most {MAX_PASSWORD} characters")
        if password.strip().lower() == username.lower():
            raise UsageError("the password cannot be the username")

    def create(
        self,
        username: str,
        password: str,
        *,
        role: str = "candidate",
        display_name: str = "",
        actor: Account | None = None,
    ) -> Account:
        with self._session() as session, session.begin():
            return self._create(session, username, password, role, display_name, actor)

    def _create(
        self,
        session: Session,
        username: str,
        password: str,
        role: str,
        display_name: str,
        actor: Account | None,
    ) -> Account:
        name = self.check_username(username)
        self.check_password(password, name)
        if role not in ROLES:
            raise UsageError(f"unknown role {role!r}; the roles are {', '.join(ROLES)}")
        if session.scalar(select(AccountRow.id).where(AccountRow.username == name)):
            raise UsageError(f"the username {name!r} is taken; choose another")
        row = AccountRow(
            username=name,
            display_name=display_name.strip()[:120],
            password_hash=_hasher().hash(password),
            role=role,
        )
        session.add(row)
        session.flush()
        self._audit(session, actor, "account.create", name, {"role": role})
        return _account(row)

    def get(self, account_id: int) -> Account | None:
        with self._session() as session:
            row = session.get(AccountRow, account_id)
            return _account(row) if row is not None else None

    def by_username(self, username: str) -> Account | None:
        with self._session() as session:
            row = session.scalar(
                select(AccountRow).where(AccountRow.username == username.strip().lower())
            )
            return _account(row) if row is not None else None

    def by_uid(self, uid: str) -> Account | None:
        with self._session() as session:
            row = session.scalar(select(AccountRow).where(AccountRow.uid == uid))
            return _account(row) if row is not None else None

    def all(self) -> list[Account]:
        with self._session() as session:
            return [
                _account(r) for r in session.scalars(select(AccountRow).order_by(AccountRow.id))
            ]

    def count(self) -> int:
        from sqlalchemy import func

        with self._session() as session:
            return session.scalar(select(func.count()).select_from(AccountRow)) or 0

    def set_role(self, account: Account, role: str, actor: Account | None) -> Account:
        if role not in ROLES:
            raise UsageError(f"unknown role {role!r}; the roles are {', '.join(ROLES)}")
        with self._session() as session, session.begin():
            row = session.get(AccountRow, account.id)
            if row is None:
                raise UsageError(f"no account {account.username}")
            row.role = role
            self._audit(session, actor, "account.role", row.username, {"role": role})
            return _account(row)

    def set_disabled(self, account: Account, disabled: bool, actor: Account | None) -> Account:
        with self._session() as session, session.begin():
            row = session.get(AccountRow, account.id)
            if row is None:
                raise UsageError(f"no account {account.username}")
            row.disabled = disabled
            if disabled:
                self._revoke_sessions(session, row.id)
            action = "account.disable" if disabled else "account.enable"
            self._audit(session, actor, action, row.username, {})
            return _account(row)

    # -- login and lock-out ------------------------------------------------------

    def authenticate(self, username: str, password: str, now: datetime | None = None) -> Account:
        """The account if the password is right and it is not locked; AuthFailed otherwise."""
        from argon2.exceptions import InvalidHashError, VerificationError

        now = now or _now()
        refused = AuthFailed("wrong username or password, or the account is locked for now")
        hasher = _hasher()
        with self._session() as session, session.begin():
            row = session.scalar(
                select(AccountRow).where(AccountRow.username == username.strip().lower())
            )
            if row is None:
                # Spend the time a real check takes, so a missing name answers no faster.
                with contextlib.suppress(VerificationError):
                    hasher.verify(_dummy_hash(), password[:MAX_PASSWORD])
                raise refused
            if row.disabled or (row.locked_until is not None and row.locked_until > now):
                raise refused
            try:
                hasher.verify(row.password_hash, password[:MAX_PASSWORD])
            except (VerificationError, InvalidHashError):
                # Counted in this transaction, which commits; the refusal is raised after it.
                row.failed_logins += 1
                over = row.failed_logins - LOCK_AFTER
                if over >= 0:
                    row.locked_until = now + min(timedelta(minutes=2**over), LOCK_MAX)
                account = None
            else:
                row.failed_logins = 0
                row.locked_until = None
                if hasher.check_needs_rehash(row.password_hash):
                    row.password_hash = hasher.hash(password)
                account = _account(row)
        if account is None:
            raise refused
        return account

    def set_password(self, account: Account, password: str) -> None:
        self.check_password(password, account.username)
        with self._session() as session, session.begin():
            row = session.get(AccountRow, account.id)
            if row is None:
                raise UsageError(f"no account {account.username}")
            row.password_hash = _hasher().hash(password)
            row.failed_logins = 0
            row.locked_until = None
            self._revoke_sessions(session, row.id)

    # -- sessions ----------------------------------------------------------------

    def start_session(self, account: Account, user_agent: str = "") -> str:
        """A new session for the account; returns the cookie value (shown nowhere else)."""
        token = secrets.token_urlsafe(32)
        now = _now()
        with self._session() as session, session.begin():
            session.add(
                SessionRow(
                    token_hash=digest(token),
                    account_id=account.id,
                    created_at=now,
                    last_seen=now,
                    expires_at=now + SESSION_MAX,
                    user_agent=user_agent[:200],
                )
            )
        return token

    def session_account(self, token: str, now: datetime | None = None) -> Account | None:
        """The account of a live session cookie; None if unknown, expired, idle or revoked."""
        now = now or _now()
        with self._session() as session, session.begin():
            found = session.execute(
                select(SessionRow, AccountRow)
                .join(AccountRow, AccountRow.id == SessionRow.account_id)
                .where(SessionRow.token_hash == digest(token))
            ).first()
            if found is None:
                return None
            row, account = found
            if (
                row.revoked_at is not None
                or row.expires_at <= now
                or row.last_seen + SESSION_IDLE <= now
                or account.disabled
            ):
                return None
            if now - row.last_seen > timedelta(minutes=5):  # one write per 5 minutes at most
                row.last_seen = now
            return _account(account)

    def end_session(self, token: str) -> None:
        with self._session() as session, session.begin():
            session.execute(
                update(SessionRow)
                .where(SessionRow.token_hash == digest(token), SessionRow.revoked_at.is_(None))
                .values(revoked_at=_now())
            )

    def sessions(self, account: Account) -> list[dict[str, Any]]:
        now = _now()
        with self._session() as session:
            rows = session.scalars(
                select(SessionRow)
                .where(
                    SessionRow.account_id == account.id,
                    SessionRow.revoked_at.is_(None),
                    SessionRow.expires_at > now,
                )
                .order_by(SessionRow.id)
            )
            return [
                {
                    "id": r.id,
                    "created_at": r.created_at,
                    "last_seen": r.last_seen,
                    "user_agent": r.user_agent,
                }
                for r in rows
                if r.last_seen + SESSION_IDLE > now
            ]

    def revoke_session(self, account: Account, session_id: int) -> bool:
        with self._session() as session, session.begin():
            done = session.execute(
                update(SessionRow)
                .where(
                    SessionRow.id == session_id,
                    SessionRow.account_id == account.id,
                    SessionRow.revoked_at.is_(None),
                )
                .values(revoked_at=_now())
            )
            return bool(done.rowcount)  # type: ignore[attr-defined]

    def revoke_all_sessions(self, account: Account, actor: Account) -> None:
        with self._session() as session, session.begin():
            self._revoke_sessions(session, account.id)
            self._audit(session, actor, "account.sessions_revoked", account.username, {})

    @staticmethod
    def _revoke_sessions(session: Session, account_id: int) -> None:
        session.execute(
            update(SessionRow)
            .where(SessionRow.account_id == account_id, SessionRow.revoked_at.is_(None))
            .values(revoked_at=_now())
        )

    # -- API tokens ----------------------------------------------------------------

    def create_token(self, account: Account, name: str) -> str:
        """A personal API token, "lc_..." (shown once)."""
        label = name.strip()[:80] or "token"
        token = "lc_" + secrets.token_urlsafe(32)
        with self._session() as session, session.begin():
            session.add(ApiTokenRow(token_hash=digest(token), account_id=account.id, name=label))
        return token

    def token_account(self, token: str) -> Account | None:
        with self._session() as session, session.begin():
            found = session.execute(
                select(ApiTokenRow, AccountRow)
                .join(AccountRow, AccountRow.id == ApiTokenRow.account_id)
                .where(ApiTokenRow.token_hash == digest(token))
            ).first()
            if found is None:
                return None
            row, account = found
            if row.revoked_at is not None or account.disabled:
                return None
            now = _now()
            if row.last_used is None or now - row.last_used > timedelta(minutes=5):
                row.last_used = now
            return _account(account)

    def tokens(self, account: Account) -> list[dict[str, Any]]:
        with self._session() as session:
            rows = session.scalars(
                select(ApiTokenRow)
                .where(ApiTokenRow.account_id == account.id, ApiTokenRow.revoked_at.is_(None))
                .order_by(ApiTokenRow.id)
            )
            return [
                {"id": r.id, "name": r.name, "created_at": r.created_at, "last_used": r.last_used}
                for r in rows
            ]

    def revoke_token(self, account: Account, token_id: int) -> bool:
        with self._session() as session, session.begin():
            done = session.execute(
                update(ApiTokenRow)
                .where(
                    ApiTokenRow.id == token_id,
                    ApiTokenRow.account_id == account.id,
                    ApiTokenRow.revoked_at.is_(None),
                )
                .values(revoked_at=_now())
            )
            return bool(done.rowcount)  # type: ignore[attr-defined]

    # -- invitations and sign-up -------------------------------------------------

    def invite(
        self, actor: Account | None, *, role: str = "candidate", cohort_id: int | None = None
    ) -> str:
        """An invitation code for one sign-up; a coach invites students to their own cohorts.

        `actor` None is the operator at the terminal (`loopcoach service invite`).
        """
        if role not in ROLES:
            raise UsageError(f"unknown role {role!r}; the roles are {', '.join(ROLES)}")
        if actor is None:
            pass
        elif actor.role == "coach":
            if role != "candidate":
                raise UsageError("a coach invites students; an admin invites coaches and admins")
            if cohort_id is None or cohort_id not in {c.id for c in self.coached(actor)}:
                raise UsageError("a coach invites students to one of the cohorts they coach")
        elif actor.role != "admin":
            raise UsageError("only a coach or an admin can invite")
        code = secrets.token_urlsafe(12)
        with self._session() as session, session.begin():
            if cohort_id is not None and session.get(CohortRow, cohort_id) is None:
                raise UsageError(f"no cohort {cohort_id}")
            session.add(
                InvitationRow(
                    code_hash=digest(code),
                    role=role,
                    cohort_id=cohort_id,
                    created_by=actor.id if actor else None,
                    expires_at=_now() + timedelta(days=INVITE_DAYS),
                )
            )
            self._audit(
                session, actor, "invitation.create", role, {"cohort_id": cohort_id, "role": role}
            )
        return code

    def sign_up(
        self,
        username: str,
        password: str,
        *,
        code: str = "",
        open_signup: bool = False,
        display_name: str = "",
    ) -> Account:
        """A new account: by a valid invitation code, or without one when sign-up is open.

        The code is claimed and the account made in one transaction: two sign-ups racing
        for one code make one account, and a refused username leaves the code unused.
        """
        now = _now()
        if not code and not open_signup:
            raise UsageError("sign-up needs an invitation code from your coach or admin")
        with self._session() as session, session.begin():
            invitation: InvitationRow | None = None
            if code:
                invitation = session.scalar(
                    select(InvitationRow).where(InvitationRow.code_hash == digest(code.strip()))
                )
                bad = UsageError("that invitation code is not valid: it is wrong, used or expired")
                if invitation is None or invitation.expires_at <= now:
                    raise bad
                claimed = session.execute(
                    update(InvitationRow)
                    .where(InvitationRow.id == invitation.id, InvitationRow.used_at.is_(None))
                    .values(used_at=now)
                )
                if not claimed.rowcount:  # type: ignore[attr-defined]
                    raise bad
            role = invitation.role if invitation else "candidate"
            account = self._create(session, username, password, role, display_name, None)
            if invitation is not None:
                invitation.used_by = account.id
                if invitation.cohort_id is not None:
                    session.add(
                        CohortMemberRow(
                            cohort_id=invitation.cohort_id,
                            account_id=account.id,
                            role="coach" if role == "coach" else "student",
                        )
                    )
            return account

    # -- password reset ----------------------------------------------------------

    def issue_reset(self, account: Account, actor: Account | None) -> str:
        code = secrets.token_urlsafe(12)
        with self._session() as session, session.begin():
            session.add(
                ResetCodeRow(
                    code_hash=digest(code),
                    account_id=account.id,
                    expires_at=_now() + timedelta(hours=RESET_HOURS),
                )
            )
            self._audit(session, actor, "account.reset_code", account.username, {})
        return code

    def reset_password(self, username: str, code: str, password: str) -> Account:
        now = _now()
        bad = UsageError("that reset code is not valid for this username: wrong, used or expired")
        account = self.by_username(username)
        if account is None:
            raise bad
        self.check_password(password, account.username)
        with self._session() as session, session.begin():
            row = session.scalar(
                select(ResetCodeRow).where(
                    ResetCodeRow.code_hash == digest(code.strip()),
                    ResetCodeRow.account_id == account.id,
                )
            )
            if row is None or row.used_at is not None or row.expires_at <= now:
                raise bad
            row.used_at = now
        self.set_password(account, password)
        return account

    # -- cohorts, coaching ---------------------------------------------------------

    def create_cohort(self, name: str, actor: Account | None) -> int:
        label = name.strip()[:120]
        if not label:
            raise UsageError("a cohort needs a name")
        with self._session() as session, session.begin():
            if session.scalar(select(CohortRow.id).where(CohortRow.name == label)):
                raise UsageError(f"there is already a cohort named {label!r}")
            row = CohortRow(name=label)
            session.add(row)
            session.flush()
            self._audit(session, actor, "cohort.create", label, {"cohort_id": row.id})
            return row.id

    def cohorts(self) -> list[tuple[int, str]]:
        with self._session() as session:
            return [
                (r.id, r.name) for r in session.scalars(select(CohortRow).order_by(CohortRow.id))
            ]

    def add_member(
        self, cohort_id: int, account: Account, role: str, actor: Account | None
    ) -> None:
        if role not in ("student", "coach"):
            raise UsageError("a cohort member is a student or a coach")
        with self._session() as session, session.begin():
            if session.get(CohortRow, cohort_id) is None:
                raise UsageError(f"no cohort {cohort_id}")
            here = session.scalar(
                select(CohortMemberRow).where(
                    CohortMemberRow.cohort_id == cohort_id,
                    CohortMemberRow.account_id == account.id,
                )
            )
            if here is None:
                session.add(CohortMemberRow(cohort_id=cohort_id, account_id=account.id, role=role))
            else:
                here.role = role
            self._audit(
                session,
                actor,
                "cohort.member",
                account.username,
                {"cohort_id": cohort_id, "role": role},
            )

    def coached(self, coach: Account) -> list[CohortRow]:
        """The cohorts this account coaches (every cohort for an admin)."""
        with self._session() as session:
            stmt = select(CohortRow).order_by(CohortRow.id)
            if coach.role != "admin":
                stmt = stmt.join(CohortMemberRow, CohortMemberRow.cohort_id == CohortRow.id).where(
                    CohortMemberRow.account_id == coach.id, CohortMemberRow.role == "coach"
                )
            return list(session.scalars(stmt))

    def students(self, cohort_id: int) -> list[Account]:
        with self._session() as session:
            rows = session.scalars(
                select(AccountRow)
                .join(CohortMemberRow, CohortMemberRow.account_id == AccountRow.id)
                .where(CohortMemberRow.cohort_id == cohort_id, CohortMemberRow.role == "student")
                .order_by(AccountRow.username)
            )
            return [_account(r) for r in rows]

    def coaches_student(self, coach: Account, student_uid: str) -> Account | None:
        """The student, if this coach coaches a cohort they are in (an admin: anyone); else None."""
        student = self.by_uid(student_uid)
        if student is None or student.id == coach.id:
            return None
        if coach.role == "admin":
            return student
        if coach.role != "coach":
            return None
        with self._session() as session:
            mine = (
                select(CohortMemberRow.cohort_id)
                .where(CohortMemberRow.account_id == coach.id, CohortMemberRow.role == "coach")
                .scalar_subquery()
            )
            shared = session.scalar(
                select(CohortMemberRow.id).where(
                    CohortMemberRow.account_id == student.id,
                    CohortMemberRow.role == "student",
                    CohortMemberRow.cohort_id.in_(mine),
                )
            )
            return student if shared is not None else None

    def comment(self, coach: Account, attempt_id: int, body: str) -> Comment:
        """A coach's comment on an attempt of one of their students (UsageError otherwise)."""
        text = body.strip()
        if not text:
            raise UsageError("the comment is empty")
        if len(text) > 5000:
            raise UsageError("a comment has at most 5,000 characters")
        with self._session() as session, session.begin():
            owner = session.scalar(select(Attempt.user).where(Attempt.id == attempt_id))
            if owner is None or self.coaches_student(coach, owner) is None:
                raise UsageError(f"no attempt {attempt_id}")
            row = CommentRow(attempt_id=attempt_id, author_id=coach.id, body=text)
            session.add(row)
            session.flush()
            return Comment(row.id, attempt_id, coach.name, text, row.created_at)

    def comments(self, attempt_id: int) -> list[Comment]:
        with self._session() as session:
            rows = session.execute(
                select(CommentRow, AccountRow.username, AccountRow.display_name)
                .outerjoin(AccountRow, AccountRow.id == CommentRow.author_id)
                .where(CommentRow.attempt_id == attempt_id)
                .order_by(CommentRow.id)
            ).all()
            return [
                Comment(
                    c.id, c.attempt_id, display or user or "a former coach", c.body, c.created_at
                )
                for c, user, display in rows
            ]

    def assign(
        self,
        coach: Account,
        cohort_id: int,
        *,
        kind: str,
        target: str,
        due_on: date,
        note: str = "",
    ) -> int:
        if cohort_id not in {c.id for c in self.coached(coach)}:
            raise UsageError(f"no cohort {cohort_id} that you coach")
        if kind not in ("question", "loop"):
            raise UsageError("an assignment is a question or a loop")
        with self._session() as session, session.begin():
            row = AssignmentRow(
                cohort_id=cohort_id,
                created_by=coach.id,
                kind=kind,
                target=target,
                due_on=due_on,
                note=note.strip()[:2000],
            )
            session.add(row)
            session.flush()
            self._audit(
                session, coach, "assignment.create", target, {"cohort_id": cohort_id, "kind": kind}
            )
            return row.id

    def assignments_for(self, student: Account) -> list[Assignment]:
        with self._session() as session:
            rows = session.execute(
                select(AssignmentRow, CohortRow.name)
                .join(CohortRow, CohortRow.id == AssignmentRow.cohort_id)
                .join(CohortMemberRow, CohortMemberRow.cohort_id == AssignmentRow.cohort_id)
                .where(CohortMemberRow.account_id == student.id)
                .order_by(AssignmentRow.due_on, AssignmentRow.id)
            ).all()
            return [
                Assignment(a.id, a.cohort_id, name, a.kind, a.target, a.note, a.due_on)
                for a, name in rows
            ]

    # -- local data into an account ------------------------------------------------

    def adopt(self, local_user: str, account: Account, actor: Account | None = None) -> int:
        """Give every row of `local_user` (a local database's "local") to the account."""
        from loopcoach.store.models import Base

        moved = 0
        with self._session() as session, session.begin():
            for table in Base.metadata.sorted_tables:
                if "user" in table.c and table.name not in ("accounts",):
                    done = session.execute(
                        table.update().where(table.c.user == local_user).values(user=account.uid)
                    )
                    if table.name == "attempts":
                        moved = done.rowcount  # type: ignore[attr-defined]
            self._audit(session, actor, "data.adopt", account.username, {"from": local_user})
        return moved

    # -- the audit log -------------------------------------------------------------

    @staticmethod
    def _audit(
        session: Session,
        actor: Account | None,
        action: str,
        target: str,
        details: dict[str, Any],
    ) -> None:
        session.add(
            AuditRow(
                actor_id=actor.id if actor else None,
                action=action,
                target=target[:200],
                details=details,
            )
        )

    def audit_log(self, limit: int = 200) -> list[dict[str, Any]]:
        with self._session() as session:
            rows = session.execute(
                select(AuditRow, AccountRow.username)
                .outerjoin(AccountRow, AccountRow.id == AuditRow.actor_id)
                .order_by(AuditRow.id.desc())
                .limit(limit)
            ).all()
            return [
                {
                    "when": a.created_at,
                    "actor": user or "(the terminal)",
                    "action": a.action,
                    "target": a.target,
                    "details": a.details,
                }
                for a, user in rows
            ]


@functools.cache
def _dummy_hash() -> str:
    """A hash of a random password, checked when a username does not exist."""
    return str(_hasher().hash(secrets.token_hex(16)))
