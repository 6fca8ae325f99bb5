"""`loopcoach packs validate|list`: every problem reported with file, field path and message."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from loopcoach.content.index import BUILTIN_PACKS

Invoke = Callable[..., Result]
FIXTURES = Path(__file__).parents[1] / "fixtures" / "packs"

BROKEN = {
    "missing_field": "questions/pm.yaml: questions[0](id=mini-ps-01).difficulty: "
    "required field is missing; add it",
    "unknown_field": "questions/pm.yaml: questions[1](id=mini-ps-02).hint: unknown field",
    "duplicate_id": "questions/pm.yaml: questions[1].id: duplicate id 'mini-ps-01'",
    "round_not_in_loop": "questions/pm.yaml: question mini-cu-02.round: round 'technical' is not "
    "in the pm loop; use one of: product_sense, culture",
    "short_probes": "questions/pm.yaml: questions[1](id=mini-ps-02).probes: "
    "List should have at least 2 items",
    "untested_competency": "competencies.yaml: competencies[3](id=analytics): "
    "no loop tests this competency",
    "broken_reference": "questions/pm.yaml: question mini-cu-01.competencies: "
    "unknown competency 'leadership'; define it in competencies.yaml",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_validate_reports_each_problem(invoke: Invoke, name: str) -> None:
    result = invoke("packs", "validate", str(FIXTURES / name))
    assert result.exit_code == 1, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(BROKEN[name])
    assert "1 problem(s)" in result.stderr
    assert "Traceback" not in result.output


def test_validate_json(invoke: Invoke) -> None:
    result = invoke("packs", "validate", str(FIXTURES / "duplicate_id"), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["problems"] == [
        {
            "file": "questions/pm.yaml",
            "location": "questions[1].id",
            "message": "duplicate id 'mini-ps-01' (also in questions/pm.yaml); "
            "give one of them a new id",
        }
    ]


def test_validate_passes_on_the_fixture_pack(invoke: Invoke) -> None:
    result = invoke("packs", "validate", str(FIXTURES / "mini"))
    assert result.exit_code == 0, result.output
    assert "pack 'mini' is valid: 1 track(s), 4 competencies, 4 question(s)" in result.output


def test_validate_passes_on_the_builtin_pack(invoke: Invoke) -> None:
    result = invoke("packs", "validate", str(BUILTIN_PACKS / "alibaba"))
    assert result.exit_code == 0, result.output
    assert "pack 'alibaba' is valid: 4 track(s)" in result.output


def test_validate_not_a_folder(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("packs", "validate", str(tmp_path / "missing"))
    assert result.exit_code == 1
    assert "not a folder" in result.output


def test_list(invoke: Invoke) -> None:
    result = invoke("--pack-dir", str(FIXTURES / "mini"), "packs", "list", "--json")
    assert result.exit_code == 0, result.output
    by_id = {p["id"]: p for p in json.loads(result.output)}
    assert by_id["alibaba"]["default"] is True
    assert by_id["mini"]["questions"] == 4
    text = invoke("--pack-dir", str(FIXTURES / "mini"), "packs", "list")
    assert "alibaba (default)" in text.output and "mini" in text.output


def test_a_broken_pack_dir_is_reported_not_raised(invoke: Invoke) -> None:
    result = invoke("--pack-dir", str(FIXTURES / "short_probes"), "questions", "list")
    assert result.exit_code == 3
    assert result.output.startswith("error: 1 problem(s) in a content pack")
    assert "probes: List should have at least 2 items" in result.output
    assert "Traceback" not in result.output
