"""Cards: pack and miss cards synced once, FSRS review with an injected clock, the
interview date bringing fading cards forward, and the Anki and CSV exports read back."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from loopcoach.content.index import Content
from loopcoach.errors import UsageError
from loopcoach.scoring.types import (
    Assessment,
    Coverage,
    CriterionScore,
    Flag,
    PointCoverage,
    Span,
    decision_for,
)
from loopcoach.services.cards import CardService, anki_id, export_anki, export_csv, parse_rating
from loopcoach.services.practice import PracticeService
from loopcoach.store import Store

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def cards(store: Store, mini_content: Content) -> CardService:
    return CardService(store, mini_content)


def plant_miss(store: Store, content: Content) -> int:
    """A scored attempt that left one talking point uncovered and raised a red flag."""
    practice = PracticeService(store, content)
    q = practice.question(next(iter(content.pack().questions)))
    attempt_id = store.save_attempt(q.new_attempt(), "We shipped it; the market was bad.")
    store.save_assessment(
        attempt_id,
        Assessment(
            track=q.track,
            round=q.round,
            overall=2.0,
            decision=decision_for(2.0),
            criteria=(CriterionScore("ownership", 2, (), "note"),),
            flags=(Flag("blames_external", (Span(12, 34, "the market was bad"),), "blames"),),
            strengths=(),
            improvements=(),
            follow_up="Why?",
            scorer_version="test",
            coverage=Coverage(
                0.5,
                (
                    PointCoverage("Name the metric you moved", False, 0.1, ()),
                    PointCoverage("Say what you did", True, 0.9, ()),
                ),
            ),
        ),
    )
    return attempt_id


def test_pack_cards_are_synced_once(cards: CardService, mini_content: Content) -> None:
    first = cards.sync(NOW)
    assert first.pack == len(mini_content.pack().cards) == 2
    assert cards.sync(NOW + timedelta(days=1)).pack == 0
    uids = [c.uid for c in cards.cards.cards()]
    assert len(uids) == 2
    assert [c.uid for c in cards.cards.cards()] == uids


def test_miss_cards_from_uncovered_points_and_flags(
    cards: CardService, store: Store, mini_content: Content
) -> None:
    attempt_id = plant_miss(store, mini_content)
    assert cards.sync(NOW).miss == 2
    misses = [c for c in cards.cards.cards() if c.source == "miss"]
    point = next(c for c in misses if c.miss == "Name the metric you moved")
    assert "leave out" in point.front and "Name the metric you moved" in point.back
    assert f"attempt {attempt_id}" in point.back
    flag = next(c for c in misses if c.miss == "blames_external")
    assert "Red flag" in flag.front and "the market was bad" in flag.back
    # Idempotent: one card per attempt and point, however often it syncs.
    assert cards.sync(NOW).miss == 0
    cards.cards.miss_watermark()
    assert len([c for c in cards.cards.cards() if c.source == "miss"]) == 2


def test_review_reschedules_and_logs(cards: CardService) -> None:
    queue = cards.queue(NOW)
    assert queue.due == 2 and queue.new == 2 and queue.total == 2
    first = queue.first()
    assert first is not None
    after = cards.review(first.card.uid, "good", NOW)
    assert after.due > NOW
    again = cards.review(first.card.uid, 3, after.due)
    assert again.due - after.due > timedelta(days=1)
    logs = cards.cards.reviews(first.card.id)
    assert [r.rating for r in logs] == [3, 3]
    assert logs[0].log["rating"] == 3
    assert cards.queue(NOW + timedelta(seconds=1)).due == 1


def test_review_is_deterministic(database_url: str, tmp_path: Path, mini_content: Content) -> None:
    dues = []
    for n in range(2):
        url = database_url if n == 0 else f"sqlite:///{tmp_path / 'other.sqlite3'}"
        with Store.open(url) as s:
            svc = CardService(s, mini_content)
            svc.sync(NOW)
            c = svc.cards.cards()[0]
            t = NOW
            for rating in ("good", "good", "hard", "easy"):
                t = svc.review(c.uid, rating, t).due
            dues.append(t)
    assert dues[0] == dues[1]


def test_unknown_rating_and_card(cards: CardService) -> None:
    cards.sync(NOW)
    with pytest.raises(UsageError):
        parse_rating("maybe")
    with pytest.raises(UsageError):
        cards.review("0" * 32, 3, NOW)
    assert parse_rating("e") == 4 and parse_rating("1") == 1


def test_interview_date_brings_fading_cards_forward(cards: CardService) -> None:
    cards.sync(NOW)
    last = NOW
    for card in cards.cards.cards():
        t = NOW
        for _ in range(3):
            last = max(last, t)
            t = cards.review(card.uid, "good", t).due
    now = last + timedelta(minutes=1)
    soonest = min(c.due for c in cards.cards.cards())
    assert soonest - now > timedelta(days=3)
    plain = cards.queue(now)
    assert plain.due == 0 and plain.brought_forward == 0
    # The interview comes before the cards are due again; a target above what they keep.
    interview = (soonest - timedelta(days=1)).date()
    forward = cards.queue(now, interview_date=interview, target=0.99)
    assert forward.brought_forward == 2 and forward.due == 0
    assert all(c.brought_forward for c in forward.cards)
    recalls = [c.recall_at_interview for c in forward.cards]
    assert all(r is not None and r < 0.99 for r in recalls)
    assert recalls == sorted(recalls)  # the weakest first
    # A past interview, or a target the cards keep, brings nothing forward.
    assert cards.queue(now, interview_date=date(2020, 1, 1), target=0.99).brought_forward == 0
    assert cards.queue(now, interview_date=interview, target=0.5).brought_forward == 0


def _collection(path: Path, tmp_path: Path) -> list[tuple[int, str, int]]:
    with zipfile.ZipFile(path) as z:
        assert "collection.anki2" in z.namelist()
        target = tmp_path / f"{path.stem}.anki2"
        target.write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(target)
    try:
        return sorted(con.execute("SELECT id, guid, mid FROM notes").fetchall())
    finally:
        con.close()


def test_anki_export_has_stable_ids(
    cards: CardService, store: Store, mini_content: Content, tmp_path: Path
) -> None:
    plant_miss(store, mini_content)
    one, two = tmp_path / "one.apkg", tmp_path / "two.apkg"
    assert export_anki(cards, one, NOW) == 4
    assert export_anki(cards, two, NOW + timedelta(days=3)) == 4
    notes_one, notes_two = _collection(one, tmp_path), _collection(two, tmp_path)
    assert len(notes_one) == 4
    assert notes_one == notes_two
    assert {mid for _, _, mid in notes_one} == {anki_id("model", store.user)}
    assert anki_id("note", "local", "x") != anki_id("note", "other", "x")


def test_csv_export(cards: CardService, tmp_path: Path) -> None:
    cards.sync(NOW)
    first = cards.cards.cards()[0]
    cards.review(first.uid, "again", NOW)
    out = tmp_path / "cards.csv"
    assert export_csv(cards, out, NOW) == 2
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["uid"] for r in rows} == {c.uid for c in cards.cards.cards()}
    assert next(r for r in rows if r["uid"] == first.uid)["reviews"] == "1"


def test_deleting_an_attempt_deletes_its_miss_cards(
    cards: CardService, store: Store, mini_content: Content
) -> None:
    attempt_id = plant_miss(store, mini_content)
    cards.sync(NOW)
    miss = next(c for c in cards.cards.cards() if c.source == "miss")
    cards.review(miss.uid, "again", NOW)
    assert store.delete_attempt(attempt_id)
    assert [c.source for c in cards.cards.cards()] == ["pack", "pack"]
    assert cards.cards.reviews() == []
