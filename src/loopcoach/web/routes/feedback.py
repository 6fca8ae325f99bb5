"""The feedback page of an attempt, and the form that answers its follow-up probe."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.errors import LoopcoachError, UnknownItem
from loopcoach.store.records import AttemptRecord
from loopcoach.web.errors import NotFound, check_answer_size, status_for
from loopcoach.web.highlight import highlight
from loopcoach.web.routes.practice import latest_draft, parse_id, parse_seconds, usable_draft
from loopcoach.web.service import limit_scoring
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]


def load_attempt(web: WebState, attempt_id: str) -> AttemptRecord:
    number = parse_id(attempt_id)
    record = web.store.attempt(number) if number is not None else None
    if record is None:
        raise NotFound(f"no attempt {attempt_id}; the history page lists yours")
    return record


def criteria_rows(
    web: WebState, record: AttemptRecord, by_anchor: dict[str, list[int]]
) -> list[dict[str, Any]]:
    payload = record.assessment.payload if record.assessment else {}
    return [
        {
            "id": c["id"],
            "name": web.criterion_name(record.round, c["id"]),
            "description": web.criterion_description(record.round, c["id"]),
            "score": int(c["score"]),
            "note": c.get("note", ""),
            "spans": by_anchor.get(f"crit-{c['id']}", []),
        }
        for c in payload.get("criteria", [])
    ]


def flag_rows(
    web: WebState, record: AttemptRecord, by_anchor: dict[str, list[int]]
) -> list[dict[str, Any]]:
    payload = record.assessment.payload if record.assessment else {}
    return [
        {
            "id": f["id"],
            "name": web.flag_name(f["id"]),
            "why": f.get("why", ""),
            "spans": by_anchor.get(f"flag-{f['id']}", []),
            "quotes": [e.get("text", "").strip() for e in f.get("evidence", [])][:3],
        }
        for f in payload.get("flags", [])
    ]


def exemplar_rows(web: WebState, record: AttemptRecord) -> list[dict[str, Any]]:
    """The pack's exemplar answers to the attempt's question, strong first, to read beside it."""
    if record.kind != "main" or not record.question_id:
        return []
    try:
        _pack, question = web.content.question(record.question_id)
    except UnknownItem:  # the pack that held it is gone
        return []
    ordered = sorted(question.exemplars, key=lambda e: (e.kind != "strong", -e.grade))
    return [
        {
            "kind": e.kind,
            "grade": e.grade,
            "answer": e.answer,
            "note": e.note or "",
            "flags": [web.flag_name(f) for f in e.flags],
        }
        for e in ordered
    ]


def feedback_page(
    request: Request,
    web: WebState,
    record: AttemptRecord,
    *,
    follow_text: str | None = None,
    follow_draft: int | None = None,
    error: str | None = None,
    status_code: int = 200,
    elapsed: float | None = None,
) -> HTMLResponse:
    service = web.service()
    payload = record.assessment.payload if record.assessment else None
    marked = highlight(record.answer, payload, web.evidence_names(record.round))
    follow_question = None
    if payload and payload.get("follow_up"):
        follow_question = service.follow_up_question(record.id, payload["follow_up"])
        if follow_text is None:
            follow_text, follow_draft = latest_draft(service, follow_question)
    earlier = (
        [
            a
            for a in service.history(record.question_id or record.question)
            if a.kind == record.kind and a.id < record.id and a.assessment is not None
        ]
        if record.kind == "main"
        else []
    )
    context: dict[str, Any] = {
        "active": "history",
        "a": record,
        "payload": payload,
        "non_answer": _non_answer(payload),
        "doubt": _doubt(payload),
        "marked": marked,
        "criteria": criteria_rows(web, record, marked.by_anchor),
        "flags": flag_rows(web, record, marked.by_anchor),
        "exemplars": exemplar_rows(web, record),
        "follow_question": follow_question,
        "follow_text": follow_text or "",
        "follow_draft": {
            "parent_id": record.id,
            "parent_uid": record.uid,
            "draft_id": follow_draft,
            "probe": follow_question.text if follow_question else None,
        },
        "follow_ups": service.store.attempts(
            parent_id=record.id, status=("saved", "scored", "error"), oldest_first=True
        ),
        "parent": service.store.attempt(record.parent_id) if record.parent_id else None,
        "previous": earlier[-1] if earlier else None,
        "budget": follow_question.budget_seconds if follow_question else None,
        # The answer's own budget, for "Time used 1:35 of 2:30": a follow-up's budget
        # or the round's length is not what this answer was timed against.
        "answer_budget": _answer_budget(service, record),
        "error": error,
        "status": status_code,
        "elapsed": elapsed,
        # Service mode: what the student's coaches said of this answer.
        "comments": (
            request.app.state.accounts.comments(record.id) if web.settings.service else []
        ),
    }
    return web.render(request, "feedback.html", context, status_code=status_code)


def _answer_budget(service: Any, record: Any) -> float | None:
    """Seconds the answer was meant to take: its question's budget, or a probe's."""
    from loopcoach.errors import LoopcoachError
    from loopcoach.services.practice import follow_up_budget, round_budget

    try:
        own = service.question(record.question_id).budget_seconds if record.question_id else None
    except LoopcoachError:  # a question no longer in any pack
        own = None
    if record.kind != "main":
        return follow_up_budget(own)
    return own if own is not None else round_budget(record.round)


@router.get("/attempts/{attempt_id}", response_class=HTMLResponse)
def feedback(request: Request, web: Web, attempt_id: str) -> HTMLResponse:
    return feedback_page(request, web, load_attempt(web, attempt_id))


@router.post("/attempts/{attempt_id}/follow-up", response_model=None)
def answer_follow_up(
    request: Request,
    web: Web,
    attempt_id: str,
    answer: Annotated[str, Form()] = "",
    draft_id: Annotated[str, Form()] = "",
    elapsed_seconds: Annotated[str, Form()] = "",
) -> Response:
    service = web.service()
    record = load_attempt(web, attempt_id)
    probe = str((record.assessment.payload if record.assessment else {}).get("follow_up") or "")
    question = service.follow_up_question(record.id, probe or None)
    saved_id = usable_draft(service, parse_id(draft_id), question)
    try:
        saved_id = service.save_draft(question, answer, saved_id)
        check_answer_size(answer)
        limit_scoring(request, web.account)
        result = service.submit(
            question, answer, draft_id=saved_id, duration_seconds=parse_seconds(elapsed_seconds)
        )
    except LoopcoachError as exc:
        status, _ = status_for(exc)
        if status >= 500:
            raise
        return feedback_page(
            request,
            web,
            record,
            follow_text=answer,
            follow_draft=saved_id,
            error=str(exc),
            status_code=status,
            elapsed=parse_seconds(elapsed_seconds),
        )
    return RedirectResponse(f"/attempts/{result.attempt_id}", status_code=303)


def _doubt(payload: dict[str, Any] | None) -> dict[str, Any] | None:
    """The grade lowered for distance from the question (scorer 2.1), with its reason."""
    rel = (payload or {}).get("relevance") or {}
    reason, doubt = rel.get("doubt_reason"), rel.get("doubt") or 0
    if not reason or not rel.get("answers", True):
        return None
    from loopcoach.scoring.model import DOUBT_GAIN

    return {"reason": str(reason), "lowered": min(3.0, DOUBT_GAIN * float(doubt))}


def _non_answer(payload: dict[str, Any] | None) -> str:
    """The relevance judgement's reason, when the answer does not answer the question."""
    rel = (payload or {}).get("relevance") or {}
    if rel.get("answers", True):
        return ""
    return str(rel.get("reason") or "")
