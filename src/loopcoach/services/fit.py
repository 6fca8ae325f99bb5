"""Role fit: a short questionnaire ranks the tracks, with reasons and risks cited from the pack.

The questionnaire is `services/data/fit.yaml` (its header says how it works). For
each track, every answered item adds its choice's points, but only where the pack
backs the item for that track with a track fact of the item's topics or a loop
round of its rounds; those are what a reason cites, with the article each came
from. A track's score is its points over the most it could have had on the items
the pack covers for it, so a track the articles say less about is not ranked down
for the silence; the items it is unknown on are listed instead.

A reason's citations are ordered by how much each shares with the answer chosen and
the question (their words, crudely stemmed), so the first one, the one quoted, is
about that reason: "running a business unit" quotes the fact on business-unit
leadership, not the first exit fact the pack lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from loopcoach.errors import UsageError

if TYPE_CHECKING:
    from loopcoach.content.loader import Pack

QUESTIONNAIRE = Path(__file__).parent / "data" / "fit.yaml"
SCHEMA = "loopcoach.fit/1"
MAX_POINTS = 2
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Strict):
    id: Key
    label: str
    fit: dict[str, Annotated[int, Field(ge=-MAX_POINTS, le=MAX_POINTS)]] = Field(
        default_factory=dict
    )


class Item(_Strict):
    id: Key
    short: str
    text: str
    topics: list[str] = Field(default_factory=list)
    rounds: list[str] = Field(default_factory=list)
    choices: list[Choice] = Field(min_length=2)

    def choice(self, value: object) -> Choice:
        """The choice a user gave by id or by its 1-based number; FitInputError if neither."""
        for i, c in enumerate(self.choices, 1):
            if value == c.id or (str(value).strip() == str(i)):
                return c
        valid = ", ".join(f"{i} or {c.id!r}" for i, c in enumerate(self.choices, 1))
        raise FitInputError(f"item {self.id!r}: {value!r} is not one of its choices ({valid})")


class Questionnaire(_Strict):
    items: list[Item] = Field(min_length=1)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise FitInputError(
            f"unknown questionnaire item {item_id!r}; items: " + ", ".join(i.id for i in self.items)
        )


class FitInputError(UsageError):
    """A questionnaire answer that cannot be used; the message names the item."""


@cache
def questionnaire() -> Questionnaire:
    import yaml

    data = yaml.safe_load(QUESTIONNAIRE.read_text(encoding="utf-8"))
    return Questionnaire.model_validate(data)


@dataclass(frozen=True)
class Citation:
    """A pack fact or loop round that backs a reason, with the article it came from."""

    kind: str  # "fact" or "round"
    id: str
    text: str
    source: str | None
    article: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "text": self.text,
            "source": self.source,
            "article": self.article,
        }


@dataclass(frozen=True)
class Reason:
    """One answer's effect on one track, and the pack entries that back it."""

    item: str
    question: str
    answer: str
    points: int
    cites: tuple[Citation, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "question": self.question,
            "answer": self.answer,
            "points": self.points,
            "cites": [c.to_json() for c in self.cites],
        }


@dataclass
class TrackFit:
    track: str
    name: str
    points: int = 0
    possible: int = 0
    reasons: list[Reason] = field(default_factory=list)
    risks: list[Reason] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Points over the most possible on the items the pack covers: -1 to 1."""
        return self.points / self.possible if self.possible else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "track": self.track,
            "name": self.name,
            "score": round(self.score, 3),
            "points": self.points,
            "possible": self.possible,
            "reasons": [r.to_json() for r in self.reasons],
            "risks": [r.to_json() for r in self.risks],
            "unknown": self.unknown,
        }


@dataclass(frozen=True)
class FitResult:
    answers: dict[str, str]
    skipped: list[str]
    ranking: list[TrackFit]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "answers": self.answers,
            "skipped": self.skipped,
            "ranking": [t.to_json() for t in self.ranking],
        }


# Words that say nothing about what a reason is about.
_STOP = frozenset(
    "the and for with that this from your you what how which are was were but not into "
    "can more most than then them they their its it's have has had one two would could "
    "should about over under each every some any out own who whom when where there here "
    "also only very much many being been will just such other others same like want does "
    "sounds rather".split()
)
_WORD = re.compile(r"[a-z]+")


def _stem(word: str) -> str:
    for suffix in ("ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def _terms(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if len(w) >= 3 and w not in _STOP}


def relevance(cite: Citation, item: Item, choice: Choice | None = None) -> int:
    """The terms a citation shares with the answer chosen (twice each) and with the question.

    The answer counts double: it is what tells one reason on an item from another.
    """
    said = _terms(cite.text)
    chosen = _terms(choice.label) if choice else set()
    asked = _terms(f"{item.short} {item.text}") - chosen
    return 2 * len(chosen & said) + len(asked & said)


def by_relevance(
    cites: tuple[Citation, ...], item: Item, choice: Choice | None = None
) -> tuple[Citation, ...]:
    """The citations, most about the item and choice first (the pack's order breaks ties)."""
    return tuple(sorted(cites, key=lambda c: -relevance(c, item, choice)))


def citations(pack: Pack, track: str, item: Item) -> tuple[Citation, ...]:
    """The pack's facts of the item's topics and the track's loop rounds of its rounds.

    `article` is the title of the document each came from, as every surface cites it.
    """
    articles = pack.info.source_titles()
    out = [
        Citation("fact", f.id, f.text, f.source, articles.get(f.source))
        for topic in item.topics
        for f in pack.track_facts(track, topic)
    ]
    for r in pack.tracks[track].loop:
        if r.round in item.rounds:
            source = r.source or pack.tracks[track].source
            out.append(
                Citation(
                    "round",
                    f"{track}/{r.round}",
                    f"{r.name}: {r.tests}",
                    source,
                    articles.get(source) if source else None,
                )
            )
    return tuple(out)


def check_answers(answers: object) -> dict[str, Choice]:
    """Answers by item id (choice id or number); FitInputError names any unusable one."""
    if not isinstance(answers, dict):
        raise FitInputError("the answers must be a JSON object: item id -> choice")
    q = questionnaire()
    chosen: dict[str, Choice] = {}
    for item_id, value in answers.items():
        item = q.item(str(item_id))
        if value is None or value == "":
            continue  # left unanswered on purpose
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise FitInputError(f"item {item.id!r}: give a choice id or number, not {value!r}")
        chosen[item.id] = item.choice(value)
    if not chosen:
        raise FitInputError("no item is answered; answer at least one")
    return chosen


def rank_tracks(pack: Pack, answers: object) -> FitResult:
    """Every track of the pack, best fit first, with what the answers and the pack say."""
    chosen = check_answers(answers)
    q = questionnaire()
    ranking: list[TrackFit] = []
    for track_id, track in pack.tracks.items():
        fit = TrackFit(track_id, track.name)
        for item in q.items:
            choice = chosen.get(item.id)
            if choice is None:
                continue
            cites = citations(pack, track_id, item)
            if not cites:
                fit.unknown.append(item.id)
                continue
            points = choice.fit.get(track_id, 0)
            fit.points += points
            fit.possible += MAX_POINTS
            reason = Reason(
                item.id, item.short, choice.label, points, by_relevance(cites, item, choice)
            )
            if points > 0:
                fit.reasons.append(reason)
            elif points < 0:
                fit.risks.append(reason)
        fit.reasons.sort(key=lambda r: -r.points)
        fit.risks.sort(key=lambda r: r.points)
        ranking.append(fit)
    ranking.sort(key=lambda t: (-t.score, -t.points, t.track))
    skipped = [i.id for i in q.items if i.id not in chosen]
    return FitResult({k: v.id for k, v in chosen.items()}, skipped, ranking)
