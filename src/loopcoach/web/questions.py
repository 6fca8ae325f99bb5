"""Turning what a page or an API body names into a PracticeQuestion, with errors that say why."""

from __future__ import annotations

from collections.abc import Sequence

from loopcoach.errors import UnknownItem, UsageError
from loopcoach.services.practice import PracticeQuestion, PracticeService
from loopcoach.web.errors import NotFound


def check_track(service: PracticeService, track: str) -> None:
    """Raise UnknownItem (404) listing the valid tracks if no pack defines `track`."""
    tracks = service.track_ids()
    if track not in tracks:
        raise UnknownItem("track", track, tracks)


def resolve_question(
    service: PracticeService,
    *,
    question_id: str | None = None,
    track: str | None = None,
    round: str | None = None,
    text: str | None = None,
    talking_points: Sequence[str] | None = None,
    reference: str | None = None,
) -> PracticeQuestion:
    """A pack question by id, or a custom one from track, round and text."""
    if question_id:
        q = service.question(question_id)
        if talking_points or reference:
            from dataclasses import replace

            q = replace(q, talking_points=tuple(talking_points or ()), reference=reference or None)
        return q
    if not (track and round and text is not None):
        raise UsageError("give question_id, or track, round and question")
    from loopcoach.scoring import TRACKS

    if track not in TRACKS:
        check_track(service, track)
    if not text.strip():
        raise UsageError("the question is empty; paste the question you were asked")
    return service.custom_question(
        track, round, text, talking_points=tuple(talking_points or ()), reference=reference
    )


def existing_draft(service: PracticeService, draft_id: int | None) -> int | None:
    """`draft_id` if it is one of this user's attempts; NotFound (404) if not."""
    if draft_id is None:
        return None
    if service.store.attempt(draft_id) is None:
        raise NotFound(f"no draft {draft_id}; it may have been deleted")
    return draft_id
