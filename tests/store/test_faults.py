"""A database that cannot be used says what is wrong, where and what to do, and loses nothing.

Every fault is real: damaged and foreign files on disk, a revision from a newer
release, SQLite's own SQLITE_FULL (a page limit on the connection), file modes that
deny writing (checked as an unprivileged user, since root ignores them).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import SQLAlchemyError
from typer.testing import CliRunner, Result

from loopcoach.cli.app import create_app
from loopcoach.errors import DatabaseFault, DataFolderError, NewerDatabase
from loopcoach.store import NewAttempt, Store
from loopcoach.store.migrate import current_revision, head_revision

QUESTION = NewAttempt(track="pm", round="technical", question="Design a flash-sale inventory.")
ANSWER = "I would shard inventory by SKU and keep checkout strongly consistent."
NOBODY = 65534


def make_database(path: Path, answers: int = 1) -> str:
    """A real loopcoach database at `path` holding `answers` answers; returns its URL."""
    url = f"sqlite:///{path}"
    with Store.open(url) as store:
        for i in range(answers):
            store.save_attempt(QUESTION, f"{ANSWER} ({i})")
    return url


def cli(*args: str, data: Path) -> Result:
    env = {"LOOPCOACH_DATA_DIR": str(data), "LOOPCOACH_CONFIG_DIR": str(data.parent / "config")}
    return CliRunner().invoke(create_app(), list(args), env={**env, "LOOPCOACH_DATABASE_URL": None})


def assert_message(result: Result, *words: str) -> None:
    """Exit code of a store error, one `error:` line, no traceback, and these words in it."""
    assert result.exit_code == 4, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in errors[0]


# -- damaged and foreign files -------------------------------------------------------------


def random_after_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:] = os.urandom(len(data) - 100)
    path.write_bytes(bytes(data))


def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:8192])


@pytest.mark.parametrize("damage", [random_after_header, truncated])
def test_a_damaged_database_is_reported_and_left_as_it_was(tmp_path: Path, damage: object) -> None:
    path = tmp_path / "data" / "loopcoach.sqlite3"
    url = make_database(path)
    damage(path)  # type: ignore[operator]
    before = path.read_bytes()
    with pytest.raises(DatabaseFault) as caught:
        Store.open(url)
    assert caught.value.kind == "corrupt"
    assert str(path) in str(caught.value) and ".recover" in str(caught.value)
    assert_message(cli("progress", data=path.parent), str(path), "damaged", "not changed it")
    assert_message(cli("serve", "--port", "1", data=path.parent), "damaged")
    assert path.read_bytes() == before


def test_a_text_file_is_not_taken_for_a_database(tmp_path: Path) -> None:
    path = tmp_path / "data" / "loopcoach.sqlite3"
    path.parent.mkdir()
    path.write_text("my notes, not a database\n")
    with pytest.raises(DatabaseFault) as caught:
        Store.open(f"sqlite:///{path}")
    assert caught.value.kind == "not_database"
    assert_message(cli("progress", data=path.parent), "is not a SQLite database", "move this file")
    assert path.read_text() == "my notes, not a database\n"


def test_damage_past_the_schema_is_reported_when_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "data" / "loopcoach.sqlite3"
    make_database(path, answers=400)  # a few pages of answers after the schema
    data = bytearray(path.read_bytes())
    page = 4096
    # A leaf page of the attempts table, found by name: a page picked by position may be
    # an index or a free page that listing the attempts never reads.
    with sqlite3.connect(path) as conn:
        (leaf,) = conn.execute(
            "SELECT max(pageno) FROM dbstat WHERE name = 'attempts' AND pagetype = 'leaf'"
        ).fetchone()
    last = (leaf - 1) * page
    data[last : last + page] = os.urandom(page)
    path.write_bytes(bytes(data))
    result = cli("progress", "--limit", "500", data=path.parent)
    assert_message(result, str(path))
    assert path.read_bytes() == bytes(data)


# -- revisions ---------------------------------------------------------------------------


def test_a_database_from_a_newer_release_is_never_downgraded_or_stamped(tmp_path: Path) -> None:
    path = tmp_path / "data" / "loopcoach.sqlite3"
    make_database(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'v9999_future'")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabase) as caught:
        Store.open(f"sqlite:///{path}")
    assert str(caught.value) == (
        "this database was written by a newer loopcoach (revision v9999_future); upgrade "
        f"loopcoach. {path} has not been changed."
    )
    assert_message(cli("progress", data=path.parent), "newer loopcoach", "upgrade loopcoach")
    assert path.read_bytes() == before


def test_an_older_database_is_migrated(tmp_path: Path) -> None:
    from loopcoach.store.migrate import downgrade_engine

    path = tmp_path / "data" / "loopcoach.sqlite3"
    url = make_database(path)
    with Store.open(url) as store:
        downgrade_engine(store.engine, "0001")
    with Store.open(url) as store:
        assert current_revision(store.engine) == head_revision()
        assert [a.answer for a in store.attempts()] == [f"{ANSWER} (0)"]


# -- a full disk ---------------------------------------------------------------------------


def fill_up(store: Store) -> None:
    """Cap the file at the pages it has now: SQLite answers SQLITE_FULL as on a full disk."""
    with store.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar_one()

    def cap(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()  # the next connection gets the cap


def test_a_full_disk_refuses_the_new_answer_and_keeps_the_old_ones(tmp_path: Path) -> None:
    path = tmp_path / "data" / "loopcoach.sqlite3"
    url = make_database(path)
    with Store.open(url) as store:
        fill_up(store)
        with pytest.raises(DatabaseFault) as caught:
            store.save_attempt(QUESTION, "a long answer " * 5000)
        assert caught.value.kind == "full"
        # Code that catches SQLAlchemy's errors (the CLI's recovery files) still does.
        assert isinstance(caught.value, SQLAlchemyError)
        assert str(caught.value) == (
            f"the disk that holds {path} is full (database or disk is full): what is already "
            "stored is safe, but nothing new can be saved. Free some space on that disk, then "
            "try again."
        )
        assert [a.answer for a in store.attempts()] == [f"{ANSWER} (0)"]
    with Store.open(url) as store:  # space again: it saves, and the file is whole
        store.save_attempt(QUESTION, "after")
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"


# -- a data folder that cannot be created -------------------------------------------------


def test_a_data_folder_under_a_file_says_which_file(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    folder = blocker / "inner"
    with pytest.raises(DataFolderError) as caught:
        Store.open(f"sqlite:///{folder / 'loopcoach.sqlite3'}")
    assert f"{blocker} is a file, not a folder" in str(caught.value)
    assert_message(cli("progress", data=folder), str(folder), "is a file, not a folder")
    assert blocker.read_text() == "a file where the folder should be"


# -- file modes that deny writing, as a user they apply to ---------------------------------


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can use (pytest's own are private to the test's user)."""
    folder = Path(tempfile.mkdtemp(prefix="loopcoach-faults-"))
    folder.chmod(0o777)
    yield folder
    for path in (folder, *folder.rglob("*")):
        if path.is_dir():
            path.chmod(0o777)
    shutil.rmtree(folder)


@pytest.fixture
def as_user() -> list[str]:
    """The prefix that runs a command as a user file modes bind: as is, or `nobody` as root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv; file modes do not bind root")
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import loopcoach"], check=False)
    if probe.returncode != 0:
        pytest.skip("the unprivileged user cannot run this Python and loopcoach")
    return prefix


def loopcoach(prefix: list[str], data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "LOOPCOACH_DATA_DIR": str(data),
        "LOOPCOACH_CONFIG_DIR": str(data.parent / "config"),
        "HOME": str(data.parent),
        "COLUMNS": "120",
    }
    env.pop("LOOPCOACH_DATABASE_URL", None)
    code = "from loopcoach.cli.app import main; main()"
    return subprocess.run(
        [*prefix, sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_shows_history_and_refuses_writes_clearly(
    shared_dir: Path, as_user: list[str], what: str
) -> None:
    data = shared_dir / "data"
    data.mkdir()
    path = data / "loopcoach.sqlite3"
    make_database(path)
    if what == "file":
        path.chmod(0o444)
        data.chmod(0o777)
    else:
        path.chmod(0o666)
        data.chmod(0o555)
    before = path.read_bytes()

    shown = loopcoach(as_user, data, "progress")
    assert shown.returncode == 0, shown.stderr
    assert "read-only" in shown.stderr and "nothing new can be saved" in shown.stderr
    assert "Traceback" not in shown.stderr

    answer = shared_dir / "answer.txt"
    answer.write_text(ANSWER)
    answer.chmod(0o644)
    saved = loopcoach(
        as_user, data, "practice", "-q", "pm-technical-01", "--answer-file", str(answer)
    )
    assert saved.returncode != 0
    assert "Traceback" not in saved.stderr
    assert "readonly" in saved.stderr or "read-only" in saved.stderr

    assert path.read_bytes() == before
    # No -wal or -shm file was left that would refuse writes once the file is writable again.
    assert sorted(p.name for p in data.iterdir() if p.name.startswith(path.name)) == [path.name]


def test_a_data_folder_in_a_read_only_parent_is_a_message(
    shared_dir: Path, as_user: list[str]
) -> None:
    parent = shared_dir / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    result = loopcoach(as_user, parent / "data", "progress")
    assert result.returncode == 4, result.stderr
    assert result.stderr.startswith("error: cannot create the data folder")
    assert f"you cannot create folders in {parent}" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(parent.iterdir()) == []
