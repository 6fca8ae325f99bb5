"""The home page (pick a track, see its loop and your readiness) and the question browser."""

from __future__ import annotations

from math import ceil
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from loopcoach.content.models import ROUND_IDS
from loopcoach.errors import UnknownItem
from loopcoach.services import dashboard
from loopcoach.services.practice import packs_of
from loopcoach.web.api.questions import find_questions
from loopcoach.web.format import humanise
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
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    if round and round not in ROUND_IDS:
        raise UnknownItem("round", round, ROUND_IDS)
    if difficulty and difficulty not in DIFFICULTIES:
        raise UnknownItem("difficulty", difficulty, DIFFICULTIES)
    found = find_questions(
        web,
        track or None,
        None,
        competency or None,
        difficulty or None,
        search[:200] or None,
    )
    menus = round_menus(web)
    rounds = menus[track] if track else menus[""]
    # A round the chosen track's loop does not have (the track changed, the round stayed):
    # every round of the track, said so, rather than an empty list.
    dropped = round if round and round not in dict(rounds) else ""
    if round and not dropped:
        found = [q for q in found if q.round == round]
    filters = {
        "track": track,
        "round": "" if dropped else round,
        "competency": competency,
        "difficulty": difficulty,
        "search": search,
    }
    pages = max(1, ceil(len(found) / PER_PAGE))
    page = min(page, pages)
    first = (page - 1) * PER_PAGE
    context = {
        "active": "questions",
        "questions": found[first : first + PER_PAGE],
        "total": len(found),
        "first": first + 1,
        "counts": web.store.question_attempt_counts(),
        "filters": filters,
        "dropped_round": dropped,
        "page": page,
        "pages": [(n, page_href(filters, n)) for n in range(1, pages + 1)],
        "rounds": rounds,
        "round_menus": menus,
        "competencies": web.all_competencies(),
        "difficulties": DIFFICULTIES,
    }
    return web.render(request, "questions.html", context)


PER_PAGE = 25


def round_menus(web: WebState) -> dict[str, list[tuple[str, str]]]:
    """The round menu for each track (its loop's rounds, named), and "" for all tracks."""
    menus: dict[str, list[tuple[str, str]]] = {
        t: [(r, web.round_name(t, r)) for r in web.service().round_ids(t)] for t in web.track_ids()
    }
    used = {r for rounds in menus.values() for r, _name in rounds}
    menus[""] = [(r, humanise(r)) for r in ROUND_IDS if r in used]
    return menus


def page_href(filters: dict[str, str], page: int) -> str:
    """The question browser's link to `page`, with the filters kept."""
    query = {k: v for k, v in filters.items() if v}
    if page > 1:
        query["page"] = str(page)
    return "/questions" + (f"?{urlencode(query)}" if query else "")
