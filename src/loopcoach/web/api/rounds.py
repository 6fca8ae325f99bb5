"""The log of real rounds over JSON: list, log, read, set the outcome or notes, delete."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from loopcoach.errors import UsageError
from loopcoach.services.rounds import (
    MAX_COMPANY_CHARS,
    MAX_NOTES_CHARS,
    MAX_QUESTION_CHARS,
    MAX_QUESTIONS,
    RoundService,
    parse_date,
)
from loopcoach.store.models import MAX_ID
from loopcoach.store.rounds import RealRoundRecord
from loopcoach.web.errors import NotFound, responses
from loopcoach.web.state import WebState, web_state

router = APIRouter(tags=["rounds"])
Web = Annotated[WebState, Depends(web_state)]
RoundId = Annotated[int, Path(ge=1, le=MAX_ID, description="A real round's id.")]
Outcome = Literal["pending", "passed", "rejected", "offer", "withdrawn"]


class RoundIn(BaseModel):
    """A real round to log: its track and round, the day, how it went and what it asked."""

    model_config = ConfigDict(extra="forbid")

    track: Annotated[str, Field(min_length=1, max_length=80, examples=["pm"])]
    round: Annotated[str, Field(min_length=1, max_length=40, examples=["hiring_manager"])]
    date: Annotated[str, Field(max_length=20, description="The day it was held, YYYY-MM-DD.")]
    feeling: Annotated[int, Field(description="How it went, 1 (badly) to 5 (very well).")]
    questions: Annotated[
        list[Annotated[str, Field(max_length=MAX_QUESTION_CHARS)]],
        Field(max_length=MAX_QUESTIONS, description="The questions asked, in order."),
    ]
    company: Annotated[str, Field(max_length=MAX_COMPANY_CHARS)] = ""
    notes: Annotated[str, Field(max_length=MAX_NOTES_CHARS)] = ""
    outcome: Outcome = "pending"


class RoundPatch(BaseModel):
    """The outcome or the notes to set; what is left out is kept."""

    model_config = ConfigDict(extra="forbid")

    outcome: Outcome | None = None
    notes: Annotated[str | None, Field(max_length=MAX_NOTES_CHARS)] = None


def service(web: WebState) -> RoundService:
    return RoundService(web.store, web.content)


def _get(svc: RoundService, round_id: int) -> RealRoundRecord:
    try:
        return svc.get(round_id)
    except UsageError:
        raise NotFound(f"no real round {round_id}") from None


@router.get(
    "/rounds",
    responses=responses(404, 422),
    summary="Your real rounds, the latest held first; one track's with `track`",
)
def list_rounds(
    web: Web,
    track: Annotated[str | None, Query(max_length=80, description="Only this track's.")] = None,
) -> list[dict[str, Any]]:
    return [r.to_json() for r in service(web).rounds(track)]


@router.get(
    "/rounds/compare",
    responses=responses(404, 422),
    summary="Per round, your practice grade beside the real rounds logged",
)
def compare_rounds(
    web: Web,
    track: Annotated[str | None, Query(max_length=80, description="Only this track's.")] = None,
) -> list[dict[str, Any]]:
    return [c.to_json() for c in service(web).compare(track)]


@router.post(
    "/rounds",
    status_code=201,
    responses=responses(400, 404, 422),
    summary="Log a real round; its questions join the plan at the next re-plan",
)
def create_round(web: Web, body: RoundIn) -> dict[str, Any]:
    return (
        service(web)
        .log(
            track=body.track,
            round=body.round,
            held_on=parse_date(body.date),
            feeling=body.feeling,
            questions=body.questions,
            today=date.today(),
            company=body.company,
            notes=body.notes,
            outcome=body.outcome,
        )
        .to_json()
    )


@router.get("/rounds/{round_id}", responses=responses(404, 422), summary="One real round")
def get_round(web: Web, round_id: RoundId) -> dict[str, Any]:
    return _get(service(web), round_id).to_json()


@router.patch(
    "/rounds/{round_id}",
    responses=responses(400, 404, 422),
    summary="Set a real round's outcome or notes",
)
def update_round(web: Web, round_id: RoundId, body: RoundPatch) -> dict[str, Any]:
    svc = service(web)
    _get(svc, round_id)
    return svc.update(round_id, outcome=body.outcome, notes=body.notes).to_json()


@router.delete(
    "/rounds/{round_id}",
    status_code=204,
    responses=responses(404, 422),
    summary="Delete a real round and its questions for good",
)
def delete_round(web: Web, round_id: RoundId) -> Response:
    svc = service(web)
    _get(svc, round_id)
    svc.delete(round_id)
    return Response(status_code=204)
