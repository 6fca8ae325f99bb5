"""The Store: one user's attempts and assessments in any SQLAlchemy database.

Every answer is committed before it is scored, so a crash in the scorer (or of the
whole process) never loses what the user typed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from loopcoach.errors import StoreError, UsageError
from loopcoach.store.engine import make_engine
from loopcoach.store.migrate import upgrade_engine
from loopcoach.store.models import AssessmentRow, Attempt
from loopcoach.store.records import AssessmentRecord, AttemptRecord, NewAttempt, Progress, Stat

if TYPE_CHECKING:
    from loopcoach.scoring.types import Assessment


def _assessment(row: AssessmentRow) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id,
        attempt_id=row.attempt_id,
        created_at=row.created_at,
        scorer_version=row.scorer_version,
        overall=row.overall,
        decision=row.decision,
        payload=dict(row.payload),
    )


def _record(row: Attempt, assessment: AssessmentRow | None) -> AttemptRecord:
    return AttemptRecord(
        id=row.id,
        user=row.user,
        created_at=row.created_at,
        updated_at=row.updated_at,
        status=row.status,
        track=row.track,
        round=row.round,
        pack=row.pack,
        question_id=row.question_id,
        question=row.question,
        competencies=tuple(row.competencies or ()),
        answer=row.answer,
        kind=row.kind,
        parent_id=row.parent_id,
        duration_seconds=row.duration_seconds,
        error=row.error,
        assessment=_assessment(assessment) if assessment is not None else None,
    )


def _stat(grades: Sequence[float]) -> Stat:
    # `grades` are in chronological order, so the last one is the latest attempt.
    return Stat(
        attempts=len(grades),
        average=sum(grades) / len(grades),
        last=grades[-1],
        best=max(grades),
    )


class Store:
    """Attempts and assessments of one user; `Store.open(url)` migrates to head first."""

    def __init__(self, engine: Engine, user: str = "local") -> None:
        self.engine = engine
        self.user = user
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, user: str = "local", *, migrate: bool = True) -> Store:
        engine = make_engine(url)
        try:
            if migrate:
                upgrade_engine(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open the database at {engine.url!r}: {exc}") from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, user)

    def for_user(self, user: str) -> Store:
        """The same database seen as another user (for the multi-user service)."""
        return Store(self.engine, user)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _session(self) -> Session:
        return self._sessions()

    def _own(self, session: Session, attempt_id: int) -> Attempt:
        row = session.get(Attempt, attempt_id)
        if row is None or row.user != self.user:
            raise KeyError(attempt_id)
        return row

    # -- writing -------------------------------------------------------------

    def _write(
        self,
        new: NewAttempt,
        answer: str,
        status: str,
        attempt_id: int | None,
        duration_seconds: float | None,
    ) -> int:
        if new.kind not in ("main", "follow_up"):
            raise ValueError(f"unknown attempt kind {new.kind!r}")
        if new.kind == "follow_up" and new.parent_id is None:
            raise ValueError("a follow-up attempt needs its parent_id")
        with self._session() as session, session.begin():
            if attempt_id is not None:
                try:
                    row = self._own(session, attempt_id)
                except KeyError:
                    raise UsageError(f"no draft {attempt_id} to update") from None
                if row.status != "draft":
                    raise UsageError(f"attempt {attempt_id} is already {row.status}, not a draft")
            else:
                if new.parent_id is not None:
                    try:
                        self._own(session, new.parent_id)
                    except KeyError:
                        raise UsageError(f"no attempt {new.parent_id} to follow up") from None
                row = Attempt(user=self.user)
                session.add(row)
            row.status = status
            row.track = new.track
            row.round = new.round
            row.pack = new.pack
            row.question_id = new.question_id
            row.question = new.question
            row.competencies = list(new.competencies)
            row.answer = answer
            row.kind = new.kind
            row.parent_id = new.parent_id
            row.duration_seconds = duration_seconds
            row.error = None
            session.flush()
            return row.id

    def save_draft(
        self,
        new: NewAttempt,
        answer: str,
        attempt_id: int | None = None,
        duration_seconds: float | None = None,
    ) -> int:
        """Create a draft, or update draft `attempt_id` with the text typed so far."""
        return self._write(new, answer, "draft", attempt_id, duration_seconds)

    def save_attempt(
        self,
        new: NewAttempt,
        answer: str,
        attempt_id: int | None = None,
        duration_seconds: float | None = None,
    ) -> int:
        """Commit a submitted answer (status `saved`), promoting draft `attempt_id` if given."""
        return self._write(new, answer, "saved", attempt_id, duration_seconds)

    def save_assessment(self, attempt_id: int, assessment: Assessment) -> int:
        """Store the scorer's verdict on an attempt and mark it `scored`."""
        with self._session() as session, session.begin():
            row = self._own(session, attempt_id)
            a = AssessmentRow(
                attempt_id=row.id,
                scorer_version=assessment.scorer_version,
                overall=float(assessment.overall),
                decision=assessment.decision,
                payload=assessment.to_json(),
            )
            session.add(a)
            row.status = "scored"
            row.error = None
            session.flush()
            return a.id

    def mark_error(self, attempt_id: int, message: str) -> None:
        """Record that scoring failed; the answer stays saved."""
        with self._session() as session, session.begin():
            row = self._own(session, attempt_id)
            row.status = "error"
            row.error = message[:2000]

    def delete_attempt(self, attempt_id: int) -> bool:
        """Delete an attempt, its follow-ups and all their assessments, for good."""
        with self._session() as session, session.begin():
            try:
                self._own(session, attempt_id)
            except KeyError:
                return False
            self._delete(session, self._levels(session, [attempt_id]))
            return True

    def delete_all(self) -> int:
        """Delete every attempt and assessment of this user; returns how many attempts."""
        with self._session() as session, session.begin():
            roots = list(
                session.scalars(
                    select(Attempt.id).where(Attempt.user == self.user, Attempt.parent_id.is_(None))
                )
            )
            levels = self._levels(session, roots)
            self._delete(session, levels)
            return sum(len(level) for level in levels)

    def _levels(self, session: Session, roots: list[int]) -> list[list[int]]:
        """The roots, then their follow-ups, then theirs, level by level."""
        levels: list[list[int]] = []
        seen: set[int] = set()
        frontier = list(roots)
        while frontier:
            levels.append(frontier)
            seen.update(frontier)
            children = session.scalars(
                select(Attempt.id).where(Attempt.parent_id.in_(frontier), Attempt.user == self.user)
            )
            frontier = [c for c in children if c not in seen]
        return levels

    def _delete(self, session: Session, levels: list[list[int]]) -> None:
        # Deepest level first, so deleting never relies on the database cascading.
        for level in reversed(levels):
            session.execute(delete(AssessmentRow).where(AssessmentRow.attempt_id.in_(level)))
            session.execute(delete(Attempt).where(Attempt.id.in_(level)))

    # -- reading -------------------------------------------------------------

    def _latest_assessments(
        self, session: Session, attempt_ids: Iterable[int]
    ) -> dict[int, AssessmentRow]:
        ids = list(attempt_ids)
        out: dict[int, AssessmentRow] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = session.scalars(
                select(AssessmentRow)
                .where(AssessmentRow.attempt_id.in_(chunk))
                .order_by(AssessmentRow.id)
            )
            for row in rows:
                out[row.attempt_id] = row  # ordered by id, so the latest wins
        return out

    def attempt(self, attempt_id: int) -> AttemptRecord | None:
        """One of this user's attempts with its latest assessment, or None."""
        with self._session() as session:
            try:
                row = self._own(session, attempt_id)
            except KeyError:
                return None
            latest = self._latest_assessments(session, [row.id])
            return _record(row, latest.get(row.id))

    def attempts(
        self,
        track: str | None = None,
        round: str | None = None,
        competency: str | None = None,
        limit: int | None = None,
        *,
        question_id: str | None = None,
        kind: str | None = None,
        status: str | Sequence[str] | None = None,
        parent_id: int | None = None,
        oldest_first: bool = False,
    ) -> list[AttemptRecord]:
        """This user's attempts, newest first, filtered as asked."""
        stmt = select(Attempt).where(Attempt.user == self.user)
        if track:
            stmt = stmt.where(Attempt.track == track)
        if round:
            stmt = stmt.where(Attempt.round == round)
        if question_id:
            stmt = stmt.where(Attempt.question_id == question_id)
        if kind:
            stmt = stmt.where(Attempt.kind == kind)
        if parent_id is not None:
            stmt = stmt.where(Attempt.parent_id == parent_id)
        if status:
            statuses = [status] if isinstance(status, str) else list(status)
            stmt = stmt.where(Attempt.status.in_(statuses))
        if oldest_first:
            stmt = stmt.order_by(Attempt.created_at, Attempt.id)
        else:
            stmt = stmt.order_by(Attempt.created_at.desc(), Attempt.id.desc())
        # Competencies are a JSON list, filtered here so the query is the same on every
        # database; the limit is applied after that filter.
        if limit is not None and not competency:
            stmt = stmt.limit(limit)
        with self._session() as session:
            rows = [
                r for r in session.scalars(stmt) if not competency or competency in r.competencies
            ]
            if limit is not None:
                rows = rows[:limit]
            latest = self._latest_assessments(session, (r.id for r in rows))
            return [_record(r, latest.get(r.id)) for r in rows]

    def question_attempt_counts(self, track: str | None = None) -> dict[str, int]:
        """How many answers (main, not drafts) this user has submitted to each pack question."""
        counts: dict[str, int] = defaultdict(int)
        for a in self.attempts(track=track, kind="main", status=("saved", "scored", "error")):
            if a.question_id:
                counts[a.question_id] += 1
        return dict(counts)

    def progress(self, track: str | None = None) -> Progress:
        """Per-competency, per-track and per-round grades over this user's scored attempts."""
        attempts = self.attempts(track=track, oldest_first=True)
        by_comp: dict[str, list[float]] = defaultdict(list)
        by_track: dict[str, list[float]] = defaultdict(list)
        by_round: dict[str, list[float]] = defaultdict(list)
        scored = 0
        for a in attempts:
            if a.status != "scored" or a.assessment is None:
                continue
            scored += 1
            grade = a.assessment.overall
            by_track[a.track].append(grade)
            by_round[f"{a.track}/{a.round}"].append(grade)
            for c in dict.fromkeys(a.competencies):
                by_comp[c].append(grade)
        return Progress(
            competencies={k: _stat(v) for k, v in by_comp.items()},
            tracks={k: _stat(v) for k, v in by_track.items()},
            rounds={k: _stat(v) for k, v in by_round.items()},
            attempts=sum(1 for a in attempts if a.status != "draft"),
            scored=scored,
        )
