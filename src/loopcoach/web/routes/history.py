"""The history page: every attempt, filtered, a page at a time; and two attempts side by side."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from loopcoach.content.models import ROUND_IDS
from loopcoach.errors import UnknownItem, UsageError
from loopcoach.web.compare import compare
from loopcoach.web.errors import NotFound
from loopcoach.web.highlight import highlight
from loopcoach.web.routes.practice import parse_id
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]
STATUSES = ("scored", "draft", "saved", "error")
PER_PAGE = 50


@router.get("/history", response_class=HTMLResponse)
def history(
    request: Request,
    web: Web,
    track: str = "",
    round: str = "",
    competency: str = "",
    status: str = "",
    page: str = "1",
) -> HTMLResponse:
    if track and track not in web.track_ids():
        raise UnknownItem("track", track, web.track_ids())
    if round and round not in ROUND_IDS:
        raise UnknownItem("round", round, ROUND_IDS)
    if competency and competency not in web.all_competencies():
        raise UnknownItem("competency", competency, web.all_competencies())
    if status and status not in STATUSES:
        raise UnknownItem("status", status, STATUSES)
    found = web.store.attempt_page(
        parse_id(page) or 1,
        PER_PAGE,
        track=track or None,
        round=round or None,
        competency=competency or None,
        status=status or None,
    )
    filters = {"track": track, "round": round, "competency": competency, "status": status}
    kept = {k: v for k, v in filters.items() if v}

    def page_url(number: int) -> str:
        query = urlencode({**kept, "page": number} if number > 1 else kept)
        return f"/history?{query}" if query else "/history"

    context = {
        "active": "history",
        "found": found,
        "attempts": found.items,
        "newer": page_url(found.page - 1) if found.page > 1 else None,
        "older": page_url(found.page + 1) if found.page < found.pages else None,
        "first": page_url(1),
        "last": page_url(found.pages),
        "filters": filters,
        "rounds": [r for r in ROUND_IDS],
        "competencies": web.all_competencies(),
        "statuses": STATUSES,
    }
    return web.render(request, "history.html", context)


@router.get("/history/compare", response_class=HTMLResponse)
def compare_page(
    request: Request, web: Web, ids: Annotated[list[str] | None, Query()] = None
) -> HTMLResponse:
    chosen = [parse_id(i) for i in ids or []]
    if len(chosen) != 2 or None in chosen or chosen[0] == chosen[1]:
        raise UsageError("choose exactly two different attempts to compare")
    records = []
    for number in chosen:
        assert number is not None
        record = web.store.attempt(number)
        if record is None:
            raise NotFound(f"no attempt {number}; the history page lists yours")
        records.append(record)
    diff = compare(records[0], records[1])
    context = {
        "active": "history",
        "diff": diff,
        "marked_before": highlight(
            diff.before.answer,
            diff.before.assessment.payload if diff.before.assessment else None,
            web.evidence_names(diff.before.round),
        ),
        "marked_after": highlight(
            diff.after.answer,
            diff.after.assessment.payload if diff.after.assessment else None,
            web.evidence_names(diff.after.round),
        ),
    }
    return web.render(request, "compare.html", context)
