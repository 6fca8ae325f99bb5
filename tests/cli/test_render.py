"""render_assessment: every judgement in words, every evidence span marked and labelled."""

from __future__ import annotations

import io

from rich.console import Console

from loopcoach.cli.render import highlight_answer, render_assessment
from loopcoach.scoring import score
from loopcoach.scoring.types import Assessment, CriterionScore, Flag, Span

ANSWER = "I owned the launch. It failed because the market shifted. We grew GMV 8%."


def assessment() -> Assessment:
    def span(text: str) -> Span:
        start = ANSWER.index(text)
        return Span(start, start + len(text), text)

    return Assessment(
        track="pm",
        round="culture",
        overall=2.0,
        decision="lean_no_hire",
        criteria=(
            CriterionScore("ownership", 3, (span("I owned the launch."),), "Clear ownership."),
            CriterionScore("specificity", 2, (span("We grew GMV 8%"), span("GMV")), "Some."),
            CriterionScore("reflection", 0, (Span(len(ANSWER) - 1, 500, "."),), "None."),
        ),
        flags=(
            Flag(
                "blames_external",
                (span("because the market shifted"),),
                "Committees read it as a lack of ownership.",
            ),
        ),
        strengths=("Owns the launch.",),
        improvements=("Say what you would change.",),
        follow_up="What would you decide differently?",
        scorer_version="test",
    )


def test_highlight_marks_and_labels_every_span() -> None:
    text = highlight_answer(ANSWER, assessment()).plain
    assert "«I owned the launch.»[ownership]" in text
    assert "«because the market shifted»[flag: blames_external]" in text
    # A span inside another closes before the outer one does.
    assert "«We grew «GMV»[specificity] 8%»[specificity]" in text
    # A span running past the end is clipped to the answer, never dropped silently.
    assert text.endswith("»[reflection]")
    assert text.replace("«", "").replace("»", "").startswith("I owned the launch.[ownership]")


def test_render_assessment_in_words_without_colour() -> None:
    out = io.StringIO()
    render_assessment(Console(file=out, width=100, color_system=None), ANSWER, assessment())
    text = out.getvalue()
    assert "Overall 2.00 / 4.00" in text and "Lean no hire" in text
    assert "ownership" in text and "3/4" in text and "Clear ownership." in text
    assert "Red flag: blames_external" in text and "lack of ownership" in text
    assert "“because the market shifted”" in text
    assert "Strengths" in text and "Owns the launch." in text
    assert "To improve" in text and "Say what you would change." in text
    assert "Follow-up probe: What would you decide differently?" in text


def test_render_a_real_assessment_with_coverage() -> None:
    answer = "I owned the launch and cut scope by 20% to protect quality; incidents fell to zero."
    result = score(
        "pm",
        "culture",
        "Tell me about a high-pressure stretch.",
        answer,
        talking_points=["cut scope to protect quality", "incident count as the outcome"],
    )
    out = io.StringIO()
    render_assessment(Console(file=out, width=100), answer, result)
    text = out.getvalue()
    assert "cut scope to protect quality" in text
    # The headline counts the ticks below it, never a percentage they contradict.
    ticked = sum(1 for p in result.coverage.points if p.covered) if result.coverage else -1
    assert f"Talking points covered: {ticked} of 2" in text
    assert "%" not in text.split("Talking points covered")[1].splitlines()[0]


def test_text_that_looks_like_markup_is_shown_as_typed() -> None:
    answer = "I set [bold]the goal[/bold] and [red] shipped."
    a = Assessment(
        track="pm",
        round="culture",
        overall=3.0,
        decision="lean_hire",
        criteria=(CriterionScore("ownership", 3, (Span(0, 5, "I set"),), "Named [b]x[/b]"),),
        flags=(),
        strengths=(),
        improvements=(),
        follow_up="",
        scorer_version="test",
    )
    out = io.StringIO()
    render_assessment(Console(file=out, width=120), answer, a)
    text = out.getvalue()
    assert "[bold]the goal[/bold] and [red] shipped." in text
    assert "Named [b]x[/b]" in text
