"""Role fit, the track comparison and the pay calculator, on the built-in pack's facts."""

from __future__ import annotations

import pytest

from loopcoach.content.index import load_content
from loopcoach.content.loader import Pack
from loopcoach.errors import UnknownItem
from loopcoach.services.compare import compare_tracks
from loopcoach.services.fit import FitInputError, questionnaire, rank_tracks
from loopcoach.services.pay import PayInputError, parse_scenario, simulate

BUILDER = {
    "own": "build",
    "engineering": "deep",
    "modelling": "sometimes",
    "consumers": "not",
    "meetings": "fine",
    "coordination": "energising",
    "ambiguity": "cope",
    "conflict": "calm",
    "judged": "delivery",
    "pay": "floor",
    "horizon": "compounding",
    "abroad": "maybe",
    "hours": "some",
    "restructuring": "some",
    "ten_years": "engineering",
}
PRODUCT_BUILDER = {
    "own": "build",
    "engineering": "deep",
    "consumers": "fine",
    "meetings": "energising",
    "ambiguity": "thrive",
    "conflict": "fight",
    "judged": "judgement",
    "pay": "equity",
    "horizon": "compounding",
    "abroad": "unlikely",
    "hours": "little",
    "ten_years": "gm",
}
MARKETER = {
    "own": "sell",
    "engineering": "none",
    "modelling": "others",
    "consumers": "love",
    "meetings": "energising",
    "coordination": "draining",
    "ambiguity": "thrive",
    "conflict": "fight",
    "judged": "kpi",
    "pay": "bonus",
    "horizon": "sprints",
    "abroad": "unlikely",
    "hours": "little",
    "restructuring": "little",
    "ten_years": "brand",
}


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_content().pack("alibaba")


def test_the_questionnaire_has_about_fifteen_items_on_every_theme() -> None:
    items = questionnaire().items
    assert 12 <= len(items) <= 18
    topics = {t for i in items for t in i.topics}
    assert {"ownership", "pay", "equity", "bonus", "hours", "mobility", "culture"} <= topics
    assert any(i.rounds for i in items)  # technical depth is judged against the loop rounds


@pytest.mark.parametrize("profile", [BUILDER, PRODUCT_BUILDER])
def test_a_builder_ranks_towards_pm_or_tpm(pack: Pack, profile: dict[str, str]) -> None:
    result = rank_tracks(pack, profile)
    top = result.ranking[0]
    assert top.track in {"pm", "tpm"}
    assert result.ranking[-1].track == "pmm"
    # The reasons say why, each with the pack fact or loop round and its article.
    assert top.reasons and all(r.points > 0 for r in top.reasons)
    for reason in top.reasons:
        assert reason.cites
        for c in reason.cites:
            assert c.source in pack.info.sources
            assert c.article == pack.info.sources[c.source].title
            if c.kind == "fact":
                assert pack.facts[c.id].track == top.track


def test_the_product_builder_gets_pm_and_the_delivery_builder_tpm(pack: Pack) -> None:
    assert rank_tracks(pack, PRODUCT_BUILDER).ranking[0].track == "pm"
    assert rank_tracks(pack, BUILDER).ranking[0].track == "tpm"


def test_a_market_minded_profile_ranks_pmm_first_with_its_risks_elsewhere(pack: Pack) -> None:
    result = rank_tracks(pack, MARKETER)
    top = result.ranking[0]
    assert top.track == "pmm"
    cited = {c.id for r in top.reasons for c in r.cites}
    assert {"pmm-ownership-sell", "pmm-bonus-swing"} <= cited
    tpm = next(t for t in result.ranking if t.track == "tpm")
    assert any(r.item == "own" for r in tpm.risks)


def test_items_without_facts_for_a_track_are_unknown_not_guessed(pack: Pack) -> None:
    ds = next(t for t in rank_tracks(pack, MARKETER).ranking if t.track == "ds")
    # The articles say nothing of data scientists' pay or exits.
    assert {"pay", "abroad"} <= set(ds.unknown)
    assert all(r.item not in ds.unknown for r in ds.reasons + ds.risks)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"own": "fly"}, "item 'own': 'fly' is not one of its choices"),
        ({"salary": "high"}, "unknown questionnaire item 'salary'"),
        ({"own": True}, "item 'own': give a choice id or number"),
        ({}, "no item is answered"),
        (["build"], "must be a JSON object"),
    ],
)
def test_unanswerable_items_are_named(pack: Pack, answers: object, message: str) -> None:
    with pytest.raises(FitInputError, match=message):
        rank_tracks(pack, answers)


def test_choices_may_be_given_by_number(pack: Pack) -> None:
    assert rank_tracks(pack, {"own": 2, "pay": "3"}).answers == {"own": "sell", "pay": "bonus"}


def test_comparison_lines_up_rounds_and_facts(pack: Pack) -> None:
    c = compare_tracks(pack, ["pm", "tpm"])
    assert [col.track for col in c.columns] == ["pm", "tpm"]
    assert "technical" in c.round_ids and "execution" in c.round_ids
    pm, tpm = c.columns
    assert pm.round("execution") is None and tpm.round("execution") is not None
    assert pm.facts["promotion"][0]["id"] == "pm-promotion-subjective"
    assert c.sources == {
        "pm-vs-pmm": "Alibaba PM vs PMM: Which Role Fits You in 2026?",
        "pm-vs-tpm": "Alibaba PM vs TPM Career Comparison 2026: The Verdict on Influence and "
        "Exit Opportunities",
    }
    assert len(compare_tracks(pack, []).columns) == len(pack.tracks)
    with pytest.raises(UnknownItem, match="unknown track 'cto'"):
        compare_tracks(pack, ["pm", "cto"])


def test_pay_spread_is_ordered_and_repeatable() -> None:
    s = parse_scenario("base=800k,equity=2m,vesting=4,bonus=0.1-0.3,currency=CNY")
    assert (s.base, s.equity, s.schedule, s.bonus_low, s.bonus_high) == (
        800_000,
        2_000_000,
        (0.25,) * 4,
        0.1,
        0.3,
    )
    first, again = simulate(s, draws=4000), simulate(s, draws=4000)
    assert first.to_json() == again.to_json()
    assert len(first.years) == 4
    for y in first.years:
        assert y.total.p10 < y.total.p50 < y.total.p90
        assert 80_000 <= y.bonus.p10 < y.bonus.p90 <= 240_000
    # Equity moves with the share price, so the spread widens year by year.
    widths = [y.total.p90 - y.total.p10 for y in first.years]
    assert widths == sorted(widths)


def test_without_equity_or_bonus_range_there_is_no_spread() -> None:
    (year,) = simulate(parse_scenario("base=500000,vesting=1,bonus=0.2"), draws=500).years
    assert year.total.p10 == year.total.p90 == pytest.approx(600_000)


def test_a_track_fills_the_scenario_from_its_facts(pack: Pack) -> None:
    pm = parse_scenario("track=pm,base=800k", 1, pack)
    assert pm.vesting == 4 and pm.equity == pytest.approx(0.45 / 0.55 * 800_000 * 4)
    assert any("pm-equity-share" in n for n in pm.notes)
    pmm = parse_scenario("track=pmm,base=700k", 2, pack)
    assert (pmm.bonus_low, pmm.bonus_high) == (0.2, 0.6) and pmm.equity == 0
    assert any("pmm-bonus-swing" in n for n in pmm.notes)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("base=-800000", "base=-800000 must be more than 0"),
        ("base=5e9", "base=5,000,000,000 is out of range"),
        ("base=800k,bonus=30", "bonus=30 is out of range"),
        ("base=800k,bonus=0.5-0.2", "low end above its high end"),
        ("base=800k,equity=-1", "equity=-1 must not be negative"),
        ("base=800k,equity=1b", "equity=1,000,000,000 is out of range"),
        ("base=800k,vesting=0", "vesting=0 is out of range"),
        ("base=800k,vesting=2.5", "whole number of years"),
        ("base=800k,vesting=3,schedule=50/50", "schedule=50/50 has 2 years but vesting is 3"),
        ("base=800k,vesting=2,schedule=50/40", "sums to 90"),
        ("base=lots", "base='lots' is not a number"),
        ("base=800k,stock=1", "unknown item 'stock'"),
        ("equity=1m", "base is missing"),
        ("base=800k,track=cto", "unknown track 'cto'"),
        ("name=Offer A,base=nan", "pay scenario 1 (Offer A): base='nan' is not a finite number"),
    ],
)
def test_bad_pay_figures_name_the_item(pack: Pack, spec: str, message: str) -> None:
    with pytest.raises(PayInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_scenario(spec, 1, pack)


def test_each_reason_quotes_the_fact_about_that_reason(pack: Pack) -> None:
    pm = next(t for t in rank_tracks(pack, PRODUCT_BUILDER).ranking if t.track == "pm")
    quoted = {r.item: r.cites[0].id for r in pm.reasons}
    # "Running a business unit" is about the way to business-unit leadership, not the
    # first exit fact of the pack (how US firms discount PM experience).
    assert quoted["ten_years"] == "pm-promotion-leadership"
    # "Large equity vesting over years" is about the equity share, not the base salary.
    assert quoted["pay"] == "pm-equity-share"
    assert quoted["meetings"] == "pm-day-split"
    pmm = rank_tracks(pack, MARKETER).ranking[0]
    assert {r.item: r.cites[0].id for r in pmm.reasons}["pay"] == "pmm-bonus-swing"
    # Every cite is still there, the most relevant first.
    ten_years = next(r for r in pm.reasons if r.item == "ten_years")
    assert "pm-exit-discount" in {c.id for c in ten_years.cites}


def test_a_track_alone_gives_its_pay_structure_and_says_what_it_filled(pack: Pack) -> None:
    pm = parse_scenario("track=pm", 1, pack)
    assert pm.per_base and pm.base == 100 and pm.currency == ""
    assert pm.unit == "per 100 of base salary"
    assert pm.filled == ("vesting", "equity") and pm.unknown == ("bonus",)
    assert pm.gaps and "no figure for the pm bonus" in pm.gaps
    offer = parse_scenario("track=pm,base=800k", 1, pack)
    assert not offer.per_base and offer.currency == "CNY" and offer.unit == "CNY"
    assert offer.filled == ("vesting", "equity", "currency")
    assert parse_scenario("track=pm,base=800k,currency=USD,bonus=0.1", 1, pack).filled == (
        "vesting",
        "equity",
    )
    assert parse_scenario("base=800k", 1, pack).unknown == ()  # no track, nothing to fill
