"""The admin's pages: accounts, roles, cohorts, invitations, reset codes and the audit log.

Every change here is written to the audit log with who made it. An account that is
not an admin gets 404 for every page, as if there were none.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from loopcoach.errors import UsageError
from loopcoach.services.accounts import Account
from loopcoach.store.account_models import ROLES
from loopcoach.web.errors import NotFound
from loopcoach.web.routes.practice import parse_id
from loopcoach.web.service import accounts_of, require_role
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]


def admin_of(request: Request, web: WebState) -> Account:
    del web
    return require_role(request, "admin")


def _page(
    request: Request,
    web: WebState,
    *,
    message: str = "",
    error: str = "",
    secret: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    accounts = accounts_of(request)
    context = {
        "active": "admin",
        "accounts": accounts.all(),
        "cohorts": accounts.cohorts(),
        "roles": ROLES,
        "audit": accounts.audit_log(100),
        "message": message,
        "error": error,
        "secret": secret,
    }
    return web.render(request, "admin.html", context, status_code=status_code)


def _account(request: Request, uid: str) -> Account:
    found = accounts_of(request).by_uid(uid[:32])
    if found is None:
        raise NotFound(f"no account {uid[:32]}")
    return found


@router.get("/admin", response_class=HTMLResponse)
def admin_home(request: Request, web: Web) -> HTMLResponse:
    admin_of(request, web)
    return _page(request, web)


@router.post("/admin/invitations", response_class=HTMLResponse)
def invite(
    request: Request,
    web: Web,
    role: Annotated[str, Form(max_length=16)] = "candidate",
    cohort_id: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    admin = admin_of(request, web)
    cohort = parse_id(cohort_id) if cohort_id else None
    try:
        code = accounts_of(request).invite(admin, role=role, cohort_id=cohort)
    except UsageError as exc:
        return _page(request, web, error=str(exc), status_code=400)
    return _page(request, web, message=f"An invitation for a {role}:", secret=code)


@router.post("/admin/cohorts", response_class=HTMLResponse)
def create_cohort(
    request: Request, web: Web, name: Annotated[str, Form(max_length=120)] = ""
) -> Response:
    admin = admin_of(request, web)
    try:
        accounts_of(request).create_cohort(name, admin)
    except UsageError as exc:
        return _page(request, web, error=str(exc), status_code=400)
    return _page(request, web, message=f"Cohort {name.strip()!r} created.")


@router.post("/admin/cohorts/{cohort_id}/members", response_class=HTMLResponse)
def add_member(
    request: Request,
    web: Web,
    cohort_id: str,
    username: Annotated[str, Form(max_length=64)] = "",
    role: Annotated[str, Form(max_length=16)] = "student",
) -> Response:
    admin = admin_of(request, web)
    accounts = accounts_of(request)
    number = parse_id(cohort_id)
    if number is None or number not in {c for c, _ in accounts.cohorts()}:
        raise NotFound(f"no cohort {cohort_id}")
    member = accounts.by_username(username)
    if member is None:
        return _page(request, web, error=f"no account {username!r}", status_code=400)
    try:
        accounts.add_member(number, member, role, admin)
    except UsageError as exc:
        return _page(request, web, error=str(exc), status_code=400)
    return _page(request, web, message=f"{member.username} is a {role} of cohort {number}.")


@router.post("/admin/accounts/{uid}/role", response_class=HTMLResponse)
def set_role(
    request: Request, web: Web, uid: str, role: Annotated[str, Form(max_length=16)] = ""
) -> Response:
    admin = admin_of(request, web)
    target = _account(request, uid)
    try:
        accounts_of(request).set_role(target, role, admin)
    except UsageError as exc:
        return _page(request, web, error=str(exc), status_code=400)
    return _page(request, web, message=f"{target.username} is now a {role}.")


@router.post("/admin/accounts/{uid}/disable", response_class=HTMLResponse)
def disable(request: Request, web: Web, uid: str) -> Response:
    admin = admin_of(request, web)
    target = _account(request, uid)
    if target.id == admin.id:
        return _page(request, web, error="you cannot disable your own account", status_code=400)
    accounts_of(request).set_disabled(target, not target.disabled, admin)
    state = "enabled" if target.disabled else "disabled, and its sessions ended"
    return _page(request, web, message=f"{target.username} is {state}.")


@router.post("/admin/accounts/{uid}/reset", response_class=HTMLResponse)
def reset_code(request: Request, web: Web, uid: str) -> Response:
    admin = admin_of(request, web)
    target = _account(request, uid)
    code = accounts_of(request).issue_reset(target, admin)
    return _page(request, web, message=f"A one-time reset code for {target.username}:", secret=code)


@router.post("/admin/accounts/{uid}/sessions", response_class=HTMLResponse)
def end_sessions(request: Request, web: Web, uid: str) -> Response:
    admin = admin_of(request, web)
    target = _account(request, uid)
    accounts_of(request).revoke_all_sessions(target, admin)
    return _page(request, web, message=f"Every session of {target.username} has ended.")
