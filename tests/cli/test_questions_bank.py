"""`loopcoach questions --stats|--json`, and questions and practice with two packs sharing `pm`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

Invoke = Callable[..., Result]
FIELDS = {
    "id",
    "pack",
    "track",
    "round",
    "text",
    "competencies",
    "talking_points",
    "probes",
    "pitfalls",
}


def test_stats_json_counts_by_pack_track_and_round(invoke: Invoke) -> None:
    result = invoke("questions", "--stats", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    packs = {p["pack"]: p for p in data["packs"]}
    assert list(packs) == ["alibaba", "bigtech"]
    assert data["questions"] == sum(p["questions"] for p in packs.values())
    alibaba = {t["track"]: t for t in packs["alibaba"]["tracks"]}
    assert list(alibaba) == ["pm", "pmm", "tpm", "ds"]
    for track in alibaba.values():
        assert track["questions"] >= 40
        assert track["questions"] == sum(r["questions"] for r in track["rounds"])
        assert all(r["questions"] > 0 for r in track["rounds"]), track
        # At least a quarter of the questions carry exemplar answers.
        assert track["exemplars"] * 4 >= track["questions"]
    assert [r["round"] for r in alibaba["pm"]["rounds"]] == [
        "screen",
        "hiring_manager",
        "technical",
        "product_sense",
        "culture",
    ]
    assert packs["bigtech"]["tracks"][0]["track"] == "pm"


def test_stats_table(invoke: Invoke) -> None:
    result = invoke("questions", "--stats")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "question(s) by pack, track and round" in out
    for word in ("alibaba", "bigtech", "market_strategy", "all rounds", "all tracks"):
        assert word in out


def test_stats_of_one_pack(invoke: Invoke) -> None:
    data = json.loads(invoke("questions", "--stats", "--json", "--pack", "bigtech").output)
    assert [p["pack"] for p in data["packs"]] == ["bigtech"]
    assert data["questions"] == 12


def test_json_prints_every_question(invoke: Invoke) -> None:
    result = invoke("questions", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    stats = json.loads(invoke("questions", "--stats", "--json").output)
    assert len(data) == stats["questions"]
    assert len({q["id"] for q in data}) == len(data)
    for q in data:
        assert set(q) >= FIELDS, q["id"]
        assert len(q["probes"]) >= 2 and q["talking_points"] and q["pitfalls"]
    assert {q["pack"] for q in data} == {"alibaba", "bigtech"}


def test_json_of_one_pack_and_a_user_pack(invoke: Invoke, mini_pack_dir: Path) -> None:
    data = json.loads(
        invoke("--pack-dir", str(mini_pack_dir), "questions", "--json", "--pack", "mini").output
    )
    assert [q["id"] for q in data] == ["mini-ps-01", "mini-ps-02", "mini-cu-01", "mini-cu-02"]


def test_questions_help_and_pack_alone_lists(invoke: Invoke) -> None:
    # `loopcoach questions` alone lists the bank (it used to exit 2 with help, issue 13).
    result = invoke("questions", "--help")
    assert "--stats" in result.output and "list" in result.output and "show" in result.output
    listed = invoke("questions", "--pack", "bigtech")
    assert listed.exit_code == 0, listed.output
    assert "12 question(s)" in listed.output and "bt-pm-lead-02" in listed.output


def test_unknown_pack(invoke: Invoke) -> None:
    result = invoke("questions", "--stats", "--pack", "nope")
    assert result.exit_code == 2
    assert "unknown pack 'nope'; valid packs: alibaba, bigtech" in result.output


def test_list_track_shared_by_two_packs(invoke: Invoke) -> None:
    result = invoke("questions", "list", "--track", "pm", "--json")
    data = json.loads(result.output)
    assert data and {q["pack"] for q in data} == {"alibaba"}
    table = invoke("questions", "list", "--track", "pm")
    assert "also in pack(s) bigtech; add --pack bigtech" in " ".join(table.output.split())
    other = json.loads(
        invoke("questions", "list", "--track", "pm", "--pack", "bigtech", "--json").output
    )
    assert len(other) == 12 and {q["pack"] for q in other} == {"bigtech"}


def test_list_round_of_the_chosen_packs_loop(invoke: Invoke) -> None:
    result = invoke("questions", "list", "-t", "pm", "-r", "execution")
    assert result.exit_code == 2
    assert "unknown round 'execution'" in result.output
    result = invoke("questions", "list", "-t", "pm", "-r", "execution", "--pack", "bigtech")
    assert result.exit_code == 0, result.output
    assert "3 question(s)" in result.output


ANSWER = (
    "I would size the peak first: 50,000 orders a second at the Double 11 start, "
    "ten times normal. Stock must be exact, so I reserve it with an atomic counter in "
    "the cache and confirm in the database, and I degrade recommendations first. "
    "Success is checkout p99 under 300 ms with zero oversold items."
)


def test_practice_a_shared_track_uses_the_default_pack(invoke: Invoke, tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER)
    args = (
        "practice",
        "-t",
        "pm",
        "-r",
        "technical",
        "--answer-file",
        str(answer),
        "--no-follow-up",
    )
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    assert "pm-technical-" in result.output or "Technical architecture" in result.output
    assert "bt-pm-" not in result.output
    chosen = invoke(*args, "--pack", "bigtech")
    assert chosen.exit_code == 0, chosen.output
    assert "Technical collaboration" in chosen.output


def test_practice_round_only_in_another_packs_loop(invoke: Invoke, tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER)
    result = invoke("practice", "-t", "pm", "-r", "execution", "--answer-file", str(answer))
    assert result.exit_code == 2
    assert "unknown round 'execution'" in result.output
