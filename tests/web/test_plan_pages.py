"""The plan pages and /api/v1/plan in-process over HTTP."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

SOON = (date.today() + timedelta(days=10)).isoformat()


def make(client: TestClient, **form: str) -> None:
    data = {"track": "pm", "date": SOON, "hours": "2", "tz": "Europe/Paris", "start": "19:00"}
    r = client.post("/plan", data={**data, **form}, follow_redirects=False)
    assert r.status_code == 303, r.text


def test_the_agenda_with_done_skip_and_replan(client: TestClient) -> None:
    r = client.get("/plan")
    assert r.status_code == 200 and "Make your plan" in r.text
    make(client)
    page = client.get("/plan").text
    assert "Agenda" in page and "<progress" in page and "0 of" in page
    plan = client.get("/api/v1/plan").json()
    first, second = plan["items"][0], plan["items"][1]
    r = client.post(f"/plan/items/{first['id']}/done", follow_redirects=False)
    assert r.status_code == 303
    client.post(f"/plan/items/{second['id']}/skip")
    page = client.get("/plan").text
    assert (
        f'id="item-{first["id"]}" data-item="{first["id"]}" data-kind="story" data-status="done"'
        in page
    )
    r = client.post("/plan/replan")
    assert r.status_code == 200 and "What changed" in r.text
    assert client.post("/plan/items/999999/done").status_code == 404
    assert client.post(f"/plan/items/{first['id']}/explode").status_code == 404


def test_bad_input_shows_the_form_again_with_the_message(client: TestClient) -> None:
    past = (date.today() - timedelta(days=3)).isoformat()
    r = client.post("/plan", data={"track": "pm", "date": past, "hours": "2"})
    assert r.status_code == 400 and "is not in the future" in r.text
    r = client.post("/plan", data={"track": "pm", "date": SOON, "hours": "40"})
    assert r.status_code == 400 and "outside 0.5 to 12" in r.text
    r = client.post("/plan", data={"track": "zz", "date": SOON, "hours": "2"})
    assert r.status_code == 400 and "unknown track" in r.text
    r = client.post("/plan", data={"track": "pm", "date": SOON, "hours": "lots"})
    assert r.status_code == 400 and "not a number" in r.text


def test_the_checklist_on_the_page(client: TestClient) -> None:
    make(client)
    r = client.post("/plan/checklist/pm-cloud-design", data={"done": "1"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get("/plan").text
    assert "✓" in page
    assert client.post("/plan/checklist/nope", data={"done": "1"}).status_code == 404


def test_the_api(client: TestClient) -> None:
    assert client.get("/api/v1/plan").status_code == 404
    r = client.post("/api/v1/plan", json={"track": "ds", "date": SOON, "hours": 1.5, "tz": "UTC"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["track"] == "ds" and body["timezone"] == "UTC" and body["items"]
    item = body["items"][0]["id"]
    r = client.post(f"/api/v1/plan/items/{item}/done")
    assert r.status_code == 200 and r.json()["progress"]["done"] == 1
    r = client.post("/api/v1/plan/replan")
    assert r.status_code == 200 and r.json()["changes"]
    r = client.post("/api/v1/plan", json={"track": "ds", "date": SOON, "hours": 20})
    assert r.status_code == 400 and "outside 0.5 to 12" in r.json()["error"]["message"]
    assert client.post("/api/v1/plan/items/999999/skip").status_code == 404
