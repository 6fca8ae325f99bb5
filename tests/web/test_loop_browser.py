"""The mock loop, debrief, fit and compare pages in a real headless Chromium, with screenshots."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]
EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "loop-pm-strong.json"


def answer_box(page: Page, follow_up: bool = False) -> Any:
    name = "Your answer to the follow-up" if follow_up else "Your answer"
    return page.get_by_label(name, exact=True)


def test_a_loop_paused_and_resumed_ends_in_a_debrief(
    page: Page, live_server: str, snap: Any
) -> None:
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/")
    page.get_by_role("link", name="Mock loop", exact=True).click()
    page.locator("input[name=track][value=pm]").check()
    snap(page, "loop-01-start")
    page.get_by_role("button", name="Start the loop").click()

    expect(page.locator(".eyebrow")).to_contain_text("Round 1 of 5")
    expect(page.locator("[data-timer-value]")).to_have_text(re.compile(r"^(30:00|29:[0-5]\d)$"))
    answer_box(page).fill(answers["screen"][0])
    expect(page.locator("[data-save-status]").first).to_contain_text("Draft saved", timeout=15000)
    snap(page, "loop-02-question")
    page.get_by_role("button", name="Submit and go on").click()

    expect(page.locator(".probe-note")).to_contain_text("presses on your weakest point")
    # Half a follow-up typed, then the tab is closed: the loop keeps it.
    answer_box(page, follow_up=True).fill("Honestly, two things would make me leave.")
    expect(page.locator("[data-save-status]").first).to_contain_text("Draft saved", timeout=15000)
    snap(page, "loop-03-follow-up")
    context = page.context
    page.close()

    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/loop")
    page.get_by_role("link", name="Resume").click()
    expect(page.get_by_text("What you typed before you left is back")).to_be_visible()
    expect(answer_box(page, follow_up=True)).to_have_value(
        "Honestly, two things would make me leave."
    )
    answer_box(page, follow_up=True).fill(answers["screen"][1])
    page.get_by_role("button", name="Submit and go on").click()

    expect(page.locator(".eyebrow")).to_contain_text("Round 2 of 5")
    expect(page.locator(".loop-progress li.done")).to_have_count(1)
    for round_id in ("hiring_manager", "technical", "product_sense", "culture"):
        answer_box(page).fill(answers[round_id][0])
        page.get_by_role("button", name="Submit and go on").click()
        expect(page.locator(".probe-note")).to_be_visible()
        if round_id == "culture":
            # Left unanswered: it counts as such in the debrief.
            page.get_by_role("button", name=re.compile("Skip this question")).click()
        else:
            answer_box(page, follow_up=True).fill(answers[round_id][1])
            page.get_by_role("button", name="Submit and go on").click()

    expect(page).to_have_url(re.compile(r"/loop/\d+/debrief$"))
    expect(page.get_by_role("heading", name="What the committee wrote")).to_be_visible()
    expect(page.locator(".debrief .db-headline")).to_contain_text(re.compile("hire", re.I))
    expect(page.locator("ol.db-committee > li")).not_to_have_count(0)
    expect(page.locator("#round-culture")).to_contain_text("Unanswered: counts as 1.0.")
    snap(page, "loop-04-debrief")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Markdown").click()
    assert download.value.suggested_filename.endswith(".md")

    page.goto(live_server + "/loop")
    expect(page.get_by_role("link", name="Debrief")).to_be_visible()


def test_fit_then_compare_with_the_pay_chart(page: Page, live_server: str, snap: Any) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/fit")
    page.get_by_label("The sell - who it is for, when it launches, the story").check()
    page.get_by_label("It is what I do best").check()
    page.get_by_label("A bonus that can swing from 20 to 60 percent of base with targets").check()
    page.get_by_label("A visible win every campaign season").check()
    page.get_by_role("button", name="Rank the tracks").click()
    first = page.locator(".fit-track").first
    expect(first).to_have_attribute("data-track", "pmm")
    expect(first.locator(".fit-reasons li").first).to_contain_text("you chose")
    expect(first.locator("cite").first).to_contain_text("Alibaba PM vs PMM")
    snap(page, "fit-01-ranking")

    page.get_by_role("link", name="Compare", exact=True).click()
    page.get_by_label("Technical Program Manager").check()
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.locator(".compare-table").first).to_contain_text("Not in this loop")
    page.locator("select[name=track1]").select_option("pm")
    page.locator("input[name=base1]").fill("800,000")
    page.locator("input[name=name2]").fill("TPM offer")
    page.locator("input[name=base2]").fill("820k")
    page.locator("input[name=equity2]").fill("1.6m")
    page.locator("input[name=bonus2]").fill("10%-20%")
    page.get_by_role("button", name="Show the spread").click()
    expect(page.locator("#pay-chart")).to_be_visible()
    # The chart scripts are deferred: wait for Chart.js to load and draw (fails if it never does).
    page.wait_for_function(
        "() => typeof Chart !== 'undefined'"
        " && Chart.getChart(document.getElementById('pay-chart')) !== undefined",
        timeout=15_000,
    )
    expect(page.locator(".pay-table")).to_have_count(2)
    snap(page, "compare-01-pay-spread")

    page.get_by_role("group", name="Offer 2").get_by_label("Base").fill("-5")
    page.get_by_role("button", name="Show the spread").click()
    expect(page.get_by_role("alert")).to_contain_text("pay scenario 2 (TPM offer): base=-5")
