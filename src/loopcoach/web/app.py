"""The app factory: `create_app(settings)` builds a FastAPI app over the CLI's store and content."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from loopcoach import __version__
from loopcoach.content.index import Content, load_content
from loopcoach.settings import Settings
from loopcoach.store.db import Store
from loopcoach.web import errors
from loopcoach.web.middleware import BodyLimit
from loopcoach.web.security import SameOrigin, SecurityHeaders, allowed_hosts
from loopcoach.web.state import STATIC, WebState, make_templates

ERROR_TITLES = {
    400: "That cannot be done",
    403: "Refused",
    404: "Not found",
    405: "Not allowed",
    413: "Too large",
    422: "Something is missing or malformed",
    500: "Something went wrong",
    503: "loopcoach cannot use its database",
}

API_DESCRIPTION = """\
The JSON API of loopcoach, sharing its service layer with the CLI and the web pages.

Errors always have the body `{"error": {"status", "code", "message", "details"}}`:
400 for an answer that cannot be scored (empty), 404 for an unknown track, round,
question or attempt, 413 for an answer over 10,000 words (or a body over 2 MiB),
422 for a body or parameter that does not match this schema, 403 for a change sent from
another site's page, and 503 when the database cannot be used (disk full, read-only).
"""


def create_app(settings: Settings, *, content: Content | None = None) -> FastAPI:
    """A web app on the store and packs that `settings` name; nothing is module-level."""
    if content is None:
        content = load_content(
            settings.pack_dirs,
            user_root=settings.user_pack_dir,
            default_pack=settings.default_pack,
        )
    url = settings.resolved_database_url()
    if settings.service:
        from loopcoach.web.service import check_service_settings

        check_service_settings(settings, url)
    store = Store.open(url, user=settings.user)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="loopcoach",
        version=__version__,
        description=API_DESCRIPTION,
        openapi_url="/openapi.json",
        # The interactive docs load scripts from a CDN; loopcoach works offline.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    web = WebState(settings=settings, content=content, store=store, templates=make_templates())
    app.state.web = web

    def render_error(request: Request, status: int, message: str) -> HTMLResponse:
        title = ERROR_TITLES.get(status, "Error")
        return web.render(
            request,
            "error.html",
            {"status": status, "title": title, "message": message},
            status_code=status,
        )

    errors.install(app, render_error)
    app.state.render_error = render_error
    # Added innermost first: headers on every response, then Host, then Origin, then size
    # (and in service mode the CSRF token, checked after the Origin).
    if settings.service:
        from loopcoach.web import service

        service.install(app, settings, store.engine)
        service.add_csrf(app, settings)
    app.add_middleware(BodyLimit, max_bytes=errors.MAX_BODY_BYTES)
    app.add_middleware(SameOrigin)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings.allowed_hosts))
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        # Browsers ask for /favicon.ico whatever the page says; answer with the SVG icon.
        return FileResponse(STATIC / "img" / "favicon.svg", media_type="image/svg+xml")

    from loopcoach.web.api import router as api_router
    from loopcoach.web.routes import (
        cards,
        custom,
        data,
        feedback,
        history,
        home,
        plan,
        practice,
        progress,
        rounds,
        stories,
    )

    app.include_router(api_router)
    # custom before practice: /practice/custom is not a question id.
    for module in (
        home,
        custom,
        practice,
        feedback,
        history,
        progress,
        data,
        plan,
        cards,
        stories,
        rounds,
    ):
        app.include_router(module.router)
    from loopcoach.web.routes.loop import router as loops_router  # loop, debrief, fit, compare

    app.include_router(loops_router)
    from loopcoach.web.routes import health

    app.include_router(health.router)
    if settings.service:
        from loopcoach.web.routes import account, admin, coach

        for module in (account, coach, admin):
            app.include_router(module.router)
    return app


def create_app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` and for worker processes: settings from LOOPCOACH_*."""
    return create_app(Settings())
