"""The prep plan in the browser: an agenda of the days to the interview, with its progress.

Every action is a plain POST form that redirects back (done, skip, re-plan, a
checklist item ticked off); a re-plan shows what changed on the page it returns.
The date comes from the server's clock here, never from the service.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.errors import UsageError
from loopcoach.services.plan import (
    DEFAULT_HOURS,
    DEFAULT_START,
    PlanService,
    days_of,
    local_zone_name,
    parse_date,
    progress,
)
from loopcoach.store.models import MAX_ID
from loopcoach.web.errors import NotFound
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]


def service(web: WebState) -> PlanService:
    return PlanService(web.store, web.content)


def plan_page(
    request: Request,
    web: WebState,
    *,
    changes: list[str] | None = None,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    svc = service(web)
    plan = svc.active()
    context: dict[str, Any] = {
        "active": "plan",
        "plan": plan,
        "days": days_of(plan) if plan is not None else [],
        "progress": progress(plan) if plan is not None else None,
        "checklist": svc.checklist_status(plan.track, plan.pack) if plan is not None else [],
        "today": date.today(),
        "changes": changes or [],
        "error": error,
        "form": form
        or {
            "track": plan.track if plan is not None else "",
            "date": plan.interview_date.isoformat() if plan is not None else "",
            "hours": f"{plan.hours_per_day:g}" if plan is not None else f"{DEFAULT_HOURS:g}",
            "tz": plan.timezone if plan is not None else local_zone_name(),
            "start": plan.start_time if plan is not None else DEFAULT_START,
        },
        "tracks": [web.content.track(t) for t in web.track_ids()],
    }
    return web.render(request, "plan.html", context, status_code=status_code)


@router.get("/plan", response_class=HTMLResponse)
def plan_home(request: Request, web: Web) -> HTMLResponse:
    return plan_page(request, web)


@router.post("/plan", response_model=None)
def plan_create(
    request: Request,
    web: Web,
    track: Annotated[str, Form()] = "",
    interview: Annotated[str, Form(alias="date")] = "",
    hours: Annotated[str, Form()] = "",
    tz: Annotated[str, Form()] = "",
    start: Annotated[str, Form()] = "",
) -> Response:
    form = {"track": track, "date": interview, "hours": hours, "tz": tz, "start": start}
    try:
        try:
            hours_value = float(hours or DEFAULT_HOURS)
        except ValueError:
            raise UsageError(f"{hours!r} is not a number of hours, such as 1.5") from None
        service(web).create(
            track=track.strip(),
            interview=parse_date(interview),
            hours=hours_value,
            today=date.today(),
            tz=tz.strip() or None,
            start=start.strip() or DEFAULT_START,
        )
    except UsageError as exc:
        return plan_page(request, web, error=str(exc), form=form, status_code=400)
    return RedirectResponse("/plan", status_code=303)


@router.post("/plan/replan", response_class=HTMLResponse)
def plan_replan(request: Request, web: Web) -> HTMLResponse:
    result = service(web).replan(date.today())
    return plan_page(request, web, changes=result.changes)


@router.post("/plan/items/{item_id}/{action}", response_model=None)
def plan_mark(web: Web, item_id: int, action: str) -> Response:
    statuses = {"done": "done", "skip": "skipped", "undo": "planned"}
    if action not in statuses or not 0 < item_id <= MAX_ID:
        raise NotFound(f"no action {action!r} on item {item_id}")
    try:
        service(web).mark(item_id, statuses[action])
    except UsageError as exc:
        raise NotFound(str(exc)) from None
    return RedirectResponse(f"/plan#item-{item_id}", status_code=303)


@router.post("/plan/checklist/{item_id}", response_model=None)
def plan_checklist(web: Web, item_id: str, done: Annotated[str, Form()] = "1") -> Response:
    svc = service(web)
    plan = svc.require_active()
    svc.mark_checklist(plan.track, item_id, done == "1", plan.pack)
    return RedirectResponse("/plan#checklist", status_code=303)
