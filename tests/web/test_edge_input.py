"""Input the probe sent that used to cost a user text or give a 500: refused at the edge.

Run on SQLite and on PostgreSQL (where LOOPCOACH_TEST_DATABASE_URL is set): ids past
32 bits and NUL bytes were 500s there with nothing saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from loopcoach.content.index import Content
from loopcoach.settings import Settings
from loopcoach.web import create_app

LONG_DRAFT = ("We would start with the sellers who list but never sell. " * 19)[:1040]


@pytest.fixture
def app_client(database_url: str, tmp_path: Path, builtin_content: Content) -> Iterator[TestClient]:
    settings = Settings(
        data_dir=tmp_path / "data",
        config_dir=tmp_path / "config",
        database_url=database_url,
        pack_dirs=[],
    )
    app = create_app(settings, content=builtin_content)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client
    app.state.web.store.close()


def two_questions(client: TestClient) -> tuple[str, str]:
    items = client.get("/api/v1/questions", params={"track": "pm"}).json()["items"]
    return str(items[0]["id"]), str(items[1]["id"])


def draft(client: TestClient, question_id: str, text: str, draft_id: int | None = None) -> int:
    response = client.post(
        "/api/v1/drafts", json={"question_id": question_id, "answer": text, "draft_id": draft_id}
    )
    assert response.status_code == 200, response.text
    return int(response.json()["draft_id"])


def text_of(client: TestClient, attempt_id: int) -> str:
    return str(client.get(f"/api/v1/attempts/{attempt_id}").json()["answer"])


def test_another_questions_draft_is_never_rewritten(app_client: TestClient) -> None:
    first, second = two_questions(app_client)
    kept = draft(app_client, first, LONG_DRAFT)
    forged = app_client.post(
        "/api/v1/drafts", json={"question_id": second, "answer": "other text", "draft_id": kept}
    )
    assert forged.status_code == 400
    assert "another question" in forged.json()["error"]["message"]
    # The form path: the answer becomes its own attempt; the other draft is untouched.
    posted = app_client.post(
        f"/practice/{second}",
        data={"answer": "A different answer to the second question.", "draft_id": str(kept)},
        follow_redirects=False,
    )
    assert posted.status_code == 303
    assert text_of(app_client, kept) == LONG_DRAFT
    new_id = int(posted.headers["location"].rsplit("/", 1)[-1])
    assert new_id != kept
    assert app_client.get(f"/api/v1/attempts/{new_id}").json()["question_id"] == second


def test_an_empty_post_never_empties_a_draft(app_client: TestClient) -> None:
    first, _ = two_questions(app_client)
    kept = draft(app_client, first, LONG_DRAFT)
    assert draft(app_client, first, "", draft_id=kept) == kept
    assert draft(app_client, first, "   \n", draft_id=kept) == kept
    refused = app_client.post(f"/practice/{first}", data={"answer": "", "draft_id": str(kept)})
    assert refused.status_code == 400
    assert text_of(app_client, kept) == LONG_DRAFT
    # Typing more still updates it.
    assert draft(app_client, first, LONG_DRAFT + " More.", draft_id=kept) == kept
    assert text_of(app_client, kept).endswith("More.")


def test_a_lone_surrogate_or_nul_in_json_is_a_422_that_says_what(
    app_client: TestClient,
) -> None:
    first, _ = two_questions(app_client)
    # JSON escapes, as a script or a broken paste sends them.
    for escape, words in (("\\ud800", "lone surrogate"), ("\\u0000", "NUL")):
        body = f'{{"question_id": "{first}", "answer": "An answer {escape} here"}}'
        for url in ("/api/v1/attempts", "/api/v1/drafts", "/api/v1/score"):
            response = app_client.post(
                url, content=body, headers={"content-type": "application/json"}
            )
            assert response.status_code == 422, (url, response.text)
            assert words in response.json()["error"]["message"]
    assert app_client.get("/api/v1/attempts").json()["total"] == 0


def test_a_nul_in_a_form_is_dropped_and_the_answer_kept(app_client: TestClient) -> None:
    first, _ = two_questions(app_client)
    answer = "We cut churn by 12%\x00 by fixing the first week of onboarding for new sellers."
    posted = app_client.post(f"/practice/{first}", data={"answer": answer})
    assert posted.status_code == 200, posted.text[:300]
    stored = app_client.get("/api/v1/attempts").json()["items"][0]
    assert stored["answer"] == answer.replace("\x00", "")
    assert stored["status"] == "scored"


@pytest.mark.parametrize("number", [2**31, 2**63, 10**20])
def test_ids_past_what_a_database_holds_are_refused_not_500(
    app_client: TestClient, number: int
) -> None:
    first, _ = two_questions(app_client)
    for url in (f"/api/v1/attempts/{number}",):
        assert app_client.get(url).status_code == 422
        assert app_client.delete(url).status_code == 422
    for key in ("draft_id", "parent_id"):
        body = {"question_id": first, "answer": "Text", key: number}
        assert app_client.post("/api/v1/drafts", json=body).status_code == 422
    assert app_client.get(f"/loop/{number}").status_code == 404
    assert app_client.get(f"/loop/{number}/debrief").status_code == 404
    assert app_client.get(f"/attempts/{number}").status_code == 404
    posted = app_client.post(f"/loop/{number}", data={"answer": "x"})
    assert posted.status_code == 404


@pytest.mark.parametrize("raw", ["²", "٣", "1e3", "-1", "99999999999999999999", " 7 x"])
def test_a_form_draft_id_that_is_not_an_id_is_ignored(app_client: TestClient, raw: str) -> None:
    first, _ = two_questions(app_client)
    answer = "We would launch to one seller segment first and measure repeat orders."
    posted = app_client.post(
        f"/practice/{first}", data={"answer": answer, "draft_id": raw}, follow_redirects=False
    )
    assert posted.status_code == 303, posted.text[:300]
    stored = app_client.get("/api/v1/attempts").json()["items"]
    assert [a["answer"] for a in stored] == [answer]
