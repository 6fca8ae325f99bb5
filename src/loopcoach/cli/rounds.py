"""`loopcoach rounds ...`: the log of real rounds, each command a few lines over RoundService.

`rounds log` keeps a round you sat (its questions, the day, how it went), `rounds
outcome` sets how it ended once you know, `rounds notes` changes its notes, and
`rounds list`, `rounds show`, `rounds compare` and `rounds rm` read and delete. The
real clock is read here, never in the service.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from loopcoach.cli.context import state

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.services.rounds import RoundComparison, RoundService
    from loopcoach.store.rounds import RealRoundRecord

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
RoundId = Annotated[int, typer.Argument(help="The real round's id (rounds list shows them).")]
OUTCOME_STYLE = {
    "pending": "dim",
    "passed": "green",
    "offer": "bold green",
    "rejected": "red",
    "withdrawn": "yellow",
}


def _service(ctx: typer.Context) -> RoundService:
    from loopcoach.services.rounds import RoundService

    app = state(ctx)
    return RoundService(app.store, app.content)


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _dump(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _show_round(console: Console, r: RealRoundRecord) -> None:
    from rich.markup import escape

    from loopcoach.services.rounds import FEELINGS

    where = f" at {escape(r.company)}" if r.company else ""
    console.print(
        f"[bold]Real round {r.id}[/bold]: {r.track} {r.round}{where} on {r.held_on.isoformat()}"
    )
    style = OUTCOME_STYLE.get(r.outcome, "")
    console.print(
        f"How it went: {r.feeling} of 5 ({FEELINGS[r.feeling]}); outcome: [{style}]{r.outcome}[/]"
    )
    console.print("\n[bold]Questions asked[/bold]")
    for n, q in enumerate(r.questions, start=1):
        console.print(f"{n}. {escape(q.text)}")
    if r.notes:
        console.print(f"\n[bold]Notes[/bold]\n{escape(r.notes)}")
    console.print(
        f"\n[dim]Practise them at /rounds/{r.id} in `loopcoach serve` (kept in your history), "
        f"or score an answer alone: loopcoach score --track {r.track} --round {r.round} "
        "--question 'QUESTION' ANSWER_FILE[/dim]"
    )


def _show_list(console: Console, rounds: list[RealRoundRecord]) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title="Your real rounds, the latest first", title_justify="left")
    for col in ("ID", "Held on", "Track", "Round", "Company", "Felt", "Outcome", "Questions"):
        table.add_column(col)
    for r in rounds:
        style = OUTCOME_STYLE.get(r.outcome, "")
        table.add_row(
            str(r.id),
            r.held_on.isoformat(),
            r.track,
            r.round,
            escape(r.company) or "-",
            f"{r.feeling}/5",
            f"[{style}]{r.outcome}[/]",
            str(len(r.questions)),
        )
    console.print(table)


def _show_compare(console: Console, rows: list[RoundComparison]) -> None:
    from rich.table import Table

    table = Table(title="Practice grade beside real outcomes", title_justify="left")
    for col in ("Track", "Round", "Practice (1-4)", "Attempts", "Real rounds", "Outcomes", "Felt"):
        table.add_column(col)
    for c in rows:
        table.add_row(
            c.track,
            c.name,
            f"{c.practice_average:.2f}" if c.practice_average is not None else "-",
            str(c.practice_attempts),
            str(c.real_count),
            ", ".join(f"{n} {o}" for o, n in c.outcomes.items()) or "-",
            f"{c.mean_feeling:.1f}/5" if c.mean_feeling is not None else "-",
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    rounds_app = typer.Typer(
        help="Log the real rounds you sit: the questions asked, how it went, the outcome.",
        no_args_is_help=True,
    )

    @rounds_app.command("log")
    def log(
        ctx: typer.Context,
        track: Annotated[str, typer.Option("--track", "-t", help="The track (pm, ds...).")],
        round_id: Annotated[
            str, typer.Option("--round", "-r", help="The round of the track's loop.")
        ],
        held_on: Annotated[
            str, typer.Option("--date", help="The day it was held, YYYY-MM-DD (today or before).")
        ],
        feeling: Annotated[
            int, typer.Option("--feeling", help="How it went, 1 (badly) to 5 (very well).")
        ],
        question: Annotated[
            list[str],
            typer.Option("--question", "-q", help="A question you were asked (repeatable)."),
        ],
        company: Annotated[str, typer.Option("--company", help="The company.")] = "",
        notes: Annotated[str, typer.Option("--notes", help="Free notes.")] = "",
        pack: Annotated[
            str | None, typer.Option("--pack", help="The pack whose loop it was.")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Log a real round you sat; its questions join your plan at the next re-plan."""
        from loopcoach.services.rounds import parse_date

        r = _service(ctx).log(
            track=track,
            round=round_id,
            held_on=parse_date(held_on),
            feeling=feeling,
            questions=question,
            today=date.today(),
            company=company,
            notes=notes,
            pack=pack,
        )
        if as_json:
            _dump(r.to_json())
            return
        typer.echo(
            f"logged real round {r.id}: {r.track} {r.round} on {r.held_on.isoformat()}, "
            f"{len(r.questions)} question(s); set its outcome with "
            f"`loopcoach rounds outcome {r.id} passed|rejected|offer|withdrawn`"
        )

    @rounds_app.command("list")
    def list_rounds(
        ctx: typer.Context,
        track: Annotated[
            str | None, typer.Option("--track", "-t", help="Only this track's rounds.")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The real rounds you logged, the latest first."""
        rounds = _service(ctx).rounds(track)
        if as_json:
            _dump([r.to_json() for r in rounds])
            return
        if not rounds:
            typer.echo("no real rounds logged yet; `loopcoach rounds log --help` says how")
            return
        _show_list(_console(), rounds)

    @rounds_app.command("show")
    def show(ctx: typer.Context, round_id: RoundId, as_json: JsonOpt = False) -> None:
        """One real round with its questions and notes."""
        r = _service(ctx).get(round_id)
        if as_json:
            _dump(r.to_json())
            return
        _show_round(_console(), r)

    @rounds_app.command("outcome")
    def outcome(
        ctx: typer.Context,
        round_id: RoundId,
        value: Annotated[
            str, typer.Argument(help="pending, passed, rejected, offer or withdrawn.")
        ],
    ) -> None:
        """Set how a real round ended once you know; a rejection re-weights the plan."""
        r = _service(ctx).set_outcome(round_id, value)
        typer.echo(f"real round {r.id}: {r.outcome}")

    @rounds_app.command("notes")
    def notes_cmd(
        ctx: typer.Context,
        round_id: RoundId,
        text: Annotated[str, typer.Argument(help='The new notes ("" clears them).')],
    ) -> None:
        """Replace a real round's notes."""
        r = _service(ctx).update(round_id, notes=text)
        typer.echo(f"real round {r.id}: notes saved")

    @rounds_app.command("compare")
    def compare(
        ctx: typer.Context,
        track: Annotated[
            str | None, typer.Option("--track", "-t", help="Only this track's rounds.")
        ] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Your practice grade in each round beside the real rounds of it."""
        rows = _service(ctx).compare(track)
        if as_json:
            _dump([c.to_json() for c in rows])
            return
        if not rows:
            typer.echo("nothing to compare yet: practise or log a real round first")
            return
        _show_compare(_console(), rows)

    @rounds_app.command("rm")
    def rm(
        ctx: typer.Context,
        round_id: RoundId,
        yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
    ) -> None:
        """Delete a real round and its questions for good."""
        svc = _service(ctx)
        r = svc.get(round_id)
        question = f"Delete real round {r.id} ({r.round} on {r.held_on.isoformat()}) for good?"
        if not yes and not typer.confirm(question):
            raise typer.Exit(1)
        svc.delete(round_id)
        typer.echo(f"deleted real round {r.id}")

    app.add_typer(rounds_app, name="rounds")
