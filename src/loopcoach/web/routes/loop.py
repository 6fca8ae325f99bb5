"""The mock loop in the browser: start, answer round by round, skip, pause, and the debrief.

Every page is a plain form that works without JavaScript; with it, the answer form
counts down the round's budget and saves drafts as you type (practice.js). A draft
typed before the tab closed is found again and tied to its loop step, so leaving a
loop halfway loses nothing: /loop lists it and its page picks up where it stopped.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.errors import InvalidAnswer, LoopcoachError, UsageError
from loopcoach.services.debrief_export import (
    DEBRIEF_CSS,
    content_names,
    debrief_html,
    debrief_markdown,
)
from loopcoach.services.debrief_export import debrief_html_fragment as fragment
from loopcoach.services.loop import LoopService, Turn
from loopcoach.store.models import MAX_ID
from loopcoach.web.errors import NotFound, check_answer_size, status_for
from loopcoach.web.routes.fit import router as fit_router
from loopcoach.web.routes.practice import parse_id, parse_seconds, usable_draft
from loopcoach.web.service import limit_scoring
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
router.include_router(fit_router)
Web = Annotated[WebState, Depends(web_state)]


def service(web: WebState) -> LoopService:
    return LoopService(web.store, web.content)


def own_loop(svc: LoopService, loop_id: int) -> Any:
    if not 0 < loop_id <= MAX_ID:
        raise NotFound(f"no loop {loop_id}")
    try:
        return svc.loops.get(loop_id)
    except UsageError:
        raise NotFound(f"no loop {loop_id}") from None


def adopt_draft(svc: LoopService, loop: Any, turn: Turn) -> Turn:
    """Tie to the step a draft the page's autosave kept but the loop has not seen yet."""
    if turn.draft is not None:
        return turn
    q = turn.question
    if q.kind == "follow_up" and q.parent_id is not None:
        found = svc.store.attempts(parent_id=q.parent_id, kind="follow_up", status="draft", limit=1)
    else:
        found = svc.store.attempts(question_id=q.question_id, kind="main", status="draft", limit=1)
    if not found or found[0].created_at < loop.created_at:
        return turn
    svc.loops.link_attempt(turn.step.id, found[0].id)
    return svc.next_turn(turn.loop_id) or turn


def turn_page(
    request: Request,
    web: WebState,
    loop: Any,
    turn: Turn,
    *,
    text: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    q = turn.question
    draft_id = turn.draft.id if turn.draft is not None else None
    if q.kind == "follow_up":
        payload: dict[str, Any] = {"parent_id": q.parent_id, "probe": q.text, "draft_id": draft_id}
    else:
        payload = {"question_id": q.question_id, "draft_id": draft_id}
    budget = max(60.0, turn.loop_round.minutes * 60 - turn.round_seconds_used)
    context = {
        "active": "loop",
        "loop": loop,
        "turn": turn,
        "question": q,
        "text": text if text is not None else (turn.draft.answer if turn.draft else ""),
        "restored": text is None and turn.draft is not None and bool(turn.draft.answer),
        "draft": payload,
        "budget": budget,
        "error": error,
        "status": status_code,
        "rounds": service(web).track(loop.track, loop.pack)[1].loop,
    }
    return web.render(request, "loop_turn.html", context, status_code=status_code)


@router.get("/loop", response_class=HTMLResponse)
def loop_home(request: Request, web: Web, deleted: str = "") -> HTMLResponse:
    svc = service(web)
    pack = web.content.pack()
    context = {
        "active": "loop",
        "deleted": deleted[:300],
        "loops": svc.loops.loops(limit=20),
        "tracks": list(pack.tracks.values()),
    }
    return web.render(request, "loop_start.html", context)


@router.post("/loop", response_model=None)
def loop_start(web: Web, track: Annotated[str, Form()] = "") -> Response:
    loop = service(web).start(track.strip())
    return RedirectResponse(f"/loop/{loop.id}", status_code=303)


@router.get("/loop/{loop_id}", response_class=HTMLResponse, response_model=None)
def loop_turn(request: Request, web: Web, loop_id: int) -> Response:
    svc = service(web)
    loop = own_loop(svc, loop_id)
    turn = svc.next_turn(loop_id)
    if turn is None:
        svc.finish(loop_id)
        return RedirectResponse(f"/loop/{loop_id}/debrief", status_code=303)
    return turn_page(request, web, loop, adopt_draft(svc, loop, turn))


@router.post("/loop/{loop_id}", response_model=None)
def loop_answer(
    request: Request,
    web: Web,
    loop_id: int,
    step: Annotated[str, Query()] = "",
    answer: Annotated[str, Form()] = "",
    draft_id: Annotated[str, Form()] = "",
    elapsed_seconds: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "submit",
) -> Response:
    svc = service(web)
    loop = own_loop(svc, loop_id)
    turn = svc.next_turn(loop_id)
    # A form for a question already answered (a resubmit, another tab) just moves on.
    if turn is None or str(turn.step.id) != step.strip():
        return RedirectResponse(f"/loop/{loop_id}", status_code=303)
    if action == "skip":
        svc.skip(turn)
        return RedirectResponse(f"/loop/{loop_id}", status_code=303)
    draft = usable_draft(svc.practice, parse_id(draft_id), turn.question)
    try:
        # Kept before it is checked, so a refused answer is never lost.
        draft = svc.save_draft(turn, answer, draft)
        check_answer_size(answer)
        limit_scoring(request, web.account)
        svc.answer(turn, answer, draft_id=draft, duration_seconds=parse_seconds(elapsed_seconds))
    except (InvalidAnswer, LoopcoachError) as exc:
        status, _ = status_for(exc)
        if status >= 500:
            raise
        fresh = svc.next_turn(loop_id) or turn
        return turn_page(request, web, loop, fresh, text=answer, error=str(exc), status_code=status)
    return RedirectResponse(f"/loop/{loop_id}", status_code=303)


@router.get("/loop/{loop_id}/debrief", response_class=HTMLResponse)
def loop_debrief(request: Request, web: Web, loop_id: int) -> HTMLResponse:
    svc = service(web)
    loop = own_loop(svc, loop_id)
    if not loop.finished:
        raise UsageError(f"loop {loop_id} is not finished yet; answer its remaining questions")
    debrief = svc.debrief(loop_id)
    context = {
        "active": "loop",
        "loop": loop,
        "debrief": debrief,
        "fragment": fragment(debrief, content_names(web.content)),
        "css": DEBRIEF_CSS,
    }
    return web.render(request, "loop_debrief.html", context)


@router.get("/loop/{loop_id}/debrief.{fmt}")
def loop_export(web: Web, loop_id: int, fmt: str) -> Response:
    svc = service(web)
    own_loop(svc, loop_id)
    debrief = svc.debrief(loop_id)
    names = content_names(web.content)
    if fmt == "md":
        body, media = debrief_markdown(debrief, names), "text/markdown; charset=utf-8"
    elif fmt == "html":
        body, media = debrief_html(debrief, names), "text/html; charset=utf-8"
    else:
        raise NotFound(f"no export as {fmt!r}; use .md or .html")
    name = f"loopcoach-debrief-{loop_id}.{fmt}"
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
