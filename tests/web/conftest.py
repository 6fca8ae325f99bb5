"""The web app in-process over HTTP, on a real SQLite file in tmp_path and the built-in packs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
    with TestClient(web_app) as c:
        yield c


@pytest.fixture
def tech_question(client: TestClient) -> str:
    """The id of a PM technical-round question of the built-in pack."""
    items = client.get("/api/v1/questions", params={"track": "pm", "round": "technical"}).json()
    return str(items["items"][0]["id"])
