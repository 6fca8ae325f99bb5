"""`loopcoach plan`: a day-by-day prep plan to the interview date, re-planned as grades come in.

`loopcoach plan --track pm --date 2026-12-20 --hours 2` makes a plan (archiving any
older one); `loopcoach plan` alone re-plans the active one and says what changed.
`plan show`, `plan done ID`, `plan skip ID`, `plan export --ics FILE` and
`plan checklist` work on the active plan. The real clock is read here, never in the
service, so the service's plans are the same for the same history and date.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from loopcoach.cli.context import state
from loopcoach.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.services.plan import PlanService
    from loopcoach.store.plans import PlanRecord

KIND_STYLE = {
    "story": "magenta",
    "checklist": "cyan",
    "practice": "green",
    "loop": "bold yellow",
    "cards": "blue",
    "rest": "dim",
}
STATUS_MARK = {"planned": " ", "done": "✓", "skipped": "–"}


def _service(ctx: typer.Context) -> PlanService:
    from loopcoach.services.plan import PlanService

    app_state = state(ctx)
    return PlanService(app_state.store, app_state.content)


def render_plan(console: Console, plan: PlanRecord) -> None:
    """The agenda: one table per day, each session with its id, kind, minutes and title."""
    from rich.table import Table

    from loopcoach.services.plan import days_of, progress

    p = progress(plan)
    console.print(
        f"[bold]Prep plan for {plan.track}[/bold]: interview on "
        f"{plan.interview_date.isoformat()}, {plan.hours_per_day:g} h a day from "
        f"{plan.start_time} ({plan.timezone}); {p.done} of {p.total} sessions done "
        f"({p.percent}% of the time)."
    )
    for day, items in days_of(plan):
        table = Table(title=day.strftime("%a %d %b %Y"), title_justify="left", expand=True)
        table.add_column("ID", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        table.add_column("Kind", no_wrap=True)
        table.add_column("Min", justify="right", no_wrap=True)
        table.add_column("What and why", ratio=1)
        for i in items:
            style = KIND_STYLE.get(i.kind, "")
            text = f"{i.title}\n[dim]{i.why}[/dim]"
            if i.question_id:
                text += f"\n[dim]loopcoach practice --question {i.question_id}[/dim]"
            table.add_row(
                str(i.id), STATUS_MARK[i.status], f"[{style}]{i.kind}[/]", str(i.minutes), text
            )
        console.print(table)


def register(app: typer.Typer) -> None:
    plan_app = typer.Typer(
        help="Plan the days to the interview; re-plan as grades come in.",
        invoke_without_command=True,
        no_args_is_help=False,
    )

    @plan_app.callback()
    def plan(
        ctx: typer.Context,
        track: Annotated[
            str | None, typer.Option("--track", "-t", help="Track of the new plan (pm, ds...).")
        ] = None,
        when: Annotated[
            str | None,
            typer.Option("--date", help="The interview date, YYYY-MM-DD (tomorrow to a year)."),
        ] = None,
        hours: Annotated[
            float | None,
            typer.Option("--hours", help="Hours a day you can spend, 0.5 to 12 (default 2)."),
        ] = None,
        tz: Annotated[
            str | None,
            typer.Option(
                "--tz",
                help="Time zone of the sessions, such as Europe/Paris (default: this machine's).",
            ),
        ] = None,
        start: Annotated[
            str | None,
            typer.Option(
                "--start", help="When each day's first session starts, HH:MM (default 19:00)."
            ),
        ] = None,
        pack: Annotated[str | None, typer.Option("--pack", help="Pack whose track to use.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
    ) -> None:
        """Make a plan with --track, --date and --hours; with none of them, re-plan."""
        if ctx.invoked_subcommand is not None:
            return
        from rich.console import Console

        from loopcoach.services.plan import DEFAULT_HOURS, DEFAULT_START, parse_date

        svc = _service(ctx)
        console = Console()
        today = date.today()
        if any(v is not None for v in (track, when, hours, tz, start, pack)):
            active = svc.active()
            if active is not None and active.status == "active":
                track = track or active.track
                when = when or active.interview_date.isoformat()
                hours = hours if hours is not None else active.hours_per_day
                tz = tz or active.timezone
                start = start or active.start_time
            if track is None or when is None:
                raise UsageError("a new plan needs --track and --date (and --hours, default 2)")
            record = svc.create(
                track=track,
                interview=parse_date(when),
                hours=hours if hours is not None else DEFAULT_HOURS,
                today=today,
                tz=tz,
                start=start or DEFAULT_START,
                pack=pack,
            )
            changes: list[str] = []
        else:
            result = svc.replan(today)
            record, changes = result.plan, result.changes
        if as_json:
            typer.echo(json.dumps({**svc.to_json(record), "changes": changes}, indent=2))
            return
        render_plan(console, record)
        if changes:
            console.print("[bold]What changed[/bold]")
            for line in changes:
                console.print(f"  • {line}", highlight=False)

    @plan_app.command("show")
    def show(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
    ) -> None:
        """Show the active plan, day by day."""
        from rich.console import Console

        svc = _service(ctx)
        record = svc.require_active()
        if as_json:
            typer.echo(json.dumps(svc.to_json(record), indent=2))
            return
        render_plan(Console(), record)

    def mark(ctx: typer.Context, item_id: int, status: str) -> None:
        item = _service(ctx).mark(item_id, status)
        typer.echo(f"{status}: {item.id} {item.title}")

    @plan_app.command("done")
    def done(
        ctx: typer.Context,
        item_id: Annotated[int, typer.Argument(help="The session's id (plan show lists them).")],
    ) -> None:
        """Mark a session done."""
        mark(ctx, item_id, "done")

    @plan_app.command("skip")
    def skip(
        ctx: typer.Context,
        item_id: Annotated[int, typer.Argument(help="The session's id (plan show lists them).")],
    ) -> None:
        """Skip a session; the next re-plan finds it another day if it still matters."""
        mark(ctx, item_id, "skipped")

    @plan_app.command("export")
    def export(
        ctx: typer.Context,
        ics_file: Annotated[
            Path,
            typer.Option(
                "--ics", help="Write the plan to this .ics calendar file.", dir_okay=False
            ),
        ],
    ) -> None:
        """Export the active plan as an iCalendar (.ics) file, one event per session."""
        from loopcoach.services.plan import ics

        record = _service(ctx).require_active()
        data = ics(record)
        try:
            ics_file.parent.mkdir(parents=True, exist_ok=True)
            ics_file.write_bytes(data)
        except OSError as exc:
            raise UsageError(f"cannot write {ics_file}: {exc.strerror}") from None
        events = data.count(b"BEGIN:VEVENT")
        typer.echo(f"wrote {events} sessions to {ics_file} ({record.timezone})")

    @plan_app.command("checklist")
    def checklist(
        ctx: typer.Context,
        track: Annotated[
            str | None, typer.Option("--track", "-t", help="Track (default: the plan's).")
        ] = None,
        done_id: Annotated[
            str | None, typer.Option("--done", help="Tick off this checklist item.")
        ] = None,
        undo_id: Annotated[
            str | None, typer.Option("--undo", help="Mark this checklist item not done.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print it as JSON.")] = False,
    ) -> None:
        """The track's preparation checklist, with what is done; done items leave the plan."""
        svc = _service(ctx)
        if track is None:
            track = svc.require_active().track
        if done_id:
            svc.mark_checklist(track, done_id, True)
        if undo_id:
            svc.mark_checklist(track, undo_id, False)
        rows = svc.checklist_status(track)
        # Each item cites its source by the article's title.
        titles = state(ctx).content.pack_for_track(track).info.source_titles()
        if as_json:
            out = [
                {
                    "id": i.id,
                    "text": " ".join(i.text.split()),
                    "source": i.source,
                    "article": titles.get(i.source),
                    "hours": i.hours,
                    "done_at": when.isoformat() if when else None,
                }
                for i, when in rows
            ]
            typer.echo(json.dumps(out, indent=2))
            return
        for i, when in rows:
            mark_ = "x" if when else " "
            article = titles.get(i.source)
            cited = f"“{article}”" if article else i.source
            typer.echo(f"[{mark_}] {i.id}: {' '.join(i.text.split())}  (from {cited})")
        typer.echo(f"{sum(1 for _, w in rows if w)} of {len(rows)} done")

    app.add_typer(plan_app, name="plan")
