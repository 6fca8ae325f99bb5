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


def __getattr__(name: str) -> object:
    # FLAG_WHY lives with each flag (scoring/flags/); it is also found here, where the
    # rounds and criteria are, without importing the flags at start-up.
    if name == "FLAG_WHY":
        from loopcoach.scoring.flags import FLAG_WHY

        return FLAG_WHY
    raise AttributeError(name)
