"""The golden set pins this scorer version's grades: a grade may change only with the version."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from loopcoach.scoring import SCORER_VERSION

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("golden.jsonl")


def _update_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "update_golden", ROOT / "scripts/update_golden.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GOLDEN_ROWS = [json.loads(line) for line in GOLDEN.read_text().splitlines() if line.strip()]
UPDATE = _update_module()
ANSWERS = {r["id"]: r for r in UPDATE.rows()}


def test_golden_set_is_for_this_scorer_version() -> None:
    versions = {r["scorer_version"] for r in GOLDEN_ROWS}
    assert versions == {SCORER_VERSION}, (
        f"golden set pins {versions}, scorer is {SCORER_VERSION}: "
        "run scripts/update_golden.py after bumping the version"
    )


def test_golden_set_covers_every_calibration_answer() -> None:
    assert {r["id"] for r in GOLDEN_ROWS} == set(ANSWERS)
    assert len(GOLDEN_ROWS) >= 200


@pytest.mark.parametrize("pinned", GOLDEN_ROWS, ids=[r["id"] for r in GOLDEN_ROWS])
def test_grade_is_pinned(pinned: dict[str, object]) -> None:
    now = UPDATE.pinned(ANSWERS[str(pinned["id"])])
    assert now == pinned, (
        "the scorer's output changed without a version bump: bump SCORER_VERSION, "
        "run scripts/update_golden.py and report the dev figures"
    )
