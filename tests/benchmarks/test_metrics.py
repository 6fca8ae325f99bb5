"""benchmarks/metrics.py: the quality metrics on small hand-computed cases, and the reference's."""

from __future__ import annotations

import importlib
import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED_BENCH = REPO.parent / "shared" / "bench"
sys.path.insert(0, str(REPO / "benchmarks"))
metrics = importlib.import_module("metrics")


# --- ranks, correlation, agreement ----------------------------------------------------


def test_ranks_share_ties() -> None:
    assert metrics.ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]
    assert metrics.ranks([3.0, 1.0, 2.0]) == [3.0, 1.0, 2.0]
    assert metrics.ranks([5, 5, 5]) == [2.0, 2.0, 2.0]


def test_spearman() -> None:
    assert metrics.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert metrics.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # Ties: ranks [1, 2.5, 2.5, 4] against [1, 2, 3, 4] give 4.5 / sqrt(4.5 * 5).
    assert metrics.spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9**0.5)
    # A constant has no rank order: defined as 0, not a division by zero.
    assert metrics.spearman([2, 2, 2], [1, 2, 3]) == 0.0


def test_qwk() -> None:
    assert metrics.qwk([1, 2, 3, 4], [1, 2, 3, 4]) == pytest.approx(1.0)
    assert metrics.qwk([1, 1, 4, 4, 2], [1, 1, 4, 4, 2]) == pytest.approx(1.0)
    # One 4 read as 3: observed 1/9 against expected 8/9, so 1 - 1/8.
    assert metrics.qwk([1, 2, 3, 4], [1, 2, 3, 3]) == pytest.approx(0.875)
    # Full reversal of two ratings at the extremes.
    assert metrics.qwk([1, 4], [4, 1]) == pytest.approx(-1.0)
    # All ratings in one category: no expected disagreement, defined as 0.
    assert metrics.qwk([2, 2], [2, 2]) == 0.0


def test_pairwise_ties_count_half() -> None:
    # Pairs with different gold: (1,2) right, (1,3) right, (2,3) wrong.
    assert metrics.pairwise([(1, 1.0), (2, 2.0), (3, 1.5)]) == (2.0, 3)
    assert metrics.pairwise([(1, 2.0), (2, 2.0)]) == (0.5, 1)
    # Pairs with equal gold are not counted.
    assert metrics.pairwise([(2, 1.0), (2, 3.0)]) == (0.0, 0)
    # A minimum gap leaves out near-equal gold values.
    assert metrics.pairwise([(0.5, 0.1), (0.6, 0.9)], min_gap=0.25) == (0.0, 0)
    assert metrics.pairwise([(0.5, 0.9), (0.8, 0.1)], min_gap=0.25) == (0.0, 1)


def test_flag_ids_from_ids_or_objects() -> None:
    assert metrics.flag_ids(["no_metric", {"id": "non_answer"}]) == {"no_metric", "non_answer"}
    assert metrics.flag_ids(None) == set()


# --- measure --------------------------------------------------------------------------

LABELLED = [
    {"id": "a", "group": "g1", "grade": 4, "flags": []},
    {"id": "b", "group": "g1", "grade": 1, "flags": ["buzzword_salad", "no_metric"]},
    {"id": "c", "group": "g2", "grade": 2, "flags": ["non_answer"]},
    {"id": "d", "group": "g2", "grade": 3, "flags": []},
    {"id": "e", "group": "g2", "grade": 1, "flags": ["non_answer"]},
]
ASSESSED = [
    {"id": "a", "overall": 3.6, "flags": [{"id": "no_metric"}]},
    # An id outside the ten flags is not counted either way.
    {"id": "b", "overall": 1.2, "flags": ["buzzword_salad", "made_up"]},
    {"id": "c", "overall": 2.5, "flags": [{"id": "non_answer"}, {"id": "rigid_plan"}]},
    {"id": "d", "overall": 2.5, "flags": []},
    # "e" was never assessed.
]


def test_measure_by_hand() -> None:
    # tp: salad on b, non_answer on c; fp: no_metric on a, rigid_plan on c; fn: no_metric on b.
    # Pairs: g1 right; g2 c-d tied at 2.5 counts half: 1.5 / 2.
    # round(overall) = 4, 1, 3, 3 against 4, 1, 2, 3.
    assert metrics.measure(LABELLED, ASSESSED) == {
        "items": 4,
        "missing": 1,
        "pairwise_accuracy": 0.75,
        "spearman": round(0.9**0.5, 4),
        "qwk": 0.9,
        "exact_agreement": 0.75,
        "flag_precision": 0.5,
        "flag_recall": 0.6667,
        "flag_f1": 0.5714,
        "strong_answers_flagged": 1.0,
        "buzzword_salad_mean_overall": 1.2,
    }


def test_measure_without_strong_answers_salad_or_pairs() -> None:
    labelled = [
        {"id": "x", "group": "g", "grade": 2, "flags": []},
        {"id": "y", "group": "h", "grade": 3, "flags": []},
    ]
    assessed = [{"id": "x", "overall": 2.0, "flags": []}, {"id": "y", "overall": 3.0}]
    out = metrics.measure(labelled, assessed)
    assert out["pairwise_accuracy"] is None
    assert out["strong_answers_flagged"] is None
    assert out["buzzword_salad_mean_overall"] is None
    assert (out["flag_precision"], out["flag_recall"], out["flag_f1"]) == (0.0, 0.0, 0.0)
    assert out["exact_agreement"] == 1.0


def test_strong_answers_flagged_is_a_share_of_grade_four() -> None:
    labelled = [{"id": str(i), "group": "g", "grade": 4, "flags": []} for i in range(4)]
    assessed = [
        {"id": "0", "overall": 3.9, "flags": ["no_metric"]},
        {"id": "1", "overall": 3.8, "flags": []},
        {"id": "2", "overall": 3.7, "flags": ["not_a_flag"]},
        {"id": "3", "overall": 3.6, "flags": [{"id": "rigid_plan"}, {"id": "no_metric"}]},
    ]
    assert metrics.measure(labelled, assessed)["strong_answers_flagged"] == 0.5


# --- the reference-answer metrics -----------------------------------------------------


def test_overlap_baseline() -> None:
    assert metrics.overlap("the cat sat", "The cat ran.") == pytest.approx(2 / 3)
    assert metrics.overlap("A b, a B!", "b") == pytest.approx(1 / 2)
    assert metrics.overlap("", "anything") == 0.0
    assert metrics.overlap("p99 under 200 ms", "p99 is under 200 ms") == 1.0


def test_within_question_metrics() -> None:
    groups = {
        # Ranks of pred [1, 3, 2] against [1, 2, 3]: rho 0.5; pairs: 2 of 3 right.
        "q1": [(0.0, 0.1), (0.5, 0.6), (1.0, 0.4)],
        # Two answers: no rho; their gold gap of 0.1 is under 0.25, so no pair.
        "q2": [(1.0, 0.9), (0.9, 0.2)],
        # Perfectly ordered, with a predicted tie on one pair: rho of ranks, pairs 2.5 / 3.
        "q3": [(0.0, 0.2), (0.5, 0.2), (1.0, 0.9)],
    }
    rho_q3 = metrics.spearman([0.2, 0.2, 0.9], [0.0, 0.5, 1.0])
    assert rho_q3 == pytest.approx(0.75**0.5)
    assert metrics.within(groups) == {
        "spearman_within": round((0.5 + rho_q3) / 2, 4),
        "pairwise_accuracy": round(4.5 / 6, 4),
        "pairs": 6,
    }
    assert metrics.within({"q": [(1.0, 0.5)]}) == {
        "spearman_within": None,
        "pairwise_accuracy": None,
        "pairs": 0,
    }


def test_measure_reference_by_hand() -> None:
    ref = "cache the hot keys"
    labelled = [
        {"id": "1", "group": "q", "score": 0.0, "reference": ref, "answer": "no"},
        {"id": "2", "group": "q", "score": 0.5, "reference": ref, "answer": "cache"},
        {"id": "3", "group": "q", "score": 1.0, "reference": ref, "answer": ref},
        {"id": "4", "group": "q", "score": 1.0, "reference": "x", "answer": "x"},
        {"id": "5", "group": "q", "score": 1.0, "reference": "x", "answer": "x"},
    ]
    assessed = [
        {"id": "1", "coverage": {"score": 0.9}},
        {"id": "2", "coverage": {"score": 0.5}},
        # No coverage: the overall grade is the prediction.
        {"id": "3", "overall": 3.5},
        {"id": "4", "error": "the answer is empty"},
        # "5" is missing.
    ]
    out = metrics.measure_reference(labelled, assessed)
    assert out["items"] == 3 and out["missing"] == 2
    # Scorer: predictions 0.9, 0.5, 3.5 against 0, 0.5, 1: pairs 2 of 3, rho of ranks 0.5.
    assert out["scorer"] == {"spearman_within": 0.5, "pairwise_accuracy": 0.6667, "pairs": 3}
    # Baseline: overlap 0, 0.25, 1 orders all three.
    assert out["overlap_baseline"] == {
        "spearman_within": 1.0,
        "pairwise_accuracy": 1.0,
        "pairs": 3,
    }


# --- the same numbers as the reference implementation ---------------------------------

needs_reference = pytest.mark.skipif(
    not (SHARED_BENCH / "measure.py").exists(), reason="../shared/bench/measure.py is absent"
)

FLAG_IDS = sorted(metrics.FLAGS)


def load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def synthetic(seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Labelled answers and assessments made up here, with ties, odd flags and gaps."""
    rng = random.Random(seed)
    labelled, assessed = [], []
    for i in range(60):
        grade = rng.randint(1, 4)
        flags = rng.sample(FLAG_IDS, rng.choice([0, 0, 1, 2]))
        if i % 17 == 0:
            flags.append("buzzword_salad")
        labelled.append({"id": f"s{i}", "group": f"g{i // 5}", "grade": grade, "flags": flags})
        if i % 13 == 5:
            continue  # missing from the assessments
        got = rng.sample([*FLAG_IDS, "not_a_flag"], rng.choice([0, 1, 1, 3]))
        overall = round(rng.choice([1.0, 2.5, 4.0, rng.uniform(1, 4)]), 2)
        as_objects = i % 2 == 0
        assessed.append(
            {
                "id": f"s{i}",
                "overall": overall,
                "flags": [{"id": f} for f in got] if as_objects else got,
            }
        )
    rng.shuffle(assessed)
    return labelled, assessed


@needs_reference
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_measure_matches_the_reference(seed: int) -> None:
    reference = load("bench_measure_reference_impl", SHARED_BENCH / "measure.py")
    labelled, assessed = synthetic(seed)
    ours = metrics.measure(labelled, assessed)
    assert ours == reference.measure(labelled, assessed)
    assert ours["missing"] > 0 and ours["pairwise_accuracy"] is not None
    assert ours["strong_answers_flagged"] is not None
    assert ours["buzzword_salad_mean_overall"] is not None


@needs_reference
@pytest.mark.skipif(
    not (SHARED_BENCH / "measure_reference.py").exists(),
    reason="../shared/bench/measure_reference.py is absent",
)
def test_measure_reference_matches_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    # measure_reference.py imports `measure` from its own folder; give it that module
    # and undo both the import and its sys.path change afterwards.
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.setitem(
        sys.modules, "measure", load("bench_measure_for_reference", SHARED_BENCH / "measure.py")
    )
    reference = load("bench_measure_reference_ref", SHARED_BENCH / "measure_reference.py")
    rng = random.Random(11)
    words = "cache hot keys queue shard peak latency p99 under 200 ms the a".split()
    labelled, assessed = [], []
    for i in range(40):
        ref = " ".join(rng.sample(words, 6))
        answer = " ".join(rng.sample(words, rng.randint(1, 8)))
        labelled.append(
            {
                "id": f"r{i}",
                "group": f"q{i // 6}",
                "score": rng.choice([0.0, 0.25, 0.5, 0.75, 1.0, 0.9]),
                "reference": ref,
                "answer": answer,
            }
        )
        if i % 11 == 3:
            continue
        if i % 9 == 4:
            assessed.append({"id": f"r{i}", "error": "boom"})
        elif i % 4 == 0:
            assessed.append({"id": f"r{i}", "overall": rng.choice([1.0, 2.5, 3.25])})
        else:
            assessed.append({"id": f"r{i}", "coverage": {"score": rng.choice([0.0, 0.5, 0.8])}})
    ours = metrics.measure_reference(labelled, assessed)
    assert ours == reference.measure(labelled, assessed)
    assert ours["missing"] > 0 and ours["scorer"]["pairs"] > 0
