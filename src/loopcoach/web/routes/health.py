"""`GET /healthz`: whether this worker can answer, for a load balancer or a monitor.

200 with `{"status": "ok", "database": "ok"}` when a query on the database succeeds,
503 with the reason when it does not (PostgreSQL restarting, a disk gone). It reads no
user's data and needs no login, in both modes.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from loopcoach import __version__

router = APIRouter(include_in_schema=False)


def _probe(request: Request) -> str | None:
    engine = request.app.state.web.store.engine
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc
        return (str(cause).splitlines() or [type(cause).__name__])[0]
    return None


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    problem = await run_in_threadpool(_probe, request)
    body = {"status": "ok" if problem is None else "unavailable", "version": __version__}
    if problem is not None:
        return JSONResponse({**body, "database": problem}, status_code=503)
    return JSONResponse({**body, "database": "ok"})
