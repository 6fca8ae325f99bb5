"""`loopcoach fit`: a short questionnaire that ranks the tracks, with reasons and risks cited.

Interactive: each item is asked in turn; answer with the choice's number or id,
Enter to skip; end of input ranks on what was answered. Scripted: `--answers FILE`
reads a JSON object of item id -> choice id (or number), and `--json` prints the
ranking as JSON. The terminal shows the ranking and each track's three strongest
reasons and risks; `--quotes` adds every reason with the fact it rests on, quoted.
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


SHOWN = 3  # reasons and risks per track without --quotes


def _reason_line(r: Reason) -> str:
    """`+2  Shape of pay: you chose “...”.`"""
    return f"{r.points:+d}  {r.question}: you chose “{r.answer}”."


def _cites_line(r: Reason, cites: int = 3) -> str:
    """`cites pm-equity-share [pm-vs-pmm]; ...`: the first is the one quoted."""
    return "cites " + "; ".join(f"{c.id} [{c.source}]" for c in r.cites[:cites])


def render_fit(
    console: Console, result: FitResult, sources: dict[str, str], *, quotes: bool = False
) -> None:
    """The ranking first, then each track's strongest reasons and risks.

    Without `quotes`, three of each and no fact text, so the ranking stays on screen;
    with it, every reason and risk with the fact it cites quoted under it.
    """
    from rich import box
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
            Text("\n".join(r.question for r in t.reasons[:SHOWN]) or "-"),
            Text("\n".join(r.question for r in t.risks[:SHOWN]) or "-"),
        )
    console.print(table)
    left_out = False
    for i, t in enumerate(result.ranking, 1):
        body = Text()
        body.append(
            f"{i}. {t.name} ({t.track}): fit {t.score:+.0%}, {t.points} of {t.possible}\n",
            style="bold",
        )
        for label, reasons in (("Why it fits", t.reasons), ("Risks", t.risks)):
            body.append(f"  {label}\n", style="bold")
            if not reasons:
                body.append("    none from your answers\n")
            shown = reasons if quotes else reasons[:SHOWN]
            for r in shown:
                body.append(f"    {_reason_line(r)}\n")
                body.append(f"        {_cites_line(r, 3 if quotes else 1)}\n", style="dim")
                if quotes:
                    body.append(f"        “{r.cites[0].text}”\n", style="italic")
            if len(reasons) > len(shown):
                left_out = True
                body.append(f"    and {len(reasons) - len(shown)} more\n", style="dim")
        if t.unknown:
            body.append(
                "  Unknown: the pack has no fact on this track for: " + ", ".join(t.unknown) + "\n",
                style="dim",
            )
        console.print(body)
    if result.skipped:
        console.print(f"Skipped items: {', '.join(result.skipped)}", markup=False)
    if not quotes:
        more = "every reason and risk with" if left_out else "under each reason"
        console.print(Text(f"Add --quotes to see {more} the pack fact it rests on.", style="dim"))
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
        quotes: Annotated[
            bool,
            typer.Option(
                "--quotes", help="Show every reason and risk with the pack fact it cites quoted."
            ),
        ] = False,
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
            out["sources"] = owner.info.source_titles()
            typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        else:
            render_fit(console, result, owner.info.source_titles(), quotes=quotes)
