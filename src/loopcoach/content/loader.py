"""Read a pack folder into validated models, collecting every problem with file and field path."""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from loopcoach.content.checks import check_references
from loopcoach.content.models import (
    CURRENCY_PATTERN,
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

# Limits on one pack file, far above what a real pack needs (the largest shipped file is
# about 80 KB, nested 7 levels, with under 2,000 values), so that a mistaken or hostile
# file is refused with a message instead of exhausting memory, CPU or the stack.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50
MAX_VALUES = 200_000


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


class _Refused(Exception):
    """A pack file that breaks one of the limits; the message says what and how to fix it."""


def _too_large(size: int | None) -> str:
    what = f"{size:,} bytes, over" if size is not None else "over"
    return (
        f"too large ({what} the {MAX_FILE_BYTES // 2**20} MiB limit for one pack file); "
        "trim it, or spread questions over several files under questions/"
    )


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a link that cannot be followed (a loop)"
    return "a special file"


def _read_bytes(root: Path, path: Path) -> bytes:
    """The bytes of `path` if it is a regular file inside `root` within the size limit.

    A link is followed only to a regular file inside the pack folder. The file is checked
    before it is opened, opened without blocking (a named pipe must never hang the loader)
    and checked again once open, and at most one byte over the limit is read.
    """
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(os.path.realpath(root)):
        raise _Refused(
            "a link to a file outside the pack folder; "
            "copy the file into the pack instead of linking to it"
        )
    try:
        info = os.lstat(real)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused(
                f"not a regular file but {_kind_of(info.st_mode)}; "
                "a pack holds only plain text files, so replace it with one"
            )
        if info.st_size > MAX_FILE_BYTES:
            raise _Refused(_too_large(info.st_size))
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        with open(os.open(real, flags), "rb") as f:
            # The file may have been swapped for something else since the check above.
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                raise _Refused("changed while it was read; run the command again")
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _Refused(
            f"cannot be read ({exc.strerror or exc}); check that it exists and you can read it"
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise _Refused(_too_large(None))
    return data


def _at_line(event: yaml.Event) -> str:
    return f" (line {event.start_mark.line + 1})" if event.start_mark else ""


class _PackYamlLoader(yaml.SafeLoader):
    """The safe YAML loader, refusing documents nested or expanded past the pack limits.

    It counts while composing, before any Python object is built: an alias (`*name`)
    counts as a copy of what it names, so a few lines of aliases of aliases cannot
    expand into billions of values for validation to walk.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        # For each collection being composed, the values composed inside it so far.
        self._open: list[int] = []
        # The expanded size of each anchored node, by id (the nodes live as long as we do).
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)
            size = self._sizes.get(id(node))
            if size is None:
                raise _Refused(
                    f"the alias *{event.anchor}{_at_line(event)} is used "
                    "inside the value it names, which makes it endless; write the value out"
                )
            self._count(size)
            return node
        collection = isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent)
        if collection and len(self._open) >= MAX_DEPTH:
            raise _Refused(
                f"nested more than {MAX_DEPTH} levels deep{_at_line(event)}; "
                "no pack field needs that many, so flatten it"
            )
        self._open.append(0)
        node = super().compose_node(parent, index)
        size = self._open.pop() + 1
        if getattr(event, "anchor", None):
            self._sizes[id(node)] = size
        self._count(size)
        return node

    def _count(self, size: int) -> None:
        if self._open:
            self._open[-1] += size
        if (self._open[-1] if self._open else size) > MAX_VALUES:
            raise _Refused(
                f"holds more than {MAX_VALUES:,} values, counting each alias (*name) as a "
                "copy of what it names; trim it or split it into several files"
            )


def _depth(data: Any) -> int:
    """How many lists and tables are nested inside each other, counted without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in node)
    return deepest


def _parse(raw: str, suffix: str) -> Any:
    if suffix == ".toml":
        data = tomllib.loads(raw)
        if _depth(data) > MAX_DEPTH:
            raise _Refused(
                f"nested more than {MAX_DEPTH} levels deep; no pack field needs that many, "
                "so flatten it"
            )
        return data
    # A SafeLoader underneath: plain data only, never arbitrary Python objects.
    return yaml.load(raw, Loader=_PackYamlLoader)


# What `_read_data` returns for a file it could not read, so that a file that failed to
# parse is not also reported as empty.
_UNREADABLE = object()


def _read_data(root: Path, path: Path, rel: str, problems: list[PackProblem]) -> Any:
    """The parsed content of one pack file, or _UNREADABLE with a problem appended."""
    try:
        raw = _read_bytes(root, path).decode("utf-8")
        return _parse(raw, path.suffix)
    except _Refused as exc:
        problems.append(PackProblem(rel, "", str(exc)))
    except UnicodeDecodeError as exc:
        problems.append(PackProblem(rel, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        problems.append(PackProblem(rel, "", f"cannot be parsed: {exc}"))
    except RecursionError:
        problems.append(
            PackProblem(
                rel, "", f"nested too deeply to read; flatten it to at most {MAX_DEPTH} levels"
            )
        )
    except ValueError as exc:
        # A value the parser's types reject, such as the date 2024-13-01 or a huge integer.
        problems.append(
            PackProblem(rel, "", f"cannot be parsed: {exc}; fix the value or quote it as text")
        )
    return _UNREADABLE


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
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == CURRENCY_PATTERN:
        return "not a currency code; use the three capital letters of ISO 4217, such as CNY or USD"
    if kind == "less_than_equal":
        return f"too large; give a number at most {ctx.get('le')}"
    if kind == "greater_than_equal":
        return f"too small; give a number at least {ctx.get('ge')}"
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
    if data is _UNREADABLE:
        return None
    if data is None:
        problems.append(PackProblem(rel, "", "file is empty"))
        return None
    try:
        return model.model_validate(data)
    except RecursionError:
        problems.append(
            PackProblem(
                rel, "", f"nested too deeply to check; flatten it to at most {MAX_DEPTH} levels"
            )
        )
        return None
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


UNKNOWN_FILE = (
    "unknown file; a pack holds "
    + ", ".join(f"{k}.yaml" for k in FILE_KINDS)
    + " and questions/*.yaml"
)
LINKED_FOLDER = (
    "a link to a folder; a pack reads only folders inside it, "
    "so move the files here instead of linking to them"
)


def _question_files(root: Path, folder: Path, problems: list[PackProblem]) -> list[Path]:
    """The data files under questions/, at any depth, never following a link to a folder."""
    found: list[Path] = []
    for here, dirs, names in os.walk(folder, followlinks=False):
        for name in dirs:
            if os.path.islink(os.path.join(here, name)):
                rel = str((Path(here) / name).relative_to(root))
                problems.append(PackProblem(rel, "", LINKED_FOLDER))
        found.extend(Path(here) / n for n in names if Path(n).suffix in SUFFIXES)
    return sorted(found)


def _files(root: Path, problems: list[PackProblem]) -> tuple[dict[str, Path], list[Path]]:
    kinds: dict[str, Path] = {}
    questions: list[Path] = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.name.lower() in {"readme.md", "license"}:
            continue
        if path.name == "questions" and path.is_dir():
            if path.is_symlink():
                problems.append(PackProblem(path.name, "", LINKED_FOLDER))
            else:
                questions = _question_files(root, path, problems)
        elif path.suffix in SUFFIXES and path.stem in FILE_KINDS:
            kinds[path.stem] = path
        else:
            problems.append(PackProblem(path.name, "", UNKNOWN_FILE))
    return kinds, questions


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
    kinds, question_paths = _files(root, problems)
    if "pack" not in kinds:
        problems.append(PackProblem("pack.yaml", "", "missing; every pack needs pack.yaml"))
        return None, problems
    loaded: dict[str, Any] = {}
    for kind, path in kinds.items():
        rel = path.name
        loaded[kind] = validate_model(
            FILE_KINDS[kind], _read_data(root, path, rel, problems), rel, problems
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
        qfile = validate_model(QuestionFile, _read_data(root, path, rel, problems), rel, problems)
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
