"""`loopcoach loop`: a full mock loop round by round, paused and resumed, then the debrief.

Interactive: `loopcoach loop --track pm`; answers are typed (or piped) and end with
a line holding only '.'; an empty answer leaves the question unanswered; the end of
input or Ctrl-C pauses the loop with everything typed kept, and `--resume` goes on.
Scripted: `loopcoach loop --track pm --answers FILE [--json]` runs the whole loop
from a file and prints the debrief. `--export md|html --out FILE` writes the
debrief of this loop, or of the latest finished one when no loop is run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from loopcoach.cli.context import state
from loopcoach.errors import UsageError

if TYPE_CHECKING:
    from loopcoach.content.index import Content
    from loopcoach.services.debrief import Debrief
    from loopcoach.store.loops import LoopRecord

EXPORT_FORMATS = ("md", "html")


def _write_export(
    debrief: Debrief, fmt: str, out: Path | None, content: Content | None = None
) -> str | None:
    """Write the export to `out`; return the text instead when there is no file to write."""
    from loopcoach.services.debrief_export import (
        content_names,
        debrief_html,
        debrief_markdown,
        humanise,
    )

    names = content_names(content) if content is not None else humanise
    text = debrief_markdown(debrief, names) if fmt == "md" else debrief_html(debrief, names)
    if out is None:
        return text
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {out}: {exc.strerror}") from None
    return None


def read_json(path: Path) -> object:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not valid JSON ({exc})") from None


def register(app: typer.Typer) -> None:
    @app.command()
    def loop(
        ctx: typer.Context,
        track: Annotated[
            str | None, typer.Option("--track", "-t", help="Start a loop of this track.")
        ] = None,
        resume: Annotated[
            bool, typer.Option("--resume", help="Continue the latest paused loop (or --loop ID).")
        ] = False,
        loop_id: Annotated[
            int | None, typer.Option("--loop", help="The loop to resume or export.")
        ] = None,
        answers: Annotated[
            Path | None,
            typer.Option(
                "--answers",
                help="Run the whole loop from this JSON file: round id -> [main answer, "
                "follow-up answer].",
                dir_okay=False,
            ),
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the debrief (or the --list) as JSON.")
        ] = False,
        export: Annotated[
            str | None,
            typer.Option(
                "--export", help="Export the debrief: md (Markdown) or html (a standalone page)."
            ),
        ] = None,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out", help="File for --export (default: standard output).", dir_okay=False
            ),
        ] = None,
        seed: Annotated[
            str | None,
            typer.Option("--seed", help="Seed for drawing questions (scripted default: 1)."),
        ] = None,
        per_round: Annotated[
            int, typer.Option("--per-round", help="Main questions per round (1 to 3).")
        ] = 1,
        repeat: Annotated[
            bool,
            typer.Option("--repeat-questions", help="Allow questions from your last loop."),
        ] = False,
        pack: Annotated[str | None, typer.Option("--pack", help="Pack whose loop to run.")] = None,
        feedback: Annotated[
            bool, typer.Option("--feedback", help="Show each answer's assessment as you go.")
        ] = False,
        list_loops: Annotated[bool, typer.Option("--list", help="List your loops.")] = False,
    ) -> None:
        """Run a mock loop round by round, then read the hiring committee's debrief."""
        from rich.console import Console

        from loopcoach.cli.loop_render import render_debrief, render_loop_list, render_plan
        from loopcoach.cli.loop_session import LoopSession
        from loopcoach.services.loop import LoopService
        from loopcoach.services.loop_script import SCRIPTED_SEED, run_scripted

        if export is not None and export not in EXPORT_FORMATS:
            raise UsageError(f"--export {export!r}: use md or html")
        if out is not None and export is None:
            raise UsageError("--out needs --export md or --export html")
        if answers is not None and track is None:
            raise UsageError("--answers needs --track: the loop whose rounds the file answers")
        app_state = state(ctx)
        console = Console(highlight=False)
        service = LoopService(app_state.store, app_state.content)

        if list_loops:
            loops = service.loops.loops()
            if as_json:
                typer.echo(json.dumps([_loop_json(x) for x in loops], indent=2))
            else:
                render_loop_list(console, loops)
            return

        if export is not None and out is None and as_json:
            raise UsageError(
                "--export without --out prints the export; add --out FILE to have the JSON too"
            )
        ran = True
        if answers is not None:
            assert track is not None
            _, debrief = run_scripted(
                service,
                track,
                read_json(answers),
                pack=pack,
                seed=seed or SCRIPTED_SEED,
                per_round=per_round,
                source=str(answers),
            )
        elif track is not None or resume:
            if track is not None and resume:
                raise UsageError(
                    "pass --track to start a loop or --resume to continue one, not both"
                )
            paused = [] if resume else service.loops.loops(status="in_progress", limit=1)
            record = (
                service.resume(loop_id)
                if resume
                else service.start(
                    track or "", pack=pack, seed=seed, per_round=per_round, repeat=repeat
                )
            )
            if paused:
                console.print(
                    f"(Loop {paused[0].id} is still paused; `loopcoach loop --resume --loop "
                    f"{paused[0].id}` goes back to it.)",
                    markup=False,
                )
            render_plan(console, service, record)
            debrief = LoopSession(
                service, console, feedback=feedback, data_dir=app_state.settings.data_dir
            ).run(record)
        elif export is not None:
            debrief, ran = service.debrief(loop_id), False
        else:
            raise UsageError(
                "start a loop with --track (tracks: "
                + ", ".join(app_state.content.pack(pack).tracks)
                + "), continue one with --resume, or export one with --export"
            )

        if export is not None:
            text = _write_export(debrief, export, out, app_state.content)
            if text is not None:
                typer.echo(text, nl=False)
                return
            typer.echo(f"Debrief of loop {debrief.loop_id} written to {out}.", err=True)
        if as_json:
            typer.echo(json.dumps(debrief.to_json(), indent=2, ensure_ascii=False))
        elif ran:
            render_debrief(console, debrief)


def _loop_json(loop: LoopRecord) -> dict[str, object]:
    return {
        "id": loop.id,
        "track": loop.track,
        "pack": loop.pack,
        "status": loop.status,
        "mode": loop.mode,
        "created_at": loop.created_at.isoformat(),
        "finished_at": loop.finished_at.isoformat() if loop.finished_at else None,
        "decision": (loop.debrief or {}).get("decision"),
        "level": (loop.debrief or {}).get("level"),
    }
