"""`loopcoach export`, `import` and `delete` through the CLI runner, on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Invoke

from loopcoach.content.index import load_content
from loopcoach.services.practice import PracticeService
from loopcoach.store import Store

SECRET = "Marrowvelvet"
ANSWER = (
    "I owned the seller onboarding revamp in 2024. Activation was 31% and I set a target of "
    f"40% by Q3; the {SECRET} pilot shipped a guided first listing and reached 38%."
)


def seed(database_file: Path, n: int = 3) -> list[int]:
    content = load_content()
    with Store.open(f"sqlite:///{database_file}") as store:
        practice = PracticeService(store, content)
        question = practice.question(content.questions(track="pm")[0].id)
        return [practice.submit(question, f"{ANSWER} Take {i}.").attempt_id for i in range(n)]


def test_export_then_import_into_another_database(
    invoke: Invoke, database_file: Path, tmp_path: Path
) -> None:
    seed(database_file)
    out = tmp_path / "export.json"
    result = invoke("export", str(out))
    assert result.exit_code == 0, result.output
    assert "Exported 3 attempt(s) and 0 loop(s)" in result.output
    assert len(json.loads(out.read_text())["attempts"]) == 3
    again = invoke("export", str(out))
    assert again.exit_code == 2 and "--force" in again.output
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    first = invoke("--database-url", other, "import", str(out))
    assert first.exit_code == 0, first.output
    assert "Imported 3 attempt(s)" in first.output
    second = invoke("--database-url", other, "import", str(out))
    assert "Imported 0 attempt(s)" in second.output and "3 attempt(s)" in second.output


def test_import_of_a_bad_file_lists_problems_and_exits_2(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "something else"}', encoding="utf-8")
    result = invoke("import", str(bad))
    assert result.exit_code == 2
    assert "nothing was written" in result.output and "$.schema" in result.output
    assert "Traceback" not in result.output
    missing = invoke("import", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_delete_asks_first_and_yes_skips_it(invoke: Invoke, database_file: Path) -> None:
    ids = seed(database_file)
    declined = invoke("delete", "attempt", str(ids[0]), input="n\n")
    assert declined.exit_code == 1 and "Nothing deleted" in declined.output
    done = invoke("delete", "attempt", str(ids[0]), input="y\n")
    assert done.exit_code == 0 and "Deleted 1 answer(s)" in done.output
    assert invoke("delete", "attempt", str(ids[0]), "--yes").exit_code == 2
    assert invoke("delete", "attempt", "²", "--yes").exit_code == 2
    assert invoke("delete", "nonsense", "--yes").exit_code == 2
    everything = invoke("delete", "everything", "--yes")
    assert everything.exit_code == 0 and "Deleted 2 answer(s)" in everything.output
    data = b"".join(
        p.read_bytes()
        for p in (database_file, database_file.with_name(database_file.name + "-wal"))
        if p.exists()
    )
    assert SECRET.encode() not in data


def test_delete_a_questions_history(invoke: Invoke, database_file: Path) -> None:
    seed(database_file, 2)
    question_id = load_content().questions(track="pm")[0].id
    result = invoke("delete", "question", question_id, "--yes")
    assert result.exit_code == 0 and "Deleted 2 answer(s)" in result.output
    assert invoke("delete", "question", question_id, "--yes").exit_code == 2
