"""The progress summary: kept equal to a recomputation over every attempt, in SQL.

Counting and grading 100,000 attempts with their latest assessments takes the
database a second; reading the few hundred rows of `progress_groups` takes a few
milliseconds. Every write that changes an attempt or an assessment opens a
`SummaryChange` in its own transaction, names the questions it touched, and applies
it before committing: the summary rows of those questions are recomputed from the
attempts (an index on user and question finds them), never adjusted by arithmetic,
so they cannot drift from what they summarise.

A write made around the Store (a bulk load, a test's fixture) leaves the largest
attempt or assessment id past the one in `progress_marks`; the next reader then
rebuilds the whole summary, and a writer finding it so rebuilds it instead of
refreshing its own questions.

Concurrency (PostgreSQL, several workers): a change takes a transaction-scoped
advisory lock on its user only, so two writes of one user (two tabs) refresh that
user's rows one after the other, and writes of different users never wait on each
other. The mark only ever grows (each stamp keeps the larger of its value and the
new one), and is compared with the largest ids in one statement, so a commit landing
in between cannot make a writer or a reader take the summary for stale. A rebuild
locks the summary table against every other change while it runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Text,
    case,
    cast,
    delete,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from loopcoach.store.models import AssessmentRow, Attempt
from loopcoach.store.progress_models import ProgressGroupRow, ProgressMarkRow
from loopcoach.store.records import AttemptGroup

Executor = Connection | Session
_CHUNK = 500  # question ids per statement

_KEY = ("user", "track", "round", "competencies", "status", "kind", "question_id")
_FIGURES = ("count", "graded", "grade_sum", "best", "last_at", "last_id", "last_grade")


def competencies_key(dialect: str) -> ColumnElement[Any]:
    """An attempt's competencies as text to group by: SQLite's as stored, PostgreSQL's cast."""
    if dialect == "sqlite":
        return type_coerce(Attempt.competencies, Text)
    return cast(Attempt.competencies, Text)


def grouped(dialect: str, where: Iterable[ColumnElement[bool]] = ()) -> Select[Any]:
    """Submitted attempts matching `where`, as `progress_groups` rows (key, then figures).

    The grade of an attempt is the overall of its latest assessment; `last_*` are of
    the group's newest graded attempt by (created_at, id).
    """
    latest = (
        select(AssessmentRow.overall)
        .where(AssessmentRow.attempt_id == Attempt.id)
        .order_by(AssessmentRow.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    graded = (
        select(
            Attempt.user,
            Attempt.track,
            Attempt.round,
            competencies_key(dialect).label("competencies"),
            Attempt.status,
            Attempt.kind,
            Attempt.question_id,
            Attempt.created_at,
            Attempt.id,
            latest.label("grade"),
        )
        .where(Attempt.status != "draft", *where)
        .subquery("graded")
    )
    key = [graded.c[k] for k in _KEY]
    rank = (
        func.row_number()
        .over(
            partition_by=key,
            order_by=(
                case((graded.c.grade.is_(None), 1), else_=0),
                graded.c.created_at.desc(),
                graded.c.id.desc(),
            ),
        )
        .label("rank")
    )
    ranked = select(graded, rank).subquery("ranked")
    newest = (ranked.c["rank"] == 1) & ranked.c.grade.is_not(None)
    return select(
        *(ranked.c[k] for k in _KEY),
        func.count(),
        func.count(ranked.c.grade),
        func.coalesce(func.sum(ranked.c.grade), 0.0),
        func.max(ranked.c.grade),
        func.max(case((newest, ranked.c.created_at))),
        func.max(case((newest, ranked.c.id))),
        func.max(case((newest, ranked.c.grade))),
    ).group_by(*(ranked.c[k] for k in _KEY))


def _insert(conn: Executor, where: Iterable[ColumnElement[bool]] = ()) -> None:
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    dialect = bind.dialect.name
    columns = [ProgressGroupRow.__table__.c[k] for k in (*_KEY, *_FIGURES)]
    conn.execute(insert(ProgressGroupRow).from_select(columns, grouped(dialect, where)))


def refresh(conn: Executor, user: str, question_ids: Iterable[str | None]) -> None:
    """Recompute the summary rows of these questions of `user` from the attempts."""
    wanted = set(question_ids)
    named = sorted(q for q in wanted if q is not None)
    scopes: list[tuple[ColumnElement[bool], ColumnElement[bool]]] = [
        (ProgressGroupRow.question_id.in_(chunk), Attempt.question_id.in_(chunk))
        for chunk in (named[i : i + _CHUNK] for i in range(0, len(named), _CHUNK))
    ]
    if None in wanted:  # custom questions
        scopes.append((ProgressGroupRow.question_id.is_(None), Attempt.question_id.is_(None)))
    for in_summary, in_attempts in scopes:
        conn.execute(
            delete(ProgressGroupRow)
            .where(ProgressGroupRow.user == user, in_summary)
            .execution_options(synchronize_session=False)
        )
        _insert(conn, [Attempt.user == user, in_attempts])


def _competency_rows(dialect: str, where_sql: str) -> str:
    """SQL selecting (attempt_id, competency, user, track, created_at, grade): scored ones."""
    if dialect == "sqlite":
        each = "json_each(a.competencies) AS c"
        value = "c.value"
    else:
        each = "json_array_elements_text(a.competencies::json) AS c(value)"
        value = "c.value"
    return (
        f'SELECT DISTINCT a.id, {value}, a."user", a.track, a.created_at, {_LATEST} '
        f"FROM attempts AS a, {each} "
        f"WHERE a.status = 'scored' AND {value} IS NOT NULL "
        f"AND EXISTS (SELECT 1 FROM assessments AS s WHERE s.attempt_id = a.id) {where_sql}"
    )


_COMPETENCY_COLUMNS = '(attempt_id, competency, "user", track, created_at, grade)'
_LATEST = (
    "(SELECT s.overall FROM assessments AS s WHERE s.attempt_id = a.id ORDER BY s.id DESC LIMIT 1)"
)


def refresh_competencies(conn: Executor, user: str, question_ids: Iterable[str | None]) -> None:
    """Rewrite `attempt_competencies` for these questions of `user` from the attempts."""
    from sqlalchemy import bindparam, text

    dialect = _dialect(conn)
    wanted = set(question_ids)
    named = sorted(q for q in wanted if q is not None)
    scopes = [
        ("a.question_id IN :qids", {"qids": named[i : i + _CHUNK]})
        for i in range(0, len(named), _CHUNK)
    ]
    if None in wanted:
        scopes.append(("a.question_id IS NULL", {}))
    for clause, params in scopes:
        where = f'AND a."user" = :user AND {clause}'
        own = f'SELECT a.id FROM attempts AS a WHERE a."user" = :user AND {clause}'
        for sql in (
            f"DELETE FROM attempt_competencies WHERE attempt_id IN ({own})",
            f"INSERT INTO attempt_competencies {_COMPETENCY_COLUMNS} "
            + _competency_rows(dialect, where),
        ):
            stmt = text(sql)
            if "qids" in params:
                stmt = stmt.bindparams(bindparam("qids", expanding=True))
            conn.execute(stmt, {"user": user, **params})


def rebuild_competencies(conn: Executor) -> None:
    """Rewrite the whole of `attempt_competencies` from the attempts."""
    from sqlalchemy import text

    conn.execute(text("DELETE FROM attempt_competencies"))
    conn.execute(
        text(
            f"INSERT INTO attempt_competencies {_COMPETENCY_COLUMNS} "
            + _competency_rows(_dialect(conn), "")
        )
    )


def rebuild(conn: Executor) -> None:
    """Recompute the whole summary, every user's, from the attempts."""
    if _dialect(conn) == "postgresql":
        from sqlalchemy import text

        conn.execute(text("LOCK TABLE progress_groups IN EXCLUSIVE MODE"))
    conn.execute(delete(ProgressGroupRow).execution_options(synchronize_session=False))
    _insert(conn)
    rebuild_competencies(conn)


def _dialect(conn: Executor) -> str:
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    return bind.dialect.name


def _maxima(conn: Executor) -> tuple[int, int]:
    row = conn.execute(
        select(
            func.coalesce(select(func.max(Attempt.id)).scalar_subquery(), 0),
            func.coalesce(select(func.max(AssessmentRow.id)).scalar_subquery(), 0),
        )
    ).one()
    return int(row[0]), int(row[1])


def is_current(conn: Executor) -> bool:
    """Whether no attempt or assessment was added around the Store since the last change.

    One statement, so the mark and the largest ids are read at one moment.
    (On SQLite an id freed by deleting the newest row can be given again; a row added
    around the Store with such an id goes unnoticed. The Store's own writes never do.)
    """
    mark = ProgressMarkRow
    row = conn.execute(
        select(
            select(mark.attempts_max).where(mark.id == 1).scalar_subquery(),
            select(mark.assessments_max).where(mark.id == 1).scalar_subquery(),
            func.coalesce(select(func.max(Attempt.id)).scalar_subquery(), 0),
            func.coalesce(select(func.max(AssessmentRow.id)).scalar_subquery(), 0),
        )
    ).one()
    if row[0] is None:
        return False
    # Ids only grow, so a row added around the Store has one past the mark; deletions
    # leave the mark above the largest id, which is still current.
    return int(row[2]) <= int(row[0]) and int(row[3]) <= int(row[1])


def stamp(conn: Executor) -> None:
    """Record that the summary is current with the attempts and assessments as they are now."""
    attempts_max, assessments_max = _maxima(conn)
    values = {"attempts_max": attempts_max, "assessments_max": assessments_max}
    mark = ProgressMarkRow
    # Never lowered: a writer whose view predates another's commit keeps the larger mark.
    done = conn.execute(
        update(mark)
        .where(mark.id == 1)
        .values(
            attempts_max=case(
                (mark.attempts_max < attempts_max, attempts_max), else_=mark.attempts_max
            ),
            assessments_max=case(
                (mark.assessments_max < assessments_max, assessments_max),
                else_=mark.assessments_max,
            ),
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(done, "rowcount", 1):
        conn.execute(insert(ProgressMarkRow).values(id=1, **values))


class SummaryChange:
    """One write's effect on the summary, applied in the write's own transaction.

    Open it before the write (it locks the mark and sees whether the summary is
    current), `touch` the questions whose attempts are added, changed or graded, or
    `touch_attempts` before deleting, then `apply` after the write.
    """

    def __init__(self, conn: Executor, user: str) -> None:
        self.conn = conn
        self.user = user
        if _dialect(conn) == "postgresql":
            # This user's writes one at a time; other users' writes go on meanwhile.
            conn.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"progress:{user}"))))
        self.current = is_current(conn)
        self.questions: set[str | None] = set()

    def touch(self, *question_ids: str | None) -> None:
        self.questions.update(question_ids)

    def touch_attempts(self, attempt_ids: Iterable[int]) -> None:
        """The questions of these attempts (of this user), looked up before they change."""
        ids = list(attempt_ids)
        for start in range(0, len(ids), _CHUNK):
            found = self.conn.execute(
                select(Attempt.question_id)
                .where(Attempt.id.in_(ids[start : start + _CHUNK]), Attempt.user == self.user)
                .distinct()
            )
            self.questions.update(q for (q,) in found)

    def apply(self) -> None:
        if not self.current:
            rebuild(self.conn)
        elif self.questions:
            refresh(self.conn, self.user, self.questions)
            refresh_competencies(self.conn, self.user, self.questions)
        stamp(self.conn)


def read(conn: Executor, user: str, track: str | None = None) -> list[AttemptGroup]:
    """The summary's groups of `user` (of one track if given), as `attempt_groups` has them."""
    return read_many(conn, [user], track).get(user, [])


def read_many(
    conn: Executor, users: Iterable[str], track: str | None = None
) -> dict[str, list[AttemptGroup]]:
    """The groups of several users in one query (a coach's cohort page), by user."""
    g = ProgressGroupRow
    wanted = sorted(set(users))
    out: dict[str, list[AttemptGroup]] = {}
    for start in range(0, len(wanted), _CHUNK):
        stmt = select(*(g.__table__.c[k] for k in (*_KEY, *_FIGURES))).where(
            g.user.in_(wanted[start : start + _CHUNK])
        )
        if track:
            stmt = stmt.where(g.track == track)
        stmt = stmt.order_by(*(g.__table__.c[k] for k in _KEY))
        for user, groups in _groups(conn.execute(stmt)):
            out.setdefault(user, []).extend(groups)
    return out


def _groups(rows: Iterable[Any]) -> Iterable[tuple[str, list[AttemptGroup]]]:
    groups: list[AttemptGroup] = []
    current: str | None = None
    parsed: dict[str, tuple[str, ...]] = {}  # a few lists of competencies, each many times
    for row in rows:
        (
            user,
            track_,
            round_,
            comps,
            status,
            kind,
            qid,
            n,
            graded,
            total,
            best,
            at,
            last_id,
            grade,
        ) = row
        if user != current:
            if current is not None:
                yield current, groups
            current, groups = user, []
        if comps not in parsed:
            parsed[comps] = tuple(json.loads(comps) or ()) if comps else ()
        groups.append(
            AttemptGroup(
                competencies=parsed[comps],
                track=track_,
                round=round_,
                status=status,
                kind=kind,
                question_id=qid,
                count=n,
                graded=graded,
                grade_sum=float(total or 0.0),
                best=best,
                last=(at, last_id, grade) if last_id is not None else None,
            )
        )
    if current is not None:
        yield current, groups
