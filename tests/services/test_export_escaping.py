"""The Markdown debrief, rendered as GitHub or Obsidian would: the user's text stays text.

A Markdown renderer passes raw HTML through, so an answer that carries a tag, an autolink
or a `[link](javascript:...)` must reach the file escaped. Rendered with markdown-it
(raw HTML allowed, as those sites allow it before they sanitise), the export must give no
element, attribute or link that came from the text, and the text must read as typed.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from loopcoach.content.index import load_content
from loopcoach.services.debrief import AnswerResult, Debrief, RoundResult
from loopcoach.services.debrief_export import debrief_markdown
from loopcoach.services.loop import LoopService
from loopcoach.services.loop_script import run_scripted
from loopcoach.store import Store

markdown_it = pytest.importorskip("markdown_it")

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "loop-pm-strong.json"
HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(1)> <svg onload=alert(1)> "
    '"><b onmouseover=alert(1)> <a href="javascript:alert(1)">javascript:alert(1)</a> '
    "[click](javascript:alert(1)) ![x](javascript:alert(1)) <javascript:alert(1)> "
    "&lt;script&gt; R&amp;D &#x3C;i&#x3E; &copy; *not bold* _not em_ `not code` "
    "C:\\new\\table a|b"
)
# Lines that would open blocks of their own: an HTML block, a nested quote, code.
HOSTILE_LINES = (
    "We cut p99 latency by 40%.\n"
    "<div onclick=alert(1)>\n"
    "\n"
    "> a quote of my own <b>bold</b>\n"
    "    indented <i>code</i>\n"
    "```\n"
    "</blockquote><script>alert(1)</script>\n"
    "---"
)
# What a debrief's Markdown is made of; anything else came from the text.
TAGS = {
    "h1",
    "h2",
    "h3",
    "p",
    "strong",
    "em",
    "blockquote",
    "ol",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "pre",
    "code",
}


class Elements(HTMLParser):
    """Every element and attribute of rendered HTML, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value) for name, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render(markdown: str) -> Elements:
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
    parsed = Elements()
    parsed.feed(html)
    parsed.close()
    return parsed


def assert_inert(markdown: str) -> Elements:
    parsed = render(markdown)
    assert set(parsed.tags) <= TAGS, set(parsed.tags) - TAGS
    # markdown-it aligns table cells with `style`; nothing else may carry an attribute.
    assert [a for a in parsed.attrs if a[:2] != ("th", "style") and a[:2] != ("td", "style")] == []
    return parsed


def one_line(text: str) -> str:
    return " ".join(text.split())


def hostile_debrief() -> Debrief:
    crit: list[dict[str, Any]] = [
        {"id": "ownership", "score": 3, "note": f"Note {HOSTILE}", "evidence": [HOSTILE]},
        {"id": "reflection", "score": 1, "note": HOSTILE_LINES, "evidence": [HOSTILE_LINES]},
    ]
    flags: list[dict[str, Any]] = [
        {"id": "blames_external", "why": f"Why {HOSTILE_LINES}", "evidence": [HOSTILE_LINES]}
    ]
    main = AnswerResult(
        "main",
        "q-1",
        f"Tell me {HOSTILE}?",
        3,
        True,
        3.1,
        "lean_hire",
        answer=HOSTILE,
        criteria=crit,
        flags=flags,
    )
    follow = AnswerResult(
        "follow_up", "q-1", HOSTILE_LINES, 4, True, 2.0, "lean_no_hire", answer=HOSTILE_LINES
    )
    r = RoundResult(
        "culture", f"Culture {HOSTILE}", 1.0, 45, 2.7, "lean_hire", [], [], [main, follow]
    )
    d = Debrief(
        1, "mini", "pm", f"PM {HOSTILE}", "1", "scripted", 2.7, "lean_hire", "lean_hire", None,
        [], "P6", [], [], [r],
    )  # fmt: skip
    d.committee = [
        {"text": f"Said {HOSTILE_LINES}", "quote": HOSTILE_LINES, "round": "culture"},
        {"text": HOSTILE, "quote": HOSTILE, "round": "culture", "answer": "main"},
    ]
    d.level_reasons = [{"text": HOSTILE_LINES, "quote": HOSTILE, "round": "culture"}]
    return d


def test_no_tag_link_or_handler_of_the_text_survives_rendering() -> None:
    md = debrief_markdown(hostile_debrief())
    assert "<" not in md.replace("&lt;", "")
    parsed = assert_inert(md)
    shown = one_line(" ".join(parsed.text))
    # Escaped, not dropped: every hostile piece reads as typed.
    assert one_line(HOSTILE) in shown
    for line in HOSTILE_LINES.splitlines():
        assert line.strip() in shown, line


def test_the_answer_renders_exactly_as_typed() -> None:
    md = debrief_markdown(hostile_debrief())
    html = markdown_it.MarkdownIt("commonmark", {"html": True}).render(md)
    quotes = [one_line(q) for q in _blockquotes(html)]
    assert one_line(HOSTILE) in quotes
    assert one_line(f"Tell me {HOSTILE}?") in quotes
    assert one_line(HOSTILE_LINES) in quotes


def _blockquotes(html: str) -> list[str]:
    class Quotes(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = 0
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "blockquote":
                self.depth += 1
                if self.depth == 1:
                    self.found.append("")

        def handle_endtag(self, tag: str) -> None:
            if tag == "blockquote":
                self.depth -= 1

        def handle_data(self, data: str) -> None:
            if self.depth:
                self.found[-1] += data + " "

    parser = Quotes()
    parser.feed(html)
    return parser.found


def test_a_scored_loop_of_hostile_answers_exports_inert_markdown(store: Store) -> None:
    """Real scoring, so the committee's quotes and the evidence are cut from the answers."""
    answers = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for round_id, texts in answers.items():
        answers[round_id] = [f"{t.split('. ', 1)[0]} {HOSTILE}. {t}" for t in texts]
    _loop, debrief = run_scripted(LoopService(store, load_content()), "pm", answers)
    md = debrief_markdown(debrief)
    assert "<" not in md
    shown = one_line(" ".join(assert_inert(md).text))
    assert shown.count("<script>alert(1)</script>") >= len(answers) * 2


def test_text_that_starts_like_a_markdown_block_opens_none() -> None:
    d = hostile_debrief()
    d.committee = [
        {"text": "- not a list", "round": "culture"},
        {"text": "# not a heading", "round": "culture"},
    ]
    d.level_reasons = [{"text": "2. not a list either"}, {"text": "+ nor this"}]
    d.rounds[0].answers[0].answer = "Intro\n---\n1) one\n~~~\n= two\n#three"
    parsed = assert_inert(debrief_markdown(d))
    assert parsed.tags.count("h1") == 1 and "hr" not in parsed.tags and "pre" not in parsed.tags
    shown = one_line(" ".join(parsed.text))
    for typed in ("- not a list", "# not a heading", "2. not a list either", "+ nor this"):
        assert typed in shown
    assert "Intro --- 1) one ~~~ = two #three" in shown
