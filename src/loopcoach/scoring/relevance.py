"""Does the answer answer the question? The relevance judgement, with its evidence.

A grade is about substance, but substance given to another question is worth nothing
(bench/GRADING.md, `non_answer`). This module decides, before any criterion is read,
what the question asks for (from the pack's `asks_for`, else inferred from its text; the
kinds are in `asks.py`) and whether the answer delivers that kind of answer, on that
subject. It says why when it does not: "the question asks for a time something went
wrong; the answer tells of a success".

Three readings, each general and each with its evidence:

1. the premise refused ("I haven't really had a situation like that") or the case
   answered only with questions back to the interviewer;
2. the kind of answer: a setback story needs a setback in it, a disagreement story
   someone who disagreed, a story the candidate's own past, a motivation the
   candidate's reasons, a diagnosis a look for causes, a design a proposal rather than
   a past project, a stakeholder plan the people in it;
3. the subject: how close the answer is to the question, by word overlap (`signals`)
   and by meaning (`meaning.py`, static vectors distilled from MiniLM), so that a
   paraphrase stays on topic and a polished answer to another question does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from loopcoach.scoring import cues
from loopcoach.scoring import relevance_cues as rc
from loopcoach.scoring.asks import ASK_IDS, ASKS
from loopcoach.scoring.cuecompile import Cue
from loopcoach.scoring.signals import AnswerSignals
from loopcoach.scoring.text import Sentence
from loopcoach.scoring.types import RelevanceVerdict, Span

STORY_ROUNDS = frozenset({"culture", "hiring_manager", "screen"})
_ROUND_DEFAULT = {
    "screen": "story",
    "culture": "story",
    "hiring_manager": "story",
    "stakeholder": "plan",
    "execution": "plan",
    "market_strategy": "plan",
    "technical": "design",
    "product_sense": "design",
    "ml": "design",
    "business_case": "design",
}
# What the answer did instead, in the words the feedback uses.
INSTEAD = {
    "refusal": "turns down the premise instead of telling one",
    "clarifying": "only asks clarifying questions and never gives an answer",
    "success": "tells of a success, with nothing in it that went wrong",
    "no_setback": "tells a story in which nothing goes wrong",
    "no_conflict": "tells a story in which nobody disagrees or has to be won over",
    "no_story": "speaks in general terms and tells no story of your own",
    "facts": "gives facts about the market or the company, not your own reasons",
    "no_diagnosis": "proposes what to do without looking for why it happened",
    "past_project": "recounts a past project instead of answering the case that was asked",
    "substitute": "puts another story, chosen by the candidate, in place of the one asked for",
    "no_people": "designs a system, but says nothing about the people you would have to "
    "bring along",
    "off_topic": "is about another subject than the one asked",
    "no_model": "designs something other than a model: no method, data or evaluation in it",
}
# Without the meaning table (a checkout that has not built it), a case answer that takes
# up almost none of the question's weighted terms is off topic, as in scorer 1.5.0;
# stories paraphrase (a fifth of loopcoach's share no term with their question), so
# overlap alone never judges a story.
LEXICAL_OFF = 0.04
# Closeness is the centred meaning cosine (model.meaning_topic) plus OVERLAP_WEIGHT times
# the word overlap: on loopcoach's own corpus the two together told its answers from the
# same answers moved to other questions better than either (case rounds: AUC 0.96 against
# 0.94 for meaning alone). Below its floor an answer is further from its question than 99
# in 100 of loopcoach's own answers to theirs (scripts/build_meaning_centre.py).
OVERLAP_WEIGHT = 0.6
try:
    from loopcoach.scoring._meaning_centre import CASE_DOUBT as MEANING_DOUBT_CASE
    from loopcoach.scoring._meaning_centre import CASE_FLOOR as MEANING_OFF_CASE
    from loopcoach.scoring._meaning_centre import STORY_DOUBT as MEANING_DOUBT_STORY
    from loopcoach.scoring._meaning_centre import STORY_FLOOR as MEANING_OFF_STORY
except ImportError:  # pragma: no cover - only before the table is first built
    MEANING_OFF_CASE, MEANING_OFF_STORY = -1.0, -1.0
    MEANING_DOUBT_CASE, MEANING_DOUBT_STORY = -1.0, -1.0
# Between the doubt floor (further from its question than 9 in 10 of loopcoach's own
# answers) and the off-topic floor (99 in 100) an answer may still be a paraphrase, so it
# is not called a non-answer; its doubt grows from 0 at the doubt floor to 1 at the
# off-topic floor, and at most DOUBT_MAX below it. The grade model lowers the grade by
# `model.DOUBT_GAIN` times the doubt: a polished answer to a neighbouring question falls
# to "lean no hire" instead of keeping a hire grade on its substance.
DOUBT_MAX = 1.5
# A story opened as the candidate's proudest, this far from a plain story question, is
# another story put in the asked one's place (half of loopcoach's own stories sit above).
SUBSTITUTE_FAR = 0.05
# A short probe names too little for overlap to judge whether the answer is about it.
MIN_FOCUS = 5


@dataclass(frozen=True)
class Relevance:
    """What the question asks for, whether the answer delivers it, and why not."""

    asks_for: str
    inferred: bool
    answers: bool
    topic: float
    kind_fit: float
    instead: str = ""
    evidence: tuple[Sentence, ...] = ()
    doubt: float = 0.0

    @property
    def reason(self) -> str:
        if self.answers:
            return ""
        return f"The question asks for {ASKS[self.asks_for]}; the answer {INSTEAD[self.instead]}."

    @property
    def doubt_reason(self) -> str:
        """Why the grade was lowered for distance from the question, or ''."""
        if not self.answers or self.doubt <= 0:
            return ""
        return (
            "The answer reads as far from what the question is about: further from it than "
            "nine in ten answers written to their own questions. Name the question's subject "
            "in your own words and keep the answer on it."
        )

    def verdict(self, answer: str) -> RelevanceVerdict:
        """The judgement as the Assessment carries it, its evidence as spans of `answer`."""
        return RelevanceVerdict(
            self.asks_for,
            self.inferred,
            self.answers,
            self.instead,
            self.reason,
            tuple(Span(s.start, s.end, answer[s.start : s.end]) for s in self.evidence),
            round(self.doubt, 4),
            self.doubt_reason,
        )


def infer_asks(question: str, round_id: str) -> str:
    """The kind of answer a question wants, from its wording, else from its round."""
    q = question.strip()
    if not q:
        return _ROUND_DEFAULT.get(round_id, "design")
    if rc.MOTIVATION_ASK.search(q):
        return "motivation"
    if round_id in STORY_ROUNDS and not rc.STORY_ASK.search(q) and rc.SETBACK_ASK.search(q):
        return "setback_story"  # "What is your greatest weakness?"
    if rc.STORY_ASK.search(q) or (round_id in STORY_ROUNDS and rc.STORY_ASK_WEAK.search(q)):
        if rc.SETBACK_ASK.search(q):
            return "setback_story"
        if rc.CONFLICT_ASK.search(q):
            return "conflict_story"
        if round_id in STORY_ROUNDS or not (rc.DESIGN_ASK.search(q) or rc.DIAGNOSIS_ASK.search(q)):
            return "story"
    if rc.DIAGNOSIS_ASK.search(q):
        return "diagnosis"
    if rc.EXPLAIN_ASK.search(q):
        return "explanation"
    if rc.DECISION_ASK.search(q) and round_id != "stakeholder":
        return "decision"
    if round_id == "market_strategy" or _GTM.search(q):
        return "plan"
    if rc.DESIGN_ASK.search(q) and round_id != "stakeholder":
        return "design"
    if rc.PLAN_ASK.search(q) or round_id == "stakeholder":
        return "plan"
    return _ROUND_DEFAULT.get(round_id, "design")


_GTM = Cue((r"\bgo-to-market\b", r"\bcampaign\b"))


class _Reading:
    """Per-sentence marks of what the answer does, each read only when a rule asks for it:
    a story question never needs the diagnostic cues, a case never the setback ones."""

    def __init__(self, sig: AnswerSignals) -> None:
        self._sig = sig
        self.n = len(sig.sentences)
        self.first = sig.sentences[0].sentence.start if sig.sentences else -1

    def _marked(self, cue: Cue) -> list[Sentence]:
        return [s.sentence for s in self._sig.sentences if cue.search(s.sentence.text)]

    past = cached_property(lambda self: self._marked(rc.OWN_PAST))
    narrative = cached_property(lambda self: self._marked(rc.NARRATIVE))
    setback = cached_property(lambda self: self._marked(rc.SETBACK))
    conflict = cached_property(lambda self: self._marked(rc.CONFLICT))
    motive = cached_property(lambda self: self._marked(rc.MOTIVE))
    clarify = cached_property(lambda self: self._marked(rc.CLARIFY))
    propose = cached_property(lambda self: self._marked(rc.PROPOSE))
    diagnose = cached_property(lambda self: self._marked(rc.DIAGNOSE))
    parties = cached_property(lambda self: self._marked(rc.PARTIES))
    success = cached_property(lambda self: self._marked(rc.SUCCESS))
    refuse = cached_property(lambda self: self._marked(rc.REFUSE_PREMISE))
    aftermath = cached_property(lambda self: self._marked(rc.AFTERMATH))

    @cached_property
    def idle(self) -> frozenset[int]:
        """Starts of sentences that carry nothing of the answer: no "I", no reason, no
        decision, no proposal ("The meeting room seated 8 people."). Padding of that kind
        must not move where an answer opens or what share of it is a past project."""
        return frozenset(
            s.sentence.start
            for s in self._sig.sentences
            if not (s.substantive or s.decision)
            and not _FIRST_PERSON.search(s.sentence.text)
            and not rc.PROPOSE.search(s.sentence.text)
        )

    @cached_property
    def substitute(self) -> list[Sentence]:
        opening = [s for s in self._sig.sentences if s.sentence.start not in self.idle][:1]
        return [
            s.sentence
            for s in opening
            if rc.SUBSTITUTE.search(s.sentence.text) or rc.HUMBLE_BRAG.search(s.sentence.text)
        ]


def _read(sig: AnswerSignals) -> _Reading:
    return _Reading(sig)


def _refused(r: _Reading, sig: AnswerSignals, asks: str) -> bool:
    """The premise turned down near the start, and not taken back by a story after it."""
    if not r.refuse:
        return False
    opening = {s.start for s in (x.sentence for x in sig.sentences[:2])}
    if not any(s.start in opening for s in r.refuse):
        return False
    if any(rc.BUT_CLOSEST.search(s.sentence.text) for s in sig.sentences):
        return False
    # A refusal is taken back only by a story told after it: the candidate's own past,
    # narrated. Generalities about how one works ("I ask questions, I commit fully")
    # mention conflict or failure without telling one.
    refusing = {s.start for s in r.refuse}
    if asks in {"design", "plan", "diagnosis", "decision"}:
        # A case handed to another role and then planned anyway ("it isn't the TPM's call;
        # I'd write up both positions...") is answered, for better or worse.
        planned = [s for s in r.propose if s.start not in refusing]
        if len(planned) >= 2:
            return False
    return sum(1 for s in r.narrative if s.start not in refusing) < 2


def _only_clarifying(r: _Reading, sig: AnswerSignals, asks: str) -> bool:
    """Questions back to the interviewer and scope-setting, with no answer after them."""
    if asks in {"setback_story", "conflict_story", "story", "motivation"} or r.n < 2:
        return False
    asking = {s.start for s in r.clarify}
    if len(asking) < max(2, r.n // 2):
        return False
    answering = [
        s
        for s in sig.sentences
        if s.sentence.start not in asking
        and (s.substantive or s.decision or rc.PROPOSE.search(s.sentence.text))
    ]
    return len(answering) <= 1


def _kind_miss(
    r: _Reading, sig: AnswerSignals, asks: str, round_id: str, question: str, meaning: float | None
) -> str:
    """The way the answer fails to be the kind of answer asked for, or ''."""
    own = {s.start for s in r.narrative}
    stories = {"setback_story", "conflict_story", "story"}
    first_two = {s.sentence.start for s in sig.sentences[:2]}

    def early_success() -> list[Sentence]:
        return [s for s in r.success if s.start in first_two] or r.success[1:]

    # A plain story question can be answered with the candidate's proudest story, unless
    # the swap is explicit ("rather than that, let me...") or the story is about another
    # subject than the one asked (the meaning model reads it as far from the question).
    swapped = (
        asks != "story"
        or any(rc.DISMISS.search(s.text) for s in r.substitute)
        or (meaning is not None and meaning < SUBSTITUTE_FAR)
    )
    if asks in stories and r.substitute and swapped and not _asked_for_success(sig, question):
        # "Rather than a mistake, let me tell you about...", "The launch I'm proudest of":
        # another story put in place of the one asked for, unless that sentence names it.
        opening = r.substitute[0].text
        named = {
            "setback_story": (rc.SETBACK, rc.SETBACK_ASK),
            "conflict_story": (rc.CONFLICT, rc.CONFLICT_ASK),
        }.get(asks, ())
        if (
            rc.DISMISS.search(opening)
            or rc.HUMBLE_BRAG.search(opening)
            or not any(cue.search(opening) for cue in named)
        ):
            return "substitute" if asks == "story" else "success"
    if asks == "setback_story":
        # A story with no setback in it is a dodge only when it is told as a success;
        # a miss in plain words the cues do not know must not be called one.
        if not r.setback and (early_success() or not r.past):
            return "success" if early_success() else "no_setback"
    elif asks == "conflict_story":
        if not r.conflict and (early_success() or not r.past):
            return "no_story" if not r.past else "no_conflict"
    elif asks == "story":
        if not r.past and round_id != "screen":
            return "no_story"
    elif asks == "motivation":
        # Facts about the market or the company in place of reasons: no motive named and
        # the candidate hardly in it.
        firsts = sum(1 for s in sig.sentences if _FIRST_PERSON.search(s.sentence.text))
        if not r.motive and firsts < max(1, r.n / 3):
            return "facts"
    elif asks == "diagnosis" and not r.diagnose and r.propose and not sig.count("mechanism"):
        # A cause given with its reason ("no reviews, so buyers don't trust them") is a
        # diagnosis even without the words of one.
        return "no_diagnosis"
    if asks in {"design", "plan", "diagnosis", "decision"}:
        # "I'd reuse that structure" carries the past project over; it proposes nothing
        # for this case, so it does not count as a proposal.
        proposals = [
            s for s in r.propose if s.start not in own and not rc.CARRY_OVER.search(s.text)
        ]
        opens_with_proposal = bool(r.propose) and r.propose[0].start == r.first
        # A narrated sentence is never padding, whoever its subject ("We moved everything
        # onto a broker"); the idle sentences left are. A story's outcome and hindsight are
        # told too, though no "I" narrates them.
        story = own | {s.start for s in r.aftermath}
        told = len(story)
        content = r.n - len(r.idle - story)
        carried = any(rc.CARRY_OVER.search(s.sentence.text) for s in sig.sentences)
        # The stakeholder rubric scores an outcome (GRADING.md): how one got two teams to a
        # decision before answers "how do you get to a decision?", so there only a story
        # carried over from another project ("I'd do the same here") is a past project.
        if (
            round_id != "stakeholder"
            and content >= 3
            and told >= 0.6 * content
            and len(proposals) <= 1
            and not opens_with_proposal
        ) or (content >= 3 and told >= 2 and carried and not proposals):
            # The second reading: a past project whose one tie to the case is "I'd do the
            # same here", with nothing proposed for this case itself.
            return "past_project"
    if round_id == "stakeholder" and not r.parties and r.n >= 3:
        return "no_people"
    if round_id == "ml" and asks == "design" and r.n >= 3 and not _models_anything(sig):
        return "no_model"
    return ""


_FIRST_PERSON = Cue((r"\b(?:I|I'm|I've|I'd|me|my|myself)\b",))


def _models_anything(sig: AnswerSignals) -> bool:
    """An ML design names a method, its data or how it is evaluated somewhere."""
    return any(
        cue.search(s.sentence.text)
        for s in sig.sentences
        for cue in (cues.METHOD, cues.DATA_QUALITY, cues.EVALUATION, cues.TECH_METRIC)
    )


def _asked_for_success(sig: AnswerSignals, question: str) -> bool:
    return bool(rc.SUCCESS.search(question))


def _evidence(r: _Reading, instead: str, sig: AnswerSignals) -> tuple[Sentence, ...]:
    pick = {
        "refusal": r.refuse,
        "clarifying": r.clarify,
        "success": r.substitute or r.success,
        "substitute": r.substitute,
        "past_project": r.narrative,
        "facts": [s.sentence for s in sig.sentences],
    }.get(instead) or [s.sentence for s in sig.sentences]
    return tuple(pick[:2])


def judge(
    question: str,
    round_id: str,
    sig: AnswerSignals,
    topic: float,
    *,
    asks_for: str | None = None,
    meaning: float | None = None,
) -> Relevance:
    """Whether the answer does what its question asks, with the reason when it does not.

    `topic` is the 0-to-1 closeness of the answer to the question's subject (see
    `topic_score`); `asks_for` is the pack's word for the question's kind, if any.
    """
    inferred = asks_for not in ASK_IDS
    asks = infer_asks(question, round_id) if inferred else str(asks_for)
    if not question.strip() or not sig.sentences:
        return Relevance(asks, inferred, True, topic, 1.0)
    r = _read(sig)
    instead = ""
    if _refused(r, sig, asks):
        instead = "refusal"
    elif _only_clarifying(r, sig, asks):
        instead = "clarifying"
    else:
        instead = _kind_miss(r, sig, asks, round_id, question, meaning)
    if not instead and _off_topic(r, sig, round_id, meaning):
        instead = "off_topic"
    if not instead:
        return Relevance(asks, inferred, True, topic, 1.0, doubt=doubt(sig, round_id, meaning))
    return Relevance(asks, inferred, False, topic, 0.0, instead, _evidence(r, instead, sig))


def _closeness(sig: AnswerSignals, meaning: float) -> float:
    return meaning + OVERLAP_WEIGHT * sig.relevance


def _off_topic(r: _Reading, sig: AnswerSignals, round_id: str, meaning: float | None) -> bool:
    """About another subject: by overlap in a case round without the meaning table; by
    meaning only for a story question answered with no story told.

    Stories paraphrase their question ("a time you missed a deadline" is answered with
    "the boss gave us four weeks"), so overlap alone never judges a story's subject. Where
    the meaning table is present, distance alone never calls a narrated answer or a case
    answer a non-answer (scorer 2.3): of the eleven answers, hand-graded or loopcoach's
    own, that fell below the off-topic floor, seven were answers (two graded 3: "a seller
    coupon tool where every new coupon type needed engineering work" for "a product
    carrying technical debt"). Static vectors do not read such paraphrases, so the
    distance lowers the grade as doubt instead, and the kind readings above call the
    non-answers. What is left to distance is a story question met with a lecture: at
    most one sentence narrated, and far from the question ("Tell me about a deadline like
    that" answered with how one handles class imbalance).
    """
    if len(sig.focus_terms) < MIN_FOCUS:
        return False
    if meaning is None:
        return sig.relevance < LEXICAL_OFF and round_id not in STORY_ROUNDS
    if round_id not in STORY_ROUNDS or len(r.narrative) >= 2:
        return False
    return _closeness(sig, meaning) < MEANING_OFF_STORY


def doubt(sig: AnswerSignals, round_id: str, meaning: float | None) -> float:
    """0 when the answer is as close to its question as 9 in 10 of loopcoach's own answers
    are to theirs; rising to 1 at the off-topic floor and DOUBT_MAX beyond (see DOUBT_MAX).
    A short question names too little to judge (MIN_FOCUS), and without the meaning model
    there is no doubt."""
    if meaning is None or len(sig.focus_terms) < MIN_FOCUS:
        return 0.0
    story = round_id in STORY_ROUNDS
    top = MEANING_DOUBT_STORY if story else MEANING_DOUBT_CASE
    bottom = MEANING_OFF_STORY if story else MEANING_OFF_CASE
    gap = _closeness(sig, meaning)
    if gap >= top or top <= bottom:
        return 0.0
    return min(DOUBT_MAX, (top - gap) / (top - bottom))


def topic_score(sig: AnswerSignals, lexical_on_topic: float, meaning: float | None) -> float:
    """How close the answer is to the question's subject, 0 to 1.

    Word overlap alone cannot tell a paraphrase from a change of subject; where the
    meaning model is present its similarity is taken beside the overlap, and the higher
    of the two readings wins, so a paraphrase is not punished for its own words.
    """
    if meaning is None:
        return lexical_on_topic
    # -0.2 and below reads as unrelated, 0.2 and above as close.
    return max(lexical_on_topic, min(1.0, max(0.0, (meaning + 0.2) / 0.4)))


__all__ = ["INSTEAD", "Relevance", "doubt", "infer_asks", "judge", "topic_score"]
