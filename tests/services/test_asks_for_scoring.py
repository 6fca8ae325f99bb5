"""What a question asks for reaches the scorer: pack questions carry it, the rest let it infer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from loopcoach.content.index import Content, load_content
from loopcoach.errors import UsageError
from loopcoach.scoring import score
from loopcoach.scoring.types import Assessment
from loopcoach.services.loop import LoopService
from loopcoach.services.practice import PracticeService, ScoringFailed
from loopcoach.store import Store

SETBACK = "pm-hiring_manager-01"  # a product that missed its target metric
ANSWER = (
    "I owned the seller onboarding flow in 2023 and we missed our activation target of 40% "
    "by eight points. The miss was mine: I cut the pilot to hit the date, so we never saw "
    "that new sellers stalled at the tax form. I owned it in the review, we rebuilt the form "
    "with engineering and activation reached 43% the next quarter. Since then every launch "
    "of mine starts with a two-week pilot and a kill criterion."
)


class Recorder:
    """The real scorer, remembering the keyword arguments of every call."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, track: str, round: str, question: str, answer: str, **kw: Any) -> Assessment:
        self.calls.append({"question": question, **kw})
        return score(track, round, question, answer, **kw)


@pytest.fixture(scope="module")
def alibaba() -> Content:
    return load_content()


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        yield store


def test_a_pack_question_carries_its_asks_for(db: Store, alibaba: Content) -> None:
    service = PracticeService(db, alibaba)
    assert service.question(SETBACK).asks_for == "setback_story"
    assert service.question("pm-technical-01").asks_for == "design"
    chosen = service.choose(track="pmm", round="market_strategy")
    assert chosen.asks_for == alibaba.question(chosen.question_id or "")[1].asks_for


def test_submit_gives_the_scorer_the_questions_asks_for(db: Store, alibaba: Content) -> None:
    recorder = Recorder()
    service = PracticeService(db, alibaba, scorer=recorder)
    result = service.submit(service.question(SETBACK), ANSWER)
    assert recorder.calls[-1]["asks_for"] == "setback_story"
    relevance = result.assessment.relevance
    assert relevance is not None
    assert (relevance.asks_for, relevance.inferred) == ("setback_story", False)
    # The follow-up is the probe, a question of its own: the scorer infers what it asks.
    service.submit_follow_up(result.attempt_id, "I would run the pilot; it costs a week.")
    assert recorder.calls[-1]["asks_for"] is None


def test_a_custom_question_lets_the_scorer_infer_unless_told(db: Store, alibaba: Content) -> None:
    recorder = Recorder()
    service = PracticeService(db, alibaba, scorer=recorder)
    text = "Tell me about a launch of yours that missed its target."
    plain = service.custom_question("pm", "culture", text)
    assert plain.asks_for is None
    service.submit(plain, ANSWER)
    assert recorder.calls[-1]["asks_for"] is None
    told = service.custom_question("pm", "culture", text, asks_for="setback_story")
    service.submit(told, ANSWER)
    assert recorder.calls[-1]["asks_for"] == "setback_story"
    with pytest.raises(UsageError, match="unknown asks_for 'failure'; use one of: setback_story"):
        service.custom_question("pm", "culture", text, asks_for="failure")


def test_a_loop_scores_each_question_with_its_asks_for(db: Store, alibaba: Content) -> None:
    recorder = Recorder()
    service = LoopService(db, alibaba, scorer=recorder)
    loop = service.start("pm", seed="7")
    turn = service.next_turn(loop.id)
    assert turn is not None and not turn.is_follow_up
    expected = alibaba.question(turn.step.question_id or "")[1].asks_for
    assert expected is not None and turn.question.asks_for == expected
    service.answer(turn, ANSWER)
    assert recorder.calls[-1]["asks_for"] == expected
    follow = service.next_turn(loop.id)
    assert follow is not None and follow.is_follow_up and follow.question.asks_for is None


def test_an_answer_scored_on_resume_keeps_its_asks_for(db: Store, alibaba: Content) -> None:
    def crashing(*args: Any, **kwargs: Any) -> Assessment:
        raise RuntimeError("scorer exploded")

    broken = LoopService(db, alibaba, scorer=crashing)
    loop = broken.start("pm", seed="7")
    turn = broken.next_turn(loop.id)
    assert turn is not None
    with pytest.raises(ScoringFailed):
        broken.answer(turn, ANSWER)
    recorder = Recorder()
    LoopService(db, alibaba, scorer=recorder).next_turn(loop.id)  # scores the saved answer
    assert [c["asks_for"] for c in recorder.calls] == [turn.question.asks_for]
    assert turn.question.asks_for is not None


def test_a_follow_up_is_graded_for_the_criterion_its_probe_aims_at(
    db: Store, alibaba: Content
) -> None:
    recorder = Recorder()
    service = PracticeService(db, alibaba, scorer=recorder)
    result = service.submit(service.question(SETBACK), ANSWER)
    aimed = result.assessment.follow_up_criterion
    assert aimed, "a scored main answer says which criterion its probe aims at"
    follow = service.submit_follow_up(result.attempt_id, "I would run the pilot; it costs a week.")
    call = recorder.calls[-1]
    assert call["aimed_at"] == aimed and call["parent_answer"] == ANSWER
    assert [c.id for c in follow.assessment.criteria] == [aimed]
    # A probe typed by hand aims at nothing the scorer knows: graded as a whole answer.
    service.submit_follow_up(result.attempt_id, "It took a week.", probe="What did it cost?")
    assert "aimed_at" not in recorder.calls[-1]
