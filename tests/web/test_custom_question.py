"""Practise a question of your own (/practice/custom): in-process pages, and once in Chromium."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from loopcoach.store import Store
from loopcoach.web.errors import MAX_ANSWER_CHARS

QUESTION = "How would you keep a flash-sale checkout up when traffic jumps tenfold?"
POINTS = "Shard the inventory by SKU\nFall back to a queue when the cache fails\nSing a song"
REFERENCE = "Shard inventory, cache in Redis, queue on failure, watch GMV per minute."


def store_of(client: TestClient) -> Store:
    store: Store = client.app.state.web.store  # type: ignore[attr-defined]
    return store


def form(**overrides: str) -> dict[str, str]:
    data = {
        "track": "pm",
        "round": "technical",
        "question": QUESTION,
        "talking_points": POINTS,
        "reference": "",
        "answer": "",
        "draft_id": "",
        "elapsed_seconds": "80",
    }
    return {**data, **overrides}


def kept(text: str, *values: str) -> None:
    """Each value is back in the page, HTML-escaped as Jinja writes it."""
    for value in values:
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        escaped = escaped.replace('"', "&#34;").replace("'", "&#39;")
        assert escaped in text, value[:60]


def test_the_form_has_labelled_controls_and_a_countdown(client: TestClient) -> None:
    page = client.get("/practice/custom", params={"track": "pm", "round": "technical"})
    assert page.status_code == 200
    for control in ("custom-track", "custom-round", "custom-question", "custom-points"):
        assert f'<label for="{control}">' in page.text
    assert '<label for="custom-reference">' in page.text
    assert '<label class="answer-form__label" for="answer">Your answer</label>' in page.text
    # Timed like a pack question of its round (three minutes), not for the whole round.
    assert 'data-budget="180.0"' in page.text and 'role="timer"' in page.text
    assert '<option value="technical" selected>' in page.text
    # Without JavaScript every track's rounds are there, grouped by track.
    assert page.text.count("<optgroup") >= 3
    assert "/practice/custom" in client.get("/practice").text


def test_a_pasted_question_is_scored_and_shows_its_coverage(
    client: TestClient, strong_answer: str
) -> None:
    response = client.post(
        "/practice/custom", data=form(answer=strong_answer), follow_redirects=False
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/attempts/\d+", location)
    feedback = client.get(location)
    assert feedback.status_code == 200
    kept(feedback.text, QUESTION)
    assert "Talking points of a strong answer" in feedback.text
    assert "Shard the inventory by SKU" in feedback.text and "Sing a song" in feedback.text
    assert "✓ Covered" in feedback.text and "✗ Missing" in feedback.text
    record = store_of(client).attempt(int(location.rsplit("/", 1)[1]))
    assert record is not None and record.status == "scored" and record.question == QUESTION
    assert record.assessment is not None and record.assessment.payload["coverage"]["points"]
    # The headline is the count of the ticks shown under it.
    points = record.assessment.payload["coverage"]["points"]
    ticked = sum(1 for p in points if p["covered"])
    assert f"Talking points of a strong answer: {ticked} of {len(points)} covered" in feedback.text
    assert f"{ticked} of {len(points)} covered</dd>" in feedback.text
    assert feedback.text.count("✓ Covered") == ticked
    assert "% covered" not in feedback.text


def test_a_model_answer_gives_coverage_too(client: TestClient, strong_answer: str) -> None:
    data = form(answer=strong_answer, talking_points="", reference=REFERENCE)
    response = client.post("/practice/custom", data=data)
    assert response.status_code == 200 and "Talking points of a strong answer" in response.text


def test_an_empty_question_is_refused_with_every_field_kept(client: TestClient) -> None:
    answer = "My answer <with> a 'quote' & more."
    page = client.post("/practice/custom", data=form(question="  ", answer=answer))
    assert page.status_code == 400
    assert "the question is empty" in page.text
    kept(page.text, POINTS, answer)
    assert store_of(client).attempts() == []


@pytest.mark.parametrize(
    ("track", "round", "listed"),
    [("sales", "technical", "valid tracks: pm"), ("pm", "ml", "valid rounds: screen")],
)
def test_an_unknown_track_or_round_lists_the_valid_ones(
    client: TestClient, track: str, round: str, listed: str
) -> None:
    page = client.post("/practice/custom", data=form(track=track, round=round, answer="kept"))
    assert page.status_code == 404
    assert listed in page.text
    kept(page.text, QUESTION, POINTS)
    assert ">kept</textarea>" in page.text


def test_an_empty_answer_is_refused_and_nothing_is_scored(client: TestClient) -> None:
    page = client.post("/practice/custom", data=form(answer="   "))
    assert page.status_code == 400
    assert "Not scored" in page.text
    kept(page.text, QUESTION, POINTS)
    assert [a for a in store_of(client).attempts() if a.status != "draft"] == []


def test_an_oversized_answer_is_413_and_kept_as_a_draft(client: TestClient) -> None:
    answer = "word " * (MAX_ANSWER_CHARS // 5 + 1)
    page = client.post("/practice/custom", data=form(answer=answer))
    assert page.status_code == 413
    assert "Too long" in page.text
    kept(page.text, QUESTION)
    drafts = store_of(client).attempts()
    assert [a.status for a in drafts] == ["draft"]
    assert drafts[0].question == QUESTION and drafts[0].answer == answer
    draft_id = re.search(r'name="draft_id" value="(\d+)"', page.text)
    assert draft_id and int(draft_id.group(1)) == drafts[0].id


def test_a_draft_of_a_pasted_question_saves_through_the_api(client: TestClient) -> None:
    body = {"track": "pm", "round": "technical", "question": QUESTION, "answer": "So far"}
    saved = client.post("/api/v1/drafts", json=body)
    assert saved.status_code == 200
    draft_id = saved.json()["draft_id"]
    response = client.post(
        "/practice/custom",
        data=form(answer="So far, and then done.", draft_id=str(draft_id)),
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/attempts/{draft_id}"


# -- in a real Chromium ---------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.filterwarnings(
    "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
)
def test_own_question_in_chromium(
    page: Any, live_server: str, snap: Any, strong_answer: str
) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/practice")
    link = page.get_by_role("link", name="Your own question")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/practice/custom$"))
    page.get_by_label("Track").select_option("pm")
    page.get_by_label("Round").select_option("technical")
    expect(page.locator("[data-timer-value]")).to_have_text(re.compile(r"^(3:00|2:5\d)$"))
    page.get_by_label("The question you were asked").fill(QUESTION)
    page.get_by_label(re.compile("^Talking points of a strong answer")).fill(POINTS)
    page.get_by_label("Your answer", exact=True).fill(strong_answer)
    expect(page.locator("[data-save-status]").first).to_contain_text("Draft saved", timeout=15000)
    snap(page, "custom-01-form")
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    expect(page.locator(".asked")).to_contain_text(QUESTION)
    expect(page.locator("#coverage-title")).to_contain_text("covered")
    expect(page.locator(".coverage li")).to_have_count(3)
    snap(page, "custom-02-feedback")
