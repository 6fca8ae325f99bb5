"""The interactive side of `loopcoach loop`: ask each question, save every line, pause, resume.

Lines are read through one `read_line` callable (input() by default), so a loop runs
the same on a terminal, with answers piped on stdin, and in tests; on a terminal, long
pasted lines pass whole as in practice. Imported only when a loop runs, so registering
the command costs nothing at start-up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from loopcoach.cli.practice import CUT_WARNING, Terminal, line_was_cut, split_read
from loopcoach.cli.recover import DraftKeeper, recovery_name
from loopcoach.errors import InvalidAnswer

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.services.debrief import Debrief
    from loopcoach.services.loop import LoopService, Turn
    from loopcoach.store.loops import LoopRecord

END_MARK = "."


class Paused(Exception):
    """The input ended (or Ctrl-C) before the loop did; everything typed is kept."""

    def __init__(self, interrupted: bool, kept_in: Path | None = None) -> None:
        self.interrupted = interrupted
        # Where the last draft is when the database could not take it.
        self.kept_in = kept_in


@dataclass
class LoopSession:
    """Ask a loop's questions in order, saving every line, until it ends or input runs out."""

    service: LoopService
    console: Console
    read_line: Callable[[], str] = input
    clock: Callable[[], float] = time.monotonic
    feedback: bool = False
    # cli/loop.py builds the session with defaults: on a terminal, this is it.
    terminal: Terminal | None = field(default_factory=Terminal.attached)
    # Where an answer goes when the database cannot take it (None: the temp folder).
    data_dir: Path | None = None

    def _read(self, turn: Turn) -> tuple[str, DraftKeeper, float]:
        """Lines until a lone '.', saving a draft after each; Paused at end of input or Ctrl-C."""
        lines = [turn.draft.answer] if turn.draft is not None and turn.draft.answer else []
        kept_before = len(lines)
        keeper = DraftKeeper(
            save=lambda text, draft_id: self.service.save_draft(turn, text, draft_id),
            name=recovery_name(turn.question),
            data_dir=self.data_dir,
            draft_id=turn.draft.id if turn.draft is not None else None,
        )
        start = self.clock()
        try:
            while True:
                try:
                    read, ends = split_read(self.read_line())
                except EOFError:
                    if len(lines) == kept_before:
                        raise Paused(False, keeper.file) from None
                    break
                except UnicodeDecodeError:
                    raise InvalidAnswer("standard input is not UTF-8 text") from None
                for line in read:
                    lines.append(line)
                    if self.terminal is not None and line_was_cut(line):
                        self.console.print(CUT_WARNING, markup=False)
                if read and (warning := keeper.keep("\n".join(lines))):
                    self.console.print(warning, markup=False, soft_wrap=True)
                if ends:
                    break
        except KeyboardInterrupt:
            raise Paused(True, keeper.file) from None
        return "\n".join(lines).strip("\n"), keeper, self.clock() - start

    def ask(self, turn: Turn) -> None:
        from loopcoach.cli.render import minutes, render_assessment, render_question

        render_question(self.console, turn.question)
        if turn.is_follow_up and turn.step.aimed_at:
            self.console.print(
                f"The interviewer presses on your weakest point: {turn.step.aimed_at}."
            )
        from loopcoach.cli.recover import store_failures

        # Out of canonical mode before the prompt shows, so a paste made at once is not cut.
        with self.terminal.answering() if self.terminal else nullcontext():
            if turn.draft is not None and turn.draft.answer.strip():
                self.console.print("Your answer so far, kept from before the pause:")
                self.console.print(turn.draft.answer, markup=False)
                self.console.print("Type the rest, or '.' to submit it as it is.")
            else:
                self.console.print(
                    f"Answer, then a line with only '{END_MARK}'. An empty answer leaves the "
                    "question unanswered; end of input or Ctrl-C pauses the loop."
                )
            text, keeper, seconds = self._read(turn)
        if not text.strip():
            self.service.skip(turn)
            self.console.print("No answer: this question counts as unanswered.")
            return
        try:
            result = self.service.answer(
                turn, text, draft_id=keeper.draft_id, duration_seconds=seconds
            )
        except store_failures() as exc:
            lost = keeper.lost(
                text,
                exc,
                lambda file: f"`loopcoach loop --resume` asks it again: paste it from {file}",
            )
            if keeper.file is None:
                self.console.print(text, markup=False)
            raise lost from None
        keeper.settled()
        used = turn.round_seconds_used + seconds
        budget = turn.loop_round.minutes * 60
        self.console.print(
            f"Saved as attempt {result.attempt_id}. Round time {minutes(used)} of "
            f"{minutes(budget)}" + (" (over budget)." if used > budget else ".")
        )
        if self.feedback:
            render_assessment(self.console, text, result.assessment)

    def run(self, loop: LoopRecord) -> Debrief:
        """Ask every open question of the loop, then return the debrief; exits if it pauses."""
        from loopcoach.cli.loop_render import round_banner

        current: int | None = None
        try:
            while (turn := self.service.next_turn(loop.id)) is not None:
                if turn.round_index != current:
                    current = turn.round_index
                    round_banner(self.console, turn)
                self.ask(turn)
        except Paused as paused:
            if paused.kept_in is not None:
                self.console.print()
                self.console.print(
                    f"The database could not take your last draft; it is kept in {paused.kept_in}.",
                    markup=False,
                    soft_wrap=True,
                )
            self.report_pause(loop, paused.interrupted)
            raise typer.Exit(130 if paused.interrupted else 0) from None
        return self.service.finish(loop.id)

    def report_pause(self, loop: LoopRecord, interrupted: bool) -> None:
        turn = self.service.next_turn(loop.id)
        where = f" at the {turn.loop_round.name.lower()}" if turn is not None else ""
        how = "Interrupted" if interrupted else "Input ended"
        self.console.print()
        self.console.print(
            f"{how}: loop {loop.id} is paused{where}; every answer and draft is saved. "
            f"Continue with `loopcoach loop --resume` (or --resume --loop {loop.id})."
        )
