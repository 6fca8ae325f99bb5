"""The card review page in a real Chromium, driven from the keyboard only."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def test_review_with_the_keyboard_only(page: Page, live_server: str, snap: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server + "/cards")
    due = int(page.locator("[data-due]").inner_text())
    first = page.locator("[data-card]").get_attribute("data-card")
    back = page.locator("[data-card-back]")
    expect(back).to_be_hidden()

    page.keyboard.press("Space")  # reveal
    expect(back).to_be_visible()
    expect(page.locator('[data-rating="3"]')).to_be_focused()
    snap(page, "cards-01-revealed")
    page.keyboard.press("3")  # good
    expect(page.locator("[data-due]")).to_have_text(str(due - 1))
    second = page.locator("[data-card]").get_attribute("data-card")
    assert second != first

    # Enter reveals too, and Tab + Enter on a rating button rates like its key.
    page.keyboard.press("Enter")
    expect(page.locator("[data-card-back]")).to_be_visible()
    page.keyboard.press("Tab")  # from Good to Easy
    expect(page.locator('[data-rating="4"]')).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-due]")).to_have_text(str(due - 2))
    assert not errors, errors


def test_interview_date_note_in_the_browser(page: Page, live_server: str) -> None:
    page.goto(live_server + "/cards?interview_date=2099-01-01&target=0.95")
    expect(page.locator("[data-interview-note]")).to_contain_text("Your interview is on 2099-01-01")
    page.keyboard.press("Space")
    page.keyboard.press("1")  # again: the page keeps the interview date
    expect(page.locator("[data-interview-note]")).to_be_visible()
    assert "interview_date=2099-01-01" in page.url
