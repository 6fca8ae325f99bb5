"""`loopcoach practice`: pick a question, answer it against the clock, get scored, follow up.

The session reads every line through one `read_line` callable (input() by default),
so it runs the same on a terminal, with input piped on stdin, and in tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from loopcoach.cli.context import state
from loopcoach.errors import InvalidAnswer, UnknownItem, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.services.practice import PracticeQuestion, PracticeResult, PracticeService

END_MARK = "."


@dataclass(frozen=True)
class Answer:
    text: str
    draft_id: int | None
    seconds: float


@dataclass
class PracticeSession:
    """One practice run: choose, ask, time, save as typed, score, follow up, show history."""

    service: PracticeService
    console: Console
    read_line: Callable[[], str] = input
    clock: Callable[[], float] = time.monotonic
    where: str = "the loopcoach database"
    tried: list[int] = field(default_factory=list)

    def _line(self) -> str:
        try:
            return self.read_line()
        except UnicodeDecodeError:
            raise InvalidAnswer(
                "standard input is not UTF-8 text; save the answer as UTF-8"
            ) from None

    def ask_choice(self, label: str, choices: Sequence[str], blank_means: str | None) -> str | None:
        """Ask for one of `choices`; Enter gives None when `blank_means` says what that does."""
        hint = f" (Enter: {blank_means})" if blank_means else ""
        self.console.print(f"{label.capitalize()}: {', '.join(choices)}{hint}", markup=False)
        answer = ""
        for _ in range(3):
            self.console.print(f"{label}> ", end="", markup=False)
            try:
                answer = self._line().strip()
            except EOFError:
                raise UsageError(f"no {label} given; pass --{label}") from None
            if not answer and blank_means:
                return None
            if answer in choices:
                return answer
            self.console.print(
                f"{answer!r} is not a {label}; choose one of: {', '.join(choices)}", markup=False
            )
        raise UnknownItem(label, answer, list(choices))

    def pick(
        self,
        track: str | None,
        round: str | None,
        question_id: str | None,
        pack: str | None,
    ) -> PracticeQuestion:
        if question_id:
            return self.service.choose(question_id=question_id)
        if track is None:
            track = self.ask_choice(
                "track", self.service.track_ids(pack), "pick the question for my weakest competency"
            )
        if track is not None and round is None:
            rounds = self.service.round_ids(track, pack)
            round = self.ask_choice("round", rounds, "pick the round for my weakest competency")
        return self.service.choose(track=track, round=round, pack=pack)

    def read_answer(self, question: PracticeQuestion) -> Answer:
        """Read lines until a lone '.' or end of input, saving a draft after every line.

        Ctrl-C keeps what was typed as a draft, says where it is and exits with 130.
        """
        budget = question.budget_seconds
        started = datetime.now().strftime("%H:%M:%S")
        self.console.print(
            f"Timer started at {started}; time budget "
            f"{_clock(budget) if budget else 'none'}. End with a line holding only "
            f"'{END_MARK}' (or Ctrl-D). Ctrl-C keeps what you typed as a draft."
        )
        lines: list[str] = []
        draft_id: int | None = None
        start = self.clock()
        try:
            while True:
                try:
                    line = self._line()
                except EOFError:
                    break
                if line.strip() == END_MARK:
                    break
                lines.append(line)
                draft_id = self.service.save_draft(question, "\n".join(lines), draft_id)
        except KeyboardInterrupt:
            text = "\n".join(lines)
            if text.strip() or draft_id is not None:
                draft_id = self.service.save_draft(question, text, draft_id)
            self.console.print()
            if draft_id is not None:
                self.console.print(
                    f"Interrupted. What you typed is saved as draft attempt {draft_id} "
                    f"in {self.where}; `loopcoach progress` lists it.",
                    markup=False,
                )
            else:
                self.console.print("Interrupted before anything was typed; nothing saved.")
            raise typer.Exit(130) from None
        seconds = self.clock() - start
        return Answer("\n".join(lines).strip("\n"), draft_id, seconds)

    def report_time(self, seconds: float, budget: float | None) -> None:
        if budget:
            share = seconds / budget
            verdict = (
                "within budget" if seconds <= budget else f"over by {_clock(seconds - budget)}"
            )
            self.console.print(
                f"Time: {_clock(seconds)} of a {_clock(budget)} budget ({share:.0%}), {verdict}."
            )
        else:
            self.console.print(f"Time: {_clock(seconds)}.")

    def answer_and_score(self, question: PracticeQuestion) -> PracticeResult | None:
        """Ask, read, save and score one answer; None when a follow-up is left unanswered."""
        from loopcoach.cli.render import render_assessment, render_question

        render_question(self.console, question)
        answer = self.read_answer(question)
        if question.kind == "follow_up" and not answer.text.strip() and answer.draft_id is None:
            self.console.print("No follow-up answer; skipped.")
            return None
        self.report_time(answer.seconds, question.budget_seconds)
        result = self.service.submit(
            question, answer.text, draft_id=answer.draft_id, duration_seconds=answer.seconds
        )
        self.tried.append(result.attempt_id)
        self.console.print(f"Saved as attempt {result.attempt_id}.")
        render_assessment(self.console, answer.text, result.assessment)
        return result

    def run(
        self,
        track: str | None = None,
        round: str | None = None,
        question_id: str | None = None,
        pack: str | None = None,
        *,
        answer_text: str | None = None,
        follow_up: bool = True,
    ) -> None:
        from loopcoach.cli.render import history_table, render_assessment, render_question

        question = self.pick(track, round, question_id, pack)
        if answer_text is not None:
            render_question(self.console, question)
            result = self.service.submit(question, answer_text)
            self.console.print(f"Saved as attempt {result.attempt_id}.")
            render_assessment(self.console, answer_text, result.assessment)
        else:
            main = self.answer_and_score(question)
            if main is not None and follow_up and main.assessment.follow_up:
                probe = self.service.follow_up_question(main.attempt_id, main.assessment.follow_up)
                self.answer_and_score(probe)
        self.console.print(
            history_table(self.service.history(question), "This question's attempts")
        )


def _clock(seconds: float | None) -> str:
    from loopcoach.cli.render import minutes

    return minutes(seconds)


def register(app: typer.Typer) -> None:
    @app.command()
    def practice(
        ctx: typer.Context,
        track: Annotated[
            str | None, typer.Option("--track", "-t", help="Track, such as pm or ds.")
        ] = None,
        round: Annotated[
            str | None, typer.Option("--round", "-r", help="Round of the track's loop.")
        ] = None,
        question_id: Annotated[
            str | None, typer.Option("--question-id", "-q", help="Answer this question.")
        ] = None,
        pack: Annotated[
            str | None, typer.Option("--pack", help="Choose questions from this pack only.")
        ] = None,
        answer_file: Annotated[
            Path | None,
            typer.Option(
                "--answer-file",
                help="Score the answer in this UTF-8 file instead of typing it.",
                dir_okay=False,
            ),
        ] = None,
        follow_up: Annotated[
            bool, typer.Option("--follow-up/--no-follow-up", help="Ask the follow-up probe.")
        ] = True,
    ) -> None:
        """Answer a question against the round's clock, get scored, then take the follow-up.

        Type the answer and end it with a line holding only '.', or pipe it on stdin.
        Without --track or --round, loopcoach asks, or (Enter) picks the question that
        trains your weakest competency.
        """
        from rich.console import Console

        from loopcoach.services.answers import read_answer_file
        from loopcoach.services.practice import PracticeService

        app_state = state(ctx)
        answer_text = read_answer_file(answer_file) if answer_file is not None else None
        session = PracticeSession(
            service=PracticeService(app_state.store, app_state.content),
            console=Console(highlight=False, markup=False),
            where=app_state.database_location(),
        )
        session.run(track, round, question_id, pack, answer_text=answer_text, follow_up=follow_up)
