"""The prep plan over JSON: read it, make one, re-plan, and mark a session done or skipped."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, ConfigDict, Field

from loopcoach.errors import UsageError
from loopcoach.services.plan import DEFAULT_HOURS, DEFAULT_START, PlanService
from loopcoach.store.models import MAX_ID
from loopcoach.web.errors import NotFound, responses
from loopcoach.web.state import WebState, web_state

router = APIRouter(tags=["plan"])
Web = Annotated[WebState, Depends(web_state)]
ItemId = Annotated[int, Path(ge=1, le=MAX_ID, description="A plan session's id.")]


class PlanRequest(BaseModel):
    """A new plan: the track, the interview date and the hours a day."""

    model_config = ConfigDict(extra="forbid")

    track: str = Field(max_length=80, examples=["pm"])
    date: str = Field(max_length=20, description="The interview date, YYYY-MM-DD.")
    hours: float = Field(default=DEFAULT_HOURS, description="Hours a day, 0.5 to 12.")
    tz: str | None = Field(default=None, max_length=64, description="An IANA time zone name.")
    start: str = Field(default=DEFAULT_START, max_length=5, description="HH:MM, 24-hour.")


class PlanOut(BaseModel):
    """The active plan with its progress, its sessions and, after a re-plan, what changed."""

    uid: str
    track: str
    pack: str
    interview_date: str
    hours_per_day: float
    timezone: str
    start_time: str
    status: str
    progress: dict[str, Any]
    items: list[dict[str, Any]]
    changes: list[str] = Field(default_factory=list)


def service(web: WebState) -> PlanService:
    return PlanService(web.store, web.content)


def active_json(svc: PlanService, changes: list[str] | None = None) -> dict[str, Any]:
    plan = svc.active()
    if plan is None:
        raise NotFound("no plan yet; POST /api/v1/plan makes one")
    return {**svc.to_json(plan), "changes": changes or []}


@router.get("/plan", response_model=PlanOut, responses=responses(404), summary="Your prep plan")
def get_plan(web: Web) -> dict[str, Any]:
    return active_json(service(web))


@router.post(
    "/plan",
    response_model=PlanOut,
    status_code=201,
    responses=responses(400, 404),
    summary="Make a new prep plan (the old one is archived)",
)
def create_plan(web: Web, body: PlanRequest) -> dict[str, Any]:
    from loopcoach.services.plan import parse_date

    svc = service(web)
    svc.create(
        track=body.track,
        interview=parse_date(body.date),
        hours=body.hours,
        today=date.today(),
        tz=body.tz,
        start=body.start,
    )
    return active_json(svc)


@router.post(
    "/plan/replan",
    response_model=PlanOut,
    responses=responses(400, 404),
    summary="Re-plan the days ahead from the latest grades, and say what changed",
)
def replan(web: Web) -> dict[str, Any]:
    svc = service(web)
    result = svc.replan(date.today())
    return active_json(svc, result.changes)


@router.post(
    "/plan/items/{item_id}/{action}",
    response_model=PlanOut,
    responses=responses(400, 404),
    summary="Mark a session done, skipped, or planned again",
)
def mark_item(web: Web, item_id: ItemId, action: Literal["done", "skip", "undo"]) -> dict[str, Any]:
    svc = service(web)
    status = {"done": "done", "skip": "skipped", "undo": "planned"}[action]
    try:
        svc.mark(item_id, status)
    except UsageError as exc:
        raise NotFound(str(exc)) from None
    return active_json(svc)
