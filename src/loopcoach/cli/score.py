"""`loopcoach score`: grade one pasted answer, or a JSONL batch, with the pure scorer.

This path imports neither the database nor the web stack, and loads the content packs
only when a question id or a pack-defined track asks for them: it must start fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from loopcoach.errors import InvalidAnswer, LoopcoachError, UsageError


def read_text(source: str) -> str:
    """Read an answer from a file path or `-` (stdin); non-UTF-8 input is a clear error."""
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = "standard input" if source == "-" else source
        raise InvalidAnswer(
            f"{where} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and retry"
        ) from None


def score_batch(
    lines: Iterable[bytes | str],
    out: TextIO,
    pack_tracks: Callable[[], Sequence[str]] | None = None,
) -> int:
    """Write one JSON object per non-blank input line, in input order; return the failures."""
    from loopcoach.scoring.batch import score_lines

    failures = 0
    for result in score_lines(lines, pack_tracks):
        failures += "error" in result
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return failures


def _batch_lines(path: str) -> Iterator[bytes]:
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    yield from raw.splitlines()


def register(app: typer.Typer) -> None:
    """Add the `score` command to the app."""

    @app.command("score")
    def score_command(
        ctx: typer.Context,
        answer_file: Annotated[
            str | None,
            typer.Argument(help="File holding the answer, or - for standard input."),
        ] = None,
        track: Annotated[str | None, typer.Option(help="pm, pmm, tpm, ds (or a pack's).")] = None,
        round: Annotated[str | None, typer.Option("--round", help="The round id.")] = None,
        question: Annotated[str | None, typer.Option(help="The question, as asked.")] = None,
        question_id: Annotated[
            str | None, typer.Option("--question-id", help="A pack question's id.")
        ] = None,
        answer: Annotated[str | None, typer.Option(help="The answer text itself.")] = None,
        reference: Annotated[
            str | None, typer.Option(help="A model answer to measure coverage against.")
        ] = None,
        talking_point: Annotated[
            list[str] | None,
            typer.Option("--talking-point", help="A point a strong answer makes (repeatable)."),
        ] = None,
        duration: Annotated[
            float | None,
            typer.Option(help="Seconds the spoken answer took (adds delivery measures)."),
        ] = None,
        batch: Annotated[
            str | None,
            typer.Option("--batch", help="JSONL file (or -) of answers; one JSON result a line."),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the JSON assessment.")] = False,
    ) -> None:
        """Grade an answer the way a hiring committee would, with evidence for every point."""
        if batch is not None:
            failures = score_batch(_batch_lines(batch), sys.stdout, _pack_tracks(ctx))
            if failures:
                typer.echo(f'{failures} line(s) failed; see their "error" fields', err=True)
                raise typer.Exit(1)
            return
        probes: list[str] = []
        points = list(talking_point or [])
        budget = None
        asks_for: str | None = None
        if question_id:
            content = ctx.obj.content
            _pack, q = content.question(question_id)
            track, round, question = q.track, q.round, q.text
            probes = list(q.probes)
            points = points or list(q.talking_points)
            budget = _budget(content, q.track, q.round)
            asks_for = q.asks_for
        if not (track and round and question):
            raise UsageError("give --track, --round and --question, or --question-id")
        if answer is None:
            if answer_file is None:
                raise UsageError("give the answer as a FILE argument, - for stdin, or --answer")
            answer = read_text(answer_file)
        from loopcoach.scoring import TRACKS, score

        extra = _pack_tracks(ctx)() if track not in TRACKS else ()
        assessment = score(
            track,
            round,
            question,
            answer,
            reference=reference,
            talking_points=points or None,
            duration_seconds=duration,
            budget_seconds=budget,
            probes=probes,
            extra_tracks=extra,
            asks_for=asks_for,
        )
        if as_json:
            typer.echo(json.dumps(assessment.to_json(), ensure_ascii=False, indent=2))
            return
        from rich.console import Console

        from loopcoach.cli.render import render_assessment

        render_assessment(Console(), answer, assessment)


def _budget(content: Any, track: str, round_id: str) -> float | None:
    try:
        return float(content.loop_round(track, round_id).minutes * 60)
    except LoopcoachError:
        return None


def _pack_tracks(ctx: typer.Context) -> Callable[[], Sequence[str]]:
    """A loader, memoised, of the tracks packs add beyond the four the scorer knows."""
    found: list[str] = []
    loaded = False

    def load() -> Sequence[str]:
        nonlocal loaded
        if not loaded:
            loaded = True
            from loopcoach.scoring import TRACKS

            content = ctx.obj.content
            tracks = {t for p in content.packs.values() for t in p.tracks}
            found.extend(sorted(tracks - set(TRACKS)))
        return found

    return load
