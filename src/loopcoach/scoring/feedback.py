"""Strengths, improvements and the follow-up probe, each traced to a criterion or flag."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from loopcoach.scoring.criteria import CriterionResult
from loopcoach.scoring.flags import EVERY, FLAG_FIX, VOID_NOTE, VOIDS, FlagHit, voided_by
from loopcoach.scoring.rubric import CRITERIA
from loopcoach.scoring.signals import AnswerSignals
from loopcoach.scoring.text import content_stems
from loopcoach.scoring.types import Coverage

RETRY = "That didn't answer the question. Take it again:"

PROBE_BY_CRITERION = {
    "scale": "Traffic is ten times what you planned for at peak. What breaks first, and what "
    "do you change?",
    "tradeoffs": "What did you give up with that design, and why was it worth it?",
    "integration": "Which existing systems or data would you reuse, and what would you refuse "
    "to rebuild?",
    "failure_modes": "Walk me through the worst failure on launch day. How do you detect it "
    "and what happens to the user?",
    "metrics": "How would you know in the first week that this is working? Give the metric and "
    "the number.",
    "user_problem": "Who exactly is the user, and what evidence tells you this is their real "
    "problem?",
    "solution": "What is the smallest version you would ship first, concretely?",
    "ecosystem": "Which parts of the wider platform would you build on, and why those?",
    "segmentation": "Which segment comes first, and why that one over the others?",
    "channels": "Why those channels for that segment? What would you cut if the budget halved?",
    "localisation": "What in this plan would change in a different country, and why?",
    "timing": "The launch slips two weeks. What changes in your plan?",
    "alignment": "The other team still disagrees after your meeting. What do you do next?",
    "adaptation": "A partner team misses its date by two weeks. How does your plan adapt?",
    "communication": "Who hears about the change first, from whom, and with what message?",
    "outcome": "How did it turn out, in numbers?",
    "dependencies": "Which dependency is on the critical path, and what is your plan if it slips?",
    "risk": "What is the risk you are most worried about, and what is its early warning sign?",
    "milestones": "What are the checkpoints between now and launch, and what decision does "
    "each one gate?",
    "delivery_metrics": "What numbers would you report weekly to show the program is on track?",
    "business_metric": "Which business KPI does this move, and by how much would justify it?",
    "baseline_first": "What is the simplest baseline, and how much better must the model be "
    "to be worth it?",
    "cost_latency": "The model costs too much to serve at peak. What do you change?",
    "data_quality": "Half the labels turn out to be wrong or missing. What do you do?",
    "experiment": "Design the experiment: the unit, the metric, the duration and the decision "
    "rule.",
    "method": "Why that method over a simpler one?",
    "latency": "You have 50 ms per request on a mid-range phone. How does the design change?",
    "evaluation": "How would you evaluate it offline and then online, and what links the two?",
    "scope": "How big was it: users, money, team, time?",
    "decisions": "What was the hardest decision you made yourself, and what did it cost?",
    "result": "What was the measurable result, and how much of it was due to you?",
    "reflection": "What would you do differently now, and what did it change in how you work?",
    "ownership": "Which decision in that story was yours alone?",
    "resilience": "What was the lowest point, and what did you do the next day?",
    "specificity": "Give me the specifics: names, numbers, dates.",
    "motivation": "Why this role, here, now, rather than the one you have?",
    "role_fit": "Which part of your experience maps most directly to this role?",
    "clarity": "Give me that again in two sentences.",
}


def shown_criteria(criteria: list[CriterionResult], hits: list[FlagHit]) -> list[CriterionResult]:
    """The criteria as the candidate sees them: one a flag's definition contradicts is 0,
    with the flag's note and no evidence, so that "no measurable outcome" never sits beside
    a metrics score of 3 and a non-answer shows no criterion met. The grade is computed
    from the criteria as read, not from these."""
    out = []
    for c in criteria:
        flag = voided_by(c.id, hits)
        out.append(c if flag is None else replace(c, score=0, evidence=(), note=VOID_NOTE[flag]))
    return out


def strengths(
    round_id: str, sig: AnswerSignals, criteria: list[CriterionResult], hits: list[FlagHit]
) -> list[str]:
    """What the answer does well; nothing for an answer a flag voids whole (a non-answer,
    buzzwords), whose parts are not counted. `criteria` as shown (`shown_criteria`)."""
    if any(VOIDS[h.id] is EVERY for h in hits):
        return []
    out = [f"{c.id.replace('_', ' ').capitalize()}: {c.note}" for c in criteria if c.score >= 3]
    if sig.count("tradeoff") >= 2 and not any(
        c.id == "tradeoffs" and c.score >= 3 for c in criteria
    ):
        out.append("You state what you give up, not only what you gain.")
    if sig.count("quantified") >= 1 and not any(h.id == "no_metric" for h in hits):
        out.append("Numbers are tied to decisions or outcomes, not decoration.")
    if sig.count("reflection") and round_id in {"culture", "hiring_manager", "execution"}:
        out.append("You draw a lesson from what happened.")
    return out[:5]


def improvements(
    round_id: str,
    sig: AnswerSignals,
    criteria: list[CriterionResult],
    hits: list[FlagHit],
    coverage: Coverage | None,
) -> list[str]:
    out = [h.fix or FLAG_FIX[h.id] for h in hits]
    for c in sorted(criteria, key=lambda c: (c.score, c.id)):
        # A criterion a flag voids is said by that flag's fix, already first.
        if c.score <= 2 and len(out) < 5 and voided_by(c.id, hits) is None:
            out.append(_advice(c))
    if coverage is not None:
        missed = [p.point for p in coverage.points if not p.covered]
        if missed:
            out.append("Not yet covered: " + "; ".join(missed[:3]))
    if not out:
        weakest = min(criteria, key=lambda c: (c.score, c.strength, c.id))
        if weakest.score < 4:
            out.append("To reach the top grade: " + _advice(weakest).split(": ", 1)[1])
    return out[:6]


def _advice(c: CriterionResult) -> str:
    """What to do about one criterion: an action tied to what the answer lacks, quoting
    where the answer starts on it ("You start on it in '...'; ...")."""
    label = c.id.replace("_", " ").capitalize()
    action = TO_IMPROVE.get(c.id, "add the specifics: names, numbers and the reason.")
    if c.score > 0 and c.evidence:
        quote = c.evidence[0].text.strip()
        if len(quote) > 90:
            quote = quote[:87].rsplit(" ", 1)[0] + "..."
        return f'{label}: you start on it in "{quote}", but {action}'
    return f"{label}: {action[0].upper()}{action[1:]}"


# For each criterion, the action that would raise it, in the second person: an
# improvement is something the candidate can do, never a restatement of what they did.
TO_IMPROVE = {
    "motivation": "say what draws you to this role in particular, with one thing from your "
    "past that shows it.",
    "role_fit": "map two things you have done to what this role does every week.",
    "clarity": "lead with your answer in one sentence, then the reasons, in short sentences.",
    "scope": "give the size of the work: how many users, how much money, how many teams.",
    "decisions": "name the call you made yourself, the options you weighed and why you chose.",
    "result": "give the result as a number against the target, and what it changed.",
    "reflection": "say what you would do differently and what you now do because of it.",
    "scale": "give the peak load you design for and the mechanism that absorbs it.",
    "tradeoffs": "say what your choice gives up, and why that is worth it here.",
    "integration": "say which existing systems or data you would reuse, and what you would "
    "refuse to rebuild.",
    "failure_modes": "name the worst failure, how you would detect it and what the user sees.",
    "metrics": "name the success metric with a target, and one guardrail metric.",
    "user_problem": "name one user segment and the concrete pain you solve for them.",
    "solution": "describe what you would build, step by step, and how the user meets it.",
    "ecosystem": "say which of the platform's assets (payments, logistics, traffic) you "
    "would build on, and why.",
    "segmentation": "pick the segments you would go after first and why each is worth it.",
    "channels": "choose the channels for each segment and say why they reach it.",
    "localisation": "say what in this market's behaviour changes the plan.",
    "timing": "give the sequence and the dates, and what decides each step.",
    "alignment": "say how you would get the parties to agree, before any escalation.",
    "adaptation": "say what you would change in your own plan when the other side slips.",
    "communication": "say who you would tell what, when, and in which forum.",
    "outcome": "say how it ended, with a number where you have one.",
    "dependencies": "list the dependencies on the critical path and who owns each.",
    "risk": "name the biggest risk, its early warning sign and your fallback.",
    "milestones": "give the milestones with dates and what must be true at each.",
    "delivery_metrics": "say how you track delivery: dates hit, scope shipped, defects.",
    "business_metric": "tie the work to the business number it moves, with a target.",
    "baseline_first": "say what the baseline is and how you would measure it first.",
    "cost_latency": "give the cost and latency budget and how the design fits it.",
    "data_quality": "say what is wrong with the data (skew, missing labels, bots) and what "
    "you do about it.",
    "experiment": "say how you would test it: the split, the metric and how long.",
    "method": "name the method and why it fits this data better than the alternative.",
    "latency": "give the latency budget and what you cut to meet it.",
    "evaluation": "say how you evaluate it offline and online, and what number ships it.",
    "ownership": "say what you decided and did yourself, in the first person.",
    "resilience": "say what you did when it went wrong, and how you kept going.",
    "specificity": "add the names, numbers and dates of the real case.",
}


def follow_up(
    round_id: str,
    question: str,
    criteria: list[CriterionResult],
    hits: list[FlagHit],
    probes: Sequence[str],
) -> tuple[str, str]:
    """The probe aimed at the weakest criterion (a pack probe that names it, else ours),
    with that criterion's id; a non-answer is asked the question again.

    The weakest is the lowest as the candidate sees it (`criteria` as shown), and among
    equals the one a raised flag contradicts (the committee grills the red flag), then the
    least evidenced, then the first in the round's rubric: one cannot grill a solution
    before the user it is for. A criterion the answer covers well is never asked for again.
    """
    if any(h.id == "non_answer" for h in hits):
        # When the question was itself this retry prompt, do not nest the prefix.
        asked = question.strip().removeprefix(RETRY).strip()
        return RETRY + " " + asked[:300], ""
    order = {c: i for i, c in enumerate(CRITERIA.get(round_id, ()))}
    weakest = min(
        criteria,
        key=lambda c: (
            c.score,
            voided_by(c.id, hits) is None,
            c.strength,
            order.get(c.id, len(order)),
        ),
    )
    cue = set(
        content_stems(weakest.id.replace("_", " ") + " " + PROBE_BY_CRITERION.get(weakest.id, ""))
    )
    best: tuple[int, str] | None = None
    for probe in probes:
        overlap = len(cue & set(content_stems(probe)))
        if overlap and (best is None or overlap > best[0]):
            best = (overlap, probe)
    if best is not None:
        return best[1], weakest.id
    return PROBE_BY_CRITERION.get(weakest.id, "What would you do differently, and why?"), weakest.id
