"""GET /api/v1/progress: grades per competency, track and round, readiness and what to train."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from loopcoach.services import dashboard
from loopcoach.store.records import Progress, question_counts
from loopcoach.web.api.schemas import ProgressOut
from loopcoach.web.errors import responses
from loopcoach.web.questions import check_track
from loopcoach.web.state import WebState, web_state

router = APIRouter(tags=["progress"])
SERIES_POINTS = 50  # the latest grades per competency that the charts show


def progress_report(
    web: WebState, track: str | None, points: int = SERIES_POINTS
) -> dict[str, Any]:
    """Everything the progress page and the API show, as plain JSON-ready data.

    The progress summary's groups of every track give the grades of all tracks (for
    readiness), of the one asked for and the answers per question; nothing reads every
    attempt.
    """
    service = web.service()
    if track:
        check_track(service, track)
    groups = web.store.progress_groups()
    mine = [g for g in groups if not track or g.track == track]
    progress = Progress.of(mine)
    ready = dashboard.readiness(web.content, Progress.of(groups) if track else progress)
    if track:
        ready = [r for r in ready if r.track == track]
    weak = dashboard.weakest(
        web.content, web.store, progress, track=track, counts=question_counts(mine)
    )
    series = dashboard.recent_series(web.store, progress, track, points)
    return {
        **progress.to_json(),
        "streak_days": dashboard.streak_days(web.store, datetime.now(UTC).date(), track),
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
    description=(
        "Grades per competency, track and round over every scored attempt, readiness per "
        "track, the weakest competencies with questions that train them, and `series`: "
        "the latest `points` grades of each competency, oldest first."
    ),
)
def get_progress(
    web: Annotated[WebState, Depends(web_state)],
    track: Annotated[str | None, Query(max_length=80)] = None,
    points: Annotated[
        int, Query(ge=1, le=1000, description="How many of the latest grades per competency.")
    ] = SERIES_POINTS,
) -> dict[str, Any]:
    return progress_report(web, track, points)
