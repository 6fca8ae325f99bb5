"""`loopcoach fit` and `loopcoach compare` end to end."""

from __future__ import annotations

import json
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
