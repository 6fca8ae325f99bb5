"""The cue compiler: a family of phrase patterns becomes one fast, case-insensitive
regular expression, compiled on first use. The phrase data lives in `lexicon.py`,
`cues.py` and `relevance_cues.py` and in each flag's module; this module holds none.
"""

from __future__ import annotations

import re


class Cue:
    """A family of cues compiled on first use: a command scores one round and needs only
    that round's families, so it does not pay to compile the others at start-up."""

    __slots__ = ("_compiled", "patterns")

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = patterns
        self._compiled: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = _compile(self.patterns)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self.regex.pattern

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text)

    def findall(self, text: str) -> list[str]:
        return self.regex.findall(text)


def _family(*patterns: str) -> Cue:
    return Cue(patterns)


def _compile(patterns: tuple[str, ...]) -> re.Pattern[str]:
    # "I would build" says what "I'd build" says: every cue written with the contraction
    # matches both spellings.
    patterns = tuple(
        p.replace("I'd ", "I(?:'d| would) ").replace("we'd ", "we(?:'d| would) ") for p in patterns
    )
    return _compile_expanded(patterns)


def _compile_expanded(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern for a family of cues, arranged for speed.

    Cues that start at a word boundary with a letter are grouped by that first letter
    behind a single boundary check (a one-level trie), so at each position the engine
    tests one letter instead of every cue: the same matches, several times faster.
    """
    by_letter: dict[str, list[str]] = {}
    other: list[str] = []
    for p in patterns:
        body = p[2:] if p.startswith(r"\b") else None
        if (
            body
            and body[0].isalpha()
            and body[0].isascii()
            and (len(body) == 1 or body[1] not in "?*+{")
            and not _top_level_bar(body)
        ):
            by_letter.setdefault(body[0].lower(), []).append(body[1:])
        else:
            other.append(p)
    parts = []
    if by_letter:
        trie = "|".join(
            f"{letter}(?:{'|'.join(rests)})" for letter, rests in sorted(by_letter.items())
        )
        parts.append(rf"\b(?:{trie})")
    parts.extend(f"(?:{p})" for p in other)
    return re.compile("|".join(parts), re.IGNORECASE)


def _top_level_bar(pattern: str) -> bool:
    depth = 0
    escaped = in_class = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False
