"""Service mode in tests: an app on a fresh PostgreSQL schema, accounts, signed-in clients."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from tests.conftest import PG_URL, _postgres_schema_url

from loopcoach.content.index import Content
from loopcoach.services.accounts import Account, Accounts
from loopcoach.settings import Settings
from loopcoach.web import create_app

SECRET = "test-secret-key-for-service-mode-0123456789abcdef"
PASSWORD = "correct horse battery"
ORIGIN = {"Origin": "http://127.0.0.1"}

needs_postgres = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="LOOPCOACH_TEST_DATABASE_URL is not set"),
]


def service_settings(root: Path, url: str, **extra: Any) -> Settings:
    fields: dict[str, Any] = {
        "data_dir": root / "data",
        "config_dir": root / "config",
        "database_url": url,
        "pack_dirs": [],
        "mode": "service",
        "secret_key": SECRET,
        **extra,
    }
    return Settings(**fields)


@contextmanager
def service_app(root: Path, content: Content, **extra: Any) -> Iterator[FastAPI]:
    assert PG_URL
    urls = _postgres_schema_url(PG_URL)
    url = next(urls)
    app = create_app(service_settings(root, url, **extra), content=content)
    try:
        yield app
    finally:
        app.state.web.store.close()
        for _ in urls:  # drops the schema
            pass


def accounts(app: FastAPI) -> Accounts:
    found: Accounts = app.state.accounts
    return found


def token_of(client: TestClient) -> str:
    """The CSRF token of this client (asgi-csrf's double-submit cookie), after one GET."""
    if "csrftoken" not in client.cookies:
        client.get("/login")
    return str(client.cookies["csrftoken"])


def post(client: TestClient, path: str, data: dict[str, Any] | None = None, **kw: Any) -> Any:
    """A form post the way the page sends it: same origin, with the CSRF field."""
    body = {"csrftoken": token_of(client), **(data or {})}
    return client.post(path, data=body, headers=ORIGIN, follow_redirects=False, **kw)


def signed_in(app: FastAPI, account: Account, password: str = PASSWORD) -> TestClient:
    client = TestClient(app, base_url="http://127.0.0.1")
    response = post(client, "/login", {"username": account.username, "password": password})
    assert response.status_code == 303, response.text
    return client


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, name
    return found.group(1)
