"""Talking-point coverage: a point said in other words is covered, another subject is not.

Cases written for this test in loopcoach's own words (the first is the paraphrase a user
reported); none comes from the bench's sets.
"""

from __future__ import annotations

from loopcoach.scoring import meaning
from loopcoach.scoring.coverage import measure_coverage

QUESTION = "How would you design a price-drop badge that merchants can earn in Taobao search?"
POINT = "Guardrails against merchants gaming it with price spikes"
PARAPHRASE = (
    "The badge shows when the price is below the item's 30-day median. We make sure "
    "merchants can't game it by raising prices and then lowering them."
)
UNRELATED = (
    "The badge only shows on items from merchants with a rating above 4.7, and we run it "
    "in three categories for two weeks before the rest."
)


def test_a_point_paraphrased_is_covered_with_its_sentence_as_evidence() -> None:
    assert meaning.available()
    cov = measure_coverage(PARAPHRASE, question=QUESTION, talking_points=[POINT, "Names a metric"])
    point = cov.points[0]
    # The words alone fall short of the bar: the meaning of the sentence carries it.
    assert point.score < 0.5
    assert point.covered
    assert point.evidence and "game it" in point.evidence[0].text


def test_an_answer_on_another_part_of_the_design_does_not_cover_the_point() -> None:
    cov = measure_coverage(UNRELATED, question=QUESTION, talking_points=[POINT, "Names a metric"])
    assert not cov.points[0].covered
