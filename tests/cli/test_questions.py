"""`loopcoach questions list|show` on the fixture pack and the built-in one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

Invoke = Callable[..., Result]


@pytest.fixture
def mini_args(mini_pack_dir: Path) -> list[str]:
    return ["--pack-dir", str(mini_pack_dir)]


def test_list_one_pack(invoke: Invoke, mini_args: list[str]) -> None:
    result = invoke(*mini_args, "questions", "list", "--pack", "mini")
    assert result.exit_code == 0, result.output
    assert "4 question(s)" in result.output
    for qid in ("mini-ps-01", "mini-ps-02", "mini-cu-01", "mini-cu-02"):
        assert qid in result.output


def test_list_by_track_and_round_as_json(invoke: Invoke, mini_args: list[str]) -> None:
    result = invoke(
        *mini_args, "questions", "list", "--pack", "mini", "-t", "pm", "-r", "culture", "--json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [q["id"] for q in data] == ["mini-cu-01", "mini-cu-02"]
    assert data[0]["pack"] == "mini"
    assert data[0]["round"] == "culture"
    assert len(data[0]["probes"]) == 2


def test_list_unknown_track_and_round(invoke: Invoke) -> None:
    result = invoke("questions", "list", "--track", "sales")
    assert result.exit_code == 2
    assert "unknown track 'sales'; valid tracks: pm, pmm, tpm, ds" in result.output
    result = invoke("questions", "list", "--track", "pm", "--round", "lunch")
    assert result.exit_code == 2
    assert "unknown round 'lunch'" in result.output and "technical" in result.output


def test_builtin_pack_has_questions_for_every_track(invoke: Invoke) -> None:
    data = json.loads(invoke("questions", "list", "--json").output)
    tracks = {q["track"] for q in data if q["pack"] == "alibaba"}
    assert tracks <= {"pm", "pmm", "tpm", "ds"}
    assert data, "the built-in pack has no questions"


def test_show(invoke: Invoke, mini_args: list[str]) -> None:
    result = invoke(*mini_args, "questions", "show", "mini-cu-01")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Tell me about a project that missed its goal" in out
    assert "Culture fit" in out and "30 min" in out
    assert "Talking points of a strong answer" in out
    assert "What was the one decision you would take back?" in out
    assert "Blaming the market or other teams" in out


def test_show_json(invoke: Invoke, mini_args: list[str]) -> None:
    result = invoke(*mini_args, "questions", "show", "mini-ps-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["id"] == "mini-ps-01" and data["pack"] == "mini"
    assert data["competencies"] == ["product_sense", "metrics_judgement"]


def test_show_unknown_id(invoke: Invoke) -> None:
    result = invoke("questions", "show", "nope")
    assert result.exit_code == 2
    assert result.output.startswith("error: unknown question id 'nope'; valid question ids:")
    assert "Traceback" not in result.output


def test_questions_alone_lists_the_bank(invoke: Invoke) -> None:
    result = invoke("questions")
    assert result.exit_code == 0, result.output
    assert "pm-technical-01" in result.output
