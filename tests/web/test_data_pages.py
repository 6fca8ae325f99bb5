"""The data page: download everything, delete for good; and the delete buttons on other pages."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

SECRET = "Quillwhistle"


def db_bytes(app: FastAPI) -> bytes:
    path = Path(app.state.web.settings.resolved_database_url().removeprefix("sqlite:///"))
    return b"".join(
        p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    )


def answer(client: TestClient, question_id: str, text: str) -> int:
    made = client.post("/api/v1/attempts", json={"question_id": question_id, "answer": text})
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


def test_the_export_button_downloads_every_answer(
    client: TestClient, tech_question: str, strong_answer: str
) -> None:
    first = answer(client, tech_question, strong_answer)
    page = client.get("/data")
    assert page.status_code == 200 and "1 answer(s)" in page.text
    assert 'href="/data/export.json"' in page.text
    download = client.get("/data/export.json")
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    data = json.loads(download.text)
    assert data["schema"] == "loopcoach.export/1"
    assert [a["answer"] for a in data["attempts"]] == [strong_answer]
    assert client.get(f"/api/v1/attempts/{first}").status_code == 200


def test_delete_one_answer_from_its_feedback_page(
    client: TestClient, web_app: FastAPI, tech_question: str, strong_answer: str
) -> None:
    gone = answer(client, tech_question, f"{strong_answer} {SECRET}")
    kept = answer(client, tech_question, strong_answer)
    page = client.get(f"/attempts/{gone}")
    assert f'action="/attempts/{gone}/delete"' in page.text
    done = client.post(f"/attempts/{gone}/delete", follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/history?deleted=")
    assert client.get(f"/attempts/{gone}").status_code == 404
    assert client.get(f"/attempts/{kept}").status_code == 200
    assert SECRET.encode() not in db_bytes(web_app)
    assert client.post(f"/attempts/{gone}/delete").status_code == 404


def test_delete_a_questions_history_and_a_loop(
    client: TestClient, web_app: FastAPI, tech_question: str, strong_answer: str
) -> None:
    for _ in range(2):
        answer(client, tech_question, f"{strong_answer} {SECRET}")
    done = client.post(f"/questions/{tech_question}/delete-history", follow_redirects=False)
    assert done.status_code == 303
    assert client.get("/api/v1/attempts").json()["total"] == 0
    assert SECRET.encode() not in db_bytes(web_app)
    loop = client.post("/loop", data={"track": "pm"}, follow_redirects=False)
    loop_id = loop.headers["location"].rstrip("/").split("/")[-1]
    removed = client.post(f"/loop/{loop_id}/delete", follow_redirects=False)
    assert removed.status_code == 303 and removed.headers["location"].startswith("/loop?deleted=")
    assert client.get(f"/loop/{loop_id}").status_code == 404
    assert "Deleted" in client.get(removed.headers["location"]).text


def test_delete_everything_needs_the_words_typed(
    client: TestClient, web_app: FastAPI, tech_question: str, strong_answer: str
) -> None:
    answer(client, tech_question, f"{strong_answer} {SECRET}")
    refused = client.post("/data/delete-everything", data={"confirm": "yes"})
    assert refused.status_code == 200 and "Nothing was deleted" in refused.text
    assert client.get("/api/v1/attempts").json()["total"] == 1
    done = client.post("/data/delete-everything", data={"confirm": "Delete everything"})
    assert done.status_code == 200 and "Deleted 1 answer(s)" in done.text
    assert client.get("/api/v1/attempts").json()["total"] == 0
    assert SECRET.encode() not in db_bytes(web_app)
    path = Path(web_app.state.web.settings.resolved_database_url().removeprefix("sqlite:///"))
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_delete_from_another_site_is_refused(
    client: TestClient, tech_question: str, strong_answer: str
) -> None:
    kept = answer(client, tech_question, strong_answer)
    for url in (f"/attempts/{kept}/delete", "/data/delete-everything"):
        refused = client.post(
            url, data={"confirm": "delete everything"}, headers={"origin": "http://evil.example"}
        )
        assert refused.status_code == 403
    assert client.get(f"/api/v1/attempts/{kept}").status_code == 200
