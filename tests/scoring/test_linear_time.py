"""Scoring takes time linear in the answer, whatever the answer's shape.

A cue pattern that backtracks (`\\b\\d[\\d,]*` tried again from every digit of "1,1,1,...",
`\\bI\\b.*\\bwas\\b` from every "I", a run of dots rescanned from each dot) takes time
quadratic in the length of a sentence: a 40 KB answer of digits took 17 s, and 200,000
digits 456 s. Each shape here is scored at n and 10n characters in the same test: linear
time grows about 10x, quadratic about 100x, and the bound is 25x. Times are the scoring
thread's CPU time, the best of a few runs, so that a busy machine does not fail the test.
`python benchmarks/pathological.py` prints the figures up to 200,000 characters.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable

import pytest

from loopcoach.scoring import ROUNDS, Assessment, decision_for, score

BOUND = 25.0
QUESTION = "Tell me about a launch that missed its target. What did you do?"
ANSWER = "I cut the scope because the launch slipped; conversion rose from 2.1% to 2.6%."


def fill(unit: str, n: int, head: str = "", tail: str = "") -> str:
    """`unit` repeated to exactly n characters, between `head` and `tail`."""
    body = n - len(head) - len(tail)
    return head + (unit * (body // len(unit) + 1))[:body] + tail


# Answers of each shape, n characters long; the last five have a word every two characters,
# so they stay within 10,000 words only up to 20,000 characters.
ANSWERS: dict[str, Callable[[int], str]] = {
    "digits": lambda n: fill("1", n),
    "1, repeated": lambda n: fill("1,", n),
    "1.1. repeated": lambda n: fill("1.1.", n),
    "$1,000 repeated": lambda n: fill("$1,000", n),
    "%x repeated": lambda n: fill("%x", n),
    "1%x repeated": lambda n: fill("1%x", n),
    "from 1 then digits": lambda n: fill("1", n, head="from 1"),
    "1/ repeated": lambda n: fill("1/", n),
    "one word": lambda n: fill("a", n),
    "a- repeated": lambda n: fill("a-", n),
    "spaces": lambda n: fill(" ", n, head="a", tail="b"),
    "newlines": lambda n: fill("\n", n, head="a", tail="b"),
    "dots": lambda n: fill(".", n, head="a", tail="b"),
    "1. then dots": lambda n: fill(".", n, head="1", tail="b"),
    "punctuation": lambda n: fill("!?.,;:-'\"()", n, head="a"),
    "I, repeated": lambda n: fill("I,", n),
    "if, repeated": lambda n: fill("if,", n),
    "a and spaces": lambda n: fill("a ", n),
    "digits and spaces": lambda n: fill("1 ", n),
    "I and spaces": lambda n: fill("I ", n),
    "dots and spaces": lambda n: fill(". ", n, head="a"),
    "a and newlines": lambda n: fill("a\n", n),
}
# Questions reach 5,000 characters through the web API.
QUESTIONS: dict[str, Callable[[int], str]] = {
    "dots and spaces": lambda n: fill(". ", n),
    "question marks and spaces": lambda n: fill("? ", n),
    "feedback": lambda n: fill("feedback ", n),
}


def cpu_seconds(run: Callable[[], object], runs: int) -> float:
    best = math.inf
    for _ in range(runs):
        started = time.thread_time()
        run()
        best = min(best, time.thread_time() - started)
    return best


def growth(small: Callable[[], object], large: Callable[[], object]) -> float:
    """How many times longer `large` takes than `small`: the better of two tries."""
    ratios = []
    for _ in range(2):
        ratio = cpu_seconds(large, 1) / max(cpu_seconds(small, 3), 1e-4)
        if ratio < BOUND:
            return ratio
        ratios.append(ratio)
    return min(ratios)


def assert_valid(result: Assessment) -> None:
    assert isinstance(result, Assessment)
    assert 1.0 <= result.overall <= 4.0
    assert result.decision == decision_for(result.overall)
    json.dumps(result.to_json(), allow_nan=False)


@pytest.mark.parametrize("name", ANSWERS)
def test_an_answer_of_any_shape_scores_in_linear_time(name: str) -> None:
    build = ANSWERS[name]
    # Each shape in another round, so that every round's cue table is read.
    round_id = ROUNDS[list(ANSWERS).index(name) % len(ROUNDS)]

    results: list[Assessment] = []

    def run(n: int) -> Callable[[], None]:
        answer = build(n)
        return lambda: results.append(score("pm", round_id, QUESTION, answer))

    assert growth(run(2_000), run(20_000)) < BOUND
    assert_valid(results[-1])


@pytest.mark.parametrize("name", QUESTIONS)
def test_a_question_of_any_shape_scores_in_linear_time(name: str) -> None:
    build = QUESTIONS[name]

    def run(n: int) -> Callable[[], Assessment]:
        question = build(n)
        return lambda: score("pm", "hiring_manager", question, ANSWER)

    assert growth(run(500), run(5_000)) < BOUND


@pytest.mark.parametrize("unit", ["1", "1,"])
def test_an_answer_at_the_limit_scores_in_linear_time(unit: str) -> None:
    """200,000 digits took 456 s; "1," repeated longer still."""
    answers = {n: fill(unit, n) for n in (20_000, 200_000)}
    results: list[Assessment] = []

    def run(n: int) -> Callable[[], None]:
        return lambda: results.append(score("pm", "hiring_manager", QUESTION, answers[n]))

    assert growth(run(20_000), run(200_000)) < BOUND
    assert_valid(results[-1])


def test_a_model_answer_of_dots_scores_in_linear_time() -> None:
    """A model answer (up to 50,000 characters) is split into sentences like the answer."""

    def run(n: int) -> Callable[[], Assessment]:
        reference = fill(".", n, head="a", tail="b")
        return lambda: score("pm", "hiring_manager", QUESTION, ANSWER, reference=reference)

    assert growth(run(5_000), run(50_000)) < BOUND
