"""The story bank's service: scoring, suggestions, files, matching, coverage and warnings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from loopcoach.content.index import Content, load_content
from loopcoach.errors import UsageError
from loopcoach.services.practice import PracticeService
from loopcoach.services.stories import StoryInput, StoryService
from loopcoach.services.story_files import StoryFileError, parse_markdown, parse_yaml
from loopcoach.store import Store

OUTAGE = StoryInput(
    title="Checkout outage before Double 11",
    situation="Two weeks before Double 11 our checkout failed load tests at three times "
    "normal traffic, and the launch of the new payment flow was at risk.",
    task="As the PM I owned the launch and had to decide whether to delay it.",
    action="I pulled the payments and inventory teams together, agreed a daily checkpoint, "
    "cut two low-value features and asked for a staged rollout behind a flag.",
    result="We launched on time; checkout conversion rose 4% and errors stayed under 0.1% "
    "at 50k orders per second.",
    reflection="I learned to raise capacity risk earlier; next time I would load test a "
    "month ahead.",
    competencies=("ownership",),
)
SELLERS = StoryInput(
    title="Winning over sellers for a new fee",
    situation="Small sellers on our marketplace threatened to leave when we planned a new fee.",
    action="I interviewed twenty sellers, segmented them by order volume and proposed a "
    "tiered fee with a free first month for small merchants.",
    result="Churn stayed under 2% and fee revenue reached 3 million yuan in a quarter.",
    competencies=("user_empathy",),
)

MARKDOWN = """# Checkout outage

## Situation
Checkout failed load tests.

## Task
Own the launch.

## Action
I pulled the teams together.

## Result
We launched on time.

## Reflection
Test earlier.

## Competencies
- ownership
- Resilience

## Notes
Use for culture rounds.
"""


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content()


@pytest.fixture
def svc(store: Store, content: Content) -> StoryService:
    return StoryService(store, content)


def test_a_story_is_scored_with_both_rubrics_and_keeps_evidence(svc: StoryService) -> None:
    story = svc.add(OUTAGE)
    assert set(story.scores) == {"culture", "hiring_manager"}
    culture = story.scores["culture"]
    assert {c["id"] for c in culture["criteria"]} == {
        "ownership",
        "resilience",
        "reflection",
        "specificity",
    }
    assert any(c["evidence"] for c in culture["criteria"])
    assert "flags" in culture and "flags" in story.scores["hiring_manager"]
    assert story.competencies == ("ownership",)
    assert story.suggested and "ownership" not in story.suggested
    assert svc.get(story.id) == story


def test_suggestions_are_deterministic_and_from_the_pack(svc: StoryService) -> None:
    first = svc.suggest("We cut latency at peak traffic and handled load and concurrency.")
    assert first == svc.suggest("We cut latency at peak traffic and handled load and concurrency.")
    assert "scale_thinking" in [s.competency for s in first]
    assert svc.suggest("") == []


def test_a_story_needs_a_title_and_its_parts(svc: StoryService) -> None:
    with pytest.raises(UsageError, match="title"):
        svc.add(StoryInput(title=" ", situation="x"))
    with pytest.raises(UsageError, match="empty"):
        svc.add(StoryInput(title="Nothing"))
    with pytest.raises(UsageError, match="competency"):
        svc.add(StoryInput(title="t", action="a", competencies=("telepathy",)))


def test_edit_keeps_other_fields_and_rescores(svc: StoryService) -> None:
    story = svc.add(OUTAGE)
    edited = svc.edit(story.id, {"result": "We shipped late.", "competencies": ["Resilience"]})
    assert edited.situation == OUTAGE.situation
    assert edited.result == "We shipped late."
    assert edited.competencies == ("resilience",)
    assert edited.scores != story.scores
    assert edited.uid == story.uid


def test_stories_belong_to_their_user(svc: StoryService, store: Store, content: Content) -> None:
    story = svc.add(OUTAGE)
    other = StoryService(store.for_user("someone-else"), content)
    assert other.all_stories() == []
    with pytest.raises(UsageError, match="no story"):
        other.get(story.id)
    with pytest.raises(UsageError, match="no story"):
        other.remove(story.id)


def test_match_ranks_with_reasons_the_same_every_time(svc: StoryService) -> None:
    outage, sellers = svc.add(OUTAGE), svc.add(SELLERS)
    q = "Tell me about a time a launch was at risk from traffic at peak and you owned the fix."
    ranked = svc.match(q)
    assert [m.story.id for m in ranked] == [outage.id, sellers.id]
    assert ranked == svc.match(q)
    assert any("closeness in meaning" in r for r in ranked[0].reasons)
    seller_q = "How did you understand what small merchants needed before changing fees?"
    assert svc.match(seller_q)[0].story.id == sellers.id


def test_match_a_pack_question_uses_its_competencies(svc: StoryService, content: Content) -> None:
    svc.add(OUTAGE)
    q = next(q for q in content.questions(track="pm") if "ownership" in q.competencies)
    top = svc.match(question_id=q.id)[0]
    assert "ownership" in top.competencies
    assert any("ownership" in r and "it tests" in r for r in top.reasons)
    with pytest.raises(UsageError):
        svc.match("  ")


def test_coverage_marks_gaps_and_who_covers_what(svc: StoryService, content: Content) -> None:
    empty = svc.coverage("pm")
    loop_comps = {c for r in content.track("pm").loop for c in r.competencies}
    assert set(empty.gaps) == loop_comps
    story = svc.add(OUTAGE)
    cov = svc.coverage("pm")
    assert cov.cells["ownership"] == {story.id: "yours"}
    assert "ownership" not in cov.gaps
    assert all(story.id in r.stories for r in cov.rounds if "ownership" in r.competencies)
    data = cov.to_json()
    assert data["gaps"] == list(cov.gaps)


def test_warnings_for_a_story_told_too_often_or_stretched(
    svc: StoryService, store: Store, content: Content
) -> None:
    story = svc.add(OUTAGE)
    stretched = [w for w in svc.warnings("pm") if w.kind == "stretched"]
    assert [w.story_id for w in stretched] == [story.id]  # the only story: best for every round
    practice = PracticeService(store, content)
    q = practice.choose(track="pm", round="culture")
    for _ in range(4):
        attempt_id = store.save_attempt(q.new_attempt(), "I owned the launch.")
        svc.tell(story.id, attempt_id)
    told = [w for w in svc.warnings("pm") if w.kind == "told"]
    assert told and "4 attempts" in told[0].message
    assert len(svc.get(story.id).told_in) == 4


def test_deleting_a_story_removes_it_and_its_links(svc: StoryService, store: Store) -> None:
    story = svc.add(OUTAGE)
    attempt_id = store.save_attempt(
        PracticeService(store, svc.content).choose(track="pm").new_attempt(), "an answer"
    )
    svc.tell(story.id, attempt_id)
    svc.remove(story.id)
    assert svc.all_stories() == []
    assert svc.bank.story_of(attempt_id) is None
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM attempt_stories")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM stories")).scalar() == 0


def test_deleting_an_attempt_drops_its_link(svc: StoryService, store: Store) -> None:
    story = svc.add(OUTAGE)
    q = PracticeService(store, svc.content).choose(track="pm")
    attempt_id = store.save_attempt(q.new_attempt(), "an answer")
    svc.tell(story.id, attempt_id)
    store.delete_attempt(attempt_id)
    assert svc.get(story.id).told_in == ()
    with pytest.raises(UsageError, match="no attempt"):
        svc.tell(story.id, attempt_id)


def test_markdown_round_trip_and_import_updates_by_uid(svc: StoryService, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "outage.md").write_text(MARKDOWN, encoding="utf-8")
    [(story, how)] = svc.import_files([tmp_path / "in"])
    assert how == "added"
    assert story.competencies == ("ownership", "resilience")
    assert story.notes == "Use for culture rounds."
    for fmt in ("md", "yaml"):
        [path] = svc.export_files(tmp_path / fmt, fmt)
        [(again, how)] = svc.import_files([path])
        assert (again.id, how) == (story.id, "updated")
        assert (again.title, again.action, again.competencies) == (
            story.title,
            story.action,
            story.competencies,
        )
    assert len(svc.all_stories()) == 1


def _check(value: str) -> str:
    if value.lower() not in ("ownership", "resilience"):
        raise UsageError(f"unknown competency {value!r}")
    return value.lower()


@pytest.mark.parametrize(
    ("source", "where", "fix"),
    [
        ("## Situation\nx\n", "line 1", "start the file with `# `"),
        ("# T\n## Situaton\nx\n", "line 2", "use one of"),
        ("# T\n## Situation\na\n## Situation\nb\n", "line 4", "merge"),
        ("# T\nstray text\n## Situation\nx\n", "line 2", "section"),
        ("# T\n## Situation\ns\n## Action\na\n", "", "## Result"),
        ("# T\n## Situation\ns\n## Competencies\n- telepathy\n", "line 5", "competency"),
    ],
)
def test_markdown_errors_name_the_line_and_the_fix(source: str, where: str, fix: str) -> None:
    with pytest.raises(StoryFileError) as info:
        parse_markdown(source, "story.md", _check)
    assert info.value.where == where
    assert fix in str(info.value)
    assert str(info.value).startswith("story.md")


@pytest.mark.parametrize(
    ("source", "where", "fix"),
    [
        ("title: T\nsituation: [unclosed\n", "line", "YAML syntax"),
        ("- a list\n", "", "top-level keys"),
        ("title: T\nsituaton: x\n", "line 2 (situaton)", "use one of"),
        (
            "title: T\nsituation: s\naction: a\nresult: r\ncompetencies: ownership\n",
            "line 5",
            "list",
        ),
        ("title: T\nsituation: s\naction: a\n", "", "`result:`"),
        ("title: T\nsituation: {a: 1}\n", "line 2 (situation)", "string"),
    ],
)
def test_yaml_errors_name_the_key_and_the_fix(source: str, where: str, fix: str) -> None:
    with pytest.raises(StoryFileError) as info:
        parse_yaml(source, "story.yaml", _check)
    assert info.value.where.startswith(where)
    assert fix in str(info.value)


def test_a_bad_file_in_an_import_writes_nothing(svc: StoryService, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "b.md").write_text("# T\n## Nope\n", encoding="utf-8")
    with pytest.raises(StoryFileError, match=r"b\.md:line 2"):
        svc.import_files([tmp_path])
    assert svc.all_stories() == []
    with pytest.raises(StoryFileError, match=r"name it \.md or \.yaml"):
        svc.import_files([tmp_path / "notes.txt"])
