"""Which track fits: the questionnaire, the tracks side by side, and the pay spread chart.

Both pages are GET or POST forms over the same services as `loopcoach fit` and
`loopcoach compare`; the pay chart (Chart.js, vendored) repeats a table that is on
the page anyway, so nothing is lost without JavaScript.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from loopcoach.services.compare import NO_FACT, TOPICS, compare_tracks
from loopcoach.services.fit import FitInputError, questionnaire, rank_tracks
from loopcoach.services.pay import PayInputError, PayOutcome, parse_scenario, simulate
from loopcoach.web.state import WebState, web_state

router = APIRouter(include_in_schema=False)
Web = Annotated[WebState, Depends(web_state)]
SCENARIOS = 3
PAY_FIELDS = ("name", "track", "base", "equity", "vesting", "bonus")


@router.get("/fit", response_class=HTMLResponse)
async def fit_page(request: Request, web: Web) -> HTMLResponse:
    """The questionnaire; with answers in the query (the form is GET), the ranking too."""
    answers = {k: v for k, v in request.query_params.items() if v}
    context: dict[str, Any] = {
        "active": "fit",
        "items": questionnaire().items,
        "answers": answers,
        "result": None,
        "error": None,
    }
    status = 200
    if answers:
        pack = web.content.pack()
        try:
            context["result"] = rank_tracks(pack, answers)
            context["sources"] = pack.info.sources
        except FitInputError as exc:
            context["error"], status = str(exc), 400
    return web.render(request, "fit.html", context, status_code=status)


def scenario_spec(values: dict[str, str]) -> str:
    """`key=value,...` from the form's fields; thousands separators typed in numbers go."""
    parts = []
    for key in PAY_FIELDS:
        value = values.get(key, "").strip()
        if not value:
            continue
        value = value.replace(",", "") if key != "name" else value.replace(",", " ")
        parts.append(f"{key}={value}")
    return ",".join(parts)


def pay_chart(outcomes: list[PayOutcome]) -> dict[str, Any]:
    return {
        "years": [f"Year {y.year}" for y in outcomes[0].years] if outcomes else [],
        "scenarios": [
            {
                "name": o.scenario.name,
                "p10": [round(y.total.p10) for y in o.years],
                "p50": [round(y.total.p50) for y in o.years],
                "p90": [round(y.total.p90) for y in o.years],
            }
            for o in outcomes
        ],
    }


@router.get("/compare", response_class=HTMLResponse)
async def compare_page(
    request: Request, web: Web, tracks: Annotated[list[str] | None, Query()] = None
) -> HTMLResponse:
    """Tracks side by side, and up to three pay scenarios with their spread per year."""
    pack = web.content.pack()
    chosen = [t for t in (tracks or []) if t]
    comparison = compare_tracks(pack, chosen or list(pack.tracks)[:2])
    forms: list[dict[str, str]] = []
    outcomes: list[PayOutcome] = []
    errors: list[str] = []
    for i in range(1, SCENARIOS + 1):
        values = {k: request.query_params.get(f"{k}{i}", "") for k in PAY_FIELDS}
        forms.append(values)
        spec = scenario_spec(values)
        if not values["base"].strip():
            if spec:
                errors.append(f"pay scenario {i}: base is missing; give an annual base salary")
            continue
        try:
            outcomes.append(simulate(parse_scenario(spec, i, pack)))
        except PayInputError as exc:
            errors.append(str(exc))
    context = {
        "active": "compare",
        "pack": pack,
        "comparison": comparison,
        "topics": TOPICS,
        "no_fact": NO_FACT,
        "chosen": [c.track for c in comparison.columns],
        "forms": forms,
        "outcomes": outcomes,
        "chart": pay_chart(outcomes),
        "errors": errors,
    }
    return web.render(request, "tracks_compare.html", context, status_code=400 if errors else 200)
