"""Scripted loops: a whole loop run from a file of answers, for scripts and benchmarks.

The file is a JSON object whose keys are the loop's round ids and whose values are
lists of answers in order: the main question's, then its follow-up's (and so on with
`per_round` above 1). A missing or empty answer counts as unanswered; a loop round
missing from the file, a round not in the loop or a malformed value is an error that
names it, raised before anything is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from loopcoach.errors import LoopcoachError, UsageError
from loopcoach.services.answers import validate_answer
from loopcoach.services.loop import ROUND_STRIDE, LoopService

if TYPE_CHECKING:
    from loopcoach.content.models import Track
    from loopcoach.services.debrief import Debrief
    from loopcoach.store.loops import LoopRecord

SCRIPTED_SEED = "1"


class LoopFileError(UsageError):
    """A scripted loop's answer file that does not fit the loop; the message names the item."""


def check_answer_file(data: Any, track: Track, per_round: int, source: str) -> dict[str, list[str]]:
    """The answers by round, or LoopFileError naming the missing, unknown or malformed item."""
    rounds = [r.round for r in track.loop]
    if not isinstance(data, dict):
        raise LoopFileError(
            f"{source}: expected a JSON object whose keys are round ids ({', '.join(rounds)})"
        )
    unknown = [k for k in data if k not in rounds]
    if unknown:
        raise LoopFileError(
            f"{source}: round {unknown[0]!r} is not in the {track.id} loop; "
            f"its rounds are {', '.join(rounds)}"
        )
    missing = [r for r in rounds if r not in data]
    if missing:
        raise LoopFileError(
            f"{source}: round {missing[0]!r} of the {track.id} loop has no answers; "
            f'add "{missing[0]}": [main answer, follow-up answer]'
        )
    most = 2 * per_round
    out: dict[str, list[str]] = {}
    for r in rounds:
        value = data[r]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LoopFileError(f"{source}: round {r!r} must be a list of answer strings")
        if len(value) > most:
            raise LoopFileError(
                f"{source}: round {r!r} has {len(value)} answers; it asks {per_round} "
                f"question(s), each with a follow-up, so at most {most}"
            )
        out[r] = list(value)
    return out


def run_scripted(
    service: LoopService,
    track: str,
    answers: Any,
    *,
    pack: str | None = None,
    seed: str = SCRIPTED_SEED,
    per_round: int = 1,
    source: str = "answers file",
) -> tuple[LoopRecord, Debrief]:
    """Run a whole loop from answers by round (main, follow-up, ...) and return its debrief.

    The file is checked in full before anything is stored. Questions depend only on
    the seed, not on history, so the same file and seed always meet the same questions.
    An empty or missing answer counts as unanswered.
    """
    _, tr = service.track(track, pack)
    by_round = check_answer_file(answers, tr, per_round, source)
    for r, texts in by_round.items():
        for i, text in enumerate(texts):
            if text.strip():
                try:
                    validate_answer(text)
                except LoopcoachError as exc:
                    raise LoopFileError(f"{source}: round {r!r}, answer {i + 1}: {exc}") from None
            elif i % 2 == 0 and i + 1 < len(texts) and texts[i + 1].strip():
                raise LoopFileError(
                    f"{source}: round {r!r}, answer {i + 2} answers a follow-up to a main "
                    "question left empty"
                )
    loop = service.start(
        track, pack=pack, seed=seed, per_round=per_round, repeat=True, mode="scripted"
    )
    while (turn := service.next_turn(loop.id)) is not None:
        texts = by_round[turn.step.round]
        index = turn.step.position % ROUND_STRIDE
        text = texts[index] if index < len(texts) else ""
        if text.strip():
            service.answer(turn, text)
        else:
            service.skip(turn)
    debrief = service.finish(loop.id)
    return service.loops.get(loop.id), debrief
