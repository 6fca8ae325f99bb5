"""The hiring-committee debrief of a finished loop: grades, the decision, a veto, a level.

How the committee decides, in order:

1. Each answer keeps the grade the scorer gave it; an unanswered question is a 1.0.
2. A round's grade is, for each main question, two thirds the main answer and one
   third its follow-up (the grilling), averaged over the round's questions.
3. The loop's grade is the mean of the round grades weighted by the loop's round
   weights, and maps to a decision with the scorer's thresholds.
4. Bar-raiser veto: a red flag that a round lists as disqualifying, seen in any
   answer of that round, makes the decision `strong_no_hire` whatever the grades
   say (GRADING.md: a disqualifying flag is a 1). The grade-only decision stays in
   `grade_decision`.
5. The level estimate reads the scope of every answer (`services/level.py`).
6. The committee's sentences each quote the answer that earned them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from loopcoach.scoring.types import decision_for
from loopcoach.services.level import AnswerText, estimate_level
from loopcoach.services.verdict import committee_sentences

if TYPE_CHECKING:
    from loopcoach.content.loader import Pack
    from loopcoach.content.models import Track
    from loopcoach.store.loops import LoopRecord
    from loopcoach.store.records import AttemptRecord

SCHEMA = "loopcoach.debrief/1"
UNANSWERED_GRADE = 1.0
MAIN_SHARE = 2 / 3
# The criteria that score the size of the work, which the level estimate must agree with.
SCOPE_CRITERIA = ("scope", "scale")
# The article the level estimate's P8 bar comes from (services/level.py).
LEVEL_SOURCE = "pm-vs-tpm"


@dataclass
class AnswerResult:
    """One answer of a round (main or follow-up) with the evidence behind its grade."""

    kind: str
    question_id: str | None
    question: str
    attempt_id: int | None
    answered: bool
    grade: float
    decision: str
    answer: str = ""
    aimed_at: str | None = None
    seconds: float | None = None
    criteria: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)

    @property
    def flag_ids(self) -> list[str]:
        return [f["id"] for f in self.flags]


@dataclass
class RoundResult:
    """A round's grade, its flags and the answers that earned them."""

    round: str
    name: str
    weight: float
    minutes: int
    grade: float
    decision: str
    flags: list[str]
    disqualifying: list[str]
    answers: list[AnswerResult]

    @property
    def seconds_used(self) -> float:
        return sum(a.seconds or 0.0 for a in self.answers)


@dataclass
class Debrief:
    """The committee's verdict on one loop; `to_json()` is the `loopcoach.debrief/1` schema."""

    loop_id: int
    pack: str
    track: str
    track_name: str
    seed: str
    mode: str
    grade: float
    grade_decision: str
    decision: str
    vetoed_by: dict[str, Any] | None
    vetoes: list[dict[str, Any]]
    level: str
    level_reasons: list[dict[str, Any]]
    committee: list[dict[str, Any]]
    rounds: list[RoundResult]
    scorer_version: str | None = None
    finished_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "loop_id": self.loop_id,
            "pack": self.pack,
            "track": self.track,
            "track_name": self.track_name,
            "seed": self.seed,
            "mode": self.mode,
            "scorer_version": self.scorer_version,
            "finished_at": self.finished_at,
            "decision": self.decision,
            "grade": round(self.grade, 3),
            "grade_decision": self.grade_decision,
            "vetoed_by": self.vetoed_by,
            "vetoes": self.vetoes,
            "level": self.level,
            "level_reasons": self.level_reasons,
            "committee": self.committee,
            "rounds": [
                {
                    "round": r.round,
                    "name": r.name,
                    "weight": r.weight,
                    "minutes": r.minutes,
                    "grade": round(r.grade, 3),
                    "decision": r.decision,
                    "flags": r.flags,
                    "disqualifying": r.disqualifying,
                    "seconds_used": round(r.seconds_used, 1),
                    "answers": [_answer_json(a) for a in r.answers],
                }
                for r in self.rounds
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Debrief:
        rounds = [
            RoundResult(
                round=r["round"],
                name=r["name"],
                weight=r["weight"],
                minutes=r["minutes"],
                grade=r["grade"],
                decision=r["decision"],
                flags=list(r["flags"]),
                disqualifying=list(r["disqualifying"]),
                answers=[AnswerResult(**a) for a in r["answers"]],
            )
            for r in data["rounds"]
        ]
        return cls(
            loop_id=data["loop_id"],
            pack=data["pack"],
            track=data["track"],
            track_name=data["track_name"],
            seed=data["seed"],
            mode=data["mode"],
            grade=data["grade"],
            grade_decision=data["grade_decision"],
            decision=data["decision"],
            vetoed_by=data["vetoed_by"],
            vetoes=data["vetoes"],
            level=data["level"],
            level_reasons=data["level_reasons"],
            committee=data["committee"],
            rounds=rounds,
            scorer_version=data.get("scorer_version"),
            finished_at=data.get("finished_at"),
        )


def _answer_json(a: AnswerResult) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "question_id": a.question_id,
        "question": a.question,
        "attempt_id": a.attempt_id,
        "answered": a.answered,
        "grade": round(a.grade, 3),
        "decision": a.decision,
        "answer": a.answer,
        "aimed_at": a.aimed_at,
        "seconds": a.seconds,
        "criteria": a.criteria,
        "flags": a.flags,
        "strengths": a.strengths,
        "improvements": a.improvements,
    }


def _texts(spans: list[dict[str, Any]]) -> list[str]:
    return [" ".join(str(s["text"]).split()) for s in spans if str(s.get("text", "")).strip()]


def answer_result(step_kind: str, step: Any, attempt: AttemptRecord | None) -> AnswerResult:
    """An answer's grade and evidence from its stored assessment; unanswered is a 1.0."""
    payload = attempt.assessment.payload if attempt is not None and attempt.assessment else None
    if attempt is None or payload is None:
        return AnswerResult(
            kind=step_kind,
            question_id=step.question_id,
            question=step.question,
            attempt_id=None,
            answered=False,
            grade=UNANSWERED_GRADE,
            decision=decision_for(UNANSWERED_GRADE),
            aimed_at=step.aimed_at,
        )
    # Scorer 2.0 says why a non-answer is one ("the question asks for...; the answer...").
    reason = str((payload.get("relevance") or {}).get("reason") or "")
    return AnswerResult(
        kind=step_kind,
        question_id=step.question_id,
        question=step.question,
        attempt_id=attempt.id,
        answered=True,
        grade=float(payload["overall"]),
        decision=str(payload["decision"]),
        answer=attempt.answer,
        aimed_at=step.aimed_at,
        seconds=attempt.duration_seconds,
        criteria=[
            {
                "id": c["id"],
                "score": c["score"],
                "note": c["note"],
                "evidence": _texts(c["evidence"]),
            }
            for c in payload["criteria"]
        ],
        flags=[
            {"id": f["id"], "why": f["why"], "evidence": _texts(f["evidence"])}
            | ({"reason": reason} if f["id"] == "non_answer" and reason else {})
            for f in payload["flags"]
        ],
        strengths=list(payload.get("strengths") or []),
        improvements=list(payload.get("improvements") or []),
    )


def round_grade(answers: list[AnswerResult]) -> float:
    """Two thirds each main answer, one third its follow-up, averaged over the questions."""
    pairs: list[float] = []
    main: AnswerResult | None = None
    for a in answers:
        if a.kind == "main":
            if main is not None:
                pairs.append(main.grade)
            main = a
        elif main is not None:
            pairs.append(MAIN_SHARE * main.grade + (1 - MAIN_SHARE) * a.grade)
            main = None
    if main is not None:
        pairs.append(main.grade)
    return sum(pairs) / len(pairs) if pairs else UNANSWERED_GRADE


def build_debrief(
    loop: LoopRecord,
    track: Track,
    attempts: Mapping[int, AttemptRecord],
    pack: Pack | None = None,
) -> Debrief:
    """The debrief of a loop whose every step is answered or skipped."""
    by_round: dict[str, list[AnswerResult]] = {}
    for step in loop.steps:
        attempt = attempts.get(step.attempt_id) if step.attempt_id is not None else None
        if attempt is not None and attempt.status == "draft":
            attempt = None
        by_round.setdefault(step.round, []).append(answer_result(step.kind, step, attempt))
    rounds: list[RoundResult] = []
    vetoes: list[dict[str, Any]] = []
    for loop_round in track.loop:
        answers = by_round.get(loop_round.round, [])
        grade = round_grade(answers)
        flags = list(dict.fromkeys(f for a in answers for f in a.flag_ids))
        disqualifying = [str(f) for f in flags if f in loop_round.disqualifying_flags]
        for a in answers:
            for f in a.flags:
                if f["id"] in loop_round.disqualifying_flags:
                    vetoes.append(
                        {
                            "flag": f["id"],
                            "round": loop_round.round,
                            "answer": a.kind,
                            "attempt_id": a.attempt_id,
                            "why": f["why"],
                            "evidence": f["evidence"][0] if f["evidence"] else None,
                        }
                    )
        rounds.append(
            RoundResult(
                round=loop_round.round,
                name=loop_round.name,
                weight=loop_round.weight,
                minutes=loop_round.minutes,
                grade=grade,
                decision="strong_no_hire" if disqualifying else decision_for(grade),
                flags=flags,
                disqualifying=disqualifying,
                answers=answers,
            )
        )
    total_weight = sum(r.weight for r in rounds) or 1.0
    grade = sum(r.weight * r.grade for r in rounds) / total_weight
    grade_decision = decision_for(grade)
    vetoed_by = {"flag": vetoes[0]["flag"], "round": vetoes[0]["round"]} if vetoes else None
    texts = [
        AnswerText(r.round, a.kind, a.attempt_id, a.answer)
        for r in rounds
        for a in r.answers
        if a.answered
    ]
    scope_scores = [
        (str(c["id"]), r.name.lower(), int(c["score"]))
        for r in rounds
        for a in r.answers
        if a.answered
        for c in a.criteria
        if c["id"] in SCOPE_CRITERIA
    ]
    level = estimate_level(
        texts,
        grade,
        loop.track,
        scope_scores=scope_scores,
        source_title=pack.info.source_title(LEVEL_SOURCE) if pack else None,
    )
    versions = sorted(
        {
            str(a.assessment.payload.get("scorer_version"))
            for a in attempts.values()
            if a.assessment is not None
        }
    )
    flag_names = {str(f.id): f.description for f in pack.red_flags.values()} if pack else {}
    debrief = Debrief(
        loop_id=loop.id,
        pack=loop.pack,
        track=loop.track,
        track_name=track.name,
        seed=loop.seed,
        mode=loop.mode,
        grade=grade,
        grade_decision=grade_decision,
        decision="strong_no_hire" if vetoes else grade_decision,
        vetoed_by=vetoed_by,
        vetoes=vetoes,
        level=level.level,
        level_reasons=[r.to_json() for r in level.reasons],
        committee=[],
        rounds=rounds,
        scorer_version=", ".join(versions) or None,
    )
    debrief.committee = committee_sentences(debrief, flag_names)
    return debrief
