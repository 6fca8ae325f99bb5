"""`loopcoach practice`: pick a question, answer it against the clock, get scored, follow up.

The session reads every line through one `read_line` callable (input() by default),
so it runs the same on a terminal, with input piped on stdin, and in tests. On a
terminal, `Terminal` lets a long pasted line through whole and catches one that was cut.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from loopcoach.cli.context import state
from loopcoach.cli.recover import DraftKeeper, recovery_name, resubmit_hint, waiting_notice
from loopcoach.errors import InvalidAnswer, LoopcoachError, UnknownItem, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from loopcoach.services.practice import PracticeQuestion, PracticeResult, PracticeService
    from loopcoach.store.records import AttemptRecord

END_MARK = "."
# In canonical mode Linux's terminal holds at most 4,096 bytes of a line, newline
# included, and drops the rest without a sound: a line read at exactly this many bytes
# from a terminal was almost surely cut.
CUT_LINE_BYTES = 4095


class Terminal:
    """Standard input when it is a terminal: long pasted lines pass whole, cut ones are caught.

    GNU readline, once loaded, is what input() reads a terminal with, and it reads with
    canonical mode off, so the 4,095-byte cut does not apply to its line. Between two
    reads the terminal is canonical again, and a second pasted line arriving then would be
    cut, so `answering()` keeps canonical mode off while an answer is typed. Echo stays
    on: readline reads it as whether to show what is typed.
    """

    def __init__(self, fd: int, *, line_editing: bool) -> None:
        self.fd = fd
        self.line_editing = line_editing

    @classmethod
    def attached(cls) -> Terminal | None:
        """The terminal on stdin and stdout, with readline loaded; None off a terminal."""
        try:
            if not (sys.stdin.isatty() and sys.stdout.isatty()):
                return None
            fd = sys.stdin.fileno()
        except (AttributeError, ValueError, OSError):
            return None
        try:
            import readline  # noqa: F401  (loading it is what makes input() use it)
        except ImportError:
            return cls(fd, line_editing=False)
        return cls(fd, line_editing=True)

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Keep the terminal out of canonical mode (when readline edits lines) for a while."""
        saved = self._noncanonical() if self.line_editing else None
        try:
            yield
        finally:
            if saved is not None:
                import termios

                termios.tcsetattr(self.fd, termios.TCSANOW, saved)

    def _noncanonical(self) -> list[Any] | None:
        try:
            import termios
        except ImportError:  # no termios (Windows): no canonical-mode cut either
            return None
        try:
            saved = termios.tcgetattr(self.fd)
            mode = termios.tcgetattr(self.fd)
            mode[3] &= ~termios.ICANON
            mode[6][termios.VMIN] = 1
            mode[6][termios.VTIME] = 0
            # TCSANOW, never TCSAFLUSH: that would throw away what is already pasted.
            termios.tcsetattr(self.fd, termios.TCSANOW, mode)
        except termios.error:
            return None
        return saved


def split_read(line: str) -> tuple[list[str], bool]:
    """The lines of one read (a bracketed paste brings several) and whether it ends the answer."""
    lines = line.rstrip("\n").split("\n")
    if lines[-1].strip() == END_MARK:
        return lines[:-1], True
    return lines, False


def line_was_cut(line: str) -> bool:
    return len(line.encode("utf-8", "surrogateescape")) == CUT_LINE_BYTES


CUT_WARNING = (
    f"warning: that line is {CUT_LINE_BYTES:,} bytes, the most a terminal passes in one "
    "line, so its end was probably cut off. Paste the missing end as a new line, or put "
    "the whole answer in a file and give it with --answer-file FILE."
)


@dataclass(frozen=True)
class Answer:
    text: str
    draft_id: int | None
    seconds: float
    keeper: DraftKeeper | None = None
    # 1-based numbers of the lines that came from the terminal at the length it cuts at.
    cut_lines: tuple[int, ...] = ()


@dataclass
class PracticeSession:
    """One practice run: choose, ask, time, save as typed, score, follow up, show history."""

    service: PracticeService
    console: Console
    read_line: Callable[[], str] = input
    clock: Callable[[], float] = time.monotonic
    where: str = "the loopcoach database"
    # Where an answer goes when the database cannot take it (None: the temp folder).
    data_dir: Path | None = None
    terminal: Terminal | None = field(default_factory=Terminal.attached)
    tried: list[int] = field(default_factory=list)

    def _line(self) -> str:
        try:
            return self.read_line()
        except UnicodeDecodeError:
            if self.terminal is not None:
                raise InvalidAnswer(
                    "a line from the terminal is not UTF-8 text; if it was a long paste, the "
                    "terminal may have cut it inside a character: give the answer with "
                    "--answer-file FILE"
                ) from None
            raise InvalidAnswer(
                "standard input is not UTF-8 text; save the answer as UTF-8"
            ) from None

    def _keeper(self, question: PracticeQuestion) -> DraftKeeper:
        return DraftKeeper(
            save=lambda text, draft_id: self.service.save_draft(question, text, draft_id),
            name=recovery_name(question),
            data_dir=self.data_dir,
        )

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

    def offer_draft(self, question: PracticeQuestion) -> AttemptRecord | None:
        """Offer the question's unsent draft (the one Ctrl-C kept); returns it if taken up.

        Enter or y continues it; n starts afresh and leaves the draft saved as it is.
        """
        draft = self.service.latest_draft(question)
        if draft is None or not draft.answer.strip():
            return None
        count = len(draft.answer.split())
        self.console.print(
            f"You have a draft from {draft_time(draft.updated_at)} "
            f"({count} word{'' if count == 1 else 's'}). Continue it? [Y/n] ",
            end="",
            markup=False,
        )
        for _ in range(3):
            try:
                reply = self._line().strip().lower()
            except EOFError:
                reply = ""
            except KeyboardInterrupt:
                self.console.print()
                self.console.print(
                    f"Interrupted. Your draft stays saved as attempt {draft.id} in {self.where}.",
                    markup=False,
                )
                raise typer.Exit(130) from None
            if reply in ("", "y", "yes"):
                self.console.print("Your draft so far:")
                self.console.print(draft.answer, markup=False)
                self.console.print("Type the rest, or a line with only '.' to submit it as it is.")
                return draft
            if reply in ("n", "no"):
                self.console.print(
                    f"Starting afresh; the draft stays saved as attempt {draft.id}.", markup=False
                )
                return None
            self.console.print("Answer y to continue the draft or n to start afresh: ", end="")
        raise UsageError(f"answer y or n; your draft stays saved as attempt {draft.id}")

    def read_answer(self, question: PracticeQuestion, draft: AttemptRecord | None = None) -> Answer:
        """Read lines until a lone '.' or end of input, saving a draft after every line.

        With `draft`, the lines typed follow its text and update it. Ctrl-C keeps what
        was typed as a draft, says where it is and exits with 130.
        """
        budget = question.budget_seconds
        lines: list[str] = draft.answer.split("\n") if draft is not None else []
        cut: list[int] = []
        keeper = self._keeper(question)
        if draft is not None:
            keeper.draft_id = draft.id
        try:
            # Out of canonical mode before the prompt shows, so even a paste made the
            # moment it appears is not cut.
            with self.terminal.answering() if self.terminal else nullcontext():
                started = datetime.now().strftime("%H:%M:%S")
                self.console.print(
                    f"Timer started at {started}; time budget "
                    f"{_clock(budget) if budget else 'none'}. End with a line holding only "
                    f"'{END_MARK}' (or Ctrl-D). Ctrl-C keeps what you typed as a draft."
                )
                start = self.clock()
                while True:
                    try:
                        read, ends = split_read(self._line())
                    except EOFError:
                        break
                    for line in read:
                        lines.append(line)
                        if self.terminal is not None and line_was_cut(line):
                            cut.append(len(lines))
                            self.console.print(CUT_WARNING, markup=False)
                    if read:
                        self._keep(keeper, "\n".join(lines))
                    if ends:
                        break
        except KeyboardInterrupt:
            self.interrupted(keeper, "\n".join(lines))
        seconds = self.clock() - start
        text = "\n".join(lines).strip("\n")
        return Answer(text, keeper.draft_id, seconds, keeper, tuple(cut))

    def _keep(self, keeper: DraftKeeper, text: str) -> None:
        warning = keeper.keep(text)
        if warning:
            # Soft wrap: the terminal wraps the path, so it copies back whole.
            self.console.print(warning, markup=False, soft_wrap=True)

    def interrupted(self, keeper: DraftKeeper, text: str) -> None:
        """Ctrl-C: keep what was typed, say where it is, and exit with 130."""
        if text.strip() or keeper.draft_id is not None:
            keeper.keep(text)
        self.console.print()
        if keeper.file is not None:
            self.console.print(
                f"Interrupted. The database could not take your draft ({keeper.failure}); "
                f"what you typed is kept in {keeper.file}.",
                markup=False,
                soft_wrap=True,
            )
        elif keeper.draft_id is not None:
            self.console.print(
                f"Interrupted. What you typed is saved as draft attempt {keeper.draft_id} "
                f"in {self.where}; `loopcoach progress` lists it.",
                markup=False,
            )
        else:
            self.console.print("Interrupted before anything was typed; nothing saved.")
        raise typer.Exit(130) from None

    def confirm_cut(self, answer: Answer, question: PracticeQuestion) -> bool:
        """Ask before scoring an answer with a cut line; False keeps it as a draft, unscored."""
        which = ", ".join(str(n) for n in answer.cut_lines)
        self.console.print(
            f"Line {which} of your answer looks cut off by the terminal. Score it anyway? [y/N] ",
            end="",
            markup=False,
        )
        try:
            reply = self._line().strip().lower()
        except EOFError:
            reply = ""
        if reply in ("y", "yes"):
            return True
        if answer.keeper is not None and answer.keeper.file is not None:
            kept = f"kept in {answer.keeper.file}"
        elif answer.draft_id is not None:
            kept = f"kept as draft attempt {answer.draft_id} in {self.where}"
        else:
            kept = "not kept"
        self.console.print(
            f"Not scored; what you typed is {kept}. Put the whole answer in a file, then "
            f"{resubmit_hint(question)}.",
            markup=False,
            soft_wrap=True,
        )
        return False

    def submit(
        self,
        question: PracticeQuestion,
        text: str,
        keeper: DraftKeeper | None = None,
        duration_seconds: float | None = None,
    ) -> PracticeResult:
        """Save and score; a database failure keeps the answer in a recovery file instead."""
        from loopcoach.cli.recover import store_failures
        from loopcoach.services.practice import ScoringFailed

        keeper = keeper or self._keeper(question)
        try:
            result = self.service.submit(
                question, text, draft_id=keeper.draft_id, duration_seconds=duration_seconds
            )
        except ScoringFailed as exc:
            keeper.settled()
            self.console.print(
                f"Score it again later with `loopcoach rescore {exc.attempt_id}`.", markup=False
            )
            raise
        except store_failures() as exc:
            lost = keeper.lost(text, exc, lambda file: resubmit_hint(question, file))
            if keeper.file is None:
                self.console.print(text, markup=False)
            raise lost from None
        keeper.settled()
        return result

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
        answer = self.read_answer(question, self.offer_draft(question))
        if question.kind == "follow_up" and not answer.text.strip() and answer.draft_id is None:
            self.console.print("No follow-up answer; skipped.")
            return None
        self.report_time(answer.seconds, question.budget_seconds)
        if answer.cut_lines and not self.confirm_cut(answer, question):
            return None
        result = self.submit(question, answer.text, answer.keeper, answer.seconds)
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
            result = self.submit(question, answer_text)
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
        notice = waiting_notice(self.service.store)
        if notice:
            self.console.print(notice, markup=False)


def draft_time(when: datetime) -> str:
    """When a draft was last saved, as the attempt tables show times (UTC)."""
    from datetime import UTC

    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y-%m-%d %H:%M UTC")


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
        from sqlalchemy.exc import SQLAlchemyError

        from loopcoach.cli.recover import database_failure
        from loopcoach.services.answers import read_answer_file
        from loopcoach.services.practice import PracticeService

        app_state = state(ctx)
        answer_text = read_answer_file(answer_file) if answer_file is not None else None
        session = PracticeSession(
            service=PracticeService(app_state.store, app_state.content),
            console=Console(highlight=False, markup=False),
            where=app_state.database_location(),
            data_dir=app_state.settings.data_dir,
        )
        try:
            session.run(
                track, round, question_id, pack, answer_text=answer_text, follow_up=follow_up
            )
        except SQLAlchemyError as exc:
            # Saving is covered by a recovery file; this is a read (a question's history).
            raise LoopcoachError(f"the database failed: {database_failure(exc)}") from None
