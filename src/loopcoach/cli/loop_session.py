"""The interactive side of `loopcoach loop`: ask each question, save every line, pause, resume.

Lines are read through one `read_line` callable (input() by default), so a loop runs
the same on a terminal, with answers piped on stdin, and in tests. Imported only when
a loop runs, so registering the command costs nothing at start-up.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

from loopcoach.errors import InvalidAnswer

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.services.debrief import Debrief
    from loopcoach.services.loop import LoopService, Turn
    from loopcoach.store.loops import LoopRecord

END_MARK = "."


class Paused(Exception):
    """The input ended (or Ctrl-C) before the loop did; everything typed is saved."""

    def __init__(self, interrupted: bool) -> None:
        self.interrupted = interrupted


@dataclass
class LoopSession:
    """Ask a loop's questions in order, saving every line, until it ends or input runs out."""

    service: LoopService
    console: Console
    read_line: Callable[[], str] = input
    clock: Callable[[], float] = time.monotonic
    feedback: bool = False

    def _read(self, turn: Turn) -> tuple[str, int | None, float]:
        """Lines until a lone '.', saving a draft after each; Paused at end of input or Ctrl-C."""
        lines = [turn.draft.answer] if turn.draft is not None and turn.draft.answer else []
        draft_id = turn.draft.id if turn.draft is not None else None
        start = self.clock()
        try:
            while True:
                try:
                    line = self.read_line()
                except EOFError:
                    if len(lines) == int(turn.draft is not None and bool(turn.draft.answer)):
                        raise Paused(interrupted=False) from None
                    break
                except UnicodeDecodeError:
                    raise InvalidAnswer("standard input is not UTF-8 text") from None
                if line.strip() == END_MARK:
                    break
                lines.append(line)
                draft_id = self.service.save_draft(turn, "\n".join(lines), draft_id)
        except KeyboardInterrupt:
            raise Paused(interrupted=True) from None
        return "\n".join(lines).strip("\n"), draft_id, self.clock() - start

    def ask(self, turn: Turn) -> None:
        from loopcoach.cli.render import minutes, render_assessment, render_question

        render_question(self.console, turn.question)
        if turn.is_follow_up and turn.step.aimed_at:
            self.console.print(
                f"The interviewer presses on your weakest point: {turn.step.aimed_at}."
            )
        if turn.draft is not None and turn.draft.answer.strip():
            self.console.print("Your answer so far, kept from before the pause:")
            self.console.print(turn.draft.answer, markup=False)
            self.console.print("Type the rest, or '.' to submit it as it is.")
        else:
            self.console.print(
                f"Answer, then a line with only '{END_MARK}'. An empty answer leaves the "
                "question unanswered; end of input or Ctrl-C pauses the loop."
            )
        text, draft_id, seconds = self._read(turn)
        if not text.strip():
            self.service.skip(turn)
            self.console.print("No answer: this question counts as unanswered.")
            return
        result = self.service.answer(turn, text, draft_id=draft_id, duration_seconds=seconds)
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
