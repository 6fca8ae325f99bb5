"""A question's spoken time budget and a source's title: the schema, the checks, the packs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from loopcoach.content.index import BUILTIN_PACKS, load_content
from loopcoach.content.loader import read_pack
from loopcoach.content.models import DEFAULT_BUDGET_SECONDS, ROUND_IDS, PackInfo

MINI = Path(__file__).parents[1] / "fixtures" / "packs" / "mini"
# The built-in questions whose text says how long the answer should take.
NAMED_LENGTHS = {
    "ds-screen-02": 120,  # "In two minutes, ..."
    "pm-screen-02": 120,  # "Take two minutes to ..."
    "pmm-screen-05": 90,  # "In ninety seconds, ..."
    "tpm-screen-02": 120,  # "Take two minutes to ..."
    "tpm-screen-03": 90,  # "In about ninety seconds ..."
    "bt-pm-screen-01": 120,  # "... in two minutes"
}
# Says "in two minutes" of the reader of a status update, not of the answer.
NOT_A_LENGTH = {"tpm-execution-10"}
LENGTH = re.compile(r"\b(?:in|take)\s+(?:about\s+)?(two|ninety)\s+(minutes|seconds)\b", re.I)


def test_every_round_has_a_default_answer_budget_of_a_few_minutes() -> None:
    assert set(DEFAULT_BUDGET_SECONDS) == set(ROUND_IDS)
    assert all(60 <= s <= 300 for s in DEFAULT_BUDGET_SECONDS.values())
    most = [s for s in DEFAULT_BUDGET_SECONDS.values() if 120 <= s <= 180]
    assert len(most) > len(DEFAULT_BUDGET_SECONDS) / 2


def test_built_in_questions_that_name_their_length_are_budgeted_to_it() -> None:
    content = load_content()
    named = {}
    for pack in content.packs.values():
        for q in pack.questions.values():
            if LENGTH.search(q.text) and q.id not in NOT_A_LENGTH:
                named[q.id] = q
            elif q.budget_seconds is not None:
                pytest.fail(f"{q.id} has a budget its text does not name")
    assert {qid: q.budget_seconds for qid, q in named.items()} == NAMED_LENGTHS
    for qid, seconds in NAMED_LENGTHS.items():
        assert named[qid].spoken_budget == seconds
    # Every other question is timed by its round's default, not by the round's length.
    _pack, case = content.question("pm-technical-01")
    assert case.budget_seconds is None
    assert case.spoken_budget == DEFAULT_BUDGET_SECONDS["technical"] == 180


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(MINI, target)
    return target


def give_budget(pack_dir: Path, seconds: int) -> None:
    path = next((pack_dir / "questions").glob("*.yaml"))
    text = path.read_text()
    first = re.search(r"^    text: .*$", text, re.M)
    assert first
    path.write_text(text[: first.end()] + f"\n    budget_seconds: {seconds}" + text[first.end() :])


def test_a_budget_outside_its_range_is_reported_with_the_fix(pack_dir: Path) -> None:
    give_budget(pack_dir, 5000)
    _, problems = read_pack(pack_dir)
    (problem,) = [str(p) for p in problems]
    assert problem.endswith(".budget_seconds: too large; give a number at most 900"), problem


def test_a_budget_longer_than_its_round_is_reported(pack_dir: Path) -> None:
    tracks = pack_dir / "tracks.yaml"
    tracks.write_text(tracks.read_text().replace("minutes: 45", "minutes: 5"))
    give_budget(pack_dir, 600)  # the first question is the product sense case's
    _, problems = read_pack(pack_dir)
    (problem,) = [str(p) for p in problems]
    assert problem.endswith(
        ".budget_seconds: 600 seconds is longer than the whole product_sense round (5 min); "
        "give at most 300"
    ), problem


def test_a_source_is_a_title_or_a_title_with_what_it_covers() -> None:
    info = PackInfo.model_validate(
        {
            "id": "t",
            "name": "T",
            "company": "C",
            "description": "D",
            "sources": {"short": "My notes", "long": {"title": "An article", "about": "Pay"}},
        }
    )
    assert info.source_titles() == {"short": "My notes", "long": "An article"}
    assert info.source_title("long") == "An article" and info.source_title("nope") is None
    assert str(info.sources["long"]) == "An article"  # what a template prints


def test_a_source_without_a_title_is_reported(pack_dir: Path) -> None:
    pack_yaml = pack_dir / "pack.yaml"
    text = pack_yaml.read_text()
    notes = re.search(r"^  notes: .*$", text, re.M)
    assert notes
    pack_yaml.write_text(
        text[: notes.start()] + "  notes: {about: what I saw}" + text[notes.end() :]
    )
    _, problems = read_pack(pack_dir)
    assert [str(p) for p in problems] == [
        "pack.yaml: sources.notes.title: required field is missing; add it"
    ]


def test_built_in_sources_are_cited_by_title_without_file_names() -> None:
    for name in ("alibaba", "bigtech"):
        pack, problems = read_pack(BUILTIN_PACKS / name)
        assert pack is not None and not problems
        for title in pack.info.source_titles().values():
            assert "seeds/" not in title and not title.endswith(")"), title
    alibaba, _ = read_pack(BUILTIN_PACKS / "alibaba")
    assert alibaba is not None
    assert alibaba.info.source_title("pm-vs-pmm") == (
        "Alibaba PM vs PMM: Which Role Fits You in 2026?"
    )
    assert alibaba.info.currency == "CNY"
