"""`loopcoach questions [--stats|--json]` and `questions list|show`: browse the question bank."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from loopcoach.cli.context import state

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.content.index import Content
    from loopcoach.content.stats import PackCount


def _question_json(pack_id: str, question: Any) -> dict[str, Any]:
    data: dict[str, Any] = question.model_dump(mode="json")
    return {"pack": pack_id, **data}


def _all_questions_json(content: Content, pack: str | None) -> list[dict[str, Any]]:
    packs = [content.pack(pack)] if pack else list(content.packs.values())
    return [_question_json(p.id, q) for p in packs for q in p.questions.values()]


def _stats_table(console: Console, stats: list[PackCount]) -> None:
    from rich.table import Table

    total = sum(p.questions for p in stats)
    table = Table(title=f"{total} question(s) by pack, track and round", title_justify="left")
    for col in ("Pack", "Track", "Round"):
        table.add_column(col, no_wrap=True)
    table.add_column("Questions", justify="right")
    table.add_column("With exemplars", justify="right")
    for p_index, p in enumerate(stats):
        for t in p.tracks:
            for r in t.rounds:
                table.add_row(p.pack, t.track, r.round, str(r.questions), str(r.exemplars))
            table.add_row(
                p.pack, t.track, "all rounds", str(t.questions), str(t.exemplars), style="bold"
            )
        table.add_row(
            p.pack,
            "all tracks",
            "",
            str(p.questions),
            str(p.exemplars),
            style="bold",
            end_section=p_index < len(stats) - 1,
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    questions = typer.Typer(
        help="Browse the questions of the loaded packs: counts, every question as JSON, "
        "lists and details.",
        invoke_without_command=True,
    )
    app.add_typer(questions, name="questions")

    @questions.callback()
    def overview(
        ctx: typer.Context,
        stats: Annotated[
            bool, typer.Option("--stats", help="Count questions by pack, track and round.")
        ] = False,
        as_json: Annotated[
            bool,
            typer.Option(
                "--json", help="With --stats, the counts as JSON; alone, every question as JSON."
            ),
        ] = False,
        pack: Annotated[
            str | None, typer.Option("--pack", help="Only this pack (default: every pack).")
        ] = None,
    ) -> None:
        """Browse the question bank. Without a command it lists the questions; --stats counts
        them, --json dumps them."""
        if ctx.invoked_subcommand is not None:
            return
        from rich.console import Console

        from loopcoach.content.stats import question_stats, stats_json

        content = state(ctx).content
        if stats:
            counts = question_stats(content, pack)
            if as_json:
                typer.echo(json.dumps(stats_json(counts), ensure_ascii=False, indent=2))
            else:
                _stats_table(Console(highlight=False, markup=False), counts)
            return
        if as_json:
            out = _all_questions_json(content, pack)
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
            return
        list_questions(ctx, pack=pack)

    @questions.command("list")
    def list_questions(
        ctx: typer.Context,
        track: Annotated[
            str | None,
            typer.Option(
                "--track", "-t", help="Only this track (of the default pack unless --pack)."
            ),
        ] = None,
        round: Annotated[
            str | None, typer.Option("--round", "-r", help="Only this round of the loop.")
        ] = None,
        pack: Annotated[str | None, typer.Option("--pack", help="Only this pack.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON list.")] = False,
    ) -> None:
        """List questions, optionally of one pack, track and round.

        Packs may share a track id: --track pm lists the default pack's pm questions
        (or those of the first pack with a pm track); --pack picks another pack's.
        """
        from rich.console import Console
        from rich.table import Table

        from loopcoach.errors import UnknownItem
        from loopcoach.services.practice import round_ids

        content = state(ctx).content
        if track:
            rounds = round_ids(content, track, pack)
            if round and round not in rounds:
                raise UnknownItem("round", round, rounds)
        elif pack:
            content.pack(pack)
        found = content.questions(track=track, round=round, pack_id=pack)
        if as_json:
            out = [_question_json(content.question(q.id)[0].id, q) for q in found]
            # (content.question finds the owning pack; ids are unique across packs.)
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
            return
        console = Console(highlight=False, markup=False)
        if not found:
            console.print("No questions match.")
            return
        table = Table(title=f"{len(found)} question(s)", title_justify="left", expand=True)
        table.add_column("Id", no_wrap=True)
        table.add_column("Pack", no_wrap=True)
        table.add_column("Track", no_wrap=True)
        table.add_column("Round", no_wrap=True)
        table.add_column("Level", no_wrap=True)
        table.add_column("Question", no_wrap=True, overflow="ellipsis", ratio=1)
        owner = {q: p.id for p in content.packs.values() for q in p.questions}
        for q in found:
            table.add_row(q.id, owner[q.id], q.track, q.round, q.difficulty, q.text)
        console.print(table)
        if track and not pack:
            shown = owner[found[0].id]
            others = [p for p in content.packs_with_track(track) if p != shown]
            if others:
                console.print(
                    f"Track {track} is also in pack(s) {', '.join(others)}; "
                    f"add --pack {others[0]} to list those."
                )

    @questions.command("show")
    def show_question(
        ctx: typer.Context,
        question_id: Annotated[str, typer.Argument(help="The question's id.")],
        as_json: Annotated[bool, typer.Option("--json")] = False,
    ) -> None:
        """Show one question with its talking points, probes and pitfalls."""
        from rich.console import Console
        from rich.text import Text

        from loopcoach.cli.render import render_question
        from loopcoach.services.practice import from_pack

        content = state(ctx).content
        pack, q = content.question(question_id)
        if as_json:
            typer.echo(json.dumps(_question_json(pack.id, q), ensure_ascii=False, indent=2))
            return
        console = Console(highlight=False, markup=False)
        render_question(console, from_pack(pack, q))
        for title, items in (
            ("Talking points of a strong answer", q.talking_points),
            ("Follow-up probes", q.probes),
            ("Common pitfalls", q.pitfalls),
        ):
            console.print(Text(title, style="bold"))
            for item in items:
                console.print(f"• {item}")
        if q.exemplars:
            kinds = ", ".join(f"{e.kind} (grade {e.grade})" for e in q.exemplars)
            console.print(Text("Exemplar answers: ", style="bold") + Text(kinds))
