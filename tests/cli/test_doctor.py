"""`loopcoach doctor`: one line per check, what to do for each problem, and it changes nothing."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from loopcoach.store import NewAttempt, Store
from loopcoach.store.migrate import current_revision, downgrade_engine, head_revision

Invoke = Callable[..., Result]
FIXTURES = Path(__file__).parents[1] / "fixtures" / "packs"


def lines(result: Result) -> dict[str, str]:
    """Each check's name and its line: `level  name  message`."""
    out: dict[str, str] = {}
    for line in result.stdout.splitlines():
        parts = re.split(r"\s{2,}", line, maxsplit=2)
        if len(parts) == 3 and parts[0] in ("ok", "warning", "problem"):
            out[parts[1]] = line
    return out


def levels(result: Result) -> dict[str, str]:
    return {name: line.split()[0] for name, line in lines(result).items()}


def filled(database_file: Path) -> bytes:
    with Store.open(f"sqlite:///{database_file}") as store:
        store.save_attempt(NewAttempt(track="pm", round="technical", question="Q?"), "an answer")
    return database_file.read_bytes()


def test_a_fresh_setup_is_all_ok_and_doctor_creates_nothing(
    invoke: Invoke, database_file: Path
) -> None:
    result = invoke("doctor")
    assert result.exit_code == 0, result.output
    assert levels(result) == {
        "data folder": "ok",
        "free space": "ok",
        "database": "ok",
        "pack alibaba": "ok",
        "pack bigtech": "ok",
    }
    assert "does not exist yet" in lines(result)["data folder"]
    assert result.stdout.rstrip().endswith("All ok.")
    assert not database_file.parent.exists()


def test_a_used_database_passes_every_check_and_is_left_as_it_was(
    invoke: Invoke, database_file: Path
) -> None:
    before = filled(database_file)
    result = invoke("doctor")
    assert result.exit_code == 0, result.output
    found = lines(result)
    assert "exists and is writable" in found["data folder"]
    assert "passes SQLite's integrity check" in found["database"]
    assert f"at revision {head_revision()}" in found["migrations"]
    assert database_file.read_bytes() == before
    assert sorted(p.name for p in database_file.parent.iterdir()) == [database_file.name]


def test_a_damaged_database_is_a_problem_with_what_to_do(
    invoke: Invoke, database_file: Path
) -> None:
    data = bytearray(filled(database_file))
    data[100:] = os.urandom(len(data) - 100)
    database_file.write_bytes(bytes(data))
    result = invoke("doctor")
    assert result.exit_code == 1
    line = lines(result)["database"]
    assert line.startswith("problem") and "is damaged" in line and ".recover" in line
    assert "1 problem(s)" in result.stderr
    assert database_file.read_bytes() == bytes(data)


def test_damage_the_integrity_check_finds(invoke: Invoke, database_file: Path) -> None:
    url = f"sqlite:///{database_file}"
    with Store.open(url) as store:
        for i in range(300):
            store.save_attempt(NewAttempt(track="pm", round="technical", question="Q?"), f"a{i}")
    with sqlite3.connect(database_file) as conn:
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'attempts'"
        ).fetchone()
        (size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    data = bytearray(database_file.read_bytes())
    # The attempts table's root (an interior page with 300 rows): the schema still reads,
    # the table does not. Found by name, since later migrations move the pages about.
    at = (root - 1) * size
    data[at + 8 : at + size] = bytes(size - 8)
    database_file.write_bytes(bytes(data))
    result = invoke("doctor")
    assert result.exit_code == 1
    assert lines(result)["database"].startswith("problem")
    assert database_file.read_bytes() == bytes(data)


def test_a_file_that_is_not_sqlite(invoke: Invoke, database_file: Path) -> None:
    database_file.parent.mkdir(parents=True)
    database_file.write_text("notes\n")
    result = invoke("doctor")
    assert result.exit_code == 1
    assert "is not a SQLite database" in lines(result)["database"]
    assert database_file.read_text() == "notes\n"


def test_a_newer_revision_says_upgrade(invoke: Invoke, database_file: Path) -> None:
    filled(database_file)
    with sqlite3.connect(database_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'v9999_future'")
    conn.close()
    before = database_file.read_bytes()
    result = invoke("doctor")
    assert result.exit_code == 1
    line = lines(result)["migrations"]
    assert line.startswith("problem") and line.endswith(
        "this database was written by a newer loopcoach (revision v9999_future); upgrade "
        f"loopcoach. {database_file} has not been changed."
    )
    assert database_file.read_bytes() == before


def test_an_older_revision_will_be_migrated_but_doctor_does_not(
    invoke: Invoke, database_file: Path
) -> None:
    filled(database_file)
    with Store.open(f"sqlite:///{database_file}") as store:
        downgrade_engine(store.engine, "0001")
    result = invoke("doctor")
    assert result.exit_code == 0, result.output
    assert f"migrates it to {head_revision()}" in lines(result)["migrations"]
    with Store.open(f"sqlite:///{database_file}", migrate=False) as store:
        assert current_revision(store.engine) == "0001"


def test_a_data_folder_under_a_file(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("")
    result = invoke("doctor", LOOPCOACH_DATA_DIR=str(tmp_path / "blocker" / "data"))
    assert result.exit_code == 1
    assert "is a file, not a folder" in lines(result)["data folder"]


def test_a_broken_pack_lists_its_problems(invoke: Invoke) -> None:
    pack = FIXTURES / "broken_reference"
    result = invoke("--pack-dir", str(pack), "doctor")
    assert result.exit_code == 1
    problem = next(line for line in result.stdout.splitlines() if line.startswith("problem"))
    assert f"`loopcoach packs validate {pack}`" in problem
    assert "unknown competency 'leadership'" in result.stdout


def test_any_database_url_skips_the_sqlite_checks(invoke: Invoke, database_url: str) -> None:
    with Store.open(database_url):
        pass
    result = invoke("--database-url", database_url, "doctor")
    assert result.exit_code == 0, result.output
    assert f"at revision {head_revision()}" in lines(result)["migrations"]


def test_a_postgresql_server_that_is_down(invoke: Invoke) -> None:
    pytest.importorskip("psycopg")
    result = invoke("--database-url", "postgresql+psycopg://loopcoach@127.0.0.1:1/none", "doctor")
    assert result.exit_code == 1
    line = lines(result)["database"]
    assert line.startswith("problem") and "cannot reach the database" in line
    assert "integrity" not in result.stdout
