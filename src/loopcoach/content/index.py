"""The merged content of the built-in pack and the user's packs, indexed by id."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from loopcoach.content.loader import Pack, load_pack
from loopcoach.content.models import LoopRound, Question, Track
from loopcoach.errors import PackError, PackProblem, UnknownItem

BUILTIN_PACKS = Path(__file__).parent / "packs"


def builtin_pack_dirs() -> list[Path]:
    return sorted(p for p in BUILTIN_PACKS.iterdir() if (p / "pack.yaml").exists())


def user_pack_dirs(root: Path) -> list[Path]:
    """Pack folders under the user's config dir (each subfolder with a pack.yaml)."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "pack.yaml").exists())


@dataclass
class Content:
    """Every loaded pack, with lookups that raise UnknownItem listing the valid choices.

    `packs` holds the default pack first, then the others in load order. Packs may
    share a track id (two packs can both have `pm`); a track named without a pack
    means that track in the default pack, or in the first pack that has it.
    """

    packs: dict[str, Pack]
    default_pack: str

    @classmethod
    def load(cls, dirs: Iterable[Path], default_pack: str | None = None) -> Content:
        """Load packs in order; the default is `default_pack`, else the first pack loaded."""
        packs: dict[str, Pack] = {}
        owner: dict[str, str] = {}
        problems: list[PackProblem] = []
        for d in dirs:
            pack = load_pack(d)
            # A later pack with the same id replaces the earlier one: a user may override.
            packs[pack.id] = pack
        for pack in packs.values():
            for qid in pack.questions:
                if qid in owner:
                    problems.append(
                        PackProblem(
                            f"{pack.path.name}/{pack.question_files[qid]}",
                            f"{pack.question_path(qid)}.id",
                            f"id also used by pack {owner[qid]!r}; question ids must be unique "
                            "across packs, so prefix them with the pack's id",
                        )
                    )
                owner[qid] = pack.id
        if problems:
            raise PackError(problems)
        if default_pack not in packs:
            default_pack = next(iter(packs), "")
        if default_pack:
            packs = {default_pack: packs[default_pack], **packs}
        return cls(packs=packs, default_pack=default_pack)

    def pack(self, pack_id: str | None = None) -> Pack:
        key = pack_id or self.default_pack
        if key not in self.packs:
            raise UnknownItem("pack", key, sorted(self.packs))
        return self.packs[key]

    def track_ids(self) -> list[str]:
        """Every track id, the default pack's first; tracks with the same id are listed once."""
        return list(dict.fromkeys(t for p in self.packs.values() for t in p.tracks))

    def packs_with_track(self, track_id: str) -> list[str]:
        """The ids of the packs that define `track_id`, the default pack first."""
        return [p.id for p in self.packs.values() if track_id in p.tracks]

    def pack_for_track(self, track_id: str, pack_id: str | None = None) -> Pack:
        """The pack whose `track_id` is meant: `pack_id`'s, else the default's, else the first."""
        if pack_id:
            pack = self.pack(pack_id)
            if track_id not in pack.tracks:
                raise UnknownItem("track", track_id, list(pack.tracks))
            return pack
        for pack in self.packs.values():
            if track_id in pack.tracks:
                return pack
        raise UnknownItem("track", track_id, self.track_ids())

    def track(self, track_id: str, pack_id: str | None = None) -> Track:
        return self.pack_for_track(track_id, pack_id).tracks[track_id]

    def loop_round(self, track_id: str, round_id: str, pack_id: str | None = None) -> LoopRound:
        track = self.track(track_id, pack_id)
        for r in track.loop:
            if r.round == round_id:
                return r
        raise UnknownItem(f"round of the {track_id} loop", round_id, [r.round for r in track.loop])

    def question(self, question_id: str) -> tuple[Pack, Question]:
        for pack in self.packs.values():
            if question_id in pack.questions:
                return pack, pack.questions[question_id]
        every = [q for p in self.packs.values() for q in p.questions]
        raise UnknownItem("question id", question_id, every)

    def questions(
        self,
        track: str | None = None,
        round: str | None = None,
        pack_id: str | None = None,
        competency: str | None = None,
    ) -> list[Question]:
        """Questions matching every filter given, the default pack's first.

        With a track, only the pack that track resolves to (see `pack_for_track`) is
        searched, so `pm` means one loop, not a mix of every pack's `pm`.
        """
        if pack_id:
            self.pack(pack_id)  # an unknown pack is an error, not an empty list
        if track:
            owners = self.packs_with_track(track)
            if pack_id:
                owners = [pack_id] if pack_id in owners else []
            packs = [self.packs[owners[0]]] if owners else []
        else:
            packs = [self.pack(pack_id)] if pack_id else list(self.packs.values())
        out = []
        for pack in packs:
            for q in pack.questions.values():
                if track and q.track != track:
                    continue
                if round and q.round != round:
                    continue
                if competency and competency not in q.competencies:
                    continue
                out.append(q)
        return out


def load_content(
    pack_dirs: Iterable[Path] = (),
    user_root: Path | None = None,
    default_pack: str | None = None,
) -> Content:
    """Load the built-in packs, then the user's packs, then any given with --pack-dir.

    The default pack comes from settings (`default_pack`); without one it is the
    first built-in pack.
    """
    dirs = builtin_pack_dirs()
    if user_root is not None:
        dirs += user_pack_dirs(user_root)
    dirs += [Path(d) for d in pack_dirs]
    return Content.load(dirs, default_pack=default_pack)
