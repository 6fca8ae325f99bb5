"""Delivery measures for a spoken answer's transcript and its duration.

words_per_minute   = words / (seconds / 60)
fillers_per_minute = filler phrases (um, uh, you know, basically...) / (seconds / 60)
hedges             = count of hedging phrases (maybe, I guess, kind of, probably...)
"""

from __future__ import annotations

from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.text import words
from loopcoach.scoring.types import Delivery


def measure_delivery(text: str, seconds: float, budget_seconds: float | None) -> Delivery:
    # Rates over less than a second mean nothing; a second is the floor.
    minutes = max(seconds, 1.0) / 60.0
    return Delivery(
        words_per_minute=len(words(text)) / minutes,
        fillers_per_minute=len(lx.FILLER.findall(text)) / minutes,
        hedges=len(lx.HEDGE.findall(text)),
        seconds_used=seconds,
        seconds_budget=budget_seconds,
    )
