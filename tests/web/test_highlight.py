"""Cutting an answer into marked segments, and comparing two attempts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from loopcoach.store.records import AssessmentRecord, AttemptRecord
from loopcoach.web.compare import compare
from loopcoach.web.highlight import highlight


def span(text: str, part: str) -> dict[str, Any]:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part}


def test_overlapping_spans_are_cut_at_every_boundary() -> None:
    answer = "We shard by SKU. Revenue fell 5% and it was the market's fault."
    payload = {
        "criteria": [
            {"id": "scale", "evidence": [span(answer, "We shard by SKU.")]},
            {"id": "metrics", "evidence": [span(answer, "Revenue fell 5%")]},
        ],
        "flags": [
            {
                "id": "blames_external",
                "evidence": [span(answer, "fell 5% and it was the market's fault")],
            }
        ],
    }
    marked = highlight(answer, payload)
    assert "".join(s.text for s in marked.segments) == answer
    assert [s.number for s in marked.spans] == [1, 2, 3]
    assert marked.by_anchor == {"crit-scale": [1], "crit-metrics": [2], "flag-blames_external": [3]}
    overlap = next(s for s in marked.segments if s.text == "fell 5%")
    assert {x.number for x in overlap.covering} == {2, 3} and overlap.flagged
    assert [x.number for x in overlap.closes] == [2]
    plain = next(s for s in marked.segments if s.text == " ")
    assert not plain.covering


def test_spans_out_of_range_and_no_assessment_are_safe() -> None:
    payload = {
        "criteria": [{"id": "x", "evidence": [{"start": -5, "end": 3}, {"start": 9, "end": 99}]}]
    }
    marked = highlight("abcdef", payload)
    assert [(s.start, s.end) for s in marked.spans] == [(0, 3)]
    assert "".join(s.text for s in highlight("abc", None).segments) == "abc"
    assert highlight("", {"criteria": []}).segments == ()


def attempt(
    ident: int,
    answer: str,
    overall: float,
    scores: dict[str, int],
    flags: list[str],
    covered: list[str],
    minutes: int,
) -> AttemptRecord:
    when = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    payload = {
        "criteria": [{"id": k, "score": v, "evidence": [], "note": ""} for k, v in scores.items()],
        "flags": [{"id": f, "evidence": [], "why": ""} for f in flags],
        "coverage": {"score": 0.5, "points": [{"point": p, "covered": True} for p in covered]},
    }
    return AttemptRecord(
        id=ident,
        user="local",
        created_at=when,
        updated_at=when,
        status="scored",
        track="pm",
        round="culture",
        pack="alibaba",
        question_id="q1",
        question="Q?",
        competencies=(),
        answer=answer,
        kind="main",
        parent_id=None,
        duration_seconds=60,
        error=None,
        assessment=AssessmentRecord(ident, ident, when, "1", overall, "lean_hire", payload),
    )


def test_compare_reads_from_the_older_attempt() -> None:
    old = attempt(
        1, "one two", 1.5, {"ownership": 1, "reflection": 2}, ["blames_external"], ["a"], 0
    )
    new = attempt(
        2, "one two three", 2.75, {"ownership": 3, "reflection": 2}, ["no_metric"], ["a", "b"], 5
    )
    diff = compare(new, old)
    assert (diff.before.id, diff.after.id) == (1, 2)
    assert diff.overall_change == 1.25
    assert [(c.id, c.change) for c in diff.criteria] == [("ownership", 2), ("reflection", 0)]
    assert diff.flags_cleared == ("blames_external",) and diff.flags_new == ("no_metric",)
    assert diff.points_gained == ("b",) and diff.points_lost == ()
    assert (diff.words_before, diff.words_after) == (2, 3) and diff.same_question
