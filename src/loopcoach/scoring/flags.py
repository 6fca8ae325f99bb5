"""Red-flag detectors: each looks for the pattern GRADING.md names and returns its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from loopcoach.scoring import cues
from loopcoach.scoring import lexicon as lx
from loopcoach.scoring.filler import is_term_list
from loopcoach.scoring.rubric import FLAG_WHY
from loopcoach.scoring.signals import AnswerSignals
from loopcoach.scoring.text import Sentence, content_stems

FLAG_IDS: tuple[str, ...] = tuple(FLAG_WHY)
STORY_ROUNDS = {"culture", "hiring_manager", "screen"}
SCALE_ROUNDS = {"technical", "ml", "business_case"}
METRIC_EXEMPT = {"screen"}
NON_ANSWER_WORDS = 40
STRAY_WORDS = 12
TERM_LIST_FIX = (
    "The answer is a list of terms with nothing joining them. Make each one a sentence: what "
    "you would do, why, and the number that would tell you it worked."
)


@dataclass(frozen=True)
class FlagHit:
    id: str
    evidence: tuple[Sentence, ...]
    strength: float
    # How to fix this particular case, where the flag's general fix says less.
    fix: str = ""


def _spans(sig: AnswerSignals, pattern: object, limit: int = 2) -> list[Sentence]:
    return [s.sentence for s in sig.sentences if pattern.search(s.sentence.text)][:limit]  # type: ignore[attr-defined]


def _first(sig: AnswerSignals) -> tuple[Sentence, ...]:
    return (sig.sentences[0].sentence,) if sig.sentences else ()


def detect(
    round_id: str, sig: AnswerSignals, on_topic: float, question: str = "", asks: str = ""
) -> list[FlagHit]:
    out: list[FlagHit] = []
    n_sent = max(1, len(sig.sentences))
    substantive = sig.count("substantive")
    decisions = sig.count("decision")

    # non_answer: too short, a refusal, or about something other than the question.
    refusal = _spans(sig, lx.REFUSAL)
    # Stray figures ("We had 14 people on the floor") do not lengthen an answer: a short
    # sentence with a figure, no reasoning, no decision and nothing of the question's
    # subject is not counted towards the guide's "about 40 words".
    asked = set(sig.focus_terms)
    counted = sum(
        s.words
        for s in sig.sentences
        if not (
            s.numbers
            and s.words <= STRAY_WORDS
            and any(ch.isdigit() for ch in s.sentence.text)
            and not (s.substantive or s.decision or s.metric)
            and not asked & set(content_stems(s.sentence.text))
        )
    )
    if counted < NON_ANSWER_WORDS and (substantive == 0 or counted < 15):
        out.append(FlagHit("non_answer", _first(sig), 1.0))
    elif refusal and sig.word_count < 80 and substantive <= 1:
        out.append(FlagHit("non_answer", tuple(refusal), 0.9))
    # Answers to another question, refusals of the premise and dodges of a failure
    # question are the relevance judgement's (relevance.py), not a phrase list's.

    # buzzword_salad: terms strung together, little reasoning.
    buzz = sum(s.buzz for s in sig.sentences)
    buzz_density = 100.0 * buzz / max(sig.word_count, 1)
    if buzz >= 3 and buzz_density >= 3.0 and sig.substantive_share < 0.45:
        spans = [s.sentence for s in sig.sentences if s.buzz][:3]
        out.append(FlagHit("buzzword_salad", tuple(spans), min(1.0, buzz_density / 6)))
    elif is_term_list(sig.text) and not any(h.id == "non_answer" for h in out):
        # Terms with nothing joining them: the guide's "without mechanisms or reasoning".
        out.append(FlagHit("buzzword_salad", _first(sig), 0.9, TERM_LIST_FIX))

    # no_metric: no measurable outcome, target or success metric. Graders name the
    # disqualifying flag, not every gap, so it is not added beside those.
    primary = {"non_answer"}
    if round_id not in METRIC_EXEMPT and not any(h.id in primary for h in out):
        quantified = sig.count("quantified")
        measured = sum(
            1
            for s in sig.sentences
            if lx.METRIC_NOUN.search(s.sentence.text)
            and (s.condition or s.hypothesis or s.kill or lx.MEASURE.search(s.sentence.text))
        )
        if quantified == 0 and measured == 0:
            out.append(FlagHit("no_metric", _first(sig), 0.8))

    # blames_external: a miss put on others with no decision of one's own named.
    external = [
        s.sentence
        for s in sig.sentences
        if lx.EXTERNAL.search(s.sentence.text) or _OTHERS_MISSED.search(s.sentence.text)
    ][:3]
    # A decision of one's own that the miss came from: owning words, or a first-person
    # decision in a sentence that names the miss. What the candidate did afterwards to
    # recover is not a decision about the miss.
    owned = [
        s.sentence
        for s in sig.sentences
        if (
            _OWN_MISS.search(s.sentence.text)
            or (_OWN_DECISION.search(s.sentence.text) and lx.MISS.search(s.sentence.text))
        )
        and not _DISOWNED.search(s.sentence.text)
        and not _OTHERS_MISSED.search(s.sentence.text)
    ]
    others_missed = any(_OTHERS_MISSED.search(x.text) for x in external)
    if external and not owned and (len(external) >= 2 or others_missed or _spans(sig, lx.MISS)):
        out.append(FlagHit("blames_external", tuple(external), 0.9))

    # passive_ownership: framed as assigned, little initiative.
    passive = _spans(sig, lx.PASSIVE, 3)
    if passive and decisions <= 1 + len(passive) // 2:
        out.append(FlagHit("passive_ownership", tuple(passive), 0.8))

    # ignores_scale: a system or model with no thought for load, peaks or latency.
    # GRADING.md: "proposes a system or model". An explanation, a diagnosis or a call
    # between two options proposes neither, so it cannot ignore the scale of one.
    if round_id in SCALE_ROUNDS and asks in ("", "design", "plan"):
        scale = [
            s
            for s in sig.sentences
            if cues.SCALE.search(s.sentence.text) or cues.COST_LATENCY.search(s.sentence.text)
        ]
        if not scale:
            out.append(FlagHit("ignores_scale", _first(sig), 0.8))

    # technical_metric_only: model metrics with no business metric or cost.
    if round_id in {"ml", "business_case"}:
        tech = _spans(sig, cues.TECH_ONLY_METRIC)
        business = _spans(sig, _BUSINESS_LINK)
        if tech and not business:
            out.append(FlagHit("technical_metric_only", tuple(tech), 0.8))

    # rigid_plan: a fixed roadmap with no hypothesis, test or kill criterion.
    if round_id in {
        "product_sense",
        "hiring_manager",
        "market_strategy",
        "execution",
        "stakeholder",
    }:
        rigid = _spans(sig, lx.RIGID, 3)
        flexible = sig.count("kill") + sig.count("hypothesis") + sig.count("condition")
        if len(rigid) >= 2 and flexible == 0:
            out.append(FlagHit("rigid_plan", tuple(rigid), 0.8))
        elif len(rigid) >= 1 and flexible == 0 and sig.count("mechanism") <= 1:
            out.append(FlagHit("rigid_plan", tuple(rigid), 0.6))

    # generic_strategy: a go-to-market plan with nothing local. A market_strategy question
    # that asks for something else (which numbers sit on a campaign dashboard, how to
    # split a budget) is not answered with a go-to-market plan.
    if round_id == "market_strategy" and (
        not question or (cues.GTM_ASK.search(question) and not cues.NOT_GTM_ASK.search(question))
    ):
        local = [
            s.sentence
            for s in sig.sentences
            if cues.LOCAL.search(s.sentence.text) and not cues.MARKET_SIZE.search(s.sentence.text)
        ]
        segments = _spans(sig, cues.SEGMENT, 5)
        stock = len(cues.GENERIC_CHANNEL.findall(sig.text))
        one_size = [
            s.sentence
            for s in sig.sentences
            if cues.ONE_SIZE.search(s.sentence.text) and not lx.NEGATION.search(s.sentence.text)
        ][:2]
        if (
            (len(local) <= 1 and len(segments) <= 1)
            or (stock >= 3 and len(local) <= 1)
            or (one_size and len(local) <= 2)
        ):
            out.append(FlagHit("generic_strategy", tuple(one_size) or _first(sig), 0.8))

    # escalates_first: goes to leadership rather than aligning the parties.
    # An escalation kept as the last step ("only if it slips again") is not a reflex.
    escalating = [
        i
        for i, s in enumerate(sig.sentences)
        if lx.ESCALATE.search(s.sentence.text) and not lx.LAST_RESORT.search(s.sentence.text)
    ]
    escalate = [sig.sentences[i].sentence for i in escalating[:2]]
    if escalate:
        align = sum(1 for s in sig.sentences if lx.ALIGN.search(s.sentence.text))
        first_escalation = escalating[0]
        if align <= 1 or first_escalation < n_sent / 2:
            out.append(FlagHit("escalates_first", tuple(escalate), 0.9))
    ids = {h.id for h in out}
    if ids & {"blames_external", "technical_metric_only", "rigid_plan"}:
        out = [h for h in out if h.id != "no_metric"]
    if "non_answer" in ids:
        # Graders name the disqualifying flag, not every gap of an answer that is no answer.
        out = [h for h in out if h.id not in ("no_metric", "ignores_scale")]
    return out


_OWN_MISS = lx._family(
    r"\bon me\b",
    r"\bmy (?:own )?(?:mistake|decision|call|fault|bet)\b",
    r"\bI should have\b",
    r"\bI was wrong\b",
    r"\bI underestimated\b",
    r"\bI misjudged\b",
    r"\bwas mine\b",
    r"\bI(?:'d| had)? (?:set|made|picked|backed) the wrong\b",
    r"\bI (?:had )?assumed\b",
    r"\bI own(?:ed)? (?:that|it|the)\b",
    r"\bmy part\b",
    r"\bI missed\b",
)
_OWN_DECISION = lx._family(r"\bI (?:cut|chose|decided|pushed|committed|planned|promised|bet)\b")
# From GRADING.md's blames_external ("puts a miss on the market, the platform, other teams
# or luck"): another party as the subject of a miss, in any words.
_OTHERS_MISSED = lx._family(
    r"\b(?:the|another|other|our|their|a) (?:\w+ ){0,2}(?:team|teams|vendor|vendors|partner|"
    r"partners|agency|supplier|suppliers|platform|competitor|competitors|engineers|"
    r"engineering|leadership|management|client|regulator)(?:'s)? (?:\w+ ){0,2}(?:missed|failed|"
    r"underestimated|delayed|never delivered|didn't deliver|did not deliver|was late|were late|"
    r"delivered late|slipped|changed|broke|took us down|pulled out|let us down|kept changing)\b",
    r"\b(?:engineering|leadership|management|legal|finance|sales|marketing|ops|operations) "
    r"(?:\w+ ){0,2}(?:missed|failed|underestimated|never delivered|didn't deliver|was late|"
    r"slipped|kept changing|changed (?:the|their|our))\b",
    r"\b(?:the )?market (?:\w+ )?(?:went|turned|moved) against us\b",
    r"\bout of (?:our|my) hands\b",
    r"\bnot (?:really )?(?:ours|mine) to own\b",
    r"\b(?:came|comes) down to (?:bad )?luck\b",
)
# "It wasn't really my decision" names a decision in order to disown it.
_DISOWNED = lx._family(
    r"\b(?:wasn't|was not|isn't|is not) (?:really |even |entirely )?(?:on )?my\b",
)
_BUSINESS_LINK = lx._family(
    *cues.BUSINESS.patterns,
    r"\bper (?:order|user|request)\b",
    r"\bserv(?:e|ing) cost\b",
    r"\bmoney\b",
    r"\bbudget\b",
    r"\bcost\b",
)
