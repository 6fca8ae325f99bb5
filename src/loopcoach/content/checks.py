"""Cross-file checks of a pack: every reference from one file to another points at something real.

Each problem names the file, the path of the field inside it and the fix, like the
schema errors of the loader, so a pack author never has to read a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from loopcoach.errors import PackProblem

if TYPE_CHECKING:
    from loopcoach.content.loader import Pack


@dataclass
class _Checker:
    """Collects problems while walking a pack; knows what the pack defines."""

    pack: Pack
    out: list[PackProblem] = field(default_factory=list)

    def add(self, file: str, where: str, message: str) -> None:
        self.out.append(PackProblem(file, where, message))

    @property
    def sources(self) -> set[str]:
        return set(self.pack.info.sources)

    def source(self, file: str, where: str, source: str | None) -> None:
        if source and source not in self.sources:
            known = ", ".join(sorted(self.sources)) or "none yet"
            self.add(
                file,
                f"{where}.source",
                f"unknown source {source!r}; add it to pack.yaml `sources` (known: {known})",
            )

    def tracks(self, file: str, where: str, tracks: Iterable[str]) -> None:
        for t in tracks:
            if t not in self.pack.tracks:
                valid = ", ".join(self.pack.tracks) or "none; define tracks in tracks.yaml"
                self.add(file, where, f"unknown track {t!r}; use one of: {valid}")

    def competencies(self, file: str, where: str, comps: Iterable[str]) -> None:
        for c in comps:
            if c not in self.pack.competencies:
                self.add(file, where, f"unknown competency {c!r}; define it in competencies.yaml")

    def loop_rounds(self, tracks: Iterable[str]) -> set[str]:
        """The rounds of the given tracks' loops (of every loop when none is given)."""
        chosen = list(tracks) or list(self.pack.tracks)
        return {r.round for t in chosen if t in self.pack.tracks for r in self.pack.tracks[t].loop}


def check_references(pack: Pack) -> list[PackProblem]:
    """Cross-file checks: every reference between files points at something that exists."""
    checker = _Checker(pack)
    tested = _check_tracks(checker)
    _check_competencies(checker, tested)
    _check_questions(checker, tested)
    _check_frameworks(checker)
    _check_checklists(checker)
    _check_cards(checker)
    _check_facts(checker)
    return checker.out


def _check_tracks(c: _Checker) -> set[str]:
    """Check the loops; returns the competencies some loop round tests."""
    tested: set[str] = set()
    rel = c.pack.file("tracks")
    for t_index, track in enumerate(c.pack.tracks.values()):
        at = f"tracks[{t_index}](id={track.id})"
        c.source(rel, at, track.source)
        seen_rounds: set[str] = set()
        for r_index, loop_round in enumerate(track.loop):
            where = f"{at}.loop[{r_index}]"
            if loop_round.round in seen_rounds:
                c.add(
                    rel,
                    f"{where}.round",
                    f"round {loop_round.round!r} repeated in the loop; keep one of them",
                )
            seen_rounds.add(loop_round.round)
            c.source(rel, where, loop_round.source)
            tested.update(loop_round.competencies)
            c.competencies(rel, f"{where}.competencies", loop_round.competencies)
        total = sum(r.weight for r in track.loop)
        if abs(total - 1.0) > 0.011:
            c.add(rel, f"{at}.loop", f"round weights sum to {total:.2f}; make them sum to 1.0")
    return tested


def _check_competencies(c: _Checker, tested: set[str]) -> None:
    if not c.pack.tracks:
        return
    for c_index, comp in enumerate(c.pack.competencies.values()):
        if comp.id not in tested:
            c.add(
                c.pack.file("competencies"),
                f"competencies[{c_index}](id={comp.id})",
                "no loop tests this competency; add it to a loop round's competencies or remove it",
            )


def _check_questions(c: _Checker, tested: set[str]) -> None:
    for qid, q in c.pack.questions.items():
        rel = c.pack.question_files[qid]
        where = c.pack.question_path(qid)
        track = c.pack.tracks.get(q.track)
        if track is None:
            c.tracks(rel, f"{where}.track", [q.track])
        elif q.round not in {r.round for r in track.loop}:
            rounds = ", ".join(r.round for r in track.loop)
            c.add(
                rel,
                f"{where}.round",
                f"round {q.round!r} is not in the {q.track} loop; use one of: {rounds}",
            )
        else:
            loop_round = next(r for r in track.loop if r.round == q.round)
            if q.budget_seconds is not None and q.budget_seconds > loop_round.minutes * 60:
                c.add(
                    rel,
                    f"{where}.budget_seconds",
                    f"{q.budget_seconds} seconds is longer than the whole {q.round} round "
                    f"({loop_round.minutes} min); give at most {loop_round.minutes * 60}",
                )
        for comp in q.competencies:
            if comp not in c.pack.competencies:
                c.competencies(rel, f"{where}.competencies", [comp])
            elif comp not in tested:
                c.add(
                    rel,
                    f"{where}.competencies",
                    f"competency {comp!r} is tested by no loop round; add it to a loop",
                )
        c.source(rel, where, q.source)


def _check_frameworks(c: _Checker) -> None:
    rel = c.pack.file("frameworks")
    for i, fw in enumerate(c.pack.frameworks.values()):
        at = f"frameworks[{i}](id={fw.id})"
        c.tracks(rel, f"{at}.tracks", fw.tracks)
        c.source(rel, at, fw.source)
        if any(t not in c.pack.tracks for t in fw.tracks):
            continue  # the unknown track is the problem; its rounds cannot be checked
        rounds = c.loop_rounds(fw.tracks)
        for r_index, round_id in enumerate(fw.rounds):
            if round_id not in rounds:
                whose = f"the {', '.join(fw.tracks)} loop" if fw.tracks else "any loop"
                c.add(
                    rel,
                    f"{at}.rounds[{r_index}]",
                    f"round {round_id!r} is not in {whose}; use one of: "
                    + (", ".join(sorted(rounds)) or "none"),
                )


def _check_checklists(c: _Checker) -> None:
    rel = c.pack.file("checklists")
    item_ids: dict[str, str] = {}
    for i, checklist in enumerate(c.pack.checklists.values()):
        at = f"checklists[{i}](id={checklist.id})"
        c.tracks(rel, f"{at}.track", [checklist.track])
        rounds = c.loop_rounds([checklist.track])
        for j, item in enumerate(checklist.items):
            where = f"{at}.items[{j}](id={item.id})"
            if item.id in item_ids:
                c.add(
                    rel,
                    f"{where}.id",
                    f"duplicate item id {item.id!r} (also in checklist {item_ids[item.id]}); "
                    "give one of them a new id",
                )
            item_ids.setdefault(item.id, checklist.id)
            c.source(rel, where, item.source)
            c.competencies(rel, f"{where}.competencies", item.competencies)
            for round_id in item.rounds:
                if checklist.track in c.pack.tracks and round_id not in rounds:
                    c.add(
                        rel,
                        f"{where}.rounds",
                        f"round {round_id!r} is not in the {checklist.track} loop; use one of: "
                        + ", ".join(r.round for r in c.pack.tracks[checklist.track].loop),
                    )


def _check_cards(c: _Checker) -> None:
    rel = c.pack.file("cards")
    for i, card in enumerate(c.pack.cards.values()):
        at = f"cards[{i}](id={card.id})"
        c.tracks(rel, f"{at}.tracks", card.tracks)
        c.source(rel, at, card.source)


def _check_facts(c: _Checker) -> None:
    rel = c.pack.file("facts")
    for i, fact in enumerate(c.pack.facts.values()):
        at = f"facts[{i}](id={fact.id})"
        c.tracks(rel, f"{at}.track", [fact.track])
        c.source(rel, at, fact.source)
