"""Shared fixtures: a real database (SQLite always, PostgreSQL when its URL is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from loopcoach.content.index import Content
from loopcoach.store import Store

FIXTURE_PACKS = Path(__file__).parent / "fixtures" / "packs"
PG_URL = os.environ.get("LOOPCOACH_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("LOOPCOACH_TEST_REDIS_URL")


def pytest_configure(config: pytest.Config) -> None:
    """CI requires PostgreSQL and Redis: fail the run, never skip, when a URL is missing."""
    if os.environ.get("LOOPCOACH_REQUIRE_POSTGRES") and not PG_URL:
        raise pytest.UsageError(
            "LOOPCOACH_REQUIRE_POSTGRES is set but LOOPCOACH_TEST_DATABASE_URL is not"
        )
    if os.environ.get("LOOPCOACH_REQUIRE_REDIS") and not REDIS_URL:
        raise pytest.UsageError(
            "LOOPCOACH_REQUIRE_REDIS is set but LOOPCOACH_TEST_REDIS_URL is not"
        )


def _postgres_schema_url(base: str) -> Iterator[str]:
    """A URL whose connections live in a fresh schema, dropped afterwards: one test, one schema."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"lc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgresql",
            marks=[
                pytest.mark.postgres,
                pytest.mark.skipif(not PG_URL, reason="LOOPCOACH_TEST_DATABASE_URL is not set"),
            ],
        ),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'loopcoach.sqlite3'}"
    else:
        assert PG_URL
        yield from _postgres_schema_url(PG_URL)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with Store.open(database_url) as s:
        yield s


@pytest.fixture
def mini_pack_dir() -> Path:
    return FIXTURE_PACKS / "mini"


@pytest.fixture
def mini_content(mini_pack_dir: Path) -> Content:
    """Only the small fixture pack, so tests do not depend on the built-in pack's questions."""
    return Content.load([mini_pack_dir], default_pack="mini")


class ScoreRecorder:
    """The real scorer, remembering the `asks_for` of every call."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.asks_for: list[str | None] = []
        self._real = real

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.asks_for.append(kwargs.get("asks_for"))
        return self._real(*args, **kwargs)


@pytest.fixture
def record_scores(monkeypatch: pytest.MonkeyPatch) -> Callable[..., ScoreRecorder]:
    """Put one ScoreRecorder in place of the scorer at each dotted name given."""

    def patch(*targets: str) -> ScoreRecorder:
        from loopcoach.scoring.engine import score  # the real one, before any patching

        rec = ScoreRecorder(score)
        for target in targets:
            monkeypatch.setattr(target, rec)
        return rec

    return patch
