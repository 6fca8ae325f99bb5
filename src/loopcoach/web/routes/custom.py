"""Practise on a question of your own: paste it, pick its track and round, answer, get feedback."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.errors import LoopcoachError, UnknownItem, UsageError
from loopcoach.services.practice import PracticeQuestion, round_budget
from loopcoach.web.errors import check_answer_size, status_for
from loopcoach.web.format import answer_hint
from loopcoach.web.routes.practice import parse_id, parse_seconds, usable_draft
from loopcoach.web.service import limit_scoring
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]

# The same limits as the JSON API's custom questions (api/schemas.py).
MAX_QUESTION_CHARS = 5000
MAX_REFERENCE_CHARS = 50_000
MAX_POINTS = 50
MAX_POINT_CHARS = 2000

# The choices of "What does the question ask for?", in the scorer's order (a test checks
# they are its ask ids); the empty choice lets the scorer infer it from the question.
ASK_CHOICES: tuple[tuple[str, str], ...] = (
    ("setback_story", "A story of a failure, a mistake or feedback that stung"),
    ("conflict_story", "A story of a disagreement or of persuading someone"),
    ("story", "A story of your own past work"),
    ("design", "A design: a system, a product, a model or a process"),
    ("diagnosis", "A diagnosis: how you would find out why something happened"),
    ("plan", "A plan of action: what you would do, in what order"),
    ("decision", "A decision between options, made and defended"),
    ("motivation", "Your reasons for wanting the role, company or track"),
    ("explanation", "An explanation or definition"),
)


def talking_points_of(text: str) -> list[str]:
    """One talking point a line; blank lines and list bullets are dropped."""
    points = [line.strip().lstrip("-*•").strip() for line in text.splitlines()]
    return [p for p in points if p]


def build_question(
    web: WebState,
    track: str,
    round: str,
    text: str,
    points: list[str],
    reference: str,
    asks_for: str = "",
) -> PracticeQuestion:
    """The custom question the form describes; UsageError/UnknownItem say what is wrong."""
    service = web.service()
    if not text.strip():
        raise UsageError("the question is empty; paste the question you were asked")
    if len(text) > MAX_QUESTION_CHARS:
        raise UsageError(
            f"the question has {len(text):,} characters; the limit is {MAX_QUESTION_CHARS:,}"
        )
    tracks = service.track_ids()
    if track not in tracks:
        raise UnknownItem("track", track, tracks)
    rounds = service.round_ids(track)
    if round not in rounds:
        raise UnknownItem("round", round, rounds)
    if len(points) > MAX_POINTS or any(len(p) > MAX_POINT_CHARS for p in points):
        raise UsageError(
            f"give at most {MAX_POINTS} talking points of {MAX_POINT_CHARS:,} characters each"
        )
    if len(reference) > MAX_REFERENCE_CHARS:
        raise UsageError(f"the model answer is over {MAX_REFERENCE_CHARS:,} characters")
    return service.custom_question(
        track,
        round,
        text,
        talking_points=points,
        reference=reference.strip() or None,
        asks_for=asks_for or None,
    )


def custom_page(
    request: Request,
    web: WebState,
    fields: dict[str, str],
    *,
    draft_id: int | None = None,
    question: PracticeQuestion | None = None,
    field_error: str | None = None,
    answer_error: str | None = None,
    status_code: int = 200,
    elapsed: float | None = None,
) -> HTMLResponse:
    service = web.service()
    tracks = [
        (t, web.track_name(t), [(r, web.round_name(t, r)) for r in service.round_ids(t)])
        for t in service.track_ids()
    ]
    # A custom question is timed like a pack question of its round (two to five
    # minutes), not for the whole round's length.
    budgets: dict[str, dict[str, float]] = {
        t: {str(r.round): round_budget(str(r.round)) for r in web.content.track(t).loop}
        for t, _name, _rounds in tracks
    }
    budget = budgets.get(fields["track"], {}).get(fields["round"])
    # The hint above the answer follows the chosen round (practice.js swaps it).
    hints = {r: answer_hint(r) for _t, _name, rounds in tracks for r, _rname in rounds}
    context: dict[str, Any] = {
        "active": "practice",
        "tracks": tracks,
        "budgets": budgets,
        "hints": hints,
        "asks": ASK_CHOICES,
        "budget": question.budget_seconds if question else budget,
        "f": fields,
        "draft": {
            "custom": True,
            "track": fields["track"] or None,
            "round": fields["round"] or None,
            "question": fields["question"] or None,
            "draft_id": draft_id,
        },
        "field_error": field_error,
        "error": answer_error,
        "status": status_code,
        "elapsed": elapsed,
    }
    return web.render(request, "practice_custom.html", context, status_code=status_code)


@router.get("/practice/custom", response_class=HTMLResponse)
def custom_form(
    request: Request, web: Web, track: str | None = None, round: str | None = None
) -> HTMLResponse:
    service = web.service()
    tracks = service.track_ids()
    chosen = track if track in tracks else (tracks[0] if tracks else "")
    rounds = service.round_ids(chosen) if chosen else []
    fields = {
        "track": chosen,
        "round": round if round in rounds else (rounds[0] if rounds else ""),
        "question": "",
        "talking_points": "",
        "reference": "",
        "asks_for": "",
        "answer": "",
    }
    return custom_page(request, web, fields)


@router.post("/practice/custom", response_model=None)
def custom_submit(
    request: Request,
    web: Web,
    track: Annotated[str, Form()] = "",
    round: Annotated[str, Form()] = "",
    question: Annotated[str, Form()] = "",
    talking_points: Annotated[str, Form()] = "",
    reference: Annotated[str, Form()] = "",
    asks_for: Annotated[str, Form()] = "",
    answer: Annotated[str, Form()] = "",
    draft_id: Annotated[str, Form()] = "",
    elapsed_seconds: Annotated[str, Form()] = "",
) -> Response:
    service = web.service()
    fields = {
        "track": track,
        "round": round,
        "question": question,
        "talking_points": talking_points,
        "reference": reference,
        "asks_for": asks_for,
        "answer": answer,
    }
    elapsed = parse_seconds(elapsed_seconds)
    saved_id = parse_id(draft_id)
    try:
        custom = build_question(
            web, track, round, question, talking_points_of(talking_points), reference, asks_for
        )
    except LoopcoachError as exc:
        # The question itself cannot be used: nothing to file a draft under; every field stays.
        status, _ = status_for(exc)
        return custom_page(
            request,
            web,
            fields,
            draft_id=saved_id,
            field_error=str(exc),
            status_code=status,
            elapsed=elapsed,
        )
    saved_id = usable_draft(service, saved_id, custom)
    try:
        # Kept before it is checked, so a refused answer is never lost.
        saved_id = service.save_draft(custom, answer, saved_id)
        check_answer_size(answer)
        limit_scoring(request, web.account)
        result = service.submit(custom, answer, draft_id=saved_id, duration_seconds=elapsed)
    except LoopcoachError as exc:
        status, _ = status_for(exc)
        if status >= 500:
            raise
        return custom_page(
            request,
            web,
            fields,
            draft_id=saved_id,
            question=custom,
            answer_error=str(exc),
            status_code=status,
            elapsed=elapsed,
        )
    return RedirectResponse(f"/attempts/{result.attempt_id}", status_code=303)
