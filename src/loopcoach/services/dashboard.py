"""Progress use cases shared by the web dashboard and the API: readiness, trends, what to train.

Everything here is derived from the store's attempts on each call, so it never drifts
from the answers it summarises; the store counts and averages them in the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from loopcoach.services.practice import packs_of, track_ids

if TYPE_CHECKING:
    from loopcoach.content.index import Content
    from loopcoach.store.db import Store
    from loopcoach.store.records import AttemptRecord, Progress


@dataclass(frozen=True)
class RoundReadiness:
    round: str
    name: str
    weight: float
    minutes: int
    average: float | None
    attempts: int


@dataclass(frozen=True)
class TrackReadiness:
    """How ready the user is for a track's loop, from the rounds practised so far.

    `grade` is the loop-weighted mean of the practised rounds' average grades;
    `coverage` is the share of the loop's weight that has at least one scored answer.
    """

    track: str
    name: str
    grade: float | None
    coverage: float
    rounds: tuple[RoundReadiness, ...]

    @property
    def missing(self) -> list[str]:
        return [r.name for r in self.rounds if r.average is None]

    def to_json(self) -> dict[str, Any]:
        return {
            "track": self.track,
            "name": self.name,
            "grade": round(self.grade, 3) if self.grade is not None else None,
            "coverage": round(self.coverage, 3),
            "rounds": [
                {
                    "round": r.round,
                    "name": r.name,
                    "weight": r.weight,
                    "minutes": r.minutes,
                    "average": round(r.average, 3) if r.average is not None else None,
                    "attempts": r.attempts,
                }
                for r in self.rounds
            ],
        }


@dataclass(frozen=True)
class Point:
    """One scored attempt on a competency's timeline."""

    attempt_id: int
    when: str
    grade: float


@dataclass(frozen=True)
class Weakness:
    """A weak competency with its average (None if never practised) and questions that train it."""

    competency: str
    name: str
    average: float | None
    attempts: int
    questions: tuple[tuple[str, str, str], ...] = field(default=())  # (id, round, text)

    def to_json(self) -> dict[str, Any]:
        return {
            "competency": self.competency,
            "name": self.name,
            "average": round(self.average, 3) if self.average is not None else None,
            "attempts": self.attempts,
            "questions": [{"id": i, "round": r, "text": t} for i, r, t in self.questions],
        }


def competency_name(content: Content, competency: str) -> str:
    for pack in content.packs.values():
        if competency in pack.competencies:
            return pack.competencies[competency].name
    return competency.replace("_", " ").capitalize()


def track_readiness(content: Content, progress: Progress, track: str) -> TrackReadiness:
    """Readiness for one track's loop (the first pack that defines the track)."""
    for pack in packs_of(content):
        if track in pack.tracks:
            loop = pack.tracks[track]
            break
    else:
        raise KeyError(track)
    rounds = []
    for r in loop.loop:
        stat = progress.rounds.get(f"{track}/{r.round}")
        rounds.append(
            RoundReadiness(
                round=r.round,
                name=r.name,
                weight=r.weight,
                minutes=r.minutes,
                average=stat.average if stat else None,
                attempts=stat.attempts if stat else 0,
            )
        )
    total = sum(r.weight for r in rounds) or 1.0
    done = [r for r in rounds if r.average is not None]
    done_weight = sum(r.weight for r in done)
    grade = sum(r.weight * (r.average or 0.0) for r in done) / done_weight if done_weight else None
    return TrackReadiness(track, loop.name, grade, done_weight / total, tuple(rounds))


def readiness(content: Content, progress: Progress) -> list[TrackReadiness]:
    """Readiness for every track, the default pack's first."""
    return [track_readiness(content, progress, t) for t in track_ids(content)]


def competency_series(
    attempts: list[AttemptRecord], track: str | None = None
) -> dict[str, list[Point]]:
    """Each competency's grades over time, oldest first, from scored attempts."""
    series: dict[str, list[Point]] = defaultdict(list)
    for a in sorted(attempts, key=lambda a: (a.created_at, a.id)):
        if a.status != "scored" or a.assessment is None or (track and a.track != track):
            continue
        for c in dict.fromkeys(a.competencies):
            series[c].append(Point(a.id, a.created_at.isoformat(), a.assessment.overall))
    return dict(series)


def recent_series(
    store: Store, progress: Progress, track: str | None = None, per_competency: int = 50
) -> dict[str, list[Point]]:
    """Each practised competency's latest `per_competency` grades, oldest first."""
    grades = store.recent_grades(sorted(progress.competencies), track, per_competency)
    return {
        c: [Point(p.attempt_id, p.created_at.isoformat(), p.grade) for p in points]
        for c, points in grades.items()
    }


SPAN = 60  # days asked about at once by streak_days


def streak_days(store: Store, today: date, track: str | None = None) -> int:
    """Days in a row, ending today or yesterday, with at least one submitted answer.

    The same as `streak`, with the store asked about SPAN days, then twice as many
    each time further back, until a day without an answer.
    """
    span = SPAN
    first = today - timedelta(days=span - 1)
    days = store.submitted_days(first, today, track)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while True:
        while day >= first and day in days:
            count += 1
            day -= timedelta(days=1)
        if day >= first:
            return count
        span *= 2  # a long streak: ask about twice as many days each time
        first -= timedelta(days=span)
        days = store.submitted_days(first, day, track)


def streak(attempts: list[AttemptRecord], today: date) -> int:
    """Days in a row, ending today or yesterday, with at least one submitted answer."""
    days = {a.created_at.date() for a in attempts if a.status != "draft"}
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def practised_tracks(content: Content, progress: Progress) -> list[str]:
    """The tracks, in the packs' order, that have at least one scored answer."""
    return [t for t in track_ids(content) if t in progress.tracks]


def weakest(
    content: Content,
    store: Store,
    progress: Progress,
    track: str | None = None,
    n: int = 3,
    per_competency: int = 3,
    counts: dict[str, int] | None = None,
) -> list[Weakness]:
    """The n practised competencies with the lowest average, topped up with unpractised ones.

    Each comes with the questions that train it, the least answered first (`counts`,
    answers per question, is asked of the store unless given). Without a track, they
    come from the tracks the user has scored answers in (every track when none), so a
    PM is not sent to a data-science question.
    """
    tracks = [track] if track else practised_tracks(content, progress) or track_ids(content)
    loop_comps: list[str] = []
    for pack in content.packs.values():
        for t in pack.tracks.values():
            if t.id in tracks:
                for r in t.loop:
                    loop_comps.extend(r.competencies)
    known = list(dict.fromkeys(loop_comps))
    practised = sorted(
        (c for c in progress.competencies if not known or c in known),
        key=lambda c: (progress.competencies[c].average, c),
    )
    chosen = practised[:n]
    chosen += [c for c in sorted(known) if c not in progress.competencies][: n - len(chosen)]
    if counts is None:
        counts = store.question_attempt_counts(track=track)
    out = []
    for c in chosen:
        # Each track's questions come from the one pack it resolves to, as on its pages.
        qs = sorted(
            (q for t in tracks for q in content.questions(track=t, competency=c)),
            key=lambda q: (counts.get(q.id, 0), q.id),
        )[:per_competency]
        stat = progress.competencies.get(c)
        out.append(
            Weakness(
                competency=c,
                name=competency_name(content, c),
                average=stat.average if stat else None,
                attempts=stat.attempts if stat else 0,
                questions=tuple((q.id, q.round, q.text) for q in qs),
            )
        )
    return out
