"""The JSON API over HTTP in-process: every route, and every error status it declares."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from loopcoach.scoring import score

ERROR_KEYS = {"status", "code", "message", "details"}


def error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    return dict(body["error"])


# -- questions and tracks --------------------------------------------------------------


def test_tracks_list_every_loop_with_its_rounds(client: TestClient) -> None:
    tracks = client.get("/api/v1/tracks").json()
    assert [t["id"] for t in tracks][:4] == ["pm", "pmm", "tpm", "ds"]
    pm = client.get("/api/v1/tracks/pm").json()
    assert pm["loop"][0]["round"] == "screen" and pm["loop"][0]["minutes"] > 0
    assert "sales" in error(client.get("/api/v1/tracks/sales"), 404)["message"]


def test_questions_filter_and_page(client: TestClient) -> None:
    body = client.get("/api/v1/questions", params={"track": "pm", "round": "technical"}).json()
    assert body["total"] >= 5
    assert {q["track"] for q in body["items"]} == {"pm"}
    assert {q["round"] for q in body["items"]} == {"technical"}
    first = body["items"][0]
    assert first["attempts"] == 0 and first["budget_seconds"] == 180
    page = client.get("/api/v1/questions", params={"track": "pm", "limit": 2, "offset": 1}).json()
    assert len(page["items"]) == 2
    by_comp = client.get("/api/v1/questions", params={"competency": "scale_thinking"}).json()
    assert all("scale_thinking" in q["competencies"] for q in by_comp["items"])
    hard = client.get("/api/v1/questions", params={"difficulty": "hard"}).json()
    assert hard["total"] and all(q["difficulty"] == "hard" for q in hard["items"])
    words = client.get("/api/v1/questions", params={"search": "flash sale"}).json()
    assert all("flash" in q["text"].lower() for q in words["items"])


def test_question_detail_and_unknown_ids(client: TestClient, tech_question: str) -> None:
    q = client.get(f"/api/v1/questions/{tech_question}").json()
    assert len(q["talking_points"]) >= 2 and len(q["probes"]) >= 2 and q["pitfalls"]
    assert "valid question ids" in error(client.get("/api/v1/questions/nope"), 404)["message"]
    error(client.get("/api/v1/questions", params={"track": "sales"}), 404)
    error(client.get("/api/v1/questions", params={"competency": "juggling"}), 404)
    error(client.get("/api/v1/questions", params={"round": "lunch"}), 422)
    error(client.get("/api/v1/questions", params={"limit": 0}), 422)


# -- scoring ---------------------------------------------------------------------------


def test_score_returns_the_same_assessment_as_the_scorer(
    client: TestClient, strong_answer: str
) -> None:
    body = {
        "track": "pm",
        "round": "technical",
        "question": "Design the inventory service for a flash sale.",
        "answer": strong_answer,
    }
    response = client.post("/api/v1/score", json=body)
    assert response.status_code == 200
    got = response.json()
    assert got["schema"] == "loopcoach.assessment/1"
    expected = score("pm", "technical", body["question"], body["answer"]).to_json()
    assert got == expected
    assert client.post("/api/v1/score", json=body).json() == got  # deterministic
    assert "coverage" not in got


def test_score_with_talking_points_or_a_pack_question_reports_coverage(
    client: TestClient, tech_question: str, strong_answer: str
) -> None:
    points = {
        "track": "pm",
        "round": "technical",
        "question": "Design a flash sale.",
        "answer": strong_answer,
        "talking_points": ["shard by SKU", "fallback queue"],
    }
    got = client.post("/api/v1/score", json=points).json()
    assert [p["point"] for p in got["coverage"]["points"]] == points["talking_points"]
    ref = client.post(
        "/api/v1/score",
        json={**points, "talking_points": None, "reference": "Shard by SKU with a cache."},
    )
    assert ref.status_code == 200 and "coverage" in ref.json()
    by_id = client.post(
        "/api/v1/score", json={"question_id": tech_question, "answer": strong_answer}
    ).json()
    assert by_id["track"] == "pm" and by_id["round"] == "technical"
    assert len(by_id["coverage"]["points"]) >= 2


def test_score_errors_have_the_right_status(client: TestClient) -> None:
    base = {"track": "pm", "round": "technical", "question": "Why?", "answer": "Because."}
    assert (
        "empty"
        in error(client.post("/api/v1/score", json={**base, "answer": "  \n"}), 400)["message"]
    )
    error(client.post("/api/v1/score", json={"track": "pm", "answer": "x"}), 400)
    error(client.post("/api/v1/score", json={**base, "question": " "}), 400)
    assert (
        "valid tracks"
        in error(client.post("/api/v1/score", json={**base, "track": "sales"}), 404)["message"]
    )
    error(client.post("/api/v1/score", json={"question_id": "nope", "answer": "x"}), 404)
    too_long = error(client.post("/api/v1/score", json={**base, "answer": "word " * 10_001}), 413)
    assert "10,000" in too_long["message"]
    huge = client.post(
        "/api/v1/score",
        content=b"x" * (3 * 1024 * 1024),
        headers={"content-type": "application/json"},
    )
    error(huge, 413)
    bad = error(client.post("/api/v1/score", json={**base, "round": "lunch"}), 422)
    assert bad["details"][0]["location"] == "body.round"
    error(client.post("/api/v1/score", json={"track": "pm"}), 422)
    error(client.post("/api/v1/score", json={**base, "surprise": 1}), 422)
    error(
        client.post(
            "/api/v1/score", content=b"{not json", headers={"content-type": "application/json"}
        ),
        422,
    )
    error(client.post("/api/v1/score", json=[1, 2]), 422)
    error(client.get("/api/v1/score"), 405)


# -- attempts and drafts -----------------------------------------------------------------


def test_submit_an_attempt_then_read_list_and_delete_it(
    client: TestClient, tech_question: str, strong_answer: str
) -> None:
    draft = client.post("/api/v1/drafts", json={"question_id": tech_question, "answer": "We"})
    assert draft.status_code == 200
    draft_id = draft.json()["draft_id"]
    again = client.post(
        "/api/v1/drafts",
        json={"question_id": tech_question, "answer": "We shard", "draft_id": draft_id},
    )
    assert again.json()["draft_id"] == draft_id
    created = client.post(
        "/api/v1/attempts",
        json={
            "question_id": tech_question,
            "answer": strong_answer,
            "draft_id": draft_id,
            "duration_seconds": 300,
        },
    )
    assert created.status_code == 201, created.text
    attempt = created.json()
    assert attempt["id"] == draft_id and attempt["status"] == "scored"
    assert attempt["assessment"]["schema"] == "loopcoach.assessment/1"
    assert client.get(f"/api/v1/attempts/{draft_id}").json()["answer"] == strong_answer
    listed = client.get("/api/v1/attempts", params={"track": "pm", "status": "scored"}).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == draft_id
    by_comp = client.get("/api/v1/attempts", params={"competency": "scale_thinking"}).json()
    assert by_comp["total"] == 1
    assert client.get("/api/v1/attempts", params={"round": "culture"}).json()["total"] == 0
    error(client.get("/api/v1/attempts", params={"track": "sales"}), 404)
    counted = client.get(f"/api/v1/questions/{tech_question}").json()
    assert counted["attempts"] == 1
    assert client.delete(f"/api/v1/attempts/{draft_id}").status_code == 204
    error(client.get(f"/api/v1/attempts/{draft_id}"), 404)
    error(client.delete(f"/api/v1/attempts/{draft_id}"), 404)
    error(client.get("/api/v1/attempts/abc"), 422)
    error(client.get("/api/v1/attempts/0"), 422)


def test_a_refused_answer_is_kept_as_a_draft(client: TestClient, tech_question: str) -> None:
    too_long = "word " * 10_001
    error(
        client.post("/api/v1/attempts", json={"question_id": tech_question, "answer": too_long}),
        413,
    )
    drafts = client.get("/api/v1/attempts", params={"status": "draft"}).json()
    assert drafts["total"] == 1 and drafts["items"][0]["answer"] == too_long
    error(client.post("/api/v1/attempts", json={"question_id": tech_question, "answer": " "}), 400)
    error(client.post("/api/v1/attempts", json={"question_id": "nope", "answer": "x"}), 404)
    error(
        client.post(
            "/api/v1/attempts", json={"question_id": tech_question, "answer": "x", "draft_id": 999}
        ),
        404,
    )
    error(client.post("/api/v1/attempts", json={"answer": "x"}), 400)
    error(client.post("/api/v1/attempts", json={"question_id": tech_question}), 422)


def test_custom_question_attempt(client: TestClient, strong_answer: str) -> None:
    created = client.post(
        "/api/v1/attempts",
        json={
            "track": "pm",
            "round": "technical",
            "question": "How would you build a coupon service for a festival?",
            "answer": strong_answer,
        },
    )
    assert created.status_code == 201
    assert created.json()["question_id"] is None
    assert created.json()["competencies"]  # taken from the pack's loop round


def test_follow_up_answers_the_scorers_probe(
    client: TestClient, tech_question: str, strong_answer: str
) -> None:
    parent = client.post(
        "/api/v1/attempts", json={"question_id": tech_question, "answer": strong_answer}
    ).json()
    probe = parent["assessment"]["follow_up"]
    draft = client.post("/api/v1/drafts", json={"parent_id": parent["id"], "answer": "First"})
    assert draft.status_code == 200 and draft.json()["draft_id"]
    follow = client.post(
        f"/api/v1/attempts/{parent['id']}/follow-up",
        json={
            "answer": "We would cap the queue at 100k and shed load beyond it.",
            "draft_id": draft.json()["draft_id"],
        },
    )
    assert follow.status_code == 201, follow.text
    body = follow.json()
    assert body["kind"] == "follow_up" and body["parent_id"] == parent["id"]
    assert body["question"] == probe
    error(client.post(f"/api/v1/attempts/{parent['id']}/follow-up", json={"answer": ""}), 400)
    error(client.post("/api/v1/attempts/9999/follow-up", json={"answer": "x"}), 404)
    error(client.post("/api/v1/drafts", json={"parent_id": 9999, "answer": "x"}), 404)


def test_drafts_of_nothing_are_not_stored_and_bad_drafts_are_refused(
    client: TestClient, tech_question: str
) -> None:
    empty = client.post("/api/v1/drafts", json={"question_id": tech_question, "answer": "  "})
    assert empty.json() == {"draft_id": None, "saved_at": None}
    error(client.post("/api/v1/drafts", json={"question_id": "nope", "answer": "x"}), 404)
    error(
        client.post(
            "/api/v1/drafts", json={"question_id": tech_question, "answer": "x", "draft_id": 12345}
        ),
        404,
    )
    error(client.post("/api/v1/drafts", json={"answer": "x"}), 400)
    error(client.post("/api/v1/drafts", json={"question_id": tech_question}), 422)


# -- progress ----------------------------------------------------------------------------


def test_progress_reports_readiness_weakest_and_series(
    client: TestClient, tech_question: str, strong_answer: str
) -> None:
    empty = client.get("/api/v1/progress").json()
    assert empty["scored"] == 0 and len(empty["weakest"]) == 3
    assert all(r["grade"] is None for r in empty["readiness"])
    client.post("/api/v1/attempts", json={"question_id": tech_question, "answer": strong_answer})
    got = client.get("/api/v1/progress", params={"track": "pm"}).json()
    assert got["scored"] == 1 and got["streak_days"] == 1
    (pm,) = got["readiness"]
    technical = next(r for r in pm["rounds"] if r["round"] == "technical")
    assert technical["attempts"] == 1 and pm["grade"] == technical["average"]
    assert pm["coverage"] == technical["weight"] / sum(r["weight"] for r in pm["rounds"])
    assert "scale_thinking" in got["series"]
    assert all(len(w["questions"]) >= 1 for w in got["weakest"])
    error(client.get("/api/v1/progress", params={"track": "sales"}), 404)


def test_openapi_declares_every_error_status(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    score_op = doc["paths"]["/api/v1/score"]["post"]
    assert {"200", "400", "404", "413", "422"} <= set(score_op["responses"])
    assert score_op["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/ErrorBody"
    )
    for path, ops in doc["paths"].items():
        assert path.startswith("/api/v1/"), path  # pages are not part of the API document
        for op in ops.values():
            assert "404" in op["responses"] or path in ("/api/v1/tracks",), path
