"""What keeps other web pages out of `loopcoach serve`: Host names, same-origin writes, headers.

Two attacks reach a server on 127.0.0.1 from the user's own browser. DNS rebinding
points a name the attacker owns at 127.0.0.1, so their page can read ours as its
own; Starlette's TrustedHostMiddleware answers 400 to any Host header that is not a
name this server serves. Cross-site request forgery has a foreign page post a form
or a fetch to us; `SameOrigin` refuses any state-changing request that a browser
marks as coming from another origin.

Why a check of the standard headers and not a token middleware: local mode has no
cookies at all, and the token middlewares on PyPI let a request with no cookies
through (asgi-csrf) or read the token only from a header, which plain HTML forms
cannot send (starlette-csrf). Browsers send `Origin` on every cross-origin POST,
PUT, PATCH and DELETE, and `Sec-Fetch-Site` on every request, so checking them is
the OWASP-recommended defence that needs no state. A request with neither header
and no `Referer` is not a browser's (a script, curl) and cannot carry a foreign
page's intent.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Starlette keeps the brackets of an IPv6 literal in the Host it compares.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# No inline script anywhere; inline style attributes stay (the grade pin and the bars
# are placed with them), which cannot run code.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def allowed_hosts(extra: Iterable[str] = ()) -> list[str]:
    """The Host names the server answers to: the loopback names plus any named."""
    names = list(LOOPBACK_NAMES)
    for name in extra:
        name = name.strip().lower()
        if ":" in name and not name.startswith("["):
            name = f"[{name}]"  # a bare IPv6 address
        if name and name not in names:
            names.append(name)
    return names


class SecurityHeaders:
    """Add the security headers to every HTTP response, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", ())}
                headers = list(message.get("headers", ()))
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def cross_origin_reason(scope: Scope) -> str | None:
    """Why a state-changing request comes from another origin, or None when it does not."""
    headers = Headers(scope=scope)
    host = headers.get("host", "").lower()
    own = f"{scope.get('scheme', 'http')}://{host}"
    origin = headers.get("origin")
    if origin is not None:
        if origin == "null" or _origin_of(origin) != own:
            return f"it was sent by a page on {origin!r}, not by loopcoach's own pages"
        return None
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"the browser says it came from a {site} page"
    referer = headers.get("referer")
    if referer is not None and _origin_of(referer) not in (own, None):
        return "it was sent from another site's page"
    return None


class SameOrigin:
    """Refuse, with 403, a POST, PUT, PATCH or DELETE that a browser sent from another origin."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        reason = cross_origin_reason(scope)
        if reason is None:
            await self.app(scope, receive, send)
            return
        message = (
            f"loopcoach refused this request because {reason}. Only loopcoach's own pages "
            "can change your data; open it at the address `loopcoach serve` printed."
        )
        await _refuse(scope, send, 403, "cross_origin", message)


async def _refuse(scope: Scope, send: Send, status: int, code: str, message: str) -> None:
    if str(scope.get("path", "")).startswith("/api/"):
        body = json.dumps(
            {"error": {"status": status, "code": code, "message": message, "details": []}}
        ).encode()
        content_type = b"application/json"
    else:
        from html import escape

        body = (
            "<!doctype html><html lang=en><meta charset=utf-8><title>Refused</title>"
            f"<h1>Refused</h1><p>{escape(message)}</p></html>"
        ).encode()
        content_type = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
