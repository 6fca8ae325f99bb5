"""The progress summary: submitted attempts counted and graded per group, backfilled.

The progress figures were computed over every attempt and its latest assessment on
each request; this keeps them in `progress_groups` (see
loopcoach.store.progress_summary), filled here from the attempts already stored, and
`progress_marks`, its one row stamped with the largest ids the backfill saw. The
backfill is written out here rather than imported, so this revision keeps doing what
it did whatever later code does.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from loopcoach.store.models import UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEY = ("user", "track", "round", "competencies", "status", "kind", "question_id")
FIGURES = ("count", "graded", "grade_sum", "best", "last_at", "last_id", "last_grade")

attempts = sa.table(
    "attempts",
    sa.column("id", sa.Integer()),
    sa.column("user", sa.String()),
    sa.column("created_at", UTCDateTime()),
    sa.column("status", sa.String()),
    sa.column("track", sa.String()),
    sa.column("round", sa.String()),
    sa.column("question_id", sa.String()),
    sa.column("competencies", sa.JSON()),
    sa.column("kind", sa.String()),
)
assessments = sa.table(
    "assessments",
    sa.column("id", sa.Integer()),
    sa.column("attempt_id", sa.Integer()),
    sa.column("overall", sa.Float()),
)


def backfill() -> sa.Select[tuple[object, ...]]:
    """Every user's submitted attempts grouped, with the grade of their latest assessment."""
    a = attempts.c
    latest = (
        sa.select(assessments.c.overall)
        .where(assessments.c.attempt_id == a.id)
        .order_by(assessments.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    sqlite = op.get_bind().dialect.name == "sqlite"
    comps = sa.type_coerce(a.competencies, sa.Text) if sqlite else sa.cast(a.competencies, sa.Text)
    graded = (
        sa.select(
            a.user,
            a.track,
            a.round,
            comps.label("competencies"),
            a.status,
            a.kind,
            a.question_id,
            a.created_at,
            a.id,
            latest.label("grade"),
        )
        .where(a.status != "draft")
        .subquery("graded")
    )
    key = [graded.c[k] for k in KEY]
    rank = sa.func.row_number().over(
        partition_by=key,
        order_by=(
            sa.case((graded.c.grade.is_(None), 1), else_=0),
            graded.c.created_at.desc(),
            graded.c.id.desc(),
        ),
    )
    ranked = sa.select(graded, rank.label("rank")).subquery("ranked")
    r = ranked.c
    newest = (r["rank"] == 1) & r.grade.is_not(None)
    return sa.select(
        *(r[k] for k in KEY),
        sa.func.count(),
        sa.func.count(r.grade),
        sa.func.coalesce(sa.func.sum(r.grade), 0.0),
        sa.func.max(r.grade),
        sa.func.max(sa.case((newest, r.created_at))),
        sa.func.max(sa.case((newest, r.id))),
        sa.func.max(sa.case((newest, r.grade))),
    ).group_by(*(r[k] for k in KEY))


def upgrade() -> None:
    groups = op.create_table(
        "progress_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(length=120), nullable=False),
        sa.Column("track", sa.String(length=80), nullable=False),
        sa.Column("round", sa.String(length=40), nullable=False),
        sa.Column("competencies", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("question_id", sa.String(length=80), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("graded", sa.Integer(), nullable=False),
        sa.Column("grade_sum", sa.Float(), nullable=False),
        sa.Column("best", sa.Float(), nullable=True),
        sa.Column("last_at", UTCDateTime(), nullable=True),
        sa.Column("last_id", sa.Integer(), nullable=True),
        sa.Column("last_grade", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_groups")),
    )
    op.create_index(
        "ix_progress_groups_user_question_id", "progress_groups", ["user", "question_id"]
    )
    marks = op.create_table(
        "progress_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("attempts_max", sa.Integer(), nullable=False),
        sa.Column("assessments_max", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progress_marks")),
    )
    assert groups is not None and marks is not None
    op.execute(sa.insert(groups).from_select([groups.c[k] for k in (*KEY, *FIGURES)], backfill()))
    op.execute(
        sa.insert(marks).from_select(
            [marks.c.id, marks.c.attempts_max, marks.c.assessments_max],
            sa.select(
                sa.literal(1),
                sa.func.coalesce(sa.select(sa.func.max(attempts.c.id)).scalar_subquery(), 0),
                sa.func.coalesce(sa.select(sa.func.max(assessments.c.id)).scalar_subquery(), 0),
            ),
        )
    )


def downgrade() -> None:
    op.drop_table("progress_marks")
    op.drop_index("ix_progress_groups_user_question_id", table_name="progress_groups")
    op.drop_table("progress_groups")
