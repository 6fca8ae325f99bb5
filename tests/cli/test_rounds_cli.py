"""`loopcoach rounds` through the CLI runner: log, list, show, outcome, notes, compare, rm."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.cli.conftest import Invoke

HELD = (date.today() - timedelta(days=2)).isoformat()
LOG = ("rounds", "log", "--track", "pm", "--round", "hiring_manager", "--date", HELD)


def log(invoke: Invoke, *extra: str) -> dict[str, object]:
    r = invoke(*LOG, "--feeling", "2", "-q", "Why this team?", *extra, "--json")
    assert r.exit_code == 0, r.output
    data: dict[str, object] = json.loads(r.output)
    return data


def test_log_list_show_outcome_and_delete(invoke: Invoke) -> None:
    r = invoke(
        *LOG,
        "--feeling",
        "2",
        "--question",
        "Tell me about a launch that failed",
        "--question",
        "What would you do in your first 90 days?",
        "--company",
        "Alibaba",
        "--notes",
        "ran 10 minutes over",
    )
    assert r.exit_code == 0, r.output
    assert "logged real round 1: pm hiring_manager" in r.output and "2 question(s)" in r.output
    listed = invoke("rounds", "list", "--json")
    (only,) = json.loads(listed.output)
    assert only["company"] == "Alibaba" and only["outcome"] == "pending" and only["held_on"] == HELD
    assert [q["text"] for q in only["questions"]][1] == "What would you do in your first 90 days?"
    table = invoke("rounds", "list")
    assert "Alibaba" in table.output and "pending" in table.output
    shown = invoke("rounds", "show", "1")
    assert shown.exit_code == 0
    assert "1. Tell me about a launch that failed" in shown.output
    assert "ran 10 minutes over" in shown.output and "2 of 5 (not well)" in shown.output
    r = invoke("rounds", "outcome", "1", "rejected")
    assert r.exit_code == 0 and "real round 1: rejected" in r.output
    assert json.loads(invoke("rounds", "show", "1", "--json").output)["outcome"] == "rejected"
    r = invoke("rounds", "notes", "1", "the HM pushed on pricing")
    assert r.exit_code == 0
    assert json.loads(invoke("rounds", "show", "1", "--json").output)["notes"] == (
        "the HM pushed on pricing"
    )
    r = invoke("rounds", "rm", "1", input="n\n")
    assert r.exit_code == 1 and len(json.loads(invoke("rounds", "list", "--json").output)) == 1
    r = invoke("rounds", "rm", "1", "--yes")
    assert r.exit_code == 0 and "deleted real round 1" in r.output
    assert json.loads(invoke("rounds", "list", "--json").output) == []
    assert "no real rounds logged yet" in invoke("rounds", "list").output


def test_bad_input_is_one_line_and_exit_code_2(invoke: Invoke) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    cases = [
        (("--track", "nope"), "error: unknown track 'nope'; valid tracks: pm"),
        (("--round", "lunch"), "error: unknown round 'lunch'; valid rounds: screen"),
        (("--date", tomorrow), "is in the future"),
        (("--date", "1 May"), "'1 May' is not a date; write the day it was held as YYYY-MM-DD"),
        (("--feeling", "9"), "how it went is 9; give a number from 1 (badly) to 5"),
        (("-q", "x" * 5001), "question 2 has 5,001 characters; the limit is 5,000"),
    ]
    for extra, message in cases:
        r = invoke(*LOG, "--feeling", "3", "-q", "Why us?", *extra)
        assert r.exit_code == 2, (extra, r.output)
        assert message in r.output, (extra, r.output)
        assert "Traceback" not in r.output
    r = invoke("rounds", "outcome", "1", "passed")
    assert (
        r.exit_code == 2 and "no real round 1; `loopcoach rounds list` shows their ids" in r.output
    )
    log(invoke)
    r = invoke("rounds", "outcome", "1", "ghosted")
    assert r.exit_code == 2
    assert "unknown outcome 'ghosted'; use one of: pending, passed, rejected" in r.output
    assert invoke("rounds", "show", "7").exit_code == 2
    assert invoke("rounds", "rm", "7", "--yes").exit_code == 2
    assert invoke("rounds", "list", "--track", "nope").exit_code == 2


def test_compare_sets_practice_beside_real_rounds(invoke: Invoke) -> None:
    assert "nothing to compare yet" in invoke("rounds", "compare").output
    log(invoke)
    invoke("rounds", "outcome", "1", "rejected")
    rows = json.loads(invoke("rounds", "compare", "--track", "pm", "--json").output)
    hm = next(r for r in rows if r["round"] == "hiring_manager")
    assert hm["real_rounds"] == 1 and hm["outcomes"] == {"rejected": 1}
    assert hm["mean_feeling"] == 2.0 and hm["practice_average"] is None
    table = invoke("rounds", "compare")
    assert "Practice grade beside real outcomes" in table.output and "1 rejected" in table.output


def test_a_logged_round_reaches_the_plan(invoke: Invoke) -> None:
    soon = (date.today() + timedelta(days=14)).isoformat()
    assert invoke("plan", "--track", "pm", "--date", soon, "--tz", "UTC").exit_code == 0
    made = log(invoke, "-q", "How would you grow Xianyu?")
    replanned = invoke("plan", "--json")
    assert replanned.exit_code == 0, replanned.output
    plan = json.loads(replanned.output)
    assert any("How would you grow Xianyu?" in i["title"] for i in plan["items"])
    assert any(f"real round {made['id']}" in line for line in plan["changes"])
