"""The progress dashboard: readiness per track, grades per competency over time, what to train."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from loopcoach.services.next_steps import next_steps
from loopcoach.services.rounds import practice_vs_real
from loopcoach.store.rounds import RealRoundStore
from loopcoach.web.api.progress import SERIES_POINTS, progress_report
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)


@router.get("/progress", response_class=HTMLResponse)
def progress_page(
    request: Request, web: Annotated[WebState, Depends(web_state)], track: str = ""
) -> HTMLResponse:
    report = progress_report(web, track or None)
    series = report["series"]
    # Weakest first, so the charts a user most needs to see come first.
    order = sorted(series, key=lambda c: (report["competencies"][c]["average"], c))
    charts = [
        {
            "id": c,
            "name": web.competency_name(c),
            "stat": report["competencies"][c],
            "points": series[c],
        }
        for c in order
    ]
    steps = next_steps(web.store, web.content, report["weakest"], datetime.now(UTC))
    # The rounds with a real round logged, each beside its practice grade.
    logged = RealRoundStore(web.store).rounds(track=track or None)
    comparison = (
        [c for c in practice_vs_real(web.store, web.content, track or None) if c.real_count]
        if logged
        else []
    )
    context = {
        "active": "progress",
        "report": report,
        "next_steps": steps,
        "comparison": comparison,
        "track": track,
        "points": SERIES_POINTS,
        "charts": charts,
        "chart_data": {
            c["id"]: {
                "name": c["name"],
                "points": [p["grade"] for p in c["points"]],
                "labels": [p["when"][:10] for p in c["points"]],
            }
            for c in charts
        },
    }
    return web.render(request, "progress.html", context)
