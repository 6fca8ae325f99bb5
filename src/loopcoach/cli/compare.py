"""`loopcoach compare`: tracks side by side, and the pay scenario calculator.

`loopcoach compare pm tpm` shows the loops round by round and the pack's facts
on pay, promotion, exits and the day-to-day; no track compares them all.
`--pay "base=800k,equity=2m,vesting=4,bonus=0.1-0.3"` (repeatable) shows the
10th, 50th and 90th percentile of pay in each vesting year and in total;
`track=pm` in a scenario fills what is missing from the pack's facts and says
which parts it filled, and `track=pm` alone shows that track's pay structure per
100 of base salary.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from loopcoach.cli.context import state

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.services.compare import Comparison
    from loopcoach.services.pay import PayOutcome


def render_comparison(console: Console, c: Comparison) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from loopcoach.services.compare import NO_FACT, TOPICS

    def table(title: str) -> Table:
        t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=True)
        t.add_column("", style="bold")
        for col in c.columns:
            t.add_column(Text(f"{col.name} ({col.track})"))
        return t

    loops = table("The loops")
    loops.add_row("In short", *(Text(col.summary) for col in c.columns))
    loops.add_row(
        "Rounds",
        *(
            Text(
                "\n".join(
                    f"{r['order']}. {r['name']} ({r['weight']:.0%}, {r['minutes']} min)"
                    for r in col.rounds
                )
            )
            for col in c.columns
        ),
    )
    for round_id in c.round_ids:
        cells = []
        for col in c.columns:
            r = col.round(round_id)
            if r is None:
                cells.append(Text("not in this loop", style="dim"))
                continue
            veto = (
                f"\nDisqualifying: {', '.join(r['disqualifying_flags'])}"
                if r["disqualifying_flags"]
                else ""
            )
            cells.append(Text(f"{r['tests']}{veto} [{r['source']}]"))
        loops.add_row(round_id, *cells)
    console.print(loops)

    facts = table("The work, the pay and the way out")
    for topic, label in TOPICS:
        if not any(col.facts[topic] for col in c.columns):
            continue
        facts.add_row(
            label,
            *(
                Text(
                    "\n\n".join(f"{f['text']} [{f['source']}]" for f in col.facts[topic])
                    or NO_FACT,
                    style="" if col.facts[topic] else "dim",
                )
                for col in c.columns
            ),
        )
    console.print(facts)
    console.print(Text("Sources", style="bold"))
    for key, article in c.sources.items():
        console.print(f"  [{key}] {article}", markup=False)


def money(value: float) -> str:
    return f"{value:,.0f}"


def render_pay(console: Console, outcomes: list[PayOutcome]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from loopcoach.services.pay import PER_BASE

    for o in outcomes:
        s = o.scenario
        unit = f" ({s.unit})"
        bonus = (
            f"{s.bonus_low:.0%}"
            if s.bonus_low == s.bonus_high
            else f"{s.bonus_low:.0%}-{s.bonus_high:.0%}"
        )
        title = (
            f"Pay: {s.name}{unit}: base {money(s.base)}, equity grant {money(s.equity)} "
            f"over {s.vesting} years, bonus {bonus} of base"
        )
        t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
        for col in (
            "Year",
            "Base",
            "Bonus p10-p90",
            "Equity vesting p10-p90",
            "Total p10",
            "Total p50",
            "Total p90",
        ):
            t.add_column(col, justify="right")
        for y in o.years:
            t.add_row(
                str(y.year),
                money(y.base),
                f"{money(y.bonus.p10)}-{money(y.bonus.p90)}",
                f"{money(y.equity.p10)}-{money(y.equity.p90)}",
                money(y.total.p10),
                money(y.total.p50),
                money(y.total.p90),
            )
        t.add_row(
            "All",
            "",
            "",
            "",
            money(o.cumulative.p10),
            money(o.cumulative.p50),
            money(o.cumulative.p90),
            style="bold",
        )
        console.print(t)
        if s.per_base:
            console.print(
                Text(
                    f"  No base given: every amount is per {PER_BASE:g} of base salary; "
                    "add base=... to see your own.",
                    style="dim",
                )
            )
        for note in s.notes:
            console.print(Text(f"  From the pack: {note}", style="dim"))
        if s.gaps:
            console.print(Text(f"  Not in the pack: {s.gaps}", style="dim"))
        console.print(
            Text(
                f"  Share price: yearly volatility {s.volatility:.0%}, drift {s.growth:+.0%} "
                f"(assumptions); {o.draws:,} seeded draws.",
                style="dim",
            )
        )


def register(app: typer.Typer) -> None:
    @app.command()
    def compare(
        ctx: typer.Context,
        tracks: Annotated[
            list[str] | None, typer.Argument(help="Tracks to compare (default: all).")
        ] = None,
        pay: Annotated[
            list[str] | None,
            typer.Option(
                "--pay",
                help="A pay scenario: base=800k,equity=2m,vesting=4,bonus=0.1-0.3,"
                "currency=CNY (repeatable). track=pm fills what is not given from the "
                "pack's pay facts for pm and says what it filled; track=pm alone shows pm's "
                "pay structure per 100 of base.",
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
        pack: Annotated[str | None, typer.Option("--pack", help="Pack to compare in.")] = None,
    ) -> None:
        """Compare tracks side by side, and the spread of pay outcomes of offers."""
        from rich.console import Console

        from loopcoach.services.compare import compare_tracks
        from loopcoach.services.pay import parse_scenario, simulate

        owner = state(ctx).content.pack(pack)
        scenarios = [parse_scenario(spec, i, owner) for i, spec in enumerate(pay or [], 1)]
        comparison = compare_tracks(owner, list(tracks or [])) if tracks or not pay else None
        outcomes = [simulate(s) for s in scenarios]
        if as_json:
            out = {
                "comparison": comparison.to_json() if comparison else None,
                "pay": [o.to_json() for o in outcomes],
            }
            typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
            return
        console = Console(highlight=False)
        if comparison is not None:
            render_comparison(console, comparison)
        if outcomes:
            render_pay(console, outcomes)
