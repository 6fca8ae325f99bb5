"""The story bank in the browser: list, add, edit, delete, a story's scores, match, coverage.

Every page is a plain form that works without JavaScript. Matching is reached from
each practice question ("Match a story"); the coverage matrix takes a track.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from loopcoach.errors import UnknownItem, UsageError
from loopcoach.services.stories import StoryInput, StoryService
from loopcoach.store.stories import StoryRecord
from loopcoach.store.story_models import STAR_PARTS
from loopcoach.web.errors import NotFound
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]
Text = Annotated[str, Form(max_length=20_000)]


def service(web: WebState) -> StoryService:
    return StoryService(web.store, web.content)


def own_story(svc: StoryService, story_id: int) -> StoryRecord:
    try:
        return svc.get(story_id)
    except UsageError:
        raise NotFound(f"no story {story_id}") from None


def _form_page(
    request: Request,
    web: Web,
    *,
    story: dict[str, Any],
    action: str,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    context = {
        "active": "stories",
        "story": story,
        "action": action,
        "parts": STAR_PARTS,
        "error": error,
        "competencies": sorted(service(web).competencies().values(), key=lambda c: c.name),
        "tracks": web.track_ids(),
    }
    return web.render(request, "stories_form.html", context, status_code=status_code)


def _fields(
    title: str, parts: dict[str, str], notes: str, competencies: list[str]
) -> dict[str, Any]:
    return {"title": title, **parts, "notes": notes, "competencies": competencies}


@router.get("/stories", response_class=HTMLResponse)
def stories_home(request: Request, web: Web, track: str = "pm", deleted: str = "") -> HTMLResponse:
    svc = service(web)
    if track not in web.track_ids():
        track = "pm"
    context = {
        "active": "stories",
        "stories": svc.all_stories(),
        "warnings": svc.warnings_told(),
        "deleted": deleted[:300],
        "track": track,
    }
    return web.render(request, "stories.html", context)


@router.get("/stories/new", response_class=HTMLResponse)
def story_new(
    request: Request, web: Web, competency: Annotated[str, Query(max_length=80)] = ""
) -> HTMLResponse:
    # ?competency= comes from the progress page's "write a story that shows ..." step.
    known = any(competency in p.competencies for p in web.content.packs.values())
    shown = [competency] if known else []
    blank = {"title": "", **dict.fromkeys(STAR_PARTS, ""), "notes": "", "competencies": shown}
    return _form_page(request, web, story={**blank, "track": "pm"}, action="/stories")


@router.post("/stories", response_model=None)
def story_create(
    request: Request,
    web: Web,
    title: Text = "",
    situation: Text = "",
    task: Text = "",
    action: Text = "",
    result: Text = "",
    reflection: Text = "",
    notes: Text = "",
    competencies: Annotated[list[str] | None, Form()] = None,
    track: Annotated[str, Form(max_length=80)] = "pm",
) -> Response:
    parts = {
        "situation": situation,
        "task": task,
        "action": action,
        "result": result,
        "reflection": reflection,
    }
    fields = _fields(title, parts, notes, competencies or [])
    try:
        story = service(web).add(
            StoryInput(**{**fields, "competencies": tuple(fields["competencies"])}), track=track
        )
    except UsageError as exc:
        return _form_page(
            request,
            web,
            story={**fields, "track": track},
            action="/stories",
            error=str(exc),
            status_code=400,
        )
    return RedirectResponse(f"/stories/{story.id}", status_code=303)


@router.get("/stories/coverage", response_class=HTMLResponse)
def stories_coverage(request: Request, web: Web, track: str = "pm") -> HTMLResponse:
    svc = service(web)
    try:
        cov = svc.coverage(track)
    except UnknownItem as exc:
        raise NotFound(str(exc)) from None
    context = {
        "active": "stories",
        "coverage": cov,
        "warnings": svc.warnings(track, stories=cov.stories),
        "tracks": web.track_ids(),
    }
    return web.render(request, "stories_coverage.html", context)


@router.get("/stories/match", response_class=HTMLResponse)
def stories_match(request: Request, web: Web, q: str = "", question_id: str = "") -> HTMLResponse:
    svc = service(web)
    error = None
    matches: list[Any] = []
    text = q[:5000]
    if question_id:
        try:
            text = web.content.question(question_id[:80])[1].text
        except UnknownItem:
            raise NotFound(f"no question {question_id[:80]!r}") from None
    if text.strip() or question_id:
        try:
            matches = svc.match(text, question_id=question_id[:80] or None, limit=10)
        except UsageError as exc:
            error = str(exc)
    context = {
        "active": "stories",
        "question": text,
        "question_id": question_id[:80],
        "matches": matches,
        "error": error,
    }
    return web.render(request, "stories_match.html", context)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, web: Web, story_id: int) -> HTMLResponse:
    story = own_story(service(web), story_id)
    context = {"active": "stories", "story": story, "parts": STAR_PARTS}
    return web.render(request, "stories_show.html", context)


@router.get("/stories/{story_id}/edit", response_class=HTMLResponse)
def story_edit_form(request: Request, web: Web, story_id: int) -> HTMLResponse:
    story = own_story(service(web), story_id)
    data = {
        "title": story.title,
        **{p: story.part(p) for p in STAR_PARTS},
        "notes": story.notes,
        "competencies": list(story.competencies),
        "track": story.track,
    }
    return _form_page(request, web, story=data, action=f"/stories/{story_id}/edit")


@router.post("/stories/{story_id}/edit", response_model=None)
def story_edit(
    request: Request,
    web: Web,
    story_id: int,
    title: Text = "",
    situation: Text = "",
    task: Text = "",
    action: Text = "",
    result: Text = "",
    reflection: Text = "",
    notes: Text = "",
    competencies: Annotated[list[str] | None, Form()] = None,
    track: Annotated[str, Form(max_length=80)] = "pm",
) -> Response:
    svc = service(web)
    own_story(svc, story_id)
    parts = {
        "situation": situation,
        "task": task,
        "action": action,
        "result": result,
        "reflection": reflection,
    }
    fields = _fields(title, parts, notes, competencies or [])
    try:
        svc.edit(story_id, fields, track=track)
    except UsageError as exc:
        return _form_page(
            request,
            web,
            story={**fields, "track": track},
            action=f"/stories/{story_id}/edit",
            error=str(exc),
            status_code=400,
        )
    return RedirectResponse(f"/stories/{story_id}", status_code=303)


@router.post("/stories/{story_id}/delete", response_model=None)
def story_delete(web: Web, story_id: int) -> Response:
    svc = service(web)
    story = own_story(svc, story_id)
    svc.remove(story_id)
    return RedirectResponse(f"/stories?deleted=Deleted+story+{story.id}", status_code=303)
