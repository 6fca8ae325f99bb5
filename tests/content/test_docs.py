"""The pack author's guide documents every field of every pack model, and its example is valid."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from loopcoach.cli.app import create_app
from loopcoach.content import models
from loopcoach.content.loader import FILE_KINDS, read_pack
from loopcoach.scoring.asks import ASKS

GUIDE = Path(__file__).parents[2] / "docs" / "pack-authoring.md"
TEXT = GUIDE.read_text(encoding="utf-8")

PACK_MODELS = [
    obj
    for obj in vars(models).values()
    if inspect.isclass(obj)
    and issubclass(obj, BaseModel)
    and obj.__module__ == models.__name__
    and obj is not models.Strict
]


def sections() -> dict[str, str]:
    """Each `### `Model`` section of the guide, by model name."""
    out: dict[str, str] = {}
    parts = re.split(r"^### ", TEXT, flags=re.M)
    for part in parts[1:]:
        heading, _, body = part.partition("\n")
        found = re.match(r"`(\w+)`", heading)
        if found:
            out[found.group(1)] = body.split("\n## ", 1)[0]
    return out


def documented_fields(section: str) -> list[str]:
    return re.findall(r"^\| `(\w+)` \|", section, flags=re.M)


@pytest.mark.parametrize("model", PACK_MODELS, ids=[m.__name__ for m in PACK_MODELS])
def test_every_field_of_every_pack_model_is_documented(model: type[BaseModel]) -> None:
    section = sections().get(model.__name__)
    assert section is not None, f"docs/pack-authoring.md has no ### `{model.__name__}` section"
    documented = documented_fields(section)
    missing = [f for f in model.model_fields if f not in documented]
    assert not missing, f"{model.__name__}: fields without a row in the guide: {missing}"
    stale = [f for f in documented if f not in model.model_fields]
    assert not stale, f"{model.__name__}: the guide documents fields that do not exist: {stale}"


def test_every_file_kind_is_in_the_files_table() -> None:
    for kind in FILE_KINDS:
        assert f"| `{kind}.yaml` |" in TEXT, kind
    assert "| `questions/*.yaml` |" in TEXT


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("round ids", models.ROUND_IDS),
        ("red flag ids", models.FLAG_IDS),
        ("fact topics", models.FACT_TOPICS),
        ("ask ids", models.ASK_IDS),
    ],
)
def test_fixed_vocabularies_are_listed(name: str, values: tuple[str, ...]) -> None:
    missing = [v for v in values if f"`{v}`" not in TEXT]
    assert not missing, f"{name} missing from the guide: {missing}"


def test_each_ask_id_is_described_as_the_scorer_describes_it() -> None:
    flat = " ".join(TEXT.split())
    missing = [a for a, meaning in ASKS.items() if f"- `{a}`: {meaning}." not in flat]
    assert not missing, f"ask ids whose meaning in the guide is not the scorer's: {missing}"


def write_example(root: Path) -> Path:
    """Write the guide's minimal pack (its `# file: NAME` code blocks) under root/acme."""
    pack = root / "acme"
    blocks = re.findall(r"```yaml\n# file: (\S+)\n(.*?)```", TEXT, flags=re.S)
    assert len(blocks) >= len(FILE_KINDS) + 1
    for name, body in blocks:
        target = pack / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    return pack


def test_the_minimal_pack_is_valid_and_uses_every_file(tmp_path: Path) -> None:
    folder = write_example(tmp_path)
    pack, problems = read_pack(folder)
    assert [str(p) for p in problems] == []
    assert pack is not None
    assert set(pack.files) == set(FILE_KINDS)
    assert pack.questions and pack.facts and pack.cards and pack.frameworks and pack.checklists


def test_the_guides_validate_output_is_what_the_command_prints(tmp_path: Path) -> None:
    folder = write_example(tmp_path)
    result = CliRunner().invoke(create_app(), ["packs", "validate", str(folder)])
    assert result.exit_code == 0, result.output
    printed = result.output.strip().split(": ", 1)[1]
    assert f"acme/: {printed}" in TEXT


def test_the_guides_problem_report_is_what_the_command_prints(tmp_path: Path) -> None:
    folder = write_example(tmp_path)
    questions = folder / "questions" / "pm.yaml"
    text = questions.read_text()
    questions.write_text(text.replace("      - What do you do differently now?\n", ""))
    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text().replace("source: notes", "source: blog"))
    result = CliRunner().invoke(create_app(), ["packs", "validate", str(folder)])
    assert result.exit_code == 1
    for line in result.stdout.strip().splitlines():
        assert line in TEXT, line
