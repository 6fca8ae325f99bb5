"""Read a pack folder into validated models, collecting every problem with file and field path."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from loopcoach.content.models import (
    Competency,
    CompetencyFile,
    PackInfo,
    Question,
    QuestionFile,
    RedFlag,
    RedFlagFile,
    Rubric,
    RubricFile,
    Track,
    TrackFile,
)
from loopcoach.errors import PackError, PackProblem

M = TypeVar("M", bound=BaseModel)

# Each top-level file a pack may hold and the model of its content.
FILE_KINDS: dict[str, type[BaseModel]] = {
    "pack": PackInfo,
    "tracks": TrackFile,
    "competencies": CompetencyFile,
    "red_flags": RedFlagFile,
    "rubrics": RubricFile,
}
SUFFIXES = (".yaml", ".yml", ".toml")


@dataclass
class Pack:
    """One validated pack: its info and its content by id."""

    info: PackInfo
    path: Path
    tracks: dict[str, Track] = field(default_factory=dict)
    competencies: dict[str, Competency] = field(default_factory=dict)
    red_flags: dict[str, RedFlag] = field(default_factory=dict)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    question_files: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.info.id


def _read_data(path: Path, rel: str, problems: list[PackProblem]) -> Any:
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(PackProblem(rel, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return None
    try:
        if path.suffix == ".toml":
            return tomllib.loads(raw)
        return yaml.safe_load(raw)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        problems.append(PackProblem(rel, "", f"cannot be parsed: {exc}"))
        return None


def _location(loc: Sequence[int | str], data: Any) -> str:
    """Turn a Pydantic error location into `questions[3](pm-tech-01).probes`."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            try:
                node = node[part]
            except (IndexError, KeyError, TypeError):
                node = None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f"(id={node['id']})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _fix_hint(kind: str, msg: str) -> str:
    if kind == "extra_forbidden":
        return "unknown field; remove it or check its spelling against docs/pack-authoring.md"
    if kind == "missing":
        return "required field is missing; add it"
    return msg


def validate_model(model: type[M], data: Any, rel: str, problems: list[PackProblem]) -> M | None:
    """Validate `data` against `model`, appending one problem per error."""
    if data is None:
        problems.append(PackProblem(rel, "", "file is empty"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(
                PackProblem(rel, _location(err["loc"], data), _fix_hint(err["type"], err["msg"]))
            )
        return None


def _files(root: Path) -> tuple[dict[str, Path], list[Path], list[Path]]:
    kinds: dict[str, Path] = {}
    questions: list[Path] = []
    unknown: list[Path] = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.name.lower() in {"readme.md", "license"}:
            continue
        if path.is_dir() and path.name == "questions":
            questions = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES)
        elif path.suffix in SUFFIXES and path.stem in FILE_KINDS:
            kinds[path.stem] = path
        else:
            unknown.append(path)
    return kinds, questions, unknown


def _add_unique(
    target: dict[str, Any], items: Iterable[Any], rel: str, kind: str, problems: list[PackProblem]
) -> None:
    for i, item in enumerate(items):
        if item.id in target:
            problems.append(PackProblem(rel, f"{kind}[{i}].id", f"duplicate id {item.id!r}"))
        else:
            target[item.id] = item


def read_pack(root: Path) -> tuple[Pack | None, list[PackProblem]]:
    """Read and check one pack folder; returns the pack (if its info is readable) and problems."""
    problems: list[PackProblem] = []
    root = Path(root)
    if not root.is_dir():
        return None, [PackProblem(str(root), "", "not a folder")]
    kinds, question_paths, unknown = _files(root)
    for path in unknown:
        problems.append(
            PackProblem(
                path.name,
                "",
                "unknown file; a pack holds "
                + ", ".join(f"{k}.yaml" for k in FILE_KINDS)
                + " and questions/*.yaml",
            )
        )
    if "pack" not in kinds:
        problems.append(PackProblem("pack.yaml", "", "missing; every pack needs pack.yaml"))
        return None, problems
    loaded: dict[str, Any] = {}
    for kind, path in kinds.items():
        rel = path.name
        loaded[kind] = validate_model(
            FILE_KINDS[kind], _read_data(path, rel, problems), rel, problems
        )
    info = loaded.get("pack")
    if not isinstance(info, PackInfo):
        return None, problems
    pack = Pack(info=info, path=root)
    if isinstance(loaded.get("tracks"), TrackFile):
        _add_unique(pack.tracks, loaded["tracks"].tracks, "tracks.yaml", "tracks", problems)
    if isinstance(loaded.get("competencies"), CompetencyFile):
        comps = loaded["competencies"].competencies
        _add_unique(pack.competencies, comps, "competencies.yaml", "competencies", problems)
    if isinstance(loaded.get("red_flags"), RedFlagFile):
        flags = loaded["red_flags"].red_flags
        _add_unique(pack.red_flags, flags, "red_flags.yaml", "red_flags", problems)
    if isinstance(loaded.get("rubrics"), RubricFile):
        for i, rubric in enumerate(loaded["rubrics"].rubrics):
            if rubric.round in pack.rubrics:
                problems.append(
                    PackProblem("rubrics.yaml", f"rubrics[{i}].round", f"duplicate {rubric.round}")
                )
            pack.rubrics[rubric.round] = rubric
    for path in question_paths:
        rel = str(path.relative_to(root))
        qfile = validate_model(QuestionFile, _read_data(path, rel, problems), rel, problems)
        if qfile is None:
            continue
        for i, q in enumerate(qfile.questions):
            if q.id in pack.questions:
                where = pack.question_files[q.id]
                problems.append(
                    PackProblem(rel, f"questions[{i}].id", f"duplicate id {q.id!r} (also in {where})")
                )
                continue
            pack.questions[q.id] = q
            pack.question_files[q.id] = rel
    problems.extend(check_references(pack))
    return pack, problems


def check_references(pack: Pack) -> list[PackProblem]:
    """Cross-file checks: every reference between files points at something that exists."""
    out: list[PackProblem] = []
    sources = set(pack.info.sources)
    tested: set[str] = set()
    for t_index, track in enumerate(pack.tracks.values()):
        if track.source and track.source not in sources:
            out.append(
                PackProblem(
                    "tracks.yaml",
                    f"tracks[{t_index}](id={track.id}).source",
                    f"unknown source {track.source!r}; add it to pack.yaml `sources`",
                )
            )
        seen_rounds: set[str] = set()
        for r_index, loop_round in enumerate(track.loop):
            where = f"tracks[{t_index}](id={track.id}).loop[{r_index}]"
            if loop_round.round in seen_rounds:
                out.append(PackProblem("tracks.yaml", f"{where}.round", "round repeated in loop"))
            seen_rounds.add(loop_round.round)
            if loop_round.source and loop_round.source not in sources:
                out.append(
                    PackProblem(
                        "tracks.yaml",
                        f"{where}.source",
                        f"unknown source {loop_round.source!r}; add it to pack.yaml `sources`",
                    )
                )
            for c in loop_round.competencies:
                tested.add(c)
                if c not in pack.competencies:
                    out.append(
                        PackProblem(
                            "tracks.yaml",
                            f"{where}.competencies",
                            f"unknown competency {c!r}; define it in competencies.yaml",
                        )
                    )
        total = sum(r.weight for r in track.loop)
        if abs(total - 1.0) > 0.011:
            out.append(
                PackProblem(
                    "tracks.yaml",
                    f"tracks[{t_index}](id={track.id}).loop",
                    f"round weights sum to {total:.2f}; make them sum to 1.0",
                )
            )
    for c_index, comp in enumerate(pack.competencies.values()):
        if pack.tracks and comp.id not in tested:
            out.append(
                PackProblem(
                    "competencies.yaml",
                    f"competencies[{c_index}](id={comp.id})",
                    "no loop tests this competency; add it to a loop round's competencies "
                    "or remove it",
                )
            )
    for qid, q in pack.questions.items():
        rel = pack.question_files[qid]
        where = f"question {qid}"
        track = pack.tracks.get(q.track)
        if track is None:
            out.append(
                PackProblem(
                    rel,
                    f"{where}.track",
                    f"unknown track {q.track!r}; valid: {', '.join(pack.tracks) or 'none'}",
                )
            )
        elif q.round not in {r.round for r in track.loop}:
            rounds = ", ".join(r.round for r in track.loop)
            out.append(
                PackProblem(
                    rel,
                    f"{where}.round",
                    f"round {q.round!r} is not in the {q.track} loop; use one of: {rounds}",
                )
            )
        for c in q.competencies:
            if c not in pack.competencies:
                out.append(
                    PackProblem(
                        rel,
                        f"{where}.competencies",
                        f"unknown competency {c!r}; define it in competencies.yaml",
                    )
                )
            elif c not in tested:
                out.append(
                    PackProblem(
                        rel,
                        f"{where}.competencies",
                        f"competency {c!r} is tested by no loop round; add it to a loop",
                    )
                )
        if q.source and q.source not in sources:
            out.append(
                PackProblem(rel, f"{where}.source", f"unknown source {q.source!r}")
            )
    return out


def load_pack(root: Path) -> Pack:
    """Read one pack, raising PackError with every problem if it does not validate."""
    pack, problems = read_pack(root)
    if problems or pack is None:
        raise PackError(problems)
    return pack
