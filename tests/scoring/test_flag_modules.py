"""Each red flag is one module under scoring/flags/, whole; the registry is built from them."""

from __future__ import annotations

from typing import get_args

import pytest

from loopcoach.content.models import FlagId
from loopcoach.scoring import flags, score
from loopcoach.scoring.criteria import ROUND_CUES
from loopcoach.scoring.flags._base import Case
from loopcoach.scoring.rubric import CRITERIA, FLAG_WHY


@pytest.mark.parametrize("module", flags.MODULES, ids=lambda m: m.ID)
def test_a_flag_module_is_whole(module: object) -> None:
    for name in ("ID", "ROUNDS", "WHY", "FIX", "CAP", "CASES", "detect"):
        assert hasattr(module, name), name
    assert module.WHY.strip() and module.FIX.strip()  # type: ignore[attr-defined]
    kinds = {c.fires for c in module.CASES}  # type: ignore[attr-defined]
    assert kinds == {True, False}, "each flag keeps a case it fires on and one it must not"


@pytest.mark.parametrize(
    ("flag", "case"),
    [(f, c) for f, cases in flags.CASES.items() for c in cases],
    ids=lambda x: x if isinstance(x, str) else ("fires" if x.fires else "quiet"),
)
def test_each_flag_fires_on_its_own_cases(flag: str, case: Case) -> None:
    got = score("pm", case.round_id, case.question, case.answer).flag_ids
    assert (flag in got) is case.fires, (flag, got)


def test_the_registry_matches_the_content_schema_and_the_guide() -> None:
    assert set(flags.FLAG_IDS) == set(get_args(FlagId))
    assert {m.ID for m in flags.MODULES} == set(flags.FLAG_IDS)
    assert FLAG_WHY == flags.FLAG_WHY
    assert set(flags.CAPS) == {"non_answer", "buzzword_salad", "blames_external"}
    assert all(v < 1.75 for v in flags.CAPS.values())


def test_the_cue_table_is_pinned_to_the_rubric() -> None:
    assert set(ROUND_CUES) == set(CRITERIA)
    for round_id, criteria in CRITERIA.items():
        assert tuple(ROUND_CUES[round_id]) == criteria, round_id


def test_every_voided_criterion_is_a_criterion_of_a_round_the_flag_applies_to() -> None:
    from loopcoach.scoring.flags import EVERY, MODULES
    from loopcoach.scoring.rubric import CRITERIA

    for module in MODULES:
        assert module.VOIDS is EVERY or isinstance(module.VOIDS, frozenset)
        if module.VOIDS is EVERY:
            continue
        rounds = module.ROUNDS if module.ROUNDS is not None else CRITERIA.keys()
        known = {c for r in rounds for c in CRITERIA[r]}
        assert known >= module.VOIDS, (module.ID, module.VOIDS - known)
        assert bool(module.VOIDS) == bool(module.VOID_NOTE), module.ID
