"""Text primitives for the scorer: sentences with offsets, word stems, numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

# PyStemmer: the Snowball English stemmer in C; imports in a millisecond.
_STEMMER = Stemmer.Stemmer("english")

# A word is letters of any script (café, 淘宝), with inner apostrophes or hyphens.
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['\-])*[^\W\d_]|[^\W\d_]|\d[\d,.]*%?")
# A sentence ends at . ! ? ; or a line break, unless the dot sits inside a number (2.5);
# the full-width stops of Chinese and Japanese end one wherever they stand; an
# abbreviation's dot ends none (below).
# A run of stops is tried from its first two characters only (no match can start later in
# it that did not start there) and never given back: tried from every dot of "a....b",
# the run was rescanned each time, quadratic in its length.
# The dot of an abbreviation inside a sentence ("A vs. B", "e.g. Lazada", "Mr. Tan")
# ends nothing.
_ABBREVIATION = (
    r"(?<!\b[Vv]s)(?<!\b[Ee]\.g)(?<!\b[Ii]\.e)(?<!\b[Cc]f)(?<!\bapprox)(?<!\bMr)(?<!\bMrs)"
    r"(?<!\bMs)(?<!\bDr)"
)
# The dot of a list number ("1. Build the panel. 2. Pilot it.") ends nothing: a number of
# one or two digits at the start of the text, of a line, after a colon or after a stop.
_ENUMERATOR = "".join(
    f"(?<!{before}{digits})"
    for before in ("^", r"\n", r":\s", r"[.!?]\s")
    for digits in (r"\d", r"\d\d")
)
SENTENCE_END_RE = re.compile(
    r"(?<!\d)(?<![.!?;]{2})" + _ABBREVIATION + r"[.!?;]++(?=\s|$)"
    r"|(?<=\d)" + _ENUMERATOR + r"[.!?;]++(?=\s+[A-Z]|$)|[。！？；]+|\n+"
)
NUMBER_RE = re.compile(
    r"(?<![\w.])(?:\d[\d,]*(?:\.\d+)?\s?(?:%|percent|x\b|k\b|m\b|ms\b|s\b)?|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|sixty|hundred|thousand|million|billion|half|double|triple|tenfold)"
    r"(?:\s(?:hundred|thousand|million|billion))?\b)",
    re.IGNORECASE,
)

NUMBER_TOKEN_RE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]\d)")
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves i'd i'm i've you'd you're you've you'll we've we'd we'll we're it's that's
    don't didn't isn't wasn't let's also
    would've could've should've there's they're what's ll ve re s t d m one get got go going
    make made thing things really much many lot lots way well even still yet already us say
    said like want need know think""".split()
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the answer with its character offsets into the original text."""

    start: int
    end: int
    text: str


_ONE_FOR_ONE = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def normalise(text: str) -> str:
    """Typographic quotes and dashes to ASCII, one character for one: offsets are kept."""
    return text.translate(_ONE_FOR_ONE)


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences, keeping offsets; empty pieces are dropped."""
    out: list[Sentence] = []
    pos = 0
    for match in SENTENCE_END_RE.finditer(text):
        _append(out, text, pos, match.end())
        pos = match.end()
    _append(out, text, pos, len(text))
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or not any(ch.isalnum() for ch in stripped):
        return
    lead = len(piece) - len(piece.lstrip())
    s = start + lead
    e = s + len(stripped)
    out.append(Sentence(s, e, text[s:e]))


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word.strip("'-").lower()))


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stopwords, no bare numbers)."""
    out = []
    for token in words(text):
        # "delivery-time" carries two content words; "you'd" carries none.
        for w in token.split("-") if "-" in token else (token,):
            if w and w not in STOPWORDS and not w[0].isdigit() and len(w) > 1:
                out.append(stem(w))
    return out


def count_numbers(text: str) -> int:
    return len(NUMBER_RE.findall(text))
