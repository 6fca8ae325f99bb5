"""The story bank: STAR stories scored, tagged, matched to questions and set against a loop.

Shared by the CLI and the web app. A story is scored when it is saved, with the
culture and hiring_manager rubrics of its track, and the competencies its text shows
are suggested then too, so listing and the coverage matrix only read. Matching a
question is deterministic: competency overlap, closeness in meaning (the scorer's
word vectors) and shared words, ties broken by story id. Files a person writes
(Markdown or YAML, one story a file) are read and written by `story_files`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import mul
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopcoach.errors import UnknownItem, UsageError
from loopcoach.services.practice import Scorer, default_scorer
from loopcoach.store.stories import StoryRecord, StoryStore
from loopcoach.store.story_models import STAR_PARTS

if TYPE_CHECKING:
    from loopcoach.content.index import Content
    from loopcoach.content.models import Competency
    from loopcoach.store.db import Store

SCORED_ROUNDS = ("culture", "hiring_manager")
# The generic question a story is scored against in each round.
STORY_QUESTIONS = {
    "culture": (
        "Tell me about a time you took ownership of a hard problem: the situation, what "
        "you did, how it turned out and what you learned."
    ),
    "hiring_manager": (
        "Walk me through a piece of work you led: its scope, the decisions you made, "
        "the result and what you would do differently."
    ),
}
REQUIRED_PARTS = ("situation", "action", "result")
MAX_TITLE = 200
TOLD_LIMIT = 3  # told in more than this many attempts: a warning
STRETCH_LIMIT = 2  # the best story for more than this many rounds of one loop: a warning
SUGGEST_MAX = 4


@dataclass(frozen=True)
class StoryInput:
    """A story as a person writes it, before it is scored and stored."""

    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    reflection: str = ""
    notes: str = ""
    competencies: tuple[str, ...] = ()
    uid: str | None = None

    def fields(self) -> dict[str, Any]:
        return {
            "title": self.title.strip(),
            **{p: str(getattr(self, p)).strip() for p in STAR_PARTS},
            "notes": self.notes.strip(),
            "competencies": list(self.competencies),
        }


@dataclass(frozen=True)
class Suggestion:
    """A competency the text seems to show, and why."""

    competency: str
    words: tuple[str, ...]
    closeness: float


@dataclass(frozen=True)
class StoryMatch:
    """A story ranked for a question: its score (0 to 1) and the reasons."""

    story: StoryRecord
    score: float
    reasons: tuple[str, ...]
    competencies: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "story_id": self.story.id,
            "title": self.story.title,
            "score": round(self.score, 4),
            "competencies": list(self.competencies),
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class StoryWarning:
    """A story stretched too far: told too often, or the best answer to too many rounds."""

    story_id: int
    title: str
    kind: str  # "told" or "stretched"
    message: str

    def to_json(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "title": self.title,
            "kind": self.kind,
            "message": self.message,
        }


@dataclass(frozen=True)
class CoverageRound:
    round: str
    name: str
    competencies: tuple[str, ...]
    # story ids that show at least one of the round's competencies
    stories: tuple[int, ...]
    gaps: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    """A loop's rounds and competencies against the stories; a gap: a competency none shows."""

    track: str
    pack: str
    rounds: tuple[CoverageRound, ...]
    competencies: tuple[str, ...]
    stories: tuple[StoryRecord, ...]
    # competency -> {story id: "yours" | "suggested"}
    cells: dict[str, dict[int, str]] = field(default_factory=dict)
    gaps: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "track": self.track,
            "pack": self.pack,
            "stories": [{"id": s.id, "title": s.title} for s in self.stories],
            "rounds": [
                {
                    "round": r.round,
                    "name": r.name,
                    "competencies": list(r.competencies),
                    "stories": list(r.stories),
                    "gaps": list(r.gaps),
                }
                for r in self.rounds
            ],
            "competencies": [
                {
                    "id": c,
                    "stories": {str(k): v for k, v in sorted(self.cells.get(c, {}).items())},
                    "gap": c in self.gaps,
                }
                for c in self.competencies
            ],
            "gaps": list(self.gaps),
        }


def story_text(story: StoryRecord | StoryInput) -> str:
    """The STAR parts joined as one spoken answer, in STAR order."""
    return "\n\n".join(p for p in (str(getattr(story, n)).strip() for n in STAR_PARTS) if p)


@lru_cache(maxsize=8192)
def _vector(text: str) -> tuple[float, ...] | None:
    """The text's unit meaning vector (None without the word-vector data); pure, so cached."""
    from loopcoach.scoring import meaning

    if not meaning.available():
        return None
    return meaning.text_vector(text)


_CLOSE: dict[tuple[str, int, object], float] = {}
_CLOSE_MAX = 200_000


def _closeness(
    question: str,
    q_vec: tuple[float, ...] | None,
    story: StoryRecord,
    s_vec: tuple[float, ...] | None,
) -> float:
    """The cosine of a question and a story, remembered per story version.

    The stretch warnings match every question of a loop against every story (about 20 µs
    a pair in pure Python); a story's vector changes only when it is edited, so a
    repeat view of the coverage page, or one after editing one story, recomputes only
    the pairs that changed. Bounded: cleared when it holds _CLOSE_MAX pairs.
    """
    key = (question, story.id, story.updated_at)
    found = _CLOSE.get(key)
    if found is None:
        if len(_CLOSE) >= _CLOSE_MAX:
            _CLOSE.clear()
        found = _CLOSE[key] = _cosine(q_vec, s_vec)
    return found


def _cosine(a: tuple[float, ...] | None, b: tuple[float, ...] | None) -> float:
    # Both are unit vectors (or zero), so the dot product is the cosine.
    if a is None or b is None:
        return 0.0
    return float(sum(map(mul, a, b)))


@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    from loopcoach.scoring.text import content_stems

    return frozenset(content_stems(text))


def _shown_words(text: str, stems: frozenset[str]) -> list[str]:
    """The words of `text` whose stems are in `stems`, as written, in order, once each."""
    from loopcoach.scoring.text import stem, words

    out: dict[str, None] = {}
    for w in words(text):
        if stem(w) in stems:
            out.setdefault(w, None)
    return list(out)


Features = tuple[StoryRecord, tuple[float, ...] | None, frozenset[str], frozenset[str]]


def _features(pool: Sequence[StoryRecord] | Sequence[Features]) -> list[Features]:
    """Each story with its meaning vector, stems and competencies (kept if already made)."""
    out: list[Features] = []
    for item in pool:
        if isinstance(item, tuple):
            out.append(item)
            continue
        text = f"{item.title}. {story_text(item)}"
        out.append((item, _vector(text), _stems(text), frozenset(item.shows)))
    return out


@dataclass
class StoryService:
    """Add, change, score, match and cover stories; the CLI and the web app call this."""

    store: Store
    content: Content
    scorer: Scorer = field(default_factory=default_scorer)

    def __post_init__(self) -> None:
        self.bank = StoryStore(self.store)

    # -- the competencies a text shows -------------------------------------------

    def competencies(self, pack: str | None = None) -> dict[str, Competency]:
        """Every competency of the pack (the default one unless named), by id."""
        return dict(self.content.pack(pack).competencies)

    def competency_id(self, value: str, pack: str | None = None) -> str:
        """A competency id from an id or a name, in any case; UnknownItem lists the ids."""
        comps = self.competencies(pack)
        key = value.strip()
        if key in comps:
            return key
        folded = key.casefold().replace("-", "_").replace(" ", "_")
        for cid, c in comps.items():
            if folded in (cid.casefold(), c.name.casefold().replace(" ", "_")):
                return cid
        raise UnknownItem("competency", key, sorted(comps))

    def suggest(self, text: str, pack: str | None = None) -> list[Suggestion]:
        """The competencies `text` seems to show, strongest first (at most four).

        A competency is suggested when the text shares two of its description's words,
        or one and is close to it in meaning; the order is by words shared, then
        closeness, then id, so it is the same every time.
        """
        stems = _stems(text)
        if not stems:
            return []
        vec = _vector(text)
        found: list[Suggestion] = []
        for cid, comp in sorted(self.competencies(pack).items()):
            about = f"{comp.name}. {comp.description}"
            shared = tuple(sorted(stems & _stems(about)))
            close = _cosine(vec, _vector(about))
            if len(shared) >= 2 or (shared and close >= 0.45):
                found.append(Suggestion(cid, shared, close))
        found.sort(key=lambda s: (-len(s.words), -round(s.closeness, 6), s.competency))
        return found[:SUGGEST_MAX]

    # -- writing -------------------------------------------------------------------

    def _checked(self, story: StoryInput, track: str) -> dict[str, Any]:
        fields = story.fields()
        if not fields["title"]:
            raise UsageError("the story has no title; give it one (--title)")
        if len(fields["title"]) > MAX_TITLE:
            raise UsageError(f"the title is over {MAX_TITLE} characters; shorten it")
        if not any(fields[p] for p in STAR_PARTS):
            raise UsageError("the story is empty; write at least its situation, action and result")
        self.content.track(track)  # UnknownItem lists the tracks
        fields["competencies"] = list(
            dict.fromkeys(self.competency_id(c) for c in fields["competencies"])
        )
        text = story_text(story)
        fields["suggested"] = [
            s.competency for s in self.suggest(text) if s.competency not in fields["competencies"]
        ]
        fields["track"] = track
        fields["scores"] = self.score_text(text, track)
        return fields

    def score_text(self, text: str, track: str = "pm") -> dict[str, Any]:
        """The scorer's assessment of a story's text in each scored round, as JSON."""
        out: dict[str, Any] = {}
        for round_id in SCORED_ROUNDS:
            try:
                assessment = self.scorer(track, round_id, STORY_QUESTIONS[round_id], text)
            except Exception as exc:  # a story is kept even when it cannot be scored
                out[round_id] = {"error": f"{type(exc).__name__}: {exc}"}
            else:
                out[round_id] = assessment.to_json()
        return out

    def add(self, story: StoryInput, *, track: str = "pm") -> StoryRecord:
        """Score and store a new story; a uid already used is replaced by a fresh one."""
        fields = self._checked(story, track)
        uid = story.uid if story.uid and not self.bank.uid_taken(story.uid) else None
        return self.bank.create(fields, uid=uid)

    def edit(
        self, story_id: int, changes: Mapping[str, Any], *, track: str | None = None
    ) -> StoryRecord:
        """Change some fields of a story (others kept), then score it again."""
        old = self.bank.get(story_id)
        unknown = set(changes) - {"title", *STAR_PARTS, "notes", "competencies"}
        if unknown:
            raise UsageError(f"not a story field: {', '.join(sorted(unknown))}")
        merged = StoryInput(
            title=str(changes.get("title", old.title)),
            **{p: str(changes.get(p, old.part(p))) for p in STAR_PARTS},
            notes=str(changes.get("notes", old.notes)),
            competencies=tuple(changes.get("competencies", old.competencies)),
        )
        return self.bank.update(story_id, self._checked(merged, track or old.track))

    def remove(self, story_id: int) -> StoryRecord:
        """Delete a story for good (its links to attempts go with it)."""
        story = self.bank.get(story_id)
        self.bank.delete(story_id)
        return story

    def tell(self, story_id: int, attempt_id: int) -> None:
        """Record that an attempt told this story."""
        self.bank.tell(story_id, attempt_id)

    def get(self, story_id: int) -> StoryRecord:
        return self.bank.get(story_id)

    def all_stories(self) -> list[StoryRecord]:
        return self.bank.stories()

    def import_files(
        self, paths: Sequence[Path], *, track: str = "pm"
    ) -> list[tuple[StoryRecord, str]]:
        """Add (or, by uid, update) the stories in these files or folders; all or nothing.

        Every file is read and checked before anything is written, so one mistake
        leaves the bank as it was. Returns each story with "added" or "updated".
        """
        from loopcoach.services.story_files import read_story_file, story_files

        files = story_files(list(paths))
        if not files:
            raise UsageError("no story files (.md, .markdown, .yaml or .yml) found there")
        ready = []
        for path in files:
            story = read_story_file(path, self.competency_id)
            existing = self.bank.by_uid(story.uid) if story.uid else None
            try:
                fields = self._checked(story, existing.track if existing else track)
            except UsageError as exc:
                raise UsageError(f"{path}: {exc}") from None
            ready.append((story, existing, fields))
        out = []
        for story, existing, fields in ready:
            if existing is not None:
                out.append((self.bank.update(existing.id, fields), "updated"))
            else:
                uid = story.uid if story.uid and not self.bank.uid_taken(story.uid) else None
                out.append((self.bank.create(fields, uid=uid), "added"))
        return out

    def export_files(self, folder: Path, fmt: str = "md") -> list[Path]:
        """Write every story to `folder`, one file each, as Markdown (md) or YAML (yaml)."""
        from loopcoach.services.story_files import file_name, story_markdown, story_yaml

        if fmt not in ("md", "yaml"):
            raise UsageError(f"unknown format {fmt!r}; use md or yaml")
        written = []
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for story in self.all_stories():
                path = folder / file_name(story, fmt)
                text = story_markdown(story) if fmt == "md" else story_yaml(story)
                path.write_text(text, encoding="utf-8")
                written.append(path)
        except OSError as exc:
            raise UsageError(f"cannot write to {folder}: {exc.strerror}") from None
        return written

    # -- matching a question -------------------------------------------------------

    def match(
        self,
        question: str = "",
        *,
        question_id: str | None = None,
        limit: int | None = None,
        stories: Sequence[StoryRecord] | None = None,
    ) -> list[StoryMatch]:
        """The stories ranked for a question (a pack question by id, or any text), with reasons.

        Score = 0.45 x the share of the question's competencies the story shows
        + 0.45 x closeness in meaning + 0.1 x shared words (five or more count fully).
        A question from outside the packs tests the competencies its text suggests.
        """
        if question_id:
            _, q = self.content.question(question_id)
            question = q.text
            tested = tuple(q.competencies)
            inferred = False
        else:
            if not question.strip():
                raise UsageError("the question is empty; give its text or a question id")
            tested = tuple(s.competency for s in self.suggest(question))
            inferred = True
        pool = list(self.all_stories() if stories is None else stories)
        q_vec = _vector(question)
        q_stems = _stems(question)
        return self._rank(question, tested, inferred, pool, q_vec, q_stems)[:limit]

    def _rank(
        self,
        question: str,
        tested: tuple[str, ...],
        inferred: bool,
        pool: Sequence[StoryRecord] | Sequence[Features],
        q_vec: tuple[float, ...] | None,
        q_stems: frozenset[str],
        *,
        reasons: bool = True,
    ) -> list[StoryMatch]:
        out = []
        for story, s_vec, s_stems, shows in _features(pool):
            common = tuple(c for c in tested if c in shows)
            share = len(common) / len(tested) if tested else 0.0
            close = max(0.0, _closeness(question, q_vec, story, s_vec))
            shared = q_stems & s_stems
            score = 0.45 * share + 0.45 * close + 0.1 * min(len(shared) / 5, 1.0)
            if not reasons:
                out.append(StoryMatch(story, round(score, 6), (), common))
                continue
            words = _shown_words(question, shared)
            why = []
            if common:
                what = "it seems to test" if inferred else "it tests"
                why.append(f"shows {', '.join(common)}, which {what}")
            elif tested:
                why.append(f"shows none of {', '.join(tested)}")
            why.append(f"closeness in meaning {close:.2f}")
            if words:
                why.append(f"shares the words {', '.join(words[:6])}")
            out.append(StoryMatch(story, round(score, 6), tuple(why), common))
        out.sort(key=lambda m: (-m.score, m.story.id))
        return out

    # -- a loop against the stories ------------------------------------------------

    def coverage(self, track: str = "pm", pack: str | None = None) -> Coverage:
        """The loop's rounds and competencies against every story, gaps marked."""
        owner = self.content.pack_for_track(track, pack)
        loop = owner.tracks[track].loop
        stories = tuple(self.all_stories())
        comps = tuple(dict.fromkeys(c for r in loop for c in r.competencies))
        cells: dict[str, dict[int, str]] = {c: {} for c in comps}
        for s in stories:
            for c in s.suggested:
                if c in cells:
                    cells[c][s.id] = "suggested"
            for c in s.competencies:
                if c in cells:
                    cells[c][s.id] = "yours"
        gaps = tuple(c for c in comps if not cells[c])
        rounds = tuple(
            CoverageRound(
                round=r.round,
                name=r.name,
                competencies=tuple(r.competencies),
                stories=tuple(sorted({i for c in r.competencies for i in cells[c]})),
                gaps=tuple(c for c in r.competencies if c in gaps),
            )
            for r in loop
        )
        return Coverage(track, owner.id, rounds, comps, stories, cells, gaps)

    def warnings_told(self, stories: Sequence[StoryRecord] | None = None) -> list[StoryWarning]:
        """Stories told in more than three attempts (of `stories`, if already read)."""
        return [
            StoryWarning(
                s.id,
                s.title,
                "told",
                f"told in {len(s.told_in)} attempts (more than {TOLD_LIMIT}); "
                "write another story for the same competencies",
            )
            for s in (self.all_stories() if stories is None else stories)
            if len(s.told_in) > TOLD_LIMIT
        ]

    def warnings(
        self,
        track: str = "pm",
        pack: str | None = None,
        stories: Sequence[StoryRecord] | None = None,
    ) -> list[StoryWarning]:
        """Stories told in more than three attempts, or best for too many rounds of the loop.

        A round's best story is the one that is the best match for most of its pack
        questions (ties: the lower id); one story best for more than two rounds of
        one loop would be heard twice by the same panel.
        """
        stories = list(self.all_stories() if stories is None else stories)
        out = self.warnings_told(stories)
        if not stories:
            return out
        owner = self.content.pack_for_track(track, pack)
        best_for: dict[int, list[str]] = {}
        feats = _features(stories)
        for r in owner.tracks[track].loop:
            votes: Counter[int] = Counter()
            for q in self.content.questions(track=track, round=r.round, pack_id=owner.id):
                ranked = self._rank(
                    q.text,
                    tuple(q.competencies),
                    False,
                    feats,
                    _vector(q.text),
                    _stems(q.text),
                    reasons=False,
                )
                if ranked and ranked[0].score > 0:
                    votes[ranked[0].story.id] += 1
            if votes:
                top = min(votes, key=lambda i: (-votes[i], i))
                best_for.setdefault(top, []).append(r.name)
        titles = {s.id: s.title for s in stories}
        for story_id, rounds in sorted(best_for.items()):
            if len(rounds) > STRETCH_LIMIT:
                out.append(
                    StoryWarning(
                        story_id,
                        titles[story_id],
                        "stretched",
                        f"your best story for {len(rounds)} rounds of the {track} loop "
                        f"({', '.join(rounds)}); the same panel would hear it more than "
                        "once: add stories for some of them",
                    )
                )
        return out
