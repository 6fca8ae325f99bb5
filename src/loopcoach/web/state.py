"""What every request handler shares: settings, content, store and templates, built once per app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from loopcoach.content.index import Content
from loopcoach.services.practice import PracticeService, track_ids
from loopcoach.settings import Settings
from loopcoach.store.db import Store
from loopcoach.web import format as fmt

if TYPE_CHECKING:
    from loopcoach.services.accounts import Account

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters.update(fmt.FILTERS)
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates


@dataclass
class WebState:
    """The app's long-lived objects; `request.app.state.web`."""

    settings: Settings
    content: Content
    store: Store
    templates: Jinja2Templates
    # Service mode: the account this request is made for; its store sees only its rows.
    account: Account | None = None

    def service(self) -> PracticeService:
        return PracticeService(self.store, self.content)

    # -- names for display -----------------------------------------------------

    def competency_name(self, competency: str) -> str:
        for pack in self.content.packs.values():
            if competency in pack.competencies:
                return pack.competencies[competency].name
        return fmt.humanise(competency)

    def criterion_name(self, round_id: str, criterion: str) -> str:
        for pack in self.content.packs.values():
            rubric = pack.rubrics.get(round_id)
            if rubric is not None:
                for c in rubric.criteria:
                    if c.id == criterion:
                        return c.name
        return fmt.humanise(criterion)

    def criterion_description(self, round_id: str, criterion: str) -> str:
        for pack in self.content.packs.values():
            rubric = pack.rubrics.get(round_id)
            if rubric is not None:
                for c in rubric.criteria:
                    if c.id == criterion:
                        return c.description
        return ""

    def flag_name(self, flag: str) -> str:
        for pack in self.content.packs.values():
            if flag in pack.red_flags:
                return pack.red_flags[flag].name
        return fmt.humanise(flag)

    def evidence_names(self, round_id: str) -> Callable[[str, str], str]:
        """The names of a marked answer's labels: a criterion of `round_id`, or a flag."""

        def name(kind: str, ident: str) -> str:
            if kind == "criterion":
                return self.criterion_name(round_id, ident)
            return self.flag_name(ident)

        return name

    def track_name(self, track: str) -> str:
        for pack in self.content.packs.values():
            if track in pack.tracks:
                return pack.tracks[track].name
        return track.upper()

    def round_name(self, track: str, round_id: str) -> str:
        for pack in self.content.packs.values():
            if track in pack.tracks:
                for r in pack.tracks[track].loop:
                    if r.round == round_id:
                        return r.name
        return fmt.humanise(round_id)

    def track_ids(self) -> list[str]:
        return track_ids(self.content)

    def all_competencies(self) -> list[str]:
        ids: dict[str, None] = {}
        for pack in self.content.packs.values():
            for t in pack.tracks.values():
                for r in t.loop:
                    ids.update(dict.fromkeys(r.competencies))
        return sorted(ids, key=self.competency_name)

    def render(
        self, request: Request, template: str, context: dict[str, Any], status_code: int = 200
    ) -> HTMLResponse:
        from markupsafe import Markup, escape

        from loopcoach.web.service import csrf_token

        token = csrf_token(request)
        field = (
            Markup('<input type="hidden" name="csrftoken" value="{}">').format(escape(token))
            if token
            else ""
        )
        base = {
            "web": self,
            "nav_tracks": self.track_ids(),
            "account": self.account,
            "service": self.settings.service,
            "csrf_token": token,
            "csrf_field": field,
        }
        return self.templates.TemplateResponse(
            request, template, {**base, **context}, status_code=status_code
        )


async def web_state(request: Request) -> WebState:
    """The FastAPI dependency that hands a handler the app's WebState.

    Async, so in local mode resolving it never costs a trip through the thread pool.
    In service mode it is the state of the account signed in (LoginRequired without
    one), with the store seen as that account, so a handler cannot reach another's rows;
    the account is read from the database in the pool.
    """
    state: WebState = request.app.state.web
    if not state.settings.service:
        return state
    from starlette.concurrency import run_in_threadpool

    from loopcoach.web.service import require_account

    account = await run_in_threadpool(require_account, request)
    return replace(state, store=state.store.for_user(account.uid), account=account)


async def public_state(request: Request) -> WebState:
    """The WebState for pages anyone may open (login, sign-up): the account if signed in."""
    state: WebState = request.app.state.web
    if not state.settings.service:
        return state
    from starlette.concurrency import run_in_threadpool

    from loopcoach.web.service import current_account

    account = await run_in_threadpool(current_account, request)
    if account is None:
        return state
    return replace(state, store=state.store.for_user(account.uid), account=account)
