"""Service mode in the web app: who is asking, what they may do, and how often.

`check_service_settings` refuses to start without what service mode needs. Every
request is tied to an account by its session cookie or, for /api/v1, by
`Authorization: Bearer <personal API token>`; `web_state` then hands each handler the
store seen as that account, so every page and API operation reads and writes that
account's rows only, through the same service layer as local mode. A request without a
live session gets 401 from the API and a redirect to the login page elsewhere.

CSRF: on top of the same-origin check every mode has, forms and fetches carry a token
(asgi-csrf's signed double-submit cookie: a hidden `csrftoken` field, or the
`X-CSRFToken` header from the page's meta tag). Rate limits come from the `limits`
package, with their counters in Redis when `LOOPCOACH_REDIS_URL` is set, so every
worker counts against the same window.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import make_url

from loopcoach.errors import UsageError

if TYPE_CHECKING:
    from loopcoach.services.accounts import Account, Accounts
    from loopcoach.settings import Settings

log = logging.getLogger(__name__)

SESSION_COOKIE = "loopcoach_session"
# Pages anyone may open in service mode: signing in and what it needs.
PUBLIC_PATHS = frozenset({"/login", "/signup", "/reset", "/healthz", "/favicon.ico"})
PUBLIC_PREFIXES = ("/static/",)


class ServiceSettingsError(UsageError):
    """Service mode was asked for without what it needs."""


def check_service_settings(settings: Settings, url: str) -> None:
    """Refuse service mode without PostgreSQL and a real secret key, saying what to set."""
    problems = []
    if make_url(url).get_backend_name() != "postgresql":
        problems.append(
            "a PostgreSQL database: set LOOPCOACH_DATABASE_URL "
            "(postgresql+psycopg://user@host:5432/loopcoach)"
        )
    key = settings.secret_key.get_secret_value() if settings.secret_key else ""
    if len(key) < 32:
        problems.append(
            "a secret key of at least 32 characters, the same for every worker: set "
            'LOOPCOACH_SECRET_KEY (python -c "import secrets; print(secrets.token_urlsafe(48))")'
        )
    try:
        import argon2  # noqa: F401
        import asgi_csrf  # noqa: F401
        import limits  # noqa: F401
    except ImportError:
        problems.append("the service extras: pip install 'loopcoach[service]'")
    if problems:
        raise ServiceSettingsError(
            "service mode needs " + "; and ".join(problems) + ". Nothing was started."
        )


class LoginRequired(Exception):
    """A request in service mode with no live session or token."""


class Forbidden(Exception):
    """A signed-in account asking for what its role does not allow (coach and admin pages)."""


class TooManyRequests(Exception):
    def __init__(self, retry_after: int, what: str) -> None:
        super().__init__(what)
        self.retry_after = retry_after
        self.what = what


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def accounts_of(request: Request) -> Accounts:
    found: Accounts = request.app.state.accounts
    return found


def current_account(request: Request) -> Account | None:
    """The account this request is made for, resolved once per request."""
    if hasattr(request.state, "account"):
        found: Account | None = request.state.account
        return found
    accounts = accounts_of(request)
    account = None
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer ") and request.url.path.startswith("/api/"):
        account = accounts.token_account(auth[7:].strip())
    else:
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            account = accounts.session_account(token)
    request.state.account = account
    return account


def require_account(request: Request) -> Account:
    account = current_account(request)
    if account is None:
        raise LoginRequired()
    return account


def require_role(request: Request, *roles: str) -> Account:
    account = require_account(request)
    if account.role not in roles:
        raise Forbidden()
    return account


# -- rate limits ---------------------------------------------------------------------


class RateLimits:
    """Moving-window limits per kind of request, in Redis or in this process's memory."""

    def __init__(self, settings: Settings) -> None:
        from limits import parse
        from limits.storage import storage_from_string
        from limits.strategies import MovingWindowRateLimiter

        uri = settings.redis_url or "memory://"
        self.storage = storage_from_string(uri)
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.rules = {
            "login": parse(settings.login_rate),
            "login_address": parse(settings.login_address_rate),
            "signup": parse(settings.signup_rate),
            "score": parse(settings.score_rate),
        }
        self.where = "Redis" if settings.redis_url else "memory"

    def hit(self, kind: str, key: str) -> None:
        """Count one request of `kind` for `key`; TooManyRequests when over the limit."""
        rule = self.rules[kind]
        try:
            allowed = self.limiter.hit(rule, kind, key)
        except Exception as exc:  # a Redis that cannot be reached must not open the gate
            log.error("rate limit storage failed: %s", exc)
            raise TooManyRequests(5, "the rate limiter cannot reach its storage") from None
        if not allowed:
            reset, _remaining = self.limiter.get_window_stats(rule, kind, key)
            import time

            raise TooManyRequests(max(1, int(reset - time.time()) + 1), kind)


def limit(request: Request, kind: str, key: str = "") -> None:
    """Apply the rate limit `kind` (service mode only) for this client and `key`."""
    limits: RateLimits | None = getattr(request.app.state, "limits", None)
    if limits is None:
        return
    client = request.client.host if request.client else "unknown"
    limits.hit(kind, f"{client}|{key}")


def limit_scoring(request: Request, account: Account | None) -> None:
    """The scoring limit of one account (service mode only); call it once the text is kept."""
    limits: RateLimits | None = getattr(request.app.state, "limits", None)
    if limits is not None and account is not None:
        limits.hit("score", account.uid)


# -- the app -------------------------------------------------------------------------


def install(app: FastAPI, settings: Settings, engine: Any) -> None:
    """Accounts, limits, the handlers that answer 401/403/429, and the CSRF middleware."""
    from loopcoach.services.accounts import Accounts

    app.state.accounts = Accounts(engine)
    app.state.limits = RateLimits(settings)

    plain_openapi = app.openapi

    def service_openapi() -> dict[str, Any]:
        """The API document, with what service mode adds to every operation: 401 and 429."""
        if app.openapi_schema:
            return app.openapi_schema
        schema = plain_openapi()
        body = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
        extra = {
            "401": "No live session cookie, and no valid `Authorization: Bearer` API token.",
            "429": "Over a rate limit; `Retry-After` says in how many seconds to try again.",
        }
        for ops in schema.get("paths", {}).values():
            for op in ops.values():
                for status, text in extra.items():
                    op.setdefault("responses", {}).setdefault(
                        status, {"description": text, "content": body}
                    )
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["token"] = {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token made on the Account page.",
        }
        schema["security"] = [{"token": []}]
        app.openapi_schema = schema
        return schema

    app.openapi = service_openapi  # type: ignore[method-assign]

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        from loopcoach.web.errors import error_json, wants_json

        if wants_json(request):
            response = error_json(401, "unauthorized", "sign in, or send an API token")
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, _exc: Forbidden) -> Response:
        # 404, not 403: a page a role cannot use is not there for it.
        from loopcoach.web.errors import error_json, wants_json

        message = f"there is no page at {request.url.path}"
        if wants_json(request):
            return error_json(404, "not_found", message)
        render = request.app.state.render_error
        response: Response = render(request, 404, message)
        return response

    @app.exception_handler(TooManyRequests)
    async def too_many(request: Request, exc: TooManyRequests) -> Response:
        from loopcoach.web.errors import error_json, wants_json

        message = f"too many {exc.what} requests; try again in {exc.retry_after} s"
        if wants_json(request):
            response = error_json(429, "rate_limited", message)
        else:
            render = request.app.state.render_error
            response = render(request, 429, message)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response


def add_csrf(app: FastAPI, settings: Settings) -> None:
    """asgi-csrf's token check on every state-changing request, keyed by the service's secret.

    The login and sign-up forms post before any cookie exists; asgi-csrf lets a request
    without cookies through (it can carry no session to abuse), and the same-origin
    check still applies to it. A Bearer token request is not a browser's and skips it.
    """
    from asgi_csrf import asgi_csrf

    key = settings.secret_key.get_secret_value() if settings.secret_key else ""
    app.add_middleware(
        asgi_csrf,  # type: ignore[arg-type]
        signing_secret=key,
        cookie_secure=settings.cookie_secure,
        cookie_samesite="Lax",
        always_set_cookie=True,
    )


def csrf_token(request: Request) -> str:
    """The token a form or fetch of this page must send back ("" in local mode)."""
    get = request.scope.get("csrftoken")
    return str(get()) if callable(get) else ""
