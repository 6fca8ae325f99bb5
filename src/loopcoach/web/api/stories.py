"""The story bank over JSON: list, create, get, update, delete, match; the same StoryService."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from loopcoach.errors import UsageError
from loopcoach.services.stories import StoryInput, StoryService
from loopcoach.store.models import MAX_ID
from loopcoach.web.errors import NotFound, responses
from loopcoach.web.state import WebState, web_state

router = APIRouter(tags=["stories"])
Web = Annotated[WebState, Depends(web_state)]
StoryId = Annotated[int, Path(ge=1, le=MAX_ID, description="A story's id.")]
Part = Annotated[str, Field(max_length=20_000)]


class StoryIn(BaseModel):
    """A story to create: a title and its STAR parts; competencies by id or name."""

    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, Field(min_length=1, max_length=200)]
    situation: Part = ""
    task: Part = ""
    action: Part = ""
    result: Part = ""
    reflection: Part = ""
    notes: Part = ""
    competencies: Annotated[list[Annotated[str, Field(max_length=80)]], Field(max_length=50)] = []
    track: Annotated[str, Field(min_length=1, max_length=80)] = "pm"


class StoryPatch(BaseModel):
    """The fields to change; those left out are kept. The story is scored again."""

    model_config = ConfigDict(extra="forbid")

    title: Annotated[str | None, Field(min_length=1, max_length=200)] = None
    situation: Part | None = None
    task: Part | None = None
    action: Part | None = None
    result: Part | None = None
    reflection: Part | None = None
    notes: Part | None = None
    competencies: Annotated[
        list[Annotated[str, Field(max_length=80)]] | None, Field(max_length=50)
    ] = None
    track: Annotated[str | None, Field(min_length=1, max_length=80)] = None


def service(web: WebState) -> StoryService:
    return StoryService(web.store, web.content)


def _get(svc: StoryService, story_id: int) -> Any:
    try:
        return svc.get(story_id)
    except UsageError:
        raise NotFound(f"no story {story_id}") from None


@router.get(
    "/stories",
    responses=responses(404, 422),
    summary="Your stories, oldest first, with their scores; one track's with `track`",
)
def list_stories(
    web: Web,
    track: Annotated[
        str | None, Query(max_length=80, description="Only the stories scored for this track.")
    ] = None,
) -> list[dict[str, Any]]:
    if track:
        web.content.track(track)  # an unknown track is a 404 that lists the tracks
    stories = service(web).all_stories()
    return [s.to_json() for s in stories if track is None or s.track == track]


@router.post(
    "/stories",
    status_code=201,
    responses=responses(400, 404, 422),
    summary="Add a story; it is scored and its competencies suggested",
)
def create_story(web: Web, body: StoryIn) -> dict[str, Any]:
    data = body.model_dump()
    track = data.pop("track")
    data["competencies"] = tuple(data["competencies"])
    return service(web).add(StoryInput(**data), track=track).to_json()


@router.get(
    "/stories/match",
    responses=responses(400, 404, 422),
    summary="Your stories ranked for a question, with the reasons",
)
def match_stories(
    web: Web,
    q: Annotated[str, Query(max_length=5000, description="The question's text.")] = "",
    question_id: Annotated[
        str | None, Query(max_length=80, description="A pack question's id instead.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> list[dict[str, Any]]:
    found = service(web).match(q, question_id=question_id, limit=limit)
    return [m.to_json() for m in found]


@router.get("/stories/{story_id}", responses=responses(404, 422), summary="One story")
def get_story(web: Web, story_id: StoryId) -> dict[str, Any]:
    return dict(_get(service(web), story_id).to_json())


@router.patch(
    "/stories/{story_id}",
    responses=responses(400, 404, 422),
    summary="Change some fields of a story; it is scored again",
)
def update_story(web: Web, story_id: StoryId, body: StoryPatch) -> dict[str, Any]:
    svc = service(web)
    _get(svc, story_id)
    changes = body.model_dump(exclude_none=True)
    track = changes.pop("track", None)
    return svc.edit(story_id, changes, track=track).to_json()


@router.delete(
    "/stories/{story_id}",
    status_code=204,
    responses=responses(404, 422),
    summary="Delete a story for good",
)
def delete_story(web: Web, story_id: StoryId) -> Response:
    svc = service(web)
    _get(svc, story_id)
    svc.remove(story_id)
    return Response(status_code=204)
