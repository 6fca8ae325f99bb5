"""The few sentences a hiring committee writes, each tied to the answer that earned it.

At most four, in the order a committee reads them: the veto (if any), the
strongest signal, the main concern, then either how the candidate held up under
the grilling or the level. Every sentence carries the round, which answer (main
or follow-up), its attempt id and a quote from the answer. A grade in a sentence is
the one the debrief's tables show, rounded the same way (two places): a round's
grade for a round, an answer's for an answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loopcoach.services.debrief import AnswerResult, Debrief, RoundResult

MAX_SENTENCES = 4


def label(criterion: str) -> str:
    return criterion.replace("_", " ")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


_SECOND_PERSON = re.compile(r"\b(yours|your|you)\b", re.I)
_THIRD_PERSON = {"yours": "theirs", "your": "their", "you": "they"}


def third_person(note: str) -> str:
    """A scorer note (written to the candidate) in the committee's voice."""
    return _SECOND_PERSON.sub(lambda m: _THIRD_PERSON[m.group().lower()], note)


def _sentence(
    text: str, r: RoundResult, a: AnswerResult | None, quote: str | None
) -> dict[str, Any]:
    return {
        "text": text,
        "round": r.round,
        "answer": a.kind if a else None,
        "attempt_id": a.attempt_id if a else None,
        "quote": quote,
    }


def _veto(d: Debrief, flag_names: Mapping[str, str]) -> dict[str, Any] | None:
    if not d.vetoes:
        return None
    v = d.vetoes[0]
    r = next(r for r in d.rounds if r.round == v["round"])
    a = next((x for x in r.answers if x.attempt_id == v["attempt_id"]), None)
    what = flag_names.get(v["flag"])
    body = f"the answer {_lower_first(what).rstrip('.')}" if what else f"it shows {v['flag']}"
    reason = _dodge_reason(a)
    if v["flag"] == "non_answer" and reason:
        body = f"the question was dodged ({_lower_first(reason).rstrip('.')})"
    text = (
        f"Bar-raiser veto in the {r.name.lower()}: {body}, which this round treats as "
        f"disqualifying, so no hire whatever the other rounds say."
    )
    return _sentence(text, r, a, v["evidence"])


def _dodge_reason(a: AnswerResult | None) -> str:
    if a is None:
        return ""
    return next((str(f.get("reason") or "") for f in a.flags if f["id"] == "non_answer"), "")


def _dodge(d: Debrief, skip_round: str | None) -> dict[str, Any] | None:
    """A round whose question was not answered, named as a committee would name it."""
    for r in d.rounds:
        if r.round == skip_round:
            continue
        for a in r.answers:
            reason = _dodge_reason(a)
            if reason:
                text = (
                    f"In the {r.name.lower()} the candidate did not answer what was asked: "
                    f"{_lower_first(reason)} The committee reads that round as not evidenced."
                )
                return _sentence(text, r, a, None)
    return None


def _best_criterion(a: AnswerResult) -> dict[str, Any] | None:
    ranked = sorted(a.criteria, key=lambda c: (-c["score"], not c["evidence"]))
    return ranked[0] if ranked else None


def _strength(d: Debrief) -> dict[str, Any] | None:
    """The round with the best grade, as the rounds table shows it, and its best answer."""
    mains = [(r, a) for r in d.rounds for a in r.answers if a.kind == "main" and a.answered]
    if not mains:
        return None
    r, a = max(mains, key=lambda ra: (ra[0].grade, ra[0].weight, ra[1].grade))
    best = _best_criterion(a)
    if best is None or best["score"] < 3:
        text = (
            f"No round stood out; the best was the {r.name.lower()} at {r.grade:.2f}, "
            "and even there no criterion reached 3 of 4."
        )
        return _sentence(text, r, a, None)
    text = (
        f"Strongest in the {r.name.lower()} ({r.grade:.2f} of 4), on {label(best['id'])}: "
        f"{_lower_first(third_person(best['note']))}"
    )
    return _sentence(text, r, a, best["evidence"][0] if best["evidence"] else None)


def _concern(d: Debrief, skip_round: str | None) -> dict[str, Any] | None:
    """The weakest point: an unanswered question, else the lowest criterion of a main answer."""
    rounds = [r for r in d.rounds if r.round != skip_round and r.answers]
    for r in sorted(rounds, key=lambda x: (x.grade, -x.weight)):
        main = next((a for a in r.answers if a.kind == "main"), None)
        if main is None or not main.answered:
            text = f"The {r.name.lower()} question went unanswered, so the round counts as a 1."
            return _sentence(text, r, main, None)
        silent = next((a for a in r.answers if a.kind == "follow_up" and not a.answered), None)
        if silent is not None:
            aimed = label(silent.aimed_at) if silent.aimed_at else "the weakest point"
            text = (
                f"Main concern is the {r.name.lower()} ({r.grade:.2f} of 4): the follow-up "
                f"on {aimed} went unanswered."
            )
            return _sentence(text, r, silent, None)
    scored = [
        (c, r, a)
        for r in rounds
        for a in r.answers
        if a.kind == "main" and a.answered
        for c in a.criteria
    ]
    if not scored:
        return None
    c, r, a = min(scored, key=lambda x: (x[0]["score"], x[1].grade, -x[1].weight))
    if c["score"] >= 3:
        text = (
            f"No criterion of a main answer fell below 3 of 4; the lowest round was the "
            f"{r.name.lower()} ({r.grade:.2f})."
        )
    else:
        text = (
            f"Main concern is the {r.name.lower()} ({r.grade:.2f} of 4), on "
            f"{label(c['id'])} ({c['score']} of 4): {_lower_first(third_person(c['note']))}"
        )
    return _sentence(text, r, a, c["evidence"][0] if c["evidence"] else None)


def _grilling(d: Debrief) -> dict[str, Any] | None:
    """The follow-up whose grade moved furthest from its main answer's."""
    best: tuple[float, RoundResult, AnswerResult, AnswerResult] | None = None
    for r in d.rounds:
        main: AnswerResult | None = None
        for a in r.answers:
            if a.kind == "main":
                main = a
            elif main is not None and main.answered:
                delta = a.grade - main.grade
                if best is None or abs(delta) > abs(best[0]):
                    best = (delta, r, main, a)
    if best is None:
        return None
    delta, r, main, follow = best
    aimed = label(follow.aimed_at) if follow.aimed_at else "the weakest point"
    if not follow.answered:
        text = f"Pressed on {aimed} in the {r.name.lower()}, the candidate gave no answer."
        return _sentence(text, r, follow, None)
    quote = None
    if follow.criteria:
        top = _best_criterion(follow)
        quote = top["evidence"][0] if top and top["evidence"] else None
    if delta >= 0:
        text = (
            f"Held up under the grilling: pressed on {aimed} in the {r.name.lower()}, the "
            f"follow-up scored {follow.grade:.2f} after {main.grade:.2f} on the main question."
        )
    else:
        text = (
            f"Weakened under the grilling: pressed on {aimed} in the {r.name.lower()}, the "
            f"follow-up fell to {follow.grade:.2f} from {main.grade:.2f}."
        )
    return _sentence(text, r, follow, quote)


def _level(d: Debrief) -> dict[str, Any] | None:
    scoped = [x for x in d.level_reasons if x.get("round")]
    if not scoped:
        return None
    top = max(scoped, key=lambda x: x["points"])
    r = next(r for r in d.rounds if r.round == top["round"])
    a = next((x for x in r.answers if x.attempt_id == top["attempt_id"]), None)
    shown = "; ".join(x["text"].removeprefix("The answer ").rstrip(".") for x in scoped)
    text = f"Level {d.level} from the scope shown: {shown}."
    return _sentence(text, r, a, top["quote"])


def committee_sentences(d: Debrief, flag_names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The committee's write-up of the debrief, at most four sentences, each with its answer."""
    veto = _veto(d, flag_names)
    vetoed = d.vetoes[0]["round"] if d.vetoes else None
    out = [veto, _dodge(d, vetoed), _strength(d), _concern(d, vetoed)]
    out += [_grilling(d), _level(d)] if veto is None else [_level(d)]
    return [s for s in out if s is not None][:MAX_SENTENCES]
