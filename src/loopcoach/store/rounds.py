"""RealRoundStore: one user's log of real interview rounds and the questions each asked.

The tables come from migration 0008. The service checks what is logged; this keeps
it. Every write commits at once, and a round is written whole with its questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from loopcoach.errors import UsageError
from loopcoach.store.feature import FeatureStore
from loopcoach.store.models import MAX_ID, storable_text, utcnow
from loopcoach.store.round_models import OUTCOMES, RealRoundQuestionRow, RealRoundRow


@dataclass(frozen=True)
class RealQuestion:
    """A question a real round asked, with its place in the round."""

    id: int
    position: int
    text: str
    competencies: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "position": self.position,
            "text": self.text,
            "competencies": list(self.competencies),
        }


@dataclass(frozen=True)
class RealRoundRecord:
    """A real round as stored, with its questions in the order they were asked."""

    id: int
    uid: str
    user: str
    track: str
    pack: str
    round: str
    company: str
    held_on: date
    feeling: int
    outcome: str
    notes: str
    created_at: datetime
    updated_at: datetime
    questions: tuple[RealQuestion, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uid": self.uid,
            "track": self.track,
            "pack": self.pack,
            "round": self.round,
            "company": self.company,
            "held_on": self.held_on.isoformat(),
            "feeling": self.feeling,
            "outcome": self.outcome,
            "notes": self.notes,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "questions": [q.to_json() for q in self.questions],
        }


@dataclass(frozen=True)
class NewRealRound:
    """A real round the service has checked, ready to be kept."""

    track: str
    pack: str
    round: str
    held_on: date
    feeling: int
    questions: tuple[str, ...]
    competencies: tuple[str, ...] = ()
    company: str = ""
    notes: str = ""
    outcome: str = "pending"


class RealRoundStore(FeatureStore):
    """Log, change, list and delete real rounds; each read sees only this user's."""

    def _own(self, session: Session, round_id: int) -> RealRoundRow:
        row = session.get(RealRoundRow, round_id) if 0 < round_id <= MAX_ID else None
        if row is None or row.user != self.user:
            raise UsageError(f"no real round {round_id}; `loopcoach rounds list` shows their ids")
        return row

    def _records(self, session: Session, rows: Sequence[RealRoundRow]) -> list[RealRoundRecord]:
        asked: dict[int, list[RealQuestion]] = {r.id: [] for r in rows}
        ids = list(asked)
        for start in range(0, len(ids), 500):
            stmt = (
                select(RealRoundQuestionRow)
                .where(RealRoundQuestionRow.real_round_id.in_(ids[start : start + 500]))
                .order_by(RealRoundQuestionRow.real_round_id, RealRoundQuestionRow.position)
            )
            for q in session.scalars(stmt):
                asked[q.real_round_id].append(
                    RealQuestion(q.id, q.position, q.text, tuple(q.competencies or ()))
                )
        return [
            RealRoundRecord(
                id=r.id,
                uid=r.uid,
                user=r.user,
                track=r.track,
                pack=r.pack,
                round=r.round,
                company=r.company,
                held_on=r.held_on,
                feeling=r.feeling,
                outcome=r.outcome,
                notes=r.notes,
                created_at=r.created_at,
                updated_at=r.updated_at,
                questions=tuple(asked[r.id]),
            )
            for r in rows
        ]

    def create(self, new: NewRealRound) -> RealRoundRecord:
        with self._session() as session, session.begin():
            row = RealRoundRow(
                user=self.user,
                track=new.track,
                pack=new.pack,
                round=new.round,
                company=storable_text(new.company),
                held_on=new.held_on,
                feeling=new.feeling,
                outcome=new.outcome,
                notes=storable_text(new.notes),
            )
            session.add(row)
            session.flush()
            session.add_all(
                RealRoundQuestionRow(
                    real_round_id=row.id,
                    position=n,
                    text=storable_text(text),
                    competencies=list(new.competencies),
                )
                for n, text in enumerate(new.questions)
            )
            session.flush()
            return self._records(session, [row])[0]

    def get(self, round_id: int) -> RealRoundRecord:
        with self._session() as session:
            return self._records(session, [self._own(session, round_id)])[0]

    def rounds(self, track: str | None = None) -> list[RealRoundRecord]:
        """This user's real rounds (of one track), the latest held first; ties by id."""
        stmt = select(RealRoundRow).where(RealRoundRow.user == self.user)
        if track is not None:
            stmt = stmt.where(RealRoundRow.track == track)
        stmt = stmt.order_by(RealRoundRow.held_on.desc(), RealRoundRow.id.desc())
        with self._session() as session:
            return self._records(session, list(session.scalars(stmt)))

    def update(
        self, round_id: int, *, outcome: str | None = None, notes: str | None = None
    ) -> RealRoundRecord:
        """Set the outcome or the notes (or both); what is left None is kept."""
        if outcome is not None and outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        with self._session() as session, session.begin():
            row = self._own(session, round_id)
            if outcome is not None:
                row.outcome = outcome
            if notes is not None:
                row.notes = storable_text(notes)
            row.updated_at = utcnow()
            session.flush()
            return self._records(session, [row])[0]

    def delete(self, round_id: int) -> None:
        """Delete a round and its questions for good."""
        with self._session() as session, session.begin():
            row = self._own(session, round_id)
            # Deleted here too: SQLite enforces the CASCADE only with its foreign keys on.
            session.execute(
                delete(RealRoundQuestionRow).where(RealRoundQuestionRow.real_round_id == row.id)
            )
            session.delete(row)
