"""The exception hierarchy and the exit codes the CLI maps them to."""

from __future__ import annotations


class LoopcoachError(Exception):
    """Base for every error loopcoach reports to a user as a message, not a traceback."""

    exit_code = 1


class UsageError(LoopcoachError):
    """The user asked for something that does not exist or cannot be done."""

    exit_code = 2


class InvalidAnswer(UsageError):
    """An answer that cannot be scored: empty, too long, or not text."""


class UnknownItem(UsageError):
    """An unknown track, round or question id; the message lists the valid ones."""

    def __init__(self, kind: str, value: str, valid: list[str] | tuple[str, ...]) -> None:
        self.kind = kind
        self.value = value
        self.valid = list(valid)
        shown = ", ".join(self.valid[:40]) + (" ..." if len(self.valid) > 40 else "")
        super().__init__(f"unknown {kind} {value!r}; valid {kind}s: {shown}")


class PackError(LoopcoachError):
    """A content pack that does not validate; carries every problem found."""

    exit_code = 3

    def __init__(self, problems: list[PackProblem]) -> None:
        self.problems = problems
        lines = [str(p) for p in problems]
        super().__init__(f"{len(problems)} problem(s) in content pack:\n" + "\n".join(lines))


class PackProblem:
    """One problem in a pack: the file, the path of the field inside it, and what is wrong."""

    __slots__ = ("file", "location", "message")

    def __init__(self, file: str, location: str, message: str) -> None:
        self.file = file
        self.location = location
        self.message = message

    def __str__(self) -> str:
        where = f"{self.file}: {self.location}" if self.location else self.file
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "location": self.location, "message": self.message}


class StoreError(LoopcoachError):
    """The database could not be opened or migrated."""

    exit_code = 4


class DataFolderError(StoreError):
    """The folder that should hold the database cannot be created or used."""


class DatabaseFault(StoreError):
    """The database cannot be used as asked: full, read-only, locked, damaged or unreachable.

    `kind` names the fault for programs (the web's error code); the message says what is
    wrong, where, and what to do, and never asks the user to read a traceback.
    """

    def __init__(self, message: str, *, kind: str = "failed", location: str = "") -> None:
        self.kind = kind
        self.location = location
        super().__init__(message)


class NewerDatabase(DatabaseFault):
    """A database migrated by a newer loopcoach; this release never downgrades or stamps it."""

    def __init__(self, revision: str, location: str) -> None:
        self.revision = revision
        super().__init__(
            f"this database was written by a newer loopcoach (revision {revision}); upgrade "
            f"loopcoach. {location} has not been changed.",
            kind="newer",
            location=location,
        )
