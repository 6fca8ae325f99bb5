"""GET /api/v1/progress: grades per competency, track and round, readiness and what to train."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from loopcoach.services import dashboard
from loopcoach.web.api.schemas import ProgressOut
from loopcoach.web.errors import responses
from loopcoach.web.questions import check_track
from loopcoach.web.state import WebState, web_state

router = APIRouter(tags=["progress"])


def progress_report(web: WebState, track: str | None) -> dict[str, Any]:
    """Everything the progress page and the API show, as plain JSON-ready data."""
    service = web.service()
    if track:
        check_track(service, track)
    progress = service.progress(track=track)
    attempts = web.store.attempts(track=track, oldest_first=True)
    ready = dashboard.readiness(web.content, service.progress())
    if track:
        ready = [r for r in ready if r.track == track]
    weak = dashboard.weakest(web.content, web.store, progress, track=track)
    series = dashboard.competency_series(attempts, track)
    return {
        **progress.to_json(),
        "streak_days": dashboard.streak(attempts, datetime.now(UTC).date()),
        "readiness": [r.to_json() for r in ready],
        "weakest": [w.to_json() for w in weak],
        "series": {
            c: [{"attempt_id": p.attempt_id, "when": p.when, "grade": p.grade} for p in points]
            for c, points in sorted(series.items())
        },
    }


@router.get(
    "/progress",
    response_model=ProgressOut,
    responses=responses(404),
    summary="Your progress: grades, readiness per track, weakest competencies",
)
def get_progress(
    web: Annotated[WebState, Depends(web_state)],
    track: Annotated[str | None, Query(max_length=80)] = None,
) -> dict[str, Any]:
    return progress_report(web, track)
