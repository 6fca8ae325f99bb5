"""A follow-up answer is graded for what its probe asked, with the parent answer as context."""

from __future__ import annotations

import pytest

from loopcoach.errors import UnknownItem
from loopcoach.scoring import score

PARENT = (
    "We pivoted the category page from discounts to curation in week two, because discount "
    "traffic did not convert. I decided it with the category lead and we measured conversion "
    "daily."
)
PROBE = "How much did the pivot cost?"
DIRECT = (
    "Around 3% of the category's GMV that month, and we recovered it by the next quarter as "
    "the curated pages converted at twice the rate."
)


def test_a_direct_answer_is_graded_on_the_criterion_it_was_asked_about() -> None:
    follow = score("pm", "hiring_manager", PROBE, DIRECT, aimed_at="result", parent_answer=PARENT)
    assert [c.id for c in follow.criteria] == ["result"]
    assert follow.aimed_at == "result" and follow.to_json()["graded_for"] == "result"
    # The one criterion shown explains the grade.
    assert follow.overall == 1.0 + 0.75 * follow.criteria[0].score
    assert follow.criteria[0].score >= 2
    # Graded against the whole round it would have been marked down for the criteria it
    # was never asked about.
    whole = score("pm", "hiring_manager", PROBE, DIRECT)
    assert follow.overall > whole.overall
    assert "non_answer" not in follow.flag_ids


def test_a_follow_up_that_says_nothing_is_still_a_non_answer() -> None:
    follow = score(
        "pm", "hiring_manager", PROBE, "It went fine.", aimed_at="result", parent_answer=PARENT
    )
    assert follow.flag_ids == ["non_answer"] and follow.overall < 1.75
    assert follow.follow_up.endswith(PROBE)


def test_only_the_flags_of_the_criterion_asked_about_apply() -> None:
    answer = (
        "If the cache and the database disagree we oversell, so an alarm fires when reserved "
        "units pass stock, and the buyer sees a clear message and a coupon instead of a "
        "failed payment."
    )
    follow = score(
        "pm",
        "technical",
        "Walk me through the worst failure on launch day. How do you detect it?",
        answer,
        aimed_at="failure_modes",
        parent_answer="I'd hold stock in a cache and queue the orders behind it.",
    )
    assert not {"ignores_scale", "no_metric"} & set(follow.flag_ids)
    assert [c.id for c in follow.criteria] == ["failure_modes"]


def test_a_criterion_not_of_the_round_is_refused() -> None:
    with pytest.raises(UnknownItem):
        score("pm", "culture", PROBE, DIRECT, aimed_at="scale", parent_answer=PARENT)
