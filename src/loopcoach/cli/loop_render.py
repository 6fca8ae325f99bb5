"""Rich rendering of a loop's plan, its round banners, the debrief and the list of loops.

Judgements are spelt out in words (decision, flags, veto), so nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from loopcoach.cli.render import DECISION_STYLE, decision_words, minutes

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.services.debrief import Debrief
    from loopcoach.services.loop import LoopService, Turn
    from loopcoach.store.loops import LoopRecord


def render_plan(console: Console, service: LoopService, loop: LoopRecord) -> None:
    """The loop's rounds in order with their weight and time budget."""
    _, track = service.track(loop.track, loop.pack)
    table = Table(
        title=f"Loop {loop.id}: {track.name} ({loop.pack}), seed {loop.seed}",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    table.add_column("#", justify="right")
    table.add_column("Round")
    table.add_column("Weight", justify="right")
    table.add_column("Budget", justify="right")
    table.add_column("Questions", justify="right")
    for i, (r, planned) in enumerate(zip(track.loop, loop.plan, strict=False), 1):
        table.add_row(
            str(i),
            Text(r.name),
            f"{r.weight:.0%}",
            f"{r.minutes} min",
            str(len(planned["question_ids"])),
        )
    console.print(table)


def round_banner(console: Console, turn: Turn) -> None:
    r = turn.loop_round
    head = Text(f"Round {turn.round_index + 1} of {turn.rounds}: {r.name}", style="bold")
    head.append(f"  ·  weight {r.weight:.0%}  ·  time budget {r.minutes} min", style="dim")
    if turn.round_seconds_used:
        head.append(f"  ·  used {minutes(turn.round_seconds_used)}", style="dim")
    console.print(Panel(Text(r.tests), title=head, title_align="left"))


def _decision(decision: str) -> Text:
    return Text(decision_words(decision), style=DECISION_STYLE.get(decision, "bold"))


def render_debrief(console: Console, d: Debrief) -> None:
    """The committee's verdict, the rounds, the sentences with their quotes, and the level."""
    head = Text("Decision: ", style="bold")
    head.append_text(_decision(d.decision))
    head.append(
        f"   weighted grade {d.grade:.2f} of 4 ({decision_words(d.grade_decision)} "
        f"on grades alone)   level estimate {d.level}"
    )
    if d.vetoed_by:
        head.append(
            f"\nBar-raiser veto: {d.vetoed_by['flag']} in the {d.vetoed_by['round']} "
            "round, which that round treats as disqualifying.",
            style="bold red",
        )
    console.print(
        Panel(
            head,
            title=Text(f"Hiring-committee debrief: {d.track_name} loop {d.loop_id}"),
            title_align="left",
        )
    )

    table = Table(title="Rounds", title_justify="left", box=box.SIMPLE_HEAD)
    for col, justify in (
        ("Round", "left"),
        ("Weight", "right"),
        ("Grade", "right"),
        ("Decision", "left"),
        ("Red flags", "left"),
        ("Time", "right"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in d.rounds:
        flags = ", ".join(f + (" (disqualifying)" if f in r.disqualifying else "") for f in r.flags)
        table.add_row(
            Text(r.name),
            f"{r.weight:.0%}",
            f"{r.grade:.2f}",
            _decision(r.decision),
            Text(flags or "-"),
            f"{minutes(r.seconds_used) if r.seconds_used else '-'}/{r.minutes}:00",
        )
    console.print(table)

    console.print(Text("What the committee wrote", style="bold"))
    for i, s in enumerate(d.committee, 1):
        line = Text(f"{i}. {s['text']}")
        if s.get("quote"):
            line.append(f"\n   “{s['quote']}”", style="italic")
        console.print(line)

    console.print(Text(f"Level estimate: {d.level}", style="bold"))
    for reason in d.level_reasons:
        line = Text(f"• {reason['text']}")
        if reason.get("quote"):
            line.append(f"\n  “{reason['quote']}”", style="italic")
        console.print(line)

    console.print(Text("Evidence by round", style="bold"))
    for r in d.rounds:
        body = Text()
        for a in r.answers:
            kind = "Main" if a.kind == "main" else f"Follow-up ({a.aimed_at or 'probe'})"
            body.append(f"{kind}: ", style="bold")
            body.append(a.question[:160] + ("..." if len(a.question) > 160 else ""))
            if not a.answered:
                body.append("\n  unanswered (1.0)\n", style="yellow")
                continue
            body.append(f"\n  {a.grade:.2f} {decision_words(a.decision)}; ")
            body.append(", ".join(f"{c['id']} {c['score']}" for c in a.criteria))
            for f in a.flags:
                quote = f" “{f['evidence'][0]}”" if f["evidence"] else ""
                body.append(f"\n  red flag {f['id']}{quote}", style="red")
            body.append("\n")
        console.print(Panel(body, title=Text(f"{r.name}: {r.grade:.2f}"), title_align="left"))


def render_loop_list(console: Console, loops: Sequence[LoopRecord]) -> None:
    if not loops:
        console.print("No loops yet; start one with `loopcoach loop --track pm`.")
        return
    table = Table(title="Your loops", title_justify="left", box=box.SIMPLE_HEAD)
    for col in ("#", "Started (UTC)", "Track", "Mode", "Status", "Decision", "Level"):
        table.add_column(col)
    for x in loops:
        d = x.debrief or {}
        table.add_row(
            str(x.id),
            x.created_at.strftime("%Y-%m-%d %H:%M"),
            x.track,
            x.mode,
            x.status,
            decision_words(d.get("decision")),
            str(d.get("level") or "-"),
        )
    console.print(table)
