"""The scorer's signals, each on its own: what makes a sentence count, and what does not."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loopcoach.scoring import model
from loopcoach.scoring.signals import SentenceSignals, analyse, analyse_sentence
from loopcoach.scoring.text import Sentence, content_stems, split_sentences, words


def sentence(text: str) -> SentenceSignals:
    return analyse_sentence(Sentence(0, len(text), text))


# --- reasoning ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("with_reason", "without_reason"),
    [
        (
            "We moved the checkout to one page because buyers dropped off at the address step.",
            "We moved the checkout to one page.",
        ),
        (
            "We cached the catalogue so that reads stay fast during the sale.",
            "We cached the catalogue.",
        ),
    ],
)
def test_a_mechanism_makes_a_sentence_substantive(with_reason: str, without_reason: str) -> None:
    reasoned = sentence(with_reason)
    assert reasoned.mechanism
    assert reasoned.substantive
    bare = sentence(without_reason)
    assert not bare.mechanism
    assert not bare.substantive


def test_a_condition_is_reasoning() -> None:
    s = sentence("If the pilot misses a 2% lift in two weeks, we kill it.")
    assert s.condition and s.kill and s.substantive
    assert not sentence("The pilot runs for two weeks in Hangzhou.").condition


# --- numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We had 12 people on the team.",
        "We had 40,000 sellers.",
        "We ran it in 2019.",
        # A unit alone is a quantity, not a measured outcome.
        "The redesign took 3 weeks.",
    ],
)
def test_a_bare_number_is_not_quantified(text: str) -> None:
    s = sentence(text)
    assert s.numbers >= 1
    assert not s.quantified
    assert not s.substantive


@pytest.mark.parametrize(
    "text",
    [
        "Checkout conversion went up by 12%.",
        "Conversion rose from 3.1% to 4.0%.",
        "Our p99 latency fell from 900 ms to 2.5 s.",
        # A number tied to one's own decision counts too.
        "I cut the marketing budget by 30%.",
    ],
)
def test_a_number_tied_to_a_metric_or_change_is_quantified(text: str) -> None:
    s = sentence(text)
    assert s.quantity
    assert s.metric or s.change or s.decision
    assert s.quantified
    assert s.substantive


# --- trade-offs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I chose a nightly batch instead of streaming.",
        "We rebuilt the pricing page rather than patching it.",
        "We kept the old flow, at the cost of a slower launch.",
        "The trade-off is a few seconds of delay on confirmation.",
    ],
)
def test_tradeoff_cues(text: str) -> None:
    s = sentence(text)
    assert s.tradeoff
    assert s.substantive


def test_no_tradeoff_without_a_cue() -> None:
    assert not sentence("We shipped the pricing page in March.").tradeoff


# --- ownership ------------------------------------------------------------------------


def test_first_person_decision_is_not_passive() -> None:
    s = sentence("I decided to rebuild the pricing page.")
    assert s.decision
    assert not s.passive


@pytest.mark.parametrize(
    "text",
    [
        "I was asked to rebuild the pricing page.",
        "My manager told me to rebuild the pricing page.",
        "My task was to rebuild the pricing page.",
    ],
)
def test_assigned_work_is_passive_and_no_decision(text: str) -> None:
    s = sentence(text)
    assert s.passive
    assert not s.decision


def test_the_team_acting_is_not_my_decision() -> None:
    assert not sentence("The team rebuilt the pricing page.").decision


# --- reflection -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Looking back, I should have tested with sellers earlier.",
        "In hindsight, the lesson was to test pricing with sellers first.",
        "Since then I always run a pilot before a price change.",
    ],
)
def test_reflection(text: str) -> None:
    assert sentence(text).reflection


def test_a_plain_report_is_not_reflection() -> None:
    assert not sentence("We tested with sellers in May.").reflection


# --- buzzwords ------------------------------------------------------------------------


def test_buzzword_hits_per_sentence() -> None:
    assert sentence("We leverage synergy and a holistic, data-driven flywheel.").buzz == 5
    assert sentence("We cached the catalogue so that reads stay fast.").buzz == 0


def test_buzzword_density_is_hits_per_hundred_words() -> None:
    salad = analyse(
        "",
        "We leverage synergy and a holistic, data-driven flywheel. "
        "An omnichannel, AI-driven, seamless experience empowers sellers.",
        model.TERM_WEIGHTS,
    )
    total = salad.total("buzz")
    assert total == 9
    assert salad.density("buzz") == pytest.approx(100.0 * total / salad.word_count)
    plain = analyse(
        "",
        "We cached the catalogue so that reads stay fast, and p99 fell from 900 ms to 120 ms.",
        model.TERM_WEIGHTS,
    )
    assert plain.density("buzz") == 0.0
    assert salad.density("buzz") > 50


# --- sentences and words --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Latency fell 2.5 times. Then we stopped.",
            ["Latency fell 2.5 times.", "Then we stopped."],
        ),
        (
            "Conversion went from 3.1% to 4.0%. We kept it!",
            ["Conversion went from 3.1% to 4.0%.", "We kept it!"],
        ),
        (
            "We shipped 🚀. The café team agreed.\nNext: ramp to 50%",
            ["We shipped 🚀.", "The café team agreed.", "Next: ramp to 50%"],
        ),
        (
            "  我们提高了转化率 by 3%.   Then e\u0301clair sales grew; margins held.  ",
            ["我们提高了转化率 by 3%.", "Then e\u0301clair sales grew;", "margins held."],
        ),
        ("Why? Because... it works.", ["Why?", "Because...", "it works."]),
    ],
)
def test_sentence_splitter_keeps_offsets(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start : s.end] == s.text
    # In order and not overlapping.
    assert all(a.end <= b.start for a, b in pairwise(sentences))


def test_pieces_without_letters_or_digits_are_dropped() -> None:
    assert split_sentences("... !!! \n\n ;;") == []
    assert [s.text for s in split_sentences("🚀🚀. Done.")] == ["Done."]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_sentence_offsets_hold_for_any_text(text: str) -> None:
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert any(ch.isalnum() for ch in s.text)


def test_hyphenated_words_split_into_content_stems() -> None:
    assert content_stems("delivery-time") == ["deliveri", "time"]
    assert content_stems("cross-border payments") == ["cross", "border", "payment"]
    # A stopword half carries no meaning; a contraction carries none at all.
    assert content_stems("well-known") == ["known"]
    assert content_stems("you'd") == []
    # The word tokenizer itself keeps the hyphenated token whole.
    assert words("delivery-time 2.5%") == ["delivery-time", "2.5%"]


def test_numbers_are_not_content_stems() -> None:
    assert content_stems("2.5 GMV 40%") == ["gmv"]


# --- relevance ------------------------------------------------------------------------

CASE_QUESTION = "How would you reduce failed deliveries for Cainiao parcels in rural areas?"


def test_relevance_is_higher_on_topic_than_off_topic() -> None:
    on = analyse(
        CASE_QUESTION,
        "Rural deliveries fail mostly because nobody is home, so I'd let buyers pick a "
        "village store as the drop point for their parcels.",
        model.TERM_WEIGHTS,
    )
    off = analyse(
        CASE_QUESTION,
        "When I redesigned our employee onboarding programme, I interviewed twelve new "
        "hires because their confusion told me more than any survey.",
        model.TERM_WEIGHTS,
    )
    assert on.relevance > off.relevance
    assert on.relevance >= 0.4
    assert off.relevance == 0.0
    assert {"rural", "parcel", "deliveri"} <= set(on.focus_hits)
    assert off.focus_hits == []
    # Framing words of the question ("how would you") are not focus terms.
    assert "would" not in on.focus_terms and "how" not in on.focus_terms


def test_a_question_with_only_framing_words_is_fully_relevant() -> None:
    sig = analyse("Tell me about a time.", "We shipped it.", model.TERM_WEIGHTS)
    assert sig.focus_terms == []
    assert sig.relevance == 1.0


# --- ways of looking strong to a cue reader, found by red-teaming scorer 1.5.0 ---------


def test_a_trade_off_named_and_balanced_away_is_not_a_trade_off() -> None:
    assert not sentence(
        "The trade-off was between speed and quality, and I balanced both."
    ).tradeoff
    assert not sentence("It is growth versus margin, so we find the right balance.").tradeoff
    assert sentence(
        "We gave up same-day delivery in tier-3 cities instead of raising prices."
    ).tradeoff
    assert sentence("The trade-off was speed versus quality, and I chose speed.").tradeoff


def test_decorative_digits_do_not_make_a_decision_substantive() -> None:
    counts = sentence("I led the launch of our 2.0 release with 30 assets and 8 blog posts.")
    assert counts.decision and not counts.substantive
    amount = sentence("I cut the launch budget by a third and moved it to search.")
    assert amount.decision and amount.substantive


def test_an_answer_that_restates_the_question_is_not_relevant_for_it() -> None:
    question = "How would you measure whether a coupon campaign actually made money?"
    echo = (
        "To measure whether a coupon campaign actually made money, I would measure the money "
        "the coupon campaign made. Measuring whether the campaign made money means looking "
        "at whether the coupons actually made money, because a campaign that makes money is "
        "a campaign that made money."
    )
    real = (
        "I'd hold out 10 percent of eligible users who get no coupon, then compare profit per "
        "user, not revenue, between the groups over four weeks, net of the coupon cost and "
        "of orders that would have happened anyway. If the extra profit does not cover the "
        "discount, the campaign lost money even if sales went up."
    )
    w = model.TERM_WEIGHTS
    echoed = analyse(question, echo, w)
    assert echoed.relevance < 0.2
    assert echoed.count("mechanism") + echoed.count("condition") == 0
    assert analyse(question, real, w).relevance > echoed.relevance


def test_an_abbreviation_or_a_list_number_ends_no_sentence() -> None:
    from loopcoach.scoring.text import split_sentences

    def texts(t: str) -> list[str]:
        return [s.text for s in split_sentences(t)]

    assert texts("Speed vs. cost is the call. Then ship.") == [
        "Speed vs. cost is the call.",
        "Then ship.",
    ]
    assert texts("Pay with a wallet, e.g. GCash. Next.") == [
        "Pay with a wallet, e.g. GCash.",
        "Next.",
    ]
    assert texts("My plan: 1. Build a panel. 2. Pilot it with 5% of sellers.") == [
        "My plan: 1. Build a panel.",
        "2. Pilot it with 5% of sellers.",
    ]
    assert texts("Steps:\n1. Build it.\n10. Ship it.") == ["Steps:", "1. Build it.", "10. Ship it."]
    # A number that ends a sentence still ends it.
    assert texts("We grew 20. Then we stopped.") == ["We grew 20.", "Then we stopped."]


def test_a_part_labelled_with_its_criterion_is_evidence_of_it() -> None:
    from loopcoach.scoring import score

    answer = (
        "Small sellers cannot tell whether a promotion made money, because the fees and "
        "coupons sit on three different pages. Solution: a promotion P&L panel in the seller "
        "app that joins order data with coupon costs. Metrics: share of sellers who run a "
        "second promotion, and the refund rate."
    )
    a = score("pm", "product_sense", "What would you build for sellers who run promotions?", answer)
    by_id = {c.id: c for c in a.criteria}
    assert any(e.text.startswith("Solution:") for e in by_id["solution"].evidence)
    assert any(e.text.startswith("Metrics:") for e in by_id["metrics"].evidence)
    assert by_id["solution"].score >= 2 and by_id["metrics"].score >= 2
    # A bare label with nothing after it is not a part.
    bare = score("pm", "product_sense", "What would you build?", "Solution: tbd. Metrics: tbd.")
    assert all(c.score == 0 for c in bare.criteria if c.id in {"solution", "metrics"})


def test_no_metric_points_at_the_unmeasured_claim_not_the_opening() -> None:
    from loopcoach.scoring import score

    answer = (
        "Small merchants forget stock and staffing until the last week before Double 11, "
        "because nobody reminds them and the promotion tools do not show what is missing. "
        "I'd build a readiness checklist inside the merchant app, tied to those tools, so "
        "each item can be fixed from the same screen. In the end merchants would be ready."
    )
    a = score("pm", "product_sense", "How would you help small merchants prepare?", answer)
    flag = next(f for f in a.flags if f.id == "no_metric")
    assert [e.text for e in flag.evidence] == ["In the end merchants would be ready."]
