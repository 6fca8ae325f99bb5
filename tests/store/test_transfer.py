"""Export and import (`loopcoach.export/1`): complete, validated, idempotent, across databases."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import PG_URL, _postgres_schema_url

from loopcoach.content.index import Content, load_content
from loopcoach.services.cards import CardService
from loopcoach.services.loop import LoopService
from loopcoach.services.loop_script import run_scripted
from loopcoach.services.plan import PlanService
from loopcoach.services.practice import PracticeService
from loopcoach.services.rounds import RoundService
from loopcoach.services.stories import StoryInput, StoryService
from loopcoach.store import Store
from loopcoach.store.transfer import (
    SCHEMA,
    SECTIONS,
    InvalidExport,
    export_file,
    import_file,
    json_schema,
)

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
NOTHING = dict.fromkeys(SECTIONS, 0)
SCHEMA_FILE = (
    Path(__file__).parents[2] / "src" / "loopcoach" / "services" / "data" / "export.schema.json"
)
ANSWER = (
    "I owned the seller onboarding revamp in 2024. Activation was 31% and I set a target of "
    "40% by Q3; we shipped a guided first listing, measured week-one sales, and reached 38%. "
    "I missed the target because I underestimated translation work; next time I would pilot "
    "in one market first. The trade-off was speed versus coverage, and I chose coverage."
)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


def fill(store: Store, content: Content) -> None:
    """What a user keeps: a finished loop, answers with follow-ups, a draft, an unscored one."""
    answers = json.loads((EXAMPLES / "loop-pm-strong.json").read_text(encoding="utf-8"))
    run_scripted(LoopService(store, content), "pm", answers)
    practice = PracticeService(store, content)
    question = practice.question(content.questions(track="pm")[0].id)
    main = practice.submit(question, ANSWER, duration_seconds=95.5)
    practice.submit_follow_up(main.attempt_id, "I would pilot in one market first. Ünïcødé ✓.")
    practice.save_draft(practice.question(content.questions(track="pm")[1].id), "half a thought")
    store.save_attempt(question.new_attempt(), "saved but never scored")
    fill_features(store, content, main.attempt_id)


def fill_features(store: Store, content: Content, attempt_id: int) -> None:
    """What later features keep: a story told by an answer, a plan, a checklist item, cards."""
    stories = StoryService(store, content)
    told = stories.add(StoryInput(title="Seller onboarding", situation=ANSWER, result="38%"))
    stories.tell(told.id, attempt_id)
    plans = PlanService(store, content)
    plan = plans.create(track="pm", interview=TODAY + timedelta(days=10), hours=2.0, today=TODAY)
    plans.mark(plan.items[0].id, "done", now=NOW)
    pack, _ = plans.track("pm")
    plans.mark_checklist("pm", plans.checklist(pack, "pm")[0].id, True)
    cards = CardService(store, content)
    cards.sync(NOW)
    first = store_cards(store)[0]
    cards.review(first.uid, "good", NOW)
    cards.review(first.uid, "again", NOW + timedelta(minutes=5))
    RoundService(store, content).log(
        track="pm",
        round="culture",
        held_on=TODAY - timedelta(days=1),
        feeling=2,
        questions=["Tell me about a time you failed.", "Why Alibaba?"],
        today=TODAY,
        company="Alibaba",
        outcome="rejected",
    )


def store_cards(store: Store) -> list[Any]:
    from loopcoach.store.cards import CardStore

    return CardStore(store).cards()


def exported(store: Store, path: Path) -> dict[str, Any]:
    export_file(store, path)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """An export without the moment it was written: what two databases must agree on."""
    return {k: v for k, v in data.items() if k != "exported_at"}


@pytest.fixture
def full(store: Store, content: Content) -> Store:
    fill(store, content)
    return store


def test_the_export_holds_every_record_and_names_them_by_uid(full: Store, tmp_path: Path) -> None:
    data = exported(full, tmp_path / "out.json")
    assert data["schema"] == SCHEMA and data["user"] == "local"
    attempts, loops = data["attempts"], data["loops"]
    assert len(attempts) == len(full.attempts())
    statuses = {a["status"] for a in attempts}
    assert {"scored", "draft", "saved"} <= statuses
    assert len(loops) == 1 and loops[0]["debrief"] and loops[0]["steps"]
    uids = {a["uid"] for a in attempts}
    follow_ups = [a for a in attempts if a["kind"] == "follow_up"]
    assert follow_ups and all(a["parent"] in uids for a in follow_ups)
    linked = [s["attempt"] for s in loops[0]["steps"] if s["attempt"]]
    assert linked and set(linked) <= uids
    scored = [a for a in attempts if a["status"] == "scored"]
    assert all(a["assessments"] and a["assessments"][0]["payload"] for a in scored)
    (story,) = data["stories"]
    assert story["title"] == "Seller onboarding" and story["scores"]["culture"]
    assert len(story["told"]) == 1 and set(story["told"]) <= uids
    (plan,) = data["plans"]
    assert plan["status"] == "active" and plan["items"]
    assert [i["status"] for i in plan["items"]].count("done") == 1
    assert len(data["checklists"]) == 1 and data["checklists"][0]["track"] == "pm"
    reviewed = [c for c in data["cards"] if c["reviews"]]
    assert len(reviewed) == 1 and [r["rating"] for r in reviewed[0]["reviews"]] == [3, 1]
    assert len(data["cards"]) > 1
    (real,) = data["rounds"]
    assert real["outcome"] == "rejected" and [q["text"] for q in real["questions"]] == [
        "Tell me about a time you failed.",
        "Why Alibaba?",
    ]
    assert "id" not in attempts[0] and "parent_id" not in attempts[0]


def test_a_second_import_adds_nothing(full: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    before = exported(full, path)
    report = import_file(full, path)
    assert report.added == NOTHING
    assert report.present == {name: len(before[name]) for name in SECTIONS}
    assert comparable(exported(full, tmp_path / "again.json")) == comparable(before)


def test_into_an_empty_database_and_again_is_equal(
    full: Store, tmp_path: Path, content: Content
) -> None:
    first = exported(full, tmp_path / "a.json")
    with Store.open(f"sqlite:///{tmp_path / 'b.sqlite3'}") as other:
        report = import_file(other, tmp_path / "a.json")
        assert report.added == {name: len(first[name]) for name in SECTIONS}
        assert import_file(other, tmp_path / "a.json").added == NOTHING
        second = exported(other, tmp_path / "b.json")
        # The imported data works: the loop's debrief is read back, progress counts.
        loop_id = LoopService(other, content).loops.loops(limit=1)[0].id
        assert LoopService(other, content).debrief(loop_id).decision
        assert other.progress().scored == full.progress().scored
    assert comparable(second) == comparable(first)


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="LOOPCOACH_TEST_DATABASE_URL is not set")
def test_round_trip_sqlite_to_postgresql_to_sqlite(tmp_path: Path, content: Content) -> None:
    assert PG_URL
    with Store.open(f"sqlite:///{tmp_path / 'a.sqlite3'}") as source:
        fill(source, content)
        start = exported(source, tmp_path / "a.json")
    pg_urls: Iterator[str] = _postgres_schema_url(PG_URL)
    pg_url = next(pg_urls)
    try:
        with Store.open(pg_url) as pg:
            import_file(pg, tmp_path / "a.json")
            middle = exported(pg, tmp_path / "pg.json")
            assert import_file(pg, tmp_path / "a.json").added == NOTHING
    finally:
        for _ in pg_urls:  # drops the schema
            pass
    with Store.open(f"sqlite:///{tmp_path / 'c.sqlite3'}") as back:
        import_file(back, tmp_path / "pg.json")
        end = exported(back, tmp_path / "c.json")
    assert comparable(middle) == comparable(start)
    assert comparable(end) == comparable(start)


def broken(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_invalid_file_lists_every_problem_and_writes_nothing(
    full: Store, tmp_path: Path
) -> None:
    data = exported(full, tmp_path / "a.json")
    with Store.open(f"sqlite:///{tmp_path / 'empty.sqlite3'}") as empty:
        bad = json.loads(json.dumps(data))
        bad["attempts"][0]["status"] = "finished"
        bad["attempts"][1]["created_at"] = "yesterday"
        bad["attempts"][2]["surprise"] = 1
        bad["attempts"][-1]["parent"] = "f" * 32
        bad["loops"][0]["steps"][0]["attempt"] = "e" * 32
        bad["stories"][0]["told"] = ["d" * 32]
        bad["plans"][0]["items"][0]["kind"] = "nap"
        bad["checklists"].append(dict(bad["checklists"][0]))
        reviewed = next(i for i, c in enumerate(bad["cards"]) if c["reviews"])
        bad["cards"][reviewed]["reviews"][0]["rating"] = 7
        with pytest.raises(InvalidExport) as caught:
            import_file(empty, broken(tmp_path / "bad.json", bad))
        message = str(caught.value)
        assert "nothing was written" in message
        for where in (
            "$.attempts[0].status",
            "$.attempts[1].created_at",
            "$.attempts[2].surprise",
            f"$.attempts[{len(bad['attempts']) - 1}].parent",
            "$.loops[0].steps[0].attempt",
            "$.plans[0].items[0].kind",
            "$.checklists[1]: pm/",
            f"$.cards[{reviewed}].reviews[0].rating",
        ):
            assert where in message, where
        assert empty.attempts() == []
        nothing = exported(empty, tmp_path / "e.json")
        assert all(nothing[name] == [] for name in SECTIONS)
        # A story's link to an unknown attempt is reported once the rest is valid.
        only_story = json.loads(json.dumps(data))
        only_story["stories"][0]["told"] = ["d" * 32]
        with pytest.raises(InvalidExport, match=r"\$\.stories\[0\]\.told\[0\]"):
            import_file(empty, broken(tmp_path / "story.json", only_story))
        assert exported(empty, tmp_path / "e2.json")["attempts"] == []


def test_an_export_from_before_the_later_features_still_imports(
    full: Store, tmp_path: Path
) -> None:
    data = exported(full, tmp_path / "a.json")
    later = ("stories", "plans", "checklists", "cards", "rounds")
    older = {k: v for k, v in data.items() if k not in later}
    with Store.open(f"sqlite:///{tmp_path / 'old.sqlite3'}") as other:
        report = import_file(other, broken(tmp_path / "old.json", older))
        assert report.added["attempts"] == len(data["attempts"]) and report.added["cards"] == 0


def test_reviews_come_back_to_a_fresh_install_that_synced_the_pack_cards(
    full: Store, tmp_path: Path, content: Content
) -> None:
    data = exported(full, tmp_path / "a.json")
    with Store.open(f"sqlite:///{tmp_path / 'fresh.sqlite3'}") as fresh:
        CardService(fresh, content).sync(NOW)  # the new laptop's cards, never reviewed
        fresh_plan = PlanService(fresh, content).create(
            track="pm", interview=TODAY + timedelta(days=20), hours=1.0, today=TODAY
        )
        report = import_file(fresh, tmp_path / "a.json")
        assert report.added["cards"] >= 1  # the reviewed card took the file's history
        back = exported(fresh, tmp_path / "b.json")
        origin = next(c["origin"] for c in data["cards"] if c["reviews"])
        (card,) = [c for c in back["cards"] if c["origin"] == origin]
        assert [r["rating"] for r in card["reviews"]] == [3, 1]
        # The plan in use here stays the active one; the imported one is kept, archived.
        statuses = {p["uid"]: p["status"] for p in back["plans"]}
        assert statuses[fresh_plan.uid] == "active"
        assert statuses[data["plans"][0]["uid"]] == "archived"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"schema": "loopcoach.export/2", "attempts": []}', "loopcoach.export/1"),
        ('{"schema": "loopcoach.export/1", "attempts": [', "not valid JSON"),
        (
            '{"schema": "loopcoach.export/1", "loopcoach_version": "0", '
            '"exported_at": "2026-12-03T10:00:00+00:00", "user": "x", "attempts": [], '
            '"journal": []}',
            "$.journal: unknown section",
        ),
    ],
)
def test_files_that_are_not_exports_are_refused_clearly(
    store: Store, tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "f.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidExport, match=None) as caught:
        import_file(store, path)
    assert expected in str(caught.value)
    assert store.attempts() == []


def test_the_shipped_json_schema_is_the_one_the_code_validates_with() -> None:
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == json_schema(), "run: python scripts/write_export_schema.py"
    assert shipped["title"] == SCHEMA
    assert set(shipped["required"]) >= {"schema", "attempts", "loops"}
