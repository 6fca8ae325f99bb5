"""The home page (pick a track, see its loop and your readiness) and the question browser."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from loopcoach.content.models import ROUND_IDS
from loopcoach.errors import UnknownItem
from loopcoach.services import dashboard
from loopcoach.services.practice import packs_of
from loopcoach.web.api.questions import find_questions
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]
DIFFICULTIES = ("easy", "medium", "hard")


@router.get("/", response_class=HTMLResponse)
def home(request: Request, web: Web, track: str = "") -> HTMLResponse:
    tracks = web.track_ids()
    if track and track not in tracks:
        raise UnknownItem("track", track, tracks)
    if not track:
        latest = web.store.attempts(limit=1)
        track = latest[0].track if latest and latest[0].track in tracks else tracks[0]
    progress = web.store.progress()
    ready = {t: dashboard.track_readiness(web.content, progress, t) for t in tracks}
    loop = next(p.tracks[track] for p in packs_of(web.content) if track in p.tracks)
    counts: dict[str, int] = {}
    for q in web.content.questions(track=track):
        counts[q.round] = counts.get(q.round, 0) + 1
    context = {
        "active": "home",
        "tracks": tracks,
        "track": track,
        "loop": loop,
        "ready": ready,
        "question_counts": counts,
        "recent": web.store.attempts(limit=5, status=("scored",)),
    }
    return web.render(request, "home.html", context)


@router.get("/questions", response_class=HTMLResponse)
def question_browser(
    request: Request,
    web: Web,
    track: str = "",
    round: str = "",
    competency: str = "",
    difficulty: str = "",
    search: str = "",
) -> HTMLResponse:
    if round and round not in ROUND_IDS:
        raise UnknownItem("round", round, ROUND_IDS)
    if difficulty and difficulty not in DIFFICULTIES:
        raise UnknownItem("difficulty", difficulty, DIFFICULTIES)
    found = find_questions(
        web,
        track or None,
        round or None,
        competency or None,
        difficulty or None,
        search[:200] or None,
    )
    counts = web.store.question_attempt_counts()
    context = {
        "active": "questions",
        "questions": found,
        "counts": counts,
        "filters": {
            "track": track,
            "round": round,
            "competency": competency,
            "difficulty": difficulty,
            "search": search,
        },
        "rounds": list(ROUND_IDS),
        "competencies": web.all_competencies(),
        "difficulties": DIFFICULTIES,
    }
    return web.render(request, "questions.html", context)
