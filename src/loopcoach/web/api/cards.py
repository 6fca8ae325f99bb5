"""Cards: the review queue with its counts, and rating a card."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from loopcoach.errors import UsageError
from loopcoach.services.cards import DEFAULT_TARGET, CardService
from loopcoach.web.errors import NotFound, responses
from loopcoach.web.state import WebState, web_state

router = APIRouter(tags=["cards"])
Web = Annotated[WebState, Depends(web_state)]
CardUid = Annotated[str, Path(min_length=1, max_length=32, description="A card's uid.")]


class ReviewRequest(BaseModel):
    rating: int = Field(ge=1, le=4, description="1 again, 2 hard, 3 good, 4 easy.")
    duration_ms: int | None = Field(default=None, ge=0, le=86_400_000)


@router.get(
    "/cards/due",
    responses=responses(404),
    summary="The cards to review now, with due counts",
    description=(
        "Cards due now, then those an interview date brings forward because their "
        "predicted recall on that day is below `target` (weakest first). Without "
        "`interview_date`, the prep plan's date is used when there is one."
    ),
)
def due_cards(
    web: Web,
    interview_date: Annotated[date | None, Query(description="YYYY-MM-DD", strict=True)] = None,
    target: Annotated[float, Query(gt=0, lt=1)] = DEFAULT_TARGET,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> dict[str, Any]:
    svc = CardService(web.store, web.content)
    queue = svc.queue(
        datetime.now(UTC), interview_date=svc.interview_date(interview_date), target=target
    )
    return {**queue.counts_json(), "cards": [c.to_json() for c in queue.cards[:limit]]}


@router.post(
    "/cards/{uid}/review",
    responses=responses(400, 404),
    summary="Rate a card and reschedule it",
)
def review_card(web: Web, uid: CardUid, body: ReviewRequest) -> dict[str, Any]:
    svc = CardService(web.store, web.content)
    try:
        card = svc.review(uid, body.rating, datetime.now(UTC), duration_ms=body.duration_ms)
    except UsageError:
        raise NotFound(f"no card {uid}") from None
    return card.to_json()
