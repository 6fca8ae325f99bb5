"""The story pages and the /api/v1/stories API, in-process over HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

ORIGIN = {"Origin": "http://127.0.0.1"}
STORY = {
    "title": "<script>alert(1)</script> outage",
    "situation": "Checkout failed load tests before Double 11 at three times normal traffic.",
    "action": "I owned the fix, pulled the payments team in and cut two features.",
    "result": "We launched on time and conversion rose 4%.",
    "competencies": ["ownership"],
}


def test_api_create_get_update_match_delete(client: TestClient) -> None:
    created = client.post("/api/v1/stories", json=STORY)
    assert created.status_code == 201, created.text
    story = created.json()
    assert story["scores"]["culture"]["criteria"]
    sid = story["id"]
    assert client.get(f"/api/v1/stories/{sid}").json()["title"] == STORY["title"]
    patched = client.patch(f"/api/v1/stories/{sid}", json={"notes": "use it twice at most"})
    assert patched.json()["notes"] == "use it twice at most"
    assert [s["id"] for s in client.get("/api/v1/stories").json()] == [sid]
    matched = client.get("/api/v1/stories/match", params={"q": "Tell me about an outage"})
    assert matched.json()[0]["story_id"] == sid and matched.json()[0]["reasons"]
    assert client.get("/api/v1/stories/match").status_code == 400
    assert client.post("/api/v1/stories", json={"title": "x", "bogus": 1}).status_code == 422
    assert client.post("/api/v1/stories", json={"title": "x"}).status_code == 400
    assert client.delete(f"/api/v1/stories/{sid}").status_code == 204
    assert client.get(f"/api/v1/stories/{sid}").status_code == 404


def test_pages_add_show_edit_delete_escape_text(client: TestClient) -> None:
    form = {**STORY, "track": "pm"}
    made = client.post("/stories", data=form, headers=ORIGIN, follow_redirects=False)
    assert made.status_code == 303
    url = made.headers["location"]
    page = client.get(url)
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text
    assert "Ownership" in page.text and "evidence" in page.text
    assert "<script>alert" not in client.get("/stories").text
    assert client.get(url + "/edit").status_code == 200
    edited = client.post(url + "/edit", data={**form, "title": "Renamed"}, headers=ORIGIN)
    assert "Renamed" in edited.text
    refused = client.post(url + "/edit", data={**form, "title": ""}, headers=ORIGIN)
    assert refused.status_code == 400
    gone = client.post(url + "/delete", headers=ORIGIN, follow_redirects=False)
    assert gone.status_code == 303
    assert client.get(url).status_code == 404


def test_coverage_match_and_practice_button(client: TestClient) -> None:
    client.post("/api/v1/stories", json=STORY)
    cov = client.get("/stories/coverage", params={"track": "pm"})
    assert cov.status_code == 200 and "(gap)" in cov.text and "<mark>" in cov.text
    assert client.get("/stories/coverage", params={"track": "nope"}).status_code == 404
    practice = client.get("/practice/pm-culture-01")
    assert 'href="/stories/match?question_id=pm-culture-01"' in practice.text
    match = client.get("/stories/match", params={"question_id": "pm-culture-01"})
    assert match.status_code == 200 and "outage" in match.text
    assert client.get("/stories/match", params={"question_id": "nope"}).status_code == 404
    assert 'href="/stories"' in client.get("/").text
