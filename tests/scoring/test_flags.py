"""The ten red flags of GRADING.md: an answer that raises each, and a close one that does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loopcoach.scoring import ROUNDS, Assessment, score
from loopcoach.scoring.flags import FLAG_IDS
from loopcoach.scoring.rubric import FLAG_WHY
from loopcoach.scoring.types import Flag


def flags(round_id: str, question: str, answer: str, track: str = "pm") -> dict[str, Flag]:
    result = score(track, round_id, question, answer)
    check_spans(answer, result)
    return {f.id: f for f in result.flags}


def check_spans(answer: str, result: Assessment) -> None:
    """Every piece of evidence is a non-empty slice of the answer, by its own offsets."""
    for f in result.flags:
        assert f.why == FLAG_WHY[f.id]
        for span in f.evidence:
            assert 0 <= span.start < span.end <= len(answer)
            assert answer[span.start : span.end] == span.text


def evidence(flag: Flag) -> str:
    assert flag.evidence, f"{flag.id} carries no evidence"
    return " | ".join(s.text for s in flag.evidence)


def test_the_ten_flags_are_the_grading_guides() -> None:
    assert set(FLAG_IDS) == {
        "blames_external",
        "passive_ownership",
        "no_metric",
        "ignores_scale",
        "technical_metric_only",
        "rigid_plan",
        "generic_strategy",
        "escalates_first",
        "buzzword_salad",
        "non_answer",
    }
    assert set(FLAG_WHY) == set(FLAG_IDS)


# --- blames_external ------------------------------------------------------------------

MISSED_GOAL = "Tell me about a project that missed its goal."
BLAMES = (
    "Our seller onboarding launch missed its goal of 10,000 merchants in the first quarter. "
    "The market slowed right after we launched, and the payments team didn't deliver their "
    "API on time. Competitors launched a cheaper plan the same month. There was nothing we "
    "could do, and we got to about 6,000 merchants."
)
OWNS = (
    "Our seller onboarding launch missed its goal of 10,000 merchants in the first quarter. "
    "The payments API arrived three weeks late, but the miss was on me: I decided to launch "
    "without a fallback flow. I should have staged the rollout, so now I plan a manual path "
    "for every dependency. We got to about 6,000 merchants."
)


@pytest.mark.parametrize("round_id", ["culture", "hiring_manager", "execution"])
def test_blames_external(round_id: str) -> None:
    raised = flags(round_id, MISSED_GOAL, BLAMES)
    assert "blames_external" in raised
    text = evidence(raised["blames_external"])
    assert "The market slowed" in text and "nothing we could do" in text
    assert "blames_external" not in flags(round_id, MISSED_GOAL, OWNS)


def test_blaming_caps_the_grade_owning_does_not() -> None:
    blamed = score("pm", "culture", MISSED_GOAL, BLAMES)
    owned = score("pm", "culture", MISSED_GOAL, OWNS)
    assert blamed.overall <= 1.5
    assert owned.overall > blamed.overall + 0.5


# --- passive_ownership ----------------------------------------------------------------

PROUD = "Tell me about a project you are proud of."
PASSIVE = (
    "I was asked to move our seller reports to the new data warehouse. My task was to "
    "migrate 40 report tables, and my manager told me to follow the plan the architects "
    "wrote. I followed it step by step and the migration finished in eight weeks, with "
    "report load time down from 30 seconds to 4 seconds."
)
INITIATIVE = (
    "I noticed that our seller reports took 30 seconds to load, so I proposed moving them "
    "to the new data warehouse. I migrated 40 report tables and chose to rewrite the two "
    "slowest queries instead of copying them, and the migration finished in eight weeks, "
    "with report load time down from 30 seconds to 4 seconds."
)


@pytest.mark.parametrize("round_id", ["culture", "hiring_manager"])
def test_passive_ownership(round_id: str) -> None:
    raised = flags(round_id, PROUD, PASSIVE)
    assert "passive_ownership" in raised
    assert "I was asked to" in evidence(raised["passive_ownership"])
    assert "passive_ownership" not in flags(round_id, PROUD, INITIATIVE)


# --- no_metric ------------------------------------------------------------------------

RETURNS = "How would you improve the returns experience for Taobao buyers?"
RETURNS_PLAN = (
    "Buyers abandon returns because they must print a label and find a courier themselves. "
    "I'd add a one-tap return that books a Cainiao pickup from the order page, because "
    "Cainiao already runs pickups in most cities. I'd pilot it on apparel first, since "
    "apparel has the most returns, rather than launching for every category at once. "
)
NO_METRIC = RETURNS_PLAN + "Then I'd extend it to electronics and home goods once it is stable."
WITH_METRIC = RETURNS_PLAN + (
    "Success is the share of returns completed within 3 days rising from 40% to 60%, "
    "with refund complaints flat."
)


@pytest.mark.parametrize("round_id", ["product_sense", "technical", "culture", "stakeholder"])
def test_no_metric(round_id: str) -> None:
    raised = flags(round_id, RETURNS, NO_METRIC)
    assert "no_metric" in raised
    assert raised["no_metric"].evidence
    assert "no_metric" not in flags(round_id, RETURNS, WITH_METRIC)


def test_no_metric_never_on_a_screen() -> None:
    assert "no_metric" not in flags("screen", RETURNS, NO_METRIC)
    motivation = (
        "I want this role because I have spent five years building seller tools at a "
        "marketplace, and the chance to shape how small merchants grow on Taobao is exactly "
        "what I enjoy. My background in payments and onboarding maps directly to the team's work."
    )
    why = "Why do you want this role?"
    assert "no_metric" not in flags("screen", why, motivation)
    # The same answer in a round that wants an outcome does raise it.
    assert "no_metric" in flags("culture", why, motivation)


# --- ignores_scale --------------------------------------------------------------------

COUPONS = "Design a coupon system for Tmall stores."
NO_SCALE = (
    "I'd store each coupon as a record with its rules, owner store and expiry, and check it "
    "at checkout through the existing promotion engine, because merchants already configure "
    "discounts there. A coupon is redeemed in the same transaction as the order, so that a "
    "buyer cannot use it twice. Success is a redemption error rate under 0.1% and fewer than "
    "5 support tickets a week."
)
WITH_SCALE = NO_SCALE + (
    " At the Double 11 peak of 200,000 redemptions per second, I'd keep coupon counts in a "
    "sharded cache instead of the database."
)


@pytest.mark.parametrize("round_id", ROUNDS)
def test_ignores_scale_only_on_system_rounds(round_id: str) -> None:
    raised = flags(round_id, COUPONS, NO_SCALE)
    if round_id in {"technical", "ml", "business_case"}:
        assert "ignores_scale" in raised
        assert raised["ignores_scale"].evidence
    else:
        assert "ignores_scale" not in raised
    assert "ignores_scale" not in flags(round_id, COUPONS, WITH_SCALE)


# --- technical_metric_only ------------------------------------------------------------

FRAUD = "How would you build a model to flag fraudulent orders?"
AUC_ONLY = (
    "I'd start from a logistic regression baseline on last quarter's labelled orders, then "
    "try a gradient boosted model because fraud signals interact. Labels arrive late, since "
    "fraud is confirmed weeks after the order, so I'd train on orders older than 30 days. "
    "I'd pick the model with the best AUC on a time-based holdout, and ship it if AUC beats "
    "the baseline by 0.03. Scoring runs on each order at checkout within 50 ms at peak."
)
AUC_AND_GMV = AUC_ONLY + (
    " The threshold is set where the fraud losses we stop outweigh the GMV of good orders we "
    "block, measured in a two-week holdout."
)


@pytest.mark.parametrize("round_id", ["ml", "business_case"])
def test_technical_metric_only(round_id: str) -> None:
    raised = flags(round_id, FRAUD, AUC_ONLY, track="ds")
    assert "technical_metric_only" in raised
    assert "AUC" in evidence(raised["technical_metric_only"])
    assert "technical_metric_only" not in flags(round_id, FRAUD, AUC_AND_GMV, track="ds")


def test_technical_metric_only_not_outside_model_rounds() -> None:
    assert "technical_metric_only" not in flags("technical", FRAUD, AUC_ONLY, track="ds")


# --- rigid_plan -----------------------------------------------------------------------

SUBSCRIPTION = "How would you launch a grocery subscription for Hema shoppers?"
PLAN_START = (
    "Families who shop at Hema every week waste time rebuilding the same basket, so I'd "
    "offer a weekly subscription box on the Hema app. "
)
RIGID = PLAN_START + (
    "Phase one is the design and the supplier contracts, and phase two is a full launch to "
    "all users in Q3. The roadmap is fixed once leadership has signed off, and we will "
    "deliver it on schedule. Success is 50,000 subscribers by the end of the year."
)
WITH_KILL = PLAN_START + (
    "My hypothesis is that repeat buyers will keep a box if it saves them ten minutes a "
    "week, so I'd pilot it in two Shanghai stores for six weeks. If fewer than 20% of pilot "
    "households renew after the first month, I'd kill it, and if they do, I'd extend it "
    "city by city. Success is 50,000 subscribers by the end of the year."
)


@pytest.mark.parametrize("round_id", ["product_sense", "hiring_manager"])
def test_rigid_plan(round_id: str) -> None:
    raised = flags(round_id, SUBSCRIPTION, RIGID)
    assert "rigid_plan" in raised
    text = evidence(raised["rigid_plan"])
    assert "full launch to all users" in text and "The roadmap is fixed" in text
    assert "rigid_plan" not in flags(round_id, SUBSCRIPTION, WITH_KILL)


def test_rigid_plan_not_in_system_rounds() -> None:
    assert "rigid_plan" not in flags("technical", SUBSCRIPTION, RIGID)


# --- generic_strategy -----------------------------------------------------------------

GROCERY = "How would you launch Tmall's grocery delivery in a new country?"
GENERIC = (
    "I'd build brand awareness with social media, influencers, search ads and email, "
    "because those reach the most people quickly. We would run a launch campaign with a "
    "hero video and PR, then retarget visitors who did not buy. Success is 100,000 first "
    "orders in the first three months, with a cost per order under 5 dollars."
)
LOCAL = (
    "I'd start in Jakarta with young families in their 30s who already order groceries by "
    "chat, because they buy every week and trust a local seller more than a brand. The "
    "channels are WhatsApp groups run by neighbourhood resellers and live-streams in Bahasa, "
    "since that is where these households compare prices. I'd launch two weeks before "
    "Ramadan, when grocery baskets are largest, and offer cash on delivery because many "
    "buyers have no card. Success is 100,000 first orders in the first three months, with "
    "a cost per order under 5 dollars."
)


@pytest.mark.parametrize("round_id", ROUNDS)
def test_generic_strategy_only_in_market_strategy(round_id: str) -> None:
    raised = flags(round_id, GROCERY, GENERIC, track="pmm")
    assert ("generic_strategy" in raised) == (round_id == "market_strategy")
    assert "generic_strategy" not in flags(round_id, GROCERY, LOCAL, track="pmm")


def test_generic_strategy_evidence() -> None:
    raised = flags("market_strategy", GROCERY, GENERIC, track="pmm")
    assert "social media" in evidence(raised["generic_strategy"])


# --- escalates_first ------------------------------------------------------------------

BLOCKED = "The logistics team won't prioritise the API your launch needs. What do you do?"
ESCALATES = (
    "I'd escalate it to my director the same day, because the launch date matters more "
    "than their backlog. I'd ask the VP to make the final call on priorities so the "
    "logistics team has to build the API. Once leadership decides, I'd update the launch "
    "plan and tell sales the new date, aiming to ship within 4 weeks."
)
ALIGNS_FIRST = (
    "I'd sit down with the logistics lead first to understand their targets, because a team "
    "that says no usually has a reason. Together we'd look for a trade: I'd offer to cut our "
    "API to the two calls we need and have my engineers write the adapter, so it costs them "
    "3 days instead of 3 weeks. We agreed on a shared launch date, and I'd tell sales the "
    "plan the same afternoon, aiming to ship within 4 weeks. Only if we still cannot agree "
    "on a joint plan would I bring it to my director, with both options written up."
)


@pytest.mark.parametrize("round_id", ["stakeholder", "execution"])
def test_escalates_first(round_id: str) -> None:
    raised = flags(round_id, BLOCKED, ESCALATES, track="tpm")
    assert "escalates_first" in raised
    assert "escalate it to my director" in evidence(raised["escalates_first"])
    # Escalation as the last resort, after aligning the parties, is not the flag.
    assert "escalates_first" not in flags(round_id, BLOCKED, ALIGNS_FIRST, track="tpm")


# --- buzzword_salad -------------------------------------------------------------------

LIVESTREAM = "How would you grow engagement for Taobao's livestream shopping?"
SALAD = (
    "To grow livestream engagement on Taobao we need a holistic, data-driven, omnichannel "
    "strategy that leverages the ecosystem play. Hyper-personalisation powered by AI-driven "
    "big data and real-time pipelines creates a shopping flywheel. Private domain traffic, "
    "social fission and a super-app mindset unlock value across the full-funnel. Synergy "
    "between the middle platform and community-led growth hacking empowers livestream "
    "hosts to move the needle on engagement."
)
REASONED = (
    "Viewers leave a livestream within 40 seconds when the first item shown is irrelevant "
    "to them, so I'd personalise the opening item from each viewer's last 30 days of "
    "searches, because relevance in the first minute drives whether they stay. I'd leverage "
    "the existing Taobao search history rather than build a new data-driven pipeline, which "
    "cuts the work to 6 weeks. If average watch time does not rise from 3 to 4 minutes in a "
    "two-week A/B test, I'd drop it."
)


@pytest.mark.parametrize("round_id", ROUNDS)
def test_buzzword_salad_in_every_round(round_id: str) -> None:
    raised = flags(round_id, LIVESTREAM, SALAD)
    assert "buzzword_salad" in raised
    assert len(raised["buzzword_salad"].evidence) >= 2
    assert "holistic, data-driven, omnichannel" in evidence(raised["buzzword_salad"])


def test_a_reasoned_answer_may_use_a_buzzword() -> None:
    # "leverage" and "data-driven" appear, each inside a sentence that reasons.
    assert "buzzword_salad" not in flags("product_sense", LIVESTREAM, REASONED)


# --- non_answer -----------------------------------------------------------------------

RURAL = "How would you reduce failed deliveries for Cainiao parcels in rural areas?"


@pytest.mark.parametrize(
    "answer",
    [
        "I don't know, that is not really my area. Next question.",
        # A refusal of 36 words is still a refusal.
        "Honestly I have no idea how rural deliveries work, so I can't answer that one with "
        "anything useful, and I'd prefer not to guess at numbers I have never seen in my "
        "previous roles at all.",
        "Fine.",
        # Under 40 words, on topic, with no reasoning, number or decision.
        "Deliveries fail a lot in rural areas and it matters. It is a hard problem for the "
        "team and for the customers too.",
    ],
)
def test_non_answer(answer: str) -> None:
    raised = flags("product_sense", RURAL, answer)
    assert "non_answer" in raised
    assert raised["non_answer"].evidence
    assert raised["non_answer"].evidence[0].start >= 0


def test_a_short_answer_with_substance_is_an_answer() -> None:
    answer = (
        "Rural deliveries fail mostly because nobody is home, so I'd let buyers pick a "
        "village store as the drop point; if failed deliveries fall from 12% to 6% in the "
        "pilot county, we expand."
    )
    assert len(answer.split()) < 40
    assert flags("product_sense", RURAL, answer) == {}


def test_non_answer_is_the_only_gap_reported() -> None:
    # Graders name the disqualifying flag, not every gap beside it.
    raised = flags("product_sense", RURAL, "Fine.")
    assert "no_metric" not in raised


# --- scorer 1.5.0: close variants found in answers written in other words --------------

PARTNER_LATE = "A partner team you depend on says they will be three weeks late. What do you do?"


def test_escalation_kept_as_a_last_resort_is_not_escalating_first() -> None:
    last_resort = (
        "First I'd sit with their lead and find out exactly what is late, because it is "
        "usually one piece. I'd offer one of our engineers to write part of the integration "
        "with them reviewing it, and we agree a realistic date together on a shared board. "
        "I'd escalate only if the new date slips again."
    )
    reflex = (
        "After the second missed date I'd go to the regional head and ask them to instruct "
        "the team directly, and I'd copy our own VP so there is pressure from both sides. "
        "Then I'd send reminders and mark their items red in every status report."
    )
    assert "escalates_first" not in flags("stakeholder", PARTNER_LATE, last_resort)
    assert "escalates_first" in flags("stakeholder", PARTNER_LATE, reflex)


BNPL = "Lazada is adding buy-now-pay-later in the Philippines and Vietnam. Take it to market."


def test_country_names_in_market_sizing_do_not_make_a_plan_local() -> None:
    sized_then_generic = (
        "The Philippines has around 115 million people and Vietnam about 100 million, so the "
        "market is worth over 200 million consumers growing at 20 percent. I'd run the "
        "standard three-phase funnel playbook: awareness with social media ads and PR, "
        "consideration with retargeting and email, then conversion with discount codes. "
        "We'd use the same creative in both countries to keep the brand consistent."
    )
    local = (
        "In the Philippines I'd start with young office workers in Manila who already pay "
        "with GCash, because instalments on a phone there replace the credit card most "
        "of them don't have; Filipino creators on TikTok show the checkout step. In Vietnam "
        "the first segment is students buying laptops before Tet, reached through Zalo "
        "groups, in Vietnamese, and I'd measure first BNPL orders per 1,000 visits."
    )
    assert "generic_strategy" in flags("market_strategy", BNPL, sized_then_generic, "pmm")
    assert "generic_strategy" not in flags("market_strategy", BNPL, local, "pmm")


def test_generic_strategy_needs_a_question_that_asks_for_a_plan() -> None:
    dashboard = (
        "During Double 11 you check one dashboard every hour. Which campaign metrics are on "
        "it, and what reading would make you change a channel mid-day?"
    )
    answer = (
        "Four numbers, split by channel: GMV against the plan curve, conversion from campaign "
        "pages, coupon burn against budget, and refund requests. If a live-stream session's "
        "conversion stays below half its first-hour rate for thirty minutes, I'd move its "
        "remaining coupons to search, which converts steadily."
    )
    assert "generic_strategy" not in flags("market_strategy", dashboard, answer, "pmm")


def test_plain_spoken_results_are_metrics() -> None:
    question = "Tell me about a time you changed your mind after committing in public."
    answer = (
        "I had told the seller-services team we'd ship a returns dashboard before the sale. "
        "Reading support chats, I saw sellers could not reject fake return claims, so I went "
        "back to the same group, said I had set the wrong priority, and we built a dispute "
        "button first. The dispute flow cut return tickets by about a third during the sale."
    )
    vague = answer.replace(" by about a third during the sale", "")
    assert "no_metric" not in flags("culture", question, answer)
    assert "no_metric" in flags("culture", question, vague)


def test_nobody_could_have_predicted_is_blame() -> None:
    question = "Tell me about a time your analysis was wrong and someone acted on it."
    blames = (
        "My demand forecast for Double 11 was too high, and the category team ordered too "
        "much stock. But it wasn't really the model: the market changed that year and "
        "consumers spent less. Nobody could have predicted that, and the backtest was fine."
    )
    owns = (
        "My demand forecast for Double 11 was too high, and the category team ordered too "
        "much stock. I had trained on years with heavy subsidies and never checked that "
        "this year had none; that was my mistake. I now backtest on a year like the coming "
        "one and show a range, not a single number."
    )
    assert "blames_external" in flags("culture", question, blames)
    assert "blames_external" not in flags("culture", question, owns)


def test_a_paraphrased_case_answer_is_not_off_topic() -> None:
    question = (
        "During Golden Week, Fliggy hotel booking confirmations slowed down badly and "
        "thousands of orders sat pending for hours. You run the post-mortem. How?"
    )
    answer = (
        "I'd get the booking team, the supplier integration folks and customer service "
        "together within a couple of days while it's fresh. We build the timeline and find "
        "the root cause; my guess is our retries hammering the suppliers' APIs. Then action "
        "items with owners: backoff on retries, circuit breakers per supplier, and alerts on "
        "how long confirmations take, and I follow up every week until each one is closed."
    )
    assert "non_answer" not in flags("execution", question, answer, "tpm")


def test_a_success_story_told_for_a_failure_question_is_a_non_answer() -> None:
    question = "Tell me about a product decision you made that turned out to be wrong."
    dodge = (
        "The one I'm most proud of is the seller onboarding revamp at my last company. New "
        "sellers needed nine days to publish a first listing, so I split the tax form out of "
        "onboarding and let them list first, and time to first listing dropped to four days."
    )
    owned = (
        "The one I got wrong was the seller onboarding revamp at my last company. I split the "
        "tax form out of onboarding so sellers could list first, and a fifth of them never "
        "finished it, so their listings were hidden after fourteen days. I should have tested "
        "the reminder flow before I shipped, and I now pilot any deferred step on one region."
    )
    assert evidence(flags("hiring_manager", question, dodge)["non_answer"]).startswith(
        "The one I'm most proud of"
    )
    assert "non_answer" not in flags("hiring_manager", question, owned)
    # The same success story is an answer to a question that asks for one.
    asked_for_success = "Tell me about the product decision you are most proud of."
    assert "non_answer" not in flags("hiring_manager", asked_for_success, dodge)


def test_disowning_a_decision_is_not_owning_the_miss() -> None:
    question = "Tell me about a time you had to move a date you had committed to."
    answer = (
        "I committed to launch our membership page for 11.11, and then the payment team "
        "delayed their API by three weeks. I can't control other teams' resources, so the "
        "date moved. It wasn't really my decision; the situation forced it."
    )
    assert "blames_external" in flags("culture", question, answer)


def test_a_manager_asking_a_question_is_not_passive_ownership() -> None:
    question = "Tell me about a time you changed your mind after committing in public."
    answer = (
        "I had promised the team a returns dashboard before the sale, then saw in support "
        "chats that sellers could not reject fake claims. I told the same group I had set the "
        "wrong priority and proposed a dispute button first. My manager asked why I had not "
        "caught it earlier. The dispute flow cut return tickets by about a third."
    )
    assert "passive_ownership" not in flags("culture", question, answer)
    told = answer.replace("My manager asked why I had not caught it earlier.", "")
    told = "My manager asked me to build a returns dashboard before the sale. " + told.replace(
        "I had promised the team a returns dashboard before the sale, then saw",
        "I built what I was told and did what I was asked, then saw",
    )
    assert "passive_ownership" in flags("culture", question, told)


def test_the_dodge_gets_its_own_fix() -> None:
    question = "Tell me about a campaign whose results disappointed you."
    dodge = (
        "The campaign I'm proudest of was a back-to-school push on Tmall. We found parents, "
        "not students, made the final purchase, so we rewrote the creative around warranty "
        "and ran it in parenting groups, and sales rose 70 percent year on year."
    )
    result = score("pmm", "hiring_manager", question, dodge)
    assert result.improvements[0].startswith("The question asks for a time something went wrong")


# --- close calls a reviewer wrote against scorer 1.5.0's first draft -------------------
# Each is a realistic answer that the first draft of a 1.5.0 rule got wrong: a strong
# answer it flagged, or a flagged pattern it excused. tests/scoring/close_calls.json.

CLOSE_CALLS = json.loads((Path(__file__).parent / "close_calls.json").read_text("utf-8"))


@pytest.mark.parametrize(
    "case", [c for c in CLOSE_CALLS if "expect" in c], ids=lambda c: str(c["name"])
)
def test_close_call(case: dict[str, str]) -> None:
    got = flags(case["round"], case["q"], case["a"], case.get("track", "pm"))
    if case["expect"] == "present":
        assert case["flag"] in got
    else:
        assert case["flag"] not in got


def test_right_now_i_lead_is_not_a_lesson() -> None:
    by_name = {c["name"]: c for c in CLOSE_CALLS}
    with_line = by_name["R1 no reflection, 'Right now I'"]
    without = by_name["R2 same without last sentence"]

    def reflection(case: dict[str, str]) -> int:
        result = score("pm", case["round"], case["q"], case["a"])
        return next(c.score for c in result.criteria if c.id == "reflection")

    assert "Right now I lead" in with_line["a"]
    assert reflection(with_line) == reflection(without)


def test_the_humble_brag_is_a_dodge() -> None:
    question = "Tell me about a time you failed."
    brag = (
        "Honestly my biggest failure is that I care too much about quality, so I sometimes "
        "spend an extra week polishing a launch. On my last release that extra week meant the "
        "onboarding flow was flawless, and activation went up 12 percent."
    )
    real = (
        "I cared too much about one launch date: I shipped seller onboarding on schedule with "
        "the tax step untested, and a fifth of new sellers got stuck there. That was my call. "
        "I pulled the step behind a flag within two days, and I now test every blocking step "
        "with ten real sellers before a date is set."
    )
    assert "non_answer" in flags("culture", question, brag)
    assert "non_answer" not in flags("culture", question, real)


def test_looping_in_the_directors_from_day_one_is_escalating() -> None:
    question = "Sales wants a feature on the roadmap that engineering says costs a quarter."
    answer = (
        "From day one I'd loop in both our directors so they can weigh in on the priority "
        "call, and I'd ask my VP to talk to their VP so the decision comes from the top. "
        "Then engineering and sales follow the call they make."
    )
    assert "escalates_first" in flags("stakeholder", question, answer)


def test_work_that_came_down_from_above_is_passive() -> None:
    question = "Tell me about a time you had to adapt quickly to a big change at work."
    passive = (
        "A reorganisation came down from above and our roadmap was replaced overnight. My "
        "role became making sure the team delivered what leadership wanted, so I kept the "
        "status reports up to date and stayed flexible, and we shipped it in the quarter."
    )
    active = (
        "A reorganisation replaced our roadmap overnight. I listed what we had half built, "
        "proposed keeping the two pieces the new plan could reuse, and cut the rest that "
        "week, which saved about six engineer-weeks; we shipped the new plan in the quarter."
    )
    assert "passive_ownership" in flags("culture", question, passive)
    assert "passive_ownership" not in flags("culture", question, active)
