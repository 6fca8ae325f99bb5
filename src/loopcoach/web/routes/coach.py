"""The coach's pages: their cohorts, each student's work, comments and assignments.

A coach sees a student only while both are in one cohort, the coach as its coach; an
admin sees everyone. Anything else answers 404, as if it were not there. The student's
attempts, loops and progress are read through the same store and services as the
student's own pages, with the store seen as the student: a coach reads, comments and
assigns, and changes nothing of the student's work.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.errors import UnknownItem, UsageError
from loopcoach.services.accounts import Account
from loopcoach.store.records import AttemptRecord
from loopcoach.web.errors import NotFound
from loopcoach.web.routes.practice import parse_id
from loopcoach.web.service import accounts_of, require_role
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]


def coach_of(request: Request, web: WebState) -> Account:
    del web  # resolved first, so an anonymous request is sent to the login page
    return require_role(request, "coach", "admin")


def _cohort(request: Request, coach: Account, cohort_id: str) -> tuple[int, str]:
    number = parse_id(cohort_id)
    for row in accounts_of(request).coached(coach):
        if row.id == number:
            return row.id, row.name
    raise NotFound(f"no cohort {cohort_id}")


def _student(request: Request, coach: Account, uid: str) -> Account:
    student = accounts_of(request).coaches_student(coach, uid[:32])
    if student is None:
        raise NotFound(f"no student {uid[:32]}")
    return student


@router.get("/coach", response_class=HTMLResponse)
def coach_home(request: Request, web: Web) -> HTMLResponse:
    coach = coach_of(request, web)
    accounts = accounts_of(request)
    cohorts = [
        {"id": c.id, "name": c.name, "students": len(accounts.students(c.id))}
        for c in accounts.coached(coach)
    ]
    return web.render(request, "coach.html", {"active": "coach", "cohorts": cohorts})


@router.get("/coach/cohorts/{cohort_id}", response_class=HTMLResponse)
def cohort_page(
    request: Request, web: Web, cohort_id: str, invited: str = "", error: str = ""
) -> HTMLResponse:
    coach = coach_of(request, web)
    number, name = _cohort(request, coach, cohort_id)
    accounts = accounts_of(request)
    rows = []
    students = accounts.students(number)
    every = web.store.progress_of(s.uid for s in students)  # one query for the cohort
    for student in students:
        progress = every[student.uid]
        rows.append(
            {
                "account": student,
                "scored": progress.scored,
                "average": (
                    sum(t.average * t.attempts for t in progress.tracks.values())
                    / max(1, sum(t.attempts for t in progress.tracks.values()))
                    if progress.tracks
                    else None
                ),
                "weakest": progress.weakest(1),
            }
        )
    context = {
        "active": "coach",
        "cohort": {"id": number, "name": name},
        "students": rows,
        "invited": invited[:64],
        "error": error[:300],
        "tracks": web.track_ids(),
    }
    return web.render(request, "coach_cohort.html", context)


@router.post("/coach/cohorts/{cohort_id}/invite", response_model=None)
def invite_student(request: Request, web: Web, cohort_id: str) -> Response:
    coach = coach_of(request, web)
    number, _ = _cohort(request, coach, cohort_id)
    code = accounts_of(request).invite(coach, role="candidate", cohort_id=number)
    return cohort_page(request, web, str(number), invited=code)


@router.post("/coach/cohorts/{cohort_id}/assignments", response_model=None)
def assign(
    request: Request,
    web: Web,
    cohort_id: str,
    kind: Annotated[str, Form(max_length=16)] = "question",
    target: Annotated[str, Form(max_length=80)] = "",
    due_on: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    coach = coach_of(request, web)
    number, _ = _cohort(request, coach, cohort_id)
    try:
        day = date.fromisoformat(due_on)
    except ValueError:
        return cohort_page(request, web, str(number), error="give the due date as YYYY-MM-DD")
    if kind == "question":
        try:
            web.content.question(target)
        except UnknownItem:
            return cohort_page(request, web, str(number), error=f"no question {target!r}")
    elif target not in web.track_ids():
        return cohort_page(request, web, str(number), error=f"no track {target!r}")
    try:
        accounts_of(request).assign(coach, number, kind=kind, target=target, due_on=day, note=note)
    except UsageError as exc:
        return cohort_page(request, web, str(number), error=str(exc))
    return RedirectResponse(f"/coach/cohorts/{number}", status_code=303)


@router.get("/coach/students/{uid}", response_class=HTMLResponse)
def student_page(request: Request, web: Web, uid: str) -> HTMLResponse:
    coach = coach_of(request, web)
    student = _student(request, coach, uid)
    store = web.store.for_user(student.uid)
    from loopcoach.store.loops import LoopStore

    context = {
        "active": "coach",
        "student": student,
        "attempts": store.attempts(kind="main", limit=100),
        "progress": store.progress(),
        "loops": LoopStore(store).loops(limit=20),
    }
    return web.render(request, "coach_student.html", context)


@router.get("/coach/attempts/{attempt_id}", response_class=HTMLResponse)
def attempt_page(request: Request, web: Web, attempt_id: str) -> HTMLResponse:
    coach = coach_of(request, web)
    record, student = _attempt(request, web, coach, attempt_id)
    context = {
        "active": "coach",
        "student": student,
        "a": record,
        "payload": record.assessment.payload if record.assessment else None,
        "comments": accounts_of(request).comments(record.id),
    }
    return web.render(request, "coach_attempt.html", context)


def _attempt(
    request: Request, web: WebState, coach: Account, attempt_id: str
) -> tuple[AttemptRecord, Account]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from loopcoach.store.models import Attempt

    number = parse_id(attempt_id)
    owner = None
    if number is not None:
        with Session(web.store.engine) as session:
            owner = session.scalar(select(Attempt.user).where(Attempt.id == number))
    student = accounts_of(request).coaches_student(coach, owner) if owner else None
    record = web.store.for_user(student.uid).attempt(number) if student and number else None
    if record is None or student is None:
        raise NotFound(f"no attempt {attempt_id}")
    return record, student


@router.post("/coach/attempts/{attempt_id}/comments", response_model=None)
def comment(
    request: Request,
    web: Web,
    attempt_id: str,
    body: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    coach = coach_of(request, web)
    record, student = _attempt(request, web, coach, attempt_id)
    try:
        accounts_of(request).comment(coach, record.id, body)
    except UsageError as exc:
        context = {
            "active": "coach",
            "student": student,
            "a": record,
            "payload": record.assessment.payload if record.assessment else None,
            "comments": accounts_of(request).comments(record.id),
            "error": str(exc),
            "body": body,
        }
        return web.render(request, "coach_attempt.html", context, status_code=400)
    return RedirectResponse(f"/coach/attempts/{record.id}", status_code=303)


@router.get("/coach/loops/{loop_id}", response_class=HTMLResponse)
def loop_page(request: Request, web: Web, loop_id: str) -> HTMLResponse:
    """A student's finished mock loop: the committee's debrief, as the student sees it."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from loopcoach.services.debrief_export import DEBRIEF_CSS, content_names
    from loopcoach.services.debrief_export import debrief_html_fragment as fragment
    from loopcoach.services.loop import LoopService
    from loopcoach.store.loop_models import LoopRow

    coach = coach_of(request, web)
    number = parse_id(loop_id)
    owner = None
    if number is not None:
        with Session(web.store.engine) as session:
            owner = session.scalar(select(LoopRow.user).where(LoopRow.id == number))
    student = accounts_of(request).coaches_student(coach, owner) if owner else None
    if student is None or number is None:
        raise NotFound(f"no loop {loop_id}")
    loops = LoopService(web.store.for_user(student.uid), web.content)
    loop = loops.loops.get(number)
    if not loop.finished:
        raise NotFound(f"loop {loop_id} is not finished yet")
    context = {
        "active": "coach",
        "student": student,
        "loop": loop,
        "fragment": fragment(loops.debrief(number), content_names(web.content)),
        "css": DEBRIEF_CSS,
    }
    return web.render(request, "coach_debrief.html", context)
