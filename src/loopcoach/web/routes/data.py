"""Your data: download everything as `loopcoach.export/1`, and delete for good from the web.

Every deletion is a POST (the SameOrigin middleware refuses one from another site) and
says what it removed; deleting everything also needs the words typed in a box.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.background import BackgroundTask

from loopcoach.errors import UsageError
from loopcoach.store.erase import Eraser
from loopcoach.store.transfer import counts, export_file
from loopcoach.web.errors import NotFound
from loopcoach.web.routes.practice import parse_id
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]
CONFIRM = "delete everything"


def _done(target: str, message: str) -> RedirectResponse:
    return RedirectResponse(f"{target}?deleted={quote(message)}", status_code=303)


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request, web: Web, deleted: str = "", error: str = "") -> HTMLResponse:
    return web.render(
        request,
        "data.html",
        {
            "active": "data",
            "counts": counts(web.store),
            "location": web.settings.resolved_database_url(),
            "deleted": deleted[:300],
            "error": error[:300],
            "confirm": CONFIRM,
            "postgres": web.store.engine.dialect.name == "postgresql",
        },
    )


@router.get("/data/export.json")
def export_download(web: Web) -> Response:
    """Everything, as one file; written to a temporary file first, then sent and removed."""
    handle, name = tempfile.mkstemp(prefix="loopcoach-export-", suffix=".json")
    os.close(handle)
    from pathlib import Path

    path = Path(name)
    try:
        export_file(web.store, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    return FileResponse(
        path,
        media_type="application/json",
        filename=f"loopcoach-export-{stamp}.json",
        background=BackgroundTask(path.unlink, missing_ok=True),
    )


@router.post("/data/delete-everything", response_model=None)
def delete_everything(web: Web, confirm: Annotated[str, Form()] = "") -> Response:
    if confirm.strip().lower() != CONFIRM:
        message = f"Nothing was deleted: type “{CONFIRM}” in the box to confirm."
        return RedirectResponse(f"/data?error={quote(message)}", status_code=303)
    erased = Eraser(web.store).everything()
    return _done("/data", erased.describe().capitalize() + ".")


@router.post("/attempts/{attempt_id}/delete", response_model=None)
def delete_attempt(web: Web, attempt_id: str) -> Response:
    number = parse_id(attempt_id)
    try:
        erased = Eraser(web.store).attempt(number or 0)
    except UsageError:
        raise NotFound(f"no attempt {attempt_id}; it may have been deleted already") from None
    return _done("/history", erased.describe().capitalize() + ".")


@router.post("/questions/{question_id}/delete-history", response_model=None)
def delete_question_history(web: Web, question_id: str) -> Response:
    try:
        erased = Eraser(web.store).question(question_id)
    except UsageError as exc:
        raise NotFound(str(exc)) from None
    return _done("/history", erased.describe().capitalize() + ".")


@router.post("/loop/{loop_id}/delete", response_model=None)
def delete_loop(web: Web, loop_id: str) -> Response:
    number = parse_id(loop_id)
    try:
        erased = Eraser(web.store).loop(number or 0)
    except UsageError:
        raise NotFound(f"no loop {loop_id}; it may have been deleted already") from None
    return _done("/loop", erased.describe().capitalize() + ".")
