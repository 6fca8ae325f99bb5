"""Counts of the question bank by pack, track and round, for `loopcoach questions --stats`."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loopcoach.content.index import Content
    from loopcoach.content.loader import Pack


@dataclass(frozen=True)
class RoundCount:
    """Questions in one round of one track's loop, and how many carry exemplar answers."""

    round: str
    questions: int
    exemplars: int


@dataclass(frozen=True)
class TrackCount:
    track: str
    questions: int
    exemplars: int
    rounds: list[RoundCount]


@dataclass(frozen=True)
class PackCount:
    pack: str
    questions: int
    exemplars: int
    tracks: list[TrackCount]


def _track_count(pack: Pack, track_id: str) -> TrackCount:
    questions = [q for q in pack.questions.values() if q.track == track_id]
    per_round = Counter(q.round for q in questions)
    with_exemplars = Counter(q.round for q in questions if q.exemplars)
    # Loop order first, with empty rounds shown, so a gap in the bank is visible.
    order = [r.round for r in pack.tracks[track_id].loop]
    order += sorted(set(per_round) - set(order))
    rounds = [RoundCount(r, per_round[r], with_exemplars[r]) for r in order]
    return TrackCount(track_id, len(questions), sum(r.exemplars for r in rounds), rounds)


def question_stats(content: Content, pack_id: str | None = None) -> list[PackCount]:
    """Counts for every pack (or one), the default pack first, tracks in file order."""
    packs = [content.pack(pack_id)] if pack_id else list(content.packs.values())
    out = []
    for pack in packs:
        tracks = [_track_count(pack, t) for t in pack.tracks]
        out.append(
            PackCount(
                pack.id,
                sum(t.questions for t in tracks),
                sum(t.exemplars for t in tracks),
                tracks,
            )
        )
    return out


def stats_json(stats: list[PackCount]) -> dict[str, Any]:
    """The counts as one JSON object with grand totals."""
    return {
        "questions": sum(p.questions for p in stats),
        "exemplars": sum(p.exemplars for p in stats),
        "packs": [asdict(p) for p in stats],
    }
