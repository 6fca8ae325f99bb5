"""GET /api/v1/tracks and /api/v1/questions: the loops and the question bank."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query

from loopcoach.errors import UnknownItem
from loopcoach.services.practice import PracticeQuestion, from_pack
from loopcoach.web.api.schemas import (
    QuestionDetail,
    QuestionList,
    RoundId,
    TrackOut,
)
from loopcoach.web.errors import responses
from loopcoach.web.questions import check_track
from loopcoach.web.state import WebState, web_state

router = APIRouter(tags=["questions"])
Web = Annotated[WebState, Depends(web_state)]


def question_summary(q: PracticeQuestion, attempts: int) -> dict[str, Any]:
    return {
        "id": q.question_id,
        "pack": q.pack,
        "track": q.track,
        "round": q.round,
        "round_name": q.round_name,
        "text": q.text,
        "competencies": list(q.competencies),
        "difficulty": q.difficulty,
        "budget_seconds": q.budget_seconds,
        "attempts": attempts,
    }


def find_questions(
    web: WebState,
    track: str | None = None,
    round: str | None = None,
    competency: str | None = None,
    difficulty: str | None = None,
    search: str | None = None,
) -> list[PracticeQuestion]:
    """Pack questions matching every filter given, in pack order; unknown track is a 404."""
    service = web.service()
    if track:
        check_track(service, track)
    if competency and competency not in web.all_competencies():
        raise UnknownItem("competency", competency, web.all_competencies())
    words = (search or "").lower().split()
    out = []
    for q in web.content.questions(
        track=track or None, round=round or None, competency=competency or None
    ):
        if difficulty and q.difficulty != difficulty:
            continue
        if words and not all(w in q.text.lower() or w == q.id for w in words):
            continue
        pack, _ = web.content.question(q.id)
        out.append(from_pack(pack, q))
    return out


@router.get("/tracks", response_model=list[TrackOut], summary="Every track with its loop")
def list_tracks(web: Web) -> list[dict[str, Any]]:
    out = []
    seen: set[str] = set()
    for pack in web.content.packs.values():
        for t in pack.tracks.values():
            if t.id in seen:
                continue
            seen.add(t.id)
            out.append({"pack": pack.id, **t.model_dump(mode="json", exclude={"source"})})
    return out


@router.get(
    "/tracks/{track_id}",
    response_model=TrackOut,
    responses=responses(404),
    summary="One track with its loop",
)
def get_track(web: Web, track_id: Annotated[str, Path(max_length=80)]) -> dict[str, Any]:
    for track in list_tracks(web):
        if track["id"] == track_id:
            return track
    raise UnknownItem("track", track_id, web.track_ids())


@router.get(
    "/questions",
    response_model=QuestionList,
    responses=responses(404),
    summary="Questions of the loaded packs, filtered",
)
def list_questions(
    web: Web,
    track: Annotated[str | None, Query(max_length=80)] = None,
    round: RoundId | None = None,
    competency: Annotated[str | None, Query(max_length=80)] = None,
    difficulty: Literal["easy", "medium", "hard"] | None = None,
    search: Annotated[str | None, Query(max_length=200, description="Words in the text.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    found = find_questions(web, track, round, competency, difficulty, search)
    counts = web.store.question_attempt_counts()
    page = found[offset : offset + limit]
    return {
        "total": len(found),
        "items": [question_summary(q, counts.get(q.question_id or "", 0)) for q in page],
    }


@router.get(
    "/questions/{question_id}",
    response_model=QuestionDetail,
    responses=responses(404),
    summary="One question with its talking points, probes and pitfalls",
)
def get_question(web: Web, question_id: Annotated[str, Path(max_length=80)]) -> dict[str, Any]:
    pack, q = web.content.question(question_id)
    counts = web.store.question_attempt_counts(track=q.track)
    return {
        **question_summary(from_pack(pack, q), counts.get(q.id, 0)),
        "talking_points": list(q.talking_points),
        "probes": list(q.probes),
        "pitfalls": list(q.pitfalls),
    }
