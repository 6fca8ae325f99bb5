"""Attempts and drafts: every answer is saved before it is validated and scored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from loopcoach.services.practice import PracticeQuestion, PracticeService
from loopcoach.store.models import MAX_ID
from loopcoach.web.api.schemas import (
    AnswerRequest,
    AttemptList,
    AttemptOut,
    DraftOut,
    DraftRequest,
    FollowUpRequest,
    RoundId,
)
from loopcoach.web.errors import NotFound, check_answer_size, responses
from loopcoach.web.questions import check_track, existing_draft, resolve_question
from loopcoach.web.service import limit_scoring
from loopcoach.web.state import WebState, web_state

router = APIRouter(tags=["attempts"])
Web = Annotated[WebState, Depends(web_state)]
AttemptId = Annotated[int, Path(ge=1, le=MAX_ID, description="An attempt's id.")]


def attempt_json(service: PracticeService, attempt_id: int) -> dict[str, Any]:
    record = service.store.attempt(attempt_id)
    if record is None:
        raise NotFound(f"no attempt {attempt_id}")
    return record.to_json()


def save_then_submit(
    service: PracticeService,
    question: PracticeQuestion,
    answer: str,
    draft_id: int | None,
    duration_seconds: float | None,
    gate: Callable[[], None] | None = None,
) -> int:
    """Keep the text as a draft first, so a refused answer is never lost; then score it.

    `gate` runs between the two: service mode's scoring rate limit.
    """
    draft_id = service.save_draft(question, answer, existing_draft(service, draft_id))
    check_answer_size(answer)
    if gate is not None:
        gate()
    result = service.submit(question, answer, draft_id=draft_id, duration_seconds=duration_seconds)
    return result.attempt_id


@router.get(
    "/attempts",
    response_model=AttemptList,
    responses=responses(404),
    summary="Your attempts, newest first, filtered, a page at a time",
    description=(
        "Attempts newest first, with the filters given. `total` counts every attempt "
        "that matches the filters; `items` is one page of them: at most `limit`, "
        "skipping the first `offset`. For long lists, page with `before` instead: the id "
        "of the last item of the page you have, for the attempts listed after it. "
        "That cursor stays put while new answers arrive, and a deep page costs no more "
        "than the first."
    ),
)
def list_attempts(
    web: Web,
    track: Annotated[str | None, Query(max_length=80)] = None,
    round: RoundId | None = None,
    competency: Annotated[str | None, Query(max_length=80)] = None,
    question_id: Annotated[str | None, Query(max_length=80)] = None,
    status: Literal["draft", "saved", "scored", "error"] | None = None,
    kind: Literal["main", "follow_up"] | None = None,
    limit: Annotated[
        int, Query(ge=1, le=1000, description="Most attempts in `items` (1 to 1000).")
    ] = 50,
    offset: Annotated[
        int, Query(ge=0, le=10_000_000, description="How many matching attempts to skip.")
    ] = 0,
    before: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_ID,
            description="Only attempts listed after this one (an attempt id): a cursor.",
        ),
    ] = None,
) -> dict[str, Any]:
    service = web.service()
    if track:
        check_track(service, track)
    filters: dict[str, Any] = {
        "track": track,
        "round": round,
        "competency": competency,
        "question_id": question_id,
        "status": status,
        "kind": kind,
    }
    found = service.store.attempts(**filters, limit=limit, offset=offset, before=before)
    return {
        "total": service.store.count_attempts(**filters),
        "items": [a.to_json() for a in found],
    }


@router.post(
    "/attempts",
    response_model=AttemptOut,
    status_code=201,
    responses=responses(400, 404, 413, 422),
    summary="Submit an answer: saved, then scored",
)
def create_attempt(request: Request, body: AnswerRequest, web: Web) -> dict[str, Any]:
    service = web.service()
    question = resolve_question(
        service,
        question_id=body.question_id,
        track=body.track,
        round=body.round,
        text=body.question,
    )
    attempt_id = save_then_submit(
        service,
        question,
        body.answer,
        body.draft_id,
        body.duration_seconds,
        lambda: limit_scoring(request, web.account),
    )
    return attempt_json(service, attempt_id)


@router.get(
    "/attempts/{attempt_id}",
    response_model=AttemptOut,
    responses=responses(404),
    summary="One attempt with its latest assessment",
)
def get_attempt(web: Web, attempt_id: AttemptId) -> dict[str, Any]:
    return attempt_json(web.service(), attempt_id)


@router.delete(
    "/attempts/{attempt_id}",
    status_code=204,
    responses=responses(404),
    summary="Delete an attempt, its follow-ups and assessments, for good",
)
def delete_attempt(web: Web, attempt_id: AttemptId) -> Response:
    if not web.store.delete_attempt(attempt_id):
        raise NotFound(f"no attempt {attempt_id}")
    return Response(status_code=204)


@router.post(
    "/attempts/{attempt_id}/follow-up",
    response_model=AttemptOut,
    status_code=201,
    responses=responses(400, 404, 413, 422),
    summary="Answer the follow-up probe of an attempt",
)
def answer_follow_up(
    request: Request, web: Web, attempt_id: AttemptId, body: FollowUpRequest
) -> dict[str, Any]:
    service = web.service()
    if service.store.attempt(attempt_id) is None:
        raise NotFound(f"no attempt {attempt_id}")
    question = service.follow_up_question(attempt_id, body.probe)
    new_id = save_then_submit(
        service,
        question,
        body.answer,
        body.draft_id,
        body.duration_seconds,
        lambda: limit_scoring(request, web.account),
    )
    return attempt_json(service, new_id)


@router.post(
    "/drafts",
    response_model=DraftOut,
    responses=responses(400, 404, 422),
    summary="Save the text typed so far",
    description=(
        "Creates a draft, or updates `draft_id`, with the text typed so far. The practice "
        "page calls this as you type. Nothing is saved while the text is blank and there "
        "is no draft yet (`draft_id` is then null)."
    ),
)
def save_draft(body: DraftRequest, web: Web) -> dict[str, Any]:
    service = web.service()
    if body.parent_id is not None:
        if service.store.attempt(body.parent_id) is None:
            raise NotFound(f"no attempt {body.parent_id}")
        question = service.follow_up_question(body.parent_id, body.probe)
    else:
        question = resolve_question(
            service,
            question_id=body.question_id,
            track=body.track,
            round=body.round,
            text=body.question,
        )
    draft_id = service.save_draft(question, body.answer, existing_draft(service, body.draft_id))
    saved_at = datetime.now(UTC).isoformat() if draft_id is not None else None
    return {"draft_id": draft_id, "saved_at": saved_at}
