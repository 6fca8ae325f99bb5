"""Hostile text in every field a user fills, on every page that shows it, in a real Chromium.

The app is served with its Content-Security-Policy header taken off, so a script that the
text smuggled in would run: the safety checked here is the escaping's, not the CSP's, and
each check proves that an inline handler would have run on that page. Each page is
checked three ways: no dialog opened and `window.__xss` stayed unset; no element or
attribute came from the text (a walk of the DOM); and the text shows literally, as it was
typed, so it was escaped rather than dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from loopcoach.content.index import Content
from loopcoach.scoring.types import (
    Assessment,
    Coverage,
    CriterionScore,
    Flag,
    PointCoverage,
    Span,
)
from loopcoach.services.practice import PracticeService
from loopcoach.store import Store
from loopcoach.web import security

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]
EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "loop-pm-strong.json"

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src=x onerror="window.__xss=1">',
    "<svg onload=alert(1)>",
    '"><b onmouseover=alert(1)>',
    '\'><b onmouseover="window.__xss=1">',
    "</textarea><script>window.__xss=1</script>",
    "</script><script>window.__xss=1</script>",
    '<a href="javascript:alert(1)">javascript:alert(1)</a>',
    "[the runbook](javascript:alert(1))",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "R&amp;D",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "{{ 7 * 7 }}",
)

# A substantive answer (metrics, trade-offs, reuse, risks) so the scorer quotes evidence,
# with a payload inside nearly every sentence it quotes.
HOSTILE_ANSWER = (
    "We expect 50k orders per second <script>alert(1)</script> at the Double 11 peak, ten "
    "times normal traffic, so I would shard the inventory service by SKU and put a Redis "
    "cache in front with a 200 ms p99 latency target <img src=x onerror=alert(1)>. The "
    "trade-off is consistency versus availability <svg onload=alert(1)>: I would accept "
    'eventual consistency on the product page but keep strong consistency at checkout "><b '
    "onmouseover=alert(1)>, because overselling costs refunds and trust. We reuse the "
    "existing payment middle platform &lt;script&gt;alert(1)&lt;/script&gt; and the shared "
    'order service of R&amp;D rather than build a silo <img src=x onerror="window.__xss=1">. '
    "If the cache fails we fall back to a queue (see [the runbook](javascript:alert(1)) or "
    '<a href="javascript:alert(1)">javascript:alert(1)</a>) and degrade gracefully, and we '
    "watch error rate &#x3C;img src=x onerror=alert(1)&#x3E; and GMV per minute on one "
    "dashboard during the sale </textarea><script>window.__xss=1</script> {{ 7 * 7 }}."
)
HOSTILE_FOLLOW = (
    "We cap the queue at 100k orders <script>alert(1)</script> and shed load beyond it, with "
    'a 2% error budget <img src=x onerror="window.__xss=1">; the trade-off is R&amp;D time '
    '&#x3C;b&#x3E; versus a 30% cost cut \'><b onmouseover="window.__xss=1">.'
)
HOSTILE_QUESTION = (
    'How would you design flash-sale inventory "><b onmouseover=alert(1)> for 50k orders a '
    "second <script>alert(1)</script> &lt;i&gt;at peak&lt;/i&gt; "
    "</textarea><script>window.__xss=1</script>?"
)
HOSTILE_POINTS = (
    "Shard inventory by SKU <img src=x onerror=alert(1)>\n"
    "Cache with a p99 latency target &amp; a fallback queue\n"
    'Consistency versus availability <svg onload="window.__xss=1">\n'
    "[reuse the payment platform](javascript:alert(1))\n"
    "</textarea><script>window.__xss=1</script>"
)
HOSTILE_REFERENCE = (
    'Shard by SKU </textarea><img src=x onerror="window.__xss=1"> and cache &#x3C;it&#x3E;.'
)

# Runs in the page: everything that text could have become if it was not escaped.
DOM_CHECK = """() => {
  const bad = [];
  const forbidden = new Set(["img", "svg", "b", "i", "iframe", "object", "embed", "video",
    "audio", "math", "base", "frame", "frameset", "portal", "template"]);
  const urlAttrs = new Set(["href", "src", "action", "formaction", "xlink:href", "data",
    "poster", "srcdoc", "background"]);
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (forbidden.has(tag)) bad.push("an injected <" + tag + "> element");
    if (tag === "script") {
      const src = el.getAttribute("src");
      if (src !== null) {
        if (!src.startsWith("/static/")) bad.push("a script from " + src);
      } else if (el.getAttribute("type") === "application/json") {
        try { JSON.parse(el.textContent); } catch (e) { bad.push("a JSON script broken open"); }
      } else {
        bad.push("an inline script: " + el.textContent.slice(0, 60));
      }
    }
    if ((tag === "meta" || tag === "link" || tag === "style") && !el.closest("head")) {
      bad.push("a <" + tag + "> in the body");
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push("an " + name + " attribute on <" + tag + ">");
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (urlAttrs.has(name) && /^(javascript|vbscript|data:text\\/html)/.test(value)) {
        bad.push("a " + value.slice(0, 30) + " URL in " + name + " of <" + tag + ">");
      }
    }
  }
  return bad;
}"""

CANARY = """() => document.body.insertAdjacentHTML("beforeend",
  '<img id="xss-canary" src="data:," onerror="window.__canary = 1">')"""

# The marked answer's own text: the evidence labels (`[1 metrics]`) are the page's, not the
# user's, so they are left out.
MARKED_TEXT = """el => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll(".ev-tag").forEach(t => t.remove());
  return copy.textContent;
}"""


@dataclass
class Probe:
    """The browser page under test, the dialogs it opened, and the checks run on each page."""

    page: Page
    dialogs: list[str] = field(default_factory=list)

    def check(self, where: str) -> None:
        self.page.wait_for_load_state("load")
        # Room for the error and load handlers of anything injected to fire.
        self.page.wait_for_timeout(200)
        assert self.dialogs == [], f"{where}: a dialog opened: {self.dialogs}"
        assert self.page.evaluate("() => window.__xss") is None, f"{where}: a payload ran"
        bad = self.page.evaluate(DOM_CHECK)
        assert bad == [], f"{where}: {bad}"
        # And the page would have run an inline handler: no CSP stood in for the escaping.
        self.page.evaluate(CANARY)
        self.page.wait_for_function("() => window.__canary === 1", timeout=5000)
        self.page.evaluate("() => { document.getElementById('xss-canary').remove(); }")
        self.page.evaluate("() => { delete window.__canary; }")


@pytest.fixture
def probe(page: Page, monkeypatch: pytest.MonkeyPatch) -> Iterator[Probe]:
    """A page on the live server with the app's CSP header off, and a watch on dialogs."""
    # SecurityHeaders reads this tuple on every response, the server thread's included.
    without_csp = tuple(h for h in security.SECURITY_HEADERS if h[0] != b"content-security-policy")
    monkeypatch.setattr(security, "SECURITY_HEADERS", without_csp)
    page.set_viewport_size({"width": 1280, "height": 900})
    checked = Probe(page)

    def on_dialog(dialog: Any) -> None:
        checked.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield checked
    assert checked.dialogs == []


@pytest.fixture
def store(live_server: str, tmp_path: Path) -> Iterator[Store]:
    """The live server's own database (conftest.make_settings puts it there)."""
    with Store.open(f"sqlite:///{tmp_path / 'data' / 'loopcoach.sqlite3'}") as s:
        yield s


def marked_text(page: Page) -> str:
    text: str = page.locator(".answer-text--marked").evaluate(MARKED_TEXT)
    return text


def attempt_id(page: Page) -> int:
    match = re.search(r"/attempts/(\d+)$", page.url)
    assert match, page.url
    return int(match.group(1))


def wait_for_draft(page: Page) -> None:
    expect(page.locator("[data-save-status]").first).to_contain_text("Draft saved")


def tech_question(live_server: str) -> str:
    items = httpx.get(
        live_server + "/api/v1/questions", params={"track": "pm", "round": "technical"}
    ).json()
    return str(items["items"][0]["id"])


def test_the_checks_catch_an_injected_handler(probe: Probe, live_server: str) -> None:
    """The checks themselves: a handler put in the page runs, opens a dialog, shows in the DOM."""
    page = probe.page
    page.goto(live_server + "/history")
    probe.check("the history page, untouched")
    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
        '<img src=x onerror="window.__xss=1"><img src=x onerror="alert(7)">')"""
    )
    page.wait_for_function("() => window.__xss === 1")
    page.wait_for_timeout(200)
    assert probe.dialogs == ["alert: 7"]
    bad = page.evaluate(DOM_CHECK)
    assert "an injected <img> element" in bad and "an onerror attribute on <img>" in bad
    probe.dialogs.clear()


def plant_hostile_assessment(store: Store, content: Content, question_id: str) -> tuple[int, str]:
    """An attempt whose evidence spans start and end inside entities and tags, overlapping."""
    answer = (
        "R&amp;D cut p99 &#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E; latency by 40%, a "
        'trade-off <img src=x onerror="window.__xss=1"> we chose; &lt;b&gt;revenue&lt;/b&gt; '
        "rose <script>alert(1)</script> 5% <svg onload=alert(1)>."
    )

    def inside(needle: str, k: int) -> int:
        return answer.index(needle) + k

    def span(start: int, end: int) -> Span:
        return Span(start, end, answer[start:end])

    question = PracticeService(store, content).question(question_id)
    rubric = content.pack().rubrics[question.round].criteria
    first, second, third = (c.id for c in rubric[:3])
    flag_id = next(iter(content.pack().red_flags))
    hostile = '<img src=x onerror="window.__xss=1"> &lt;b&gt; "><b onmouseover=alert(1)>'
    assessment = Assessment(
        track=question.track,
        round=question.round,
        overall=2.6,
        decision="lean_hire",
        criteria=(
            # From the middle of `&amp;` to the middle of `&#x3C;`.
            CriterionScore(
                first, 3, (span(inside("&amp;", 2), inside("&#x3C;", 3)),), f"Note {hostile}"
            ),
            # From the middle of `&#x3C;script` to the middle of `onerror=`, over the first.
            CriterionScore(
                second,
                2,
                (
                    span(inside("&#x3C;script", 1), inside("onerror", 4)),
                    span(inside("&amp;", 2), inside("&#x3C;", 3)),
                ),
                hostile,
            ),
            # From inside `<img` to inside the closing `</script>`, and one past both ends.
            CriterionScore(
                third,
                3,
                (span(inside("<img", 1), inside("</script>", 5)), Span(-4, 9999, "")),
                hostile,
            ),
        ),
        flags=(Flag(flag_id, (span(inside("&lt;b&gt;", 4), len(answer)),), f"Why {hostile}"),),
        strengths=(f"Strength {hostile}",),
        improvements=(f"Improve {hostile}",),
        follow_up=f"And the probe {hostile} </textarea><script>window.__xss=1</script>?",
        scorer_version="test",
        coverage=Coverage(0.5, (PointCoverage(f"Point {hostile}", True, 1.0, ()),)),
    )
    attempt = store.save_attempt(question.new_attempt(), answer)
    store.save_assessment(attempt, assessment)
    return attempt, answer


def test_pack_practice_follow_up_history_compare_and_progress(
    probe: Probe, live_server: str, store: Store, builtin_content: Content
) -> None:
    page = probe.page
    question_id = tech_question(live_server)
    page.goto(f"{live_server}/practice/{question_id}")
    box = page.get_by_label("Your answer", exact=True)
    box.fill(HOSTILE_ANSWER)
    wait_for_draft(page)
    # The draft comes back from the server inside the <textarea>, where
    # `</textarea><script>` would break out.
    page.reload()
    expect(page.get_by_text("Your unsent draft is back")).to_be_visible()
    probe.check("the practice page with the draft restored")
    expect(box).to_have_value(HOSTILE_ANSWER)
    page.get_by_role("button", name="Submit for feedback").click()

    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    main = attempt_id(page)
    probe.check("the feedback page")
    assert page.locator("mark.ev").count() >= 2, "the scorer quoted no evidence"
    assert marked_text(page) == HOSTILE_ANSWER

    page.get_by_label("Your answer to the follow-up").fill(HOSTILE_FOLLOW)
    page.get_by_role("button", name="Answer the follow-up").click()
    expect(page.locator("h1")).to_have_text("Feedback on your follow-up")
    probe.check("the follow-up's feedback page")
    assert marked_text(page) == HOSTILE_FOLLOW

    planted, planted_answer = plant_hostile_assessment(store, builtin_content, question_id)
    page.goto(f"{live_server}/attempts/{planted}")
    probe.check("feedback with spans edged inside entities and tags")
    assert marked_text(page) == planted_answer
    # Five ranges: the one two criteria share, two more, the flag's, and the whole answer
    # the out-of-range span is clamped to.
    assert page.locator(".ev-tag").count() == 5
    expect(page.locator(".probe")).to_contain_text("</textarea><script>window.__xss=1</script>")
    expect(page.locator(".coverage")).to_contain_text('<img src=x onerror="window.__xss=1">')
    expect(page.locator(".flag-list")).to_contain_text('"><b onmouseover=alert(1)>')
    expect(page.get_by_label("Your answer to the follow-up")).to_have_value("")

    page.goto(f"{live_server}/history")
    probe.check("the history page")
    page.goto(f"{live_server}/history/compare?ids={main}&ids={planted}")
    probe.check("the compare page")
    columns = page.locator(".answer-text")
    texts = [columns.nth(i).evaluate(MARKED_TEXT) for i in range(columns.count())]
    assert HOSTILE_ANSWER in texts and planted_answer in texts
    for path in ("/progress", "/", f"/practice/{question_id}"):
        page.goto(live_server + path)
        probe.check(path)


def test_a_custom_question_with_hostile_points(probe: Probe, live_server: str) -> None:
    page = probe.page
    page.goto(f"{live_server}/practice/custom?track=pm&round=technical")
    page.get_by_label("The question you were asked").fill(HOSTILE_QUESTION)
    page.get_by_label(re.compile("^Talking points of a strong answer")).fill(HOSTILE_POINTS)
    page.get_by_label(re.compile("^Or a model answer")).fill(HOSTILE_REFERENCE)
    # Refused for the empty answer: every field comes back inside its <textarea>.
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page.get_by_role("alert")).to_be_visible()
    probe.check("the custom-question form given back with an error")
    expect(page.get_by_label("The question you were asked")).to_have_value(HOSTILE_QUESTION)
    expect(page.get_by_label(re.compile("^Talking points"))).to_have_value(HOSTILE_POINTS)
    expect(page.get_by_label(re.compile("^Or a model answer"))).to_have_value(HOSTILE_REFERENCE)

    page.get_by_label("Your answer", exact=True).fill(HOSTILE_ANSWER)
    wait_for_draft(page)
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    probe.check("the custom question's feedback")
    expect(page.locator(".asked")).to_contain_text(HOSTILE_QUESTION)
    assert marked_text(page) == HOSTILE_ANSWER
    points = page.locator(".coverage li").all_text_contents()
    for point in HOSTILE_POINTS.splitlines():
        assert any(point.strip() in p for p in points), (point, points)

    for path in ("/history", "/"):
        page.goto(live_server + path)
        probe.check(f"{path} with a custom question")
        expect(page.locator("main")).to_contain_text(HOSTILE_QUESTION[:60])
    page.goto(f"{live_server}/progress")
    probe.check("the progress page with a custom question")


def with_payload(text: str, payload: str) -> str:
    """The payload inside the first sentence, where the committee's quotes come from."""
    words = text.split(" ")
    return " ".join([*words[:4], payload, *words[4:]])


def test_a_mock_loop_its_debrief_and_its_exports(probe: Probe, live_server: str) -> None:
    import markdown_it

    page = probe.page
    examples = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    order = ["screen", "hiring_manager", "technical", "product_sense", "culture"]
    answers = [
        with_payload(examples[r][i], PAYLOADS[(2 * n + i) % len(PAYLOADS)])
        for n, r in enumerate(order)
        for i in (0, 1)
    ]
    page.goto(f"{live_server}/loop")
    page.locator("input[name=track][value=pm]").check()
    page.get_by_role("button", name="Start the loop").click()
    expect(page.locator(".eyebrow")).to_contain_text("Round 1 of 5")
    box = page.locator("#answer")
    box.fill(answers[0])
    wait_for_draft(page)
    page.reload()
    expect(page.get_by_text("What you typed before you left is back")).to_be_visible()
    probe.check("a loop turn with its draft restored")
    expect(box).to_have_value(answers[0])
    for n, answer in enumerate(answers):
        box.fill(answer)
        page.get_by_role("button", name="Submit and go on").click()
        if n < len(answers) - 1:
            expect(page.locator(".eyebrow")).to_contain_text(f"Round {(n + 1) // 2 + 1} of 5")
            probe.check(f"loop turn {n + 2}")

    expect(page).to_have_url(re.compile(r"/loop/\d+/debrief$"))
    debrief_url = page.url
    probe.check("the debrief page")
    quoted = page.locator(".debrief blockquote").all_text_contents()
    for answer in answers:
        assert answer in quoted
    committee = page.locator("ol.db-committee").text_content() or ""
    assert any(p in committee for p in PAYLOADS), "no quote of a payload to check"

    md = page.request.get(debrief_url + ".md")
    assert md.ok and md.headers["content-type"].startswith("text/markdown")
    assert md.headers["x-content-type-options"] == "nosniff"
    assert md.headers["content-disposition"].startswith("attachment")
    text = md.text()
    assert re.search(r"<[A-Za-z/!?]", text) is None, "raw HTML in the Markdown export"
    # Rendered as a Markdown site would, raw HTML allowed, in a page with no CSP at all.
    rendered = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    page.set_content(f"<!doctype html><meta charset=utf-8><title>md</title>{rendered}")
    probe.check("the Markdown export, rendered")
    shown = " ".join((page.locator("body").text_content() or "").split())
    for answer in answers:
        assert " ".join(answer.split()) in shown

    exported = page.request.get(debrief_url + ".html")
    assert exported.ok and exported.headers["content-type"].startswith("text/html")
    assert exported.headers["content-disposition"].startswith("attachment")
    page.set_content(exported.text())
    probe.check("the HTML export, opened from disk")
    quoted = page.locator("blockquote").all_text_contents()
    for answer in answers:
        assert answer in quoted

    page.goto(f"{live_server}/loop")
    probe.check("the loop list")
