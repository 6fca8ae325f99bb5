"""The web app in a real headless Chromium: practice, feedback, history and progress, as a user.

The app runs under uvicorn in a background thread with its own SQLite file. Each test
saves screenshots (their folder is printed at the end of the run).
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    # pytest-base-url (pulled in by pytest-playwright) defines base_url in a way pytest 9
    # deprecates; that is the plugin's business, not a problem in loopcoach.
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

WEAK_ANSWER = "I would build it and make sure it is scalable and good for users."


def answer_box(page: Page) -> Any:
    return page.get_by_label("Your answer", exact=True)


def wait_for_draft(page: Page) -> None:
    expect(page.locator("[data-save-status]").first).to_contain_text("Draft saved", timeout=15000)


def test_practice_feedback_history_progress(
    page: Page, live_server: str, snap: Any, strong_answer: str
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/")
    expect(
        page.get_by_role("heading", name="Practise the real loop, round by round.")
    ).to_be_visible()
    snap(page, "01-home")

    page.get_by_role("link", name="Practise the Technical architecture round").click()
    expect(page.locator("#question-text")).to_be_visible()
    timer = page.locator("[data-timer-value]")
    expect(timer).to_have_text(re.compile(r"^(3:00|2:5\d)$"))  # the question's own budget
    expect(page.locator(".chip").first).to_be_visible()
    answer_box(page).fill(strong_answer)
    wait_for_draft(page)
    expect(page.locator("[data-word-count]")).to_contain_text("words")
    snap(page, "02-practice")
    page.get_by_role("button", name="Submit for feedback").click()

    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    first_url = page.url
    expect(page.locator(".verdict__number")).to_have_text(re.compile(r"^[1-4]\.\d\d$"))
    expect(page.locator(".verdict .badge__words")).to_have_text(
        re.compile("Strong hire|Lean hire|Lean no hire|Strong no hire")
    )
    expect(page.locator("#criteria-chart")).to_be_visible()
    assert page.locator("mark.ev").count() >= 2
    tag = page.locator(".ev-tag a").first
    target = tag.get_attribute("href")
    assert target and re.fullmatch(r"#(crit|flag)-\w+", target)
    tag.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()
    snap(page, "03-feedback")

    probe = page.locator(".probe")
    expect(probe).to_be_visible()
    page.get_by_label("Your answer to the follow-up").fill(
        "We cap the queue at 100k orders and shed load beyond it, with a 2% error budget."
    )
    page.get_by_role("button", name="Answer the follow-up").click()
    expect(page.locator("h1")).to_have_text("Feedback on your follow-up")
    snap(page, "04-follow-up-feedback")

    page.goto(first_url)
    page.get_by_role("link", name="Try this question again").click()
    answer_box(page).fill(WEAK_ANSWER)
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    page.get_by_role("link", name=re.compile(r"Compare with attempt \d+")).click()
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    expect(page.locator(".change-list")).to_contain_text("Overall:")
    snap(page, "05-compare")

    page.get_by_role("link", name="History", exact=True).first.click()
    expect(page.locator(".history-table tbody tr")).to_have_count(3)
    page.get_by_label("Track").select_option("pm")
    page.get_by_label("Round").select_option("technical")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"track=pm.*round=technical"))
    expect(page.locator(".history-table tbody tr")).to_have_count(3)
    page.get_by_label("Round").select_option("culture")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("No attempts match these filters")).to_be_visible()
    page.goto(live_server + "/history")
    boxes = page.locator(".history-table input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(2).check()
    snap(page, "06-history")
    page.get_by_role("button", name="Compare the two ticked").click()
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()

    page.get_by_role("link", name="Progress", exact=True).click()
    expect(page.get_by_role("heading", name="Readiness per track")).to_be_visible()
    expect(page.locator("canvas[data-series]").first).to_be_visible()
    # Chart.js drew: the canvas has pixels, and the data table folded away behind its summary.
    page.wait_for_function(
        "() => typeof Chart !== 'undefined'"
        " && Chart.getChart(document.querySelector('canvas[data-series]')) !== undefined",
        timeout=15_000,
    )
    expect(page.locator("[data-chart-table]").first).not_to_have_attribute("open", "")
    expect(page.locator(".weak-list > li")).to_have_count(3)
    snap(page, "07-progress")

    page.get_by_role("link", name="Questions", exact=True).click()
    page.get_by_label("Words in the question").fill("flash sale")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".question-item").first).to_be_visible()
    snap(page, "08-questions")


def test_keyboard_only(page: Page, live_server: str, snap: Any, strong_answer: str) -> None:
    """Skip link, practice, submit and navigation with the keyboard alone."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/?track=ds")

    def tab_to(predicate: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => {{ const el = document.activeElement; return {predicate}; }}"):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to content"
    tab_to("el.textContent.trim() === 'Practise my weakest point'")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("Enter")
    expect(page.locator("#question-text")).to_be_visible()
    tab_to("el.id === 'answer'")
    page.keyboard.type(strong_answer[:300])
    wait_for_draft(page)
    snap(page, "09-keyboard-practice")
    tab_to("el.type === 'submit'")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    tab_to("el.classList.contains('ev-tag') || (el.closest && el.closest('.ev-tag') !== null)")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#(crit|flag)-\w+$"))
    tab_to("el.getAttribute('href') === '/progress'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Progress", exact=True)).to_be_visible()
    snap(page, "10-keyboard-progress")


def test_a_closed_tab_loses_nothing(page: Page, live_server: str, strong_answer: str) -> None:
    page.goto(live_server + "/practice?track=pm&round=technical")
    url = page.url
    answer_box(page).fill(strong_answer)
    wait_for_draft(page)
    context = page.context
    page.close()

    again = context.new_page()
    again.goto(url)
    expect(answer_box(again)).to_have_value(strong_answer)  # from the server's draft
    expect(again.get_by_text("Your unsent draft is back")).to_be_visible()

    # With the server unreachable, the browser's own copy brings the text back.
    again.close()
    offline = context.new_page()
    offline.route("**/api/v1/drafts", lambda route: route.abort())
    offline.goto(live_server + "/practice?track=ds&round=ml")
    other = offline.url
    answer_box(offline).fill("Only in this browser: a two-tower model, then a re-ranker.")
    expect(offline.locator("[data-save-status]")).to_contain_text("Kept in this browser")
    offline.close()
    back = context.new_page()
    back.route("**/api/v1/drafts", lambda route: route.abort())
    back.goto(other)
    expect(answer_box(back)).to_have_value(
        "Only in this browser: a two-tower model, then a re-ranker."
    )
    expect(back.locator("[data-restored-note]")).to_contain_text("Restored the draft")


def test_bad_input_keeps_the_text(page: Page, live_server: str, snap: Any) -> None:
    page.goto(live_server + "/practice?track=pmm")
    answer_box(page).fill("   ")
    page.get_by_role("button", name="Submit for feedback").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("empty")
    too_long = "word " * 10_001
    answer_box(page).fill(too_long)
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page.get_by_role("alert")).to_contain_text("10,000")
    assert answer_box(page).input_value().strip() == too_long.strip()
    snap(page, "11-too-long")
    page.goto(live_server + "/practice/no-such-question")
    expect(page.get_by_role("alert")).to_contain_text("unknown question id")


@pytest.mark.parametrize(
    "path", ["/", "/practice?track=pm&round=culture", "feedback", "/history", "/progress"]
)
def test_phone_width(
    page: Page, live_server: str, snap: Any, path: str, strong_answer: str
) -> None:
    """At 375 px nothing overflows sideways and the controls stay usable."""
    created = httpx.post(
        live_server + "/api/v1/attempts",
        json={
            "track": "pm",
            "round": "technical",
            "question": "Design a flash sale.",
            "answer": strong_answer,
        },
    )
    assert created.status_code == 201
    if path == "feedback":
        path = f"/attempts/{created.json()['id']}"
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server + path)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} overflows by {overflow}px"
    name = "home" if path == "/" else path.strip("/").split("?")[0].replace("/", "-")
    snap(page, f"12-phone-{name}")


def test_text_typed_before_the_script_runs_is_saved(page: Page, live_server: str) -> None:
    """A slow machine or a fast typist: the answer box takes text before practice.js runs."""
    held: list[Any] = []
    page.route("**/static/js/practice.js", lambda route: held.append(route))
    page.goto(live_server + "/practice?track=pm&round=culture", wait_until="commit")
    answer_box(page).wait_for()
    answer_box(page).fill(WEAK_ANSWER)
    page.wait_for_timeout(200)
    assert held, "practice.js was not requested"
    held[0].continue_()
    wait_for_draft(page)
    draft_id = page.locator("[data-draft-id]").input_value()
    assert draft_id
    saved = httpx.get(f"{live_server}/api/v1/attempts/{draft_id}").json()
    assert saved["answer"] == WEAK_ANSWER
