"""The real rounds pages and API in-process: log, show, outcome, delete, escape, practise."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

OWN = {"Origin": "http://127.0.0.1"}
HELD = (date.today() - timedelta(days=1)).isoformat()
SCRIPT = "<script>alert('x')</script> How would you price it?"


def log(client: TestClient, **fields: str) -> str:
    """Log a round through the form; returns the round's page."""
    data = {
        "loop": "pm/hiring_manager",
        "date": HELD,
        "feeling": "2",
        "questions": "Why this team?\n\n- What would you cut?\n",
        "company": "Alibaba",
        "notes": "",
        **fields,
    }
    r = client.post("/rounds", data=data, headers=OWN, follow_redirects=False)
    assert r.status_code == 303, r.text
    return str(r.headers["location"])


def test_the_page_lists_rounds_and_offers_the_form(client: TestClient) -> None:
    empty = client.get("/rounds")
    assert empty.status_code == 200
    assert "No real rounds logged yet" in empty.text
    assert 'action="/rounds"' in empty.text and 'value="pm/hiring_manager"' in empty.text
    assert 'href="/rounds" aria-current="page"' in empty.text
    where = log(client)
    assert where == "/rounds/1"
    page = client.get("/rounds")
    assert 'data-round="1" data-outcome="pending"' in page.text and "Alibaba" in page.text
    assert "Practice grade beside real outcomes" in page.text
    assert 'data-compare="pm/hiring_manager"' in page.text


def test_a_logged_round_shows_its_questions_with_a_way_to_practise_each(
    client: TestClient,
) -> None:
    page = client.get(log(client))
    assert page.status_code == 200
    assert "Why this team?" in page.text and "What would you cut?" in page.text
    assert page.text.count('action="/practice/custom"') == 2
    assert '<input type="hidden" name="question" value="What would you cut?">' in page.text
    assert '<input type="hidden" name="round" value="hiring_manager">' in page.text
    assert "/practice/custom?track=pm&amp;round=hiring_manager" in page.text


def test_practising_a_logged_question_goes_through_the_custom_question_path(
    client: TestClient, strong_answer: str
) -> None:
    log(client)
    r = client.post(
        "/practice/custom",
        data={
            "track": "pm",
            "round": "hiring_manager",
            "question": "Why this team?",
            "answer": strong_answer,
        },
        headers=OWN,
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/attempts/")
    rows = client.get("/api/v1/rounds/compare", params={"track": "pm"}).json()
    hm = next(x for x in rows if x["round"] == "hiring_manager")
    assert hm["practice_attempts"] == 1 and hm["real_rounds"] == 1


def test_a_question_with_a_script_is_shown_as_text(client: TestClient) -> None:
    where = log(client, questions=SCRIPT, company="<b>Evil</b> Corp")
    for url in (where, "/rounds"):
        page = client.get(url)
        assert "<script>alert" not in page.text and "<b>Evil</b>" not in page.text
        assert "&lt;b&gt;Evil&lt;/b&gt; Corp" in page.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; How would you price it?" in (
        client.get(where).text
    )


def test_a_bad_round_is_refused_with_the_form_kept(client: TestClient) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    cases = [
        ({"loop": ""}, "choose the round it was"),
        ({"loop": "pm/lunch"}, "unknown round &#39;lunch&#39;; valid rounds: screen"),
        ({"loop": "nope/culture"}, "unknown track &#39;nope&#39;"),
        ({"date": tomorrow}, "is in the future"),
        ({"feeling": "9"}, "how it went is 9"),
        ({"feeling": ""}, "give a number from 1 (badly) to 5"),
        ({"questions": "\n \n"}, "give at least one question you were asked"),
        ({"questions": "\n".join(["Q?"] * 31)}, "31 questions; log at most 30"),
    ]
    for change, message in cases:
        data = {
            "loop": "pm/culture",
            "date": HELD,
            "feeling": "3",
            "questions": "Kept question?",
            "company": "Kept company",
            **change,
        }
        r = client.post("/rounds", data=data, headers=OWN)
        assert r.status_code == 400, (change, r.status_code)
        assert message in r.text, (change, message)
        assert "Kept company" in r.text
    assert client.get("/api/v1/rounds").json() == []


def test_the_outcome_is_set_and_the_round_deleted(client: TestClient) -> None:
    where = log(client)
    r = client.post(f"{where}/outcome", data={"outcome": "rejected"}, headers=OWN)
    assert r.status_code == 200 and "Outcome saved" in r.text
    assert "<strong data-outcome>rejected</strong>" in r.text
    bad = client.post(f"{where}/outcome", data={"outcome": "ghosted"}, headers=OWN)
    assert bad.status_code == 400 and "unknown outcome" in bad.text
    noted = client.post(f"{where}/notes", data={"notes": "pricing came up"}, headers=OWN)
    assert noted.status_code == 200 and "pricing came up" in noted.text
    gone = client.post(f"{where}/delete", headers=OWN)
    assert gone.status_code == 200 and "Deleted real round 1" in gone.text
    assert client.get(where).status_code == 404
    assert (
        client.post(f"{where}/outcome", data={"outcome": "passed"}, headers=OWN).status_code == 404
    )
    assert client.post(f"{where}/delete", headers=OWN).status_code == 404


def test_the_forms_refuse_another_origin(client: TestClient) -> None:
    where = log(client)
    evil = {"Origin": "http://evil.example"}
    assert client.post(f"{where}/delete", headers=evil).status_code == 403
    assert client.post("/rounds", data={"loop": "pm/culture"}, headers=evil).status_code == 403
    assert client.get(where).status_code == 200


def test_the_api_logs_reads_patches_and_deletes(client: TestClient) -> None:
    body = {
        "track": "pm",
        "round": "technical",
        "date": HELD,
        "feeling": 1,
        "questions": ["Design the flash-sale inventory service"],
        "company": "Alibaba",
    }
    made = client.post("/api/v1/rounds", json=body)
    assert made.status_code == 201, made.text
    real = made.json()
    assert real["outcome"] == "pending" and real["questions"][0]["position"] == 0
    url = f"/api/v1/rounds/{real['id']}"
    assert client.get(url).json()["company"] == "Alibaba"
    patched = client.patch(url, json={"outcome": "offer", "notes": "good news"})
    assert patched.status_code == 200
    assert (patched.json()["outcome"], patched.json()["notes"]) == ("offer", "good news")
    assert client.patch(url, json={"outcome": "ghosted"}).status_code == 422
    assert [r["id"] for r in client.get("/api/v1/rounds", params={"track": "pm"}).json()] == [
        real["id"]
    ]
    assert client.get("/api/v1/rounds", params={"track": "nope"}).status_code == 404
    bad = client.post("/api/v1/rounds", json={**body, "feeling": 7})
    assert bad.status_code == 400 and "how it went is 7" in bad.json()["error"]["message"]
    unknown = client.post("/api/v1/rounds", json={**body, "round": "lunch"})
    assert unknown.status_code == 404
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404
    assert client.delete(url).status_code == 404
    assert client.get("/api/v1/rounds/0").status_code == 422
