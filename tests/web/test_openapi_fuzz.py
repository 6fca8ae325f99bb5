"""Schemathesis against the app's own OpenAPI document, in-process and bounded in time.

Every API operation gets generated bodies and parameters, valid and invalid (25
examples each, a fixed seed): no response may be a 5xx, every status and body must
be the ones the document declares, and schema-invalid input must be refused.

`positive_data_acceptance` is left out on purpose: a schema-valid body can still be
refused by design (a blank answer is 400, an unknown question id 404, an answer over
10,000 words 413), and the document says so for each operation.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from fastapi import FastAPI
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from loopcoach.content.index import load_content
from loopcoach.settings import Settings
from loopcoach.web import create_app

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def fuzz_app() -> FastAPI:
    """An app on a throwaway database; built at import, as schemathesis parametrizes then."""
    root = Path(tempfile.mkdtemp(prefix="loopcoach-fuzz-"))
    settings = Settings(
        data_dir=root / "data",
        config_dir=root / "config",
        database_url=f"sqlite:///{root / 'fuzz.sqlite3'}",
        pack_dirs=[],
        # Schemathesis calls the app as "testserver": a host name this app is told to serve.
        allowed_hosts=["testserver"],
    )
    app = create_app(settings, content=load_content())

    def cleanup() -> None:
        app.state.web.store.close()
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(cleanup)
    return app


APP = fuzz_app()
CONFIG = SchemathesisConfig.from_dict(
    {"seed": 1, "generation": {"max-examples": 25, "mode": "all"}}
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)


@schema.parametrize()
def test_api_conforms_to_its_openapi_document(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)


def test_the_document_lists_every_operation() -> None:
    """The document loads as OpenAPI and holds every API operation, and no page."""
    operations = [op.ok().label for op in schema.get_all_operations()]
    assert "POST /api/v1/score" in operations
    assert len(operations) >= 10
