"""Deleting for good: one attempt, one loop, one question's history, or everything.

"For good" means the text cannot be read back from the database file afterwards. On
SQLite the engine runs with `secure_delete` on, so freed cells and pages are
overwritten with zeros; after each deletion the write-ahead log is checkpointed and
truncated, so no older copy of a page survives in the -wal file either. A finished
loop's stored debrief quotes its answers, so a loop that loses an answer has its
debrief dropped and rebuilt from what remains when it is next shown.

On PostgreSQL the rows are gone from every query at once, but the server keeps dead
row versions in the table files until VACUUM reclaims them, and in its WAL and any
backups until those are recycled: see the README's note on deletion.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from loopcoach.errors import UsageError
from loopcoach.store.db import Store
from loopcoach.store.loop_models import LoopRow, LoopStepRow
from loopcoach.store.models import AssessmentRow, Attempt
from loopcoach.store.progress_summary import SummaryChange


@dataclass(frozen=True)
class Erased:
    """What a deletion removed."""

    attempts: int = 0
    loops: int = 0
    debriefs_dropped: int = 0

    def describe(self) -> str:
        parts = [f"{self.attempts} answer(s)"]
        if self.loops:
            parts.append(f"{self.loops} loop(s)")
        text = "deleted " + " and ".join(parts)
        if self.debriefs_dropped:
            text += (
                f"; {self.debriefs_dropped} loop debrief(s) quoted them and will be rebuilt "
                "without them"
            )
        return text


def _tree(session: Session, user: str, roots: list[int]) -> list[int]:
    """The roots and every follow-up below them, of this user."""
    found: list[int] = []
    seen: set[int] = set()
    frontier = [r for r in roots if r not in seen]
    while frontier:
        found.extend(frontier)
        seen.update(frontier)
        children: list[int] = []
        for start in range(0, len(frontier), 500):
            chunk = frontier[start : start + 500]
            children.extend(
                session.scalars(
                    select(Attempt.id).where(Attempt.parent_id.in_(chunk), Attempt.user == user)
                )
            )
        frontier = [c for c in children if c not in seen]
    return found


def _remove_attempts(session: Session, user: str, ids: list[int]) -> int:
    """Delete these attempts and their assessments; drop the debriefs that quoted them."""
    change = SummaryChange(session, user)
    change.touch_attempts(ids)
    dropped = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        loops = set(
            session.scalars(
                select(LoopStepRow.loop_id).where(LoopStepRow.attempt_id.in_(chunk)).distinct()
            )
        )
        if loops:
            dropped += len(
                session.execute(
                    update(LoopRow)
                    .where(
                        LoopRow.id.in_(loops),
                        LoopRow.user == user,
                        LoopRow.debrief.is_not(None),
                    )
                    .values(debrief=None)
                    .returning(LoopRow.id)
                    .execution_options(synchronize_session=False)
                ).all()
            )
            session.execute(
                update(LoopStepRow)
                .where(LoopStepRow.attempt_id.in_(chunk))
                # A deleted answer counts as unanswered, as a skipped question does.
                .values(attempt_id=None, skipped=True)
                .execution_options(synchronize_session=False)
            )
        session.execute(delete(AssessmentRow).where(AssessmentRow.attempt_id.in_(chunk)))
    # Children before parents, so no row ever points at a deleted one.
    for start in range(len(ids), 0, -500):
        chunk = ids[max(0, start - 500) : start]
        session.execute(
            delete(Attempt)
            .where(Attempt.id.in_(chunk), Attempt.user == user)
            .execution_options(synchronize_session=False)
        )
    change.apply()
    return dropped


def _flush_to_disk(store: Store) -> None:
    """SQLite: copy the log into the file and truncate it, so no old page stays in the -wal."""
    if store.engine.dialect.name != "sqlite":
        return
    with store.engine.connect() as conn:
        for _ in range(20):
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy is None or busy[0] == 0:
                break
            import time

            time.sleep(0.05)  # a reader holds an old snapshot; it lets go within moments
        conn.commit()


class Eraser:
    """Delete one user's data for good."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.user = store.user

    def _run(self, roots: list[int], loops: list[int] | None = None) -> Erased:
        with Session(self.store.engine) as session, session.begin():
            ids = _tree(session, self.user, roots)
            loop_attempts: list[int] = []
            if loops:
                linked = session.scalars(
                    select(LoopStepRow.attempt_id).where(
                        LoopStepRow.loop_id.in_(loops), LoopStepRow.attempt_id.is_not(None)
                    )
                )
                loop_attempts = _tree(session, self.user, [a for a in linked if a is not None])
                session.execute(delete(LoopStepRow).where(LoopStepRow.loop_id.in_(loops)))
                session.execute(
                    delete(LoopRow).where(LoopRow.id.in_(loops), LoopRow.user == self.user)
                )
            every = list(dict.fromkeys([*ids, *loop_attempts]))
            dropped = _remove_attempts(session, self.user, every)
        _flush_to_disk(self.store)
        return Erased(attempts=len(every), loops=len(loops or ()), debriefs_dropped=dropped)

    def attempt(self, attempt_id: int) -> Erased:
        """One attempt with its follow-ups and assessments."""
        if self.store.attempt(attempt_id) is None:
            raise UsageError(f"no attempt {attempt_id}; `loopcoach history` lists yours")
        return self._run([attempt_id])

    def loop(self, loop_id: int) -> Erased:
        """One loop, its steps, its debrief and every answer given in it."""
        with Session(self.store.engine) as session:
            row = session.get(LoopRow, loop_id)
            if row is None or row.user != self.user:
                raise UsageError(f"no loop {loop_id}; `loopcoach loop --list` lists yours")
        return self._run([], loops=[loop_id])

    def question(self, question_id: str) -> Erased:
        """Every answer to one pack question, with their follow-ups."""
        with Session(self.store.engine) as session:
            roots = list(
                session.scalars(
                    select(Attempt.id).where(
                        Attempt.user == self.user,
                        Attempt.question_id == question_id,
                        Attempt.kind == "main",
                    )
                )
            )
        if not roots:
            raise UsageError(f"no answers to question {question_id!r} to delete")
        return self._run(roots)

    def everything(self) -> Erased:
        """Every attempt, assessment, draft, loop, debrief, plan, card, review and story."""
        with Session(self.store.engine) as session:
            roots = list(
                session.scalars(
                    select(Attempt.id).where(Attempt.user == self.user, Attempt.parent_id.is_(None))
                )
            )
            loops = list(session.scalars(select(LoopRow.id).where(LoopRow.user == self.user)))
        self._forget_features()
        return self._run(roots, loops=loops)

    def _forget_features(self) -> None:
        """The tables later features added: plans, checklists, cards, reviews, stories, rounds."""
        from loopcoach.store.card_models import CardReviewRow, CardRow
        from loopcoach.store.plan_models import ChecklistDoneRow, PlanItemRow, PlanRow
        from loopcoach.store.round_models import RealRoundQuestionRow, RealRoundRow
        from loopcoach.store.story_models import AttemptStoryRow, StoryRow

        with Session(self.store.engine) as session, session.begin():
            cards = select(CardRow.id).where(CardRow.user == self.user).scalar_subquery()
            session.execute(delete(CardReviewRow).where(CardReviewRow.card_id.in_(cards)))
            session.execute(delete(CardRow).where(CardRow.user == self.user))
            plans = select(PlanRow.id).where(PlanRow.user == self.user).scalar_subquery()
            session.execute(delete(PlanItemRow).where(PlanItemRow.plan_id.in_(plans)))
            session.execute(delete(PlanRow).where(PlanRow.user == self.user))
            session.execute(delete(ChecklistDoneRow).where(ChecklistDoneRow.user == self.user))
            stories = select(StoryRow.id).where(StoryRow.user == self.user).scalar_subquery()
            session.execute(delete(AttemptStoryRow).where(AttemptStoryRow.story_id.in_(stories)))
            session.execute(delete(StoryRow).where(StoryRow.user == self.user))
            real = select(RealRoundRow.id).where(RealRoundRow.user == self.user).scalar_subquery()
            session.execute(
                delete(RealRoundQuestionRow).where(RealRoundQuestionRow.real_round_id.in_(real))
            )
            session.execute(delete(RealRoundRow).where(RealRoundRow.user == self.user))
