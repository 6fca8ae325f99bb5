"""Every strong exemplar answer in the packs outscores its weak twin (issue 3)."""

from __future__ import annotations

import pytest

from loopcoach.content.index import builtin_pack_dirs
from loopcoach.content.loader import load_pack
from loopcoach.content.models import Question
from loopcoach.scoring import score

PAIRS: list[Question] = [
    q
    for d in builtin_pack_dirs()
    for q in load_pack(d).questions.values()
    if {e.kind for e in q.exemplars} >= {"strong", "weak"}
]


def test_a_quarter_of_the_default_packs_questions_have_exemplar_pairs() -> None:
    pack = next(load_pack(d) for d in builtin_pack_dirs() if d.name == "alibaba")
    paired = [
        q for q in pack.questions.values() if {e.kind for e in q.exemplars} >= {"strong", "weak"}
    ]
    assert len(paired) * 4 >= len(pack.questions)


@pytest.mark.parametrize("question", PAIRS, ids=[q.id for q in PAIRS])
def test_strong_exemplar_outscores_weak_twin(question: Question) -> None:
    def grade(kind: str) -> float:
        answer = next(e.answer for e in question.exemplars if e.kind == kind)
        return score(
            question.track,
            question.round,
            question.text,
            answer,
            talking_points=question.talking_points,
            probes=question.probes,
        ).overall

    assert grade("strong") > grade("weak")
