"""The progress page links each weak competency to a question, a card and a story step."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

ORIGIN = {"Origin": "http://127.0.0.1"}
THIN = "I would look at the data and talk to users, then decide what to build next."


def test_progress_links_next_steps_that_open(client: TestClient, tech_question: str) -> None:
    posted = client.post(f"/practice/{tech_question}", data={"answer": THIN}, headers=ORIGIN)
    assert posted.status_code in (200, 303), posted.text
    client.get("/cards")  # the cards page makes the cards of the pack and of the misses
    page = client.get("/progress", params={"track": "pm"})
    assert page.status_code == 200
    blocks = re.findall(
        r'<ul class="next-steps" data-next-steps="([a-z_]+)">(.*?)</ul>', page.text, re.S
    )
    assert len(blocks) == 3
    hrefs = [h for _, block in blocks for h in re.findall(r'href="([^"]+)"', block)]
    assert any(h.startswith("/practice/") for h in hrefs)
    assert any(h.startswith("/stories/new?competency=") for h in hrefs)
    cards = [h for h in hrefs if h.startswith("/cards?card=")]
    assert cards
    for href in hrefs:  # every step opens
        assert client.get(href.replace("&amp;", "&")).status_code == 200, href
    chosen = client.get(cards[0])
    assert "data-chosen" in chosen.text
    uid = cards[0].removeprefix("/cards?card=")
    assert f'data-card="{uid}"' in chosen.text
    competency = next(h for h in hrefs if h.startswith("/stories/new")).split("=", 1)[1]
    form = client.get(f"/stories/new?competency={competency}").text
    assert re.search(rf'value="{competency}" checked', form)


def test_a_card_or_competency_that_is_not_there(client: TestClient) -> None:
    assert client.get("/cards", params={"card": "f" * 32}).status_code == 404
    assert client.get("/cards", params={"card": "<script>"}).status_code == 422
    form = client.get("/stories/new", params={"competency": "not_a_competency"})
    assert form.status_code == 200 and " checked" not in form.text


def test_progress_sets_practice_grades_beside_real_rounds(client: TestClient) -> None:
    empty = client.get("/progress").text
    assert 'href="/rounds">log it</a>' in empty
    from datetime import date, timedelta

    logged = client.post(
        "/api/v1/rounds",
        json={
            "track": "pm",
            "round": "culture",
            "date": (date.today() - timedelta(days=1)).isoformat(),
            "feeling": 2,
            "questions": ["Tell me about a time you failed."],
            "outcome": "rejected",
        },
    )
    assert logged.status_code == 201, logged.text
    page = client.get("/progress").text
    row = re.search(r'<tr data-compare="pm/culture">(.*?)</tr>', page, re.S)
    assert row and "1 rejected" in row.group(1) and "2.0 of 5" in row.group(1)
