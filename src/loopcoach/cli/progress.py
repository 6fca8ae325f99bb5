"""`loopcoach progress`: the attempt history and grades per competency and track."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from loopcoach.cli.context import state


def register(app: typer.Typer) -> None:
    @app.command()
    def progress(
        ctx: typer.Context,
        track: Annotated[str | None, typer.Option("--track", "-t", help="Only this track.")] = None,
        limit: Annotated[
            int, typer.Option("--limit", "-n", min=1, help="How many recent attempts to list.")
        ] = 20,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Show recent attempts (drafts included) and average grades per competency and track."""
        from rich.console import Console
        from rich.table import Table

        from loopcoach.cli.render import history_table

        store = state(ctx).store
        attempts = store.attempts(track=track, limit=limit)
        summary = store.progress(track=track)
        if as_json:
            out = {
                "attempts": [a.to_json() for a in attempts],
                "progress": summary.to_json(),
            }
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
            return
        console = Console(highlight=False, markup=False)
        if not attempts:
            console.print("No attempts yet. Start with `loopcoach practice`.")
            return
        console.print(history_table(attempts, f"Last {len(attempts)} attempt(s), newest first"))
        from loopcoach.cli.recover import waiting_notice

        notice = waiting_notice(store)
        if notice:
            console.print(notice)
        if not summary.competencies:
            console.print("Nothing scored yet, so no averages.")
            return
        comps = Table(title="Per competency, weakest first", title_justify="left")
        comps.add_column("Competency")
        comps.add_column("Scored", justify="right")
        comps.add_column("Average", justify="right")
        comps.add_column("Latest", justify="right")
        comps.add_column("Best", justify="right")
        ranked = sorted(summary.competencies.items(), key=lambda kv: (kv[1].average, kv[0]))
        for name, stat in ranked:
            comps.add_row(
                name,
                str(stat.attempts),
                f"{stat.average:.2f}",
                f"{stat.last:.2f}",
                f"{stat.best:.2f}",
            )
        console.print(comps)
        tracks = Table(title="Per track", title_justify="left")
        tracks.add_column("Track")
        tracks.add_column("Scored", justify="right")
        tracks.add_column("Average", justify="right")
        for name, stat in sorted(summary.tracks.items()):
            tracks.add_row(name, str(stat.attempts), f"{stat.average:.2f}")
        console.print(tracks)
        from datetime import UTC, datetime

        from loopcoach.services.dashboard import weakest
        from loopcoach.services.next_steps import next_steps

        content = state(ctx).content
        weak = [w.to_json() for w in weakest(content, store, summary, track=track)]
        steps = next_steps(store, content, weak, datetime.now(UTC))
        console.print("Your three weakest competencies, and what to do next:")
        for w in weak:
            console.print(f"  {w['name']}")
            for step in steps.get(str(w["competency"]), []):
                console.print(f"    {step.kind}: {step.label[:100]}  ({step.command})")
