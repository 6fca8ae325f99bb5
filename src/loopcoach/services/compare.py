"""Tracks side by side: their loops round by round, and the pack's facts on pay, promotion, exits.

Everything shown comes from the pack: the rounds and what each tests from
tracks.yaml, and the facts by topic from facts.yaml, each with the article it came
from. Where the pack has no fact on a track and topic, the comparison says so
rather than fill the gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from loopcoach.content.models import ROUND_IDS
from loopcoach.errors import UnknownItem, UsageError

if TYPE_CHECKING:
    from loopcoach.content.loader import Pack

SCHEMA = "loopcoach.compare/1"
# The rows of the comparison, in the order a reader weighs them.
TOPICS: tuple[tuple[str, str], ...] = (
    ("ownership", "What you own"),
    ("day_to_day", "Day to day"),
    ("pay", "Pay structure"),
    ("equity", "Equity"),
    ("bonus", "Bonus"),
    ("promotion", "Promotion"),
    ("exit", "Exits"),
    ("mobility", "Mobility"),
    ("hours", "Hours"),
    ("layoff_risk", "Layoff risk"),
    ("culture", "Culture"),
)
NO_FACT = "The pack's articles say nothing on this."


@dataclass(frozen=True)
class TrackColumn:
    """One track's side of the comparison."""

    track: str
    name: str
    summary: str
    rounds: list[dict[str, Any]]
    facts: dict[str, list[dict[str, Any]]]

    def round(self, round_id: str) -> dict[str, Any] | None:
        return next((r for r in self.rounds if r["round"] == round_id), None)


@dataclass(frozen=True)
class Comparison:
    pack: str
    columns: list[TrackColumn]
    sources: dict[str, str]

    @property
    def round_ids(self) -> list[str]:
        """Every round any of the tracks runs, in the vocabulary's order."""
        used = {r["round"] for c in self.columns for r in c.rounds}
        return [r for r in ROUND_IDS if r in used]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "pack": self.pack,
            "tracks": [
                {
                    "track": c.track,
                    "name": c.name,
                    "summary": c.summary,
                    "rounds": c.rounds,
                    "facts": c.facts,
                }
                for c in self.columns
            ],
            "topics": dict(TOPICS),
            "sources": self.sources,
        }


def compare_tracks(pack: Pack, tracks: list[str]) -> Comparison:
    """The comparison of `tracks` (every track of the pack when empty)."""
    ids = list(dict.fromkeys(tracks)) or list(pack.tracks)
    for t in ids:
        if t not in pack.tracks:
            raise UnknownItem("track", t, list(pack.tracks))
    if len(ids) > 6:
        raise UsageError("compare at most 6 tracks at a time")
    columns = []
    used_sources: set[str] = set()
    for t in ids:
        track = pack.tracks[t]
        rounds = []
        for i, r in enumerate(track.loop, 1):
            rounds.append(
                {
                    "order": i,
                    "round": r.round,
                    "name": r.name,
                    "tests": r.tests,
                    "weight": r.weight,
                    "minutes": r.minutes,
                    "disqualifying_flags": list(r.disqualifying_flags),
                    "source": r.source or track.source,
                    "article": pack.info.source_title(r.source or track.source),
                }
            )
            used_sources.update(s for s in (r.source, track.source) if s)
        facts: dict[str, list[dict[str, Any]]] = {}
        for topic, _ in TOPICS:
            facts[topic] = [
                {
                    "id": f.id,
                    "text": f.text,
                    "source": f.source,
                    "article": pack.info.source_title(f.source),
                    "figures": dict(f.figures),
                }
                for f in pack.track_facts(t, topic)
            ]
            used_sources.update(f["source"] for f in facts[topic])
        columns.append(TrackColumn(t, track.name, track.summary, rounds, facts))
    # Each source by its article's title, the way every surface cites it.
    titles = pack.info.source_titles()
    sources = {s: titles[s] for s in sorted(used_sources) if s in titles}
    return Comparison(pack.id, columns, sources)
