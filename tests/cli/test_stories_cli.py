"""`loopcoach stories ...` through the CLI runner, on a SQLite file in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Invoke

ADD = [
    "stories",
    "add",
    "--title",
    "Checkout outage",
    "--situation",
    "Two weeks before Double 11 checkout failed load tests at three times normal traffic.",
    "--task",
    "I owned the launch.",
    "--action",
    "I pulled the payments and inventory teams together and cut two features.",
    "--result",
    "We launched on time; conversion rose 4%.",
    "--reflection",
    "I would load test a month earlier.",
    "--notes",
    "culture rounds",
    "-c",
    "ownership",
]


def test_add_list_show_edit_rm(invoke: Invoke) -> None:
    added = invoke(*ADD, "--json")
    assert added.exit_code == 0, added.output
    story = json.loads(added.output)
    assert story["competencies"] == ["ownership"]
    assert set(story["scores"]) == {"culture", "hiring_manager"}
    listed = json.loads(invoke("stories", "list", "--json").output)
    assert [s["id"] for s in listed] == [story["id"]]
    shown = invoke("stories", "show", str(story["id"]))
    assert "culture" in shown.output and "Checkout outage" in shown.output
    edited = invoke("stories", "edit", str(story["id"]), "--title", "Outage", "--json")
    assert json.loads(edited.output)["title"] == "Outage"
    assert invoke("stories", "rm", str(story["id"]), input="n\n").exit_code == 1
    assert invoke("stories", "rm", str(story["id"]), "--yes").exit_code == 0
    missing = invoke("stories", "show", str(story["id"]))
    assert missing.exit_code == 2 and "no story" in missing.output


def test_match_coverage_tell(invoke: Invoke) -> None:
    invoke(*ADD)
    first = invoke("stories", "match", "When did you own a launch at risk?", "--json")
    assert first.exit_code == 0, first.output
    assert (
        first.output
        == invoke("stories", "match", "When did you own a launch at risk?", "--json").output
    )
    assert json.loads(first.output)[0]["reasons"]
    by_id = invoke("stories", "match", "--question-id", "pm-culture-01", "--limit", "1")
    assert by_id.exit_code == 0, by_id.output
    cov = json.loads(invoke("stories", "coverage", "--track", "pm", "--json").output)
    assert "ownership" not in cov["gaps"] and cov["warnings"]
    assert "gap" in invoke("stories", "coverage").output
    bad = invoke("stories", "tell", "1", "--attempt", "99")
    assert bad.exit_code == 2 and "no attempt 99" in bad.output


def test_import_export_and_precise_errors(invoke: Invoke, tmp_path: Path) -> None:
    invoke(*ADD)
    out = tmp_path / "out"
    assert invoke("stories", "export", str(out), "--format", "yaml").exit_code == 0
    [path] = list(out.iterdir())
    again = invoke("stories", "import", str(path))
    assert again.exit_code == 0 and "updated story 1" in again.output
    bad = tmp_path / "bad.md"
    bad.write_text("# T\n## Situation\ns\n## Outcome\nx\n", encoding="utf-8")
    failed = invoke("stories", "import", str(bad))
    assert failed.exit_code == 2
    assert "bad.md:line 4: unknown section 'Outcome'" in failed.output
