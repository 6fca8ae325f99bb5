"""score(): the one entry point of the scorer. Pure: text in, Assessment out."""

from __future__ import annotations

import math
from collections.abc import Sequence

from loopcoach.errors import InvalidAnswer, UnknownItem
from loopcoach.scoring import followup, model
from loopcoach.scoring.coverage import measure_coverage
from loopcoach.scoring.criteria import CriterionResult, score_criteria
from loopcoach.scoring.delivery import measure_delivery
from loopcoach.scoring.feedback import follow_up, improvements, shown_criteria, strengths
from loopcoach.scoring.flags import FLAG_WHY, FlagHit, detect
from loopcoach.scoring.relevance import Relevance, judge, topic_score
from loopcoach.scoring.rubric import CRITERIA
from loopcoach.scoring.signals import AnswerSignals, analyse
from loopcoach.scoring.text import normalise, words
from loopcoach.scoring.types import (
    MAX_WORDS,
    Assessment,
    CriterionScore,
    Flag,
    Span,
    decision_for,
)

SCORER_VERSION = "2.3.0"
TRACKS: tuple[str, ...] = ("pm", "pmm", "tpm", "ds")
MAX_CHARS = 200_000
MAX_SECONDS = 4 * 3600


def check_answer(answer: str) -> str:
    """Return the answer if it can be scored, else raise InvalidAnswer with the reason."""
    if not isinstance(answer, str):
        raise InvalidAnswer("the answer must be text")
    if not answer.strip():
        raise InvalidAnswer("the answer is empty; type an answer before submitting")
    if len(answer) > MAX_CHARS or len(answer.split()) > MAX_WORDS:
        raise InvalidAnswer(f"the answer is over {MAX_WORDS:,} words; shorten it")
    return answer


def check_duration(seconds: float | None) -> None:
    if seconds is not None and not (math.isfinite(seconds) and 0 < seconds <= MAX_SECONDS):
        raise InvalidAnswer(
            f"the duration must be a number of seconds between 0 and {MAX_SECONDS:,}"
        )


def check_round(round: str) -> None:
    if round not in CRITERIA:
        raise UnknownItem("round", round, list(CRITERIA))


def check_track(track: str, extra: Sequence[str] = ()) -> None:
    if track not in TRACKS and track not in extra:
        raise UnknownItem("track", track, [*TRACKS, *extra])


def _span(answer: str, start: int, end: int) -> Span:
    return Span(start, end, answer[start:end])


def score(
    track: str,
    round: str,
    question: str,
    answer: str,
    *,
    reference: str | None = None,
    talking_points: Sequence[str] | None = None,
    duration_seconds: float | None = None,
    budget_seconds: float | None = None,
    probes: Sequence[str] = (),
    extra_tracks: Sequence[str] = (),
    asks_for: str | None = None,
    aimed_at: str | None = None,
    parent_answer: str | None = None,
) -> Assessment:
    """Grade one answer the way GRADING.md does, with evidence for every point.

    A follow-up answer gives `aimed_at`, the criterion its probe aims at (the parent
    assessment's `follow_up_criterion`), and `parent_answer`: it is then graded for what
    the probe asked (`followup.py`), with the parent answer as the probe's context.
    """
    check_track(track, extra_tracks)
    check_round(round)
    check_answer(answer)
    check_duration(duration_seconds)
    question = normalise(question or "")
    # Only one-for-one character replacements, so every offset into `text` is an
    # offset into the answer as given.
    text = normalise(answer)
    if aimed_at is not None and aimed_at not in CRITERIA[round]:
        raise UnknownItem("criterion", aimed_at, list(CRITERIA[round]))
    if aimed_at is not None:
        return followup.assess(
            track, round, question, answer, text, aimed_at, normalise(parent_answer or "")
        )
    sig, criteria, topic, verdict, hits = read(round, question, text, asks_for)
    coverage = None
    if talking_points or reference:
        coverage = measure_coverage(
            text, question=question, talking_points=talking_points, reference=reference
        )
    overall, features = model.overall(round, sig, criteria, hits, topic, coverage, verdict.doubt)
    shown = shown_criteria(criteria, hits)
    crit_scores = tuple(
        CriterionScore(
            c.id, c.score, tuple(_span(answer, s.start, s.end) for s in c.evidence), c.note
        )
        for c in shown
    )
    flags = tuple(
        Flag(h.id, tuple(_span(answer, s.start, s.end) for s in h.evidence), FLAG_WHY[h.id])
        for h in hits
    )
    probe, aimed = follow_up(round, question, shown, hits, probes)
    delivery = None
    if duration_seconds is not None:
        delivery = measure_delivery(text, duration_seconds, budget_seconds)
    return Assessment(
        track=track,
        round=round,
        overall=overall,
        decision=decision_for(overall),
        criteria=crit_scores,
        flags=flags,
        strengths=tuple(strengths(round, sig, shown, hits)),
        improvements=tuple(improvements(round, sig, shown, hits, coverage)),
        follow_up=probe,
        follow_up_criterion=aimed,
        scorer_version=SCORER_VERSION,
        coverage=coverage,
        delivery=delivery,
        signals=features,
        relevance=verdict.verdict(answer),
    )


def read(
    round: str,
    question: str,
    text: str,
    asks_for: str | None = None,
    *,
    context: str = "",
    follow_up: bool = False,
) -> tuple[AnswerSignals, list[CriterionResult], float, Relevance, list[FlagHit]]:
    """Everything the grade is computed from: signals, criteria, topic, relevance, flags.

    `question` and `text` are already normalised. The weight fitter reads answers through
    this same function, so the features it fits are the ones the scorer computes.
    """
    # A follow-up's subject is its probe together with the answer it follows up ("How
    # much did the pivot cost?" is about the pivot in the parent answer).
    subject = f"{question}\n{context}" if context else question
    sig = analyse(subject, text, model.TERM_WEIGHTS)
    criteria = score_criteria(round, sig)
    on_topic = model.on_topic(round, sig, criteria)
    meaning = model.meaning_topic(subject, text)
    topic = topic_score(sig, on_topic, meaning)
    verdict = judge(question, round, sig, topic, asks_for=asks_for, meaning=meaning)
    found = detect(round, sig, on_topic, question, verdict.asks_for, follow_up=follow_up)
    hits = _with_relevance(found, verdict)
    return sig, criteria, topic, verdict, hits


def _with_relevance(hits: list[FlagHit], verdict: Relevance) -> list[FlagHit]:
    """A non-answer found by the relevance judgement goes first, with its reason.

    Graders name the disqualifying flag, not every gap, so `no_metric` is not kept
    beside it.
    """
    if verdict.answers or any(h.id == "non_answer" for h in hits):
        return hits
    fix = (
        f"{verdict.reason} Answer the question that was asked: "
        f"{REANSWER.get(verdict.asks_for, REANSWER['design'])}"
    )
    first = FlagHit("non_answer", verdict.evidence, 0.9, fix)
    return [first, *(h for h in hits if h.id != "no_metric")]


REANSWER = {
    "setback_story": "name what went wrong in your first sentence, then your own part in it "
    "and what you changed because of it.",
    "conflict_story": "say who disagreed with you and about what, what you did to resolve it, "
    "and how it ended.",
    "story": "tell one real example of your own: the situation, what you did, the result.",
    "design": "propose how you would build what was asked, how it works and what it trades off.",
    "diagnosis": "say how you would find the cause: the hypotheses, the data that would "
    "confirm or rule out each, in order.",
    "plan": "say what you would do, in what order, with whom, and how you would know it worked.",
    "decision": "make the call, say why, and what would change your mind.",
    "motivation": "say why you want this role: what draws you, and what in your past shows "
    "it fits.",
    "explanation": "explain it plainly, with one example the listener knows.",
}


__all__ = ["SCORER_VERSION", "TRACKS", "check_answer", "score", "words"]
