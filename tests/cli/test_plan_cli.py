"""`loopcoach plan` through the CLI runner: make, show, re-plan, tick off, export, refuse."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar
from tests.cli.conftest import Invoke

SOON = (date.today() + timedelta(days=14)).isoformat()


def test_make_show_tick_off_and_replan(invoke: Invoke) -> None:
    r = invoke("plan", "--track", "pm", "--date", SOON, "--hours", "2", "--tz", "Europe/Paris")
    assert r.exit_code == 0, r.output
    assert "Prep plan for pm" in r.output and "Europe/Paris" in r.output
    shown = json.loads(invoke("plan", "show", "--json").output)
    assert shown["interview_date"] == SOON and shown["timezone"] == "Europe/Paris"
    first, second = shown["items"][0], shown["items"][1]
    assert first["kind"] == "story"
    r = invoke("plan", "done", str(first["id"]))
    assert r.exit_code == 0 and f"done: {first['id']}" in r.output
    r = invoke("plan", "skip", str(second["id"]))
    assert r.exit_code == 0 and "skipped" in r.output
    r = invoke("plan")
    assert r.exit_code == 0, r.output
    assert "What changed" in r.output
    replanned = json.loads(invoke("plan", "--json").output)
    statuses = {i["id"]: i["status"] for i in replanned["items"]}
    assert statuses[first["id"]] == "done" and statuses[second["id"]] == "skipped"
    assert replanned["progress"]["done"] == 1
    assert replanned["changes"]


def test_changing_one_option_keeps_the_others(invoke: Invoke) -> None:
    invoke("plan", "--track", "ds", "--date", SOON, "--hours", "1.5", "--tz", "Asia/Shanghai")
    r = invoke("plan", "--hours", "3", "--json")
    assert r.exit_code == 0, r.output
    plan = json.loads(r.output)
    assert (plan["track"], plan["hours_per_day"], plan["timezone"]) == ("ds", 3.0, "Asia/Shanghai")


def test_export_writes_a_calendar(invoke: Invoke, tmp_path: Path) -> None:
    invoke("plan", "--track", "pm", "--date", SOON, "--tz", "Europe/Paris", "--start", "08:00")
    out = tmp_path / "cal" / "plan.ics"
    r = invoke("plan", "export", "--ics", str(out))
    assert r.exit_code == 0, r.output
    cal = Calendar.from_ical(out.read_bytes())
    events = cal.walk("VEVENT")
    plan = json.loads(invoke("plan", "show", "--json").output)
    assert len(events) == len(plan["items"])
    assert f"wrote {len(events)} sessions" in r.output
    assert str(events[0]["DTSTART"].params["TZID"]) == "Europe/Paris"
    assert events[0].decoded("DTSTART").hour == 8


def test_checklist_ticked_off_from_the_cli(invoke: Invoke) -> None:
    invoke("plan", "--track", "pm", "--date", SOON)
    r = invoke("plan", "checklist", "--done", "pm-cloud-design")
    assert r.exit_code == 0, r.output
    assert "[x] pm-cloud-design" in r.output and "1 of" in r.output
    items = json.loads(invoke("plan", "checklist", "--json").output)
    assert next(i for i in items if i["id"] == "pm-cloud-design")["done_at"]
    plan = json.loads(invoke("plan", "--json").output)
    assert not any(
        i["checklist_item"] == "pm-cloud-design" and i["status"] == "planned" for i in plan["items"]
    )
    r = invoke("plan", "checklist", "--undo", "pm-cloud-design")
    assert "[ ] pm-cloud-design" in r.output
    r = invoke("plan", "checklist", "--done", "nope")
    assert r.exit_code == 2 and "unknown checklist item" in r.output


def test_bad_input_is_a_clear_message(invoke: Invoke) -> None:
    past = (date.today() - timedelta(days=1)).isoformat()
    far = (date.today() + timedelta(days=400)).isoformat()
    cases = [
        (["--track", "pm", "--date", past], "is not in the future"),
        (["--track", "pm", "--date", far], "more than a year away"),
        (["--track", "pm", "--date", SOON, "--hours", "0.2"], "outside 0.5 to 12"),
        (["--track", "pm", "--date", SOON, "--hours", "13"], "outside 0.5 to 12"),
        (["--track", "nope", "--date", SOON], "unknown track 'nope'"),
        (["--track", "pm", "--date", "20/12/2026"], "write it as YYYY-MM-DD"),
        (["--track", "pm", "--date", SOON, "--tz", "Nowhere/Here"], "unknown time zone"),
        (["--track", "pm", "--date", SOON, "--start", "25:00"], "HH:MM"),
        (["--hours", "2"], "needs --track and --date"),
    ]
    for args, message in cases:
        r = invoke("plan", *args)
        assert r.exit_code == 2, (args, r.output)
        assert message in r.output, (args, r.output)
        assert "Traceback" not in r.output
    for args in (["plan"], ["plan", "show"], ["plan", "done", "1"]):
        r = invoke(*args)
        assert r.exit_code == 2 and "no plan yet" in r.output
