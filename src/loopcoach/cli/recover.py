"""Keeping an answer the database could not take, and `loopcoach rescore` for unscored ones.

When a save fails (a full disk, a read-only file, a value the database refuses), the
answer goes to a plain text file in the data folder, or the temp folder if that cannot
be written, so that `--answer-file` can submit it again once the database works.
"""

from __future__ import annotations

import json
import os
import shlex
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from loopcoach.cli.context import state
from loopcoach.errors import LoopcoachError

if TYPE_CHECKING:
    from loopcoach.services.practice import PracticeQuestion
    from loopcoach.store.db import Store

RESCORE_ALL = "loopcoach rescore --all"


class AnswerNotSaved(LoopcoachError):
    """The database failed while saving an answer; the message says where the text is kept."""

    exit_code = 1


def store_failures() -> tuple[type[Exception], ...]:
    """What a failing database raises: SQLAlchemy's errors, or the store's own StoreError."""
    from sqlalchemy.exc import SQLAlchemyError

    from loopcoach.errors import StoreError

    return (SQLAlchemyError, StoreError)


def database_failure(exc: BaseException) -> str:
    """One line on why the database failed, without SQLAlchemy's SQL and background link."""
    from loopcoach.errors import StoreError

    if isinstance(exc, StoreError):  # the store's own words: what is wrong and what to do
        return " ".join(str(exc).split())
    cause = getattr(exc, "orig", None) or exc
    reason = str(cause).splitlines()[0] if str(cause) else ""
    return f"{type(cause).__name__}: {reason}" if reason else type(cause).__name__


@dataclass
class DraftKeeper:
    """Saves an answer's draft after every line, and into a recovery file once the database
    fails, so a failing store never costs what was typed."""

    save: Callable[[str, int | None], int | None]
    name: str
    data_dir: Path | None = None
    draft_id: int | None = None
    failure: str | None = None  # why the database failed, once it has
    file: Path | None = None

    def keep(self, text: str) -> str | None:
        """Save `text`; returns the warning to show when the database has just failed."""
        if self.failure is None:
            try:
                self.draft_id = self.save(text, self.draft_id)
                return None
            except store_failures() as exc:
                self.failure = database_failure(exc)
                where = self._write(text)
                return (
                    f"warning: the database cannot save your draft ({self.failure}); "
                    f"what you type is kept in {where} instead."
                )
        self._write(text)
        return None

    def lost(self, text: str, exc: BaseException, hint: Callable[[str], str]) -> AnswerNotSaved:
        """The error that ends the session when the answer itself could not be stored."""
        self.failure = database_failure(exc)
        where = self._write(text)
        if self.file is None:
            return AnswerNotSaved(
                f"the database failed while saving your answer ({self.failure}), and no "
                f"recovery file could be written ({where}); your answer is printed above"
            )
        return AnswerNotSaved(
            f"the database failed while saving your answer ({self.failure}). Your answer is "
            f"kept in {self.file}; once the database works again, {hint(str(self.file))}"
        )

    def settled(self) -> None:
        """The database took the answer after all: its recovery file is no longer needed."""
        if self.file is not None:
            self.file.unlink(missing_ok=True)
            self.file = None

    def _write(self, text: str) -> str:
        """Write the recovery file; returns where it is, or why it could not be written."""
        try:
            self.file = write_recovery(text, self.name, self.data_dir, self.file)
        except OSError:
            try:
                self.file = write_recovery(text, self.name, self.data_dir)
            except OSError as exc:
                self.file = None
                return exc.strerror or type(exc).__name__
        return str(self.file)


def write_recovery(text: str, name: str, data_dir: Path | None, path: Path | None = None) -> Path:
    """Write `text` to `path`, or to a new file in the data folder (the temp folder if that
    cannot be written); returns where it is. OSError if no folder can take it."""
    if path is not None:
        _write_private(path, text)
        return path
    folders = [data_dir / "recovered"] if data_dir is not None else []
    folders.append(Path(tempfile.gettempdir()) / "loopcoach-recovered")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    error: OSError | None = None
    for folder in folders:
        target = folder / f"answer-{stamp}-{name}.txt"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            n = 1
            while target.exists():
                n += 1
                target = folder / f"answer-{stamp}-{name}-{n}.txt"
            _write_private(target, text)
            return target
        except OSError as exc:
            error = exc
    assert error is not None
    raise error


def _write_private(path: Path, text: str) -> None:
    # Written beside, then renamed over: a crash mid-write never leaves half an answer.
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(partial, path)


def recovery_name(question: PracticeQuestion) -> str:
    base = question.question_id or f"{question.track}-{question.round}"
    return f"{base}-follow-up" if question.kind == "follow_up" else base


def resubmit_hint(question: PracticeQuestion, file: str = "FILE") -> str:
    """How to score the answer kept in `file` once the database works again."""
    path = shlex.quote(file)
    if question.kind == "main" and question.question_id:
        return f"score it with `loopcoach practice -q {question.question_id} --answer-file {path}`"
    # A follow-up or a custom question cannot be stored again from a file; it can be graded.
    return (
        f"grade it with `loopcoach score --track {question.track} --round {question.round} "
        f"--question {shlex.quote(question.text)} {path}`"
    )


def waiting_notice(store: Store) -> str | None:
    """'N answers are waiting to be scored', with the command that scores them; None if none."""
    n = len(store.attempts(status=("saved", "error")))
    if not n:
        return None
    what = "1 answer is" if n == 1 else f"{n} answers are"
    return f"{what} saved but not scored yet; `{RESCORE_ALL}` scores them."


def register(app: typer.Typer) -> None:
    @app.command()
    def rescore(
        ctx: typer.Context,
        attempt_ids: Annotated[
            list[int] | None,
            typer.Argument(
                help="Attempts to score (see `loopcoach progress`).", show_default=False
            ),
        ] = None,
        score_all: Annotated[
            bool, typer.Option("--all", help="Score every saved or error attempt of yours.")
        ] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Score answers that were saved but never scored (scoring was killed, or failed).

        Without attempt ids or --all, lists the answers waiting to be scored.
        """
        from rich.console import Console

        from loopcoach.cli.render import decision_words, history_table
        from loopcoach.errors import UsageError
        from loopcoach.services.practice import PracticeService, ScoringFailed

        app_state = state(ctx)
        service = PracticeService(app_state.store, app_state.content)
        console = Console(highlight=False, markup=False)
        waiting = service.unscored()
        if attempt_ids and score_all:
            raise UsageError("give attempt ids or --all, not both")
        if not attempt_ids and not score_all:
            if as_json:
                typer.echo(json.dumps([a.to_json() for a in waiting], ensure_ascii=False, indent=2))
            elif not waiting:
                console.print("Nothing to score: every saved answer has its grade.")
            else:
                console.print(history_table(waiting, "Waiting to be scored, oldest first"))
                console.print(f"Score them with `{RESCORE_ALL}` (or `loopcoach rescore ID`).")
            return
        ids = list(attempt_ids) if attempt_ids else [a.id for a in waiting]
        results: list[dict[str, object]] = []
        failed = 0
        for attempt_id in ids:
            try:
                result = service.rescore(attempt_id)
            except ScoringFailed as exc:
                failed += 1
                results.append({"attempt_id": attempt_id, "status": "error", "error": str(exc)})
                if not as_json:
                    console.print(f"Attempt {attempt_id}: {exc}.")
                continue
            a = result.assessment
            results.append(
                {
                    "attempt_id": attempt_id,
                    "status": "scored",
                    "overall": round(float(a.overall), 3),
                    "decision": a.decision,
                }
            )
            if not as_json:
                console.print(
                    f"Attempt {attempt_id} ({a.track}/{a.round}): {a.overall:.2f} / 4.00, "
                    f"{decision_words(a.decision)}."
                )
        if as_json:
            typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
        elif not ids:
            console.print("Nothing to score: every saved answer has its grade.")
        elif not failed:
            console.print(
                f"Scored {len(ids)} answer(s); `loopcoach progress` shows them with the rest."
            )
        if failed:
            raise typer.Exit(1)
