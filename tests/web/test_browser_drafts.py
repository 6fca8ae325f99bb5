"""Drafts in a real Chromium when the tab closes early or the server is down: no text is lost.

The app runs under uvicorn on a fixed port that a test can stop and start again, over one
SQLite file, so "the server is down" is a refused connection, as it is for a user.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    # pytest-base-url (pulled in by pytest-playwright) defines base_url in a way pytest 9
    # deprecates; that is the plugin's business, not a problem in loopcoach.
    pytest.mark.filterwarnings(
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning"
    ),
]

FIRST = "We would shard the inventory service by SKU and cache reads in Redis."
LAST = " The last sentence: we watch GMV per minute and degrade gracefully if the cache fails."


class Server:
    """The app under uvicorn on one port, stopped and started again by the test."""

    def __init__(self, app: Any) -> None:
        self.app = app
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.url = f"http://127.0.0.1:{self.port}"
        self._running: tuple[Any, threading.Thread, socket.socket] | None = None

    def start(self) -> None:
        import uvicorn

        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        # lifespan="off": the app's shutdown closes its store, and this app starts again.
        config = uvicorn.Config(
            self.app, log_level="warning", ws="none", http="h11", lifespan="off"
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 15
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        self._running = (server, thread, sock)

    def stop(self) -> None:
        if self._running is None:
            return
        server, thread, sock = self._running
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        self._running = None
        with pytest.raises(httpx.ConnectError):
            httpx.get(self.url + "/", timeout=2)


@pytest.fixture
def server(web_app: FastAPI) -> Iterator[Server]:
    """conftest's app (its own SQLite file in tmp_path), served until the test stops it."""
    running = Server(web_app)
    running.start()
    yield running
    running.stop()


def answer_box(page: Page) -> Any:
    return page.get_by_label("Your answer", exact=True)


def status_of(page: Page) -> Any:
    return page.locator("[data-save-status]").first


def open_question(page: Page, server: Server) -> tuple[str, str]:
    """A PM technical question's page; returns its id and its own address."""
    page.goto(server.url + "/practice?track=pm&round=technical")
    payload = json.loads(page.locator("form[data-autosave]").get_attribute("data-autosave") or "")
    question_id = payload["question_id"]
    return question_id, f"{server.url}/practice/{question_id}"


def server_drafts(server: Server, question_id: str) -> list[str]:
    found = httpx.get(
        server.url + "/api/v1/attempts", params={"question_id": question_id, "status": "draft"}
    )
    return [a["answer"] for a in found.json()["items"]]


def submitted(server: Server, question_id: str) -> list[str]:
    found = httpx.get(server.url + "/api/v1/attempts", params={"question_id": question_id})
    return [a["answer"] for a in found.json()["items"] if a["status"] != "draft"]


def local_copy(page: Page, key: str) -> Any:
    return page.evaluate("k => JSON.parse(localStorage.getItem(k) || 'null')", key)


def test_text_typed_just_before_the_tab_closes_reaches_the_server(
    page: Page, server: Server
) -> None:
    question_id, _ = open_question(page, server)
    answer_box(page).fill(FIRST)
    expect(status_of(page)).to_contain_text("Draft saved")
    answer_box(page).fill(FIRST + LAST)
    page.close()  # well within the autosave delay

    deadline = time.monotonic() + 10
    while server_drafts(server, question_id) != [FIRST + LAST]:
        assert time.monotonic() < deadline, server_drafts(server, question_id)
        time.sleep(0.1)


def test_a_newer_copy_in_this_browser_wins_and_the_older_draft_is_offered(
    page: Page, server: Server
) -> None:
    question_id, url = open_question(page, server)
    answer_box(page).fill(FIRST)
    expect(status_of(page)).to_contain_text("Draft saved")
    # The rest never reaches the server, neither the timed save nor the one on closing.
    server.stop()
    answer_box(page).fill(FIRST + LAST)
    context = page.context
    page.close()  # within the autosave delay
    server.start()
    assert server_drafts(server, question_id) == [FIRST]

    again = context.new_page()
    again.goto(url)
    expect(answer_box(again)).to_have_value(FIRST + LAST)
    note = again.locator("[data-restored-note]")
    expect(note).to_contain_text("newer than the one the server saved")
    restore = again.get_by_role("button", name="Restore the other version")
    restore.click()
    expect(answer_box(again)).to_have_value(FIRST)
    expect(note).to_contain_text("Now showing the draft the server saved")
    restore.click()
    expect(answer_box(again)).to_have_value(FIRST + LAST)
    expect(status_of(again)).to_contain_text("Draft saved")
    assert server_drafts(server, question_id) == [FIRST + LAST]


def test_a_newer_draft_from_elsewhere_wins_and_this_browsers_copy_is_offered(
    page: Page, server: Server
) -> None:
    question_id, url = open_question(page, server)
    answer_box(page).fill(FIRST)
    expect(status_of(page)).to_contain_text("Draft saved")
    draft_id = int(page.locator("[data-draft-id]").input_value())
    context = page.context
    page.close()
    # Another tab or the CLI saves a newer text into the same draft.
    newer = "A different answer, saved after this browser's copy."
    saved = httpx.post(
        server.url + "/api/v1/drafts",
        json={"question_id": question_id, "answer": newer, "draft_id": draft_id},
    )
    assert saved.status_code == 200, saved.text

    again = context.new_page()
    again.goto(url)
    expect(answer_box(again)).to_have_value(newer)
    expect(again.locator("[data-restored-note]")).to_contain_text("the page shows the newer one")
    again.get_by_role("button", name="Restore the other version").click()
    expect(answer_box(again)).to_have_value(FIRST)


def test_text_typed_while_the_server_is_down_survives_reloads(page: Page, server: Server) -> None:
    question_id, url = open_question(page, server)
    key = f"loopcoach:draft:q:{question_id}"
    answer_box(page).fill(FIRST)
    expect(status_of(page)).to_contain_text("Draft saved")
    server.stop()
    answer_box(page).fill(FIRST + LAST)
    expect(status_of(page)).to_contain_text("Kept in this browser")
    with pytest.raises(PlaywrightError, match="ERR_CONNECTION_REFUSED"):
        page.reload()
    # Closed before the server is back, so the error page's own auto-reload cannot race.
    context = page.context
    page.close()

    server.start()
    page = context.new_page()
    page.goto(url)
    expect(answer_box(page)).to_have_value(FIRST + LAST)
    expect(page.locator("[data-restored-note]")).to_contain_text("Restored the draft")
    expect(status_of(page)).to_contain_text("Draft saved")
    assert server_drafts(server, question_id) == [FIRST + LAST]
    assert local_copy(page, key)["synced"] is True

    page.reload()
    expect(answer_box(page)).to_have_value(FIRST + LAST)
    expect(page.get_by_text("Your unsent draft is back")).to_be_visible()


def test_an_answer_submitted_to_a_dead_server_comes_back(page: Page, server: Server) -> None:
    question_id, url = open_question(page, server)
    key = f"loopcoach:draft:q:{question_id}"
    answer_box(page).fill(FIRST)
    expect(status_of(page)).to_contain_text("Draft saved")
    answer_box(page).fill(FIRST + LAST)
    server.stop()
    page.get_by_role("button", name="Submit for feedback").click()
    page.wait_for_url(re.compile(r"^chrome-error://"))
    # Closed before the server is back, so the error page's own auto-reload cannot race.
    context = page.context
    page.close()

    server.start()
    assert submitted(server, question_id) == []
    page = context.new_page()
    page.goto(url)
    expect(answer_box(page)).to_have_value(FIRST + LAST)
    expect(page.locator("[data-restored-note]")).to_contain_text(
        "Restored the answer you submitted"
    )
    page.get_by_role("button", name="Submit for feedback").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+$"))
    # The feedback page is the server's word that it has the answer: now the copy goes.
    page.wait_for_function("k => localStorage.getItem(k) === null", arg=key)
    assert [a.replace("\r\n", "\n") for a in submitted(server, question_id)] == [FIRST + LAST]

    page.goto(url)
    expect(answer_box(page)).to_have_value("")
    expect(page.locator("[data-restored-note]")).to_be_hidden()


def test_a_local_copy_stays_with_its_own_question(page: Page, server: Server) -> None:
    """A question of your own comes back with its answer; other questions' forms stay empty."""
    page.route("**/api/v1/drafts", lambda route: route.abort())
    page.goto(server.url + "/practice/custom?track=pm&round=culture")
    asked = "Tell me about a launch date you missed."
    page.get_by_label("The question you were asked").fill(asked)
    answer_box(page).fill("We missed the 11.11 date by two days because the payment SDK slipped.")
    expect(status_of(page)).to_contain_text("Kept in this browser")
    _, other_url = open_question(page, server)
    expect(answer_box(page)).to_have_value("")
    answer_box(page).fill(FIRST)
    expect(status_of(page)).to_contain_text("Kept in this browser")
    context = page.context
    page.close()

    back = context.new_page()
    back.goto(server.url + "/practice/custom")
    expect(back.get_by_label("The question you were asked")).to_have_value(asked)
    expect(answer_box(back)).to_have_value(
        "We missed the 11.11 date by two days because the payment SDK slipped."
    )
    expect(back.get_by_label("Round")).to_have_value("culture")
    expect(back.locator("[data-restored-note]")).to_contain_text("Restored the draft")
    expect(back.get_by_role("button", name="Restore the other version")).to_have_count(0)
    back.goto(other_url)
    expect(answer_box(back)).to_have_value(FIRST)
    back.goto(server.url + "/practice?track=ds&round=ml")
    expect(answer_box(back)).to_have_value("")
