"""Robustness cases for the scorer: loopcoach's own answers, transformed in ways a grade should
(or should not) follow.

Every case starts from an answer that loopcoach wrote itself: the exemplars of the built-in
packs (`content/packs/*/questions/*.yaml`) and the calibration corpus
(`scoring/data/calibration_*.jsonl`). Nothing here reads the bench's dev or held-out files.
Each kind of transformation has an expectation (`judge`) about how the grade of the
transformed answer compares with the grade of the original:

| kind | transformation | expected |
| --- | --- | --- |
| swap_same_round | strong answer to another question of its round | < 2.5 or non_answer |
| swap_other_round | strong story answer to a case question, and back | < 2.5 or non_answer |
| term_list | strong answer cut to its content terms | < 1.75, buzzword_salad, non_answer |
| pad_praise | weak answer plus ~200 words of self-praise | rises 0.2 at most |
| pad_numbers | weak answer plus six numbers tied to nothing | rises 0.2 at most |
| truncate | the first 30% of a strong answer | drops 0.5 or more |
| typos | strong answer lower-cased, 3% of words misspelt | moves 0.3 at most |
| blame_rewrite | strong story of a miss, ownership turned to blame | blames_external or < 2.5 |
| drop_results | strong answer less its result and metric sentences | rises 0.05 at most |
| five_numbers | answer flagged no_metric plus five stray numbers | no_metric or rises 0.2 at most |
| buzz_filler | answer flagged buzzword_salad plus neutral filler | buzzword_salad or < 1.75 |
| paraphrase | strong answer, common words swapped for synonyms | moves 0.3 at most |

A kind meets its target when 90% of its cases move as expected (truncation: 80%).
Everything is deterministic: sources are read in a fixed order and every choice is made by a
`random.Random` seeded with the kind's name.
"""

from __future__ import annotations

import functools
import json
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from loopcoach.scoring import Assessment, score

REPO = Path(__file__).resolve().parents[1]
PACKS = REPO / "src" / "loopcoach" / "content" / "packs"
CALIBRATION = REPO / "src" / "loopcoach" / "scoring" / "data"

PER_KIND = 50
"""Cases a kind gets where the corpus allows."""

KINDS = (
    "swap_same_round",
    "swap_other_round",
    "term_list",
    "pad_praise",
    "pad_numbers",
    "truncate",
    "typos",
    "blame_rewrite",
    "drop_results",
    "five_numbers",
    "buzz_filler",
    "paraphrase",
)

TARGETS = {kind: 0.9 for kind in KINDS} | {"truncate": 0.8}
"""The share of a kind's cases that must move as expected."""

EXPECTATIONS = {
    "swap_same_round": "below 2.5 or non_answer",
    "swap_other_round": "below 2.5 or non_answer",
    "term_list": "below 1.75, buzzword_salad or non_answer",
    "pad_praise": "rise <= +0.2",
    "pad_numbers": "rise <= +0.2",
    "truncate": "drop >= 0.5",
    "typos": "|change| <= 0.3",
    "blame_rewrite": "blames_external or below 2.5",
    "drop_results": "rise <= +0.05",
    "five_numbers": "no_metric or rise <= +0.2",
    "buzz_filler": "buzzword_salad or below 1.75",
    "paraphrase": "|change| <= 0.3",
}

STORY_ROUNDS = ("screen", "hiring_manager", "stakeholder", "execution", "culture")
CASE_ROUNDS = ("technical", "product_sense", "market_strategy", "business_case", "ml")
BLAME_ROUNDS = ("culture", "hiring_manager", "execution")

EPS = 1e-9


# --- the cases ------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One transformed answer and the answer it came from.

    `track`, `round` and `question` are those the transformed `answer` is scored under;
    `original_track`, `original_round` and `original_question` those of `original_answer`
    (they differ only for the swaps).
    """

    kind: str
    id: str
    track: str
    round: str
    question: str
    answer: str
    original_question: str
    original_answer: str
    original_track: str
    original_round: str


@dataclass(frozen=True)
class Source:
    """An answer loopcoach wrote, with the question it answers and its hand grade."""

    id: str
    track: str
    round: str
    question: str
    answer: str
    grade: int
    flags: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    track: str
    round: str
    text: str


def _pack_files() -> list[Path]:
    return sorted(PACKS.glob("*/questions/*.yaml"))


@functools.cache
def sources() -> tuple[Source, ...]:
    """Every exemplar and calibration answer, by id, each answer text once."""
    found: list[Source] = []
    for path in _pack_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for q in data.get("questions") or []:
            for i, ex in enumerate(q.get("exemplars") or []):
                found.append(
                    Source(
                        id=f"{q['id']}/{ex['kind']}{i}",
                        track=q["track"],
                        round=q["round"],
                        question=" ".join(str(q["text"]).split()),
                        answer=" ".join(str(ex["answer"]).split()),
                        grade=int(ex["grade"]),
                        flags=tuple(ex.get("flags") or ()),
                    )
                )
    for path in sorted(CALIBRATION.glob("calibration_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            found.append(
                Source(
                    id=str(row["id"]),
                    track=row["track"],
                    round=row["round"],
                    question=row["question"],
                    answer=row["answer"],
                    grade=int(row["grade"]),
                    flags=tuple(row.get("flags") or ()),
                )
            )
    seen: set[str] = set()
    unique: list[Source] = []
    for s in sorted(found, key=lambda s: s.id):
        if s.answer not in seen:
            seen.add(s.answer)
            unique.append(s)
    return tuple(unique)


@functools.cache
def questions() -> tuple[Question, ...]:
    """Every question of the packs (with or without exemplars) and of the calibration corpus."""
    found: list[Question] = []
    for path in _pack_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for q in data.get("questions") or []:
            text = " ".join(str(q["text"]).split())
            found.append(Question(str(q["id"]), q["track"], q["round"], text))
    for path in sorted(CALIBRATION.glob("calibration_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.append(
                    Question(str(row["group"]), row["track"], row["round"], row["question"])
                )
    seen: set[str] = set()
    unique: list[Question] = []
    for q in found:
        if q.text not in seen:
            seen.add(q.text)
            unique.append(q)
    return tuple(unique)


@functools.cache
def assess(track: str, round: str, question: str, answer: str) -> Assessment:
    """The scorer's verdict, once per distinct input."""
    return score(track, round, question, answer)


def score_case(case: Case) -> tuple[Assessment, Assessment]:
    """(original, transformed) as the scorer grades them."""
    before = assess(
        case.original_track, case.original_round, case.original_question, case.original_answer
    )
    after = assess(case.track, case.round, case.question, case.answer)
    return before, after


def judge(kind: str, before: Assessment, after: Assessment) -> bool:
    """Whether the transformed answer's grade moved as `kind` expects."""
    delta = after.overall - before.overall
    flags = set(after.flag_ids)
    if kind in ("swap_same_round", "swap_other_round"):
        return after.overall < 2.5 or "non_answer" in flags
    if kind == "term_list":
        return after.overall < 1.75 or bool(flags & {"buzzword_salad", "non_answer"})
    if kind in ("pad_praise", "pad_numbers"):
        return delta <= 0.2 + EPS
    if kind == "truncate":
        return delta <= -0.5 + EPS
    if kind in ("typos", "paraphrase"):
        return abs(delta) <= 0.3 + EPS
    if kind == "blame_rewrite":
        return "blames_external" in flags or after.overall < 2.5
    if kind == "drop_results":
        return delta <= 0.05 + EPS
    if kind == "five_numbers":
        return "no_metric" in flags or delta <= 0.2 + EPS
    if kind == "buzz_filler":
        return "buzzword_salad" in flags or after.overall < 1.75
    raise ValueError(f"unknown kind: {kind}")


def build_cases(limit_per_kind: int | None = None) -> dict[str, list[Case]]:
    """Every kind's cases, in a fixed order; `limit_per_kind` keeps the first so many of each.

    The first cases of a kind are a seeded random sample of the whole, so a limited build is
    a deterministic sample of the full one.
    """
    builders: dict[str, Callable[[random.Random], list[Case]]] = {
        "swap_same_round": _swap_same_round,
        "swap_other_round": _swap_other_round,
        "term_list": _simple(_strong, _term_list),
        "pad_praise": _simple(_weak, _pad_praise),
        "pad_numbers": _simple(_weak, _pad_numbers),
        "truncate": _simple(_strong, _truncate),
        "typos": _simple(_strong, _typos),
        "blame_rewrite": _simple(_blame_sources, _blame_rewrite),
        "drop_results": _simple(_strong, _drop_results),
        "five_numbers": _simple(_flagged("no_metric"), _five_numbers),
        "buzz_filler": _simple(_flagged("buzzword_salad"), _buzz_filler),
        "paraphrase": _simple(_strong, _paraphrase),
    }
    out: dict[str, list[Case]] = {}
    for kind in KINDS:
        cases = builders[kind](random.Random(f"loopcoach-robust:{kind}"))
        out[kind] = cases if limit_per_kind is None else cases[:limit_per_kind]
    return out


# --- picking sources ------------------------------------------------------------------

Pool = Callable[[], list[Source]]
Transform = Callable[[Source, random.Random], str | None]


def _strong() -> list[Source]:
    """Grade-4 answers, then grade-3 ones (the builder tops up with them only if it must)."""
    return [s for s in sources() if s.grade == 4] + [s for s in sources() if s.grade == 3]


def _weak() -> list[Source]:
    return [s for s in sources() if s.grade <= 2]


def _flagged(flag: str) -> Pool:
    def pool() -> list[Source]:
        return [
            s for s in sources() if flag in assess(s.track, s.round, s.question, s.answer).flag_ids
        ]

    return pool


MISS = re.compile(
    r"\b(missed|failed|slipped|mistake|flopped|my miss"
    r"|(?:was|were|went|got|been|going to|the)\b[^.;]{0,25}\bwrong"
    r"|(?:was|were|came in|landed|finished|shipped|launched|ran|went live)\b[^.;]{0,30}\blate)\b",
    re.I,
)
HYPOTHETICAL = re.compile(r"\b(if|would|will|could|might|risks?)\b", re.I)


def _miss_sentence(sentence: str) -> bool:
    """A sentence that tells of a miss that happened (not one that might)."""
    if not MISS.search(sentence):
        return False
    return not HYPOTHETICAL.search(sentence) or bool(OWNERSHIP.search(sentence))


def _blame_sources() -> list[Source]:
    return [
        s
        for s in _strong()
        if s.round in BLAME_ROUNDS and any(_miss_sentence(p) for p in sentences(s.answer))
    ]


def _ordered(pool: list[Source], rng: random.Random) -> list[Source]:
    """Grade-4 sources in seeded random order, then grade 3 and below (also shuffled)."""
    top = [s for s in pool if s.grade == 4]
    rest = [s for s in pool if s.grade != 4]
    rng.shuffle(top)
    rng.shuffle(rest)
    return top + rest


def _simple(pool: Pool, transform: Transform) -> Callable[[random.Random], list[Case]]:
    """A kind that transforms an answer in place: up to PER_KIND sources that it changes."""

    def build(rng: random.Random) -> list[Case]:
        cases: list[Case] = []
        for s in _ordered(pool(), rng):
            if len(cases) >= PER_KIND:
                break
            new = transform(s, rng)
            if new is None or new.strip() == s.answer.strip() or not new.strip():
                continue
            cases.append(_case(transform.__name__.lstrip("_"), s, new))
        return cases

    return build


def _case(kind: str, s: Source, answer: str, target: Question | None = None) -> Case:
    q = target or Question(s.id, s.track, s.round, s.question)
    suffix = f"->{target.id}" if target else ""
    return Case(
        kind=kind,
        id=f"{kind}/{s.id}{suffix}",
        track=q.track,
        round=q.round,
        question=q.text,
        answer=answer,
        original_question=s.question,
        original_answer=s.answer,
        original_track=s.track,
        original_round=s.round,
    )


# --- words and sentences ------------------------------------------------------------

STOP = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among an and another any anyone anything anyway anywhere are around as
    at back be became because become becomes been before being below beside besides between
    beyond both but by can cannot could did do does doing done down during each either else
    enough even ever every everyone everything except few for from further had has have having
    he her here hers herself him himself his how however i if in into is it its itself just
    last least less let lets like many may me might mine more most mostly much must my myself
    neither never nevertheless next no nobody none nor not nothing now of off often on once one
    only onto or other others otherwise our ours ourselves out over own per perhaps quite rather
    really same several she should since so some someone something sometimes somewhere still
    such than that the their theirs them themselves then there thereby therefore these they this
    those though through throughout thus to together too toward towards under until up upon us
    very via was we well were what whatever when whenever where whereas whether which while who
    whole whom whose why will with within without would yet you your yours yourself yourselves
    i'd i'm i've i'll we'd we're we've we'll it's that's there's don't didn't doesn't won't
    wouldn't couldn't can't isn't wasn't weren't aren't hasn't haven't hadn't they're they'd
    you'd you're what's who's let's here's
    ask asked asking get gets got getting gotten make makes made making take takes took taken
    taking put puts putting keep keeps kept go goes went gone going come comes came coming want
    wants wanted know knows knew known think thought say says said see saw seen look looked
    looking give gave given tell told find found use used using try tried work worked need
    needed needs seem seemed call called show showed shown move moved run ran set able sure
    first second third fourth fifth two three four five six seven eight nine ten eleven
    twelve fifteen twenty thirty forty fifty sixty hundred dozen
    thousand million billion half new old big small good bad great best better worse worst
    high higher low lower long longer short early own right left way ways thing things lot lots
    kind sort bit time times day days week weeks month months year years yes okay ok maybe
    actually basically probably simply instead rather almost already clearly especially
    """.split()
)

WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z0-9]+)*")


def sentences(text: str) -> list[str]:
    """The answer's sentences: split after . ! ? and any closing quote, at whitespace."""
    parts = re.split(r"(?<=[.!?])\s+|(?<=[.!?][\"')\]])\s+", text.strip())
    return [p for p in parts if p]


def _norm(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def content_words(text: str) -> set[str]:
    return {_norm(w) for w in WORD.findall(text) if w.lower().replace("’", "'") not in STOP}


def _insert(text: str, extra: Iterable[str], rng: random.Random) -> str:
    """`extra` sentences put between the text's sentences at seeded random places."""
    parts = sentences(text)
    for sentence in extra:
        parts.insert(rng.randint(0, len(parts)), sentence)
    return " ".join(parts)


def _words(sentence_list: list[str]) -> int:
    return sum(len(s.split()) for s in sentence_list)


# --- 1, 2: swaps --------------------------------------------------------------------


def _farthest(s: Source, candidates: list[Question], rng: random.Random) -> Question:
    """The candidate whose text shares fewest content words with the source's question."""
    own = content_words(s.question)
    ranked = sorted(candidates, key=lambda q: len(own & content_words(q.text)))
    fewest = len(own & content_words(ranked[0].text))
    tied = [q for q in ranked if len(own & content_words(q.text)) == fewest]
    return rng.choice(tied)


def _swap_same_round(rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    for s in _ordered(_strong(), rng)[:PER_KIND]:
        others = [q for q in questions() if q.round == s.round and q.text != s.question]
        if others:
            cases.append(_case("swap_same_round", s, s.answer, _farthest(s, others, rng)))
    return cases


def _swap_other_round(rng: random.Random) -> list[Case]:
    ordered = _ordered(_strong(), rng)
    story = [s for s in ordered if s.round in STORY_ROUNDS][: PER_KIND // 2]
    case = [s for s in ordered if s.round in CASE_ROUNDS][: PER_KIND - PER_KIND // 2]
    # Alternate story and case sources so that a limited build samples both directions.
    picked = [x for pair in zip(story, case, strict=False) for x in pair]
    picked += story[len(case) :] + case[len(story) :]
    cases: list[Case] = []
    for s in picked:
        rounds = CASE_ROUNDS if s.round in STORY_ROUNDS else STORY_ROUNDS
        target_round = rng.choice(rounds)
        others = [q for q in questions() if q.round == target_round]
        cases.append(_case("swap_other_round", s, s.answer, _farthest(s, others, rng)))
    return cases


# --- 3: the term list ---------------------------------------------------------------

_LY_KEEP = frozenset({"supply", "family", "assembly", "anomaly", "monopoly", "italy", "reply"})


def _term_list(s: Source, rng: random.Random) -> str | None:
    terms: list[str] = []
    seen: set[str] = set()
    for word in WORD.findall(s.answer):
        low = word.lower().replace("’", "'")
        if low in STOP or len(low) < 3 or any(c.isdigit() for c in low):
            continue
        if low.endswith("ly") and len(low) >= 6 and low not in _LY_KEEP:
            continue  # adverbs
        if low.endswith("ed") and len(low) >= 6:
            continue  # past tenses and participles
        key = _norm(word)
        if key not in seen:
            seen.add(key)
            terms.append(word)
    return ", ".join(terms) if len(terms) >= 5 else None


# --- 4, 5, 10, 11: padding ----------------------------------------------------------

PRAISE = (
    "I am known for my relentless focus on the customer.",
    "My managers have always said I am a natural leader.",
    "People tell me I bring energy to every room I walk into.",
    "I have always been the person the team turns to in a crisis.",
    "I hold myself to a higher standard than anyone around me.",
    "My colleagues often say they learn something from me every day.",
    "I am passionate about excellence in everything I do.",
    "I genuinely believe I am one of the hardest workers you will meet.",
    "Every performance review I have had calls out my strategic thinking.",
    "I have a rare ability to see the big picture and the details at once.",
    "Leaders across the company seek out my opinion on tough calls.",
    "I never settle for good enough, and my teams know it.",
    "I was the top performer in my cohort two years running.",
    "My attention to detail is something people remark on constantly.",
    "I am a born problem solver and I thrive under pressure.",
    "I build trust quickly with everyone I work with.",
    "Honestly, I think my communication skills are my superpower.",
    "I have been described as the glue that holds a team together.",
    "I bring a growth mindset and an ownership mentality to every project.",
    "My track record speaks for itself, and I am proud of it.",
    "I am the kind of person who always goes the extra mile.",
    "Mentoring others comes naturally to me, and many have thanked me for it.",
    "I combine deep empathy with sharp analytical skills like few people can.",
    "Senior leadership has singled me out as a future executive more than once.",
    "I am obsessed with results and I always deliver, whatever it takes.",
    "I adapt faster than anyone I know when priorities change.",
)

NUMBER_FILLER = (
    "We had 14 people on the floor.",
    "The office was on the 23rd floor.",
    "There were 12 of us.",
    "It was a 3-floor building.",
    "The kitchen had 2 coffee machines.",
    "I was 31 at the time.",
    "The meeting room seated 8 people.",
    "The car park had 40 spaces.",
    "My commute took 45 minutes each way.",
    "We kept 6 whiteboards in the corridor.",
    "The building was 15 years old.",
    "Our room had 4 windows.",
    "Lunch was usually at 12.",
    "I sat 2 desks away from my manager.",
    "The team had moved offices 3 times by then.",
    "We ordered 20 pizzas for the offsite.",
    "The lift took about 90 seconds to arrive.",
    "The badge reader broke 5 times that year.",
    "I usually had 7 browser tabs open.",
    "The office plant was 1.5 metres tall.",
    "We played 10 rounds of table tennis on Fridays.",
    "The printer was 11 years old.",
    "The nearest station was 600 metres away.",
    "Our standup room was 30 square metres.",
)

FILLER = (
    "I think that is an important point.",
    "Let me say a bit more about that.",
    "That is something I have thought about a lot.",
    "It is a good question to ask.",
    "There is a lot that could be said here.",
    "I want to be clear about this part.",
    "That is how I would frame it overall.",
    "This is something that comes up quite often.",
    "Let me put it another way.",
    "I hope that makes sense so far.",
    "That is the way I tend to see it.",
    "It is worth dwelling on that for a moment.",
    "I will come back to that in a second.",
    "I think most people would agree with that.",
)


def _until(pool: tuple[str, ...], words: int, rng: random.Random) -> list[str]:
    """Sentences drawn from `pool` without repeats until they reach `words` words."""
    picked: list[str] = []
    for sentence in rng.sample(pool, len(pool)):
        if _words(picked) >= words:
            break
        picked.append(sentence)
    return picked


def _pad_praise(s: Source, rng: random.Random) -> str | None:
    return s.answer.rstrip() + " " + " ".join(_until(PRAISE, 200, rng))


def _pad_numbers(s: Source, rng: random.Random) -> str | None:
    return _insert(s.answer, rng.sample(NUMBER_FILLER, 6), rng)


def _five_numbers(s: Source, rng: random.Random) -> str | None:
    return _insert(s.answer, rng.sample(NUMBER_FILLER, 5), rng)


def _buzz_filler(s: Source, rng: random.Random) -> str | None:
    return _insert(s.answer, _until(FILLER, 60, rng), rng)


# --- 6: truncation ------------------------------------------------------------------


def _truncate(s: Source, rng: random.Random) -> str | None:
    words = s.answer.split()
    keep = int(len(words) * 0.3)
    if keep < 1:
        return None
    ends = [i for i, w in enumerate(words[:keep]) if re.search(r"[.!?][\"')\]]*$", w)]
    cut = ends[-1] + 1 if ends else keep
    return " ".join(words[:cut])


# --- 7: typos -----------------------------------------------------------------------


def _typos(s: Source, rng: random.Random) -> str | None:
    text = s.answer.lower()
    spans = list(re.finditer(r"[a-z]+", text))
    total = len(text.split())
    eligible = [
        m
        for m in spans
        if len(m.group()) >= 4
        and any(m.group()[i] != m.group()[i + 1] for i in range(1, len(m.group()) - 2))
    ]
    count = max(1, round(total * 0.03))
    if len(eligible) < count:
        return None
    chosen = sorted(rng.sample(eligible, count), key=lambda m: m.start())
    out = list(text)
    for m in chosen:
        w = m.group()
        spots = [i for i in range(1, len(w) - 2) if w[i] != w[i + 1]]
        i = rng.choice(spots)
        at = m.start() + i
        out[at], out[at + 1] = out[at + 1], out[at]
    return "".join(out)


# --- 8: blame -----------------------------------------------------------------------

OWNERSHIP = re.compile(
    r"\b(I should(?: not|n't|'ve)? have|I should've|my (?:own )?(?:mistake|miss|fault|error"
    r"|blind spot|bad)\b|(?:was|it's|that's) my call|I underestimated|I overestimated"
    r"|I misjudged|I misread|I was wrong|I'd been wrong|I had been wrong"
    r"|I got [^.]{0,40}\bwrong|(?:was|is|that's) on me\b|I take (?:the )?(?:blame|responsibility)"
    r"|I hadn't|I had not|I'd never|I had never|I had assumed|I'd assumed|I own (?:that|the|it)"
    r"|(?:mistake|miss|fault|error|call|problem|decision)(?: to [^.;:]{0,40})? was mine"
    r"|(?:that|which|it) was mine|I(?:'d| had)? set the wrong|I owned (?:that|it|the miss))",
    re.I,
)
"""Sentences that own a miss outright."""

OWNERSHIP_NEAR_MISS = re.compile(
    r"\b(I missed|I failed|I assumed|I'd assumed|I committed|I'd committed|I planned|I'd planned"
    r"|I didn't|I did not|I never|I ignored|I'd ignored|I chose|I decided|I made the call"
    r"|I bet|I'd briefed|I briefed)",
    re.I,
)
"""First-person decisions that own the miss when the sentence also names it."""

FIRST_PERSON = re.compile(r"\b(I|I'd|I've|I'm|my|me)\b")

BLAME = (
    "The other team missed their dates and the market turned against us; "
    "there was little I could do.",
    "The platform team changed their interface without telling anyone, so the slip was out of "
    "our hands.",
    "Honestly it came down to bad luck: the market shifted just as we launched.",
    "The vendor was late on every delivery, and nobody could have planned around that.",
    "Engineering underestimated the work and the data team never delivered what they promised.",
    "A competitor moved first and the market simply went against us.",
    "Leadership kept changing priorities, so the miss was not really ours to own.",
    "Another team's outage took us down, and there was nothing we could have done about it.",
)


def _blame_rewrite(s: Source, rng: random.Random) -> str | None:
    parts = sentences(s.answer)
    blames = list(rng.sample(BLAME, len(BLAME)))
    owned = [
        i
        for i, p in enumerate(parts)
        if OWNERSHIP.search(p) or (OWNERSHIP_NEAR_MISS.search(p) and MISS.search(p))
    ]
    if owned:
        for n, i in enumerate(owned):
            parts[i] = blames[n % len(blames)]
        # The same blame twice in a row reads as one: drop repeats.
        out = [p for k, p in enumerate(parts) if k == 0 or p != parts[k - 1]]
        return " ".join(out)
    kept = [p for p in parts if not (_miss_sentence(p) and FIRST_PERSON.search(p))]
    return " ".join([*kept, blames[0], blames[1]])


# --- 9: results dropped -------------------------------------------------------------

RESULT = re.compile(
    r"\d|%|\b(results?|outcomes?|increased|reduced|grew|cut by|lifted|dropped|fell|rose"
    r"|doubled|halved|improved|recovered|went from|saved)\b",
    re.I,
)


def _drop_results(s: Source, rng: random.Random) -> str | None:
    parts = sentences(s.answer)
    kept = [p for p in parts if not RESULT.search(p)]
    if not kept or len(kept) == len(parts):
        return None
    return " ".join(kept)


# --- 12: paraphrase -----------------------------------------------------------------

SYNONYMS = {
    "because": "since",
    "users": "customers",
    "user": "customer",
    "improve": "raise",
    "improved": "raised",
    "quickly": "fast",
    "decided": "chose",
    "however": "but",
    "roughly": "about",
    "big": "large",
    "start": "begin",
    "started": "began",
    "problem": "issue",
    "problems": "issues",
    "important": "key",
    "goal": "aim",
    "need": "require",
    "needed": "required",
    "think": "believe",
    "whole": "entire",
    "main": "primary",
    "biggest": "largest",
    "make sure": "ensure",
    "figure out": "work out",
    "a lot of": "plenty of",
    "right away": "at once",
}
_SYNONYM = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(SYNONYMS, key=len, reverse=True)) + r")\b",
    re.I,
)


def _paraphrase(s: Source, rng: random.Random) -> str | None:
    swaps = 0

    def swap(m: re.Match[str]) -> str:
        nonlocal swaps
        swaps += 1
        new = SYNONYMS[m.group().lower()]
        return new[0].upper() + new[1:] if m.group()[0].isupper() else new

    text = _SYNONYM.sub(swap, s.answer)
    return text if swaps >= 2 else None
