"""Pack validation: each kind of mistake is reported with its file, field path and fix.

Each test copies the valid fixture pack, breaks one thing, and reads the report.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loopcoach.content.loader import load_pack, read_pack
from loopcoach.errors import PackError

MINI = Path(__file__).parents[1] / "fixtures" / "packs" / "mini"


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(MINI, target)
    return target


def problems(folder: Path) -> list[str]:
    _, found = read_pack(folder)
    return [str(p) for p in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def test_the_fixture_pack_is_valid() -> None:
    pack = load_pack(MINI)
    assert set(pack.facts) == {"pm-pay-base", "pm-bonus-range"}
    assert pack.facts["pm-bonus-range"].figures == {"bonus_low": 0.1, "bonus_high": 0.2}
    assert list(pack.frameworks) == ["star"] and list(pack.checklists) == ["pm-prep"]
    assert set(pack.cards) == {"metric-conversion", "fw-star"}


def test_duplicate_fact_id(pack_dir: Path) -> None:
    edit(pack_dir / "facts.yaml", "id: pm-bonus-range", "id: pm-pay-base")
    assert problems(pack_dir) == [
        "facts.yaml: facts[1].id: duplicate id 'pm-pay-base'; give one of them a new id"
    ]


def test_duplicate_card_id(pack_dir: Path) -> None:
    edit(pack_dir / "cards.yaml", "id: fw-star", "id: metric-conversion")
    assert problems(pack_dir) == [
        "cards.yaml: cards[1].id: duplicate id 'metric-conversion'; give one of them a new id"
    ]


def test_duplicate_checklist_item_across_checklists(pack_dir: Path) -> None:
    path = pack_dir / "checklists.yaml"
    path.write_text(
        path.read_text() + "  - id: pm-extra\n    track: pm\n    name: More\n    items:\n"
        "      - {id: pm-metric-tree, text: Again., why: Twice., source: notes}\n"
    )
    assert problems(pack_dir) == [
        "checklists.yaml: checklists[1](id=pm-extra).items[0](id=pm-metric-tree).id: "
        "duplicate item id 'pm-metric-tree' (also in checklist pm-prep); "
        "give one of them a new id"
    ]


def test_checklist_round_not_in_its_tracks_loop(pack_dir: Path) -> None:
    edit(pack_dir / "checklists.yaml", "rounds: [culture]", "rounds: [culture, ml]")
    assert problems(pack_dir) == [
        "checklists.yaml: checklists[0](id=pm-prep).items[0](id=pm-failure-story).rounds: "
        "round 'ml' is not in the pm loop; use one of: product_sense, culture"
    ]


def test_checklist_for_an_unknown_track(pack_dir: Path) -> None:
    edit(pack_dir / "checklists.yaml", "track: pm", "track: tpm")
    assert problems(pack_dir) == [
        "checklists.yaml: checklists[0](id=pm-prep).track: unknown track 'tpm'; use one of: pm"
    ]


def test_checklist_item_without_why(pack_dir: Path) -> None:
    edit(
        pack_dir / "checklists.yaml",
        "        why: The product case asks for a metric with guardrails.\n",
        "",
    )
    assert problems(pack_dir) == [
        "checklists.yaml: checklists[0](id=pm-prep).items[1](id=pm-metric-tree).why: "
        "required field is missing; add it"
    ]


def test_framework_for_an_unknown_track(pack_dir: Path) -> None:
    edit(pack_dir / "frameworks.yaml", "rounds: [culture]", "rounds: [culture]\n    tracks: [ds]")
    assert problems(pack_dir) == [
        "frameworks.yaml: frameworks[0](id=star).tracks: unknown track 'ds'; use one of: pm"
    ]


def test_framework_with_one_step(pack_dir: Path) -> None:
    path = pack_dir / "frameworks.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("      - name: Action")])
    assert problems(pack_dir) == [
        "frameworks.yaml: frameworks[0](id=star).steps: too few items: at least 2 needed, "
        "1 given; add more"
    ]


def test_card_with_unknown_source(pack_dir: Path) -> None:
    edit(pack_dir / "cards.yaml", "source: notes", "source: wiki")
    assert problems(pack_dir) == [
        "cards.yaml: cards[1](id=fw-star).source: unknown source 'wiki'; "
        "add it to pack.yaml `sources` (known: notes)"
    ]


def test_card_with_unknown_field(pack_dir: Path) -> None:
    edit(pack_dir / "cards.yaml", "deck: metrics", "deck: metrics\n    hint: think")
    assert problems(pack_dir) == [
        "cards.yaml: cards[0](id=metric-conversion).hint: unknown field; remove it or check "
        "its spelling against docs/pack-authoring.md"
    ]


def test_fact_topic_outside_the_fixed_set(pack_dir: Path) -> None:
    edit(pack_dir / "facts.yaml", "topic: bonus", "topic: perks")
    (found,) = problems(pack_dir)
    assert found.startswith("facts.yaml: facts[1](id=pm-bonus-range).topic: Input should be")
    assert "'layoff_risk'" in found and found.endswith("; use one of those values")


def test_bad_id(pack_dir: Path) -> None:
    edit(pack_dir / "facts.yaml", "id: pm-pay-base", "id: PM Pay")
    assert problems(pack_dir) == [
        "facts.yaml: facts[0](id=PM Pay).id: not a valid id; use lowercase letters, digits, "
        "'-' and '_', starting with a letter or digit"
    ]


def test_round_repeated_and_weights_off(pack_dir: Path) -> None:
    edit(pack_dir / "tracks.yaml", "      - round: culture", "      - round: product_sense")
    edit(pack_dir / "tracks.yaml", "weight: 0.4", "weight: 0.5")
    found = problems(pack_dir)
    assert (
        "tracks.yaml: tracks[0](id=pm).loop[1].round: round 'product_sense' repeated in the "
        "loop; keep one of them"
    ) in found
    assert (
        "tracks.yaml: tracks[0](id=pm).loop: round weights sum to 1.10; make them sum to 1.0"
    ) in found


def test_unknown_file_and_unparsable_yaml(pack_dir: Path) -> None:
    (pack_dir / "notes.yaml").write_text("x: 1\n")
    (pack_dir / "cards.yaml").write_text("cards: [unclosed\n")
    found = problems(pack_dir)
    assert found[0].startswith("notes.yaml: unknown file; a pack holds pack.yaml, tracks.yaml")
    assert "facts.yaml and questions/*.yaml" in found[0]
    assert found[1].startswith("cards.yaml: cannot be parsed:")


def test_a_pack_may_be_written_in_toml(pack_dir: Path) -> None:
    (pack_dir / "facts.yaml").unlink()
    (pack_dir / "facts.toml").write_text(
        '[[facts]]\nid = "pm-hours"\ntrack = "pm"\ntopic = "hours"\n'
        'text = "Long weeks before launches."\nsource = "oops"\n'
    )
    assert problems(pack_dir) == [
        "facts.toml: facts[0](id=pm-hours).source: unknown source 'oops'; "
        "add it to pack.yaml `sources` (known: notes)"
    ]


def test_load_pack_raises_with_every_problem(pack_dir: Path) -> None:
    edit(pack_dir / "facts.yaml", "track: pm", "track: ds")
    edit(pack_dir / "cards.yaml", "tracks: [pm]", "tracks: [ds]")
    with pytest.raises(PackError) as info:
        load_pack(pack_dir)
    assert [p.file for p in info.value.problems] == ["cards.yaml", "facts.yaml"]
