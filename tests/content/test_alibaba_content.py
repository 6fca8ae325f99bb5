"""The built-in pack's frameworks, checklists and cards: what PRODUCT.md promises is there."""

from __future__ import annotations

import pytest

from loopcoach.content.index import BUILTIN_PACKS
from loopcoach.content.loader import Pack, read_pack

TRACKS = ("pm", "pmm", "tpm", "ds")


@pytest.fixture(scope="module")
def alibaba() -> Pack:
    pack, problems = read_pack(BUILTIN_PACKS / "alibaba")
    assert not problems, [str(p) for p in problems]
    assert pack is not None
    return pack


@pytest.mark.parametrize(
    ("framework_id", "round_id"),
    [
        ("star", "culture"),
        ("product-case", "product_sense"),
        ("gtm-flow", "market_strategy"),
        ("dependency-map", "execution"),
        ("owned-postmortem", "execution"),
        ("ds-business-case", "business_case"),
    ],
)
def test_the_promised_frameworks_fit_their_rounds(
    alibaba: Pack, framework_id: str, round_id: str
) -> None:
    fw = alibaba.frameworks[framework_id]
    assert round_id in fw.rounds
    assert len(fw.steps) >= 4
    assert all(step.prompt.endswith("?") and step.good for step in fw.steps)


def test_the_post_mortem_ends_on_the_candidates_own_decision(alibaba: Pack) -> None:
    names = [s.name for s in alibaba.frameworks["owned-postmortem"].steps]
    assert "The decision" in names and names.index("The decision") < names.index("Root cause")


def test_the_ds_case_runs_from_baseline_to_cost(alibaba: Pack) -> None:
    steps = alibaba.frameworks["ds-business-case"].steps
    assert "baseline" in steps[0].good.lower()
    assert "cost" in steps[-1].name.lower()


@pytest.mark.parametrize("track", TRACKS)
def test_every_track_has_a_checklist_from_its_articles(alibaba: Pack, track: str) -> None:
    checklists = [c for c in alibaba.checklists.values() if c.track == track]
    assert len(checklists) == 1
    items = checklists[0].items
    assert len(items) >= 8
    for item in items:
        assert item.source in alibaba.info.sources
        assert item.why and item.text
        assert item.hours is not None and item.hours > 0
        assert item.competencies, f"{item.id} trains no competency; a plan cannot rank it"


@pytest.mark.parametrize(
    ("deck", "needed"),
    [
        ("metrics", {"metric-gmv", "metric-take-rate", "metric-arpu", "metric-dau-mau"}),
        ("business", {"unit-taobao", "unit-tmall", "unit-cainiao", "unit-cloud", "unit-alipay"}),
        (
            "systems",
            {"sys-sharding", "sys-caching", "sys-consistency-availability", "sys-peak-traffic"},
        ),
        ("ds", {"ds-auc-vs-business", "ds-imbalance", "ds-drift", "ds-ab-basics"}),
    ],
)
def test_decks_hold_the_cards_a_loop_asks_about(alibaba: Pack, deck: str, needed: set[str]) -> None:
    in_deck = {c.id for c in alibaba.cards.values() if c.deck == deck}
    assert needed <= in_deck


def test_every_framework_has_a_flashcard(alibaba: Pack) -> None:
    framework_cards = [c for c in alibaba.cards.values() if c.deck == "frameworks"]
    assert len(framework_cards) == len(alibaba.frameworks)


def test_every_track_has_cards(alibaba: Pack) -> None:
    for track in TRACKS:
        assert sum(track in c.tracks for c in alibaba.cards.values()) >= 15, track
