"""The log of real rounds in the browser: the list, a form to log one, one round, its outcome.

Every action is a plain POST form that redirects back. Each question a round asked
can be practised from its page: the form there posts to the custom-question page
(`/practice/custom`) with the round's track, round and question filled in, so the
answer is scored and kept like any other. The date comes from the server's clock.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.errors import UsageError
from loopcoach.services.rounds import (
    FEELINGS,
    MAX_QUESTION_CHARS,
    RoundService,
    parse_date,
    parse_feeling,
    practice_vs_real,
    questions_of,
)
from loopcoach.store.round_models import OUTCOMES
from loopcoach.store.rounds import RealRoundRecord
from loopcoach.web.errors import NotFound
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]
Field = Annotated[str, Form(max_length=200)]
# Thirty questions of 5,000 characters each, one a line, and a little room.
Questions = Annotated[str, Form(max_length=31 * (MAX_QUESTION_CHARS + 2))]
Notes = Annotated[str, Form(max_length=20_000)]


def service(web: WebState) -> RoundService:
    return RoundService(web.store, web.content)


def own_round(svc: RoundService, round_id: int) -> RealRoundRecord:
    try:
        return svc.get(round_id)
    except UsageError:
        raise NotFound(f"no real round {round_id}") from None


def loops(web: WebState) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(track, its name, [(track/round, round name)]) for the log form's choice of round."""
    out = []
    for t in web.track_ids():
        track = web.content.track(t)
        out.append((t, track.name, [(f"{t}/{r.round}", r.name) for r in track.loop]))
    return out


def rounds_page(
    request: Request,
    web: WebState,
    *,
    error: str | None = None,
    form: dict[str, str] | None = None,
    notice: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    svc = service(web)
    today = date.today()
    context: dict[str, Any] = {
        "active": "rounds",
        "rounds": svc.rounds(),
        "comparison": practice_vs_real(web.store, web.content, None),
        "loops": loops(web),
        "feelings": FEELINGS,
        "today": today.isoformat(),
        "error": error,
        "notice": notice[:300],
        "form": form
        or {
            "loop": "",
            "date": today.isoformat(),
            "feeling": "3",
            "questions": "",
            "company": "",
            "notes": "",
        },
    }
    return web.render(request, "rounds.html", context, status_code=status_code)


@router.get("/rounds", response_class=HTMLResponse)
def rounds_home(request: Request, web: Web, deleted: str = "") -> HTMLResponse:
    return rounds_page(request, web, notice=deleted)


@router.post("/rounds", response_model=None)
def round_log(
    request: Request,
    web: Web,
    loop: Field = "",
    held_on: Annotated[str, Form(alias="date", max_length=20)] = "",
    feeling: Annotated[str, Form(max_length=10)] = "",
    questions: Questions = "",
    company: Field = "",
    notes: Notes = "",
) -> Response:
    form = {
        "loop": loop,
        "date": held_on,
        "feeling": feeling,
        "questions": questions,
        "company": company,
        "notes": notes,
    }
    track, _, round_id = loop.partition("/")
    try:
        if not round_id:
            raise UsageError("choose the round it was, such as Product manager: Hiring manager")
        logged = service(web).log(
            track=track,
            round=round_id,
            held_on=parse_date(held_on),
            feeling=parse_feeling(feeling),
            questions=questions_of(questions),
            today=date.today(),
            company=company,
            notes=notes,
        )
    except UsageError as exc:
        return rounds_page(request, web, error=str(exc), form=form, status_code=400)
    return RedirectResponse(f"/rounds/{logged.id}", status_code=303)


@router.get("/rounds/{round_id}", response_class=HTMLResponse)
def round_show(request: Request, web: Web, round_id: int, saved: str = "") -> HTMLResponse:
    real = own_round(service(web), round_id)
    context = {
        "active": "rounds",
        "round": real,
        "round_name": web.round_name(real.track, real.round),
        "feelings": FEELINGS,
        "outcomes": OUTCOMES,
        "saved": saved[:300],
    }
    return web.render(request, "rounds_show.html", context)


@router.post("/rounds/{round_id}/outcome", response_model=None)
def round_outcome(web: Web, round_id: int, outcome: Field = "") -> Response:
    svc = service(web)
    own_round(svc, round_id)
    svc.set_outcome(round_id, outcome)
    return RedirectResponse(f"/rounds/{round_id}?saved=Outcome+saved", status_code=303)


@router.post("/rounds/{round_id}/notes", response_model=None)
def round_notes(web: Web, round_id: int, notes: Notes = "") -> Response:
    svc = service(web)
    own_round(svc, round_id)
    svc.update(round_id, notes=notes)
    return RedirectResponse(f"/rounds/{round_id}?saved=Notes+saved", status_code=303)


@router.post("/rounds/{round_id}/delete", response_model=None)
def round_delete(web: Web, round_id: int) -> Response:
    svc = service(web)
    real = own_round(svc, round_id)
    svc.delete(round_id)
    return RedirectResponse(f"/rounds?deleted=Deleted+real+round+{real.id}", status_code=303)
