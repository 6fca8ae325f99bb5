"""What every red-flag module shares: the hit it returns and the context it reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from loopcoach.scoring.cuecompile import Cue
from loopcoach.scoring.signals import AnswerSignals
from loopcoach.scoring.text import Sentence

# A flag's VOIDS when it contradicts every criterion of the round (a non-answer).
EVERY: frozenset[str] = frozenset({"*"})


@dataclass(frozen=True)
class FlagHit:
    id: str
    evidence: tuple[Sentence, ...]
    strength: float
    # How to fix this particular case, where the flag's general fix says less.
    fix: str = ""


@dataclass
class Context:
    """One answer as the detectors read it, with the flags found so far, in order."""

    round_id: str
    sig: AnswerSignals
    on_topic: float
    question: str = ""
    asks: str = ""
    # A follow-up answers one probe: it may be short.
    follow_up: bool = False
    found: list[FlagHit] = field(default_factory=list)

    def has(self, flag: str) -> bool:
        return any(h.id == flag for h in self.found)


@dataclass(frozen=True)
class Case:
    """An answer a flag must (`fires`) or must not fire on, kept beside its detector."""

    round_id: str
    question: str
    answer: str
    fires: bool


def spans(sig: AnswerSignals, cue: Cue, limit: int = 2) -> list[Sentence]:
    return [s.sentence for s in sig.sentences if cue.search(s.sentence.text)][:limit]


def first(sig: AnswerSignals) -> tuple[Sentence, ...]:
    return (sig.sentences[0].sentence,) if sig.sentences else ()
