"""`loopcoach export`, `import` and `delete`: take your data with you, bring it back, erase it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from loopcoach.cli.context import state
from loopcoach.errors import UsageError


def _progress_bar() -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
    )


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_cmd(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help="Where to write the export (JSON).")],
        force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    ) -> None:
        """Write every attempt, assessment, draft, loop and debrief to FILE (loopcoach.export/1)."""
        from loopcoach.store.transfer import describe, export_file

        if file.exists() and not force:
            raise UsageError(f"{file} exists; give --force to replace it")
        if file.is_dir():
            raise UsageError(f"{file} is a folder; name a file such as {file / 'loopcoach.json'}")
        store = state(ctx).store
        with _progress_bar() as bar:
            tasks: dict[str, Any] = {}

            def progress(section: str, done: int, total: int) -> None:
                if section not in tasks:
                    tasks[section] = bar.add_task(f"Exporting {section}", total=total or None)
                bar.update(tasks[section], completed=done)

            try:
                written = export_file(store, file, progress)
            except OSError as exc:
                raise UsageError(f"{file}: cannot be written ({exc.strerror})") from None
        typer.echo(f"Exported {describe(written)} to {file}.")

    @app.command("import")
    def import_cmd(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help="A file written by `loopcoach export`.")],
    ) -> None:
        """Add what FILE holds and this database lacks; nothing is written if any record is bad."""
        from loopcoach.store.transfer import describe, import_file

        if not file.is_file():
            raise UsageError(f"{file}: no such file")
        store = state(ctx).store
        with _progress_bar() as bar:
            tasks: dict[str, Any] = {}

            def progress(section: str, done: int, total: int) -> None:
                if section not in tasks:
                    tasks[section] = bar.add_task(f"Importing {section}", total=total or None)
                bar.update(tasks[section], completed=done, total=total or None)

            report = import_file(store, file, progress)
        added, present = report.added, report.present
        typer.echo(
            f"Imported {describe(added)} from {file}; {describe(present)} were already here."
        )

    @app.command("delete")
    def delete_cmd(
        ctx: typer.Context,
        what: Annotated[
            str,
            typer.Argument(
                help="attempt ID | loop ID | question QUESTION_ID | everything",
                metavar="WHAT",
            ),
        ],
        target: Annotated[str | None, typer.Argument(metavar="[ID]")] = None,
        yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
    ) -> None:
        """Delete an attempt, a loop, a question's history or everything, for good."""
        from loopcoach.store.erase import Eraser

        app_state = state(ctx)
        eraser = Eraser(app_state.store)
        kinds = ("attempt", "loop", "question", "everything")
        if what not in kinds:
            raise UsageError(f"cannot delete {what!r}; say one of: {', '.join(kinds)}")
        if what == "everything":
            if target is not None:
                raise UsageError("`delete everything` takes no id")
            prompt = (
                f"Delete every answer, draft, loop and debrief in {app_state.database_location()}?"
            )
        else:
            if not target:
                raise UsageError(f"say which {what}: `loopcoach delete {what} ID`")
            prompt = f"Delete {what} {target} and everything under it?"
        number = None
        if what in ("attempt", "loop"):
            if not (target or "").isascii() or not (target or "").isdigit():
                raise UsageError(f"{what} ids are numbers; {target!r} is not one")
            number = int(target or "0")
        if not yes and not typer.confirm(prompt + " This cannot be undone.", default=False):
            typer.echo("Nothing deleted.")
            raise typer.Exit(1)
        if what == "attempt":
            erased = eraser.attempt(number or 0)
        elif what == "loop":
            erased = eraser.loop(number or 0)
        elif what == "question":
            erased = eraser.question(target or "")
        else:
            erased = eraser.everything()
        typer.echo(erased.describe()[0].upper() + erased.describe()[1:] + ".")
