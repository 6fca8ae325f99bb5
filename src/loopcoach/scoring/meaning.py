"""Sentence vectors from static word vectors distilled from all-MiniLM-L6-v2.

What: `text_vector` turns a text into a unit vector, the weighted mean of its words'
vectors, so that `cosine` of two texts says how close their meanings are (a paraphrase
scores higher than an unrelated sentence even with few words in common). The word vectors
come from `data/meaning.bin`, built by `scripts/distill_vectors.py`: the sentence model's
output for each word alone, centred, reduced and whitened with PCA and quantised to int8,
with a SIF weight per word (a / (a + p(word))) so that stop words count little.

Why this way: the full model needs torch (about 750 MB) or onnxruntime with numpy and a
tokenizer (about 175 MB, plus a 23 MB int8 model), a quarter of a second to start and 3 to
40 ms a text on one core; this needs only the standard library and an 8 MB file, loads in
tens of milliseconds and reads a 300-word answer in well under a millisecond. It is a
lookup table, so it is deterministic and the same on every machine. It keeps most of the
model's judgement: on loopcoach's calibration pairs its cosine has Spearman 0.75 with the
full model's (word overlap: 0.49); see benchmarks/meaning.py.

How it is fast: a word's int8 row is held as one big integer whose 32-bit fields are the
row's values plus 128, so adding weight x row is a single integer multiply-add, whatever
the dimension; the fields are unpacked and scaled once per text.

The data file is read once, lazily, on first use, from this package only. Without it
`available()` is False and `text_vector` raises `MeaningUnavailable`, so a caller can
degrade to word overlap.
"""

from __future__ import annotations

import math
import re
import struct
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from operator import mul

__all__ = ["MeaningUnavailable", "available", "cosine", "dims", "text_vector", "vectors"]

_RESOURCE = "data/meaning.bin"
_MAGIC = b"LCMV"
_VERSION = 1
_HEADER = struct.Struct("<4sHHII")
# Words are runs of letters of any script with inner apostrophes ("don't", "company's").
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# Inflections tried, in order, for a word missing from the table: (suffix, replacement).
_STEMS = (("'s", ""), ("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))
# Each packed field is 32 bits and holds sum(weight x (value + 128)) <= 255 x mass, where
# the mass (the sum of the weights, at most 255 a word) is kept under _MASS_LIMIT so no
# field carries into the next: texts of over ~66,000 words take the plain float path.
_FIELD_BYTES = 4
_MASS_LIMIT = 0xFFFFFFFF // 255
_BIAS = bytes((b + 128) & 0xFF for b in range(256))  # int8 byte -> value + 128


class MeaningUnavailable(RuntimeError):
    """The word-vector data file is missing or unreadable."""


@dataclass(frozen=True, slots=True)
class _Table:
    dims: int
    index: dict[str, int]
    weights: bytes  # SIF weight x 255 per word, 1..255
    blob: bytes  # the whole file; the N x dims int8 matrix starts at `rows_at`
    rows_at: int
    scales: tuple[float, ...]
    zero: tuple[float, ...]


def _parse(blob: bytes) -> _Table:
    magic, version, dims, count, vocab_len = _HEADER.unpack_from(blob, 0)
    if magic != _MAGIC or version != _VERSION:
        raise ValueError(f"{_RESOURCE}: not a version {_VERSION} word-vector file")
    pos = _HEADER.size
    words = blob[pos : pos + vocab_len].decode("utf-8").split("\n")
    pos += vocab_len
    scales = struct.unpack_from(f"<{dims}f", blob, pos)
    pos += 4 * dims
    weights = blob[pos : pos + count]
    pos += count
    if len(words) != count or pos + count * dims != len(blob):
        raise ValueError(f"{_RESOURCE}: truncated or inconsistent")
    return _Table(
        dims=dims,
        index=dict(zip(words, range(count), strict=True)),
        weights=weights,
        blob=blob,
        rows_at=pos,
        scales=scales,
        zero=(0.0,) * dims,
    )


@cache
def _load() -> _Table | None:
    try:
        blob = resources.files("loopcoach.scoring").joinpath(_RESOURCE).read_bytes()
        return _parse(blob)
    except (OSError, ValueError, struct.error):
        return None


def _table() -> _Table:
    table = _load()
    if table is None:
        raise MeaningUnavailable(f"loopcoach.scoring/{_RESOURCE} is missing or unreadable")
    return table


def available() -> bool:
    """Whether the word-vector data file is there and readable (loads it on first call)."""
    return _load() is not None


def dims() -> int:
    """The vectors' dimension."""
    return _table().dims


@lru_cache(maxsize=4096)
def _packed(row: int) -> int:
    """Word `row` as one integer: field d (32 bits, little-endian) is its value d + 128."""
    table = _table()
    n = table.dims
    start = table.rows_at + row * n
    buf = bytearray(_FIELD_BYTES * n)
    buf[::_FIELD_BYTES] = table.blob[start : start + n].translate(_BIAS)
    return int.from_bytes(buf, "little")


def _inflected_row(word: str, index: dict[str, int]) -> int:
    """The row of `word` less an inflection ("scaling" -> "scale"), or -1."""
    for suffix, repl in _STEMS:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            row = index.get(word[: -len(suffix)] + repl)
            if row is not None:
                return row
    return -1


def _unpack(total: int, mass: int, table: _Table) -> list[float]:
    fields = array("I" if array("I").itemsize == 4 else "L")
    fields.frombytes(total.to_bytes(_FIELD_BYTES * table.dims, "little"))
    if sys.byteorder == "big":
        fields.byteswap()
    bias = 128 * mass
    return [(f - bias) * s for f, s in zip(fields, table.scales, strict=True)]


def _float_sum(counts: dict[int, int], table: _Table) -> list[float]:
    """The weighted sum of the rows in plain floats: slow, for texts too long to pack."""
    n, weights = table.dims, table.weights
    acc = [0.0] * n
    for row, k in counts.items():
        w = k * weights[row]
        start = table.rows_at + row * n
        values = array("b", table.blob[start : start + n])
        acc = [a + w * v for a, v in zip(acc, values, strict=True)]
    return [a * s for a, s in zip(acc, table.scales, strict=True)]


def text_vector(text: str) -> tuple[float, ...]:
    """The unit vector of `text`: SIF-weighted mean of its known words' vectors.

    Words are lowercase runs of letters (apostrophes kept inside: "don't"); a word missing
    from the table is tried without a trailing 's, s, es, ed or ing, else skipped. A text
    with no known word gives the zero vector.
    """
    table = _table()
    index = table.index
    counts: dict[int, int] = {}
    for word in _WORD_RE.findall(text.lower().replace("\u2019", "'")):
        row = index.get(word)
        if row is None:
            row = _inflected_row(word, index)
            if row < 0:
                continue
        counts[row] = counts.get(row, 0) + 1
    if not counts:
        return table.zero
    weights = table.weights
    # Rows of the same weight are added first: one multiply per distinct weight.
    groups: dict[int, int] = {}
    mass = 0
    for row, n in counts.items():
        w = n * weights[row]
        groups[w] = groups.get(w, 0) + _packed(row)
        mass += w
    if mass <= _MASS_LIMIT:
        total = 0
        for w, packed in groups.items():
            total += w * packed
        vec = _unpack(total, mass, table)
    else:
        vec = _float_sum(counts, table)
    norm = math.hypot(*vec)
    if norm == 0.0:
        return table.zero
    return tuple(v / norm for v in vec)


def vectors(texts: Sequence[str]) -> list[tuple[float, ...]]:
    """`text_vector` of each text, in order."""
    return [text_vector(t) for t in texts]


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """Cosine similarity of two vectors; 0.0 when either is the zero vector."""
    if len(a) != len(b):
        raise ValueError(f"vectors of different lengths: {len(a)} and {len(b)}")
    den = math.hypot(*a) * math.hypot(*b)
    return sum(map(mul, a, b)) / den if den else 0.0
