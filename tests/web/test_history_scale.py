"""History pages and progress figures computed in SQL agree with plain Python over the same rows.

A few hundred attempts are written straight into the tables (ties in created_at,
drafts, errors, follow-ups, rescored answers, custom questions and another user's
attempts included); every page and figure is then checked against a direct
computation over all the user's attempts, the way the store worked before it
paginated and aggregated in the database.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import insert

from loopcoach.content.index import Content
from loopcoach.scoring.types import Assessment, CriterionScore, decision_for
from loopcoach.services import dashboard
from loopcoach.store import Store, db
from loopcoach.store.models import AssessmentRow, Attempt
from loopcoach.store.records import AttemptRecord, Progress, Stat

START = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
CUSTOM = ("Tell me about a launch you would redo.", "Sell me this pen.")


def payload(track: str, round: str, overall: float) -> dict[str, Any]:
    return Assessment(
        track=track,
        round=round,
        overall=overall,
        decision=decision_for(overall),
        criteria=(CriterionScore("ownership", 2, (), "Some ownership."),),
        flags=(),
        strengths=(),
        improvements=(),
        follow_up="What would you do differently?",
        scorer_version="test",
    ).to_json()


def seed(store: Store, content: Content, n: int, seed_value: int = 3) -> None:
    """`n` attempts of this store's user over about 40 days (with gaps), and a few of another's."""
    rng = random.Random(seed_value)
    questions = content.questions()[::4]  # every track and round
    attempts: list[dict[str, Any]] = []
    assessments: list[dict[str, Any]] = []
    when = START
    mains: dict[str, int] = {}
    for i in range(1, n + 1):
        if rng.random() > 0.15:  # the rest share the previous attempt's timestamp
            when += timedelta(hours=rng.choice((1, 3, 7, 20, 60)))
        q = rng.choice(questions)
        custom = rng.random() < 0.08
        status = rng.choices(("scored", "saved", "error", "draft"), (80, 8, 4, 8))[0]
        parent = mains.get(q.id) if not custom and rng.random() < 0.12 else None
        attempts.append(
            {
                "id": i,
                "user": "other" if i % 23 == 0 else store.user,
                "created_at": when,
                "updated_at": when,
                "status": status,
                "track": q.track,
                "round": q.round,
                "pack": None if custom else "alibaba",
                "question_id": None if custom else q.id,
                "question": rng.choice(CUSTOM) if custom else q.text,
                "competencies": list(q.competencies),
                "answer": f"answer {i}",
                "kind": "follow_up" if parent else "main",
                "parent_id": parent,
                "duration_seconds": None,
                "error": "boom" if status == "error" else None,
            }
        )
        if status == "scored":
            for _ in range(2 if rng.random() < 0.1 else 1):  # some are scored twice
                overall = round(rng.uniform(1.0, 4.0), 2)
                assessments.append(
                    {
                        "attempt_id": i,
                        "created_at": when,
                        "scorer_version": "test",
                        "overall": overall,
                        "decision": decision_for(overall),
                        "payload": payload(q.track, q.round, overall),
                    }
                )
            if not parent and not custom:
                mains[q.id] = i
    with store.engine.begin() as conn:
        conn.execute(insert(Attempt.__table__), attempts)
        conn.execute(insert(AssessmentRow.__table__), assessments)


# -- the reference: plain Python over every attempt -------------------------------------


def stat(grades: Sequence[float]) -> Stat:
    return Stat(len(grades), sum(grades) / len(grades), grades[-1], max(grades))


def python_progress(attempts: list[AttemptRecord]) -> Progress:
    ordered = sorted(attempts, key=lambda a: (a.created_at, a.id))
    by: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for a in ordered:
        if a.status == "scored" and a.assessment is not None:
            by["tracks"][a.track].append(a.assessment.overall)
            by["rounds"][f"{a.track}/{a.round}"].append(a.assessment.overall)
            for c in dict.fromkeys(a.competencies):
                by["competencies"][c].append(a.assessment.overall)
    return Progress(
        competencies={k: stat(v) for k, v in by["competencies"].items()},
        tracks={k: stat(v) for k, v in by["tracks"].items()},
        rounds={k: stat(v) for k, v in by["rounds"].items()},
        attempts=sum(1 for a in attempts if a.status != "draft"),
        scored=sum(1 for a in attempts if a.status == "scored" and a.assessment is not None),
    )


def python_previous(attempts: list[AttemptRecord]) -> dict[int, int]:
    previous: dict[int, int] = {}
    last_seen: dict[str, int] = {}
    for a in sorted(attempts, key=lambda a: (a.created_at, a.id)):
        if a.kind != "main" or a.assessment is None:
            continue
        key = a.question_id or a.question
        if key in last_seen:
            previous[a.id] = last_seen[key]
        last_seen[key] = a.id
    return previous


def matching(attempts: list[AttemptRecord], **filters: str) -> list[AttemptRecord]:
    def keep(a: AttemptRecord) -> bool:
        return (
            (not filters.get("track") or a.track == filters["track"])
            and (not filters.get("round") or a.round == filters["round"])
            and (not filters.get("status") or a.status == filters["status"])
            and (not filters.get("competency") or filters["competency"] in a.competencies)
        )

    newest_first = sorted(attempts, key=lambda a: (a.created_at, a.id), reverse=True)
    return [a for a in newest_first if keep(a)]


def assert_same_progress(got: Progress, want: Progress) -> None:
    assert (got.attempts, got.scored) == (want.attempts, want.scored)
    for part in ("competencies", "tracks", "rounds"):
        mine, theirs = getattr(got, part), getattr(want, part)
        assert set(mine) == set(theirs), part
        for k, s in theirs.items():
            assert (mine[k].attempts, mine[k].last, mine[k].best) == (s.attempts, s.last, s.best)
            assert mine[k].average == pytest.approx(s.average, rel=1e-12, abs=1e-12)
    assert got.weakest(5) == want.weakest(5)


# -- the store, on SQLite and on PostgreSQL when its URL is set ---------------------------


@pytest.fixture
def seeded(store: Store, builtin_content: Content) -> Store:
    seed(store, builtin_content, 320)
    return store


def test_progress_and_counts_in_sql_match_python(seeded: Store) -> None:
    everything = seeded.attempts()
    for track in (None, "pm", "ds", "tpm"):
        mine = [a for a in everything if not track or a.track == track]
        assert_same_progress(seeded.progress(track), python_progress(mine))
        counts: dict[str, int] = defaultdict(int)
        for a in mine:
            if a.kind == "main" and a.status != "draft" and a.question_id:
                counts[a.question_id] += 1
        assert seeded.question_attempt_counts(track) == dict(counts)


@pytest.mark.parametrize("chunk", [1000, 7])
def test_recent_grades_are_the_tail_of_each_series(
    seeded: Store, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small chunks read the attempts a few at a time, then ask about rare competencies alone.
    monkeypatch.setattr(db, "CHUNK", chunk)
    monkeypatch.setattr(db, "WALK", chunk * 5)
    everything = seeded.attempts(oldest_first=True)
    for track in (None, "pm"):
        progress = seeded.progress(track)
        full = dashboard.competency_series(everything, track)
        for n in (1, 7, 1000):
            got = dashboard.recent_series(seeded, progress, track, per_competency=n)
            assert got == {c: points[-n:] for c, points in full.items()}


def test_streak_in_sql_matches_python(seeded: Store) -> None:
    everything = seeded.attempts()
    days = sorted({a.created_at.date() for a in everything})
    for track in (None, "pm"):
        mine = [a for a in everything if not track or a.track == track]
        for today in (*days[-3:], days[-1] + timedelta(days=1), days[-1] + timedelta(days=5)):
            assert dashboard.streak_days(seeded, today, track) == dashboard.streak(mine, today)
    # A streak longer than the span the store is asked about at once, for another user.
    runner = seeded.for_user("runner")
    first = date(2024, 1, 1)
    days_run = dashboard.SPAN * 2 + 5
    with runner.engine.begin() as conn:
        conn.execute(
            insert(Attempt.__table__),
            [
                {
                    "id": 100_000 + i,
                    "user": "runner",
                    "created_at": datetime(d.year, d.month, d.day, 23, 59, tzinfo=UTC),
                    "updated_at": datetime(d.year, d.month, d.day, 23, 59, tzinfo=UTC),
                    "status": "saved",
                    "track": "pm",
                    "round": "culture",
                    "question": "Q?",
                    "competencies": ["ownership"],
                    "answer": "a",
                    "kind": "main",
                }
                for i, d in ((i, first + timedelta(days=i)) for i in range(days_run))
            ],
        )
    last = first + timedelta(days=days_run - 1)
    assert dashboard.streak_days(runner, last) == days_run
    assert dashboard.streak_days(runner, last + timedelta(days=1)) == days_run
    assert dashboard.streak_days(runner, last + timedelta(days=2)) == 0
    assert dashboard.streak_days(runner, last, track="ds") == 0


def test_attempt_pages_cover_every_attempt_once(seeded: Store) -> None:
    everything = seeded.attempts()
    previous = python_previous(everything)
    for filters in (
        {},
        {"track": "pm"},
        {"status": "scored"},
        {"competency": "ownership"},
        {"track": "pm", "round": "technical", "status": "scored"},
    ):
        want = matching(everything, **filters)
        seen: list[int] = []
        page = 1
        while True:
            got = seeded.attempt_page(page, 25, **filters)
            assert got.total == len(want) and got.page == page
            seen += [a.id for a in got.items]
            for a in got.items:
                assert a.previous_id == previous.get(a.id)
            if page >= got.pages:
                break
            page += 1
        assert seen == [a.id for a in want]
        beyond = seeded.attempt_page(10_000, 25, **filters)
        assert beyond.page == max(1, -(-len(want) // 25))


def test_attempts_by_offset_and_cursor(seeded: Store) -> None:
    for filters in ({}, {"competency": "ownership", "status": "scored"}):
        want = [a.id for a in seeded.attempts(**filters)]
        assert seeded.count_attempts(**filters) == len(want)
        by_offset = [
            a.id
            for start in range(0, len(want) + 40, 40)
            for a in seeded.attempts(limit=40, offset=start, **filters)
        ]
        by_cursor: list[int] = []
        while True:
            chunk = seeded.attempts(
                limit=40,
                before=by_cursor[-1] if by_cursor else None,
                **filters,
            )
            if not chunk:
                break
            by_cursor += [a.id for a in chunk]
        assert by_offset == by_cursor == want


# -- the pages and the API, over HTTP ------------------------------------------------------


@pytest.fixture
def app_store(web_app: FastAPI, builtin_content: Content) -> Store:
    store: Store = web_app.state.web.store
    seed(store, builtin_content, 260)
    return store


def test_history_pages_keep_filters_and_cover_every_attempt(
    client: TestClient, app_store: Store
) -> None:
    everything = app_store.attempts()
    previous = python_previous(everything)
    for filters in ({}, {"track": "pm", "status": "scored"}, {"competency": "ownership"}):
        want = matching(everything, **filters)
        seen: list[int] = []
        url: str | None = "/history"
        params: dict[str, str] | None = filters
        while url:
            page = client.get(url, params=params)
            assert page.status_code == 200
            ids = [int(i) for i in re.findall(r'name="ids" value="(\d+)"', page.text)]
            assert len(ids) <= 50
            seen += ids
            for a in ids:
                if a in previous:
                    assert f"What changed since #{previous[a]}<" in page.text
            if len(want) > 50:
                assert f"of {len(want)} attempt(s)" in page.text
            older = re.search(r'href="([^"]+)" rel="next"', page.text)
            url, params = (older.group(1).replace("&amp;", "&"), None) if older else (None, None)
            if url:
                assert all(f"{k}={v}" in url for k, v in filters.items())
        assert seen == [a.id for a in want]
    last = client.get("/history", params={"page": "99999"})
    assert 'rel="prev"' in last.text and 'rel="next"' not in last.text
    assert client.get("/history", params={"page": "nonsense"}).status_code == 200


def test_api_lists_attempts_a_page_at_a_time(client: TestClient, app_store: Store) -> None:
    want = [a.id for a in app_store.attempts(track="pm")]
    seen: list[int] = []
    offset = 0
    while True:
        got = client.get("/api/v1/attempts", params={"track": "pm", "limit": 30, "offset": offset})
        body = got.json()
        assert got.status_code == 200 and body["total"] == len(want)
        if not body["items"]:
            break
        seen += [a["id"] for a in body["items"]]
        offset += 30
    assert seen == want
    cursor = client.get("/api/v1/attempts", params={"track": "pm", "before": want[29]}).json()
    assert [a["id"] for a in cursor["items"]] == want[30:80]
    assert client.get("/api/v1/attempts", params={"limit": 1001}).status_code == 422
    assert client.get("/api/v1/attempts", params={"limit": 1000}).status_code == 200
    spec = client.get("/openapi.json").json()["paths"]["/api/v1/attempts"]["get"]
    assert {"limit", "offset", "before"} <= {p["name"] for p in spec["parameters"]}
    assert "before" in spec["description"]


def test_progress_api_caps_series_and_matches_python(client: TestClient, app_store: Store) -> None:
    everything = app_store.attempts()
    got = client.get("/api/v1/progress", params={"points": 5}).json()
    want = python_progress(everything)
    assert (got["attempts"], got["scored"]) == (want.attempts, want.scored)
    assert got["competencies"] == want.to_json()["competencies"]
    full = dashboard.competency_series(everything)
    assert got["series"] == {
        c: [{"attempt_id": p.attempt_id, "when": p.when, "grade": p.grade} for p in points[-5:]]
        for c, points in sorted(full.items())
    }
    page = client.get("/progress")
    assert page.status_code == 200 and "the latest 50 at most" in page.text
