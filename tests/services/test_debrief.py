"""The debrief's parts without a database: level estimate, committee voice, exports."""

from __future__ import annotations

import re
from typing import Any

import pytest

from loopcoach.services.debrief import AnswerResult, Debrief, RoundResult, round_grade
from loopcoach.services.debrief_export import debrief_html, debrief_markdown
from loopcoach.services.level import AnswerText, estimate_level
from loopcoach.services.verdict import committee_sentences, third_person


def level_of(text: str, grade: float = 3.5, track: str = "pm") -> tuple[str, list[str]]:
    estimate = estimate_level([AnswerText("hiring_manager", "main", 1, text)], grade, track)
    return estimate.level, [r.dimension for r in estimate.reasons]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I improved the onboarding emails and the open rate went up.", "P6"),
        # An audience is not a team.
        ("I presented it in front of about forty people at the review.", "P6"),
        ("I led 9 engineers, served 6 million buyers and held 4,000 orders a second.", "P7"),
        (
            "I led an org of 40 people across seven teams, for 120 million buyers and "
            "RMB 2 billion of GMV, and set the strategy for the group's new business line.",
            "P8",
        ),
    ],
)
def test_level_follows_the_scope_in_the_answers(text: str, level: str) -> None:
    assert level_of(text)[0] == level


def test_a_level_needs_grades_that_hold_at_that_scope() -> None:
    big = (
        "I led an org of 40 people across seven teams, for 120 million buyers and "
        "RMB 2 billion of GMV, and set the strategy for the group's new business line."
    )
    assert level_of(big, grade=2.8)[0] == "P7"
    assert (
        level_of("I led 9 engineers for 6 million buyers at 4,000 orders a second.", grade=2.0)[0]
        == "P6"
    )


def test_every_level_reason_quotes_its_sentence() -> None:
    estimate = estimate_level(
        [AnswerText("technical", "follow_up", 7, "Fine. We had 12 engineers on it.")], 3.0, "tpm"
    )
    people = next(r for r in estimate.reasons if r.dimension == "people")
    assert people.quote == "We had 12 engineers on it." and people.attempt_id == 7
    assert "system scale" in estimate.reasons[0].text


def test_notes_are_turned_to_the_committee_voice() -> None:
    assert third_person("Decisions are yours, with what you gave up.") == (
        "Decisions are theirs, with what they gave up."
    )


def test_round_grade_weighs_the_main_answer_twice_the_follow_up() -> None:
    def a(kind: str, grade: float) -> AnswerResult:
        return AnswerResult(kind, None, "Q", 1, True, grade, "lean_hire")

    assert round_grade([a("main", 4.0), a("follow_up", 1.0)]) == pytest.approx(3.0)
    assert round_grade([a("main", 4.0), a("follow_up", 1.0), a("main", 2.0)]) == (
        pytest.approx(2.5)
    )


def tiny_debrief(answer: str = "I <b>owned</b> it | fully.") -> Debrief:
    crit: list[dict[str, Any]] = [
        {"id": "ownership", "score": 3, "note": "Your call, named.", "evidence": ["I owned it"]},
        {"id": "reflection", "score": 1, "note": "No lesson.", "evidence": []},
    ]
    main = AnswerResult(
        "main", "q-1", "Tell me <about> it", 3, True, 3.1, "lean_hire", answer=answer, criteria=crit
    )
    follow = AnswerResult(
        "follow_up", "q-1", "And then?", None, False, 1.0, "strong_no_hire", aimed_at="reflection"
    )
    r = RoundResult(
        "culture",
        "Culture fit",
        1.0,
        45,
        round_grade([main, follow]),
        "lean_no_hire",
        [],
        [],
        [main, follow],
    )
    d = Debrief(
        1,
        "mini",
        "pm",
        "Product Manager",
        "1",
        "scripted",
        r.grade,
        "lean_no_hire",
        "lean_no_hire",
        None,
        [],
        "P6",
        [],
        [],
        [r],
    )
    d.committee = committee_sentences(d, {})
    return d


def test_committee_sentences_point_at_answers() -> None:
    d = tiny_debrief()
    texts = [s["text"] for s in d.committee]
    # The round's grade as the rounds table shows it (2.40), not the main answer's 3.1.
    assert texts[0].startswith("Strongest in the culture fit (2.40 of 4), on ownership: their")
    assert any("follow-up on reflection went unanswered" in t for t in texts)
    assert all(s["round"] == "culture" for s in d.committee)


def test_markdown_export_has_the_verdict_the_sentences_and_every_answer() -> None:
    md = debrief_markdown(tiny_debrief())
    assert md.startswith("# Hiring-committee debrief: Product Manager loop\n")
    assert "**Lean no hire · weighted grade" in md
    assert "## What the committee wrote" in md and "## Level estimate: P6" in md
    assert "> I &lt;b&gt;owned&lt;/b&gt; it | fully." in md
    assert "| Ownership | 3/4 | Your call, named. | “I owned it” |" in md
    assert "*Unanswered: counts as 1.0.*" in md


def test_html_export_is_standalone_and_escapes_the_answers() -> None:
    page = debrief_html(tiny_debrief(answer="<script>alert(1)</script> I owned it"))
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Tell me &lt;about&gt; it" in page
    # One file that works offline: no scripts, stylesheets or images fetched from anywhere.
    assert "src=" not in page and "href=" not in page and "<style>" in page


def test_a_dodged_round_is_named_as_the_committee_would() -> None:
    d = tiny_debrief()
    main = d.rounds[0].answers[0]
    reason = (
        "The question asks for a time something went wrong for you; the answer tells of a "
        "success, with nothing in it that went wrong."
    )
    main.flags = [{"id": "non_answer", "why": "...", "evidence": [], "reason": reason}]
    d.committee = committee_sentences(d, {})
    first = d.committee[0]
    assert first["text"].startswith(
        "In the culture fit the candidate did not answer what was asked"
    )
    assert "tells of a success" in first["text"] and first["attempt_id"] == 3
    # A veto on that same non-answer names the dodge in the veto, not twice.
    d.vetoes = [
        {
            "flag": "non_answer",
            "round": "culture",
            "answer": "main",
            "attempt_id": 3,
            "why": "...",
            "evidence": None,
        }
    ]
    d.committee = committee_sentences(d, {})
    texts = [s["text"] for s in d.committee]
    assert texts[0].startswith("Bar-raiser veto in the culture fit: the question was dodged")
    assert not any(t.startswith("In the culture fit the candidate did not") for t in texts)


def two_round_debrief() -> Debrief:
    """A hiring-manager round whose main answer (3.7) is held down by its follow-up."""

    def crit(scope: int) -> list[dict[str, Any]]:
        return [
            {"id": "scope", "score": scope, "note": "Scope is concrete.", "evidence": ["big"]},
            {"id": "decisions", "score": 3, "note": "Your call.", "evidence": ["I chose"]},
        ]

    hm_main = AnswerResult(
        "main", "q-1", "Q", 1, True, 3.7, "strong_hire", "I chose", None, 60.0, crit(3)
    )
    hm_follow = AnswerResult(
        "follow_up", "q-1", "P", 2, True, 3.28, "strong_hire", "I chose", "scope", 30.0, crit(3)
    )
    cu_main = AnswerResult(
        "main", "q-2", "Q", 3, True, 3.2, "lean_hire", "I chose", None, 60.0, crit(2)
    )
    hm = RoundResult(
        "hiring_manager",
        "Hiring manager deep dive",
        0.5,
        45,
        round_grade([hm_main, hm_follow]),
        "strong_hire",
        [],
        [],
        [hm_main, hm_follow],
    )
    cu = RoundResult(
        "culture", "Culture fit", 0.5, 45, round_grade([cu_main]), "lean_hire", [], [], [cu_main]
    )
    return Debrief(
        1,
        "alibaba",
        "pm",
        "Product Manager",
        "1",
        "scripted",
        3.4,
        "strong_hire",
        "strong_hire",
        None,
        [],
        "P6",
        [],
        [],
        [hm, cu],
    )


def test_the_committee_quotes_the_grades_the_rounds_table_shows() -> None:
    d = two_round_debrief()
    d.committee = committee_sentences(d, {})
    hm = d.rounds[0]
    assert f"{hm.grade:.2f}" == "3.56"
    strongest = d.committee[0]["text"]
    assert strongest.startswith("Strongest in the hiring manager deep dive (3.56 of 4)")
    assert "3.7" not in strongest
    # Every grade a sentence gives is one of the debrief's grades at two places.
    shown = {f"{r.grade:.2f}" for r in d.rounds} | {
        f"{a.grade:.2f}" for r in d.rounds for a in r.answers
    }
    for sentence in d.committee:
        for number in re.findall(r"\b\d\.\d+\b", sentence["text"]):
            assert number in shown, (number, sentence["text"])
    md = debrief_markdown(d)
    assert "| Hiring manager deep dive | 50% | 3.56 |" in md and "(3.56 of 4)" in md


def test_the_level_reason_agrees_with_the_scope_the_scorer_gave() -> None:
    answers = [AnswerText("hiring_manager", "main", 1, "I ran the launch for our team.")]
    scored = estimate_level(
        answers, 3.4, "pm", scope_scores=[("scope", "hiring manager deep dive", 3)]
    )
    (none,) = [r for r in scored.reasons if r.dimension == "none"]
    assert "No answer gives the size of the work" not in none.text
    assert none.text.startswith(
        "The answers give the size of the work (scope 3 of 4 in the hiring manager deep dive)"
    )
    unscoped = estimate_level(answers, 3.4, "pm", scope_scores=[("scope", "culture fit", 1)])
    assert "No answer gives a size of the work that reads above P6" in unscoped.reasons[-1].text


def test_the_level_cites_its_article_by_title() -> None:
    estimate = estimate_level(
        [AnswerText("technical", "main", 1, "We had 12 engineers.")],
        3.0,
        "tpm",
        source_title="Alibaba PM vs TPM Career Comparison 2026",
    )
    summary = estimate.reasons[0].text
    assert "from “Alibaba PM vs TPM Career Comparison 2026”" in summary
    assert "pm-vs-tpm" not in summary and "seeds/" not in summary
