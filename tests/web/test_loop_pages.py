"""The mock loop, debrief, fit and compare pages over in-process HTTP."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "loop-pm-strong.json"
STEP = re.compile(r'action="/loop/(\d+)\?step=(\d+)"')


def start(client: TestClient, track: str = "pm") -> str:
    r = client.post("/loop", data={"track": track}, follow_redirects=False)
    assert r.status_code == 303
    return str(r.headers["location"])


def current_step(client: TestClient, url: str) -> tuple[str, str]:
    page = client.get(url)
    assert page.status_code == 200, page.text
    match = STEP.search(page.text)
    assert match, page.text
    return match.group(1), match.group(2)


def test_a_loop_runs_round_by_round_to_its_debrief(client: TestClient) -> None:
    url = start(client)
    first = client.get(url).text
    assert "Round 1 of 5" in first and "Recruiter screen" in first
    assert "Round time budget" in first and "30 min" in first
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    order = ["screen", "hiring_manager", "technical", "product_sense", "culture"]
    for round_id in order:
        for index in (0, 1):
            loop_id, step = current_step(client, url)
            r = client.post(
                f"/loop/{loop_id}?step={step}",
                data={"answer": answers[round_id][index], "elapsed_seconds": "240"},
                follow_redirects=False,
            )
            assert r.status_code == 303
    done = client.get(url, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].endswith("/debrief")
    page = client.get(done.headers["location"]).text
    assert "What the committee wrote" in page and 'class="debrief"' in page
    assert re.search(r"(Strong|Lean) hire", page)
    md = client.get(done.headers["location"] + ".md")
    assert md.headers["content-disposition"].endswith('.md"')
    assert md.text.startswith("# Hiring-committee debrief")
    html = client.get(done.headers["location"] + ".html")
    assert html.text.startswith("<!doctype html>")
    listing = client.get("/loop").text
    assert "Debrief" in listing and "P" in listing


def test_follow_up_page_presses_on_the_weakest_point(client: TestClient) -> None:
    url = start(client)
    loop_id, step = current_step(client, url)
    answer = json.loads(EXAMPLE.read_text(encoding="utf-8"))["screen"][0]
    client.post(f"/loop/{loop_id}?step={step}", data={"answer": answer})
    page = client.get(url).text
    assert "The interviewer presses on your weakest point" in page
    assert "Your answer to the follow-up" in page


def test_an_empty_answer_is_refused_and_a_stale_form_moves_on(client: TestClient) -> None:
    url = start(client)
    loop_id, step = current_step(client, url)
    r = client.post(f"/loop/{loop_id}?step={step}", data={"answer": "   "})
    assert r.status_code == 400 and "empty" in r.text
    r = client.post(f"/loop/{loop_id}?step=999999", data={"answer": "x"}, follow_redirects=False)
    assert r.status_code == 303
    skip = client.post(
        f"/loop/{loop_id}?step={step}", data={"action": "skip"}, follow_redirects=False
    )
    assert skip.status_code == 303
    assert "Round 2 of 5" in client.get(url).text  # an unanswered main question has no probe


def test_a_draft_typed_before_leaving_comes_back(client: TestClient) -> None:
    url = start(client)
    current_step(client, url)
    question_id = re.search(r'"question_id": "([\w-]+)"', client.get(url).text)
    assert question_id
    saved = client.post(
        "/api/v1/drafts", json={"question_id": question_id.group(1), "answer": "Half an answer"}
    )
    assert saved.status_code == 200
    page = client.get(url).text
    assert "What you typed before you left is back" in page and "Half an answer" in page


def test_unknown_loops_and_exports_are_404(client: TestClient) -> None:
    assert client.get("/loop/424242").status_code == 404
    url = start(client)
    assert client.get(url + "/debrief").status_code == 400  # not finished yet
    assert client.post("/loop", data={"track": "cto"}).status_code == 404


def test_fit_page_ranks_and_names_unanswerable_items(client: TestClient) -> None:
    page = client.get("/fit")
    assert page.status_code == 200 and page.text.count('type="radio"') > 30
    ranked = client.get("/fit", params={"own": "sell", "consumers": "love", "pay": "bonus"})
    assert ranked.status_code == 200
    first = re.search(r'<li class="fit-track" data-track="(\w+)"', ranked.text)
    assert first and first.group(1) == "pmm"
    assert "pmm-bonus-swing" in ranked.text
    bad = client.get("/fit", params={"own": "fly"})
    assert bad.status_code == 400 and "item &#39;own&#39;" in bad.text


def test_compare_page_shows_tracks_and_the_pay_spread(client: TestClient) -> None:
    page = client.get("/compare", params={"tracks": ["pm", "tpm"]})
    assert page.status_code == 200
    assert "Product Manager" in page.text and "Technical Program Manager" in page.text
    assert "Not in this loop" in page.text and 'id="pay-data"' not in page.text
    pay = client.get(
        "/compare",
        params={
            "tracks": ["pm"],
            "track1": "pm",
            "base1": "800,000",
            "name2": "Offer B",
            "base2": "700k",
            "bonus2": "20%-60%",
        },
    )
    assert pay.status_code == 200
    data = json.loads(re.search(r'id="pay-data">(.*?)</script>', pay.text, re.S).group(1))  # type: ignore[union-attr]
    assert [s["name"] for s in data["scenarios"]] == ["pm", "Offer B"]
    assert all(
        a <= b <= c
        for s in data["scenarios"]
        for a, b, c in zip(s["p10"], s["p50"], s["p90"], strict=True)
    )
    bad = client.get("/compare", params={"base1": "-5", "equity2": "1m"})
    assert bad.status_code == 400
    assert (
        "base=-5 must be more than 0" in bad.text and "pay scenario 2: base is missing" in bad.text
    )
