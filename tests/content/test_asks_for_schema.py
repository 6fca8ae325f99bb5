"""`asks_for`: what a pack question asks its answer to deliver, in the scorer's vocabulary."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from loopcoach.cli.app import create_app
from loopcoach.content import models
from loopcoach.content.index import BUILTIN_PACKS
from loopcoach.content.loader import Pack, read_pack
from loopcoach.scoring import asks

MINI = Path(__file__).parents[1] / "fixtures" / "packs" / "mini"
FIRST_TEXT = (
    "    text: How would you improve the checkout conversion of a marketplace app "
    "for first-time buyers?\n"
)
STORY_KINDS = {"setback_story", "conflict_story", "story"}


def test_the_schema_allows_exactly_the_scorers_ask_ids() -> None:
    assert models.ASK_IDS == asks.ASK_IDS
    assert set(models.ASK_IDS) == set(asks.ASKS)


def mini_with(tmp_path: Path, line: str) -> Path:
    """A copy of the mini fixture pack whose first question carries `line` after its text."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    questions = folder / "questions" / "pm.yaml"
    text = questions.read_text(encoding="utf-8")
    assert text.count(FIRST_TEXT) == 1
    questions.write_text(text.replace(FIRST_TEXT, FIRST_TEXT + line), encoding="utf-8")
    return folder


def validate(folder: Path) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(create_app(), ["packs", "validate", str(folder)])
    return result.exit_code, result.stdout.strip().splitlines(), result.output


@pytest.mark.parametrize("value", ["success_story", "Story", "[story, plan]", "3"])
def test_an_unknown_value_is_reported_with_its_path_and_the_allowed_values(
    tmp_path: Path, value: str
) -> None:
    code, lines, output = validate(mini_with(tmp_path, f"    asks_for: {value}\n"))
    assert code == 1, output
    allowed = ", ".join(f"'{a}'" for a in asks.ASK_IDS[:-1]) + f" or '{asks.ASK_IDS[-1]}'"
    assert lines == [
        "questions/pm.yaml: questions[0](id=mini-ps-01).asks_for: "
        f"Input should be {allowed}; use one of those values"
    ]
    assert "Traceback" not in output


def test_a_known_value_validates_and_the_question_carries_it(tmp_path: Path) -> None:
    folder = mini_with(tmp_path, "    asks_for: design\n")
    code, _, output = validate(folder)
    assert code == 0, output
    pack, problems = read_pack(folder)
    assert pack is not None and not problems
    assert pack.questions["mini-ps-01"].asks_for == "design"
    # Left out, it is None: the scorer infers the kind from the text.
    assert pack.questions["mini-ps-02"].asks_for is None


@pytest.fixture(scope="module", params=["alibaba", "bigtech"])
def builtin(request: pytest.FixtureRequest) -> Pack:
    pack, problems = read_pack(BUILTIN_PACKS / request.param)
    assert not problems, [str(p) for p in problems]
    assert pack is not None
    return pack


def test_every_builtin_question_says_what_it_asks_for(builtin: Pack) -> None:
    missing = [qid for qid, q in builtin.questions.items() if q.asks_for is None]
    assert not missing, f"questions without asks_for in {builtin.id}: {missing}"


def test_questions_about_a_time_in_your_past_ask_for_a_story(builtin: Pack) -> None:
    wrong = {
        qid: q.asks_for
        for qid, q in builtin.questions.items()
        if q.text.startswith(("Tell me about a time", "Describe a time"))
        and q.asks_for not in STORY_KINDS
    }
    assert not wrong, wrong


def test_the_alibaba_pack_uses_every_kind() -> None:
    pack, _ = read_pack(BUILTIN_PACKS / "alibaba")
    assert pack is not None
    used = Counter(q.asks_for for q in pack.questions.values())
    assert set(used) == set(asks.ASK_IDS), used
