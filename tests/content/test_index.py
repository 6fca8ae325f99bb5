"""Content with several packs: one default, shared track ids resolved to one pack, unique ids."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loopcoach.content.index import BUILTIN_PACKS, Content, builtin_pack_dirs
from loopcoach.errors import PackError, UnknownItem

SRC = Path(__file__).parents[2] / "src" / "loopcoach"
MINI = Path(__file__).parents[1] / "fixtures" / "packs" / "mini"


@pytest.fixture(scope="module")
def builtin() -> Content:
    return Content.load(builtin_pack_dirs())


def test_two_builtin_packs_and_the_first_is_the_default(builtin: Content) -> None:
    assert list(builtin.packs) == ["alibaba", "bigtech"]
    assert builtin.default_pack == "alibaba"


def test_a_default_pack_comes_first(builtin: Content) -> None:
    content = Content.load(builtin_pack_dirs(), default_pack="bigtech")
    assert list(content.packs) == ["bigtech", "alibaba"]
    assert content.track("pm") is content.packs["bigtech"].tracks["pm"]
    assert {q.id[:3] for q in content.questions(track="pm")} == {"bt-"}
    # A track the default pack lacks resolves to the first pack that has it.
    assert content.pack_for_track("pmm").id == "alibaba"


def test_a_shared_track_means_the_default_packs_unless_a_pack_is_named(builtin: Content) -> None:
    assert builtin.track("pm") is builtin.packs["alibaba"].tracks["pm"]
    assert builtin.track("pm", "bigtech") is builtin.packs["bigtech"].tracks["pm"]
    ali = builtin.questions(track="pm")
    assert ali and all(q.id.startswith("pm-") for q in ali)
    big = builtin.questions(track="pm", pack_id="bigtech")
    assert big and all(q.id.startswith("bt-pm-") for q in big)
    assert builtin.packs_with_track("pm") == ["alibaba", "bigtech"]


def test_round_lookups_follow_the_same_pack(builtin: Content) -> None:
    # Execution is in the big-tech pm loop but not in the alibaba one.
    with pytest.raises(UnknownItem):
        builtin.loop_round("pm", "execution")
    assert builtin.loop_round("pm", "execution", "bigtech").name == "Analytics and execution"
    assert builtin.questions(track="pm", round="execution") == []


def test_without_a_track_every_pack_is_searched_default_first(builtin: Content) -> None:
    every = builtin.questions()
    assert len(every) == sum(len(p.questions) for p in builtin.packs.values())
    assert not every[0].id.startswith("bt-") and every[-1].id.startswith("bt-")


def test_unknown_track_and_pack(builtin: Content) -> None:
    with pytest.raises(UnknownItem) as info:
        builtin.track("sales")
    assert info.value.valid == ["pm", "pmm", "tpm", "ds"]
    with pytest.raises(UnknownItem):
        builtin.track("ds", "bigtech")
    with pytest.raises(UnknownItem):
        builtin.questions(pack_id="nope")
    assert builtin.questions(track="sales") == []


def test_question_ids_must_be_unique_across_packs(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(MINI, copy)
    text = (copy / "pack.yaml").read_text().replace("id: mini", "id: mini-copy")
    (copy / "pack.yaml").write_text(text)
    with pytest.raises(PackError) as info:
        Content.load([MINI, copy])
    first = info.value.problems[0]
    assert first.file == "copy/questions/pm.yaml"
    assert first.location == "questions[0](id=mini-ps-01).id"
    assert "prefix them with the pack's id" in first.message


def test_packs_are_data_no_code_names_the_builtin_pack() -> None:
    """Only settings may name the built-in pack, as the default; the rest reads packs as data.

    The scorer is left out: its word lists recognise company and product names in
    answers as named specifics, which is vocabulary, not a choice of content.
    """
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        if rel.parts[0] in {"scoring"} or rel == Path("settings.py"):
            continue
        if "alibaba" in path.read_text(encoding="utf-8").lower():
            offenders.append(str(rel))
    for path in (SRC / "web").rglob("*") if (SRC / "web").exists() else []:
        if path.suffix in {".html", ".js", ".css"} and "alibaba" in path.read_text().lower():
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []
    assert 'default_pack: str = "alibaba"' in (SRC / "settings.py").read_text()
    assert (BUILTIN_PACKS / "alibaba" / "pack.yaml").exists()


def test_weakest_competencies_of_a_shared_track_come_from_one_loop(
    builtin: Content, tmp_path: Path
) -> None:
    from loopcoach.services.practice import PracticeService
    from loopcoach.store import Store

    with Store.open(f"sqlite:///{tmp_path / 'db.sqlite3'}") as store:
        service = PracticeService(store, builtin)
        comps = {c for c, _ in service.weakest_competencies("pm")}
    alibaba_pm = {c for r in builtin.track("pm").loop for c in r.competencies}
    assert comps == alibaba_pm
    assert "prioritisation" not in comps  # only the bigtech pm loop tests it
