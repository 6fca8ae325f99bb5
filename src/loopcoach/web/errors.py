"""How the web app reports errors: a JSON body under /api, a page everywhere else.

Every error a user can cause maps to a 4xx with a message that says what to fix:
400 for an answer that cannot be scored or a request that cannot be acted on, 404
for an unknown track, round, question or attempt, 413 for an answer or body over
the limits, and 422 for a body or parameter that does not match the schema. A
database that cannot be used (a full disk, a read-only file, a server that is down) is
a 503 that says so; a 500 never claims that what was sent was kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import DatabaseError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from loopcoach.errors import DatabaseFault, InvalidAnswer, LoopcoachError, UnknownItem
from loopcoach.services.answers import MAX_WORDS, count_words
from loopcoach.store.engine import explain, location

log = logging.getLogger("loopcoach.web")

# The scorer refuses answers over this many characters too (scoring.engine.MAX_CHARS).
MAX_ANSWER_CHARS = 200_000
# No request body the app accepts is anywhere near this; larger ones are refused unread.
MAX_BODY_BYTES = 2 * 1024 * 1024


class AnswerTooLarge(InvalidAnswer):
    """An answer over the word or character limit: HTTP 413."""


class NotFound(LoopcoachError):
    """An attempt or draft that does not exist (or is not this user's): HTTP 404."""


class ErrorDetail(BaseModel):
    """One problem with a request: where it is and what is wrong."""

    location: str
    message: str


class ErrorInfo(BaseModel):
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorBody(BaseModel):
    """Every error the API returns has this shape."""

    error: ErrorInfo


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The request cannot be acted on (an empty answer)."},
    404: {"model": ErrorBody, "description": "Unknown track, round, question or attempt."},
    413: {"model": ErrorBody, "description": "The answer or the request body is too large."},
    422: {"model": ErrorBody, "description": "The body or a parameter does not match the schema."},
    503: {
        "model": ErrorBody,
        "description": "The database cannot be used now (disk full, read-only, unreachable); "
        "`code` names the fault and the message says what to do.",
    },
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` entries for these error statuses."""
    return {s: ERROR_RESPONSES[s] for s in statuses}


def check_answer_size(answer: str) -> None:
    """Raise AnswerTooLarge if the answer is over the scorer's limits."""
    if len(answer) > MAX_ANSWER_CHARS:
        raise AnswerTooLarge(
            f"the answer has {len(answer):,} characters; the limit is {MAX_ANSWER_CHARS:,}. "
            "Shorten it."
        )
    words = count_words(answer)
    if words > MAX_WORDS:
        raise AnswerTooLarge(
            f"the answer has {words:,} words; the limit is {MAX_WORDS:,}. Shorten it."
        )


def status_for(exc: LoopcoachError) -> tuple[int, str]:
    """The HTTP status and error code for one of loopcoach's own errors."""
    if isinstance(exc, AnswerTooLarge):
        return 413, "answer_too_large"
    if isinstance(exc, UnknownItem):
        return 404, "unknown_item"
    if isinstance(exc, NotFound):
        return 404, "not_found"
    if isinstance(exc, InvalidAnswer):
        return 400, "invalid_answer"
    if exc.exit_code == 2:  # UsageError: a request that cannot be acted on
        return 400, "bad_request"
    return 500, "internal_error"


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_json(
    status: int, code: str, message: str, details: list[ErrorDetail] | None = None
) -> JSONResponse:
    body = ErrorBody(
        error=ErrorInfo(status=status, code=code, message=message, details=details or [])
    )
    return JSONResponse(body.model_dump(), status_code=status)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in loc)


def _validation_message(details: list[ErrorDetail]) -> str:
    if not details:
        return "the request does not match the schema"
    first = details[0]
    more = f" (and {len(details) - 1} more problem(s))" if len(details) > 1 else ""
    return f"{first.location}: {first.message}{more}"


RenderError = Callable[[Request, int, str], Response]


def install(app: FastAPI, render_error: RenderError) -> None:
    """Register the handlers; `render_error(request, status, title, message)` draws the page."""

    @app.exception_handler(LoopcoachError)
    async def loopcoach_error(request: Request, exc: LoopcoachError) -> Response:
        status, code = status_for(exc)
        message = " ".join(str(exc).split()) or type(exc).__name__
        if status >= 500:
            log.error("request %s failed: %s", request.url.path, message)
        if wants_json(request):
            return error_json(status, code, message)
        return render_error(request, status, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [
            ErrorDetail(location=_location(e.get("loc", ())), message=str(e.get("msg", "")))
            for e in exc.errors()
        ]
        message = _validation_message(details)
        if wants_json(request):
            return error_json(422, "validation_error", message, details)
        return render_error(request, 422, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"there is no page at {request.url.path}"
        headers = getattr(exc, "headers", None)
        response: Response
        if wants_json(request):
            code = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}.get(
                exc.status_code, "http_error"
            )
            response = error_json(exc.status_code, code, message)
        else:
            response = render_error(request, exc.status_code, message)
        if headers:
            response.headers.update(headers)
        return response

    @app.exception_handler(DatabaseFault)
    @app.exception_handler(DatabaseError)
    async def database_error(request: Request, exc: Exception) -> Response:
        fault = exc if isinstance(exc, DatabaseFault) else database_fault(request, exc)
        if fault is None:  # a bug (a constraint, a query), not the database failing
            return await unexpected(request, exc)
        message = " ".join(str(fault).split())
        log.error("request %s failed: %s", request.url.path, message)
        if wants_json(request):
            return error_json(503, f"database_{fault.kind}", message)
        if request.method not in SAFE_METHODS:
            message += f" {MAY_BE_LOST}"
        return render_error(request, 503, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.error("unexpected error on %s", request.url.path, exc_info=exc)
        message = "something went wrong on loopcoach's side"
        if request.method in SAFE_METHODS:
            message += "; try again, and run `loopcoach doctor` if it goes on."
        elif wants_json(request):
            message += ", and what you sent may not have been saved; keep your copy of it."
        else:
            message += f". {MAY_BE_LOST}"
        if wants_json(request):
            return error_json(500, "internal_error", message)
        return render_error(request, 500, message)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# The page's script keeps a copy in this browser too, but only Back is sure to show it.
MAY_BE_LOST = (
    "Your answer may not have been saved: go back to the form, where your browser still "
    "has the text, and copy it somewhere safe before you leave the page."
)


def database_fault(request: Request, exc: Exception) -> DatabaseFault | None:
    """The DatabaseFault for a SQLAlchemy error the store's engine did not explain; None
    for a bug (a constraint or a query the database refuses), which is no fault of the
    database's."""
    if not isinstance(exc, DatabaseError) or type(exc) not in (DatabaseError, OperationalError):
        return None
    where = location(request.app.state.web.store.engine.url)
    cause = exc.orig or exc
    fault = explain(cause, where)
    if fault is not None:
        return fault
    reason = (str(cause).splitlines() or [type(cause).__name__])[0]
    return DatabaseFault(
        f"the database at {where} failed ({reason}). Try again; if it goes on, run "
        "`loopcoach doctor`.",
        location=where,
    )
