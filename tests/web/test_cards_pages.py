"""The /cards review page and the cards API, in-process."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def _uid(html: str) -> str:
    found = re.search(r'name="uid" value="([0-9a-f]{32})"', html)
    assert found, "no card on the page"
    return found.group(1)


def _due(html: str) -> int:
    found = re.search(r"<strong data-due>(\d+)</strong>", html)
    assert found
    return int(found.group(1))


def test_review_page_rates_the_first_card(client: TestClient) -> None:
    page = client.get("/cards")
    assert page.status_code == 200
    assert 'aria-current="page"' in page.text and ">Cards<" in page.text
    assert "/static/js/cards.js" in page.text and "onclick" not in page.text
    uid, due = _uid(page.text), _due(page.text)
    r = client.post("/cards/review", data={"uid": uid, "rating": "3"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/cards"
    after = client.get("/cards").text
    assert _due(after) == due - 1 and _uid(after) != uid


def test_interview_date_is_said_and_kept(client: TestClient) -> None:
    page = client.get("/cards", params={"interview_date": "2099-01-01", "target": "0.95"})
    assert "Your interview is on 2099-01-01" in page.text and "below\n  95% recall" in page.text
    uid = _uid(page.text)
    r = client.post(
        "/cards/review",
        data={"uid": uid, "rating": "4", "interview_date": "2099-01-01", "target": "0.95"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/cards?interview_date=2099-01-01&target=0.95"
    bad = client.get("/cards", params={"interview_date": "soon"})
    assert bad.status_code == 200 and "must look like" in bad.text
    assert client.get("/cards", params={"target": "2"}).status_code == 422


def test_unknown_card_and_rating(client: TestClient) -> None:
    client.get("/cards")
    assert client.post("/cards/review", data={"uid": "f" * 32, "rating": "3"}).status_code == 404
    uid = _uid(client.get("/cards").text)
    assert client.post("/cards/review", data={"uid": uid, "rating": "5"}).status_code == 422


def test_card_text_is_escaped(client: TestClient) -> None:
    from loopcoach.store.card_models import CardRow

    client.get("/cards")
    store = client.app.state.web.store  # type: ignore[attr-defined]
    from sqlalchemy import update
    from sqlalchemy.orm import Session

    with Session(store.engine) as s, s.begin():
        s.execute(update(CardRow).values(front="<script>alert(1)</script>"))
    page = client.get("/cards").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_api_due_and_review(client: TestClient) -> None:
    due = client.get("/api/v1/cards/due", params={"limit": 2}).json()
    assert due["due"] == due["total"] > 2 and len(due["cards"]) == 2
    uid = due["cards"][0]["uid"]
    rated = client.post(f"/api/v1/cards/{uid}/review", json={"rating": 3})
    assert rated.status_code == 200 and rated.json()["uid"] == uid
    assert client.get("/api/v1/cards/due").json()["due"] == due["due"] - 1
    assert client.post("/api/v1/cards/nope/review", json={"rating": 3}).status_code == 404
    assert client.post(f"/api/v1/cards/{uid}/review", json={"rating": 0}).status_code == 422
    assert "/api/v1/cards/due" in client.get("/openapi.json").json()["paths"]


def test_cross_origin_review_is_refused(client: TestClient) -> None:
    uid = _uid(client.get("/cards").text)
    r = client.post(
        "/cards/review",
        data={"uid": uid, "rating": "3"},
        headers={"Origin": "http://evil.example"},
    )
    assert r.status_code == 403
