"""Batch scoring: JSONL lines in, one result object a line out, in input order.

Pure like the rest of the scorer: it parses the lines it is given and returns plain
dicts; reading the file and writing the output are the caller's (`loopcoach score
--batch`, the benchmarks). A bad line yields `{"id", "error"}`, never an exception, so one
broken line cannot lose the rest of a batch.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from loopcoach.errors import LoopcoachError, UsageError

BATCH_FIELDS = ("track", "round", "question", "answer")


def _as_str(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise UsageError(f"field {name!r} must be a string")
    return value


def _asks_for(value: Any) -> str | None:
    """A batch line's optional `asks_for`: one of the scorer's ask ids, or absent/null."""
    if value is None:
        return None
    from loopcoach.scoring.asks import ASK_IDS

    if not isinstance(value, str) or value not in ASK_IDS:
        raise UsageError(f"unknown asks_for {value!r}; use one of: {', '.join(ASK_IDS)}")
    return value


def score_line(line: str, pack_tracks: Callable[[], Sequence[str]] | None = None) -> dict[str, Any]:
    """Score one JSONL line; a bad line yields {"id", "error"} and never an exception.

    `pack_tracks` gives the tracks that packs add; it is called only for a track the
    scorer does not know, so a batch of the four built-in tracks never loads the packs.
    """
    from loopcoach.scoring import TRACKS, score

    ident: Any = None
    try:
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
        if not isinstance(row, dict):
            raise UsageError("each line must be a JSON object")
        ident = row.get("id")
        missing = [f for f in BATCH_FIELDS if f not in row]
        if missing:
            raise UsageError("missing field(s): " + ", ".join(missing))
        points = row.get("talking_points")
        if points is not None and (
            not isinstance(points, list) or not all(isinstance(p, str) for p in points)
        ):
            raise UsageError("talking_points must be a list of strings")
        reference = row.get("reference")
        if reference is not None and not isinstance(reference, str):
            raise UsageError("reference must be a string")
        asks_for = _asks_for(row.get("asks_for"))
        track = _as_str(row["track"], "track")
        extra = pack_tracks() if pack_tracks and track not in TRACKS else ()
        assessment = score(
            track,
            _as_str(row["round"], "round"),
            _as_str(row["question"], "question"),
            _as_str(row["answer"], "answer"),
            reference=reference,
            talking_points=points,
            extra_tracks=extra,
            asks_for=asks_for,
        )
    except LoopcoachError as exc:
        return {"id": ident, "error": str(exc)}
    except Exception as exc:  # a scorer bug must not lose the rest of the batch
        return {"id": ident, "error": f"internal error: {type(exc).__name__}: {exc}"}
    return {"id": ident, **assessment.to_json()}


def score_lines(
    lines: Iterable[bytes | str], pack_tracks: Callable[[], Sequence[str]] | None = None
) -> Iterator[dict[str, Any]]:
    """One result per non-blank input line, in input order."""
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            result: dict[str, Any] = {
                "id": None,
                "error": f"line {number} is not UTF-8 text (byte {exc.start})",
            }
        else:
            if not line.strip():
                continue
            result = score_line(line, pack_tracks)
        yield result
