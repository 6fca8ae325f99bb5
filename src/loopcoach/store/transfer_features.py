"""The sections of `loopcoach.export/1` that later features added: stories, plans, cards...

Each section is a pydantic model of one record, a reader that yields the user's records
in chunks of the primary key, and a writer that adds one validated record inside the
import's transaction. The sections are optional in a file, so an export written before
a feature existed still imports. Records refer to attempts by uid, as everywhere in the
format; a writer is handed `attempt_id(uid)` to turn one into this database's id.

What "already here" means, so a second import adds nothing:
- a story, a plan or a card with the same uid;
- a checklist item done for the same track and item;
- a card with the same origin (the pack card or the miss it was made from). When the
  card here has never been reviewed (a fresh install synced the pack's cards before the
  import), it takes the file's schedule and reviews; otherwise it is kept as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import Connection, func, insert, select, update

from loopcoach.store.card_models import CardReviewRow, CardRow
from loopcoach.store.db import Store
from loopcoach.store.models import AssessmentRow, Attempt
from loopcoach.store.plan_models import ChecklistDoneRow, PlanItemRow, PlanRow
from loopcoach.store.round_models import RealRoundQuestionRow, RealRoundRow
from loopcoach.store.story_models import AttemptStoryRow, StoryRow
from loopcoach.store.transfer_base import Record

CHUNK = 500
UID = r"^[0-9a-f]{32}$"
AttemptIds = Callable[[str], int | None]
Problem = Callable[[str, str], None]


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


# -- the records ------------------------------------------------------------------


class StoryOut(Record):
    """One STAR story with its scores, and the attempts (by uid) that told it."""

    uid: str = Field(pattern=UID)
    created_at: datetime
    updated_at: datetime
    title: str = Field(min_length=1, max_length=200)
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    reflection: str = ""
    notes: str = ""
    competencies: list[str] = Field(default_factory=list)
    suggested: list[str] = Field(default_factory=list)
    track: str = Field(min_length=1, max_length=80)
    scores: dict[str, Any] = Field(default_factory=dict)
    told: list[str] = Field(
        default_factory=list, description="The uids of the attempts that told this story."
    )


class PlanItemOut(Record):
    """One session of a plan."""

    day: date
    position: int = Field(ge=0, le=2**31 - 1)
    kind: Literal["checklist", "story", "practice", "loop", "cards", "rest"]
    round: str | None = Field(None, max_length=40)
    competency: str | None = Field(None, max_length=80)
    question_id: str | None = Field(None, max_length=80)
    checklist_item: str | None = Field(None, max_length=80)
    minutes: int = Field(ge=0, le=24 * 60)
    title: str
    why: str
    status: Literal["planned", "done", "skipped"]
    done_at: datetime | None = None


class PlanOut(Record):
    """One prep plan, active or archived, with its sessions."""

    uid: str = Field(pattern=UID)
    created_at: datetime
    updated_at: datetime
    status: Literal["active", "archived"]
    track: str = Field(min_length=1, max_length=80)
    pack: str = Field(min_length=1, max_length=80)
    interview_date: date
    hours_per_day: float = Field(ge=0.5, le=12)
    timezone: str = Field(min_length=1, max_length=64)
    start_time: str = Field(pattern=r"^\d\d:\d\d$")
    basis: dict[str, Any] = Field(default_factory=dict)
    items: list[PlanItemOut] = Field(default_factory=list)


class ChecklistOut(Record):
    """A track's checklist item that was done."""

    track: str = Field(min_length=1, max_length=80)
    item_id: str = Field(min_length=1, max_length=80)
    done_at: datetime


class ReviewOut(Record):
    """One review of a card: the rating (1 Again to 4 Easy), when, and py-fsrs's log."""

    rating: int = Field(ge=1, le=4)
    reviewed_at: datetime
    log: dict[str, Any]


class CardOut(Record):
    """One flashcard with its FSRS state and its reviews, oldest first."""

    uid: str = Field(pattern=UID)
    created_at: datetime
    source: Literal["pack", "miss"]
    origin: str = Field(min_length=1, max_length=200)
    deck: str = Field(min_length=1, max_length=80)
    pack: str | None = Field(None, max_length=80)
    pack_card_id: str | None = Field(None, max_length=80)
    attempt: str | None = Field(None, pattern=UID, description="A miss card's attempt uid.")
    miss: str | None = None
    front: str
    back: str
    fsrs: dict[str, Any]
    due: datetime
    reviews: list[ReviewOut] = Field(default_factory=list)


class RealQuestionOut(Record):
    """A question a real round asked, in order."""

    position: int = Field(ge=0, le=2**31 - 1)
    text: str = Field(min_length=1)
    competencies: list[str] = Field(default_factory=list)


class RealRoundOut(Record):
    """A real interview round the candidate logged: how it went, how it ended, what it asked."""

    uid: str = Field(pattern=UID)
    created_at: datetime
    updated_at: datetime
    track: str = Field(min_length=1, max_length=80)
    pack: str = Field(min_length=1, max_length=80)
    round: str = Field(min_length=1, max_length=40)
    company: str = Field("", max_length=200)
    held_on: date
    feeling: int = Field(ge=1, le=5)
    outcome: Literal["pending", "passed", "rejected", "offer", "withdrawn"]
    notes: str = ""
    questions: list[RealQuestionOut] = Field(default_factory=list)


# -- export -----------------------------------------------------------------------


def _pages(conn: Connection, table: Any, user: str) -> Iterator[Sequence[Any]]:
    last = 0
    while True:
        rows = conn.execute(
            select(table)
            .where(table.user.concat("") == user, table.id > last)
            .order_by(table.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            return
        last = rows[-1].id
        yield rows


def _story_chunks(store: Store, conn: Connection) -> Iterator[list[dict[str, Any]]]:
    for rows in _pages(conn, StoryRow, store.user):
        told: dict[int, list[str]] = {r.id: [] for r in rows}
        for link in conn.execute(
            select(AttemptStoryRow.story_id, Attempt.uid)
            .join(Attempt, Attempt.id == AttemptStoryRow.attempt_id)
            .where(AttemptStoryRow.story_id.in_(list(told)))
            .order_by(AttemptStoryRow.attempt_id)
        ):
            told[link.story_id].append(link.uid)
        yield [
            {
                "uid": r.uid,
                "created_at": _iso(r.created_at),
                "updated_at": _iso(r.updated_at),
                "title": r.title,
                **{p: getattr(r, p) for p in ("situation", "task", "action", "result")},
                "reflection": r.reflection,
                "notes": r.notes,
                "competencies": list(r.competencies or ()),
                "suggested": list(r.suggested or ()),
                "track": r.track,
                "scores": r.scores or {},
                "told": told[r.id],
            }
            for r in rows
        ]


def _plan_chunks(store: Store, conn: Connection) -> Iterator[list[dict[str, Any]]]:
    for rows in _pages(conn, PlanRow, store.user):
        items: dict[int, list[dict[str, Any]]] = {r.id: [] for r in rows}
        for i in conn.execute(
            select(PlanItemRow)
            .where(PlanItemRow.plan_id.in_(list(items)))
            .order_by(PlanItemRow.plan_id, PlanItemRow.day, PlanItemRow.position)
        ):
            items[i.plan_id].append(
                {
                    "day": i.day.isoformat(),
                    "position": i.position,
                    "kind": i.kind,
                    "round": i.round,
                    "competency": i.competency,
                    "question_id": i.question_id,
                    "checklist_item": i.checklist_item,
                    "minutes": i.minutes,
                    "title": i.title,
                    "why": i.why,
                    "status": i.status,
                    "done_at": _iso(i.done_at),
                }
            )
        yield [
            {
                "uid": r.uid,
                "created_at": _iso(r.created_at),
                "updated_at": _iso(r.updated_at),
                "status": r.status,
                "track": r.track,
                "pack": r.pack,
                "interview_date": r.interview_date.isoformat(),
                "hours_per_day": r.hours_per_day,
                "timezone": r.timezone,
                "start_time": r.start_time,
                "basis": r.basis or {},
                "items": items[r.id],
            }
            for r in rows
        ]


def _checklist_chunks(store: Store, conn: Connection) -> Iterator[list[dict[str, Any]]]:
    for rows in _pages(conn, ChecklistDoneRow, store.user):
        yield [{"track": r.track, "item_id": r.item_id, "done_at": _iso(r.done_at)} for r in rows]


def _card_chunks(store: Store, conn: Connection) -> Iterator[list[dict[str, Any]]]:
    for rows in _pages(conn, CardRow, store.user):
        reviews: dict[int, list[dict[str, Any]]] = {r.id: [] for r in rows}
        for v in conn.execute(
            select(CardReviewRow)
            .where(CardReviewRow.card_id.in_(list(reviews)))
            .order_by(CardReviewRow.id)
        ):
            reviews[v.card_id].append(
                {"rating": v.rating, "reviewed_at": _iso(v.reviewed_at), "log": v.log}
            )
        attempts = [r.attempt_id for r in rows if r.attempt_id is not None]
        uids = dict(
            conn.execute(select(Attempt.id, Attempt.uid).where(Attempt.id.in_(attempts))).all()
            if attempts
            else []
        )
        yield [
            {
                "uid": r.uid,
                "created_at": _iso(r.created_at),
                "source": r.source,
                "origin": r.origin,
                "deck": r.deck,
                "pack": r.pack,
                "pack_card_id": r.pack_card_id,
                "attempt": uids.get(r.attempt_id) if r.attempt_id is not None else None,
                "miss": r.miss,
                "front": r.front,
                "back": r.back,
                "fsrs": r.fsrs,
                "due": _iso(r.due),
                "reviews": reviews[r.id],
            }
            for r in rows
        ]


def _round_chunks(store: Store, conn: Connection) -> Iterator[list[dict[str, Any]]]:
    for rows in _pages(conn, RealRoundRow, store.user):
        asked: dict[int, list[dict[str, Any]]] = {r.id: [] for r in rows}
        for q in conn.execute(
            select(RealRoundQuestionRow)
            .where(RealRoundQuestionRow.real_round_id.in_(list(asked)))
            .order_by(RealRoundQuestionRow.real_round_id, RealRoundQuestionRow.position)
        ):
            asked[q.real_round_id].append(
                {"position": q.position, "text": q.text, "competencies": list(q.competencies or ())}
            )
        yield [
            {
                "uid": r.uid,
                "created_at": _iso(r.created_at),
                "updated_at": _iso(r.updated_at),
                "track": r.track,
                "pack": r.pack,
                "round": r.round,
                "company": r.company,
                "held_on": r.held_on.isoformat(),
                "feeling": r.feeling,
                "outcome": r.outcome,
                "notes": r.notes,
                "questions": asked[r.id],
            }
            for r in rows
        ]


# -- import -----------------------------------------------------------------------


def _uid_taken(conn: Connection, table: Any, uid: str) -> bool:
    return conn.scalar(select(table.id).where(table.uid == uid)) is not None


def _add_story(
    store: Store,
    conn: Connection,
    record: Any,
    attempt_id: AttemptIds,
    where: str,
    problem: Problem,
) -> bool:
    s: StoryOut = record
    if _uid_taken(conn, StoryRow, s.uid):
        return False
    links = []
    for index, uid in enumerate(s.told):
        found = attempt_id(uid)
        if found is None:
            problem(f"{where}.told[{index}]", f"no attempt with uid {uid} in the file or here")
        links.append(found)
    fields = s.model_dump(exclude={"told"})
    story_id = conn.execute(
        insert(StoryRow).returning(StoryRow.id), {**fields, "user": store.user}
    ).scalar_one()
    for link in dict.fromkeys(x for x in links if x is not None):
        told = conn.scalar(
            select(AttemptStoryRow.story_id).where(AttemptStoryRow.attempt_id == link)
        )
        if told is None:  # an attempt tells one story; one linked here already stays
            conn.execute(
                insert(AttemptStoryRow),
                {"attempt_id": link, "story_id": story_id, "created_at": s.updated_at},
            )
    return True


def _add_plan(
    store: Store,
    conn: Connection,
    record: Any,
    attempt_id: AttemptIds,
    where: str,
    problem: Problem,
) -> bool:
    p: PlanOut = record
    if _uid_taken(conn, PlanRow, p.uid):
        return False
    slots = [(i.day, i.position) for i in p.items]
    if len(set(slots)) != len(slots):
        problem(f"{where}.items", "two sessions share a day and a position")
        return False
    status = p.status
    if status == "active":
        active = conn.scalar(
            select(PlanRow.id).where(PlanRow.user == store.user, PlanRow.status == "active")
        )
        if active is not None:
            status = "archived"  # the plan here stays the one in use
    fields = p.model_dump(exclude={"items"})
    plan_id = conn.execute(
        insert(PlanRow).returning(PlanRow.id), {**fields, "status": status, "user": store.user}
    ).scalar_one()
    if p.items:
        conn.execute(insert(PlanItemRow), [{**i.model_dump(), "plan_id": plan_id} for i in p.items])
    return True


def _add_checklist(
    store: Store,
    conn: Connection,
    record: Any,
    attempt_id: AttemptIds,
    where: str,
    problem: Problem,
) -> bool:
    c: ChecklistOut = record
    here = conn.scalar(
        select(ChecklistDoneRow.id).where(
            ChecklistDoneRow.user == store.user,
            ChecklistDoneRow.track == c.track,
            ChecklistDoneRow.item_id == c.item_id,
        )
    )
    if here is not None:
        return False
    conn.execute(insert(ChecklistDoneRow), {**c.model_dump(), "user": store.user})
    return True


def _add_card(
    store: Store,
    conn: Connection,
    record: Any,
    attempt_id: AttemptIds,
    where: str,
    problem: Problem,
) -> bool:
    c: CardOut = record
    if _uid_taken(conn, CardRow, c.uid):
        return False
    link = None
    assessment = None
    if c.attempt is not None:
        link = attempt_id(c.attempt)
        if link is None:
            problem(f"{where}.attempt", f"no attempt with uid {c.attempt} in the file or here")
            return False
        # The miss watermark counts assessments of this database: the attempt's latest.
        assessment = conn.scalar(
            select(func.max(AssessmentRow.id)).where(AssessmentRow.attempt_id == link)
        )
    elif c.source == "miss":
        problem(f"{where}.attempt", "a miss card needs the attempt it came from")
        return False
    reviews = [{**v.model_dump()} for v in c.reviews]
    same = conn.execute(
        select(CardRow.id).where(CardRow.user == store.user, CardRow.origin == c.origin)
    ).scalar()
    if same is not None:
        reviewed = conn.scalar(
            select(func.count()).select_from(CardReviewRow).where(CardReviewRow.card_id == same)
        )
        if reviewed or not reviews:
            return False
        conn.execute(update(CardRow).where(CardRow.id == same).values(fsrs=c.fsrs, due=c.due))
        conn.execute(insert(CardReviewRow), [{**v, "card_id": same} for v in reviews])
        return True
    fields = c.model_dump(exclude={"reviews", "attempt"})
    card_id = conn.execute(
        insert(CardRow).returning(CardRow.id),
        {**fields, "user": store.user, "attempt_id": link, "assessment_id": assessment},
    ).scalar_one()
    if reviews:
        conn.execute(insert(CardReviewRow), [{**v, "card_id": card_id} for v in reviews])
    return True


def _add_round(
    store: Store,
    conn: Connection,
    record: Any,
    attempt_id: AttemptIds,
    where: str,
    problem: Problem,
) -> bool:
    r: RealRoundOut = record
    if _uid_taken(conn, RealRoundRow, r.uid):
        return False
    positions = [q.position for q in r.questions]
    if len(set(positions)) != len(positions):
        problem(f"{where}.questions", "two questions share a position")
        return False
    fields = r.model_dump(exclude={"questions"})
    round_id = conn.execute(
        insert(RealRoundRow).returning(RealRoundRow.id), {**fields, "user": store.user}
    ).scalar_one()
    if r.questions:
        conn.execute(
            insert(RealRoundQuestionRow),
            [{**q.model_dump(), "real_round_id": round_id} for q in r.questions],
        )
    return True


# -- the sections -----------------------------------------------------------------

Adder = Callable[[Store, Connection, Any, AttemptIds, str, Problem], bool]


@dataclass(frozen=True)
class Section:
    """One optional section of the file: its record, its reader, its writer."""

    name: str
    model: type[Record]
    table: Any
    chunks: Callable[[Store, Connection], Iterator[list[dict[str, Any]]]]
    add: Adder


SECTIONS: tuple[Section, ...] = (
    Section("stories", StoryOut, StoryRow, _story_chunks, _add_story),
    Section("plans", PlanOut, PlanRow, _plan_chunks, _add_plan),
    Section("checklists", ChecklistOut, ChecklistDoneRow, _checklist_chunks, _add_checklist),
    Section("cards", CardOut, CardRow, _card_chunks, _add_card),
    Section("rounds", RealRoundOut, RealRoundRow, _round_chunks, _add_round),
)
