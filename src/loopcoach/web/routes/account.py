"""Service mode's own pages: sign in and out, sign up, reset a password, your account.

Only mounted in service mode. Login and sign-up are rate limited per client address
(and login per username too); a wrong password and a locked account get one answer.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.errors import UsageError
from loopcoach.services.accounts import MAX_PASSWORD, AuthFailed
from loopcoach.web.errors import NotFound
from loopcoach.web.routes.practice import parse_id
from loopcoach.web.service import SESSION_COOKIE, accounts_of, limit
from loopcoach.web.state import WebState, public_state, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]
Public = Annotated[WebState, Depends(public_state)]
Name = Annotated[str, Form(max_length=64)]
Secret = Annotated[str, Form(max_length=MAX_PASSWORD)]
Code = Annotated[str, Form(max_length=64)]


def safe_next(target: str) -> str:
    """Where to go after signing in: a path of this site only, never another origin."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _signed_in(request: Request, web: WebState, account: object, target: str) -> Response:
    accounts = accounts_of(request)
    token = accounts.start_session(account, request.headers.get("user-agent", ""))  # type: ignore[arg-type]
    response = RedirectResponse(safe_next(target), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=web.settings.cookie_secure,
        max_age=30 * 24 * 3600,
        path="/",
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, web: Public, next: str = "/") -> Response:
    if web.account is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    context = {"next": safe_next(next), "open_signup": web.settings.signup == "open"}
    return web.render(request, "login.html", context)


@router.post("/login", response_model=None)
def login(
    request: Request,
    web: Public,
    username: Name = "",
    password: Secret = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    limit(request, "login_address")
    limit(request, "login", username.strip().lower())
    try:
        account = accounts_of(request).authenticate(username, password)
    except AuthFailed as exc:
        context = {
            "next": safe_next(next),
            "error": str(exc),
            "username": username,
            "open_signup": web.settings.signup == "open",
        }
        return web.render(request, "login.html", context, status_code=401)
    return _signed_in(request, web, account, next)


@router.post("/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        accounts_of(request).end_session(token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request, web: Public, code: str = "") -> HTMLResponse:
    context = {"code": code[:64], "open_signup": web.settings.signup == "open"}
    return web.render(request, "signup.html", context)


@router.post("/signup", response_model=None)
def signup(
    request: Request,
    web: Public,
    username: Name = "",
    password: Secret = "",
    code: Code = "",
    display_name: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    limit(request, "signup")
    try:
        account = accounts_of(request).sign_up(
            username,
            password,
            code=code,
            open_signup=web.settings.signup == "open",
            display_name=display_name,
        )
    except UsageError as exc:
        context = {
            "code": code,
            "username": username,
            "display_name": display_name,
            "error": str(exc),
            "open_signup": web.settings.signup == "open",
        }
        return web.render(request, "signup.html", context, status_code=400)
    return _signed_in(request, web, account, "/")


@router.get("/reset", response_class=HTMLResponse)
def reset_page(request: Request, web: Public) -> HTMLResponse:
    return web.render(request, "reset.html", {})


@router.post("/reset", response_model=None)
def reset(
    request: Request,
    web: Public,
    username: Name = "",
    code: Code = "",
    password: Secret = "",
) -> Response:
    limit(request, "login", "reset")
    try:
        account = accounts_of(request).reset_password(username, code, password)
    except UsageError as exc:
        context = {"username": username, "error": str(exc)}
        return web.render(request, "reset.html", context, status_code=400)
    return _signed_in(request, web, account, "/")


# -- your account ------------------------------------------------------------------


def _account_page(
    request: Request, web: WebState, *, new_token: str = "", status_code: int = 200
) -> HTMLResponse:
    accounts = accounts_of(request)
    assert web.account is not None
    context = {
        "active": "account",
        "sessions": accounts.sessions(web.account),
        "tokens": accounts.tokens(web.account),
        "assignments": accounts.assignments_for(web.account),
        "new_token": new_token,
    }
    return web.render(request, "account.html", context, status_code=status_code)


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request, web: Web) -> HTMLResponse:
    return _account_page(request, web)


@router.post("/account/tokens", response_class=HTMLResponse)
def create_token(
    request: Request, web: Web, name: Annotated[str, Form(max_length=80)] = ""
) -> HTMLResponse:
    assert web.account is not None
    token = accounts_of(request).create_token(web.account, name)
    return _account_page(request, web, new_token=token, status_code=201)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(request: Request, web: Web, token_id: str) -> RedirectResponse:
    assert web.account is not None
    number = parse_id(token_id)
    if number is None or not accounts_of(request).revoke_token(web.account, number):
        raise NotFound(f"no token {token_id}")
    return RedirectResponse("/account", status_code=303)


@router.post("/account/sessions/{session_id}/revoke")
def revoke_session(request: Request, web: Web, session_id: str) -> RedirectResponse:
    assert web.account is not None
    number = parse_id(session_id)
    if number is None or not accounts_of(request).revoke_session(web.account, number):
        raise NotFound(f"no session {session_id}")
    return RedirectResponse("/account", status_code=303)
