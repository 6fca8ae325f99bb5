"""The web app in-process over HTTP, on a real SQLite file in tmp_path and the built-in packs."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from loopcoach.content.index import Content, load_content
from loopcoach.settings import Settings
from loopcoach.web import create_app

STRONG_TECH_ANSWER = (
    "We expect 50k orders per second at the Double 11 peak, ten times normal traffic, so I "
    "would shard the inventory service by SKU and put a Redis cache in front with a 200 ms "
    "p99 latency target. The trade-off is consistency versus availability: I would accept "
    "eventual consistency on the product page but keep strong consistency at checkout, "
    "because overselling costs refunds and trust. We reuse the existing payment middle "
    "platform and the shared order service rather than build a silo. If the cache fails we "
    "fall back to a queue and degrade gracefully, and we watch error rate and GMV per minute "
    "on one dashboard during the sale."
)


@pytest.fixture
def strong_answer() -> str:
    """A solid answer to a PM technical-round question."""
    return STRONG_TECH_ANSWER


@pytest.fixture(scope="session")
def builtin_content() -> Content:
    """The built-in packs, loaded once for the whole session (they are read-only)."""
    return load_content()


def make_settings(root: Path) -> Settings:
    return Settings(
        data_dir=root / "data",
        config_dir=root / "config",
        database_url=f"sqlite:///{root / 'data' / 'loopcoach.sqlite3'}",
        pack_dirs=[],
        user="local",
    )


@pytest.fixture
def web_app(tmp_path: Path, builtin_content: Content) -> Iterator[FastAPI]:
    app = create_app(make_settings(tmp_path), content=builtin_content)
    yield app
    app.state.web.store.close()


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    # The app answers only to the Host names it serves; the default "testserver" is not one.
    with TestClient(web_app, base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture
def tech_question(client: TestClient) -> str:
    """The id of a PM technical-round question of the built-in pack."""
    items = client.get("/api/v1/questions", params={"track": "pm", "round": "technical"}).json()
    return str(items["items"][0]["id"])


# -- a live server and a real Chromium, for the browser tests ------------------------------

CHROMIUM = Path(os.environ.get("LOOPCOACH_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def patient_expectations() -> None:
    """Give each browser expectation 15 s, not 5: CI runs on two loaded cores."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium (never a downloaded one); skip without it, unless CI requires it."""
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("LOOPCOACH_REQUIRE_BROWSER"):
            pytest.fail(f"{reason}, and LOOPCOACH_REQUIRE_BROWSER is set")
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    }


@pytest.fixture
def live_server(tmp_path: Path, builtin_content: Content) -> Iterator[str]:
    """The app served by uvicorn in a background thread on a free port, with its own database."""
    import uvicorn

    app = create_app(make_settings(tmp_path), content=builtin_content)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # ws="none": the browser tests need no websockets, and importing them can warn.
    config = uvicorn.Config(app, log_level="warning", ws="none", http="h11", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests save their screenshots (LOOPCOACH_SCREENSHOTS overrides)."""
    chosen = os.environ.get("LOOPCOACH_SCREENSHOTS")
    if chosen:
        path = Path(chosen)
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def snap(screenshot_dir: Path, record_property: Any) -> Any:
    """snap(page, name): save a full-page screenshot and report where it is."""

    def take(page: Any, name: str) -> Path:
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        SCREENSHOTS.append(path)
        record_property(f"screenshot:{name}", str(path))
        return path

    return take


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SCREENSHOTS:
        folder = SCREENSHOTS[0].parent
        terminalreporter.write_line(f"loopcoach browser screenshots ({len(SCREENSHOTS)}): {folder}")
