"""The progress page's next steps for a weak competency: a question, a card, a story, linked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from loopcoach.content.index import Content, load_content
from loopcoach.services import dashboard
from loopcoach.services.cards import CardService
from loopcoach.services.next_steps import next_steps
from loopcoach.services.practice import PracticeService
from loopcoach.services.stories import StoryInput, StoryService
from loopcoach.store import Store

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
THIN = "I would look at the data and talk to users, then decide what to build next."


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def weakest_json(store: Store, content: Content) -> list[dict[str, object]]:
    progress = store.progress("pm")
    return [w.to_json() for w in dashboard.weakest(content, store, progress, track="pm")]


def test_each_weak_competency_gets_a_question_its_own_miss_card_and_a_story_gap(
    store: Store, content: Content
) -> None:
    practice = PracticeService(store, content)
    question = practice.question(content.questions(track="pm", round="product_sense")[0].id)
    attempt = practice.submit(question, THIN)
    CardService(store, content).sync(NOW)
    weak = weakest_json(store, content)
    steps = next_steps(store, content, weak, NOW)
    assert list(steps) == [w["competency"] for w in weak]
    practised = next(c for c in question.competencies if c in steps)
    kinds = {s.kind: s for s in steps[practised]}
    assert set(kinds) == {"question", "card", "story"}
    assert kinds["question"].href.startswith("/practice/")
    # The card is one made from a miss of this very answer: the user's own gap.
    assert kinds["card"].why.startswith("made from a miss in your own answer")
    uid = kinds["card"].href.removeprefix("/cards?card=")
    card = CardService(store, content).cards.card(uid)
    assert card.source == "miss" and card.attempt_id == attempt.attempt_id
    assert kinds["story"].href == f"/stories/new?competency={practised}"

    # Once a story shows it, the step is to rehearse that story instead.
    stories = StoryService(store, content)
    told = stories.add(
        StoryInput(
            title="The checkout rebuild",
            situation="Checkout failed under load.",
            competencies=(practised,),
        )
    )
    again = next_steps(store, content, weak, NOW)
    story_step = next(s for s in again[practised] if s.kind == "story")
    assert story_step.href == f"/stories/{told.id}" and "checkout rebuild" in story_step.label
    # The same history gives the same steps.
    assert next_steps(store, content, weak, NOW) == again


def test_without_cards_or_questions_only_the_steps_that_apply_are_given(
    store: Store, content: Content
) -> None:
    weak = [{"competency": "ownership", "name": "Ownership", "questions": []}]
    steps = next_steps(store, content, weak, NOW)
    assert [s.kind for s in steps["ownership"]] == ["story"]
    # Pack cards train a competency through their tags or deck: scale_thinking has "scale".
    CardService(store, content).sync(NOW)
    scale = next_steps(
        store, content, [{"competency": "scale_thinking", "name": "Scale", "questions": []}], NOW
    )
    card = next(s for s in scale["scale_thinking"] if s.kind == "card")
    assert card.why.startswith("a card on it")
