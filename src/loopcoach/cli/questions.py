"""`loopcoach questions list|show`: browse the questions of the loaded packs."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from loopcoach.cli.context import state


def _question_json(pack_id: str, question: Any) -> dict[str, Any]:
    data: dict[str, Any] = question.model_dump(mode="json")
    return {"pack": pack_id, **data}


def register(app: typer.Typer) -> None:
    questions = typer.Typer(help="Browse the questions of the loaded packs.", no_args_is_help=True)
    app.add_typer(questions, name="questions")

    @questions.command("list")
    def list_questions(
        ctx: typer.Context,
        track: Annotated[str | None, typer.Option("--track", "-t")] = None,
        round: Annotated[str | None, typer.Option("--round", "-r")] = None,
        pack: Annotated[str | None, typer.Option("--pack")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="One JSON list.")] = False,
    ) -> None:
        """List questions, optionally of one track and round."""
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
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
            return
        console = Console(highlight=False, markup=False)
        if not found:
            console.print("No questions match.")
            return
        table = Table(title=f"{len(found)} question(s)", title_justify="left", expand=True)
        table.add_column("Id", no_wrap=True)
        table.add_column("Track", no_wrap=True)
        table.add_column("Round", no_wrap=True)
        table.add_column("Level", no_wrap=True)
        table.add_column("Question", no_wrap=True, overflow="ellipsis", ratio=1)
        for q in found:
            table.add_row(q.id, q.track, q.round, q.difficulty, q.text)
        console.print(table)

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
