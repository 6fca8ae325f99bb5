"""Rich rendering of assessments, questions and attempt histories; no logic beyond layout.

Every judgement is spelt out in words (the decision, each flag, each label), so
nothing depends on seeing colour.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from loopcoach.scoring.types import Assessment
    from loopcoach.services.practice import PracticeQuestion
    from loopcoach.store.records import AttemptRecord

DECISION_WORDS = {
    "strong_hire": "Strong hire",
    "lean_hire": "Lean hire",
    "lean_no_hire": "Lean no hire",
    "strong_no_hire": "Strong no hire",
}
DECISION_STYLE = {
    "strong_hire": "bold green",
    "lean_hire": "green",
    "lean_no_hire": "yellow",
    "strong_no_hire": "bold red",
}
EVIDENCE_STYLE = "bold underline green"
FLAG_STYLE = "bold underline red"


def decision_words(decision: str | None) -> str:
    if not decision:
        return "not scored"
    return DECISION_WORDS.get(decision, decision.replace("_", " ").capitalize())


def minutes(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"


def score_bar(score: int) -> str:
    score = max(0, min(4, score))
    return "█" * score + "░" * (4 - score)


def highlight_answer(answer: str, assessment: Assessment) -> Text:
    """The answer with each evidence span marked «like this»[criterion, flag: id]."""
    labels: dict[tuple[int, int], list[str]] = defaultdict(list)
    flagged: set[tuple[int, int]] = set()
    n = len(answer)
    for criterion in assessment.criteria:
        for span in criterion.evidence:
            key = (max(0, span.start), min(n, span.end))
            if key[0] < key[1] and criterion.id not in labels[key]:
                labels[key].append(criterion.id)
    for flag in assessment.flags:
        for span in flag.evidence:
            key = (max(0, span.start), min(n, span.end))
            if key[0] < key[1]:
                labels[key].append(f"flag: {flag.id}")
                flagged.add(key)
    styled = Text(answer)
    for key in labels:
        styled.stylize(FLAG_STYLE if key in flagged else EVIDENCE_STYLE, *key)
    # Insert the markers from the end backwards so earlier offsets stay valid;
    # at one offset, a span that ends closes before the next one opens.
    inserts: list[tuple[int, int, Text]] = []
    for (start, end), names in labels.items():
        style = "red" if (start, end) in flagged else "cyan"
        inserts.append((start, 1, Text("«", style=style)))
        inserts.append((end, 0, Text("»", style=style) + Text(f"[{', '.join(names)}]", style)))
    out = Text()
    cursor = 0
    for pos, _order, marker in sorted(inserts, key=lambda item: (item[0], item[1])):
        out.append_text(styled[cursor:pos])
        out.append_text(marker)
        cursor = pos
    out.append_text(styled[cursor:])
    out.rstrip()
    return out


def _bullets(items: Sequence[str], style: str = "") -> Text:
    out = Text()
    for i, item in enumerate(items):
        if i:
            out.append("\n")
        out.append("• ", style=style)
        out.append(item)
    return out


def render_assessment(console: Console, answer: str, assessment: Assessment) -> None:
    """Show an assessment: grade and decision, criteria, evidence in the answer, flags, advice."""
    decision = assessment.decision
    head = Text()
    head.append(f"Overall {assessment.overall:.2f} / 4.00", style="bold")
    head.append("  ·  ")
    head.append(decision_words(decision), style=DECISION_STYLE.get(decision, "bold"))
    head.append(
        f"   ({assessment.track} · {assessment.round} · scorer {assessment.scorer_version})",
        style="dim",
    )
    console.print(head)
    verdict = assessment.relevance
    if verdict is not None and not verdict.answers:
        # A non-answer goes first and plainly: what was asked, what the answer did instead.
        console.print(
            Panel(
                Text(
                    verdict.reason + " " + "The grade is capped below 1.75 for that.", style="bold"
                ),
                title=Text("This does not answer the question", style="bold red"),
                title_align="left",
                border_style="red",
            )
        )
    elif verdict is not None and verdict.doubt_reason:
        # Far from the question but not surely another one: said before the criteria too.
        from loopcoach.scoring.model import DOUBT_GAIN

        lowered = min(3.0, DOUBT_GAIN * verdict.doubt)
        console.print(
            Panel(
                Text(f"{verdict.doubt_reason} The grade is lowered by {lowered:.1f} for that."),
                title=Text("This may not answer the question", style="bold yellow"),
                title_align="left",
                border_style="yellow",
            )
        )

    title = "Criteria"
    if assessment.aimed_at:
        title = f"Graded for what the probe asked: {assessment.aimed_at.replace('_', ' ')}"
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column("Criterion", style="bold")
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Note")
    for c in assessment.criteria:
        table.add_row(Text(c.id), f"{c.score}/4 {score_bar(c.score)}", Text(c.note))
    console.print(table)

    console.print(
        Panel(
            highlight_answer(answer, assessment),
            title=Text("Your answer, with the evidence for each criterion «marked»[like this]"),
            title_align="left",
        )
    )

    if assessment.flags:
        parts: list[Text] = []
        for flag in assessment.flags:
            line = Text()
            line.append(f"Red flag: {flag.id}", style="bold red")
            line.append(f" — {flag.why}")
            for span in flag.evidence[:3]:
                line.append(f"\n    “{span.text.strip()}”", style="italic")
            parts.append(line)
        console.print(Panel(Group(*parts), title=Text("Red flags"), title_align="left"))
    else:
        console.print(Text("No red flags.", style="green"))

    if assessment.coverage is not None and assessment.coverage.points:
        # The count of the ticks below, not the term-weighted share the grade reads: a
        # candidate reads the ticks.
        ticked = sum(1 for p in assessment.coverage.points if p.covered)
        cov = Table(
            title=f"Talking points covered: {ticked} of {len(assessment.coverage.points)}",
            title_justify="left",
        )
        cov.add_column("Covered", no_wrap=True)
        cov.add_column("Talking point")
        for point in assessment.coverage.points:
            cov.add_row("yes ✓" if point.covered else "no ✗", Text(point.point))
        console.print(cov)

    if assessment.delivery is not None:
        d = assessment.delivery
        budget = f" of {minutes(d.seconds_budget)} budget" if d.seconds_budget else ""
        console.print(
            f"Delivery: {d.words_per_minute:.0f} words/min, {d.fillers_per_minute:.1f} "
            f"fillers/min, {d.hedges} hedges, {minutes(d.seconds_used)}{budget}"
        )

    if assessment.strengths:
        console.print(Text("Strengths", style="bold green"))
        console.print(_bullets(assessment.strengths, "green"))
    if assessment.improvements:
        console.print(Text("To improve", style="bold yellow"))
        console.print(_bullets(assessment.improvements, "yellow"))
    if assessment.follow_up:
        console.print(Text.assemble(("Follow-up probe: ", "bold"), assessment.follow_up))


def render_question(console: Console, question: PracticeQuestion) -> None:
    """The question panel: round, competencies, time budget and why it was picked."""
    where = question.round_name or question.round
    title = f"{question.track} · {where} ({question.round})"
    if question.kind == "follow_up":
        title = f"Follow-up · {title}"
    body = Text(question.text, style="bold")
    meta = Text()
    if question.competencies:
        meta.append("\nCompetencies: ", style="dim")
        meta.append(", ".join(question.competencies))
    if question.difficulty:
        meta.append("\nDifficulty: ", style="dim")
        meta.append(question.difficulty)
    meta.append("\nTime budget: ", style="dim")
    if question.budget_seconds:
        meta.append(f"{minutes(question.budget_seconds)} to answer")
        if question.round_minutes:
            meta.append(f" (the whole round lasts {question.round_minutes} min)", style="dim")
    else:
        meta.append("none")
    if question.question_id:
        meta.append("\nQuestion id: ", style="dim")
        meta.append(question.question_id)
    if question.chosen_for:
        meta.append("\nPicked because it ", style="dim")
        meta.append(question.chosen_for)
    console.print(Panel(body + meta, title=Text(title), title_align="left"))


def history_table(
    attempts: Sequence[AttemptRecord], title: str = "Attempts", *, show_round: bool = True
) -> Table:
    """Attempts side by side: when, what kind, status, grade and decision."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("When (UTC)", no_wrap=True)
    if show_round:
        table.add_column("Track/round", no_wrap=True)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Grade", justify="right", no_wrap=True)
    table.add_column("Decision", min_width=8)
    table.add_column("Time", justify="right", no_wrap=True)
    for a in attempts:
        row = [str(a.id), a.created_at.strftime("%m-%d %H:%M")]
        if show_round:
            row.append(f"{a.track}/{a.round}")
        row += [
            "follow-up" if a.kind == "follow_up" else "main",
            a.status,
            f"{a.overall:.2f}" if a.overall is not None else "-",
            decision_words(a.decision) if a.assessment else "-",
            minutes(a.duration_seconds),
        ]
        table.add_row(*(Text(cell) for cell in row))
    return table
