"""The log of real rounds: what a real interview round asked, how it went, how it ended.

Shared by the CLI and the web app. A round is checked against the pack's loop when it
is logged (a known track and round, a day not in the future nor over two years
back, one to thirty questions, a feeling from 1 to 5); its outcome comes later. The
prep plan reads the log (`services.plan`): a round that went badly weighs more in
practice, and the questions logged become practice items. `practice_vs_real` sets
each round's practice grade beside the real rounds of it, for the progress page.
The clock is read by the callers, never here, so `today` is always given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from loopcoach.errors import UnknownItem, UsageError
from loopcoach.store.round_models import OUTCOMES
from loopcoach.store.rounds import NewRealRound, RealRoundRecord, RealRoundStore

if TYPE_CHECKING:
    from loopcoach.content.index import Content
    from loopcoach.store.db import Store

MAX_QUESTIONS = 30
MAX_QUESTION_CHARS = 5000
MAX_COMPANY_CHARS = 200
MAX_NOTES_CHARS = 20_000
MAX_YEARS_BACK = 2
FEELINGS = {1: "badly", 2: "not well", 3: "so-so", 4: "well", 5: "very well"}
# A feeling at or under this is a round that went badly, whatever the outcome says.
BAD_FEELING = 2


def went_badly(r: RealRoundRecord) -> bool:
    """A real round the plan should weigh more: rejected, or felt 2 or less out of 5."""
    return r.outcome == "rejected" or r.feeling <= BAD_FEELING


def label(r: RealRoundRecord) -> str:
    """The round as a reason names it: `real round 3 (the company, 2026-12-01, rejected)`."""
    parts = [r.company] if r.company else []
    parts.append(r.held_on.isoformat())
    if r.outcome == "rejected":
        parts.append("rejected")
    if r.feeling <= BAD_FEELING:
        parts.append(f"felt {r.feeling} of 5")
    return f"real round {r.id} ({', '.join(parts)})"


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"{text!r} is not a date; write the day it was held as YYYY-MM-DD"
        ) from None


def parse_feeling(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise UsageError(f"how it went {text!r}: give a number from 1 (badly) to 5") from None


def questions_of(text: str) -> list[str]:
    """The questions of a text box, one a line; blank lines and list bullets are dropped."""
    lines = [line.strip().lstrip("-*•").strip() for line in text.splitlines()]
    return [line for line in lines if line]


def check_outcome(outcome: str) -> str:
    value = outcome.strip().lower()
    if value not in OUTCOMES:
        raise UsageError(f"unknown outcome {outcome!r}; use one of: {', '.join(OUTCOMES)}")
    return value


def years_back(today: date, years: int) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def check_held_on(held_on: date, today: date) -> None:
    if held_on > today:
        raise UsageError(
            f"the round's date {held_on.isoformat()} is in the future (today is "
            f"{today.isoformat()}); log a round once it has been held"
        )
    oldest = years_back(today, MAX_YEARS_BACK)
    if held_on < oldest:
        raise UsageError(
            f"the round's date {held_on.isoformat()} is over {MAX_YEARS_BACK} years ago; "
            f"log rounds held since {oldest.isoformat()}"
        )


def check_feeling(feeling: int) -> None:
    if not 1 <= feeling <= 5:
        raise UsageError(f"how it went is {feeling}; give a number from 1 (badly) to 5 (very well)")


def check_questions(questions: Sequence[str]) -> tuple[str, ...]:
    cleaned = tuple(q.strip() for q in questions)
    if not cleaned:
        raise UsageError("give at least one question you were asked (--question, repeatable)")
    if len(cleaned) > MAX_QUESTIONS:
        raise UsageError(f"{len(cleaned)} questions; log at most {MAX_QUESTIONS} for one round")
    for n, q in enumerate(cleaned, start=1):
        if not q:
            raise UsageError(f"question {n} is empty; write the question as it was asked")
        if len(q) > MAX_QUESTION_CHARS:
            raise UsageError(
                f"question {n} has {len(q):,} characters; the limit is {MAX_QUESTION_CHARS:,}"
            )
    return cleaned


def check_text(name: str, value: str, limit: int) -> str:
    if len(value) > limit:
        raise UsageError(f"the {name} has {len(value):,} characters; the limit is {limit:,}")
    return value.strip()


@dataclass(frozen=True)
class RoundComparison:
    """One round of a track: the practice grade beside the real rounds logged for it."""

    track: str
    round: str
    name: str
    practice_attempts: int
    practice_average: float | None
    real_count: int
    outcomes: dict[str, int] = field(default_factory=dict)
    mean_feeling: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "track": self.track,
            "round": self.round,
            "name": self.name,
            "practice_attempts": self.practice_attempts,
            "practice_average": (
                round(self.practice_average, 2) if self.practice_average is not None else None
            ),
            "real_rounds": self.real_count,
            "outcomes": dict(self.outcomes),
            "mean_feeling": round(self.mean_feeling, 2) if self.mean_feeling is not None else None,
        }


def practice_vs_real(store: Store, content: Content, track: str | None) -> list[RoundComparison]:
    """Per round, the practice average beside the real rounds logged (count, outcomes, feeling).

    With a track: every round of its loop, in loop order. Without: the same for every
    track the user has practised or logged a real round in, in the packs' track order.
    A round logged that the loop no longer has comes after the loop's rounds.
    """
    if track is not None:
        content.track(track)  # an unknown track raises UnknownItem listing the tracks
    progress = store.progress(track=track)
    real = RealRoundStore(store).rounds(track=track)
    if track is not None:
        tracks = [track]
    else:
        seen = set(progress.tracks) | {r.track for r in real}
        tracks = [t for t in content.track_ids() if t in seen]
    out: list[RoundComparison] = []
    for t in tracks:
        loop = content.track(t).loop
        names: dict[str, str] = {str(r.round): r.name for r in loop}
        logged = [r for r in real if r.track == t]
        extra = sorted({r.round for r in logged} - set(names))
        for round_id in [*names, *extra]:
            mine = [r for r in logged if r.round == round_id]
            stat = progress.rounds.get(f"{t}/{round_id}")
            out.append(
                RoundComparison(
                    track=t,
                    round=round_id,
                    name=names.get(round_id, round_id.replace("_", " ")),
                    practice_attempts=stat.attempts if stat is not None else 0,
                    practice_average=stat.average if stat is not None else None,
                    real_count=len(mine),
                    outcomes=_count(r.outcome for r in mine),
                    mean_feeling=sum(r.feeling for r in mine) / len(mine) if mine else None,
                )
            )
    return out


def _count(outcomes: Iterable[str]) -> dict[str, int]:
    counted = {o: 0 for o in OUTCOMES}
    for o in outcomes:
        counted[o] += 1
    return {o: n for o, n in counted.items() if n}


@dataclass
class RoundService:
    """Log real rounds, set their outcome and notes later, list, show and delete them."""

    store: Store
    content: Content

    @property
    def log_store(self) -> RealRoundStore:
        return RealRoundStore(self.store)

    def log(
        self,
        *,
        track: str,
        round: str,
        held_on: date,
        feeling: int,
        questions: Sequence[str],
        today: date,
        company: str = "",
        notes: str = "",
        outcome: str = "pending",
        pack: str | None = None,
    ) -> RealRoundRecord:
        """Keep a real round after checking it; UsageError (or UnknownItem) says what is wrong."""
        loop = self.content.track(track.strip(), pack).loop  # UnknownItem lists the tracks
        pack_id = self.content.pack_for_track(track.strip(), pack).id
        loop_round = next((r for r in loop if r.round == round.strip()), None)
        if loop_round is None:
            raise UnknownItem("round", round, [r.round for r in loop])
        check_held_on(held_on, today)
        check_feeling(feeling)
        asked = check_questions(questions)
        return self.log_store.create(
            NewRealRound(
                track=track.strip(),
                pack=pack_id,
                round=loop_round.round,
                held_on=held_on,
                feeling=feeling,
                questions=asked,
                competencies=tuple(loop_round.competencies),
                company=check_text("company", company, MAX_COMPANY_CHARS),
                notes=check_text("notes", notes, MAX_NOTES_CHARS),
                outcome=check_outcome(outcome),
            )
        )

    def get(self, round_id: int) -> RealRoundRecord:
        return self.log_store.get(round_id)

    def rounds(self, track: str | None = None) -> list[RealRoundRecord]:
        """The real rounds logged (of one track), the latest held first."""
        if track is not None:
            self.content.track(track)
        return self.log_store.rounds(track=track)

    def update(
        self, round_id: int, *, outcome: str | None = None, notes: str | None = None
    ) -> RealRoundRecord:
        """Set the outcome once it comes, or change the notes; None keeps what is there."""
        return self.log_store.update(
            round_id,
            outcome=check_outcome(outcome) if outcome is not None else None,
            notes=check_text("notes", notes, MAX_NOTES_CHARS) if notes is not None else None,
        )

    def set_outcome(self, round_id: int, outcome: str) -> RealRoundRecord:
        return self.update(round_id, outcome=outcome)

    def delete(self, round_id: int) -> None:
        self.log_store.delete(round_id)

    def compare(self, track: str | None = None) -> list[RoundComparison]:
        return practice_vs_real(self.store, self.content, track)
