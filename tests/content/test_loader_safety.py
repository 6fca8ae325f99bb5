"""The loader reads only regular files inside the pack, within size and depth limits.

Each test copies the valid fixture pack, adds one hostile or mistaken file, and reads
the report. Reading a device or a named pipe can exhaust memory or hang for ever when
the loader gets it wrong, so those tests read the pack in a child process with a
memory cap and a timeout, and fail instead of taking the test run down with them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from loopcoach.content.index import Content, builtin_pack_dirs
from loopcoach.content.loader import MAX_DEPTH, MAX_FILE_BYTES, load_pack, read_pack
from loopcoach.errors import PackError

MINI = Path(__file__).parents[1] / "fixtures" / "packs" / "mini"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX links and pipes")

# Reads the pack named on the command line and prints its problems as JSON lines.
CHILD = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
    from loopcoach.content.loader import read_pack
    _, problems = read_pack(sys.argv[1])
    print(json.dumps([str(p) for p in problems]))
    """
)


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(MINI, target)
    return target


def problems(folder: Path) -> list[str]:
    _, found = read_pack(folder)
    return [str(p) for p in found]


def problems_in_child(folder: Path) -> list[str]:
    """The problems of `folder`, read in a child process limited to 2 GiB and 60 seconds."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(folder)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading {folder} did not finish within 60 seconds")
    assert result.returncode == 0, result.stderr[-2000:]
    found: list[str] = json.loads(result.stdout)
    return found


def write_question_file(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


def test_a_normal_pack_still_loads(pack_dir: Path) -> None:
    assert problems(pack_dir) == []
    pack = load_pack(pack_dir)
    assert set(pack.questions) == set(load_pack(MINI).questions)
    assert pack.questions


def test_the_built_in_packs_are_well_within_the_limits() -> None:
    for folder in builtin_pack_dirs():
        files = [p for p in folder.rglob("*") if p.is_file()]
        assert max(p.stat().st_size for p in files) < MAX_FILE_BYTES // 10
        assert load_pack(folder).questions


@posix_only
def test_a_link_to_dev_zero_is_refused(pack_dir: Path) -> None:
    (pack_dir / "questions" / "zero.yaml").symlink_to("/dev/zero")
    assert problems_in_child(pack_dir) == [
        "questions/zero.yaml: a link to a file outside the pack folder; "
        "copy the file into the pack instead of linking to it"
    ]


@posix_only
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(pack_dir: Path) -> None:
    os.mkfifo(pack_dir / "questions" / "pipe.yaml")
    assert problems_in_child(pack_dir) == [
        "questions/pipe.yaml: not a regular file but a named pipe; "
        "a pack holds only plain text files, so replace it with one"
    ]


@posix_only
def test_a_named_pipe_as_pack_yaml_is_refused(pack_dir: Path) -> None:
    (pack_dir / "pack.yaml").unlink()
    os.mkfifo(pack_dir / "pack.yaml")
    assert problems_in_child(pack_dir) == [
        "pack.yaml: not a regular file but a named pipe; "
        "a pack holds only plain text files, so replace it with one"
    ]


def test_a_folder_named_like_a_pack_file_is_refused(pack_dir: Path) -> None:
    (pack_dir / "cards.yaml").unlink()
    (pack_dir / "cards.yaml").mkdir()
    assert problems(pack_dir) == [
        "cards.yaml: not a regular file but a folder; "
        "a pack holds only plain text files, so replace it with one"
    ]


@posix_only
def test_a_link_to_a_file_outside_the_pack_is_refused_and_not_read(
    pack_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(pack_dir / "questions" / "pm.yaml", outside)
    (pack_dir / "questions" / "pm.yaml").unlink()
    (pack_dir / "questions" / "pm.yaml").symlink_to(outside)
    pack, found = read_pack(pack_dir)
    assert [str(p) for p in found] == [
        "questions/pm.yaml: a link to a file outside the pack folder; "
        "copy the file into the pack instead of linking to it"
    ]
    assert pack is not None and pack.questions == {}


@posix_only
def test_a_link_that_climbs_out_through_a_relative_path_is_refused(pack_dir: Path) -> None:
    (pack_dir.parent / "secret.yaml").write_text("questions: []\n")
    (pack_dir / "questions" / "extra.yaml").symlink_to("../../secret.yaml")
    assert problems(pack_dir) == [
        "questions/extra.yaml: a link to a file outside the pack folder; "
        "copy the file into the pack instead of linking to it"
    ]


@posix_only
def test_a_link_to_a_folder_outside_the_pack_is_not_followed(
    pack_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "more"
    outside.mkdir()
    write_question_file(outside / "leak.yaml", "questions: []\n")
    (pack_dir / "questions" / "more").symlink_to(outside, target_is_directory=True)
    assert problems(pack_dir) == [
        "questions/more: a link to a folder; a pack reads only folders inside it, "
        "so move the files here instead of linking to them"
    ]


@posix_only
def test_a_link_to_a_file_inside_the_pack_is_followed(pack_dir: Path) -> None:
    # Hidden folders are not read as pack content, so the questions are read once, by the link.
    shared = pack_dir / ".shared"
    shared.mkdir()
    (pack_dir / "questions" / "pm.yaml").rename(shared / "pm.yaml")
    (pack_dir / "questions" / "pm.yaml").symlink_to("../.shared/pm.yaml")
    pack, found = read_pack(pack_dir)
    assert found == []
    assert pack is not None and set(pack.questions) == set(load_pack(MINI).questions)


def test_a_file_over_the_size_limit_is_refused(pack_dir: Path) -> None:
    # A YAML comment: without the limit it would parse, as an empty file.
    write_question_file(pack_dir / "questions" / "big.yaml", "#" * (MAX_FILE_BYTES + 1))
    assert problems(pack_dir) == [
        f"questions/big.yaml: too large ({MAX_FILE_BYTES + 1:,} bytes, over the 2 MiB limit "
        "for one pack file); trim it, or spread questions over several files under questions/"
    ]


def test_a_file_at_the_size_limit_is_read(pack_dir: Path) -> None:
    write_question_file(pack_dir / "questions" / "big.yaml", "#" * MAX_FILE_BYTES)
    assert problems(pack_dir) == ["questions/big.yaml: file is empty"]


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 100_000])
def test_yaml_nested_past_the_limit_is_refused(pack_dir: Path, levels: int) -> None:
    write_question_file(
        pack_dir / "questions" / "deep.yaml", "questions: " + "[" * levels + "]" * levels
    )
    assert problems(pack_dir) == [
        f"questions/deep.yaml: nested more than {MAX_DEPTH} levels deep (line 1); "
        "no pack field needs that many, so flatten it"
    ]


def test_yaml_nested_to_the_limit_is_parsed_and_validated(pack_dir: Path) -> None:
    # The mapping is the first level, so the lists add MAX_DEPTH - 1 more.
    levels = MAX_DEPTH - 1
    write_question_file(
        pack_dir / "questions" / "deep.yaml", "questions: " + "[" * levels + "]" * levels
    )
    found = problems(pack_dir)
    assert found and all("questions[0]" in p for p in found)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("questions = " + "[" * 100_000 + "]" * 100_000, id="inline"),
        pytest.param("[" + ".".join(["a"] * (MAX_DEPTH + 1)) + "]\nx = 1\n", id="tables"),
    ],
)
def test_toml_nested_past_the_limit_is_refused(pack_dir: Path, body: str) -> None:
    write_question_file(pack_dir / "questions" / "deep.toml", body)
    [problem] = problems(pack_dir)
    assert problem.startswith("questions/deep.toml: nested ")
    assert f"{MAX_DEPTH} levels" in problem


def test_a_deep_user_pack_is_a_pack_error_not_a_recursion_error(pack_dir: Path) -> None:
    write_question_file(
        pack_dir / "questions" / "deep.yaml", "questions: " + "[" * 100_000 + "]" * 100_000
    )
    with pytest.raises(PackError) as caught:
        Content.load([MINI, pack_dir])
    assert [p.file for p in caught.value.problems] == ["questions/deep.yaml"]


def test_aliases_that_expand_past_the_limit_are_refused(pack_dir: Path) -> None:
    # Nine copies of nine copies... of a question: a few hundred bytes, 9**9 questions.
    lines = ["a0: &a0 {id: x, track: pm}"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    lines.append("questions: *a9")
    write_question_file(pack_dir / "questions" / "bomb.yaml", "\n".join(lines) + "\n")
    assert problems(pack_dir) == [
        "questions/bomb.yaml: holds more than 200,000 values, counting each alias (*name) "
        "as a copy of what it names; trim it or split it into several files"
    ]


def test_an_alias_inside_the_value_it_names_is_refused(pack_dir: Path) -> None:
    write_question_file(pack_dir / "questions" / "loop.yaml", "questions: &q [*q]\n")
    assert problems(pack_dir) == [
        "questions/loop.yaml: the alias *q (line 1) is used inside the value it names, "
        "which makes it endless; write the value out"
    ]


def test_a_few_aliases_still_work(pack_dir: Path) -> None:
    path = pack_dir / "questions" / "pm.yaml"
    text = path.read_text()
    text = text.replace("competencies: [ownership]", "competencies: &own [ownership]", 1)
    text = text.replace("competencies: [resilience, ownership]", "competencies: *own", 1)
    path.write_text(text)
    pack, found = read_pack(pack_dir)
    assert found == []
    assert pack is not None and pack.questions["mini-cu-02"].competencies == ["ownership"]


def test_a_value_the_parser_rejects_is_a_problem_not_a_traceback(pack_dir: Path) -> None:
    write_question_file(pack_dir / "questions" / "date.yaml", "questions: []\nwhen: 2024-13-01\n")
    [problem] = problems(pack_dir)
    assert problem.startswith("questions/date.yaml: cannot be parsed: month must be in 1..12")
    assert problem.endswith("; fix the value or quote it as text")
