"""Isolation in service mode: no one reads, changes or deletes another's data.

Student A of cohort X keeps an attempt, a loop, a story, a plan, cards, a real round, an
API token and a session. Student B and Cy, the coach of another cohort, then call every
route of the app's own route table with A's ids in every path parameter, and with every
id up to past A's guessed by counting. Every route that names one of A's things answers
404 (never 403: an id tells nothing), no response carries A's words, and afterwards A's
data is all there, unchanged, and A is still signed in. A route added later is walked
without editing this file. A's own coach, last, can read A's attempt and comment on it,
and A sees the comment beside the feedback.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.web.service_helpers import (
    ORIGIN,
    PASSWORD,
    accounts,
    needs_postgres,
    post,
    service_app,
    signed_in,
    token_of,
)
from tests.web.test_local_security import routes_of

from loopcoach.content.index import Content

pytestmark = needs_postgres
SECRET = "Quillfeather"  # A's distinctive word, in every text A keeps
ANSWER = (
    f"At {SECRET} I owned the checkout rebuild: conversion was 2.1% and I set 2.6% as the "
    "target; we shipped one-page checkout and reached 2.5%, and I learned to pilot first."
)
# Path parameters that name something a user owns: another user must get 404 for them.
OWNED = {"attempt_id", "loop_id", "story_id", "round_id", "token_id", "session_id", "uid"}


def api(client: TestClient, method: str, path: str, **kw: Any) -> Any:
    headers = {**ORIGIN, "X-CSRFToken": token_of(client)}
    return client.request(method, path, headers=headers, **kw)


def a_world(app: FastAPI, content: Content) -> tuple[TestClient, dict[str, str]]:
    """Student A's account, signed in, with one of everything."""
    acc = accounts(app)
    cohort_x = acc.create_cohort("Cohort X", None)
    cohort_y = acc.create_cohort("Cohort Y", None)
    a = acc.sign_up("student-a", PASSWORD, code=acc.invite(None, cohort_id=cohort_x))
    acc.sign_up("student-b", PASSWORD, code=acc.invite(None, cohort_id=cohort_y))
    coach_x = acc.create("coach-x", PASSWORD, role="coach")
    coach_y = acc.create("coach-y", PASSWORD, role="coach")
    acc.add_member(cohort_x, coach_x, "coach", None)
    acc.add_member(cohort_y, coach_y, "coach", None)
    client = signed_in(app, a)
    question = content.questions(track="pm", round="culture")[0].id
    made = api(client, "POST", "/api/v1/attempts", json={"question_id": question, "answer": ANSWER})
    assert made.status_code == 201, made.text
    loop = post(client, "/loop", {"track": "pm"})
    assert loop.status_code == 303, loop.text
    story = api(
        client,
        "POST",
        "/api/v1/stories",
        json={"title": f"The {SECRET} rebuild", "situation": ANSWER, "result": "2.5%"},
    )
    assert story.status_code == 201, story.text
    plan = api(
        client,
        "POST",
        "/api/v1/plan",
        json={"track": "pm", "date": (date.today() + timedelta(days=10)).isoformat(), "hours": 2},
    )
    assert plan.status_code == 201, plan.text
    cards = api(client, "GET", "/api/v1/cards/due").json()["cards"]
    assert cards
    held = (date.today() - timedelta(days=2)).isoformat()
    real = api(
        client,
        "POST",
        "/api/v1/rounds",
        json={
            "track": "pm",
            "round": "culture",
            "date": held,
            "feeling": 2,
            "questions": [f"Why {SECRET}?"],
        },
    )
    assert real.status_code == 201, real.text
    token = post(client, "/account/tokens", {"name": f"{SECRET} script"})
    assert token.status_code == 201
    world = {
        "attempt_id": str(made.json()["id"]),
        "loop_id": loop.headers["location"].rstrip("/").split("/")[-1],
        "story_id": str(story.json()["id"]),
        "item_id": str(plan.json()["items"][0]["id"]),
        "card_uid": cards[0]["uid"],
        "account_uid": a.uid,
        "round_id": str(real.json()["id"]),
        "token_id": str(acc.tokens(a)[0]["id"]),
        "session_id": str(acc.sessions(a)[0]["id"]),
        "cohort_id": str(cohort_x),
        "question_id": question,
        "track_id": "pm",
        "action": "done",
        "fmt": "md",
    }
    return client, world


def fill(path: str, world: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "uid":
            return world["card_uid"] if "/cards/" in path else world["account_uid"]
        if name == "item_id" and "/checklist/" in path:
            return "no-such-item"
        assert name in world, f"the test has no value for {name!r} of {path}"
        return world[name]

    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


def names_owned(path: str) -> bool:
    params = set(re.findall(r"\{(\w+)", path))
    if "cohort_id" in params:
        return True  # cohort X is neither B's nor Cy's to coach
    if "item_id" in params and "/plan/items/" in path:
        return True
    return bool(params & OWNED)


def request_as(client: TestClient, method: str, path: str) -> Any:
    if method == "GET":
        return client.get(path, follow_redirects=False)
    if path.startswith("/api/"):
        # The first body the route's schema accepts, so the request reaches the lookup.
        response = None
        for body in ({}, {"rating": 3}, {"outcome": "rejected"}, {"answer": "forged"}):
            response = client.request(
                method,
                path,
                headers={**ORIGIN, "X-CSRFToken": token_of(client)},
                follow_redirects=False,
                json=body,
            )
            if response.status_code != 422:
                break
        return response
    return post(client, path, {"answer": "forged", "body": "forged", "role": "admin", "name": "x"})


def snapshot(a: TestClient) -> dict[str, Any]:
    return {
        "attempts": [(x["id"], x["answer"]) for x in a.get("/api/v1/attempts").json()["items"]],
        "stories": [(s["id"], s["title"]) for s in a.get("/api/v1/stories").json()],
        "rounds": [(r["id"], r["outcome"]) for r in a.get("/api/v1/rounds").json()],
        "plan": [(i["id"], i["status"]) for i in a.get("/api/v1/plan").json()["items"]],
        "loop": a.get("/loop", follow_redirects=False).status_code,
    }


@pytest.fixture
def world(tmp_path: Path, builtin_content: Content) -> Any:
    with service_app(tmp_path, builtin_content) as app:
        a, ids = a_world(app, builtin_content)
        yield app, a, ids


def test_no_other_student_or_coach_reaches_a_students_data(world: Any) -> None:
    app, a, ids = world
    before = snapshot(a)
    routes = [(m, p) for m, p in routes_of(app) if m in ("GET", "POST", "PATCH", "DELETE")]
    walked = {p for _, p in routes}
    # The walk must see the routes that name owned things; if not, it is broken.
    assert {"/api/v1/attempts/{attempt_id}", "/coach/attempts/{attempt_id}"} <= walked
    assert {"/stories/{story_id}", "/admin/accounts/{uid}/disable"} <= walked
    for name in ("student-b", "coach-y"):
        other = signed_in(app, accounts(app).by_username(name))  # type: ignore[arg-type]
        for method, path in routes:
            if path in ("/logout", "/login", "/signup", "/reset", "/data/delete-everything"):
                continue  # their own session and data; walked below for what they touch
            url = fill(path, ids)
            response = request_as(other, method, url)
            where = f"{name}: {method} {url} -> {response.status_code}"
            assert response.status_code < 500, where
            assert response.status_code != 403, where  # 404, so an id tells nothing
            if names_owned(path):
                assert response.status_code in (404, 422), where
            assert SECRET not in response.text, where
        # Ids guessed by counting: every attempt id up to past A's.
        own = {x["id"] for x in other.get("/api/v1/attempts").json()["items"]}
        last = int(ids["attempt_id"]) + 3
        for n in (n for n in range(1, last) if n not in own):
            assert other.get(f"/api/v1/attempts/{n}").status_code == 404, (name, n)
            assert other.get(f"/attempts/{n}").status_code == 404, (name, n)
        # B's "delete everything" deletes B's things only.
        gone = post(other, "/data/delete-everything", {"confirm": "delete everything"})
        assert gone.status_code in (200, 303)
    assert snapshot(a) == before
    assert a.get("/history", follow_redirects=False).status_code == 200  # still signed in


def test_the_students_own_coach_reads_and_comments_and_the_student_sees_it(world: Any) -> None:
    app, a, ids = world
    coach = signed_in(app, accounts(app).by_username("coach-x"))  # type: ignore[arg-type]
    cohort = coach.get(f"/coach/cohorts/{ids['cohort_id']}")
    assert cohort.status_code == 200 and "student-a" in cohort.text
    page = coach.get(f"/coach/students/{ids['account_uid']}")
    assert page.status_code == 200 and f"/coach/attempts/{ids['attempt_id']}" in page.text
    attempt = coach.get(f"/coach/attempts/{ids['attempt_id']}")
    assert attempt.status_code == 200 and SECRET in attempt.text
    said = post(
        coach,
        f"/coach/attempts/{ids['attempt_id']}/comments",
        {"body": "Good numbers. Say what you would do differently <b>first</b>."},
    )
    assert said.status_code == 303
    feedback = a.get(f"/attempts/{ids['attempt_id']}").text
    assert "Your coach&#39;s comments" in feedback or "Your coach's comments" in feedback
    assert "Say what you would do differently &lt;b&gt;first&lt;/b&gt;." in feedback
    # An assignment the coach sets shows on the student's account page.
    set_it = post(
        coach,
        f"/coach/cohorts/{ids['cohort_id']}/assignments",
        {
            "kind": "question",
            "target": ids["question_id"],
            "due_on": (date.today() + timedelta(days=3)).isoformat(),
            "note": "before Friday",
        },
    )
    assert set_it.status_code == 303, set_it.text
    assert "before Friday" in a.get("/account").text
    # The coach changed nothing of the student's answers.
    assert [x["answer"] for x in a.get("/api/v1/attempts").json()["items"]] == [ANSWER]
    # A finished mock loop of the student: the coach reads its debrief.
    import json

    from loopcoach.services.loop import LoopService
    from loopcoach.services.loop_script import run_scripted

    examples = Path(__file__).parents[2] / "docs" / "examples" / "loop-pm-strong.json"
    student = app.state.web.store.for_user(ids["account_uid"])
    done, _ = run_scripted(
        LoopService(student, app.state.web.content),
        "pm",
        json.loads(examples.read_text(encoding="utf-8")),
    )
    listed = coach.get(f"/coach/students/{ids['account_uid']}").text
    assert f'href="/coach/loops/{done.id}"' in listed
    debrief = coach.get(f"/coach/loops/{done.id}")
    assert debrief.status_code == 200 and "debrief" in debrief.text.lower()
    assert coach.get(f"/coach/loops/{ids['loop_id']}").status_code == 404  # not finished
