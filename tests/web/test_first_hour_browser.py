"""What a new user saw in their first hour, in a real headless Chromium: menus, a phone, timers."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from loopcoach.content.index import Content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]
THIN = "I would look at the data and talk to users, then decide what to build next."


def menu(page: Page, selector: str) -> list[str]:
    """The values a user can pick in a select (its empty 'any' choice left out)."""
    values: list[str] = page.eval_on_selector(
        selector,
        "s => Array.from(s.options).filter(o => o.value && !o.disabled"
        " && !(o.parentNode.disabled) && !o.closest('[hidden]')).map(o => o.value)",
    )
    return values


def test_round_menus_follow_the_chosen_track(
    page: Page, live_server: str, builtin_content: Content
) -> None:
    loops = {t: [r.round for r in builtin_content.track(t).loop] for t in ("pm", "ds")}
    page.goto(live_server + "/practice")
    assert menu(page, "#round") == loops["pm"]  # the first track is checked
    page.locator("input[name=track][value=ds]").check()
    assert menu(page, "#round") == loops["ds"]
    page.locator("#round").select_option("ml")
    page.locator("input[name=track][value=pm]").check()
    assert menu(page, "#round") == loops["pm"]
    assert page.locator("#round").input_value() == ""  # ml is not a PM round
    page.locator("input[name=track][value=ds]").check()
    page.locator("#round").select_option("business_case")
    page.get_by_role("button", name="Pick my question").click()
    expect(page.locator(".eyebrow").first).to_contain_text("Business case")

    page.goto(live_server + "/questions")
    page.locator("#q-track").select_option("ds")
    assert menu(page, "#q-round") == loops["ds"]
    page.locator("#q-round").select_option("ml")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("[role=status]").first).to_contain_text("question")
    assert menu(page, "#q-round") == loops["ds"]
    assert page.locator("#q-round").input_value() == "ml"


def test_loop_pages_fit_a_phone(page: Page, live_server: str, snap: Any) -> None:
    origin = {"Origin": live_server}
    with httpx.Client(base_url=live_server, headers=origin) as http:
        finished = http.post("/loop", data={"track": "pm"}).headers["location"]
        for _ in range(20):  # skip every step: the loop ends in its debrief
            turn = http.get(finished)
            if turn.status_code == 303:
                break
            step = re.search(r'action="(/loop/\d+\?step=\d+)"', turn.text)
            assert step, turn.text
            answer = THIN if "step=1" in step.group(1) else ""
            data = {"answer": answer} if answer else {"action": "skip"}
            http.post(step.group(1).replace("&amp;", "&"), data=data)
        assert http.get(finished).status_code == 303
        started = http.post("/loop", data={"track": "ds"}).headers["location"]
    page.set_viewport_size({"width": 390, "height": 844})
    for url in ("/loop", started, finished, finished + "/debrief"):
        page.goto(live_server + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (url, width)
    snap(page, "first-hour-debrief-390")
    page.goto(live_server + "/loop")
    snap(page, "first-hour-loops-390")


def test_the_custom_hint_follows_the_chosen_round(page: Page, live_server: str) -> None:
    page.goto(live_server + "/practice/custom?track=pm&round=technical")
    hint = page.locator("[data-answer-hint]")
    expect(hint).to_contain_text("trade-offs")
    page.locator("#custom-round").select_option("culture")
    expect(hint).to_contain_text("the situation, what you decided and why")
    page.locator("#custom-track").select_option("ds")  # its first round: the screen
    expect(hint).to_contain_text("the situation")
    page.locator("#custom-round").select_option("business_case")
    expect(hint).to_contain_text("structure")
