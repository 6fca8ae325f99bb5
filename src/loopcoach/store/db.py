"""The Store: one user's attempts and assessments in any SQLAlchemy database.

Every answer is committed before it is scored, so a crash in the scorer (or of the
whole process) never loses what the user typed.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Engine,
    Select,
    Text,
    and_,
    bindparam,
    case,
    cast,
    delete,
    exists,
    func,
    literal_column,
    select,
    tuple_,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased, sessionmaker

from loopcoach.errors import DatabaseFault, StoreError, UsageError
from loopcoach.store import progress_summary
from loopcoach.store.engine import cannot_write, is_read_only, location, make_engine, sqlite_file
from loopcoach.store.migrate import open_read_only, prepare_engine
from loopcoach.store.models import AssessmentRow, Attempt, storable_text
from loopcoach.store.progress_summary import SummaryChange
from loopcoach.store.records import (
    AssessmentRecord,
    AttemptGroup,
    AttemptPage,
    AttemptRecord,
    AttemptSummary,
    GradePoint,
    NewAttempt,
    Progress,
    question_counts,
)

if TYPE_CHECKING:
    from loopcoach.scoring.types import Assessment


def _assessment(row: AssessmentRow) -> AssessmentRecord:
    return AssessmentRecord(
        id=row.id,
        attempt_id=row.attempt_id,
        created_at=row.created_at,
        scorer_version=row.scorer_version,
        overall=row.overall,
        decision=row.decision,
        payload=dict(row.payload),
    )


def _record(row: Attempt, assessment: AssessmentRow | None) -> AttemptRecord:
    return AttemptRecord(
        id=row.id,
        user=row.user,
        created_at=row.created_at,
        updated_at=row.updated_at,
        status=row.status,
        track=row.track,
        round=row.round,
        pack=row.pack,
        question_id=row.question_id,
        question=row.question,
        competencies=tuple(row.competencies or ()),
        answer=row.answer,
        kind=row.kind,
        parent_id=row.parent_id,
        duration_seconds=row.duration_seconds,
        error=row.error,
        uid=row.uid,
        assessment=_assessment(assessment) if assessment is not None else None,
    )


def _same_question(row: Attempt, new: NewAttempt) -> bool:
    """A draft belongs to one question (a pack id, or a custom one) and one attempt kind."""
    return (
        row.kind == new.kind
        and row.parent_id == new.parent_id
        and row.question_id == new.question_id
    )


class Store:
    """Attempts and assessments of one user; `Store.open(url)` migrates to head first."""

    def __init__(self, engine: Engine, user: str = "local") -> None:
        self.engine = engine
        self.user = user
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, user: str = "local", *, migrate: bool = True) -> Store:
        """The database at `url`, migrated to head; a SQLite file it cannot write, read-only.

        A database that cannot be used (damaged, not SQLite, from a newer loopcoach, on a
        full disk) raises a DatabaseFault that says what to do; it is never changed to open it.
        """
        path = sqlite_file(url)
        if migrate and path is not None and path.is_file() and cannot_write(path):
            return cls(open_read_only(url), user)
        engine = make_engine(url)
        try:
            if migrate:
                prepare_engine(engine)
        except DatabaseFault as fault:
            engine.dispose()
            if fault.kind not in ("read_only", "cannot_open") or path is None or not path.is_file():
                raise
            # Writable by its mode but not in fact (a read-only disk, a folder that cannot
            # take the -shm file): it can still show the history.
            engine = open_read_only(url)
        except SQLAlchemyError as exc:
            engine.dispose()
            reason = (str(getattr(exc, "orig", None) or exc).splitlines() or [""])[0]
            raise StoreError(f"cannot open the database at {location(url)}: {reason}") from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, user)

    def for_user(self, user: str) -> Store:
        """The same database seen as another user (for the multi-user service)."""
        return Store(self.engine, user)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _session(self) -> Session:
        return self._sessions()

    def _own(self, session: Session, attempt_id: int) -> Attempt:
        row = session.get(Attempt, attempt_id)
        if row is None or row.user != self.user:
            raise KeyError(attempt_id)
        return row

    # -- writing -------------------------------------------------------------

    def _write(
        self,
        new: NewAttempt,
        answer: str,
        status: str,
        attempt_id: int | None,
        duration_seconds: float | None,
    ) -> int:
        if new.kind not in ("main", "follow_up"):
            raise ValueError(f"unknown attempt kind {new.kind!r}")
        if new.kind == "follow_up" and new.parent_id is None:
            raise ValueError("a follow-up attempt needs its parent_id")
        with self._session() as session, session.begin():
            change = SummaryChange(session, self.user)
            if attempt_id is not None:
                try:
                    row = self._own(session, attempt_id)
                except KeyError:
                    raise UsageError(f"no draft {attempt_id} to update") from None
                if row.status != "draft":
                    raise UsageError(f"attempt {attempt_id} is already {row.status}, not a draft")
                if not _same_question(row, new):
                    raise UsageError(
                        f"draft {attempt_id} belongs to another question; "
                        "its text is left as it was"
                    )
                if status == "draft" and not answer.strip() and row.answer.strip():
                    return row.id  # an empty post never empties a draft that has text
            else:
                if new.parent_id is not None:
                    try:
                        self._own(session, new.parent_id)
                    except KeyError:
                        raise UsageError(f"no attempt {new.parent_id} to follow up") from None
                row = Attempt(user=self.user)
                session.add(row)
            row.status = status
            row.track = new.track
            row.round = new.round
            row.pack = new.pack
            row.question_id = new.question_id
            row.question = storable_text(new.question)
            row.competencies = list(new.competencies)
            row.answer = storable_text(answer)
            row.kind = new.kind
            row.parent_id = new.parent_id
            row.duration_seconds = duration_seconds
            row.error = None
            session.flush()
            if status != "draft":  # drafts count in no figure
                change.touch(row.question_id)
            change.apply()
            return row.id

    def save_draft(
        self,
        new: NewAttempt,
        answer: str,
        attempt_id: int | None = None,
        duration_seconds: float | None = None,
    ) -> int:
        """Create a draft, or update draft `attempt_id` with the text typed so far."""
        return self._write(new, answer, "draft", attempt_id, duration_seconds)

    def save_attempt(
        self,
        new: NewAttempt,
        answer: str,
        attempt_id: int | None = None,
        duration_seconds: float | None = None,
    ) -> int:
        """Commit a submitted answer (status `saved`), promoting draft `attempt_id` if given."""
        return self._write(new, answer, "saved", attempt_id, duration_seconds)

    def save_assessment(self, attempt_id: int, assessment: Assessment) -> int:
        """Store the scorer's verdict on an attempt and mark it `scored`."""
        with self._session() as session, session.begin():
            change = SummaryChange(session, self.user)
            row = self._own(session, attempt_id)
            a = AssessmentRow(
                attempt_id=row.id,
                scorer_version=assessment.scorer_version,
                overall=float(assessment.overall),
                decision=assessment.decision,
                payload=assessment.to_json(),
            )
            session.add(a)
            row.status = "scored"
            row.error = None
            session.flush()
            change.touch(row.question_id)
            change.apply()
            return a.id

    def mark_error(self, attempt_id: int, message: str) -> None:
        """Record that scoring failed; the answer stays saved."""
        with self._session() as session, session.begin():
            change = SummaryChange(session, self.user)
            row = self._own(session, attempt_id)
            row.status = "error"
            row.error = message[:2000]
            session.flush()
            change.touch(row.question_id)
            change.apply()

    def delete_attempt(self, attempt_id: int) -> bool:
        """Delete an attempt, its follow-ups and all their assessments, for good."""
        with self._session() as session, session.begin():
            try:
                self._own(session, attempt_id)
            except KeyError:
                return False
            self._delete(session, self._levels(session, [attempt_id]))
            return True

    def delete_all(self) -> int:
        """Delete every attempt and assessment of this user; returns how many attempts."""
        with self._session() as session, session.begin():
            roots = list(
                session.scalars(
                    select(Attempt.id).where(Attempt.user == self.user, Attempt.parent_id.is_(None))
                )
            )
            levels = self._levels(session, roots)
            self._delete(session, levels)
            return sum(len(level) for level in levels)

    def _levels(self, session: Session, roots: list[int]) -> list[list[int]]:
        """The roots, then their follow-ups, then theirs, level by level."""
        levels: list[list[int]] = []
        seen: set[int] = set()
        frontier = list(roots)
        while frontier:
            levels.append(frontier)
            seen.update(frontier)
            children = session.scalars(
                select(Attempt.id).where(Attempt.parent_id.in_(frontier), Attempt.user == self.user)
            )
            frontier = [c for c in children if c not in seen]
        return levels

    def _delete(self, session: Session, levels: list[list[int]]) -> None:
        change = SummaryChange(session, self.user)
        change.touch_attempts(i for level in levels for i in level)
        # Deepest level first, so deleting never relies on the database cascading.
        for level in reversed(levels):
            session.execute(delete(AssessmentRow).where(AssessmentRow.attempt_id.in_(level)))
            session.execute(delete(Attempt).where(Attempt.id.in_(level)))
        change.apply()

    # -- reading -------------------------------------------------------------

    def _latest_assessments(
        self, session: Session, attempt_ids: Iterable[int]
    ) -> dict[int, AssessmentRow]:
        ids = list(attempt_ids)
        out: dict[int, AssessmentRow] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = session.scalars(
                select(AssessmentRow)
                .where(AssessmentRow.attempt_id.in_(chunk))
                .order_by(AssessmentRow.id)
            )
            for row in rows:
                out[row.attempt_id] = row  # ordered by id, so the latest wins
        return out

    def attempt(self, attempt_id: int) -> AttemptRecord | None:
        """One of this user's attempts with its latest assessment, or None."""
        with self._session() as session:
            try:
                row = self._own(session, attempt_id)
            except KeyError:
                return None
            latest = self._latest_assessments(session, [row.id])
            return _record(row, latest.get(row.id))

    def _where(
        self,
        *,
        track: str | None = None,
        round: str | None = None,
        competency: str | None = None,
        question_id: str | None = None,
        kind: str | None = None,
        status: str | Sequence[str] | None = None,
        parent_id: int | None = None,
    ) -> list[ColumnElement[bool]]:
        """The WHERE terms of a filtered attempt list, all evaluated by the database."""
        terms: list[ColumnElement[bool]] = [Attempt.user == self.user]
        if track:
            terms.append(Attempt.track == track)
        if round:
            terms.append(Attempt.round == round)
        if competency:
            terms.append(_has_competency(self.engine.dialect.name, competency))
        if question_id:
            terms.append(Attempt.question_id == question_id)
        if kind:
            terms.append(Attempt.kind == kind)
        if parent_id is not None:
            terms.append(Attempt.parent_id == parent_id)
        if status:
            statuses = [status] if isinstance(status, str) else list(status)
            terms.append(Attempt.status.in_(statuses))
        return terms

    def _older_than(self, session: Session, before: int) -> ColumnElement[bool]:
        """Attempts listed after attempt `before` (newest first): a keyset cursor."""
        when = session.scalar(
            select(Attempt.created_at).where(Attempt.id == before, Attempt.user == self.user)
        )
        if when is None:  # gone since the page was shown; ids grow with time
            return Attempt.id < before
        return tuple_(Attempt.created_at, Attempt.id) < tuple_(when, before)

    def attempts(
        self,
        track: str | None = None,
        round: str | None = None,
        competency: str | None = None,
        limit: int | None = None,
        *,
        question_id: str | None = None,
        kind: str | None = None,
        status: str | Sequence[str] | None = None,
        parent_id: int | None = None,
        oldest_first: bool = False,
        offset: int = 0,
        before: int | None = None,
    ) -> list[AttemptRecord]:
        """This user's attempts, newest first, filtered as asked, with their latest assessments.

        `offset` and `limit` take one page of the filtered list; `before` (an attempt id)
        starts the list just after that attempt, a cursor that stays put as attempts are added.
        """
        where = self._where(
            track=track,
            round=round,
            competency=competency,
            question_id=question_id,
            kind=kind,
            status=status,
            parent_id=parent_id,
        )
        with self._session() as session:
            if before is not None:
                where.append(self._older_than(session, before))
            stmt = select(Attempt).where(*where).order_by(*_order(oldest_first))
            if offset:
                stmt = stmt.offset(offset)
            if limit is not None:
                stmt = stmt.limit(limit)
            rows = list(session.scalars(stmt))
            latest = self._latest_assessments(session, (r.id for r in rows))
            return [_record(r, latest.get(r.id)) for r in rows]

    def count_attempts(
        self,
        track: str | None = None,
        round: str | None = None,
        competency: str | None = None,
        *,
        question_id: str | None = None,
        kind: str | None = None,
        status: str | Sequence[str] | None = None,
    ) -> int:
        """How many attempts `attempts()` would list with the same filters and no limit."""
        where = self._where(
            track=track,
            round=round,
            competency=competency,
            question_id=question_id,
            kind=kind,
            status=status,
        )
        with self._session() as session:
            return session.scalar(select(func.count()).select_from(Attempt).where(*where)) or 0

    def attempt_page(
        self,
        page: int = 1,
        per_page: int = 50,
        *,
        track: str | None = None,
        round: str | None = None,
        competency: str | None = None,
        status: str | None = None,
    ) -> AttemptPage:
        """One page of this user's attempts, newest first, without answers or payloads.

        A page past the last one is the last one. Each main answer with an assessment
        carries the id of the one before it at the same question.
        """
        where = self._where(track=track, round=round, competency=competency, status=status)
        with self._session() as session:
            total = session.scalar(select(func.count()).select_from(Attempt).where(*where)) or 0
            page = max(1, min(page, -(-total // per_page) or 1))
            rows = session.execute(
                select(*_SUMMARY_COLUMNS)
                .where(*where)
                .order_by(*_order(False))
                .offset((page - 1) * per_page)
                .limit(per_page)
            ).all()
            grades = {
                r.attempt_id: (r.overall, r.decision)
                for r in session.execute(
                    select(AssessmentRow.attempt_id, AssessmentRow.overall, AssessmentRow.decision)
                    .where(AssessmentRow.attempt_id.in_([r.id for r in rows]))
                    .order_by(AssessmentRow.id)  # so the latest wins
                )
            }
            graded = [
                (r.id, r.question_id, r.question)
                for r in rows
                if r.kind == "main" and r.id in grades
            ]
            previous = self._previous(session, graded)
        items = [
            AttemptSummary(
                id=r.id,
                created_at=r.created_at,
                status=r.status,
                track=r.track,
                round=r.round,
                question_id=r.question_id,
                question=r.question,
                competencies=tuple(r.competencies or ()),
                kind=r.kind,
                parent_id=r.parent_id,
                overall=grades[r.id][0] if r.id in grades else None,
                decision=grades[r.id][1] if r.id in grades else None,
                previous_id=previous.get(r.id),
            )
            for r in rows
        ]
        return AttemptPage(items=items, total=total, page=page, per_page=per_page)

    def _previous(
        self, session: Session, rows: Sequence[tuple[int, str | None, str]]
    ) -> dict[int, int]:
        """For each (id, question id, question), the graded main answer just before it there.

        A pack question is known by its id, a custom one by its text. Ids grow with
        creation time, so the id order is the chronological order, and an index finds it.
        """
        before = aliased(Attempt)
        same = {
            True: before.question_id == Attempt.question_id,
            False: and_(before.question_id.is_(None), before.question == Attempt.question),
        }
        out: dict[int, int] = {}
        for by_id in (True, False):
            ids = [i for i, question_id, _ in rows if bool(question_id) == by_id]
            if not ids:
                continue
            earlier = (
                select(before.id)
                .where(
                    before.user == self.user,
                    same[by_id],
                    before.kind == "main",
                    before.id < Attempt.id,
                    exists().where(AssessmentRow.attempt_id == before.id),
                )
                .order_by(before.id.desc())
                .limit(1)
                .scalar_subquery()
            )
            found = session.execute(select(Attempt.id, earlier).where(Attempt.id.in_(ids)))
            out.update({a: b for a, b in found if b is not None})
        return out

    def question_attempt_counts(self, track: str | None = None) -> dict[str, int]:
        """How many answers (main, not drafts) this user has submitted to each pack question."""
        return question_counts(self.progress_groups(track))

    def progress_groups(self, track: str | None = None) -> list[AttemptGroup]:
        """`attempt_groups` without the drafts, read from the progress summary.

        The summary is kept by every write of the Store; one found behind rows written
        around it is rebuilt first (or, on a database that cannot be written,
        recomputed from the attempts and not kept).
        """
        with self._session() as session:
            if progress_summary.is_current(session):
                return progress_summary.read(session, self.user, track)
        if is_read_only(self.engine):
            return [g for g in self.attempt_groups(track) if g.status != "draft"]
        with self._session() as session, session.begin():
            SummaryChange(session, self.user).apply()  # rebuilt, unless a writer just did
            return progress_summary.read(session, self.user, track)

    def progress_of(self, users: Iterable[str]) -> dict[str, Progress]:
        """The progress of several users at once, for a coach's cohort page (one query)."""
        wanted = list(users)
        self.progress_groups()  # brings the summary up to date if rows came around it
        with self._session() as session:
            groups = progress_summary.read_many(session, wanted)
        return {u: Progress.of(groups.get(u, [])) for u in wanted}

    def attempt_groups(self, track: str | None = None) -> list[AttemptGroup]:
        """This user's attempts counted and graded by the database, group by group.

        A group holds the attempts that share track, round, competencies, status, kind
        and question: a few hundred groups however many attempts there are, which
        `Progress.of` and `question_counts` fold into the figures the pages show.
        """
        # SQLite groups the JSON text as it is; PostgreSQL has no `=` for json, only for text.
        key = (
            type_coerce(Attempt.competencies, Text)
            if self.engine.dialect.name == "sqlite"
            else cast(Attempt.competencies, Text)
        )
        # In the order of an index on (user, track, round, competencies, status, kind,
        # question_id), should there be one, so that it is read in order, not sorted.
        columns = (
            Attempt.track,
            Attempt.round,
            key,
            Attempt.status,
            Attempt.kind,
            Attempt.question_id,
        )
        grade = AssessmentRow.overall
        stmt = (
            select(
                *columns,
                func.count(),
                func.count(grade),
                func.sum(grade),
                func.max(grade),
                func.max(case((grade.is_not(None), Attempt.created_at))),
            )
            .select_from(Attempt)
            .outerjoin(AssessmentRow, _latest_assessment())
            .where(*self._where(track=track))
            .group_by(*columns)
        )
        with self._session() as session:
            rows = session.execute(stmt).all()
            newest = self._newest_graded(session, columns, [r[-1] for r in rows], track)
        groups = []
        for row in rows:
            track_, round_, comps, status, kind, qid, n, n_graded, total, best, last_at = row
            last = newest.get(tuple(row[:6]))
            groups.append(
                AttemptGroup(
                    competencies=tuple(json.loads(comps) or ()) if comps else (),
                    track=track_,
                    round=round_,
                    status=status,
                    kind=kind,
                    question_id=qid,
                    count=n,
                    graded=n_graded,
                    grade_sum=float(total or 0.0),
                    best=best,
                    last=last if last is not None and last[0] == last_at else None,
                )
            )
        return groups

    def _newest_graded(
        self,
        session: Session,
        columns: Sequence[Any],
        stamps: Iterable[Any],
        track: str | None,
    ) -> dict[tuple[Any, ...], tuple[datetime, int, float]]:
        """The (created_at, id, grade) of each group's newest graded attempt.

        `stamps` are the groups' newest graded times; the attempts created at one of
        them are few, and the (user, created_at) index finds them.
        """
        wanted = sorted({s for s in stamps if s is not None})
        newest: dict[tuple[Any, ...], tuple[datetime, int, float]] = {}
        for start in range(0, len(wanted), 500):
            found = session.execute(
                select(*columns, Attempt.created_at, Attempt.id, AssessmentRow.overall)
                .join(AssessmentRow, _latest_assessment())
                .where(*self._where(track=track))
                .where(Attempt.created_at.in_(wanted[start : start + 500]))
            )
            for *group, when, attempt_id, overall in found:
                seen = newest.get(tuple(group))
                if seen is None or seen < (when, attempt_id, overall):
                    newest[tuple(group)] = (when, attempt_id, overall)
        return newest

    def progress(self, track: str | None = None) -> Progress:
        """Per-competency, per-track and per-round grades over this user's scored attempts."""
        return Progress.of(self.progress_groups(track))

    def recent_grades(
        self, competencies: Iterable[str], track: str | None = None, per_competency: int = 50
    ) -> dict[str, list[GradePoint]]:
        """The latest `per_competency` scored attempts training each competency, oldest first.

        One index range of `attempt_competencies` per competency, which holds each
        attempt's time and latest grade. A summary found behind rows written around
        the Store is brought up to date first; a read-only database in that state walks
        the attempts instead (`_recent_grades_walk`).
        """
        from loopcoach.store.progress_models import AttemptCompetencyRow as AC

        wanted = list(dict.fromkeys(competencies))
        with self._session() as session:
            current = progress_summary.is_current(session)
        if not current:
            if is_read_only(self.engine):
                return self._recent_grades_walk(wanted, track, per_competency)
            self.progress_groups()  # rebuilds the summary and this index with it
        out: dict[str, list[GradePoint]] = {}
        with self._session() as session:
            for c in wanted:
                stmt = select(AC.attempt_id, AC.created_at, AC.grade).where(
                    AC.user == self.user, AC.competency == c
                )
                if track:
                    stmt = stmt.where(AC.track == track)
                stmt = stmt.order_by(AC.created_at.desc(), AC.attempt_id.desc()).limit(
                    per_competency
                )
                found = [GradePoint(*row) for row in session.execute(stmt)]
                if found:
                    out[c] = found[::-1]
        return out

    def _recent_grades_walk(
        self, competencies: Iterable[str], track: str | None = None, per_competency: int = 50
    ) -> dict[str, list[GradePoint]]:
        """`recent_grades` read from the attempts themselves, newest first.

        Scored attempts' ids and competencies are read newest first, a chunk at a time,
        until every competency has its points; then the times and latest grades of the
        attempts chosen, and of those alone. A competency still short after WALK
        attempts is asked for alone.
        """
        chosen: dict[str, list[int]] = {c: [] for c in competencies}
        short = set(chosen)
        # The competencies as text, parsed once per distinct list: a few hundred lists
        # however many attempts, and no timestamp is parsed for an attempt not shown.
        comps_text = progress_summary.competencies_key(self.engine.dialect.name)
        parsed: dict[str | None, list[str]] = {}
        newest_first = (
            select(Attempt.id, comps_text)
            .where(
                *self._where(track=track, status="scored"),
                exists().where(AssessmentRow.attempt_id == Attempt.id),
            )
            .order_by(*_order(False))
        )
        with self._session() as session:
            cursor: int | None = None
            walked = 0
            while short and walked < WALK:
                stmt = newest_first.limit(CHUNK)
                if cursor is not None:
                    when = select(Attempt.created_at).where(Attempt.id == cursor)
                    stmt = stmt.where(
                        tuple_(Attempt.created_at, Attempt.id)
                        < tuple_(when.scalar_subquery(), cursor)
                    )
                rows = session.execute(stmt).all()
                for attempt_id, text in rows:
                    comps = parsed.get(text)
                    if comps is None:
                        comps = parsed[text] = list(dict.fromkeys(json.loads(text or "[]") or ()))
                    for c in comps:
                        if c in short:
                            chosen[c].append(attempt_id)
                            if len(chosen[c]) == per_competency:
                                short.discard(c)
                if len(rows) < CHUNK:
                    short.clear()  # every scored attempt has been read
                elif rows:
                    cursor = rows[-1][0]
                walked += len(rows)
            graded = self._grades_of(session, {i for ids in chosen.values() for i in ids})
            points = {c: [graded[i] for i in ids] for c, ids in chosen.items()}
            for c in sorted(short):
                # A rare competency: its own query, which the database filters.
                alone = (
                    select(Attempt.id, Attempt.created_at, AssessmentRow.overall)
                    .join(AssessmentRow, _latest_assessment())
                    .where(*self._where(track=track, competency=c, status="scored"))
                    .order_by(*_order(False))
                    .limit(per_competency)
                )
                points[c] = [GradePoint(*row) for row in session.execute(alone)]
        return {c: found[::-1] for c, found in points.items() if found}

    def _grades_of(self, session: Session, attempt_ids: Iterable[int]) -> dict[int, GradePoint]:
        """Each attempt's time and the overall grade of its latest assessment."""
        latest = (
            select(AssessmentRow.overall)
            .where(AssessmentRow.attempt_id == Attempt.id)
            .order_by(AssessmentRow.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        ids = sorted(attempt_ids)
        out: dict[int, GradePoint] = {}
        for start in range(0, len(ids), 500):
            found = session.execute(
                select(Attempt.id, Attempt.created_at, latest).where(
                    Attempt.id.in_(ids[start : start + 500])
                )
            )
            out.update({i: GradePoint(i, when, grade) for i, when, grade in found})
        return out

    def submitted_days(self, first: date, last: date, track: str | None = None) -> set[date]:
        """The days (UTC) from `first` to `last` on which this user submitted an answer.

        One index probe per day, however many answers a day holds.
        """
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        out: set[date] = set()
        with self._session() as session:
            for start in range(0, len(days), _PROBES):
                chunk = days[start : start + _PROBES]
                params: dict[str, Any] = {"user": self.user, "track": track}
                for i, day in enumerate(chunk):
                    params[f"since_{i}"] = datetime(day.year, day.month, day.day, tzinfo=UTC)
                    params[f"until_{i}"] = params[f"since_{i}"] + timedelta(days=1)
                found = session.scalars(_day_probes(len(chunk), track is not None), params)
                out.update(chunk[i] for i in found)
        return out


_PROBES = 100  # days probed by one statement of submitted_days
CHUNK = 1000  # scored attempts read at a time by recent_grades
WALK = 20_000  # and how many at most before it asks about each short competency alone


@functools.cache
def _day_probes(n: int, by_track: bool) -> CompoundSelect[Any]:
    """`n` yes-or-no probes, one a day: built once, so each call only binds its days."""
    probes: list[Select[Any]] = []
    for i in range(n):
        where = [
            Attempt.user == bindparam("user"),
            Attempt.status != "draft",
            Attempt.created_at >= bindparam(f"since_{i}"),
            Attempt.created_at < bindparam(f"until_{i}"),
        ]
        if by_track:
            where.append(Attempt.track == bindparam("track"))
        probes.append(select(literal_column(str(i))).where(exists().where(*where)))
    return union_all(*probes)


_SUMMARY_COLUMNS = (
    Attempt.id,
    Attempt.created_at,
    Attempt.status,
    Attempt.track,
    Attempt.round,
    Attempt.question_id,
    Attempt.question,
    Attempt.competencies,
    Attempt.kind,
    Attempt.parent_id,
)


def _order(oldest_first: bool) -> tuple[ColumnElement[Any], ...]:
    if oldest_first:
        return (Attempt.created_at.asc(), Attempt.id.asc())
    return (Attempt.created_at.desc(), Attempt.id.desc())


def _latest_assessment() -> ColumnElement[bool]:
    """The ON clause that joins an attempt to its latest assessment, and to no other.

    Written as "no newer one exists", so an index on assessments (attempt_id, id,
    overall), should one exist, answers it without reading the payloads.
    """
    newer = aliased(AssessmentRow)
    return and_(
        AssessmentRow.attempt_id == Attempt.id,
        ~exists().where(newer.attempt_id == Attempt.id, newer.id > AssessmentRow.id),
    )


def _has_competency(dialect: str, competency: str) -> ColumnElement[bool]:
    """Whether an attempt's JSON list of competencies holds `competency`, asked in SQL."""
    if dialect == "sqlite":
        each = func.json_each(Attempt.competencies).table_valued("value")
        return exists().select_from(each).where(each.c.value == competency)
    if dialect == "postgresql":
        return cast(Attempt.competencies, JSONB).contains([competency])
    token = json.dumps(competency).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return cast(Attempt.competencies, Text).like(f"%{token}%", escape="\\")
