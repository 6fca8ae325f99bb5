"""The practice pages: choose a question, answer it against the clock, submit for feedback."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.errors import LoopcoachError
from loopcoach.services.practice import PracticeQuestion, PracticeService
from loopcoach.store.models import MAX_ID
from loopcoach.web.errors import check_answer_size, status_for
from loopcoach.web.questions import check_track
from loopcoach.web.service import limit_scoring
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]


def parse_id(value: str | None) -> int | None:
    """A positive id from a form field, or None; only ASCII digits (`²` is a digit to Python)."""
    value = (value or "").strip()
    if not value or len(value) > 10 or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def parse_seconds(value: str | None) -> float | None:
    try:
        seconds = float((value or "").strip())
    except ValueError:
        return None
    return seconds if 0 <= seconds <= 86_400 else None


def usable_draft(
    service: PracticeService, draft_id: int | None, question: PracticeQuestion
) -> int | None:
    """The draft id a form sent, unless it is gone, already submitted, or another question's.

    A draft of another question is never touched: the answer becomes a new attempt.
    """
    if draft_id is None:
        return None
    record = service.store.attempt(draft_id)
    if record is None or record.status != "draft":
        return None
    same = (
        record.kind == question.kind
        and record.parent_id == question.parent_id
        and record.question_id == question.question_id
    )
    return draft_id if same else None


def latest_draft(service: PracticeService, question: PracticeQuestion) -> tuple[str, int | None]:
    """The newest unsent draft of this question (or follow-up), to put back in the form."""
    if question.kind == "follow_up":
        drafts = service.store.attempts(
            parent_id=question.parent_id, kind="follow_up", status="draft", limit=1
        )
    elif question.question_id:
        drafts = service.store.attempts(
            question_id=question.question_id, kind="main", status="draft", limit=1
        )
    else:
        drafts = []
    if drafts:
        return drafts[0].answer, drafts[0].id
    return "", None


def practice_page(
    request: Request,
    web: WebState,
    question: PracticeQuestion,
    *,
    text: str | None = None,
    draft_id: int | None = None,
    error: str | None = None,
    status_code: int = 200,
    elapsed: float | None = None,
) -> HTMLResponse:
    service = web.service()
    if text is None:
        text, draft_id = latest_draft(service, question)
        restored = draft_id is not None
    else:
        restored = False
    history = service.recent_answers(question, limit=5)
    loop_round = None
    for pack in web.content.packs.values():
        if question.track in pack.tracks:
            loop_round = next(
                (r for r in pack.tracks[question.track].loop if r.round == question.round), None
            )
            break
    why = question.chosen_for
    if why:
        # The service names competencies by id; the page uses their names.
        for c in sorted(question.competencies, key=len, reverse=True):
            why = why.replace(c, web.competency_name(c).lower())
    context: dict[str, Any] = {
        "active": "practice",
        "chosen_for": why,
        "question": question,
        "loop_round": loop_round,
        "text": text,
        "restored": restored,
        "draft": {"question_id": question.question_id, "draft_id": draft_id},
        "error": error,
        "status": status_code,
        "history": history,
        "elapsed": elapsed,
    }
    return web.render(request, "practice.html", context, status_code=status_code)


@router.get("/practice", response_class=HTMLResponse)
def practice_start(
    request: Request, web: Web, track: str | None = None, round: str | None = None
) -> HTMLResponse:
    """Without a track: the chooser. With one: the question that trains the weakest competency."""
    service = web.service()
    if not track:
        tracks = [
            (t, web.track_name(t), [(r, web.round_name(t, r)) for r in service.round_ids(t)])
            for t in service.track_ids()
        ]
        return web.render(request, "practice_choose.html", {"active": "practice", "tracks": tracks})
    check_track(service, track)
    question = service.choose(track=track, round=round or None)
    return practice_page(request, web, question)


@router.get("/practice/{question_id}", response_class=HTMLResponse)
def practice_question(request: Request, web: Web, question_id: str) -> HTMLResponse:
    return practice_page(request, web, web.service().question(question_id))


@router.post("/practice/{question_id}", response_model=None)
def submit_answer(
    request: Request,
    web: Web,
    question_id: str,
    answer: Annotated[str, Form()] = "",
    draft_id: Annotated[str, Form()] = "",
    elapsed_seconds: Annotated[str, Form()] = "",
) -> Response:
    service = web.service()
    question = service.question(question_id)
    saved_id = usable_draft(service, parse_id(draft_id), question)
    try:
        # Kept before it is checked, so a refused answer is never lost.
        saved_id = service.save_draft(question, answer, saved_id)
        check_answer_size(answer)
        limit_scoring(request, web.account)
        result = service.submit(
            question, answer, draft_id=saved_id, duration_seconds=parse_seconds(elapsed_seconds)
        )
    except LoopcoachError as exc:
        # A refused answer (400, 413) or unknown draft: the page again, with the text.
        status, _ = status_for(exc)
        if status >= 500:
            raise
        return practice_page(
            request,
            web,
            question,
            text=answer,
            draft_id=saved_id,
            error=str(exc),
            status_code=status,
            elapsed=parse_seconds(elapsed_seconds),
        )
    return RedirectResponse(f"/attempts/{result.attempt_id}", status_code=303)
