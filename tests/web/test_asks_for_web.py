"""What a question asks for, through the web: the score API's `asks_for` and the custom form."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from loopcoach.scoring import score
from loopcoach.scoring.asks import ASK_IDS
from loopcoach.web.routes.custom import ASK_CHOICES

QUESTION = "How would you keep a flash-sale checkout up when traffic jumps tenfold?"


Recorder = Any  # tests/conftest.py's ScoreRecorder


@pytest.fixture
def recorder(record_scores: Any) -> Any:
    return record_scores(
        "loopcoach.web.api.score.score",  # the score API
        "loopcoach.scoring.score",  # the practice service's scorer
    )


def test_the_score_api_passes_asks_for(
    client: TestClient, recorder: Recorder, strong_answer: str
) -> None:
    custom = {"track": "pm", "round": "technical", "question": QUESTION, "answer": strong_answer}
    for body in (
        custom,
        {**custom, "asks_for": "design"},
        {**custom, "asks_for": None},
        {"question_id": "pm-culture-06", "answer": strong_answer},
        {"question_id": "pm-culture-06", "answer": strong_answer, "asks_for": "story"},
    ):
        response = client.post("/api/v1/score", json=body)
        assert response.status_code == 200, response.text
    # A pack question brings its own; a value in the body wins; nothing lets the scorer infer.
    assert recorder.asks_for == [None, "design", None, "setback_story", "story"]
    got = client.post("/api/v1/score", json={**custom, "asks_for": "design"}).json()
    expected = score("pm", "technical", QUESTION, strong_answer, asks_for="design")
    assert got == expected.to_json()


def test_an_unknown_asks_for_is_refused_with_the_allowed_values(client: TestClient) -> None:
    body = {"track": "pm", "round": "technical", "question": QUESTION, "answer": "An answer."}
    response = client.post("/api/v1/score", json={**body, "asks_for": "failure"})
    assert response.status_code == 422, response.text
    detail = response.json()["error"]["details"][0]
    assert detail["location"] == "body.asks_for"
    assert all(f"'{a}'" in detail["message"] for a in ASK_IDS)


def test_the_openapi_document_lists_and_explains_the_ask_ids(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    field = doc["components"]["schemas"]["ScoreRequest"]["properties"]["asks_for"]
    enums = [s for s in field["anyOf"] if "enum" in s] if "anyOf" in field else [field]
    assert enums and enums[0]["enum"] == list(ASK_IDS)
    for ask in ASK_IDS:
        assert f"`{ask}`" in field["description"]


def test_the_custom_form_offers_every_kind_and_infers_by_default(client: TestClient) -> None:
    assert tuple(a for a, _ in ASK_CHOICES) == ASK_IDS
    page = client.get("/practice/custom").text
    assert '<label for="custom-asks">What does the question ask for?' in page
    assert '<option value="" selected>Let loopcoach infer it</option>' in page
    for ask in ASK_IDS:
        assert f'<option value="{ask}">' in page


def form(**overrides: str) -> dict[str, str]:
    data = {
        "track": "pm",
        "round": "technical",
        "question": QUESTION,
        "talking_points": "",
        "reference": "",
        "answer": "",
        "draft_id": "",
        "elapsed_seconds": "80",
    }
    return {**data, **overrides}


def test_the_custom_form_passes_the_choice_to_the_scorer(
    client: TestClient, recorder: Recorder, strong_answer: str
) -> None:
    inferred = client.post("/practice/custom", data=form(answer=strong_answer))
    assert inferred.status_code == 200  # followed to the feedback page
    told = client.post(
        "/practice/custom", data=form(answer=strong_answer, asks_for="plan"), follow_redirects=False
    )
    assert told.status_code == 303 and re.fullmatch(r"/attempts/\d+", told.headers["location"])
    assert recorder.asks_for == [None, "plan"]
    # An unknown value is refused, and the form comes back with everything typed.
    bad = client.post("/practice/custom", data=form(answer=strong_answer, asks_for="nap"))
    assert bad.status_code == 400
    assert "unknown asks_for &#39;nap&#39;; use one of: setback_story" in bad.text
    assert strong_answer[:40] in bad.text
    # The choice survives a refused answer.
    empty = client.post("/practice/custom", data=form(answer="  ", asks_for="decision"))
    assert '<option value="decision" selected>' in empty.text
