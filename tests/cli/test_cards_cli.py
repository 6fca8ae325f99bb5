"""`loopcoach cards`: due counts, a review typed on stdin, and both exports."""

from __future__ import annotations

import csv
import json
import sqlite3
import zipfile
from pathlib import Path

from tests.cli.conftest import Invoke


def test_due_counts_pack_cards(invoke: Invoke) -> None:
    result = invoke("cards", "due", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["due"] == out["total"] == out["new"] > 0
    assert out["brought_forward"] == 0 and out["interview_date"] is None
    assert "due now" in invoke("cards", "due").stdout


def test_review_from_stdin_then_fewer_due(invoke: Invoke) -> None:
    before = json.loads(invoke("cards", "due", "--json").stdout)["due"]
    result = invoke("cards", "review", "--limit", "2", input="\n3\n\nwhat\ne\n")
    assert result.exit_code == 0, result.output
    assert "unknown rating" in result.output
    assert "good: next due" in result.stdout and "easy: next due" in result.stdout
    assert "Reviewed 2 card(s)." in result.stdout
    assert json.loads(invoke("cards", "due", "--json").stdout)["due"] == before - 2


def test_review_stops_at_end_of_input(invoke: Invoke) -> None:
    result = invoke("cards", "review", input="")
    assert result.exit_code == 0, result.output
    assert "Reviewed 0 card(s)." in result.stdout


def test_interview_date_option(invoke: Invoke) -> None:
    result = invoke("cards", "due", "--interview-date", "2099-01-01", "--target", "0.95")
    assert result.exit_code == 0, result.output
    assert "brought forward for the interview on 2099-01-01" in result.stdout
    bad = invoke("cards", "due", "--interview-date", "soon")
    assert bad.exit_code != 0 and "not a date" in bad.output
    assert invoke("cards", "due", "--target", "1.5").exit_code != 0


def test_export_anki_and_csv(invoke: Invoke, tmp_path: Path) -> None:
    apkg, table = tmp_path / "out" / "deck.apkg", tmp_path / "cards.csv"
    result = invoke("cards", "export", "--anki", str(apkg), "--csv", str(table))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(apkg) as z:
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(tmp_path / "c.anki2")
    notes = con.execute("SELECT count(*) FROM notes").fetchone()[0]
    con.close()
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert notes == len(rows) > 0
    assert invoke("cards", "export").exit_code != 0
