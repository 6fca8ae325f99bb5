"""Flashcards with spaced review: the pack's cards and the user's own misses, scheduled by FSRS.

Every use case takes `now`, so review is deterministic (the scheduler runs without
fuzz). FSRS knows no deadline; with an interview date, a card that would next come
due only on or after that day, and whose predicted recall on the day is below the
target, is brought forward into today's queue.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from fsrs import Card, Rating, Scheduler

from loopcoach.errors import UsageError
from loopcoach.store.cards import CardRecord, CardStore, MissSource, NewCard

if TYPE_CHECKING:
    from loopcoach.content.index import Content
    from loopcoach.store.db import Store

RATINGS = {1: "again", 2: "hard", 3: "good", 4: "easy"}
RATING_IDS = {name: value for value, name in RATINGS.items()}
DEFAULT_TARGET = 0.9
MISS_DECK = "misses"
# A non-answer is not a point to learn; every other flag is.
SKIPPED_FLAGS = frozenset({"non_answer"})
QUESTION_CHARS = 200


def parse_rating(value: str | int) -> int:
    """1-4 or again/hard/good/easy (or its first letter) as FSRS's rating 1-4."""
    text = str(value).strip().lower()
    if text.isdigit() and int(text) in RATINGS:
        return int(text)
    for name, rating in RATING_IDS.items():
        if text and name.startswith(text):
            return rating
    raise UsageError(f"unknown rating {value!r}; use 1-4 or again, hard, good, easy")


def check_target(target: float) -> float:
    if not 0 < target < 1:
        raise UsageError(f"target recall must be between 0 and 1, not {target}")
    return target


def planned_interview_date(store: Store) -> date | None:
    """The interview date of the prep plan, when the plan feature is there and has one."""
    try:
        from loopcoach.services.plan import interview_date  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    found: date | None = interview_date(store)
    return found


def fsrs_id(*parts: str) -> int:
    """A stable positive integer for py-fsrs's card_id (it defaults to the clock)."""
    return int(hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:12], 16)


def short(text: str, limit: int = QUESTION_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class DueCard:
    """A card in today's queue; `brought_forward` when only the interview date put it there."""

    card: CardRecord
    brought_forward: bool
    recall_at_interview: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.card.to_json(),
            "brought_forward": self.brought_forward,
            "recall_at_interview": (
                round(self.recall_at_interview, 4) if self.recall_at_interview is not None else None
            ),
        }


@dataclass(frozen=True)
class Queue:
    """What to review now: due cards first, then those brought forward, weakest first."""

    now: datetime
    interview_date: date | None
    target: float
    cards: tuple[DueCard, ...]
    total: int
    new: int
    next_due: datetime | None

    @property
    def due(self) -> int:
        return sum(1 for c in self.cards if not c.brought_forward)

    @property
    def brought_forward(self) -> int:
        return sum(1 for c in self.cards if c.brought_forward)

    def first(self) -> DueCard | None:
        return self.cards[0] if self.cards else None

    def counts_json(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "interview_date": self.interview_date.isoformat() if self.interview_date else None,
            "target": self.target,
            "due": self.due,
            "brought_forward": self.brought_forward,
            "new": self.new,
            "total": self.total,
            "next_due": self.next_due.isoformat() if self.next_due else None,
        }


@dataclass(frozen=True)
class SyncResult:
    pack: int
    miss: int


class CardService:
    """Sync, queue, review and export one user's cards."""

    def __init__(self, store: Store, content: Content, *, scheduler: Scheduler | None = None):
        self.store = store
        self.content = content
        self.cards = CardStore(store)
        self.scheduler = scheduler or Scheduler(enable_fuzzing=False)

    # -- making cards ------------------------------------------------------------

    def _fresh(self, origin: str, now: datetime) -> dict[str, Any]:
        card = Card(card_id=fsrs_id(self.store.user, origin), due=now)
        return dict(card.to_dict())

    def sync(self, now: datetime) -> SyncResult:
        """Add the pack cards and miss cards this user has no card for yet."""
        return SyncResult(pack=self._sync_pack(now), miss=self._sync_misses(now))

    def _sync_pack(self, now: datetime) -> int:
        have = self.cards.origins("pack")
        new: list[NewCard] = []
        for pack in self.content.packs.values():
            for card in pack.cards.values():
                origin = f"pack:{pack.id}:{card.id}"
                if origin in have:
                    continue
                new.append(
                    NewCard(
                        source="pack",
                        origin=origin,
                        deck=card.deck,
                        front=card.front,
                        back=card.back,
                        fsrs=self._fresh(origin, now),
                        due=now,
                        created_at=now,
                        pack=pack.id,
                        pack_card_id=card.id,
                    )
                )
        return self.cards.add(new)

    def _sync_misses(self, now: datetime) -> int:
        new: list[NewCard] = []
        for source in self.cards.assessments_after(self.cards.miss_watermark()):
            new.extend(self._miss_cards(source, now))
        return self.cards.add(new)

    def _flag_text(self, flag_id: str, fallback: str) -> tuple[str, str]:
        for pack in self.content.packs.values():
            found = pack.red_flags.get(flag_id)
            if found is not None:
                return found.name, f"{found.description}\nWhy it matters: {found.why}"
        return flag_id.replace("_", " ").capitalize(), fallback

    def _miss_cards(self, source: MissSource, now: datetime) -> list[NewCard]:
        payload = source.payload
        question = short(source.question)
        when = source.answered_at.strftime("%d %b %Y")
        coverage = payload.get("coverage") or {}
        missed = [str(p["point"]) for p in coverage.get("points", []) if not p.get("covered")]
        out: list[NewCard] = []

        def card(kind: str, key: str, miss: str, front: str, back: str) -> NewCard:
            origin = f"miss:{source.attempt_uid}:{kind}:{key}"
            return NewCard(
                source="miss",
                origin=origin,
                deck=MISS_DECK,
                front=front,
                back=back,
                fsrs=self._fresh(origin, now),
                due=now,
                created_at=now,
                attempt_id=source.attempt_id,
                assessment_id=source.assessment_id,
                miss=miss,
            )

        for i, point in enumerate(missed, 1):
            key = hashlib.sha256(point.encode()).hexdigest()[:16]
            of = f" ({i} of {len(missed)})" if len(missed) > 1 else ""
            front = f"What point did your answer to “{question}” leave out?{of}"
            back = f"{point}\n\nLeft out of your answer of {when} (attempt {source.attempt_id})."
            out.append(card("point", key, point, front, back))
        for flag in payload.get("flags", []):
            flag_id = str(flag.get("id", ""))
            if not flag_id or flag_id in SKIPPED_FLAGS:
                continue
            name, explained = self._flag_text(flag_id, str(flag.get("why", "")))
            quotes = [short(str(e.get("text", "")), 120) for e in flag.get("evidence", [])]
            heard = f" It was heard in: “{quotes[0]}”." if quotes and quotes[0] else ""
            front = f"Red flag “{name}”: what raises it, and what do you say instead?"
            back = (
                f"{explained}\n\nRaised by your answer to “{question}” of {when} "
                f"(attempt {source.attempt_id}).{heard}"
            )
            out.append(card("flag", flag_id, flag_id, front, back))
        return out

    # -- the queue ---------------------------------------------------------------

    def queue(
        self,
        now: datetime,
        *,
        interview_date: date | None = None,
        target: float = DEFAULT_TARGET,
        sync: bool = True,
    ) -> Queue:
        """Cards due by `now`, then those the interview date brings forward."""
        check_target(target)
        if sync:
            self.sync(now)
        cards = self.cards.cards()
        on_day = (
            datetime.combine(interview_date, time(0, 0), tzinfo=UTC) if interview_date else None
        )
        due: list[DueCard] = []
        forward: list[DueCard] = []
        later: list[datetime] = []
        new = 0
        for c in cards:
            state = Card.from_dict(c.fsrs)  # type: ignore[arg-type]
            recall = (
                self.scheduler.get_card_retrievability(state, on_day)
                if on_day is not None
                else None
            )
            if c.due <= now:
                new += state.last_review is None
                due.append(DueCard(c, False, recall))
            elif (
                on_day is not None
                and now < on_day <= c.due
                and recall is not None
                and recall < target
            ):
                # Left alone it would come up only on or after the day, already faded.
                forward.append(DueCard(c, True, recall))
            else:
                later.append(c.due)
        forward.sort(key=lambda d: (d.recall_at_interview or 0.0, d.card.due, d.card.id))
        return Queue(
            now=now,
            interview_date=interview_date,
            target=target,
            cards=(*due, *forward),
            total=len(cards),
            new=new,
            next_due=min(later) if later else None,
        )

    def interview_date(self, given: date | None = None) -> date | None:
        """The date given, else the prep plan's."""
        return given if given is not None else planned_interview_date(self.store)

    # -- review ------------------------------------------------------------------

    def review(
        self, uid: str, rating: int | str, now: datetime, *, duration_ms: int | None = None
    ) -> CardRecord:
        """Rate a card (1 again, 2 hard, 3 good, 4 easy): reschedule it and log the review."""
        value = parse_rating(rating)
        record = self.cards.card(uid)
        state = Card.from_dict(record.fsrs)  # type: ignore[arg-type]
        updated, log = self.scheduler.review_card(
            state, Rating(value), review_datetime=now.astimezone(UTC), review_duration=duration_ms
        )
        self.cards.record_review(
            record.id,
            fsrs=dict(updated.to_dict()),
            due=updated.due,
            rating=value,
            reviewed_at=now,
            log=dict(log.to_dict()),
        )
        return self.cards.card(uid)


# -- export -----------------------------------------------------------------------

ANKI_ID_FLOOR = 1 << 30
CSV_COLUMNS = (
    "uid",
    "deck",
    "source",
    "front",
    "back",
    "due",
    "state",
    "stability",
    "difficulty",
    "last_review",
    "reviews",
)


def anki_id(*parts: str) -> int:
    """A deck, model or note id for Anki: stable for the same parts, in genanki's range."""
    digest = int(hashlib.sha256("\x1f".join(("loopcoach", *parts)).encode()).hexdigest(), 16)
    return ANKI_ID_FLOOR + digest % ANKI_ID_FLOOR


def _field(text: str) -> str:
    import html

    return html.escape(text).replace("\n", "<br>")


def export_anki(service: CardService, path: Any, now: datetime) -> int:
    """Write every card to an .apkg, one sub-deck per deck; return how many notes.

    Deck, model and note ids and note guids come from the user and the card's uid, so
    importing a second export updates the notes already in Anki instead of copying them.
    """
    import itertools

    import genanki  # type: ignore[import-untyped]

    user = service.store.user
    model = genanki.Model(
        anki_id("model", user),
        "loopcoach card",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<p><small>{{Source}}</small></p>',
            }
        ],
    )

    class StableNote(genanki.Note):  # type: ignore[misc]
        """A note whose id is fixed, not drawn from the export's clock."""

        note_id = 0

        def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
            super().write_to_db(cursor, timestamp, deck_id, itertools.chain([self.note_id], id_gen))

    service.sync(now)
    decks: dict[str, Any] = {}
    count = 0
    for card in service.cards.cards():
        deck = decks.get(card.deck)
        if deck is None:
            deck = genanki.Deck(anki_id("deck", user, card.deck), f"loopcoach::{card.deck}")
            decks[card.deck] = deck
        where = (
            card.pack_card_id if card.source == "pack" else f"your miss, attempt {card.attempt_id}"
        )
        note = StableNote(
            model=model,
            fields=[_field(card.front), _field(card.back), _field(f"{card.source}: {where}")],
            guid=genanki.guid_for(card.uid),
            tags=[f"loopcoach-{card.source}", f"loopcoach-{card.deck}"],
        )
        note.note_id = anki_id("note", user, card.uid)
        deck.add_note(note)
        count += 1
    genanki.Package(list(decks.values())).write_to_file(str(path), timestamp=now.timestamp())
    return count


def _cell(text: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character is quoted away."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_csv(service: CardService, path: Any, now: datetime) -> int:
    """Write every card, with its schedule, as CSV; return how many rows."""
    import csv

    service.sync(now)
    reviews: dict[int, int] = {}
    for r in service.cards.reviews():
        reviews[r.card_id] = reviews.get(r.card_id, 0) + 1
    cards = service.cards.cards()
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for c in cards:
            f = c.fsrs
            writer.writerow(
                [
                    c.uid,
                    c.deck,
                    c.source,
                    _cell(c.front),
                    _cell(c.back),
                    c.due.isoformat(),
                    {1: "learning", 2: "review", 3: "relearning"}.get(int(f.get("state", 1)), ""),
                    f.get("stability") or "",
                    f.get("difficulty") or "",
                    f.get("last_review") or "",
                    reviews.get(c.id, 0),
                ]
            )
    return len(cards)
