"""StoryStore: one user's STAR stories and the attempts that told them, on the Store's engine.

The story tables come from migration 0007. Every write commits at once; deleting a
story deletes its row and its links (SQLite's secure_delete zeroes the freed pages).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from loopcoach.errors import UsageError
from loopcoach.store.db import Store
from loopcoach.store.models import MAX_ID, Attempt, storable_text
from loopcoach.store.story_models import STAR_PARTS, AttemptStoryRow, StoryRow

TEXT_FIELDS = ("title", *STAR_PARTS, "notes")


@dataclass(frozen=True)
class StoryRecord:
    """A story as stored, with what the scorer said of it and how often it was told."""

    id: int
    uid: str
    user: str
    created_at: datetime
    updated_at: datetime
    title: str
    situation: str
    task: str
    action: str
    result: str
    reflection: str
    notes: str
    competencies: tuple[str, ...]
    suggested: tuple[str, ...]
    track: str
    scores: dict[str, Any] = field(default_factory=dict)
    told_in: tuple[int, ...] = ()

    def part(self, name: str) -> str:
        return str(getattr(self, name))

    @property
    def shows(self) -> tuple[str, ...]:
        """The competencies it shows: the user's own, then those its text suggests."""
        return tuple(dict.fromkeys((*self.competencies, *self.suggested)))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uid": self.uid,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "title": self.title,
            **{p: self.part(p) for p in STAR_PARTS},
            "notes": self.notes,
            "competencies": list(self.competencies),
            "suggested_competencies": list(self.suggested),
            "track": self.track,
            "scores": self.scores,
            "told_in_attempts": list(self.told_in),
        }


def _record(row: StoryRow, told_in: Sequence[int] = ()) -> StoryRecord:
    return StoryRecord(
        id=row.id,
        uid=row.uid,
        user=row.user,
        created_at=row.created_at,
        updated_at=row.updated_at,
        title=row.title,
        situation=row.situation,
        task=row.task,
        action=row.action,
        result=row.result,
        reflection=row.reflection,
        notes=row.notes,
        competencies=tuple(row.competencies or ()),
        suggested=tuple(row.suggested or ()),
        track=row.track,
        scores=dict(row.scores or {}),
        told_in=tuple(told_in),
    )


class StoryStore:
    """Create, change, list and delete stories; link an attempt to the story it told."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.user = store.user
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)

    def _session(self) -> Session:
        return self._sessions()

    def _own(self, session: Session, story_id: int) -> StoryRow:
        row = session.get(StoryRow, story_id) if 0 < story_id <= MAX_ID else None
        if row is None or row.user != self.user:
            raise UsageError(f"no story {story_id}; `loopcoach stories list` shows their ids")
        return row

    def _told(self, session: Session, story_ids: Sequence[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        if not story_ids:
            return out
        stmt = (
            select(AttemptStoryRow.story_id, AttemptStoryRow.attempt_id)
            .where(AttemptStoryRow.story_id.in_(story_ids))
            .order_by(AttemptStoryRow.attempt_id)
        )
        for story_id, attempt_id in session.execute(stmt):
            out.setdefault(story_id, []).append(attempt_id)
        return out

    def create(self, fields: Mapping[str, Any], *, uid: str | None = None) -> StoryRecord:
        with self._session() as session, session.begin():
            row = StoryRow(user=self.user, **_clean(fields))
            if uid:
                row.uid = uid
            session.add(row)
            session.flush()
            return _record(row)

    def update(self, story_id: int, fields: Mapping[str, Any]) -> StoryRecord:
        with self._session() as session, session.begin():
            row = self._own(session, story_id)
            for key, value in _clean(fields).items():
                setattr(row, key, value)
            session.flush()
            return _record(row, self._told(session, [row.id]).get(row.id, ()))

    def get(self, story_id: int) -> StoryRecord:
        with self._session() as session:
            row = self._own(session, story_id)
            return _record(row, self._told(session, [row.id]).get(row.id, ()))

    def by_uid(self, uid: str) -> StoryRecord | None:
        with self._session() as session:
            row = session.scalars(
                select(StoryRow).where(StoryRow.uid == uid, StoryRow.user == self.user)
            ).first()
            return None if row is None else _record(row)

    def uid_taken(self, uid: str) -> bool:
        with self._session() as session:
            return session.scalar(select(func.count()).where(StoryRow.uid == uid)) != 0

    def stories(self) -> list[StoryRecord]:
        """This user's stories, oldest first (their ids are stable handles)."""
        with self._session() as session:
            rows = list(
                session.scalars(
                    select(StoryRow).where(StoryRow.user == self.user).order_by(StoryRow.id)
                )
            )
            told = self._told(session, [r.id for r in rows])
            return [_record(r, told.get(r.id, ())) for r in rows]

    def delete(self, story_id: int) -> None:
        with self._session() as session, session.begin():
            row = self._own(session, story_id)
            session.execute(delete(AttemptStoryRow).where(AttemptStoryRow.story_id == row.id))
            session.delete(row)

    def tell(self, story_id: int, attempt_id: int) -> None:
        """Record that attempt `attempt_id` told story `story_id` (replacing any earlier link)."""
        with self._session() as session, session.begin():
            self._own(session, story_id)
            attempt = session.get(Attempt, attempt_id) if 0 < attempt_id <= MAX_ID else None
            if attempt is None or attempt.user != self.user:
                raise UsageError(f"no attempt {attempt_id} of yours")
            link = session.get(AttemptStoryRow, attempt_id)
            if link is None:
                session.add(AttemptStoryRow(attempt_id=attempt_id, story_id=story_id))
            else:
                link.story_id = story_id

    def untell(self, attempt_id: int) -> bool:
        with self._session() as session, session.begin():
            link = session.get(AttemptStoryRow, attempt_id)
            if link is None:
                return False
            attempt = session.get(Attempt, attempt_id)
            if attempt is None or attempt.user != self.user:
                return False
            session.delete(link)
            return True

    def story_of(self, attempt_id: int) -> int | None:
        with self._session() as session:
            link = session.get(AttemptStoryRow, attempt_id) if 0 < attempt_id <= MAX_ID else None
            return None if link is None else link.story_id


def _clean(fields: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key in TEXT_FIELDS:
            out[key] = storable_text(str(value))
        elif key in ("competencies", "suggested"):
            out[key] = [str(c) for c in value]
        elif key in ("track", "scores"):
            out[key] = value
        else:
            raise ValueError(f"not a story field: {key!r}")
    return out
