"""Practice use cases shared by the CLI and the web app.

The order of work is the promise of PRODUCT.md: validate the answer, commit it,
and only then score it. If the scorer fails, the attempt stays saved with status
`error` and the user is told where it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from loopcoach.content.models import ASK_IDS, DEFAULT_BUDGET_SECONDS, ROUND_IDS
from loopcoach.errors import LoopcoachError, UnknownItem, UsageError
from loopcoach.services.answers import validate_answer
from loopcoach.store.models import storable_text
from loopcoach.store.records import AttemptRecord, NewAttempt, Progress

if TYPE_CHECKING:
    from loopcoach.content.index import Content
    from loopcoach.content.loader import Pack
    from loopcoach.content.models import Question
    from loopcoach.scoring.types import Assessment
    from loopcoach.store.db import Store

Scorer = Callable[..., "Assessment"]

# A follow-up probe asks for one missing piece, so its answer is short: this long, or
# the question's own budget when that is shorter.
FOLLOW_UP_BUDGET_SECONDS = 90.0


def round_budget(round: str) -> float:
    """Seconds a spoken answer to a question of `round` should take when it does not say."""
    return float(DEFAULT_BUDGET_SECONDS.get(round, 180))


def follow_up_budget(question_budget: float | None) -> float:
    """Seconds a spoken answer to a follow-up probe should take."""
    if question_budget is None:
        return FOLLOW_UP_BUDGET_SECONDS
    return min(FOLLOW_UP_BUDGET_SECONDS, question_budget)


def default_scorer() -> Scorer:
    """The deterministic scorer, imported only when something is scored."""
    from loopcoach.scoring import score

    return score


class ScoringFailed(LoopcoachError):
    """The answer was saved, but the scorer raised; the attempt is kept with status `error`."""

    exit_code = 1

    def __init__(self, attempt_id: int, cause: BaseException) -> None:
        self.attempt_id = attempt_id
        self.cause = cause
        reason = str(cause) or type(cause).__name__
        super().__init__(
            f"scoring failed ({reason}); your answer is saved as attempt {attempt_id} "
            "with status error"
        )


@dataclass(frozen=True)
class PracticeQuestion:
    """A question to answer, with what scoring it needs and where it sits in its loop."""

    track: str
    round: str
    text: str
    competencies: tuple[str, ...] = ()
    pack: str | None = None
    question_id: str | None = None
    round_name: str | None = None
    # How long a spoken answer should take (the question's `budget_seconds`, else its
    # round's default; a follow-up's is shorter), and how long the whole round lasts.
    budget_seconds: float | None = None
    round_minutes: int | None = None
    difficulty: str | None = None
    talking_points: tuple[str, ...] = ()
    probes: tuple[str, ...] = ()
    reference: str | None = None
    # What the question asks the answer to deliver (a pack question's `asks_for`);
    # None lets the scorer infer it from the text, as for custom questions and probes.
    asks_for: str | None = None
    kind: str = "main"
    parent_id: int | None = None
    # A follow-up: the criterion its probe aims at and the answer it follows up, so the
    # scorer grades it for what the probe asked.
    aimed_at: str | None = None
    parent_answer: str | None = None
    # Why it was picked, when loopcoach picked it (the weakest competency).
    chosen_for: str | None = None

    def new_attempt(self) -> NewAttempt:
        return NewAttempt(
            track=self.track,
            round=self.round,
            question=self.text,
            competencies=self.competencies,
            pack=self.pack,
            question_id=self.question_id,
            kind=self.kind,
            parent_id=self.parent_id,
        )


@dataclass(frozen=True)
class PracticeResult:
    """A scored attempt: its id, the assessment and the question it answered."""

    attempt_id: int
    assessment_id: int
    assessment: Assessment
    question: PracticeQuestion


@dataclass
class PracticeService:
    """Choose questions, save answers before scoring them, and follow up on the weakest point."""

    store: Store
    content: Content
    scorer: Scorer = field(default_factory=default_scorer)

    # -- choosing ------------------------------------------------------------

    def question(self, question_id: str) -> PracticeQuestion:
        """A pack question by id; UnknownItem lists the valid ids."""
        return practice_question(self.content, question_id)

    def track_ids(self, pack: str | None = None) -> list[str]:
        return track_ids(self.content, pack)

    def round_ids(self, track: str, pack: str | None = None) -> list[str]:
        return round_ids(self.content, track, pack)

    def custom_question(
        self,
        track: str,
        round: str,
        text: str,
        *,
        talking_points: Sequence[str] = (),
        reference: str | None = None,
        pack: str | None = None,
        asks_for: str | None = None,
    ) -> PracticeQuestion:
        """A question from outside the packs (one the user was really asked).

        `asks_for` says what it asks for; None lets the scorer infer it from the text.
        """
        if not text.strip():
            raise UsageError("the question is empty")
        if round not in ROUND_IDS:
            raise UnknownItem("round", round, ROUND_IDS)
        if asks_for is not None and asks_for not in ASK_IDS:
            raise UsageError(f"unknown asks_for {asks_for!r}; use one of: {', '.join(ASK_IDS)}")
        competencies: tuple[str, ...] = ()
        round_minutes = None
        round_name = None
        pack_obj = self.content.pack(pack) if pack or self.content.packs else None
        if pack is None and track in self.content.track_ids():
            pack_obj = self.content.pack_for_track(track)
        if pack_obj is not None and track in pack_obj.tracks:
            for r in pack_obj.tracks[track].loop:
                if r.round == round:
                    competencies = tuple(r.competencies)
                    round_minutes = r.minutes
                    round_name = r.name
        return PracticeQuestion(
            track=track,
            round=round,
            text=text.strip(),
            competencies=competencies,
            pack=pack_obj.id if pack_obj is not None else None,
            round_name=round_name,
            budget_seconds=round_budget(round),
            round_minutes=round_minutes,
            talking_points=tuple(talking_points),
            reference=reference,
            asks_for=asks_for,
        )

    def weakest_competencies(self, track: str | None = None) -> list[tuple[str, float | None]]:
        """Competencies of the track's loop (or of every loop), weakest first.

        Competencies never practised come first, then by average grade.
        """
        progress = self.store.progress(track=track)
        comps: set[str] = set()
        # A track id shared by several packs means one loop: the pack it resolves to.
        packs = list(self.content.packs.values())
        if track is not None and track in self.content.track_ids():
            packs = [self.content.pack_for_track(track)]
        for pack in packs:
            for t in pack.tracks.values():
                if track is None or t.id == track:
                    for r in t.loop:
                        comps.update(r.competencies)
        ranked = sorted(comps, key=lambda c: _weakness(progress, c))
        return [
            (c, progress.competencies[c].average if c in progress.competencies else None)
            for c in ranked
        ]

    def choose(
        self,
        track: str | None = None,
        round: str | None = None,
        question_id: str | None = None,
        pack: str | None = None,
    ) -> PracticeQuestion:
        """A question by id, or the one that trains the weakest competency in track and round.

        Competencies never practised count as the weakest; among the questions that
        train it, the one answered least often wins, then the lowest id, so the choice
        is the same every time for the same history.
        """
        if question_id:
            return self.question(question_id)
        if track:
            rounds = round_ids(self.content, track, pack)
            if round and round not in rounds:
                raise UnknownItem("round", round, rounds)
        elif round and round not in ROUND_IDS:
            raise UnknownItem("round", round, ROUND_IDS)
        # Without a track or a pack, practise the default pack's loops, not a mix of packs.
        pack = pack or (None if track else self.content.default_pack or None)
        candidates = self.content.questions(track=track, round=round, pack_id=pack)
        if not candidates:
            where = " ".join(x for x in (track, round) if x) or "any track"
            raise UsageError(f"no questions for {where}; add some to a pack or pick another round")
        progress = self.store.progress(track=track)
        counts = self.store.question_attempt_counts(track=track)
        comps = sorted({c for q in candidates for c in q.competencies})
        weakest = min(comps, key=lambda c: _weakness(progress, c))
        pool = [q for q in candidates if weakest in q.competencies]
        chosen = min(pool, key=lambda q: (counts.get(q.id, 0), q.id))
        stat = progress.competencies.get(weakest)
        if stat is None:
            why = f"trains {weakest}, which you have not practised yet"
        else:
            why = (
                f"trains {weakest}, your weakest competency here "
                f"(average {stat.average:.2f} over {stat.attempts} scored attempt(s))"
            )
        owner, q = self.content.question(chosen.id)
        return from_pack(owner, q, chosen_for=why)

    # -- answering -----------------------------------------------------------

    def save_draft(
        self, question: PracticeQuestion, answer: str, draft_id: int | None = None
    ) -> int | None:
        """Keep what has been typed so far; returns the draft's id (None while nothing is typed)."""
        answer = storable_text(answer)
        if draft_id is None and not answer.strip():
            return None
        return self.store.save_draft(question.new_attempt(), answer, attempt_id=draft_id)

    def submit(
        self,
        question: PracticeQuestion,
        answer: str,
        *,
        draft_id: int | None = None,
        duration_seconds: float | None = None,
        transcript: bool = False,
    ) -> PracticeResult:
        """Validate, commit, then score an answer; the attempt survives a scorer failure.

        `transcript` says the answer is speech transcribed with its duration, so the
        scorer also reports delivery against the round's time budget.
        """
        answer = storable_text(answer)  # scored as it is stored
        validate_answer(answer)
        attempt_id = self.store.save_attempt(
            question.new_attempt(),
            answer,
            attempt_id=draft_id,
            duration_seconds=duration_seconds,
        )
        spoken = duration_seconds if transcript else None
        return self._score(attempt_id, question, answer, spoken_seconds=spoken)

    def _score(
        self,
        attempt_id: int,
        question: PracticeQuestion,
        answer: str,
        *,
        spoken_seconds: float | None = None,
    ) -> PracticeResult:
        """Score a committed attempt and store the verdict; status `error` if the scorer fails."""
        kwargs: dict[str, Any] = {
            "reference": question.reference,
            "talking_points": list(question.talking_points) or None,
            "probes": tuple(question.probes),
            "asks_for": question.asks_for,
        }
        kwargs.update(follow_up_kwargs(question))
        if spoken_seconds:
            kwargs["duration_seconds"] = spoken_seconds
            kwargs["budget_seconds"] = question.budget_seconds
        try:
            assessment = self.scorer(
                question.track, question.round, question.text, answer, **kwargs
            )
        except Exception as exc:
            self.store.mark_error(attempt_id, f"{type(exc).__name__}: {exc}")
            raise ScoringFailed(attempt_id, exc) from exc
        assessment_id = self.store.save_assessment(attempt_id, assessment)
        return PracticeResult(attempt_id, assessment_id, assessment, question)

    def follow_up_question(self, parent_id: int, probe: str | None = None) -> PracticeQuestion:
        """The follow-up to attempt `parent_id`, with its probe as the question.

        The probe is the one the scorer chose for the parent unless one is given.
        """
        parent = self.store.attempt(parent_id)
        if parent is None:
            raise UsageError(f"no attempt {parent_id}")
        payload = parent.assessment.payload if parent.assessment else {}
        chosen = str(payload.get("follow_up") or "")
        if probe is None:
            probe = chosen
        if not probe.strip():
            raise UsageError(f"attempt {parent_id} has no follow-up probe; score it first")
        other_probes: tuple[str, ...] = ()
        budget = follow_up_budget(round_budget(parent.round))
        round_name = None
        round_minutes = None
        if parent.question_id:
            try:
                base = self.question(parent.question_id)
            except UnknownItem:
                base = None
            if base is not None:
                other_probes = tuple(p for p in base.probes if p.strip() != probe.strip())
                budget = follow_up_budget(base.budget_seconds)
                round_name, round_minutes = base.round_name, base.round_minutes
        return PracticeQuestion(
            track=parent.track,
            round=parent.round,
            text=probe.strip(),
            competencies=parent.competencies,
            pack=parent.pack,
            question_id=parent.question_id,
            round_name=round_name,
            budget_seconds=budget,
            round_minutes=round_minutes,
            probes=other_probes,
            kind="follow_up",
            parent_id=parent.id,
            # The scorer's own probe says what it aims at; a probe picked by hand does not.
            aimed_at=str(payload.get("follow_up_criterion") or "") or None
            if probe.strip() == chosen.strip()
            else None,
            parent_answer=parent.answer,
        )

    def submit_follow_up(
        self,
        parent_id: int,
        answer: str,
        *,
        probe: str | None = None,
        draft_id: int | None = None,
        duration_seconds: float | None = None,
    ) -> PracticeResult:
        """Answer the follow-up probe of attempt `parent_id`, scored with the probe as question."""
        question = self.follow_up_question(parent_id, probe)
        return self.submit(question, answer, draft_id=draft_id, duration_seconds=duration_seconds)

    def unscored(self) -> list[AttemptRecord]:
        """Answers committed but never scored (the process stopped, or the scorer failed)."""
        return self.store.attempts(status=("saved", "error"), oldest_first=True)

    def rescore(self, attempt_id: int) -> PracticeResult:
        """Score a `saved` or `error` attempt against the question it answered, as submit does.

        A pack question is taken from its pack (talking points and probes included), a
        follow-up is graded for its probe; a custom question's reference is not stored,
        so it is scored without one. Delivery of a spoken answer is not measured again.
        """
        attempt = self.store.attempt(attempt_id)
        if attempt is None:
            raise UsageError(f"no attempt {attempt_id}")
        if attempt.status not in ("saved", "error"):
            raise UsageError(
                f"attempt {attempt_id} is {attempt.status}; only saved or error attempts "
                "are waiting to be scored"
            )
        return self._score(attempt.id, self._question_of(attempt), attempt.answer)

    def _question_of(self, attempt: AttemptRecord) -> PracticeQuestion:
        if attempt.kind == "follow_up" and attempt.parent_id is not None:
            return self.follow_up_question(attempt.parent_id, attempt.question)
        if attempt.question_id:
            try:
                return self.question(attempt.question_id)
            except UnknownItem:
                pass  # the pack no longer has it: score against the text as stored
        return PracticeQuestion(
            track=attempt.track,
            round=attempt.round,
            text=attempt.question,
            competencies=attempt.competencies,
            pack=attempt.pack,
            question_id=attempt.question_id,
        )

    def latest_draft(self, question: PracticeQuestion) -> AttemptRecord | None:
        """The newest unsent draft of this question (or of this follow-up), to continue it.

        A question from outside the packs is known by its text, as in `history`.
        """
        if question.kind == "follow_up":
            if question.parent_id is None:
                return None
            drafts = self.store.attempts(
                parent_id=question.parent_id, kind="follow_up", status="draft", limit=1
            )
        elif question.question_id:
            drafts = self.store.attempts(
                question_id=question.question_id, kind="main", status="draft", limit=1
            )
        else:
            drafts = [
                a
                for a in self.store.attempts(
                    track=question.track, round=question.round, kind="main", status="draft"
                )
                if a.question_id is None and a.question == question.text
            ][:1]
        return drafts[0] if drafts else None

    # -- looking back ----------------------------------------------------------

    def history(self, question: PracticeQuestion | str) -> list[AttemptRecord]:
        """Every submitted attempt at this question (follow-ups included), oldest first."""
        if isinstance(question, PracticeQuestion):
            if question.question_id is None:
                # A question from outside the packs is known by its text.
                text = question.text
                return [
                    a
                    for a in self.store.attempts(
                        track=question.track, round=question.round, oldest_first=True
                    )
                    if a.status != "draft" and a.question == text
                ]
            question = question.question_id
        return [
            a
            for a in self.store.attempts(question_id=question, oldest_first=True)
            if a.status != "draft"
        ]

    def recent_answers(self, question: PracticeQuestion, limit: int = 5) -> list[AttemptRecord]:
        """The last `limit` submitted main answers to this question, oldest first.

        Reads only those rows: the practice page must not slow down as a question's
        history grows (a pack question answered 600 times read 600 payloads).
        """
        if question.question_id is None:
            return [a for a in self.history(question) if a.kind == "main"][-limit:]
        rows = self.store.attempts(
            question_id=question.question_id,
            kind="main",
            status=("saved", "scored", "error"),
            limit=limit,
        )
        return list(reversed(rows))

    def progress(self, track: str | None = None) -> Progress:
        return self.store.progress(track=track)


def _weakness(progress: Progress, competency: str) -> tuple[int, float, str]:
    stat = progress.competencies.get(competency)
    if stat is None:
        return (0, 0.0, competency)
    return (1, stat.average, competency)


def follow_up_kwargs(question: PracticeQuestion) -> dict[str, Any]:
    """The scorer's follow-up arguments for a question that is a probe aimed at a criterion."""
    from loopcoach.scoring import CRITERIA

    if question.kind != "follow_up" or question.aimed_at not in CRITERIA.get(question.round, ()):
        return {}
    return {"aimed_at": question.aimed_at, "parent_answer": question.parent_answer or ""}


def packs_of(content: Content, pack: str | None = None) -> list[Pack]:
    """The pack asked for, or every pack with the default one first."""
    if pack:
        return [content.pack(pack)]
    default = content.packs.get(content.default_pack)
    rest = [p for p in content.packs.values() if p is not default]
    return ([default] if default is not None else []) + rest


def track_ids(content: Content, pack: str | None = None) -> list[str]:
    """Every track id, the default pack's first; tracks with the same id are one track."""
    return list(dict.fromkeys(t for p in packs_of(content, pack) for t in p.tracks))


def round_ids(content: Content, track: str, pack: str | None = None) -> list[str]:
    """The rounds of the track's loop, in loop order; UnknownItem lists the valid tracks.

    When several packs define the track, the loop is the one of the pack it resolves
    to: `pack`, else the default pack, else the first pack that has it.
    """
    return [r.round for r in content.track(track, pack).loop]


def from_pack(pack: Pack, q: Question, chosen_for: str | None = None) -> PracticeQuestion:
    """A pack question with its spoken time budget and its round's name and length."""
    track = pack.tracks.get(q.track)
    loop_round = next((r for r in track.loop if r.round == q.round), None) if track else None
    return PracticeQuestion(
        track=q.track,
        round=q.round,
        text=q.text,
        competencies=tuple(q.competencies),
        pack=pack.id,
        question_id=q.id,
        round_name=loop_round.name if loop_round else None,
        budget_seconds=float(q.spoken_budget),
        round_minutes=loop_round.minutes if loop_round else None,
        difficulty=q.difficulty,
        talking_points=tuple(q.talking_points),
        probes=tuple(q.probes),
        asks_for=q.asks_for,
        chosen_for=chosen_for,
    )


def practice_question(content: Content, question_id: str) -> PracticeQuestion:
    """A pack question by id; UnknownItem lists the valid ids."""
    pack, q = content.question(question_id)
    return from_pack(pack, q)
