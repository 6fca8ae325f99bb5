"""`loopcoach.export/1`: every record of one user as one JSON file, written and read streaming.

The file is one JSON object: a header (`schema`, `loopcoach_version`, `exported_at`,
`user`), then one array per table (`attempts`, `loops`, then the sections of later
features: `stories`, `plans`, `checklists`, `cards`, `rounds`), a record a line so the
file is also easy to read and diff. Records name each other by `uid`, never by the
database's ids, so an export moves between SQLite and PostgreSQL unchanged, and an
import matches what it already holds by uid: a second import of a file adds nothing.

Export reads the database in chunks and writes as it goes; import parses the file
with ijson (a streaming JSON parser on yajl), validates every record with the
pydantic models below, and writes in one transaction that is rolled back if any
record is invalid, so a bad file writes nothing and every problem is listed.
A table added later gets a model, a reader and a writer in `transfer_features`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import aliased

from loopcoach import __version__
from loopcoach.errors import UsageError
from loopcoach.store.db import Store
from loopcoach.store.loop_models import LoopRow, LoopStepRow
from loopcoach.store.models import AssessmentRow, Attempt
from loopcoach.store.progress_summary import SummaryChange
from loopcoach.store.transfer_base import Record
from loopcoach.store.transfer_features import SECTIONS as FEATURES
from loopcoach.store.transfer_features import (
    CardOut,
    ChecklistOut,
    PlanOut,
    RealRoundOut,
    StoryOut,
)

SCHEMA = "loopcoach.export/1"
SECTIONS = ("attempts", "loops", *(f.name for f in FEATURES))
CHUNK = 500
MAX_PROBLEMS = 200

Progress = Callable[[str, int, int], None]  # (section, done, total)


# -- the records ------------------------------------------------------------------


Uid = Field(pattern=r"^[0-9a-f]{32}$", description="The record's identity across databases.")


class AssessmentOut(Record):
    """One verdict of the scorer on an attempt; `payload` is the `loopcoach.assessment/1` JSON."""

    created_at: datetime
    scorer_version: str = Field(max_length=40)
    overall: float = Field(ge=1.0, le=4.0)
    decision: Literal["strong_no_hire", "lean_no_hire", "lean_hire", "strong_hire"]
    payload: dict[str, Any]


class AttemptOut(Record):
    """One answer (a draft, saved, scored or failed to score) with its assessments, oldest first."""

    uid: str = Uid
    created_at: datetime
    updated_at: datetime
    status: Literal["draft", "saved", "scored", "error"]
    kind: Literal["main", "follow_up"]
    parent: str | None = Field(None, pattern=r"^[0-9a-f]{32}$", description="The parent's uid.")
    track: str = Field(min_length=1, max_length=80)
    round: str = Field(min_length=1, max_length=40)
    pack: str | None = Field(None, max_length=80)
    question_id: str | None = Field(None, max_length=80)
    question: str
    competencies: list[str]
    answer: str
    duration_seconds: float | None = Field(None, ge=0)
    error: str | None = None
    assessments: list[AssessmentOut] = Field(default_factory=list)


class StepOut(Record):
    """One question of a loop and the uid of the attempt that answers it, if any."""

    position: int = Field(ge=0, le=2**31 - 1)
    round: str = Field(max_length=40)
    kind: Literal["main", "follow_up"]
    question_id: str | None = Field(None, max_length=80)
    question: str
    aimed_at: str | None = Field(None, max_length=80)
    attempt: str | None = Field(None, pattern=r"^[0-9a-f]{32}$")
    skipped: bool = False
    created_at: datetime


class LoopOut(Record):
    """One mock loop: its plan, its steps, and the debrief once finished."""

    uid: str = Uid
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
    status: Literal["in_progress", "finished"]
    mode: Literal["interactive", "scripted"]
    pack: str = Field(max_length=80)
    track: str = Field(max_length=80)
    seed: str = Field(max_length=80)
    plan: list[Any]
    debrief: dict[str, Any] | None = None
    steps: list[StepOut] = Field(default_factory=list)


class Header(BaseModel):
    """The top of the file: what wrote it and when."""

    model_config = ConfigDict(extra="forbid")

    schema_: Literal["loopcoach.export/1"] = Field(alias="schema")
    loopcoach_version: str
    exported_at: datetime
    user: str


class ExportFile(Header):
    """The whole file, for the JSON Schema document (`export.schema.json`)."""

    attempts: list[AttemptOut]
    loops: list[LoopOut]
    # Sections of later features: optional, so files written before them still import.
    stories: list[StoryOut] = Field(default_factory=list)
    plans: list[PlanOut] = Field(default_factory=list)
    checklists: list[ChecklistOut] = Field(default_factory=list)
    cards: list[CardOut] = Field(default_factory=list)
    rounds: list[RealRoundOut] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of `loopcoach.export/1`, as shipped in services/data."""
    schema = ExportFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://loopcoach.invalid/schemas/loopcoach.export-1.json"
    schema["title"] = "loopcoach.export/1"
    return schema


# -- export -----------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _attempt_chunks(store: Store, conn: Connection) -> Iterator[list[dict[str, Any]]]:
    parent = aliased(Attempt)
    last = 0
    while True:
        rows = conn.execute(
            select(Attempt, parent.uid.label("parent_uid"))
            .outerjoin(parent, Attempt.parent_id == parent.id)
            # `user || ''` keeps SQLite off the (user, ...) indexes: a walk of the primary key
            # reads each chunk once, where the index made every chunk re-sort the rest.
            .where(Attempt.user.concat("") == store.user, Attempt.id > last)
            .order_by(Attempt.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            return
        last = rows[-1].id
        ids = [r.id for r in rows]
        verdicts: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        for a in conn.execute(
            select(AssessmentRow)
            .where(AssessmentRow.attempt_id.in_(ids))
            .order_by(AssessmentRow.id)
        ):
            verdicts[a.attempt_id].append(
                {
                    "created_at": _iso(a.created_at),
                    "scorer_version": a.scorer_version,
                    "overall": a.overall,
                    "decision": a.decision,
                    "payload": a.payload,
                }
            )
        yield [
            {
                "uid": r.uid,
                "created_at": _iso(r.created_at),
                "updated_at": _iso(r.updated_at),
                "status": r.status,
                "kind": r.kind,
                "parent": r.parent_uid,
                "track": r.track,
                "round": r.round,
                "pack": r.pack,
                "question_id": r.question_id,
                "question": r.question,
                "competencies": list(r.competencies or ()),
                "answer": r.answer,
                "duration_seconds": r.duration_seconds,
                "error": r.error,
                "assessments": verdicts[r.id],
            }
            for r in rows
        ]


def _loop_chunks(store: Store, conn: Connection) -> Iterator[list[dict[str, Any]]]:
    last = 0
    while True:
        rows = conn.execute(
            select(LoopRow)
            .where(LoopRow.user.concat("") == store.user, LoopRow.id > last)
            .order_by(LoopRow.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            return
        last = rows[-1].id
        ids = [r.id for r in rows]
        steps: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        for s in conn.execute(
            select(LoopStepRow, Attempt.uid.label("attempt_uid"))
            .outerjoin(Attempt, LoopStepRow.attempt_id == Attempt.id)
            .where(LoopStepRow.loop_id.in_(ids))
            .order_by(LoopStepRow.loop_id, LoopStepRow.position)
        ):
            steps[s.loop_id].append(
                {
                    "position": s.position,
                    "round": s.round,
                    "kind": s.kind,
                    "question_id": s.question_id,
                    "question": s.question,
                    "aimed_at": s.aimed_at,
                    "attempt": s.attempt_uid,
                    "skipped": bool(s.skipped),
                    "created_at": _iso(s.created_at),
                }
            )
        yield [
            {
                "uid": r.uid,
                "created_at": _iso(r.created_at),
                "updated_at": _iso(r.updated_at),
                "finished_at": _iso(r.finished_at),
                "status": r.status,
                "mode": r.mode,
                "pack": r.pack,
                "track": r.track,
                "seed": r.seed,
                "plan": r.plan,
                "debrief": r.debrief,
                "steps": steps[r.id],
            }
            for r in rows
        ]


def counts(store: Store) -> dict[str, int]:
    """How many records of each section this user has."""
    from sqlalchemy import func

    with store.engine.connect() as conn:
        return {
            "attempts": conn.scalar(
                select(func.count()).select_from(Attempt).where(Attempt.user == store.user)
            )
            or 0,
            "loops": conn.scalar(
                select(func.count()).select_from(LoopRow).where(LoopRow.user == store.user)
            )
            or 0,
            **{
                f.name: conn.scalar(
                    select(func.count()).select_from(f.table).where(f.table.user == store.user)
                )
                or 0
                for f in FEATURES
            },
        }


NOUNS = {
    "attempts": "attempt(s)",
    "loops": "loop(s)",
    "stories": "story(ies)",
    "plans": "plan(s)",
    "checklists": "checklist item(s) done",
    "cards": "card(s)",
    "rounds": "real round(s)",
}


def describe(numbers: dict[str, int]) -> str:
    """'3 attempt(s), 1 loop(s) and 40 card(s)': the attempts and loops always, the rest if any."""
    parts = [
        f"{numbers.get(name, 0)} {NOUNS[name]}"
        for name in SECTIONS
        if name in ("attempts", "loops") or numbers.get(name)
    ]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def export(store: Store, out: IO[str], progress: Progress | None = None) -> dict[str, int]:
    """Write every record of the store's user to `out`; returns how many of each were written."""
    totals = counts(store)
    header = {
        "schema": SCHEMA,
        "loopcoach_version": __version__,
        "exported_at": datetime.now(UTC).isoformat(),
        "user": store.user,
    }
    out.write(json.dumps(header, ensure_ascii=False)[:-1])
    written: dict[str, int] = {}
    # One read transaction, so the file is one consistent moment of the database.
    with store.engine.connect() as conn, conn.begin():
        for name, chunks in (
            ("attempts", _attempt_chunks(store, conn)),
            ("loops", _loop_chunks(store, conn)),
            *((f.name, f.chunks(store, conn)) for f in FEATURES),
        ):
            out.write(f',\n"{name}": [')
            done = 0
            for chunk in chunks:
                for record in chunk:
                    out.write(",\n" if done else "\n")
                    out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
                    done += 1
                if progress is not None:
                    progress(name, done, totals[name])
            out.write("\n]" if done else "]")
            written[name] = done
    out.write("}\n")
    return written


def export_file(store: Store, path: Path, progress: Progress | None = None) -> dict[str, int]:
    """Export to `path`: written beside it, then renamed, so a failed export leaves no half file."""
    tmp = path.with_name(path.name + ".partial")
    try:
        with tmp.open("w", encoding="utf-8") as out:
            written = export(store, out, progress)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return written


# -- import -----------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import found and did: problems (nothing written), or what it added."""

    problems: list[str] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    present: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    more_problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, where: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"{where}: {message}")
        else:
            self.more_problems += 1


class InvalidExport(UsageError):
    """A file that is not a valid `loopcoach.export/1`; carries every problem found."""

    def __init__(self, path: Path, report: ImportReport) -> None:
        self.report = report
        more = f"\n... and {report.more_problems} more" if report.more_problems else ""
        lines = "\n".join(f"  {p}" for p in report.problems)
        super().__init__(
            f"{path} cannot be imported; nothing was written. "
            f"{len(report.problems) + report.more_problems} problem(s):\n{lines}{more}"
        )


def _validation_problems(report: ImportReport, where: str, exc: ValidationError) -> None:
    for error in exc.errors():
        loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error["loc"])
        report.problem(f"{where}{loc}", error["msg"])


def _items(path: Path, prefix: str) -> Iterator[Any]:
    import ijson

    with path.open("rb") as f:
        yield from ijson.items(f, prefix, use_float=True)


def _read_header(path: Path, report: ImportReport) -> None:
    import ijson

    found: dict[str, Any] = {}
    keys: list[str] = []
    with path.open("rb") as f:
        for prefix, event, value in ijson.parse(f, use_float=True):
            if prefix == "" and event == "map_key":
                keys.append(str(value))
            elif prefix in ("schema", "loopcoach_version", "exported_at", "user") and event in (
                "string",
                "number",
                "null",
                "boolean",
            ):
                found[prefix] = value
            elif prefix == "" and event == "start_array":
                break
    if not keys and not found:
        report.problem("$", "the file is not a JSON object")
        return
    if found.get("schema") != SCHEMA:
        report.problem(
            "$.schema",
            f"expected {SCHEMA!r}, found {found.get('schema')!r}; "
            "this file was not written by `loopcoach export`, or by a newer release",
        )
        return
    try:
        Header.model_validate(found)
    except ValidationError as exc:
        _validation_problems(report, "$", exc)
    unknown = [k for k in keys if k not in (*SECTIONS, *found)]
    for key in unknown:
        report.problem(f"$.{key}", "unknown section")


def import_file(store: Store, path: Path, progress: Progress | None = None) -> ImportReport:
    """Validate `path`, then add what the store lacks in one transaction (InvalidExport if bad)."""
    import ijson

    report = ImportReport()
    try:
        _read_header(path, report)
    except (ijson.JSONError, UnicodeDecodeError) as exc:
        report.problem("$", f"not valid JSON ({exc})")
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror})") from None
    if not report.ok:
        raise InvalidExport(path, report)
    with store.engine.connect() as conn:
        trans = conn.begin()
        try:
            _import_sections(store, conn, path, report, progress)
        except ijson.JSONError as exc:
            report.problem("$", f"not valid JSON ({exc})")
        except BaseException:
            trans.rollback()
            raise
        if report.ok:
            trans.commit()
        else:
            trans.rollback()
    if not report.ok:
        raise InvalidExport(path, report)
    return report


def _existing(conn: Connection, table: Any, uids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(uids), 500):
        chunk = uids[start : start + 500]
        for uid, row_id in conn.execute(select(table.uid, table.id).where(table.uid.in_(chunk))):
            found[uid] = row_id
    return found


class _RecentIds:
    """uid -> id of attempts met lately; older ones are looked up in the database.

    Bounded, so an import's memory does not grow with the file: a follow-up almost
    always comes soon after its parent, and a miss costs one indexed query.
    """

    def __init__(self, conn: Connection, size: int = 20_000) -> None:
        self.conn = conn
        self.size = size
        self.ids: dict[str, int] = {}

    def add(self, uid: str, row_id: int) -> None:
        self.ids[uid] = row_id
        if len(self.ids) > self.size:
            for old in list(self.ids)[: self.size // 2]:
                del self.ids[old]

    def get(self, uid: str) -> int | None:
        found = self.ids.get(uid)
        if found is None:
            found = _existing(self.conn, Attempt, [uid]).get(uid)
        return found


def _attempt_row(store: Store, record: AttemptOut) -> dict[str, Any]:
    return {
        "uid": record.uid,
        "user": store.user,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "status": record.status,
        "track": record.track,
        "round": record.round,
        "pack": record.pack,
        "question_id": record.question_id,
        "question": record.question,
        "competencies": record.competencies,
        "answer": record.answer,
        "kind": record.kind,
        "parent_id": None,
        "duration_seconds": record.duration_seconds,
        "error": record.error,
    }


def _import_sections(
    store: Store, conn: Connection, path: Path, report: ImportReport, progress: Progress | None
) -> None:
    ids = _RecentIds(conn)
    batch: list[tuple[int, AttemptOut]] = []
    summary = SummaryChange(conn, store.user)  # the progress summary, brought up to date once

    def flush_attempts() -> None:
        """Insert a batch in three statements: the rows, their parents, their assessments."""
        if not batch:
            return
        have = _existing(conn, Attempt, [a.uid for _, a in batch])
        in_batch = {a.uid for _, a in batch}
        new: list[tuple[int, AttemptOut]] = []
        for index, record in batch:
            if record.uid in have:
                ids.add(record.uid, have[record.uid])
                report.present["attempts"] += 1
                continue
            if record.kind == "follow_up" and record.parent is None:
                report.problem(f"$.attempts[{index}].parent", "a follow-up needs its parent")
                continue
            parent = record.parent
            if parent is not None and parent not in in_batch and ids.get(parent) is None:
                report.problem(
                    f"$.attempts[{index}].parent",
                    f"no attempt with uid {parent} comes before it or is stored",
                )
                continue
            new.append((index, record))
        batch.clear()
        if not report.ok or not new:
            return  # keep validating; nothing will be written
        rows = conn.execute(
            insert(Attempt).returning(Attempt.id, sort_by_parameter_order=True),
            [_attempt_row(store, record) for _, record in new],
        ).all()
        for (_, record), row in zip(new, rows, strict=True):
            ids.add(record.uid, row.id)
        parents = [
            # updated_at given, or the column's onupdate would stamp the import's time.
            {
                "row_id": ids.get(record.uid),
                "parent": ids.get(record.parent),
                "stamp": record.updated_at,
            }
            for _, record in new
            if record.parent is not None
        ]
        if parents:
            from sqlalchemy import bindparam, update

            conn.execute(
                update(Attempt)
                .where(Attempt.id == bindparam("row_id"))
                .values(parent_id=bindparam("parent"), updated_at=bindparam("stamp"))
                .execution_options(synchronize_session=False),
                parents,
            )
        verdicts = [
            {
                "attempt_id": row.id,
                "created_at": a.created_at,
                "scorer_version": a.scorer_version,
                "overall": a.overall,
                "decision": a.decision,
                "payload": a.payload,
            }
            for (_, record), row in zip(new, rows, strict=True)
            for a in record.assessments
        ]
        if verdicts:
            conn.execute(insert(AssessmentRow), verdicts)
        summary.touch(*(record.question_id for _, record in new))
        report.added["attempts"] += len(new)

    batch_uids: set[str] = set()
    done = 0
    for index, raw in enumerate(_items(path, "attempts.item")):
        done += 1
        try:
            record = AttemptOut.model_validate(raw)
        except ValidationError as exc:
            _validation_problems(report, f"$.attempts[{index}]", exc)
            continue
        if record.uid in batch_uids:
            report.problem(f"$.attempts[{index}].uid", f"uid {record.uid} appears twice")
            continue
        batch.append((index, record))
        batch_uids.add(record.uid)
        if len(batch) >= CHUNK:
            flush_attempts()
            batch_uids.clear()
            if progress is not None:
                progress("attempts", done, 0)
    flush_attempts()
    if report.ok:
        summary.apply()
    if progress is not None:
        progress("attempts", done, done)

    loop_seen: set[str] = set()
    done = 0
    for index, raw in enumerate(_items(path, "loops.item")):
        done += 1
        try:
            loop = LoopOut.model_validate(raw)
        except ValidationError as exc:
            _validation_problems(report, f"$.loops[{index}]", exc)
            continue
        if loop.uid in loop_seen:
            report.problem(f"$.loops[{index}].uid", f"uid {loop.uid} appears twice")
            continue
        loop_seen.add(loop.uid)
        if _existing(conn, LoopRow, [loop.uid]):
            report.present["loops"] += 1
            continue
        links: list[int | None] = []
        for s_index, step in enumerate(loop.steps):
            link = None
            if step.attempt is not None:
                link = ids.get(step.attempt)
                if link is None:
                    report.problem(
                        f"$.loops[{index}].steps[{s_index}].attempt",
                        f"no attempt with uid {step.attempt} in the file or the database",
                    )
            links.append(link)
        positions = [s.position for s in loop.steps]
        if len(set(positions)) != len(positions):
            report.problem(f"$.loops[{index}].steps", "two steps share a position")
        if not report.ok:
            continue
        loop_id = conn.execute(
            insert(LoopRow).returning(LoopRow.id),
            {
                "uid": loop.uid,
                "user": store.user,
                "created_at": loop.created_at,
                "updated_at": loop.updated_at,
                "finished_at": loop.finished_at,
                "status": loop.status,
                "mode": loop.mode,
                "pack": loop.pack,
                "track": loop.track,
                "seed": loop.seed,
                "plan": loop.plan,
                "debrief": loop.debrief,
            },
        ).scalar_one()
        if loop.steps:
            conn.execute(
                insert(LoopStepRow),
                [
                    {
                        "loop_id": loop_id,
                        "position": s.position,
                        "round": s.round,
                        "kind": s.kind,
                        "question_id": s.question_id,
                        "question": s.question,
                        "aimed_at": s.aimed_at,
                        "attempt_id": link,
                        "skipped": s.skipped,
                        "created_at": s.created_at,
                    }
                    for s, link in zip(loop.steps, links, strict=True)
                ],
            )
        report.added["loops"] += 1
    if progress is not None:
        progress("loops", done, done)
    for feature in FEATURES:
        _import_feature(store, conn, path, report, progress, feature, ids)


def _import_feature(
    store: Store,
    conn: Connection,
    path: Path,
    report: ImportReport,
    progress: Progress | None,
    feature: Any,
    ids: _RecentIds,
) -> None:
    """One later feature's section: validate each record, add those not here yet."""
    name = feature.name
    seen: set[str] = set()
    done = 0
    for index, raw in enumerate(_items(path, f"{name}.item")):
        done += 1
        where = f"$.{name}[{index}]"
        try:
            record = feature.model.model_validate(raw)
        except ValidationError as exc:
            _validation_problems(report, where, exc)
            continue
        key = getattr(record, "uid", None) or f"{record.track}/{record.item_id}"
        if key in seen:
            report.problem(where, f"{key} appears twice")
            continue
        seen.add(key)
        if not report.ok:
            continue  # keep validating; nothing will be written
        if feature.add(store, conn, record, ids.get, where, report.problem):
            report.added[name] += 1
        elif report.ok:
            report.present[name] += 1
    if progress is not None:
        progress(name, done, done)
