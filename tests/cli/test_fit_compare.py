"""`loopcoach fit` and `loopcoach compare` end to end."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Invoke = Callable[..., Result]
MARKETER = {
    "own": "sell",
    "engineering": "none",
    "consumers": "love",
    "pay": "bonus",
    "horizon": "sprints",
    "ten_years": "brand",
    "judged": "kpi",
    "conflict": "fight",
}
BUILDER = {
    "own": "build",
    "engineering": "deep",
    "coordination": "energising",
    "judged": "delivery",
    "pay": "floor",
    "abroad": "likely",
    "ten_years": "engineering",
}


def write(tmp_path: Path, data: object, name: str = "answers.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_fit_json_ranks_a_market_minded_profile_towards_pmm(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("fit", "--answers", write(tmp_path, MARKETER), "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["schema"] == "loopcoach.fit/1"
    top = out["ranking"][0]
    assert top["track"] == "pmm"
    reason = top["reasons"][0]
    assert reason["cites"] and reason["cites"][0]["article"].startswith("Alibaba PM vs PMM")
    assert out["sources"]["pm-vs-pmm"]


def test_fit_table_states_the_reasons_for_a_builder(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("fit", "--answers", write(tmp_path, BUILDER), COLUMNS="120")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("Technical Program Manager") < out.index("Product Marketing Manager")
    assert "Why it fits" in out and "Risks" in out
    assert "tpm-day-split [pm-vs-tpm]" in out and "Sources" in out


def test_fit_asks_the_questionnaire_when_no_file_is_given(invoke: Invoke) -> None:
    result = invoke("fit", "--json", input="2\n1\n\nlove\n")
    assert result.exit_code == 0, result.output
    answers = json.loads(result.stdout[result.stdout.index("{") :])["answers"]
    assert answers == {"own": "sell", "engineering": "none", "consumers": "love"}


def test_fit_names_an_unanswerable_item(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("fit", "--answers", write(tmp_path, {"own": "both ways"}))
    assert result.exit_code == 2
    assert "error: item 'own': 'both ways' is not one of its choices" in result.output
    assert "Traceback" not in result.output


def test_compare_two_tracks_side_by_side(invoke: Invoke) -> None:
    result = invoke("compare", "pm", "tpm", COLUMNS="160")
    assert result.exit_code == 0, result.output
    for text in (
        "The loops",
        "Product Manager (pm)",
        "Technical Program Manager (tpm)",
        "not in this loop",
        "Promotion",
        "Exits",
        "Day to day",
        "[pm-vs-tpm]",
    ):
        assert text in result.output
    data = json.loads(invoke("compare", "pm", "tpm", "--json").stdout)
    assert [t["track"] for t in data["comparison"]["tracks"]] == ["pm", "tpm"]
    assert data["pay"] == []


def test_compare_pay_scenarios_show_the_spread_per_year(invoke: Invoke) -> None:
    result = invoke(
        "compare",
        "--pay",
        "track=pm,base=800k",
        "--pay",
        "name=Offer B,base=700k,equity=1m,bonus=20%-60%",
        COLUMNS="140",
    )
    assert result.exit_code == 0, result.output
    assert "The loops" not in result.output  # pay only
    assert "Total p10" in result.output and "Total p90" in result.output
    assert "From the pack: vesting 4 years from pm-equity-share" in result.output
    data = json.loads(invoke("compare", "--pay", "base=800k,equity=2m", "--json").stdout)
    (outcome,) = data["pay"]
    assert [y["year"] for y in outcome["years"]] == [1, 2, 3, 4]
    assert outcome["years"][0]["total"]["p10"] < outcome["years"][0]["total"]["p90"]


def test_absurd_pay_is_a_message_naming_the_item(invoke: Invoke) -> None:
    for spec, message in [
        ("base=-1", "base=-1 must be more than 0"),
        ("base=800k,bonus=25", "bonus=25 is out of range"),
        ("base=800k,vesting=40", "vesting=40 is out of range"),
    ]:
        result = invoke("compare", "--pay", spec)
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error: pay scenario 1: ") and message in result.output
        assert "Traceback" not in result.output


def test_fit_shows_the_ranking_and_three_reasons_without_a_wall_of_quotes(
    invoke: Invoke, tmp_path: Path
) -> None:
    answers = write(tmp_path, BUILDER)
    result = invoke("fit", "--answers", answers, COLUMNS="120")
    assert result.exit_code == 0, result.output
    out = result.output
    day_split = "About 70 percent of a TPM's time"  # the text of tpm-day-split
    assert day_split not in out  # no fact is quoted without --quotes
    assert out.index("Tracks, best fit first") < out.index("Why it fits")
    tpm = out[out.index("1. Technical Program Manager") : out.index("2. ")]
    reasons = tpm[tpm.index("Why it fits") : tpm.index("Risks")]
    assert len(re.findall(r"^ +\+\d  ", reasons, re.M)) == 3  # its three strongest
    assert "and 4 more" in reasons
    assert "Add --quotes" in out
    quoted = invoke("fit", "--answers", answers, "--quotes", COLUMNS="120")
    assert quoted.exit_code == 0, quoted.output
    assert day_split in " ".join(quoted.output.split())
    tpm = quoted.output[quoted.output.index("1. Technical") : quoted.output.index("2. ")]
    assert len(re.findall(r"^ +\+\d  ", tpm, re.M)) == 7 and " more\n" not in tpm


def test_pay_fills_from_the_tracks_pay_structure_and_shows_the_currency(invoke: Invoke) -> None:
    result = invoke("compare", "--pay", "track=pm,base=800k", COLUMNS="160")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Pay: pm (CNY): base 800,000" in out
    assert "From the pack: vesting 4 years from pm-equity-share" in out
    assert "From the pack: amounts in CNY" in out
    # No pm bonus figure in the pack: said, not silently 0%.
    assert "Not in the pack: the pack has no figure for the pm bonus: counted as 0" in out
    data = json.loads(invoke("compare", "--pay", "track=tpm,base=800k", "--json").stdout)
    (tpm,) = data["pay"]
    assert tpm["scenario"]["currency"] == "CNY"
    assert tpm["scenario"]["unknown"] == ["bonus", "equity"]
    assert "tpm bonus or equity" in tpm["scenario"]["gaps"]


def test_pay_with_a_track_alone_shows_its_structure_per_100_of_base(invoke: Invoke) -> None:
    result = invoke("compare", "--pay", "track=pm", COLUMNS="160")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Pay: pm (per 100 of base salary): base 100" in out
    assert "No base given: every amount is per 100 of base salary" in out
    assert "equity 45% of total pay" in out
    data = json.loads(invoke("compare", "--pay", "track=pmm", "--json").stdout)
    (pmm,) = data["pay"]
    assert pmm["scenario"]["per_base"] is True and pmm["scenario"]["base"] == 100
    assert pmm["scenario"]["filled"] == ["bonus"]
    assert pmm["years"][0]["bonus"]["p10"] >= 20 and pmm["years"][0]["bonus"]["p90"] <= 60
    missing = invoke("compare", "--pay", "equity=1m")
    assert missing.exit_code == 2 and "base is missing" in missing.output


def test_sources_are_cited_by_title_everywhere(invoke: Invoke, tmp_path: Path) -> None:
    title = "Alibaba PM vs PMM: Which Role Fits You in 2026?"
    outputs = {
        "compare": invoke("compare", "pm", "pmm", COLUMNS="200"),
        "compare --json": invoke("compare", "pm", "pmm", "--json"),
        "compare --pay": invoke("compare", "--pay", "track=pm", COLUMNS="200"),
        "fit": invoke("fit", "--answers", write(tmp_path, MARKETER), COLUMNS="200"),
        "fit --json": invoke("fit", "--answers", write(tmp_path, MARKETER), "--json"),
        "plan checklist": invoke("plan", "checklist", "--track", "pm", COLUMNS="200"),
    }
    for name, result in outputs.items():
        assert result.exit_code == 0, (name, result.output)
        assert "seeds/" not in result.output, name
        assert title in result.output, name
    assert f"[pm-vs-pmm] {title}\n" in outputs["compare"].output
    assert json.loads(outputs["fit --json"].stdout)["sources"]["pm-vs-pmm"] == title
