"""The mock loop: a track's rounds in order, a question drawn for each, a grilling follow-up.

A loop is a plan (the questions drawn for each round, stored when it starts) and
steps (each question asked, linked to the attempt that answers it). Answers go
through the practice service, so each is validated, committed and only then
scored; a loop interrupted anywhere resumes where it stopped with nothing lost.
`next_turn()` is the whole state machine: it works out from the store what to ask
next, scoring anything a crash left saved but unscored on the way.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from loopcoach.errors import UsageError
from loopcoach.services.practice import (
    PracticeQuestion,
    PracticeResult,
    PracticeService,
    Scorer,
    ScoringFailed,
    default_scorer,
    follow_up_budget,
    follow_up_kwargs,
    from_pack,
)
from loopcoach.store.loops import LoopRecord, LoopStep, LoopStore

if TYPE_CHECKING:
    from loopcoach.content.index import Content
    from loopcoach.content.loader import Pack
    from loopcoach.content.models import LoopRound, Track
    from loopcoach.services.debrief import Debrief
    from loopcoach.store.db import Store
    from loopcoach.store.records import AttemptRecord

MAX_PER_ROUND = 3
# Steps are numbered so that a round's questions sort together: round index * 100,
# then two positions per question (its main step, then its follow-up).
ROUND_STRIDE = 100


def position(round_index: int, question_index: int, follow_up: bool = False) -> int:
    return round_index * ROUND_STRIDE + question_index * 2 + int(follow_up)


@dataclass(frozen=True)
class Turn:
    """What the loop asks now: the step, the question to score it against, and where it sits."""

    loop_id: int
    step: LoopStep
    question: PracticeQuestion
    round_index: int
    rounds: int
    loop_round: LoopRound
    # What was typed before an interruption, kept as a draft attempt.
    draft: AttemptRecord | None = None
    # Seconds already spent on this round's earlier answers.
    round_seconds_used: float = 0.0

    @property
    def is_follow_up(self) -> bool:
        return self.step.kind == "follow_up"


@dataclass
class LoopService:
    """Start, answer, pause, resume and finish mock loops for the store's user."""

    store: Store
    content: Content
    scorer: Scorer = field(default_factory=default_scorer)

    def __post_init__(self) -> None:
        self.loops = LoopStore(self.store)
        self.practice = PracticeService(self.store, self.content, self.scorer)

    # -- starting ------------------------------------------------------------

    def track(self, track: str, pack: str | None = None) -> tuple[Pack, Track]:
        """The pack that owns `track` (`pack`, else the default, else the first with it)."""
        owner = self.content.pack_for_track(track, pack)
        return owner, owner.tracks[track]

    def draw(
        self,
        track: str,
        *,
        seed: str,
        pack: str | None = None,
        per_round: int = 1,
        avoid: frozenset[str] = frozenset(),
    ) -> list[dict[str, Any]]:
        """The questions of each round, drawn with `seed`; ids in `avoid` only if nothing else.

        Seeding with a string keyed on the round makes the draw the same on every machine
        and for every Python hash seed, and independent from round to round.
        """
        if not 1 <= per_round <= MAX_PER_ROUND:
            raise UsageError(f"questions per round must be 1 to {MAX_PER_ROUND}, not {per_round}")
        owner, tr = self.track(track, pack)
        plan: list[dict[str, Any]] = []
        for loop_round in tr.loop:
            candidates = sorted(
                (
                    q
                    for q in owner.questions.values()
                    if q.track == track and q.round == loop_round.round
                ),
                key=lambda q: q.id,
            )
            if not candidates:
                raise UsageError(
                    f"the {track} loop's {loop_round.round} round has no questions in pack "
                    f"{owner.id!r}; add some or use another pack"
                )
            fresh = [q for q in candidates if q.id not in avoid]
            rng = random.Random(f"{seed}/{track}/{loop_round.round}")
            chosen = rng.sample(fresh, min(per_round, len(fresh)))
            if len(chosen) < per_round:
                seen = [q for q in candidates if q not in chosen]
                chosen += rng.sample(seen, min(per_round - len(chosen), len(seen)))
            plan.append({"round": loop_round.round, "question_ids": [q.id for q in chosen]})
        return plan

    def last_loop_questions(self, track: str) -> frozenset[str]:
        """The main questions of the user's latest loop of this track."""
        latest = self.loops.loops(track=track, limit=1)
        if not latest:
            return frozenset()
        return frozenset(q for r in latest[0].plan for q in r["question_ids"])

    def start(
        self,
        track: str,
        *,
        pack: str | None = None,
        seed: str | None = None,
        per_round: int = 1,
        repeat: bool = False,
        mode: str = "interactive",
    ) -> LoopRecord:
        """A new loop of `track`; its questions avoid the last loop's unless `repeat`."""
        owner, _ = self.track(track, pack)
        seed = seed if seed is not None else secrets.token_hex(4)
        avoid = frozenset() if repeat else self.last_loop_questions(track)
        plan = self.draw(track, seed=seed, pack=owner.id, per_round=per_round, avoid=avoid)
        return self.loops.create(pack=owner.id, track=track, seed=seed, plan=plan, mode=mode)

    def resume(self, loop_id: int | None = None) -> LoopRecord:
        """Loop `loop_id`, or the latest unfinished one."""
        if loop_id is not None:
            loop = self.loops.get(loop_id)
            if loop.finished:
                raise UsageError(f"loop {loop_id} is finished; `loopcoach loop --export` shows it")
            return loop
        open_loops = self.loops.loops(status="in_progress", limit=1)
        if not open_loops:
            raise UsageError("no unfinished loop to resume; start one with --track")
        return open_loops[0]

    # -- the state machine ---------------------------------------------------

    def _question(self, loop: LoopRecord, question_id: str) -> PracticeQuestion:
        pack = self.content.pack(loop.pack)
        if question_id not in pack.questions:
            raise UsageError(
                f"loop {loop.id} asks question {question_id!r}, which pack {loop.pack!r} "
                "no longer has"
            )
        return from_pack(pack, pack.questions[question_id])

    def _attempt(self, step: LoopStep) -> AttemptRecord | None:
        return self.store.attempt(step.attempt_id) if step.attempt_id is not None else None

    def _ensure_scored(self, attempt: AttemptRecord, question: PracticeQuestion) -> None:
        """Score an answer that was saved but not scored (the process stopped in between)."""
        if attempt.status not in ("saved", "error"):
            return
        try:
            assessment = self.scorer(
                question.track,
                question.round,
                question.text,
                attempt.answer,
                talking_points=list(question.talking_points) or None,
                probes=tuple(question.probes),
                asks_for=question.asks_for,
                **follow_up_kwargs(question),
            )
        except Exception as exc:
            self.store.mark_error(attempt.id, f"{type(exc).__name__}: {exc}")
            raise ScoringFailed(attempt.id, exc) from exc
        self.store.save_assessment(attempt.id, assessment)

    def _probe(
        self, main: AttemptRecord | None, question: PracticeQuestion
    ) -> tuple[str, str | None]:
        """The grilling: the scorer's probe at the weakest criterion, a pack probe if one fits."""
        payload = main.assessment.payload if main is not None and main.assessment else None
        if not payload:
            return question.probes[0] if question.probes else "Tell me more.", None
        probe = str(payload.get("follow_up") or question.probes[0])
        # Scorer 2.0 says which criterion its probe aims at; an assessment stored by an
        # older scorer does not, and then the weakest criterion is the aim.
        aimed = payload.get("follow_up_criterion")
        if aimed:
            return probe, str(aimed)
        criteria = payload.get("criteria") or []
        weakest = min(criteria, key=lambda c: c["score"])["id"] if criteria else None
        return probe, weakest

    def _follow_up_question(
        self, step: LoopStep, main: AttemptRecord | None, question: PracticeQuestion
    ) -> PracticeQuestion:
        others = tuple(p for p in question.probes if p.strip() != step.question.strip())
        return PracticeQuestion(
            track=question.track,
            round=question.round,
            text=step.question,
            competencies=question.competencies,
            pack=question.pack,
            question_id=question.question_id,
            round_name=question.round_name,
            budget_seconds=follow_up_budget(question.budget_seconds),
            round_minutes=question.round_minutes,
            probes=others,
            kind="follow_up",
            parent_id=main.id if main is not None else None,
            aimed_at=step.aimed_at,
            parent_answer=main.answer if main is not None else None,
        )

    def next_turn(self, loop_id: int) -> Turn | None:
        """What to ask next in the loop, or None when every question is answered or skipped."""
        loop = self.loops.get(loop_id)
        if loop.finished:
            return None
        _, track = self.track(loop.track, loop.pack)
        rounds = {r.round: r for r in track.loop}
        for r_index, planned in enumerate(loop.plan):
            loop_round = rounds.get(planned["round"])
            if loop_round is None:
                raise UsageError(
                    f"loop {loop.id} has round {planned['round']!r}, which the {loop.track} "
                    "loop no longer has"
                )
            used = 0.0
            for q_index, qid in enumerate(planned["question_ids"]):
                question = self._question(loop, qid)
                main_pos = position(r_index, q_index)
                step = loop.step_at(main_pos) or self.loops.add_step(
                    loop.id,
                    position=main_pos,
                    round=loop_round.round,
                    kind="main",
                    question_id=qid,
                    question=question.text,
                )
                main = self._attempt(step)
                if not step.skipped and (main is None or main.status == "draft"):
                    return Turn(
                        loop.id, step, question, r_index, len(loop.plan), loop_round, main, used
                    )
                if main is not None:
                    self._ensure_scored(main, question)
                    main = self.store.attempt(main.id)
                    used += (main.duration_seconds or 0.0) if main else 0.0
                fu_step = loop.step_at(main_pos + 1)
                if fu_step is None:
                    probe, aimed_at = self._probe(main, question)
                    fu_step = self.loops.add_step(
                        loop.id,
                        position=main_pos + 1,
                        round=loop_round.round,
                        kind="follow_up",
                        question_id=qid,
                        question=probe,
                        aimed_at=aimed_at,
                    )
                if main is None:
                    # Nothing to grill when the main question went unanswered.
                    if not fu_step.skipped:
                        self.loops.skip(fu_step.id)
                    continue
                fu_question = self._follow_up_question(fu_step, main, question)
                follow = self._attempt(fu_step)
                if not fu_step.skipped and (follow is None or follow.status == "draft"):
                    return Turn(
                        loop.id,
                        fu_step,
                        fu_question,
                        r_index,
                        len(loop.plan),
                        loop_round,
                        follow,
                        used,
                    )
                if follow is not None:
                    self._ensure_scored(follow, fu_question)
                    used += follow.duration_seconds or 0.0
        return None

    # -- answering -----------------------------------------------------------

    def save_draft(self, turn: Turn, text: str, draft_id: int | None = None) -> int | None:
        """Keep what has been typed so far, tied to the loop step; None while nothing is typed."""
        draft_id = self.practice.save_draft(turn.question, text, draft_id)
        if draft_id is not None and turn.step.attempt_id != draft_id:
            self.loops.link_attempt(turn.step.id, draft_id)
        return draft_id

    def answer(
        self,
        turn: Turn,
        text: str,
        *,
        draft_id: int | None = None,
        duration_seconds: float | None = None,
    ) -> PracticeResult:
        """Commit, link, then score the answer to the turn's question."""
        if draft_id is None and turn.draft is not None:
            draft_id = turn.draft.id
        try:
            result = self.practice.submit(
                turn.question, text, draft_id=draft_id, duration_seconds=duration_seconds
            )
        except ScoringFailed as exc:
            self.loops.link_attempt(turn.step.id, exc.attempt_id)
            raise
        self.loops.link_attempt(turn.step.id, result.attempt_id)
        return result

    def skip(self, turn: Turn) -> None:
        """Leave the turn's question unanswered; it counts as such in the debrief."""
        self.loops.skip(turn.step.id)

    # -- finishing -----------------------------------------------------------

    def finish(self, loop_id: int) -> Debrief:
        """Build the committee's debrief and store it with the loop."""
        from loopcoach.services.debrief import build_debrief

        turn = self.next_turn(loop_id)
        if turn is not None:
            raise UsageError(
                f"loop {loop_id} still has an open question in round {turn.step.round}; "
                "answer or skip it first"
            )
        loop = self.loops.get(loop_id)
        if loop.finished and loop.debrief is not None:
            from loopcoach.services.debrief import Debrief

            return Debrief.from_json(loop.debrief)
        owner, track = self.track(loop.track, loop.pack)
        attempts = {
            s.attempt_id: a
            for s in loop.steps
            if s.attempt_id is not None and (a := self.store.attempt(s.attempt_id)) is not None
        }
        debrief = build_debrief(loop, track, attempts, owner)
        debrief.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.loops.finish(loop_id, debrief.to_json())
        return debrief

    def debrief(self, loop_id: int | None = None) -> Debrief:
        """The stored debrief of loop `loop_id`, or of the latest finished loop."""
        from loopcoach.services.debrief import Debrief

        if loop_id is None:
            done = self.loops.loops(status="finished", limit=1)
            if not done:
                raise UsageError("no finished loop yet; run one with `loopcoach loop --track T`")
            loop = done[0]
        else:
            loop = self.loops.get(loop_id)
        if loop.debrief is None:
            if loop.finished:
                # Dropped when an answer it quoted was deleted: rebuilt from what remains.
                return self.finish(loop.id)
            raise UsageError(f"loop {loop.id} is not finished; resume it with --resume {loop.id}")
        return Debrief.from_json(loop.debrief)
