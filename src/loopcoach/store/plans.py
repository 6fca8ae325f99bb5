"""PlanStore: one user's prep plan, its items and the checklist items done.

It shares the Store's engine and user; the tables come from migration 0006. A plan
is written whole (the service builds it, this keeps it), and a re-plan swaps the
future items of the active plan in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from loopcoach.errors import UsageError
from loopcoach.store.feature import FeatureStore
from loopcoach.store.models import utcnow
from loopcoach.store.plan_models import ITEM_STATUSES, ChecklistDoneRow, PlanItemRow, PlanRow


@dataclass(frozen=True)
class NewPlanItem:
    """A session the planner wants on a day; the store gives it an id and a status."""

    day: date
    position: int
    kind: str
    minutes: int
    title: str
    why: str
    round: str | None = None
    competency: str | None = None
    question_id: str | None = None
    checklist_item: str | None = None


@dataclass(frozen=True)
class PlanItem:
    """A stored session of a plan."""

    id: int
    day: date
    position: int
    kind: str
    minutes: int
    title: str
    why: str
    round: str | None
    competency: str | None
    question_id: str | None
    checklist_item: str | None
    status: str
    done_at: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "day": self.day.isoformat(),
            "position": self.position,
            "kind": self.kind,
            "minutes": self.minutes,
            "title": self.title,
            "why": self.why,
            "round": self.round,
            "competency": self.competency,
            "question_id": self.question_id,
            "checklist_item": self.checklist_item,
            "status": self.status,
            "done_at": self.done_at.isoformat() if self.done_at else None,
        }


@dataclass(frozen=True)
class PlanRecord:
    """A plan as stored, with its items in day and position order."""

    id: int
    uid: str
    user: str
    track: str
    pack: str
    interview_date: date
    hours_per_day: float
    timezone: str
    start_time: str
    created_at: datetime
    updated_at: datetime
    status: str
    basis: dict[str, Any]
    items: tuple[PlanItem, ...]


def _item(row: PlanItemRow) -> PlanItem:
    return PlanItem(
        id=row.id,
        day=row.day,
        position=row.position,
        kind=row.kind,
        minutes=row.minutes,
        title=row.title,
        why=row.why,
        round=row.round,
        competency=row.competency,
        question_id=row.question_id,
        checklist_item=row.checklist_item,
        status=row.status,
        done_at=row.done_at,
    )


def _row(plan_id: int, item: NewPlanItem) -> PlanItemRow:
    return PlanItemRow(
        plan_id=plan_id,
        day=item.day,
        position=item.position,
        kind=item.kind,
        minutes=item.minutes,
        title=item.title,
        why=item.why,
        round=item.round,
        competency=item.competency,
        question_id=item.question_id,
        checklist_item=item.checklist_item,
        status="planned",
    )


class PlanStore(FeatureStore):
    """Create, re-plan and tick off the active plan; every write commits at once."""

    def _record(self, session: Session, row: PlanRow) -> PlanRecord:
        items = session.scalars(
            select(PlanItemRow)
            .where(PlanItemRow.plan_id == row.id)
            .order_by(PlanItemRow.day, PlanItemRow.position)
        )
        return PlanRecord(
            id=row.id,
            uid=row.uid,
            user=row.user,
            track=row.track,
            pack=row.pack,
            interview_date=row.interview_date,
            hours_per_day=row.hours_per_day,
            timezone=row.timezone,
            start_time=row.start_time,
            created_at=row.created_at,
            updated_at=row.updated_at,
            status=row.status,
            basis=dict(row.basis or {}),
            items=tuple(_item(i) for i in items),
        )

    def _active_row(self, session: Session) -> PlanRow | None:
        stmt = (
            select(PlanRow)
            .where(PlanRow.user == self.user, PlanRow.status == "active")
            .order_by(PlanRow.id.desc())
        )
        return session.scalars(stmt).first()

    def active(self) -> PlanRecord | None:
        """The user's active plan, or None."""
        with self._session() as session:
            row = self._active_row(session)
            return self._record(session, row) if row is not None else None

    def create(
        self,
        *,
        track: str,
        pack: str,
        interview_date: date,
        hours_per_day: float,
        timezone: str,
        start_time: str,
        basis: dict[str, Any],
        items: Iterable[NewPlanItem],
    ) -> PlanRecord:
        """A new active plan; the previous active plan, if any, is archived."""
        with self._session() as session, session.begin():
            for old in session.scalars(
                select(PlanRow).where(PlanRow.user == self.user, PlanRow.status == "active")
            ):
                old.status = "archived"
            row = PlanRow(
                user=self.user,
                track=track,
                pack=pack,
                interview_date=interview_date,
                hours_per_day=hours_per_day,
                timezone=timezone,
                start_time=start_time,
                basis=basis,
                status="active",
            )
            session.add(row)
            session.flush()
            session.add_all(_row(row.id, i) for i in items)
            session.flush()
            return self._record(session, row)

    def replace_items(
        self,
        plan_id: int,
        *,
        drop: Iterable[int],
        add: Iterable[NewPlanItem],
        basis: dict[str, Any],
    ) -> PlanRecord:
        """Delete the items `drop`, add `add` and keep the new basis, all in one commit."""
        with self._session() as session, session.begin():
            row = session.get(PlanRow, plan_id)
            if row is None or row.user != self.user:
                raise UsageError(f"no plan {plan_id}")
            ids = list(drop)
            for start in range(0, len(ids), 500):
                session.execute(
                    delete(PlanItemRow).where(
                        PlanItemRow.plan_id == plan_id, PlanItemRow.id.in_(ids[start : start + 500])
                    )
                )
            session.flush()
            session.add_all(_row(plan_id, i) for i in add)
            row.basis = basis
            row.updated_at = utcnow()
            session.flush()
            return self._record(session, row)

    def set_status(self, item_id: int, status: str, now: datetime | None = None) -> PlanItem:
        """Mark an item of the active plan done, skipped or planned again."""
        if status not in ITEM_STATUSES:
            raise ValueError(f"unknown item status {status!r}")
        with self._session() as session, session.begin():
            row = session.get(PlanItemRow, item_id)
            active = self._active_row(session)
            if row is None or active is None or row.plan_id != active.id:
                raise UsageError(
                    f"no item {item_id} in your active plan; `loopcoach plan show` lists them"
                )
            row.status = status
            row.done_at = (now or utcnow()) if status == "done" else None
            active.updated_at = utcnow()
            return _item(row)

    # -- the checklist ---------------------------------------------------------

    def checklist_done(self, track: str) -> dict[str, datetime]:
        """The checklist items of `track` done, with when."""
        stmt = select(ChecklistDoneRow.item_id, ChecklistDoneRow.done_at).where(
            ChecklistDoneRow.user == self.user, ChecklistDoneRow.track == track
        )
        with self._session() as session:
            return {item: when for item, when in session.execute(stmt)}

    def mark_checklist(
        self, track: str, item_id: str, done: bool, now: datetime | None = None
    ) -> None:
        """Record a checklist item as done (or not done any more); repeating it changes nothing."""
        where = (
            ChecklistDoneRow.user == self.user,
            ChecklistDoneRow.track == track,
            ChecklistDoneRow.item_id == item_id,
        )
        with self._session() as session, session.begin():
            existing = session.scalars(select(ChecklistDoneRow).where(*where)).first()
            if done and existing is None:
                session.add(
                    ChecklistDoneRow(
                        user=self.user, track=track, item_id=item_id, done_at=now or utcnow()
                    )
                )
            elif not done and existing is not None:
                session.delete(existing)
