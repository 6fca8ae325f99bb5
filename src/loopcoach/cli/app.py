"""The `loopcoach` command line: a Typer app whose commands are thin adapters over services.

Only typer and light modules are imported here; each command imports what it needs
when it runs, so `loopcoach score` starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from loopcoach.cli.context import AppState
from loopcoach.errors import LoopcoachError, PackError


class LoopcoachGroup(TyperGroup):
    """Reports a LoopcoachError as a message with its exit code, never a traceback."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except LoopcoachError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None


def report_error(exc: LoopcoachError) -> None:
    if isinstance(exc, PackError):
        # One line per problem: `file: field.path: message`.
        typer.echo(f"error: {len(exc.problems)} problem(s) in a content pack", err=True)
        for problem in exc.problems:
            typer.echo(f"  {problem}", err=True)
        return
    message = " ".join(str(exc).split()) or type(exc).__name__
    typer.echo(f"error: {message}", err=True)


def create_app() -> typer.Typer:
    """Build the Typer app with every command registered."""
    app = typer.Typer(
        cls=LoopcoachGroup,
        name="loopcoach",
        help="Offline interview practice for PM, PMM, TPM and DS loops.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_show_locals=False,
    )

    @app.callback()
    def global_options(
        ctx: typer.Context,
        pack_dir: Annotated[
            list[Path] | None,
            typer.Option(
                "--pack-dir",
                help="A content pack folder to load after the built-in and user packs "
                "(repeatable).",
                file_okay=False,
            ),
        ] = None,
        database_url: Annotated[
            str | None,
            typer.Option(
                "--database-url",
                help="Any SQLAlchemy URL; default: SQLite in the user data folder "
                "(or LOOPCOACH_DATABASE_URL).",
            ),
        ] = None,
    ) -> None:
        app_state = AppState(pack_dirs=list(pack_dir or []), database_url=database_url)
        ctx.obj = app_state
        ctx.call_on_close(app_state.close)

    from loopcoach.cli import packs, practice, progress, questions
    from loopcoach.cli import score as score_cmd

    practice.register(app)
    from loopcoach.cli import recover

    recover.register(app)
    score_cmd.register(app)
    questions.register(app)
    progress.register(app)
    packs.register(app)
    from loopcoach.cli import loop as loop_cmd

    loop_cmd.register(app)
    from loopcoach.cli import compare as compare_cmd
    from loopcoach.cli import fit as fit_cmd

    fit_cmd.register(app)
    compare_cmd.register(app)
    from loopcoach.cli import serve as serve_cmd  # imports FastAPI only when `serve` runs

    serve_cmd.register(app)
    from loopcoach.cli import data as data_cmd

    data_cmd.register(app)
    from loopcoach.cli import cards as cards_cmd

    cards_cmd.register(app)
    from loopcoach.cli import stories as stories_cmd

    stories_cmd.register(app)
    from loopcoach.cli import rounds as rounds_cmd

    rounds_cmd.register(app)
    from loopcoach.cli import service as service_cmd

    service_cmd.register(app)
    from loopcoach.cli import doctor

    doctor.register(app)
    from loopcoach.cli import plan as plan_cmd

    plan_cmd.register(app)
    return app


app = create_app()


def main() -> None:
    """Entry point of the `loopcoach` console script."""
    app(prog_name="loopcoach")
