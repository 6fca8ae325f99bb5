"""The server-rendered pages over HTTP in-process: every route, and every error a user can cause."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from loopcoach.store import Store


def submit(client: TestClient, question_id: str, answer: str, **form: str) -> int:
    """Submit an answer through the practice form; the new attempt's id."""
    response = client.post(
        f"/practice/{question_id}", data={"answer": answer, **form}, follow_redirects=False
    )
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def store_of(client: TestClient) -> Store:
    store: Store = client.app.state.web.store  # type: ignore[attr-defined]
    return store


def test_home_shows_every_track_and_the_chosen_loop(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for name in ("Product Manager", "Product Marketing Manager", "Data Scientist"):
        assert name in page.text
    ds = client.get("/?track=ds")
    assert "The DS loop" in ds.text and 'aria-current="true"' in ds.text
    assert "/practice?track=ds&amp;round=" in ds.text
    missing = client.get("/?track=sales")
    assert missing.status_code == 404 and "unknown track" in missing.text


def test_static_files_and_the_vendored_chart_library(client: TestClient) -> None:
    for path in ("/static/css/app.css", "/static/js/practice.js", "/static/js/charts.js"):
        assert client.get(path).status_code == 200
    chart = client.get("/static/vendor/chart.umd.min.js")
    assert chart.status_code == 200 and "Chart.js v4" in chart.text[:200]


def test_practice_chooser_and_picked_question(client: TestClient) -> None:
    chooser = client.get("/practice")
    assert chooser.status_code == 200
    assert '<label for="round">Round</label>' in chooser.text
    picked = client.get("/practice", params={"track": "pm", "round": "technical"})
    assert picked.status_code == 200
    assert "Picked for you" in picked.text and "not practised yet" in picked.text
    # The answer's own budget (a technical question: three minutes), not the round's hour.
    assert 'data-budget="180.0"' in picked.text
    assert 'role="timer"' in picked.text
    assert client.get("/practice", params={"track": "sales"}).status_code == 404
    wrong_round = client.get("/practice", params={"track": "pm", "round": "ml"})
    assert wrong_round.status_code == 404 and "valid rounds" in wrong_round.text


def test_practice_page_and_unknown_question(client: TestClient, tech_question: str) -> None:
    page = client.get(f"/practice/{tech_question}")
    assert page.status_code == 200
    assert '<label class="answer-form__label" for="answer">Your answer</label>' in page.text
    assert "Technical architecture" in page.text
    missing = client.get("/practice/no-such-id")
    assert missing.status_code == 404 and "unknown question id" in missing.text


def test_submit_then_feedback_with_highlighted_evidence(
    client: TestClient, tech_question: str, strong_answer: str
) -> None:
    attempt = submit(client, tech_question, strong_answer, elapsed_seconds="95", draft_id="")
    page = client.get(f"/attempts/{attempt}")
    assert page.status_code == 200
    text = page.text
    assert re.search(r'class="verdict__number">[1-4]\.\d\d<', text)
    assert re.search(r"(Strong|Lean) (no )?hire", text)
    assert 'id="criteria-chart"' in text and 'id="criteria-data"' in text
    assert '<mark class="ev' in text and 'id="span-1"' in text
    # Each span's label links to its criterion row, and each row links back to its spans.
    assert re.search(r'<a href="#crit-\w+">', text)
    assert re.search(r'<tr id="crit-\w+">', text)
    assert 'href="#span-1"' in text
    assert "1:35 of 3:00" in text  # time used against the question's budget, not the probe's
    assert "The interviewer follows up" in text
    assert 'for="follow-up-answer"' in text
    record = store_of(client).attempt(attempt)
    assert record is not None and record.status == "scored" and record.duration_seconds == 95


def test_empty_answer_is_refused_with_the_text_kept(client: TestClient, tech_question: str) -> None:
    response = client.post(
        f"/practice/{tech_question}", data={"answer": "   \n  ", "elapsed_seconds": "95"}
    )
    assert response.status_code == 400
    assert 'data-elapsed="95"' in response.text  # the clock carries on from where it was
    assert 'role="alert"' in response.text and "empty" in response.text
    assert 'aria-invalid="true"' in response.text


def test_oversized_answer_is_413_and_saved_as_a_draft_first(
    client: TestClient, tech_question: str
) -> None:
    too_long = "word " * 10_001
    response = client.post(f"/practice/{tech_question}", data={"answer": too_long})
    assert response.status_code == 413
    assert "10,000" in response.text
    assert too_long.strip() in response.text  # the text is still in the form
    (draft,) = store_of(client).attempts(status="draft")
    assert draft.answer == too_long
    assert f'name="draft_id" value="{draft.id}"' in response.text
    # The draft comes back when the page is opened again.
    again = client.get(f"/practice/{tech_question}")
    assert "Your unsent draft is back" in again.text and too_long.strip() in again.text


def test_a_draft_is_completed_by_its_submission(
    client: TestClient, tech_question: str, strong_answer: str
) -> None:
    draft = client.post(
        "/api/v1/drafts", json={"question_id": tech_question, "answer": "We shard"}
    ).json()["draft_id"]
    attempt = submit(client, tech_question, strong_answer, draft_id=str(draft))
    assert attempt == draft
    # A stale or foreign draft id (a resubmitted form) starts a new attempt instead.
    again = submit(client, tech_question, strong_answer, draft_id=str(draft))
    assert again != draft
    assert submit(client, tech_question, strong_answer, draft_id="junk") > again


def test_follow_up_form(client: TestClient, tech_question: str, strong_answer: str) -> None:
    parent = submit(client, tech_question, strong_answer)
    empty = client.post(f"/attempts/{parent}/follow-up", data={"answer": " "})
    assert empty.status_code == 400 and "empty" in empty.text
    done = client.post(
        f"/attempts/{parent}/follow-up",
        data={"answer": "We cap the queue at 100k and shed load.", "elapsed_seconds": "40"},
        follow_redirects=False,
    )
    assert done.status_code == 303
    child = int(done.headers["location"].rsplit("/", 1)[1])
    page = client.get(f"/attempts/{child}")
    assert "Feedback on your follow-up" in page.text and f"Attempt {parent}" in page.text
    assert f"Follow-up {child}" in client.get(f"/attempts/{parent}").text
    assert client.post("/attempts/999/follow-up", data={"answer": "x"}).status_code == 404


def test_unknown_or_unscored_attempts(client: TestClient, tech_question: str) -> None:
    assert client.get("/attempts/999").status_code == 404
    assert client.get("/attempts/abc").status_code == 404
    draft = client.post(
        "/api/v1/drafts", json={"question_id": tech_question, "answer": "Half an answer"}
    ).json()["draft_id"]
    page = client.get(f"/attempts/{draft}")
    assert page.status_code == 200
    assert "Not scored yet" in page.text and "Carry on with this draft" in page.text


def test_history_lists_filters_and_compares(
    client: TestClient, tech_question: str, strong_answer: str
) -> None:
    empty = client.get("/history")
    assert empty.status_code == 200 and "No attempts" in empty.text
    first = submit(client, tech_question, "I would make it scalable and fast for everyone.")
    second = submit(client, tech_question, strong_answer)
    page = client.get("/history")
    assert f'href="/attempts/{first}"' in page.text and f'href="/attempts/{second}"' in page.text
    assert f"What changed since #{first}" in page.text
    assert 'aria-label="Compare attempt' in page.text
    assert "No attempts match" in client.get("/history", params={"round": "culture"}).text
    for params in ({"track": "pm"}, {"competency": "scale_thinking"}, {"status": "scored"}):
        assert f'href="/attempts/{second}"' in client.get("/history", params=params).text
    for bad in ({"track": "sales"}, {"round": "lunch"}, {"competency": "x"}, {"status": "x"}):
        assert client.get("/history", params=bad).status_code == 404
    compare = client.get("/history/compare", params={"ids": [second, first]})
    assert compare.status_code == 200
    assert "What changed" in compare.text and "Overall:" in compare.text
    assert compare.text.index(f"Attempt {first}") < compare.text.index(f"Attempt {second}")
    assert client.get("/history/compare", params={"ids": [first]}).status_code == 400
    assert client.get("/history/compare", params={"ids": [first, first]}).status_code == 400
    assert client.get("/history/compare", params={"ids": [first, 999]}).status_code == 404
    assert client.get("/history/compare").status_code == 400


def test_progress_page(client: TestClient, tech_question: str, strong_answer: str) -> None:
    empty = client.get("/progress")
    assert empty.status_code == 200 and "Nothing scored yet" in empty.text
    submit(client, tech_question, strong_answer)
    page = client.get("/progress")
    assert "Readiness per track" in page.text
    assert 'id="series-data"' in page.text and "data-series=" in page.text
    assert '<details class="chart-table" open' in page.text  # the table fallback
    weak = page.text.split('class="weak-list"')[1].split("</ol>")[0]
    assert weak.count("<h3>") == 3 and "/practice/" in weak
    only_pm = client.get("/progress", params={"track": "pm"})
    assert only_pm.status_code == 200
    assert only_pm.text.count('class="card readiness"') == 1
    assert client.get("/progress", params={"track": "sales"}).status_code == 404


def test_question_browser(client: TestClient) -> None:
    page = client.get("/questions")
    assert page.status_code == 200 and 'class="question-item"' in page.text
    hard = client.get("/questions", params={"track": "tpm", "difficulty": "hard"})
    assert hard.status_code == 200 and "Technical Program Manager" in hard.text
    found = client.get("/questions", params={"search": "flash sale"})
    assert "flash" in found.text.lower()
    for bad in ({"track": "sales"}, {"round": "lunch"}, {"difficulty": "x"}, {"competency": "x"}):
        assert client.get("/questions", params=bad).status_code == 404


def test_unknown_page_and_method(client: TestClient) -> None:
    missing = client.get("/nowhere")
    assert missing.status_code == 404 and "there is no page at /nowhere" in missing.text
    assert client.delete("/history").status_code == 405
    oversized = client.post(
        "/practice/x",
        content=b"a" * (3 * 1024 * 1024),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert oversized.status_code == 413 and "still in your browser" in oversized.text


SUCCESS_TO_FEEDBACK_QUESTION = (
    "The launch I'm proudest of was our seller onboarding revamp. I interviewed twenty new "
    "sellers, cut the sign-up form from eleven steps to four, and ran it as an A/B test for "
    "three weeks. Activation rose from 31% to 44%, and support tickets about sign-up halved. "
    "I presented the result to the category leads and we rolled it out to every region "
    "within a month, because the gain held in each cohort we checked."
)


def test_a_non_answer_is_said_first_on_the_feedback_page(client: TestClient) -> None:
    # pm-culture-06 asks for feedback that stung; a success story does not answer it.
    attempt = submit(client, "pm-culture-06", SUCCESS_TO_FEEDBACK_QUESTION)
    text = client.get(f"/attempts/{attempt}").text
    banner = text.find("This does not answer the question")
    assert banner != -1
    assert banner < text.find('class="verdict__number"')
    assert "The question asks for a time something went wrong" in text
    assert "tells of a success" in text
    record = store_of(client).attempt(attempt)
    assert record is not None and record.assessment is not None
    assert record.assessment.payload["follow_up"].startswith("That didn't answer the question")


def test_the_favicon_is_served(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert 'rel="icon"' in client.get("/").text


def test_custom_question_hint_says_one_per_line(client: TestClient) -> None:
    page = client.get("/practice/custom").text
    assert "One per line." in page and "One a line." not in page


def test_feedback_says_first_when_the_grade_was_lowered_for_distance(client: TestClient) -> None:
    from loopcoach.content.index import Content, builtin_pack_dirs

    content = Content.load(builtin_pack_dirs())
    own = content.question("pm-culture-04")[1]
    story = next(e.answer for e in own.exemplars if e.kind == "strong")
    attempt = submit(client, "pmm-culture-01", story, draft_id="")
    text = client.get(f"/attempts/{attempt}").text
    assert "This may not answer the question" in text
    assert "far from what the question is about" in text
    assert text.find("This may not answer the question") < text.find('id="verdict"')
    at_home = client.get(f"/attempts/{submit(client, 'pm-culture-04', story, draft_id='')}").text
    assert "This may not answer the question" not in at_home
