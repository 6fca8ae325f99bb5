"""A local server only its user can use: Host names, same-origin writes and security headers.

The walks below read the app's own route table, so a route added later is covered
without editing this file.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from loopcoach.web.security import CONTENT_SECURITY_POLICY, allowed_hosts

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
FOREIGN = {"origin": "http://evil.example"}


def routes_of(app: FastAPI) -> Iterator[tuple[str, str]]:
    """(method, path) for every route, routers included however FastAPI nests them."""

    def walk(routes: Any, prefix: str) -> Iterator[tuple[str, str]]:
        for route in routes:
            nested = getattr(route, "original_router", None)
            if nested is not None:
                context = getattr(route, "include_context", None)
                extra = getattr(context, "prefix", "") or ""
                if not routes_start_with(nested.routes, nested.prefix):
                    extra += nested.prefix
                yield from walk(nested.routes, prefix + extra)
                continue
            for method in sorted(getattr(route, "methods", None) or ()):
                yield method, prefix + route.path

    yield from walk(app.routes, "")


def routes_start_with(routes: Any, prefix: str) -> bool:
    return bool(prefix) and all(getattr(r, "path", prefix).startswith(prefix) for r in routes)


@pytest.fixture
def world(client: TestClient, tech_question: str, strong_answer: str) -> dict[str, str]:
    """A scored attempt, a draft, a started loop: something for every route to act on."""
    made = client.post(
        "/api/v1/attempts", json={"question_id": tech_question, "answer": strong_answer}
    )
    assert made.status_code == 201, made.text
    attempt_id = str(made.json()["id"])
    draft = client.post(
        "/api/v1/drafts", json={"question_id": tech_question, "answer": "a draft kept safe"}
    )
    assert draft.status_code == 200, draft.text
    loop = client.post("/loop", data={"track": "pm"}, follow_redirects=False)
    assert loop.status_code == 303, loop.text
    loop_id = loop.headers["location"].rstrip("/").split("/")[-1]
    return {
        "attempt_id": attempt_id,
        "question_id": tech_question,
        "loop_id": loop_id,
        "fmt": "md",
        "track_id": "pm",
        "action": "done",
        "draft_id": str(draft.json()["draft_id"]),
    }


def fill(path: str, world: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in world and (name.endswith("_id") or name == "uid"):
            # An id the route may not know: the refusal comes before the lookup.
            return "1" if name != "uid" else "0" * 32
        assert name in world, f"the test has no value for the path parameter {name!r} of {path}"
        return world[name]

    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


def database(app: FastAPI) -> Path:
    return Path(app.state.web.settings.resolved_database_url().removeprefix("sqlite:///"))


def snapshot(app: FastAPI) -> list[Any]:
    """Every row of every table: what a refused request must leave as it was."""
    with sqlite3.connect(database(app)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return [(t, conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()) for t in tables]


def unsafe_routes(app: FastAPI) -> list[tuple[str, str]]:
    found = [(m, p) for m, p in routes_of(app) if m in UNSAFE]
    # The walk must see the writes the probe found open; if it sees none, it is broken.
    paths = {p for _, p in found}
    assert {"/api/v1/attempts/{attempt_id}", "/practice/{question_id}", "/loop/{loop_id}"} <= paths
    return found


def body_for(path: str, world: dict[str, str]) -> dict[str, Any]:
    if path.startswith("/api/"):
        return {"json": {"question_id": world["question_id"], "answer": "forged text"}}
    return {"data": {"answer": "forged text", "track": "pm", "question": "Forged?"}}


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(FOREIGN, id="foreign-origin"),
        pytest.param({"origin": "null"}, id="opaque-origin"),
        pytest.param({"origin": "http://127.0.0.1:9999"}, id="other-local-port"),
        pytest.param({"sec-fetch-site": "cross-site"}, id="fetch-metadata-cross-site"),
        pytest.param({"referer": "http://evil.example/page"}, id="foreign-referer"),
    ],
)
def test_every_state_changing_route_refuses_other_origins(
    client: TestClient, web_app: FastAPI, world: dict[str, str], headers: dict[str, str]
) -> None:
    before = snapshot(web_app)
    for method, path in unsafe_routes(web_app):
        url = fill(path, world)
        response = client.request(method, url, headers=headers, **body_for(path, world))
        assert response.status_code == 403, (method, url, response.status_code)
        assert "refused" in response.text
    assert snapshot(web_app) == before


def test_every_route_refuses_a_forged_host(
    client: TestClient, web_app: FastAPI, world: dict[str, str]
) -> None:
    """DNS rebinding: a page on evil.example that resolves to 127.0.0.1 reads nothing."""
    before = snapshot(web_app)
    for method, path in routes_of(web_app):
        url = fill(path, world) if "{" in path else path
        if path == "/static":
            url = "/static/css/app.css"
        response = client.request(
            method, url, headers={"host": "evil.example:8000", **FOREIGN}, **body_for(path, world)
        )
        assert response.status_code == 400, (method, url, response.status_code)
        assert "strong_answer" not in response.text and "forged" not in response.text
    assert snapshot(web_app) == before


def test_the_probe_requests_are_refused_and_change_nothing(
    client: TestClient, web_app: FastAPI, world: dict[str, str]
) -> None:
    attempt = world["attempt_id"]
    forged = client.delete(f"/api/v1/attempts/{attempt}", headers={"host": "evil.example"})
    assert forged.status_code == 400
    cross = client.delete(f"/api/v1/attempts/{attempt}", headers=FOREIGN)
    assert cross.status_code == 403
    assert cross.json()["error"]["code"] == "cross_origin"
    listing = client.get("/api/v1/attempts", headers={"host": "evil.example"})
    assert listing.status_code == 400 and "answer" not in listing.text
    assert client.get(f"/api/v1/attempts/{attempt}").status_code == 200


def test_same_origin_and_non_browser_writes_still_work(
    client: TestClient, world: dict[str, str]
) -> None:
    own = {"origin": "http://127.0.0.1", "sec-fetch-site": "same-origin"}
    draft = client.post(
        "/api/v1/drafts",
        json={"question_id": world["question_id"], "answer": "typed on our own page"},
        headers=own,
    )
    assert draft.status_code == 200
    deleted = client.delete(f"/api/v1/attempts/{world['attempt_id']}", headers=own)
    assert deleted.status_code == 204
    # A script or curl sends no Origin, no Sec-Fetch-Site and no Referer: not a browser page.
    again = client.post(
        "/api/v1/drafts", json={"question_id": world["question_id"], "answer": "from a script"}
    )
    assert again.status_code == 200


def test_loopback_names_are_served_and_named_hosts_can_be_added(client: TestClient) -> None:
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"):
        assert client.get("/", headers={"host": host}).status_code == 200, host
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example", ""):
        assert client.get("/", headers={"host": host}).status_code == 400, host
    assert allowed_hosts(["coach.lan", "::2", "[::3]"])[-3:] == ["coach.lan", "[::2]", "[::3]"]


def test_pages_and_errors_carry_the_security_headers(client: TestClient) -> None:
    for url in ("/", "/practice", "/history", "/progress", "/no-such-page", "/api/v1/tracks"):
        response = client.get(url)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "same-origin"
        assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY.split("script-src")[1].split(";")[0]


TEMPLATES = Path(__file__).parents[2] / "src" / "loopcoach" / "web" / "templates"


def test_no_template_has_inline_script_or_handlers() -> None:
    """Under `script-src 'self'` an inline script would silently not run: keep none."""
    problems = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                problems.append(f"{template.name}: {tag}")
        problems += [f"{template.name}: {h}" for h in re.findall(r"\son[a-z]+=", text)]
        if "javascript:" in text:
            problems.append(f"{template.name}: javascript: URL")
    assert problems == []
