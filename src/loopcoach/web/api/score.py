"""POST /api/v1/score: grade an answer with the pure scorer; nothing is stored."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from loopcoach.scoring import TRACKS, score
from loopcoach.services.answers import validate_answer
from loopcoach.web.api.schemas import AssessmentOut, ScoreRequest
from loopcoach.web.errors import check_answer_size, responses
from loopcoach.web.questions import resolve_question
from loopcoach.web.service import limit_scoring
from loopcoach.web.state import WebState, web_state

router = APIRouter(tags=["scoring"])

# A plain `def`, so FastAPI runs it in its thread pool: a long answer (up to 200,000
# characters, 3-4 s of CPU at worst, every cue linear in its length) slows other requests
# but never stops the event loop; throughput comes from `loopcoach serve --workers N`.


@router.post(
    "/score",
    response_model=AssessmentOut,
    responses=responses(400, 404, 413, 422),
    summary="Score an answer and return its Assessment",
    description=(
        "Scores `answer` to `question` (or to the pack question `question_id`) for `track` "
        "and `round`, the same way `loopcoach score --json` does. With `reference` or "
        "`talking_points` (or a pack question, which has its own), the Assessment carries "
        "`coverage`. `asks_for` says what the question asks for (a pack question has its "
        "own); without either, the kind is inferred from the question's text. "
        "Deterministic: the same body always gives the same Assessment. "
        "Nothing is stored; POST /api/v1/attempts keeps the answer and its assessment."
    ),
)
def score_answer(
    request: Request, body: ScoreRequest, web: Annotated[WebState, Depends(web_state)]
) -> JSONResponse:
    service = web.service()
    question = resolve_question(
        service,
        question_id=body.question_id,
        track=body.track,
        round=body.round,
        text=body.question,
        talking_points=body.talking_points,
        reference=body.reference,
    )
    check_answer_size(body.answer)
    validate_answer(body.answer)
    limit_scoring(request, web.account)
    extra = [t for t in web.track_ids() if t not in TRACKS]
    assessment = score(
        question.track,
        question.round,
        question.text,
        body.answer,
        reference=question.reference,
        talking_points=list(question.talking_points) or None,
        probes=question.probes,
        extra_tracks=extra,
        asks_for=body.asks_for or question.asks_for,
    )
    return JSONResponse(assessment.to_json())
