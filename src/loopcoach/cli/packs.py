"""`loopcoach packs validate|list`: check a pack folder, list the loaded packs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from loopcoach.cli.context import state


def register(app: typer.Typer) -> None:
    packs = typer.Typer(help="Check and list content packs.", no_args_is_help=True)
    app.add_typer(packs, name="packs")

    @packs.command("validate")
    def validate(
        folder: Annotated[Path, typer.Argument(help="The pack folder to check.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print problems as JSON.")] = False,
    ) -> None:
        """Check a pack: print every problem as `file: field.path: message`; exit 1 if any."""
        from loopcoach.content.loader import read_pack

        pack, problems = read_pack(folder)
        if as_json:
            out = {"pack": pack.id if pack else None, "problems": [p.as_dict() for p in problems]}
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
            if problems:
                raise typer.Exit(1)
            return
        if problems:
            for problem in problems:
                typer.echo(str(problem))
            typer.echo(f"{len(problems)} problem(s) in {folder}", err=True)
            raise typer.Exit(1)
        assert pack is not None
        typer.echo(
            f"{folder}: pack {pack.id!r} is valid: {len(pack.tracks)} track(s), "
            f"{len(pack.competencies)} competencies, {len(pack.questions)} question(s), "
            f"{len(pack.rubrics)} rubric(s), {len(pack.red_flags)} red flag(s), "
            f"{len(pack.frameworks)} framework(s), {len(pack.checklists)} checklist(s), "
            f"{len(pack.cards)} card(s), {len(pack.facts)} fact(s)"
        )

    @packs.command("list")
    def list_packs(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json")] = False,
    ) -> None:
        """List the loaded packs: built-in, the user's, and any --pack-dir."""
        from rich.console import Console
        from rich.table import Table

        content = state(ctx).content
        rows = [
            {
                "id": p.id,
                "name": p.info.name,
                "company": p.info.company,
                "version": p.info.version,
                "tracks": len(p.tracks),
                "questions": len(p.questions),
                "path": str(p.path),
                "default": p.id == content.default_pack,
            }
            for p in content.packs.values()
        ]
        if as_json:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        table = Table(title="Content packs", title_justify="left")
        for col in ("Id", "Name", "Version", "Tracks", "Questions", "Path"):
            table.add_column(col)
        for r in rows:
            marker = " (default)" if r["default"] else ""
            table.add_row(
                f"{r['id']}{marker}",
                str(r["name"]),
                str(r["version"]),
                str(r["tracks"]),
                str(r["questions"]),
                str(r["path"]),
            )
        Console(highlight=False, markup=False).print(table)
