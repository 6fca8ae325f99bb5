"""The story pages in a real headless Chromium: add a story, see its scores, cover a loop, match."""

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


def test_add_a_story_then_cover_and_match(page: Page, live_server: str, snap: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server + "/")
    page.get_by_role("link", name="Stories", exact=True).click()
    page.get_by_role("link", name="Add a story").click()
    page.get_by_label("Title").fill("Checkout outage <b>at peak</b>")
    page.get_by_label("Situation").fill("Checkout failed load tests at three times traffic.")
    page.get_by_label("Action").fill("I owned the fix and pulled the payments team in.")
    page.get_by_label("Result").fill("We launched on time and conversion rose 4%.")
    page.get_by_label("Ownership", exact=True).check()
    page.get_by_role("button", name="Save and score").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checkout outage <b>at peak</b>")
    expect(page.locator(".story-score")).to_have_count(2)
    snap(page, "stories-01-show")
    page.goto(live_server + "/stories/coverage?track=pm")
    expect(page.locator("tr.story-gap").first).to_be_visible()
    snap(page, "stories-02-coverage")
    page.goto(live_server + "/practice/pm-culture-01")
    page.get_by_role("link", name="Match a story").click()
    expect(page.locator(".story-match")).to_have_count(1)
    snap(page, "stories-03-match")
    assert not errors
