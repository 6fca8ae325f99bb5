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
    "round_not_in_loop": "questions/pm.yaml: questions[3](id=mini-cu-02).round: "
    "round 'technical' is not in the pm loop; use one of: product_sense, culture",
    "short_probes": "questions/pm.yaml: questions[1](id=mini-ps-02).probes: "
    "too few items: at least 2 needed, 1 given; add more",
    "untested_competency": "competencies.yaml: competencies[3](id=analytics): "
    "no loop tests this competency",
    "broken_reference": "questions/pm.yaml: questions[2](id=mini-cu-01).competencies: "
    "unknown competency 'leadership'; define it in competencies.yaml",
    "fact_unknown_track": "facts.yaml: facts[1](id=pm-bonus-range).track: "
    "unknown track 'ds'; use one of: pm",
    "fact_unknown_source": "facts.yaml: facts[1](id=pm-bonus-range).source: "
    "unknown source 'blog'; add it to pack.yaml `sources` (known: notes)",
    "fact_missing_source": "facts.yaml: facts[0](id=pm-pay-base).source: "
    "required field is missing; add it",
    "framework_round_not_in_loop": "frameworks.yaml: frameworks[0](id=star).rounds[1]: "
    "round 'technical' is not in any loop; use one of: culture, product_sense",
    "checklist_unknown_competency": "checklists.yaml: "
    "checklists[0](id=pm-prep).items[0](id=pm-failure-story).competencies: "
    "unknown competency 'leadership'; define it in competencies.yaml",
    "card_unknown_track": "cards.yaml: cards[0](id=metric-conversion).tracks: "
    "unknown track 'sales'; use one of: pm",
}


def test_every_broken_fixture_is_covered() -> None:
    fixtures = {p.name for p in FIXTURES.iterdir() if p.is_dir()} - {"mini"}
    assert fixtures == set(BROKEN)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_validate_reports_each_problem(invoke: Invoke, name: str) -> None:
    result = invoke("packs", "validate", str(FIXTURES / name))
    assert result.exit_code == 1, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(BROKEN[name])
    # Every report says what to do about it, after the semicolon.
    assert "; " in lines[0].split(": ", 2)[2]
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
    assert "1 framework(s), 1 checklist(s), 2 card(s), 2 fact(s)" in result.output


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
    assert "probes: too few items: at least 2 needed, 1 given" in result.output
    assert "Traceback" not in result.output
