"""The rounds, their criteria and the red flags of bench/GRADING.md, as the scorer knows them."""

from __future__ import annotations

CRITERIA: dict[str, tuple[str, ...]] = {
    "screen": ("motivation", "role_fit", "clarity"),
    "hiring_manager": ("scope", "decisions", "result", "reflection"),
    "technical": ("scale", "tradeoffs", "integration", "failure_modes", "metrics"),
    "product_sense": ("user_problem", "solution", "metrics", "tradeoffs", "ecosystem"),
    "market_strategy": ("segmentation", "channels", "localisation", "timing", "metrics"),
    "stakeholder": ("alignment", "adaptation", "communication", "outcome"),
    "execution": ("dependencies", "risk", "milestones", "delivery_metrics", "reflection"),
    "business_case": (
        "business_metric",
        "baseline_first",
        "cost_latency",
        "data_quality",
        "experiment",
    ),
    "ml": ("method", "data_quality", "scale", "latency", "evaluation"),
    "culture": ("ownership", "resilience", "reflection", "specificity"),
}
ROUNDS: tuple[str, ...] = tuple(CRITERIA)

FLAG_WHY: dict[str, str] = {
    "blames_external": "Committees read a miss put on the market, other teams or luck, with "
    "no decision of your own, as a lack of ownership; the reported debriefs treat it as "
    "disqualifying.",
    "passive_ownership": "Work framed as assigned to you hides your judgement; the committee "
    "cannot tell what you would have done unprompted.",
    "no_metric": "Without a measurable outcome or target the committee cannot tell whether it "
    "worked or how you would know.",
    "ignores_scale": "At this company's traffic, a design with no thought for peaks, concurrency "
    "or latency fails on the first festival day.",
    "technical_metric_only": "A model metric with no link to a business KPI or cost tells the "
    "committee nothing about value; debriefs reject it.",
    "rigid_plan": "A roadmap treated as a fixed contract, with no hypothesis or kill criterion, "
    "shows no judgement about what happens when the data disagrees.",
    "generic_strategy": "A go-to-market plan that would read the same in any country shows no "
    "market sense: no segments, channels or local behaviour.",
    "escalates_first": "Going to leadership before aligning the parties reads as an inability "
    "to influence without authority.",
    "buzzword_salad": "Terms strung together without a mechanism, number or reason read as "
    "memorised vocabulary rather than understanding.",
    "non_answer": "The answer does not address the question asked, so nothing in it can be "
    "credited, however polished it is.",
}
