"""CardStore: one user's flashcards and their review log, on the same engine as the Store.

It writes only the card tables (migration 0005); it reads the attempts and
assessments tables to find the misses that cards are made from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from loopcoach.errors import UsageError
from loopcoach.store.card_models import CARD_SOURCES, CardReviewRow, CardRow
from loopcoach.store.feature import FeatureStore
from loopcoach.store.models import AssessmentRow, Attempt


@dataclass(frozen=True)
class NewCard:
    """A card to add: what it says, where it came from, and its first FSRS state."""

    source: str
    origin: str
    deck: str
    front: str
    back: str
    fsrs: dict[str, Any]
    due: datetime
    created_at: datetime
    pack: str | None = None
    pack_card_id: str | None = None
    attempt_id: int | None = None
    assessment_id: int | None = None
    miss: str | None = None


@dataclass(frozen=True)
class CardRecord:
    """A card as stored."""

    id: int
    uid: str
    source: str
    origin: str
    deck: str
    pack: str | None
    pack_card_id: str | None
    attempt_id: int | None
    miss: str | None
    front: str
    back: str
    fsrs: dict[str, Any]
    due: datetime
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "source": self.source,
            "deck": self.deck,
            "pack": self.pack,
            "pack_card_id": self.pack_card_id,
            "attempt_id": self.attempt_id,
            "miss": self.miss,
            "front": self.front,
            "back": self.back,
            "due": self.due.isoformat(),
            "fsrs": dict(self.fsrs),
        }


@dataclass(frozen=True)
class ReviewRecord:
    """One review of a card, as logged."""

    card_id: int
    rating: int
    reviewed_at: datetime
    log: dict[str, Any]


@dataclass(frozen=True)
class MissSource:
    """A scored attempt's assessment, the raw material of miss cards."""

    attempt_id: int
    attempt_uid: str
    question: str
    answered_at: datetime
    assessment_id: int
    payload: dict[str, Any]


def _card(row: CardRow) -> CardRecord:
    return CardRecord(
        id=row.id,
        uid=row.uid,
        source=row.source,
        origin=row.origin,
        deck=row.deck,
        pack=row.pack,
        pack_card_id=row.pack_card_id,
        attempt_id=row.attempt_id,
        miss=row.miss,
        front=row.front,
        back=row.back,
        fsrs=dict(row.fsrs),
        due=row.due,
        created_at=row.created_at,
    )


class CardStore(FeatureStore):
    """Add, list and review one user's cards; every write commits at once."""

    def origins(self, source: str) -> set[str]:
        with self._session() as session:
            stmt = select(CardRow.origin).where(CardRow.user == self.user, CardRow.source == source)
            return set(session.scalars(stmt))

    def add(self, cards: Iterable[NewCard]) -> int:
        """Insert the cards whose origin this user has no card for yet; return how many."""
        cards = list(cards)
        if not cards:
            return 0
        with self._session() as session, session.begin():
            have = set(
                session.scalars(
                    select(CardRow.origin).where(
                        CardRow.user == self.user,
                        CardRow.origin.in_([c.origin for c in cards]),
                    )
                )
            )
            added = 0
            for c in cards:
                if c.source not in CARD_SOURCES:
                    raise ValueError(f"unknown card source {c.source!r}")
                if c.origin in have:
                    continue
                have.add(c.origin)
                session.add(
                    CardRow(
                        user=self.user,
                        source=c.source,
                        origin=c.origin,
                        deck=c.deck,
                        pack=c.pack,
                        pack_card_id=c.pack_card_id,
                        attempt_id=c.attempt_id,
                        assessment_id=c.assessment_id,
                        miss=c.miss,
                        front=c.front,
                        back=c.back,
                        fsrs=c.fsrs,
                        due=c.due,
                        created_at=c.created_at,
                    )
                )
                added += 1
            return added

    def miss_watermark(self) -> int:
        """The newest assessment a miss card was made from (0 when none)."""
        with self._session() as session:
            stmt = select(func.max(CardRow.assessment_id)).where(CardRow.user == self.user)
            return int(session.scalar(stmt) or 0)

    def assessments_after(self, assessment_id: int) -> list[MissSource]:
        """This user's assessments of scored attempts newer than `assessment_id`, oldest first."""
        stmt = (
            select(
                Attempt.id,
                Attempt.uid,
                Attempt.question,
                Attempt.created_at,
                AssessmentRow.id,
                AssessmentRow.payload,
            )
            .join(AssessmentRow, AssessmentRow.attempt_id == Attempt.id)
            .where(
                Attempt.user == self.user,
                Attempt.status == "scored",
                AssessmentRow.id > assessment_id,
            )
            .order_by(AssessmentRow.id)
        )
        with self._session() as session:
            return [
                MissSource(
                    attempt_id=a_id,
                    attempt_uid=uid or str(a_id),
                    question=question,
                    answered_at=created,
                    assessment_id=s_id,
                    payload=dict(payload or {}),
                )
                for a_id, uid, question, created, s_id, payload in session.execute(stmt)
            ]

    def cards(self, *, due_by: datetime | None = None) -> list[CardRecord]:
        """This user's cards, soonest due first; only those due by `due_by` when given."""
        stmt = select(CardRow).where(CardRow.user == self.user)
        if due_by is not None:
            stmt = stmt.where(CardRow.due <= due_by)
        stmt = stmt.order_by(CardRow.due, CardRow.id)
        with self._session() as session:
            return [_card(r) for r in session.scalars(stmt)]

    def card(self, uid: str) -> CardRecord:
        with self._session() as session:
            row = session.scalar(select(CardRow).where(CardRow.uid == uid))
            if row is None or row.user != self.user:
                raise UsageError(f"no card {uid}")
            return _card(row)

    def record_review(
        self,
        card_id: int,
        *,
        fsrs: dict[str, Any],
        due: datetime,
        rating: int,
        reviewed_at: datetime,
        log: dict[str, Any],
    ) -> None:
        """Keep the card's new FSRS state and log the review, in one transaction."""
        with self._session() as session, session.begin():
            row = session.get(CardRow, card_id)
            if row is None or row.user != self.user:
                raise UsageError(f"no card {card_id}")
            row.fsrs = fsrs
            row.due = due
            session.add(
                CardReviewRow(card_id=card_id, rating=rating, reviewed_at=reviewed_at, log=log)
            )

    def reviews(self, card_id: int | None = None) -> list[ReviewRecord]:
        """The review log of one card, or of all this user's cards, oldest first."""
        stmt = (
            select(CardReviewRow)
            .join(CardRow, CardRow.id == CardReviewRow.card_id)
            .where(CardRow.user == self.user)
        )
        if card_id is not None:
            stmt = stmt.where(CardReviewRow.card_id == card_id)
        stmt = stmt.order_by(CardReviewRow.reviewed_at, CardReviewRow.id)
        with self._session() as session:
            return [
                ReviewRecord(r.card_id, r.rating, r.reviewed_at, dict(r.log))
                for r in session.scalars(stmt)
            ]
