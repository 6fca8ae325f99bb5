"""The card review page: the next due card, revealed and rated from the keyboard.

Without JavaScript it is a <details> to reveal and a form of four buttons; cards.js
adds the keys (Space reveals, 1-4 rate). `?interview_date=YYYY-MM-DD&target=0.9`
brings forward the cards that would fade below the target by the interview.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from loopcoach.errors import UsageError
from loopcoach.services.cards import DEFAULT_TARGET, RATINGS, CardService, DueCard
from loopcoach.web.errors import NotFound
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]
TargetQ = Annotated[float, Query(gt=0, lt=1)]


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def back_to(interview_date: str, target: float) -> str:
    params = {k: v for k, v in (("interview_date", interview_date), ("target", target)) if v}
    if params.get("target") == DEFAULT_TARGET:
        del params["target"]
    return "/cards" + (f"?{urlencode(params)}" if params else "")


@router.get("/cards", response_class=HTMLResponse)
def cards_page(
    request: Request,
    web: Web,
    interview_date: Annotated[str, Query(max_length=10)] = "",
    target: TargetQ = DEFAULT_TARGET,
    card: Annotated[str, Query(max_length=32, pattern=r"^[0-9a-f]*$")] = "",
) -> HTMLResponse:
    svc = CardService(web.store, web.content)
    day = parse_day(interview_date)
    queue = svc.queue(datetime.now(UTC), interview_date=svc.interview_date(day), target=target)
    item = queue.first()
    chosen = False
    if card:  # ?card=UID: review this one now (the progress page's next step), due or not
        try:
            item = DueCard(svc.cards.card(card), False, None)
        except UsageError:
            raise NotFound(f"no card {card}") from None
        chosen = True
    context = {
        "active": "cards",
        "queue": queue,
        "item": item,
        "chosen": chosen,
        "now": datetime.now(UTC),
        "ratings": RATINGS,
        "interview_date": interview_date if day else "",
        "bad_date": bool(interview_date) and day is None,
        "target": target,
    }
    return web.render(request, "cards.html", context)


@router.post("/cards/review")
def review_card(
    web: Web,
    uid: Annotated[str, Form(max_length=32)],
    rating: Annotated[int, Form(ge=1, le=4)],
    interview_date: Annotated[str, Form(max_length=10)] = "",
    target: Annotated[float, Form(gt=0, lt=1)] = DEFAULT_TARGET,
) -> RedirectResponse:
    svc = CardService(web.store, web.content)
    try:
        svc.review(uid, rating, datetime.now(UTC))
    except UsageError:
        raise NotFound(f"no card {uid}") from None
    return RedirectResponse(back_to(interview_date, target), status_code=303)
