"""LoopStore: one user's mock loops and their steps, on the same engine as the Store.

It shares the Store's engine and user, so a loop's steps point at attempts the Store
saved; the loop tables come from migration 0002.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from loopcoach.errors import UsageError
from loopcoach.store.feature import FeatureStore
from loopcoach.store.loop_models import LOOP_MODES, LoopRow, LoopStepRow
from loopcoach.store.models import utcnow


@dataclass(frozen=True)
class LoopStep:
    """One question of a loop and the attempt answering it (None while pending or skipped)."""

    id: int
    loop_id: int
    position: int
    round: str
    kind: str
    question_id: str | None
    question: str
    aimed_at: str | None
    attempt_id: int | None
    skipped: bool


@dataclass(frozen=True)
class LoopRecord:
    """A loop as stored: its plan, its steps so far and, once finished, its debrief."""

    id: int
    user: str
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    status: str
    mode: str
    pack: str
    track: str
    seed: str
    plan: list[dict[str, Any]]
    steps: tuple[LoopStep, ...]
    debrief: dict[str, Any] | None

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    def step_at(self, position: int) -> LoopStep | None:
        return next((s for s in self.steps if s.position == position), None)


def _step(row: LoopStepRow) -> LoopStep:
    return LoopStep(
        id=row.id,
        loop_id=row.loop_id,
        position=row.position,
        round=row.round,
        kind=row.kind,
        question_id=row.question_id,
        question=row.question,
        aimed_at=row.aimed_at,
        attempt_id=row.attempt_id,
        skipped=row.skipped,
    )


class LoopStore(FeatureStore):
    """Create, advance and finish loops; every write commits at once."""

    def _own(self, session: Session, loop_id: int) -> LoopRow:
        row = session.get(LoopRow, loop_id)
        if row is None or row.user != self.user:
            raise UsageError(f"no loop {loop_id}")
        return row

    def _record(self, session: Session, row: LoopRow) -> LoopRecord:
        steps = session.scalars(
            select(LoopStepRow).where(LoopStepRow.loop_id == row.id).order_by(LoopStepRow.position)
        )
        return LoopRecord(
            id=row.id,
            user=row.user,
            created_at=row.created_at,
            updated_at=row.updated_at,
            finished_at=row.finished_at,
            status=row.status,
            mode=row.mode,
            pack=row.pack,
            track=row.track,
            seed=row.seed,
            plan=[dict(p) for p in row.plan],
            steps=tuple(_step(s) for s in steps),
            debrief=dict(row.debrief) if row.debrief is not None else None,
        )

    def create(
        self, *, pack: str, track: str, seed: str, plan: list[dict[str, Any]], mode: str
    ) -> LoopRecord:
        if mode not in LOOP_MODES:
            raise ValueError(f"unknown loop mode {mode!r}")
        with self._session() as session, session.begin():
            row = LoopRow(
                user=self.user,
                pack=pack,
                track=track,
                seed=seed,
                plan=plan,
                mode=mode,
                status="in_progress",
            )
            session.add(row)
            session.flush()
            return self._record(session, row)

    def get(self, loop_id: int) -> LoopRecord:
        with self._session() as session:
            return self._record(session, self._own(session, loop_id))

    def loops(
        self, *, track: str | None = None, status: str | None = None, limit: int | None = None
    ) -> list[LoopRecord]:
        """This user's loops, newest first."""
        stmt = select(LoopRow).where(LoopRow.user == self.user)
        if track:
            stmt = stmt.where(LoopRow.track == track)
        if status:
            stmt = stmt.where(LoopRow.status == status)
        stmt = stmt.order_by(LoopRow.created_at.desc(), LoopRow.id.desc())
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._session() as session:
            return [self._record(session, r) for r in session.scalars(stmt)]

    def add_step(
        self,
        loop_id: int,
        *,
        position: int,
        round: str,
        kind: str,
        question_id: str | None,
        question: str,
        aimed_at: str | None = None,
    ) -> LoopStep:
        """Record that a question was asked; asking the same position twice returns the first.

        Two requests (two browser tabs) may ask at once; the unique (loop, position)
        key lets one insert win and the other read what it wrote.
        """
        where = (LoopStepRow.loop_id == loop_id, LoopStepRow.position == position)
        try:
            with self._session() as session, session.begin():
                self._own(session, loop_id)
                existing = session.scalars(select(LoopStepRow).where(*where)).first()
                if existing is not None:
                    return _step(existing)
                row = LoopStepRow(
                    loop_id=loop_id,
                    position=position,
                    round=round,
                    kind=kind,
                    question_id=question_id,
                    question=question,
                    aimed_at=aimed_at,
                    skipped=False,
                )
                session.add(row)
                session.flush()
                return _step(row)
        except IntegrityError:
            with self._session() as session:
                return _step(session.scalars(select(LoopStepRow).where(*where)).one())

    def _own_step(self, session: Session, step_id: int) -> LoopStepRow:
        row = session.get(LoopStepRow, step_id)
        if row is None:
            raise UsageError(f"no loop step {step_id}")
        loop = self._own(session, row.loop_id)
        if loop.status != "in_progress":
            raise UsageError(f"loop {loop.id} is finished; start a new one")
        loop.updated_at = utcnow()
        return row

    def link_attempt(self, step_id: int, attempt_id: int) -> None:
        """Tie the attempt (a draft or a submitted answer) to the step it answers."""
        with self._session() as session, session.begin():
            row = self._own_step(session, step_id)
            row.attempt_id = attempt_id
            row.skipped = False

    def skip(self, step_id: int) -> None:
        """Leave the step unanswered; any draft stays in `attempts`."""
        with self._session() as session, session.begin():
            self._own_step(session, step_id).skipped = True

    def finish(self, loop_id: int, debrief: dict[str, Any]) -> LoopRecord:
        with self._session() as session, session.begin():
            row = self._own(session, loop_id)
            row.status = "finished"
            row.finished_at = utcnow()
            row.debrief = debrief
            session.flush()
            return self._record(session, row)
