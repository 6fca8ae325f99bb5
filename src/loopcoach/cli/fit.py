"""`loopcoach fit`: a short questionnaire that ranks the tracks, with reasons and risks cited.

Interactive: each item is asked in turn; answer with the choice's number or id,
Enter to skip; end of input ranks on what was answered. Scripted: `--answers FILE`
reads a JSON object of item id -> choice id (or number), and `--json` prints the
ranking as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from loopcoach.cli.context import state
from loopcoach.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.services.fit import FitResult, Reason

ATTEMPTS = 3


def ask_questionnaire(console: Console, read_line: Callable[[], str] = input) -> dict[str, str]:
    """Ask every item; a blank line skips one, end of input stops asking."""
    from loopcoach.services.fit import FitInputError, questionnaire

    items = questionnaire().items
    answers: dict[str, str] = {}
    for n, item in enumerate(items, 1):
        console.print(f"\n{n}/{len(items)}  {item.text}", style="bold", markup=False)
        for i, c in enumerate(item.choices, 1):
            console.print(f"  {i}. {c.label}", markup=False)
        for tries in range(ATTEMPTS):
            console.print("answer> ", end="", markup=False)
            try:
                line = read_line().strip()
            except EOFError:
                return answers
            if not line:
                break
            try:
                answers[item.id] = item.choice(line).id
                break
            except FitInputError as exc:
                if tries == ATTEMPTS - 1:
                    raise
                console.print(str(exc), markup=False)
    return answers


def _reason_line(r: Reason) -> str:
    sign = f"{r.points:+d}"
    cited = "; ".join(f"{c.id} [{c.source}]" for c in r.cites[:3])
    return f"{sign}  {r.question}: you chose “{r.answer}”. Cites {cited}."


def render_fit(console: Console, result: FitResult, sources: dict[str, str]) -> None:
    from rich import box
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Tracks, best fit first", title_justify="left", box=box.SIMPLE_HEAD)
    for col in ("#", "Track", "Fit", "Strongest reasons", "Biggest risks"):
        table.add_column(col)
    for i, t in enumerate(result.ranking, 1):
        table.add_row(
            str(i),
            Text(f"{t.name} ({t.track})"),
            f"{t.score:+.0%}",
            Text("\n".join(r.question for r in t.reasons[:3]) or "-"),
            Text("\n".join(r.question for r in t.risks[:3]) or "-"),
        )
    console.print(table)
    for t in result.ranking:
        body = Text()
        for label, reasons in (("Why it fits", t.reasons), ("Risks", t.risks)):
            body.append(f"{label}\n", style="bold")
            if not reasons:
                body.append("  none from your answers\n")
            for r in reasons:
                body.append(f"  {_reason_line(r)}\n")
                fact = r.cites[0]
                body.append(f"      “{fact.text}”\n", style="italic")
        if t.unknown:
            body.append(
                "Unknown: the pack has no fact on this track for: " + ", ".join(t.unknown) + "\n",
                style="dim",
            )
        title = Text(f"{t.name} ({t.track}): fit {t.score:+.0%}, {t.points} of {t.possible}")
        console.print(Panel(body, title=title, title_align="left"))
    if result.skipped:
        console.print(f"Skipped items: {', '.join(result.skipped)}", markup=False)
    console.print(Text("Sources", style="bold"))
    for key, article in sources.items():
        console.print(f"  [{key}] {article}", markup=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def fit(
        ctx: typer.Context,
        answers: Annotated[
            Path | None,
            typer.Option(
                "--answers", help="JSON object: item id -> choice id or number.", dir_okay=False
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the ranking as JSON.")] = False,
        pack: Annotated[
            str | None, typer.Option("--pack", help="Pack whose tracks to rank.")
        ] = None,
    ) -> None:
        """Which track fits you: a 15-item questionnaire ranked against the pack's track facts."""
        from rich.console import Console

        from loopcoach.cli.loop import read_json
        from loopcoach.services.fit import rank_tracks

        owner = state(ctx).content.pack(pack)
        console = Console(highlight=False)
        if answers is not None:
            given: object = read_json(answers)
        else:
            console.print("Answer with the number of a choice (or its id); Enter skips an item.")
            given = ask_questionnaire(console)
            if not given:
                raise UsageError("no item was answered; nothing to rank")
        result = rank_tracks(owner, given)
        if as_json:
            out = result.to_json()
            out["sources"] = owner.info.sources
            typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        else:
            render_fit(console, result, owner.info.sources)
