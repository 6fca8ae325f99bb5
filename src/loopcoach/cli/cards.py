"""`loopcoach cards due|review|export`: pack cards and your misses, reviewed with FSRS.

`review` shows a card's front, waits for Enter, shows the back and asks for a
rating: 1 again, 2 hard, 3 good, 4 easy (or a, h, g, e); q or the end of input stops.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from loopcoach.cli.context import state
from loopcoach.errors import UsageError

if TYPE_CHECKING:
    from loopcoach.services.cards import CardService, Queue

InterviewDate = Annotated[
    str | None,
    typer.Option(
        "--interview-date",
        help="Interview day, YYYY-MM-DD (default: the prep plan's): cards that would fade "
        "below --target by then are brought forward.",
    ),
]
Target = Annotated[
    float, typer.Option("--target", help="Recall wanted on the interview day (0 to 1).")
]


def parse_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--interview-date {text!r} is not a date like 2026-12-24") from None


def _service(ctx: typer.Context) -> CardService:
    from loopcoach.services.cards import CardService

    app_state = state(ctx)
    return CardService(app_state.store, app_state.content)


def _queue(svc: CardService, interview: str | None, target: float) -> Queue:
    now = datetime.now(UTC)
    return svc.queue(now, interview_date=svc.interview_date(parse_day(interview)), target=target)


def _summary(queue: Queue) -> str:
    line = f"{queue.due} due now ({queue.new} new), {queue.total} cards in all"
    if queue.interview_date is not None:
        line += (
            f"; {queue.brought_forward} brought forward for the interview on "
            f"{queue.interview_date.isoformat()} (recall below {queue.target:.0%} by then)"
        )
    if not queue.cards and queue.next_due is not None:
        line += f"; next one due {queue.next_due:%Y-%m-%d %H:%M} UTC"
    return line


def register(app: typer.Typer) -> None:
    cards = typer.Typer(
        help="Flashcards from the packs and your misses, scheduled with FSRS.",
        no_args_is_help=True,
    )
    app.add_typer(cards, name="cards")

    @cards.command("due")
    def due(
        ctx: typer.Context,
        interview_date: InterviewDate = None,
        target: Target = 0.9,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the counts and the queue as JSON.")
        ] = False,
    ) -> None:
        """How many cards are due now, and how many the interview date brings forward."""
        queue = _queue(_service(ctx), interview_date, target)
        if as_json:
            out = {**queue.counts_json(), "cards": [c.to_json() for c in queue.cards]}
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
            return
        typer.echo(_summary(queue))

    @cards.command("review")
    def review(
        ctx: typer.Context,
        interview_date: InterviewDate = None,
        target: Target = 0.9,
        limit: Annotated[
            int, typer.Option("--limit", min=1, help="Stop after this many cards.")
        ] = 50,
    ) -> None:
        """Review the due cards one by one: front, Enter to reveal, then rate 1-4."""
        from loopcoach.services.cards import RATINGS, parse_rating

        svc = _service(ctx)
        queue = _queue(svc, interview_date, target)
        typer.echo(_summary(queue))
        done = 0
        for item in queue.cards[:limit]:
            card = item.card
            typer.echo("")
            tag = "  [brought forward for your interview]" if item.brought_forward else ""
            typer.secho(f"[{card.deck}]{tag}", dim=True)
            typer.secho(card.front, bold=True)
            try:
                if input("(Enter to show the answer, q to stop) ").strip().lower() == "q":
                    break
                typer.echo(card.back)
                while True:
                    answer = input("Again 1, Hard 2, Good 3, Easy 4 (q to stop): ").strip()
                    if answer.lower() == "q":
                        raise EOFError
                    try:
                        rating = parse_rating(answer)
                        break
                    except UsageError as exc:
                        typer.echo(str(exc), err=True)
            except EOFError:
                break
            after = svc.review(card.uid, rating, datetime.now(UTC))
            done += 1
            typer.echo(f"{RATINGS[rating]}: next due {after.due:%Y-%m-%d %H:%M} UTC")
        typer.echo(f"\nReviewed {done} card(s).")

    @cards.command("export")
    def export(
        ctx: typer.Context,
        anki: Annotated[
            Path | None,
            typer.Option("--anki", help="Write an Anki deck (.apkg) to this file.", dir_okay=False),
        ] = None,
        csv_file: Annotated[
            Path | None,
            typer.Option(
                "--csv", help="Write the cards and their schedule as CSV.", dir_okay=False
            ),
        ] = None,
    ) -> None:
        """Export every card: an Anki deck that a second export updates, or CSV."""
        from loopcoach.services.cards import export_anki, export_csv

        if anki is None and csv_file is None:
            raise UsageError("give --anki FILE.apkg, --csv FILE or both")
        svc = _service(ctx)
        now = datetime.now(UTC)
        for path, write in ((anki, export_anki), (csv_file, export_csv)):
            if path is None:
                continue
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                count = write(svc, path, now)
            except OSError as exc:
                raise UsageError(f"cannot write {path}: {exc.strerror}") from None
            typer.echo(f"{count} card(s) written to {path}")
