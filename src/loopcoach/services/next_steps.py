"""What to do next for a weak competency: a question to answer, a card to review, a story to write.

The progress page lists the three weakest competencies; each comes with up to three
steps, every one a link:

- **question**: the pack question that trains it and that the user has answered least
  (the first of `Weakness.questions`, which the dashboard already orders that way);
- **card**: the card that trains it and is due soonest. A card trains a competency when
  it was made from a miss of an answer that trains it, or, for a pack card, when one of
  its tags or its deck is a word of the competency's id (`scale` for `scale_thinking`,
  `experimentation` for `experimentation`). Miss cards come first: they are the user's
  own gaps;
- **story**: when no story in the bank shows the competency (tagged by the user or
  suggested from its text), writing one; otherwise rehearsing the one that shows it
  best (tagged before suggested, then the higher hiring-manager grade).

Everything is read, nothing written, so the page stays a plain GET.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session

from loopcoach.store.card_models import CardRow
from loopcoach.store.models import Attempt

if TYPE_CHECKING:
    from loopcoach.store.db import Store
    from loopcoach.store.stories import StoryRecord


@dataclass(frozen=True)
class NextStep:
    """One thing to do for a weak competency, with the page that does it and why."""

    kind: Literal["question", "card", "story"]
    label: str
    href: str  # the web page
    why: str
    command: str  # the same step in the terminal

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "href": self.href,
            "why": self.why,
            "command": self.command,
        }


@dataclass(frozen=True)
class _Card:
    uid: str
    front: str
    due: datetime
    miss: bool
    trains: frozenset[str]


def _cards(store: Store) -> list[_Card]:
    """The user's cards with the competencies each trains (miss cards: their answer's)."""
    with Session(store.engine) as session:
        rows = session.execute(
            select(
                CardRow.uid,
                CardRow.front,
                CardRow.due,
                CardRow.source,
                CardRow.deck,
                Attempt.competencies,
            )
            .outerjoin(Attempt, Attempt.id == CardRow.attempt_id)
            .where(CardRow.user == store.user)
        ).all()
    return [
        _Card(
            r.uid,
            r.front,
            r.due,
            r.source == "miss",
            frozenset(r.competencies or ()) if r.source == "miss" else frozenset({r.deck}),
        )
        for r in rows
    ]


def _words(competency: str) -> frozenset[str]:
    return frozenset(w for w in competency.split("_") if len(w) > 3) | {competency}


def _card_for(
    competency: str, cards: Sequence[_Card], tags: dict[str, frozenset[str]]
) -> _Card | None:
    words = _words(competency)
    own = [c for c in cards if c.miss and competency in c.trains]
    pack = [c for c in cards if not c.miss and tags.get(c.uid, c.trains) & words]
    for group in (own, pack):
        if group:
            return min(group, key=lambda c: (c.due, c.uid))
    return None


def _story_for(competency: str, stories: Sequence[StoryRecord]) -> StoryRecord | None:
    def hm_grade(s: StoryRecord) -> float:
        hm = s.scores.get("hiring_manager") or {}
        return float(hm.get("overall") or 0.0)

    tagged = [s for s in stories if competency in s.competencies]
    suggested = [s for s in stories if competency in s.suggested and s not in tagged]
    for group in (tagged, suggested):
        if group:
            return max(group, key=lambda s: (hm_grade(s), -s.id))
    return None


def next_steps(
    store: Store, content: Any, weakest: Sequence[Mapping[str, Any]], now: datetime
) -> dict[str, list[NextStep]]:
    """For each weak competency, by id: a question, a card and a story step (those that apply).

    `weakest` is the dashboard's list as JSON (`Weakness.to_json()`), as the page and the
    API both hold it.
    """
    from loopcoach.store.stories import StoryStore

    cards = _cards(store)
    tags = pack_card_tags(content, store)
    stories = StoryStore(store).stories()
    out: dict[str, list[NextStep]] = {}
    for w in weakest:
        competency, name = str(w["competency"]), str(w["name"])
        steps: list[NextStep] = []
        if w["questions"]:
            first = w["questions"][0]
            steps.append(
                NextStep(
                    "question",
                    f"Answer: {first['text']}",
                    f"/practice/{quote(first['id'])}",
                    f"it trains {name}, and you have answered it least of those that do",
                    f"loopcoach practice -q {first['id']}",
                )
            )
        card = _card_for(competency, cards, tags)
        if card is not None:
            due = "due now" if card.due <= now else f"due {card.due.date().isoformat()}"
            steps.append(
                NextStep(
                    "card",
                    f"Review: {card.front}",
                    f"/cards?card={card.uid}",
                    ("made from a miss in your own answer" if card.miss else "a card on it")
                    + f", {due}",
                    "loopcoach cards review",
                )
            )
        story = _story_for(competency, stories)
        if story is None:
            steps.append(
                NextStep(
                    "story",
                    f"Write a story that shows {name}",
                    f"/stories/new?competency={quote(competency)}",
                    "no story in your bank shows it yet: a gap a story round will find",
                    f'loopcoach stories add --title "..." -c {competency}',
                )
            )
        else:
            steps.append(
                NextStep(
                    "story",
                    f"Rehearse: {story.title}",
                    f"/stories/{story.id}",
                    "the story in your bank that shows it best",
                    f"loopcoach stories show {story.id}",
                )
            )
        out[competency] = steps
    return out


def pack_card_tags(content: Any, store: Store) -> dict[str, frozenset[str]]:
    """Each pack card's tags and deck, by the card's uid in this store."""
    by_origin: dict[str, frozenset[str]] = {}
    for pack in content.packs.values():
        for card in pack.cards.values():
            by_origin[f"pack:{pack.id}:{card.id}"] = frozenset({*card.tags, card.deck})
    with Session(store.engine) as session:
        rows = session.execute(
            select(CardRow.uid, CardRow.origin).where(
                CardRow.user == store.user, CardRow.source == "pack"
            )
        ).all()
    return {r.uid: by_origin[r.origin] for r in rows if r.origin in by_origin}
