"""Properties of score() over any text: it grades or refuses, in range, traceable and repeatable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loopcoach.errors import InvalidAnswer, UnknownItem, UsageError
from loopcoach.scoring import ROUNDS, TRACKS, Assessment, decision_for, score
from loopcoach.scoring.types import MAX_WORDS

WORDS = [
    "because",
    "so",
    "that",
    "if",
    "I",
    "I'd",
    "decided",
    "was",
    "asked",
    "rather",
    "than",
    "latency",
    "peak",
    "GMV",
    "conversion",
    "rose",
    "from",
    "2.5%",
    "to",
    "40%",
    "500k",
    "ms",
    "leverage",
    "synergy",
    "escalate",
    "the",
    "market",
    "slowed",
    "Double",
    "11",
    "kill",
    "pilot",
    "delivery-time",
    "p99",
    "Looking",
    "back",
    "🚀",
    "我们",
    "e\u0301",
    "ﬁ",
    "Ｗ",
    "—",
    "’",
    ".",
    "!",
    "?",
    ";",
    "\n",
    "...",
]

# Short pieces repeated: cheap to generate, and long enough to reach the limits.
long_texts = st.builds(
    lambda pieces, times: (" ".join(pieces) + " ") * times,
    st.lists(st.sampled_from(WORDS) | st.text(min_size=1, max_size=8), min_size=1, max_size=30),
    st.integers(min_value=1, max_value=4000),
).map(lambda text: text[:100_000])

questions = st.sampled_from(
    [
        "",
        "Design the order system for Double 11 peak traffic.",
        "Tell me about a time you missed a deadline.",
        "How would you launch Tmall grocery delivery in Indonesia?",
    ]
) | st.text(max_size=200)

options = st.fixed_dictionaries(
    {},
    optional={
        "talking_points": st.lists(st.text(max_size=60), max_size=4),
        "reference": st.text(max_size=200),
        "duration_seconds": st.floats(min_value=1.0, max_value=7200.0),
        "budget_seconds": st.floats(min_value=60.0, max_value=3600.0),
        "probes": st.lists(st.text(max_size=60), max_size=3),
    },
)


def all_spans(result: Assessment) -> list[Any]:
    spans = [s for c in result.criteria for s in c.evidence]
    spans += [s for f in result.flags for s in f.evidence]
    if result.coverage is not None:
        spans += [s for p in result.coverage.points for s in p.evidence]
    return spans


def check(track: str, round_id: str, question: str, answer: str, opts: dict[str, Any]) -> None:
    try:
        result = score(track, round_id, question, answer, **opts)
    except InvalidAnswer:
        assert not answer.strip() or len(answer.split()) > MAX_WORDS or len(answer) > 200_000
        return
    assert isinstance(result, Assessment)
    assert 1.0 <= result.overall <= 4.0
    assert result.decision == decision_for(result.overall)
    for span in all_spans(result):
        assert 0 <= span.start <= span.end <= len(answer)
        assert answer[span.start : span.end] == span.text
    out = result.to_json()
    text = json.dumps(out, ensure_ascii=False, allow_nan=False)
    assert json.loads(text) == out
    again = score(track, round_id, question, answer, **opts)
    assert again.to_json() == out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    track=st.sampled_from(TRACKS),
    round_id=st.sampled_from(ROUNDS),
    question=questions,
    answer=st.text(max_size=100_000),
    opts=options,
)
def test_any_unicode_text(
    track: str, round_id: str, question: str, answer: str, opts: dict[str, Any]
) -> None:
    check(track, round_id, question, answer, opts)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    round_id=st.sampled_from(ROUNDS),
    question=questions,
    answer=long_texts,
    opts=options,
)
def test_long_texts_built_from_words(
    round_id: str, question: str, answer: str, opts: dict[str, Any]
) -> None:
    check("pm", round_id, question, answer, opts)


def test_the_same_input_in_another_process_gives_the_same_json() -> None:
    """No set or hash order leaks into the output: the same on any machine."""
    code = (
        "import json, sys; from loopcoach.scoring import score; "
        "a = sys.stdin.read(); "
        "r = score('pm', 'product_sense', 'How would you cut Tmall checkout abandonment?', a, "
        "talking_points=['prefill the address', 'A/B test conversion'], "
        "probes=['What metric?', 'Which platform assets would you reuse?'], "
        "duration_seconds=90); "
        "print(json.dumps(r.to_json(), sort_keys=True))"
    )
    answer = (
        "Most abandonment happens at the address step, so I'd prefill the address from the "
        "buyer's last Cainiao delivery; if checkout conversion does not rise from 62% to 65% "
        "in a two-week A/B test, I'd roll it back. We leverage synergy. I was asked to do it."
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code],
            input=answer,
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    here = json.loads(outputs.pop())
    assert (
        here["overall"]
        == score(
            "pm",
            "product_sense",
            "How would you cut Tmall checkout abandonment?",
            answer,
            talking_points=["prefill the address", "A/B test conversion"],
            probes=["What metric?", "Which platform assets would you reuse?"],
            duration_seconds=90,
        ).overall
    )


# --- refusals -------------------------------------------------------------------------


def test_unknown_round_lists_the_valid_rounds() -> None:
    with pytest.raises(UnknownItem) as info:
        score("pm", "lunch", "q", "We cache hot keys because peak traffic is ten times normal.")
    assert info.value.kind == "round"
    assert info.value.valid == list(ROUNDS)
    message = str(info.value)
    assert "unknown round 'lunch'" in message
    for round_id in ROUNDS:
        assert round_id in message
    assert isinstance(info.value, UsageError) and info.value.exit_code == 2


def test_unknown_track_lists_the_valid_tracks() -> None:
    with pytest.raises(UnknownItem) as info:
        score("sales", "culture", "q", "I decided to cut scope by 20% because quality mattered.")
    assert info.value.kind == "track"
    assert info.value.valid == ["pm", "pmm", "tpm", "ds"]
    assert str(info.value) == "unknown track 'sales'; valid tracks: pm, pmm, tpm, ds"


def test_a_pack_track_is_valid_when_named() -> None:
    answer = "I decided to cut scope by 20% because quality mattered more than the date."
    result = score("sales", "culture", "q", answer, extra_tracks=("sales",))
    assert result.track == "sales"
    with pytest.raises(UnknownItem) as info:
        score("ops", "culture", "q", answer, extra_tracks=("sales",))
    assert info.value.valid == ["pm", "pmm", "tpm", "ds", "sales"]


@pytest.mark.parametrize("answer", ["", " ", "\n\t  \r\n", "\u3000\u00a0"])
def test_an_empty_answer_is_refused(answer: str) -> None:
    with pytest.raises(InvalidAnswer, match="empty"):
        score("pm", "culture", "Tell me about a time you failed.", answer)


def test_an_answer_that_is_not_text_is_refused() -> None:
    with pytest.raises(InvalidAnswer, match="text"):
        score("pm", "culture", "q", None)  # type: ignore[arg-type]


def test_over_ten_thousand_words_is_refused() -> None:
    at_limit = "growth " * MAX_WORDS
    assert score("pm", "culture", "q", at_limit).overall >= 1.0
    with pytest.raises(InvalidAnswer, match="10,000 words"):
        score("pm", "culture", "q", at_limit + "more")


# --- edge cases that once broke the scorer ---------------------------------------------

SHORT = "We cache hot keys because peak traffic is ten times normal."


def test_a_tiny_positive_duration_does_not_crash() -> None:
    result = score("pm", "technical", "q", SHORT, duration_seconds=5e-324)
    assert result.delivery is not None


@pytest.mark.parametrize("seconds", [1e-310, 0.5, 90.0, 4 * 3600.0])
def test_delivery_is_valid_json_for_any_accepted_duration(seconds: float) -> None:
    result = score("pm", "technical", "q", SHORT, duration_seconds=seconds)
    json.dumps(result.to_json(), allow_nan=False)


@pytest.mark.parametrize("seconds", [float("inf"), float("nan"), 0.0, -3.0, 4 * 3600.0 + 1])
def test_an_impossible_duration_is_refused_with_a_message(seconds: float) -> None:
    with pytest.raises(InvalidAnswer, match="duration"):
        score("pm", "technical", "q", SHORT, duration_seconds=seconds)


def test_evidence_stays_on_its_sentence_whatever_the_characters() -> None:
    answer = (
        "The ﬁrst step is caching hot SKUs because peak traffic hits them hardest. "
        "We cut p99 latency from 900 ms to 120 ms at peak, so checkout conversion rose by 3%. "
        "The cafe\u0301 team agreed."
    )
    result = score("pm", "technical", "Design a cache for Double 11 peak traffic.", answer)
    texts = {s.text for c in result.criteria for s in c.evidence}
    assert texts, "no evidence at all"
    assert (
        "We cut p99 latency from 900 ms to 120 ms at peak, so checkout conversion rose by 3%."
        in texts
    )
    for text in texts:
        assert text == text.strip()
