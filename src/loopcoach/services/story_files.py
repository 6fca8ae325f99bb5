"""Story files a person writes and loopcoach exports: Markdown or YAML, one story a file.

Markdown: `# Title`, then `## Situation`, `## Task`, `## Action`, `## Result`,
`## Reflection`, an optional `## Competencies` (a list) and `## Notes`; an exported
file also carries `<!-- uid: ... -->` under the title so importing it again updates
the same story. YAML: the same keys (`title`, `situation`, ..., `competencies`,
`notes`, `uid`). A mistake is reported with the file, the line or key, and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from loopcoach.errors import UsageError
from loopcoach.services.stories import REQUIRED_PARTS, StoryInput
from loopcoach.store.stories import StoryRecord
from loopcoach.store.story_models import STAR_PARTS

SECTIONS = (*STAR_PARTS, "competencies", "notes")
YAML_KEYS = ("title", "uid", *SECTIONS)
MARKDOWN_SUFFIXES = (".md", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 1_000_000
_UID_RE = re.compile(r"^<!--\s*uid:\s*([0-9a-f]{32})\s*-->$")
_ITEM_RE = re.compile(r"^\s*[-*+]\s+(.*)$")


class StoryFileError(UsageError):
    """A story file that cannot be read: where the mistake is and how to fix it."""

    def __init__(self, source: str, where: str, problem: str, fix: str) -> None:
        self.source, self.where, self.problem, self.fix = source, where, problem, fix
        place = f"{source}:{where}" if where else source
        super().__init__(f"{place}: {problem}; {fix}")


CompetencyCheck = Callable[[str], str]


def _missing(source: str, story: StoryInput, heading: Callable[[str], str]) -> None:
    for part in REQUIRED_PARTS:
        if not str(getattr(story, part)).strip():
            raise StoryFileError(
                source, "", f"no {part}", f"add {heading(part)} with the story's {part}"
            )


def parse_markdown(text: str, source: str, check: CompetencyCheck) -> StoryInput:
    """One story from Markdown; StoryFileError names the line and the fix."""
    title = ""
    uid: str | None = None
    parts: dict[str, list[str]] = {}
    comps: list[str] = []
    current: str | None = None
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if line.startswith("# "):
            if title:
                raise StoryFileError(
                    source,
                    f"line {n}",
                    "a second `# ` title",
                    "keep one story a file, or make it a `## ` section",
                )
            title = line[2:].strip()
            continue
        if line.startswith("## "):
            name = line[3:].strip().lower()
            if name not in SECTIONS:
                raise StoryFileError(
                    source,
                    f"line {n}",
                    f"unknown section {line[3:].strip()!r}",
                    "use one of: " + ", ".join(s.title() for s in SECTIONS),
                )
            if name in parts:
                raise StoryFileError(
                    source,
                    f"line {n}",
                    f"a second `## {name.title()}` section",
                    "merge the two into one",
                )
            if not title:
                raise StoryFileError(
                    source,
                    f"line {n}",
                    "a section before the title",
                    "start the file with `# ` and the story's title",
                )
            current = name
            parts[name] = []
            continue
        if current is None:
            match = _UID_RE.match(stripped)
            if match:
                uid = match.group(1)
            elif stripped:
                where = "before the title" if not title else "between the title and a section"
                raise StoryFileError(
                    source,
                    f"line {n}",
                    f"text {where}",
                    "start with `# Title`, then put the text under a `## ` section",
                )
            continue
        if current == "competencies" and stripped:
            item = _ITEM_RE.match(line)
            values = [item.group(1)] if item else stripped.split(",")
            for value in (v.strip() for v in values):
                if value:
                    try:
                        comps.append(check(value))
                    except UsageError as exc:
                        raise StoryFileError(
                            source, f"line {n}", str(exc), "fix the competency id"
                        ) from None
            continue
        parts[current].append(line)
    if not title:
        raise StoryFileError(source, "line 1", "no title", "start the file with `# Title`")
    story = StoryInput(
        title=title,
        **{p: "\n".join(parts.get(p, [])).strip() for p in (*STAR_PARTS, "notes")},
        competencies=tuple(comps),
        uid=uid,
    )
    _missing(source, story, lambda p: f"`## {p.title()}`")
    return story


def parse_yaml(text: str, source: str, check: CompetencyCheck) -> StoryInput:
    """One story from YAML; StoryFileError names the key or line and the fix."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise StoryFileError(source, where, str(problem), "fix the YAML syntax there") from None
    if not isinstance(data, dict):
        raise StoryFileError(
            source, "", "not a mapping", "write `title:`, `situation:`, ... as top-level keys"
        )
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1

    def at(key: str) -> str:
        return f"line {lines[key]} ({key})" if key in lines else key

    values: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if key not in YAML_KEYS:
            raise StoryFileError(
                source, at(key), f"unknown key {key!r}", "use one of: " + ", ".join(YAML_KEYS)
            )
        if key == "competencies":
            items = value if isinstance(value, list) else None
            if items is None or not all(isinstance(i, str) for i in items):
                raise StoryFileError(
                    source,
                    at(key),
                    "competencies must be a list of ids",
                    "write them as `- ownership` lines",
                )
            try:
                values[key] = tuple(check(i) for i in items)
            except UsageError as exc:
                raise StoryFileError(source, at(key), str(exc), "fix the id") from None
        elif value is None:
            values[key] = ""
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            values[key] = str(value)
        else:
            raise StoryFileError(
                source,
                at(key),
                f"{key} must be text",
                "write it as a string (use `|` for lines)",
            )
    uid = values.pop("uid", None) or None
    if uid is not None and not re.fullmatch(r"[0-9a-f]{32}", uid):
        raise StoryFileError(source, at("uid"), "uid is not 32 hex digits", "remove the uid line")
    if not values.get("title", "").strip():
        raise StoryFileError(source, at("title"), "no title", "add `title: ...`")
    story = StoryInput(uid=uid, **values)
    _missing(source, story, lambda p: f"`{p}:`")
    return story


def read_story_file(path: Path, check: CompetencyCheck) -> StoryInput:
    """A story from a `.md`/`.markdown` or `.yaml`/`.yml` file."""
    suffix = path.suffix.lower()
    if suffix not in (*MARKDOWN_SUFFIXES, *YAML_SUFFIXES):
        raise StoryFileError(
            str(path), "", f"not a story file ({suffix or 'no suffix'})", "name it .md or .yaml"
        )
    try:
        raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as exc:
        raise StoryFileError(
            str(path), "", f"cannot be read ({exc.strerror})", "check the path"
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise StoryFileError(str(path), "", "over 1 MB", "keep one story a file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StoryFileError(str(path), "", "not UTF-8 text", "save it as UTF-8") from None
    if suffix in MARKDOWN_SUFFIXES:
        return parse_markdown(text, str(path), check)
    return parse_yaml(text, str(path), check)


def story_files(paths: list[Path]) -> list[Path]:
    """The story files named, a folder standing for the story files in it (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.iterdir()
                    if f.is_file() and f.suffix.lower() in (*MARKDOWN_SUFFIXES, *YAML_SUFFIXES)
                )
            )
        else:
            out.append(p)
    return out


def story_markdown(story: StoryRecord) -> str:
    """A story as the Markdown `parse_markdown` reads back."""
    lines = [f"# {story.title}", f"<!-- uid: {story.uid} -->", ""]
    for part in STAR_PARTS:
        lines += [f"## {part.title()}", "", story.part(part), ""]
    if story.competencies:
        lines += ["## Competencies", "", *[f"- {c}" for c in story.competencies], ""]
    if story.notes:
        lines += ["## Notes", "", story.notes, ""]
    return "\n".join(lines)


def story_yaml(story: StoryRecord) -> str:
    """A story as the YAML `parse_yaml` reads back."""
    data: dict[str, Any] = {"title": story.title, "uid": story.uid}
    data.update({p: story.part(p) for p in STAR_PARTS})
    data["competencies"] = list(story.competencies)
    data["notes"] = story.notes
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def file_name(story: StoryRecord, fmt: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", story.title.lower()).strip("-")[:40] or "story"
    return f"{story.id:03d}-{slug}.{'md' if fmt == 'md' else 'yaml'}"
