"""Placeholder until the engine lands; raises so nothing mistakes it for the scorer."""

from __future__ import annotations

from collections.abc import Sequence

from loopcoach.scoring.types import Assessment

SCORER_VERSION = "0.0.0-dev"
TRACKS: tuple[str, ...] = ("pm", "pmm", "tpm", "ds")


def score(
    track: str,
    round: str,
    question: str,
    answer: str,
    *,
    reference: str | None = None,
    talking_points: Sequence[str] | None = None,
    duration_seconds: float | None = None,
    budget_seconds: float | None = None,
    probes: Sequence[str] = (),
) -> Assessment:
    raise NotImplementedError("the scoring engine is being written")
