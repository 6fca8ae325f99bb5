"""Track facts: the schema, the loader's accessors and the built-in pack's coverage."""

from __future__ import annotations

from pathlib import Path

import pytest

from loopcoach.content.index import BUILTIN_PACKS
from loopcoach.content.loader import Pack, load_pack
from loopcoach.content.models import FACT_TOPICS, TrackFact


@pytest.fixture(scope="module")
def alibaba() -> Pack:
    return load_pack(BUILTIN_PACKS / "alibaba")


def test_facts_are_a_dict_by_id_with_the_promised_fields(alibaba: Pack) -> None:
    assert alibaba.facts, "the built-in pack has no facts"
    for fact_id, fact in alibaba.facts.items():
        assert isinstance(fact, TrackFact)
        assert fact.id == fact_id
        assert fact.track in alibaba.tracks
        assert fact.topic in FACT_TOPICS
        assert fact.text.strip()
        assert fact.source in alibaba.info.sources


@pytest.mark.parametrize("track", ["pm", "pmm", "tpm"])
def test_each_compared_track_has_pay_promotion_exit_and_day_to_day(
    alibaba: Pack, track: str
) -> None:
    topics = {f.topic for f in alibaba.track_facts(track)}
    assert {"pay", "promotion", "exit", "day_to_day", "ownership"} <= topics


def test_the_ds_track_has_the_facts_its_article_gives(alibaba: Pack) -> None:
    topics = {f.topic for f in alibaba.track_facts("ds")}
    assert {"ownership", "day_to_day", "culture", "hours"} <= topics


def test_track_facts_filters_by_topic_in_file_order(alibaba: Pack) -> None:
    pay = alibaba.track_facts("pm", "pay")
    assert pay and all(f.track == "pm" and f.topic == "pay" for f in pay)
    ids = list(alibaba.facts)
    assert [f.id for f in pay] == sorted((f.id for f in pay), key=ids.index)


def test_figures_match_what_the_text_says(alibaba: Pack) -> None:
    equity = alibaba.facts["pm-equity-share"]
    assert equity.figures == {"equity_share_low": 0.4, "equity_share_high": 0.5, "vesting_years": 4}
    assert "40 to 50 percent" in equity.text
    bonus = alibaba.facts["pmm-bonus-swing"]
    assert (bonus.figures["bonus_low"], bonus.figures["bonus_high"]) == (0.2, 0.6)
    assert "20 to 60 percent" in bonus.text


def test_an_unknown_topic_is_rejected(tmp_path: Path) -> None:
    from loopcoach.content.loader import read_pack

    (tmp_path / "pack.yaml").write_text(
        "id: t\nname: T\ncompany: C\ndescription: D\nsources: {s: An article}\n"
    )
    (tmp_path / "facts.yaml").write_text(
        "facts:\n  - {id: f1, track: pm, topic: salary, text: Pay is high., source: s}\n"
    )
    _, problems = read_pack(tmp_path)
    messages = [str(p) for p in problems]
    assert any(
        m.startswith("facts.yaml: facts[0](id=f1).topic: Input should be 'pay'") for m in messages
    ), messages
    assert any("use one of those values" in m for m in messages)
