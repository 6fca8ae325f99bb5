"""Read a pack folder into validated models, collecting every problem with file and field path."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from loopcoach.content.checks import check_references
from loopcoach.content.models import (
    Card,
    CardFile,
    Checklist,
    ChecklistFile,
    Competency,
    CompetencyFile,
    FactFile,
    Framework,
    FrameworkFile,
    PackInfo,
    Question,
    QuestionFile,
    RedFlag,
    RedFlagFile,
    Rubric,
    RubricFile,
    Track,
    TrackFact,
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
    "frameworks": FrameworkFile,
    "checklists": ChecklistFile,
    "cards": CardFile,
    "facts": FactFile,
}
# The files that hold a list of items with ids: the list's key is the file's kind,
# and the Pack attribute of the same name holds the items by id.
LIST_KINDS = ("tracks", "competencies", "red_flags", "frameworks", "checklists", "cards", "facts")
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
    # Where each question sits in its file's `questions` list, for problem reports.
    question_index: dict[str, int] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    checklists: dict[str, Checklist] = field(default_factory=dict)
    cards: dict[str, Card] = field(default_factory=dict)
    facts: dict[str, TrackFact] = field(default_factory=dict)
    # The file each kind was read from (`facts.yaml` or `facts.toml`), for problem reports.
    files: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.info.id

    def file(self, kind: str) -> str:
        """The name of the file that holds `kind`, as the author wrote it."""
        return self.files.get(kind, f"{kind}.yaml")

    def question_path(self, question_id: str) -> str:
        """The field path of a question in its file: `questions[3](id=pm-tech-01)`."""
        return f"questions[{self.question_index.get(question_id, '?')}](id={question_id})"

    def track_facts(self, track: str, topic: str | None = None) -> list[TrackFact]:
        """The facts of one track (and topic), in file order."""
        return [
            f
            for f in self.facts.values()
            if f.track == track and (topic is None or f.topic == topic)
        ]


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


GUIDE = "docs/pack-authoring.md"


def _fix_hint(kind: str, msg: str, ctx: dict[str, Any] | None = None) -> str:
    """Pydantic's complaint, turned into what is wrong and how to fix it."""
    ctx = ctx or {}
    if kind == "extra_forbidden":
        return f"unknown field; remove it or check its spelling against {GUIDE}"
    if kind == "missing":
        return "required field is missing; add it"
    if kind == "too_short":
        need, got = ctx.get("min_length"), ctx.get("actual_length")
        if need is None or got is None:
            return f"{msg}; add more items"
        return f"too few items: at least {need} needed, {got} given; add more"
    if kind == "too_long":
        return f"{msg}; remove items"
    if kind == "string_too_short":
        return "empty text; write it or remove the field if it is optional"
    if kind == "string_pattern_mismatch":
        return (
            "not a valid id; use lowercase letters, digits, '-' and '_', "
            "starting with a letter or digit"
        )
    if kind == "literal_error":
        return f"{msg}; use one of those values"
    if kind in {"dict_type", "list_type", "model_type", "model_attributes_type"}:
        return f"{msg}; see {GUIDE} for the shape of this field"
    return f"{msg}; see {GUIDE} for this field"


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
                PackProblem(
                    rel,
                    _location(err["loc"], data),
                    _fix_hint(err["type"], err["msg"], err.get("ctx")),
                )
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
            problems.append(
                PackProblem(
                    rel, f"{kind}[{i}].id", f"duplicate id {item.id!r}; give one of them a new id"
                )
            )
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
    pack = Pack(info=info, path=root, files={k: p.name for k, p in kinds.items()})
    for kind in LIST_KINDS:
        if loaded.get(kind) is not None:
            target = getattr(pack, kind)
            _add_unique(target, getattr(loaded[kind], kind), pack.file(kind), kind, problems)
    if isinstance(loaded.get("rubrics"), RubricFile):
        for i, rubric in enumerate(loaded["rubrics"].rubrics):
            if rubric.round in pack.rubrics:
                problems.append(
                    PackProblem(
                        pack.file("rubrics"),
                        f"rubrics[{i}].round",
                        f"duplicate rubric for round {rubric.round!r}; merge the two rubrics",
                    )
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
                    PackProblem(
                        rel,
                        f"questions[{i}].id",
                        f"duplicate id {q.id!r} (also in {where}); give one of them a new id",
                    )
                )
                continue
            pack.questions[q.id] = q
            pack.question_files[q.id] = rel
            pack.question_index[q.id] = i
    problems.extend(check_references(pack))
    return pack, problems


def load_pack(root: Path) -> Pack:
    """Read one pack, raising PackError with every problem if it does not validate."""
    pack, problems = read_pack(root)
    if problems or pack is None:
        raise PackError(problems)
    return pack
