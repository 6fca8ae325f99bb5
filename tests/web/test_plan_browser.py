"""The plan page in a real headless Chromium: make a plan, tick a session off, re-plan."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]


def test_a_plan_made_ticked_off_and_replanned(page: Page, live_server: str, snap: Any) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/")
    page.get_by_role("link", name="Plan", exact=True).click()
    expect(page.get_by_role("heading", name="Prep plan")).to_be_visible()
    page.locator("select[name=track]").select_option("pm")
    page.locator("input[name=date]").fill((date.today() + timedelta(days=12)).isoformat())
    page.locator("input[name=hours]").fill("2")
    page.locator("input[name=tz]").fill("Europe/Paris")
    page.get_by_role("button", name="Build the plan").click()

    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "0")
    snap(page, "plan-01-agenda")
    first = page.locator("tr[data-item]").first
    first.get_by_role("button", name="Done").click()
    expect(page.locator("tr[data-item]").first).to_have_attribute("data-status", "done")
    expect(page.locator("[data-plan-progress]")).to_contain_text("1 of")
    assert page.locator("progress").get_attribute("value") != "0"
    page.locator("tr[data-item]").nth(1).get_by_role("button", name="Skip").click()
    expect(page.locator("tr[data-item]").nth(1)).to_have_attribute("data-status", "skipped")
    page.get_by_role("button", name="Re-plan from my latest grades").click()
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    snap(page, "plan-02-replanned")
    assert not errors, errors
