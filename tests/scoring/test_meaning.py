"""The static meaning vectors (loopcoach.scoring.meaning), on the real data file.

Every sentence here was written for this test; none comes from the bench sets.
"""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from loopcoach.scoring import meaning

# (sentence, a paraphrase of it, an unrelated sentence of the same kind of interview)
TRIPLES = [
    (
        "We cut checkout latency by caching the inventory counts.",
        "Keeping stock numbers in a cache made the purchase flow much faster.",
        "I mentored two junior analysts on writing cleaner SQL.",
    ),
    (
        "The launch slipped because the vendor missed their delivery date.",
        "Our release was delayed after the supplier shipped late.",
        "I would price the premium tier at twice the basic plan.",
    ),
    (
        "I told my manager I disagreed with the roadmap and explained why.",
        "I pushed back on my boss about the plan and gave my reasons.",
        "The model's precision dropped once we retrained on fresh data.",
    ),
    (
        "Churn went up after we raised prices for small businesses.",
        "More small customers cancelled once the subscription got more expensive.",
        "We ran a hackathon to build team spirit across offices.",
    ),
    (
        "The classifier overfits, so I would add regularisation and more training examples.",
        "To stop the model memorising the training set, I'd gather extra labelled data "
        "and penalise large weights.",
        "Our marketing campaign targeted college students in three cities.",
    ),
]


def test_the_data_file_ships_and_loads() -> None:
    assert meaning.available()
    assert meaning.dims() > 0


@pytest.mark.parametrize(("text", "paraphrase", "unrelated"), TRIPLES)
def test_a_paraphrase_is_closer_than_an_unrelated_sentence(
    text: str, paraphrase: str, unrelated: str
) -> None:
    v, p, u = meaning.vectors([text, paraphrase, unrelated])
    assert meaning.cosine(v, p) > meaning.cosine(v, u) + 0.1
    assert meaning.cosine(p, v) > meaning.cosine(p, u) + 0.1


def test_vectors_are_unit_length_and_deterministic() -> None:
    texts = [t for triple in TRIPLES for t in triple]
    first = meaning.vectors(texts)
    meaning._packed.cache_clear()  # rebuilt rows give the same floats
    again = [meaning.text_vector(t) for t in texts]
    assert first == again
    for v in first:
        assert len(v) == meaning.dims()
        assert math.isclose(math.fsum(x * x for x in v), 1.0, rel_tol=1e-9)


def test_a_text_too_long_to_pack_takes_the_float_path_to_the_same_vector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [t for triple in TRIPLES for t in triple]
    packed = meaning.vectors(texts)
    monkeypatch.setattr(meaning, "_MASS_LIMIT", 0)
    for fast, slow in zip(packed, meaning.vectors(texts), strict=True):
        assert slow == pytest.approx(fast, rel=1e-9, abs=1e-12)


def test_text_without_known_words_gives_zeros() -> None:
    zero = (0.0,) * meaning.dims()
    assert meaning.text_vector("") == zero
    assert meaning.text_vector("  42, 17.5% -- !!") == zero
    assert meaning.text_vector("qzxv wkjpq") == zero
    assert meaning.cosine(zero, meaning.text_vector("We shipped the feature.")) == 0.0


def test_case_curly_apostrophes_and_inflections_are_read_as_the_word() -> None:
    base = meaning.text_vector("we don't scale the product")
    assert meaning.text_vector("We DON\u2019T Scale The Product") == base
    # Forms missing from the table are read as their stem (the table has the stems).
    for form, stem in [
        ("upsells", "upsell"),
        ("roadmaps", "roadmap"),
        ("dashboarding", "dashboard"),
        ("prioritizing", "prioritize"),
    ]:
        assert meaning.text_vector(form) == meaning.text_vector(stem) != meaning.text_vector("")


def test_cosine_rejects_vectors_of_different_lengths() -> None:
    with pytest.raises(ValueError):
        meaning.cosine((1.0, 0.0), (1.0, 0.0, 0.0))


def test_importing_it_pulls_in_no_numerics_library() -> None:
    code = (
        "import sys, loopcoach.scoring.meaning as m; m.text_vector('a test'); "
        "print(sorted({'numpy', 'torch', 'onnxruntime'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
