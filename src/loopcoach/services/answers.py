"""Checking an answer before anything is stored or scored, and reading one from a file."""

from __future__ import annotations

import re
from pathlib import Path

from loopcoach.errors import InvalidAnswer

# Same limit as the scorer's (loopcoach.scoring.types.MAX_WORDS), kept here so that
# validating an answer does not import the scoring engine.
MAX_WORDS = 10_000
_WORD = re.compile(r"\S+")


def count_words(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def validate_answer(answer: str) -> str:
    """Return the answer if it can be scored; raise InvalidAnswer saying why if not."""
    if not isinstance(answer, str):
        raise InvalidAnswer("the answer must be text")
    if not answer.strip():
        raise InvalidAnswer("the answer is empty; write something to be scored")
    words = count_words(answer)
    if words > MAX_WORDS:
        raise InvalidAnswer(
            f"the answer has {words:,} words; the limit is {MAX_WORDS:,}. Shorten it."
        )
    return answer


def decode_answer(data: bytes, source: str) -> str:
    """Decode answer bytes as UTF-8 (a BOM is dropped); InvalidAnswer names the source if not."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidAnswer(
            f"{source} is not UTF-8 text (invalid byte at offset {exc.start}); "
            "save it as UTF-8 and try again"
        ) from None


def read_answer_file(path: Path) -> str:
    """Read an answer from a UTF-8 text file, with a clear error if it is missing or not text."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InvalidAnswer(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidAnswer(f"{path}: is a folder, not a text file") from None
    except OSError as exc:
        raise InvalidAnswer(f"{path}: cannot be read ({exc.strerror})") from None
    return decode_answer(data, str(path))
