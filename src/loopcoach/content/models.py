"""The pack schema: every kind of content a pack holds, as strict Pydantic models.

A pack is a folder of YAML (or TOML) files. Each file holds one kind of content,
named by the file: `pack.yaml`, `competencies.yaml`, `red_flags.yaml`,
`rubrics.yaml`, `tracks.yaml`, `frameworks.yaml`, `checklists.yaml`, `cards.yaml`,
`facts.yaml` and any number of files under `questions/`.
Unknown fields are errors, so a typo in a pack is reported, never ignored.
Every field is documented in docs/pack-authoring.md; a test keeps it that way.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_\-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

RoundId = Literal[
    "screen",
    "hiring_manager",
    "technical",
    "product_sense",
    "market_strategy",
    "stakeholder",
    "execution",
    "business_case",
    "ml",
    "culture",
]
FlagId = Literal[
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
]
# What a question asks its answer to deliver; the scorer's vocabulary
# (loopcoach.scoring.asks.ASKS says what each means; a test checks the two agree).
AskId = Literal[
    "setback_story",
    "conflict_story",
    "story",
    "design",
    "diagnosis",
    "plan",
    "decision",
    "motivation",
    "explanation",
]

FACT_TOPICS = (
    "pay",
    "equity",
    "bonus",
    "promotion",
    "exit",
    "day_to_day",
    "layoff_risk",
    "culture",
    "hours",
    "mobility",
    "ownership",
)
FactTopic = Literal[
    "pay",
    "equity",
    "bonus",
    "promotion",
    "exit",
    "day_to_day",
    "layoff_risk",
    "culture",
    "hours",
    "mobility",
    "ownership",
]


# The literal types above are what mypy and the OpenAPI document see; the tuples are the
# same ids for code that iterates them (a test checks they match the scorer's rubric).
ROUND_IDS: tuple[str, ...] = get_args(RoundId)
FLAG_IDS: tuple[str, ...] = get_args(FlagId)
ASK_IDS: tuple[str, ...] = get_args(AskId)

# How long a spoken answer to one question should take, by round, when the question does
# not say: about two minutes for a story or a pitch, three for an analysis, five for a case
# that is designed out loud. A round's length (`LoopRound.minutes`) holds several of these,
# with the follow-ups and the talk around them.
DEFAULT_BUDGET_SECONDS: dict[str, int] = {
    "screen": 120,
    "hiring_manager": 150,
    "culture": 150,
    "stakeholder": 150,
    "execution": 180,
    "market_strategy": 180,
    "technical": 180,
    "ml": 180,
    "product_sense": 300,
    "business_case": 300,
}
MIN_BUDGET_SECONDS = 30
MAX_BUDGET_SECONDS = 900
# An ISO 4217 currency code, such as CNY.
CURRENCY_PATTERN = r"^[A-Z]{3}$"


class Strict(BaseModel):
    """Base for pack models: unknown fields are errors and instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A document the pack cites: its title, the one thing every citation shows, and its gist."""

    title: Text
    about: Text | None = None

    def __str__(self) -> str:
        return self.title


class PackInfo(Strict):
    """`pack.yaml`: who the pack is for."""

    id: Id
    name: Text
    company: Text
    description: Text
    version: Text = "1"
    currency: Annotated[str, StringConstraints(pattern=CURRENCY_PATTERN)] | None = Field(
        default=None,
        description="The ISO 4217 code of the currency the company's offers are in (CNY).",
    )
    sources: dict[str, Source] = Field(
        default_factory=dict,
        description="Source ids (used by `source` fields) mapped to the document they name; "
        "a plain string is the document's title.",
    )

    @field_validator("sources", mode="before")
    @classmethod
    def _titles_as_sources(cls, value: object) -> object:
        # `id: "Title"` is the short form of `id: {title: "Title"}`.
        if isinstance(value, dict):
            return {k: {"title": v} if isinstance(v, str) else v for k, v in value.items()}
        return value

    def source_title(self, source: str | None) -> str | None:
        """The title of the document `source` names, as every citation shows it."""
        found = self.sources.get(source) if source else None
        return found.title if found is not None else None

    def source_titles(self) -> dict[str, str]:
        """Every source id with its document's title."""
        return {k: v.title for k, v in self.sources.items()}


class Competency(Strict):
    """A skill a loop tests, such as ownership or scale thinking."""

    id: Id
    name: Text
    description: Text


class RedFlag(Strict):
    """A red flag from the grading guide, with why a committee cares."""

    id: FlagId
    name: Text
    description: Text
    why: Text


class Criterion(Strict):
    """One criterion of a round's rubric, scored 0 to 4."""

    id: Id
    name: Text
    description: Text


class Rubric(Strict):
    """The criteria a round is graded on."""

    round: RoundId
    criteria: list[Criterion] = Field(min_length=1)


class LoopRound(Strict):
    """One round of a loop: what it tests, its weight in the decision and its time budget."""

    round: RoundId
    name: Text
    tests: Text
    weight: float = Field(gt=0, le=1)
    minutes: int = Field(gt=0, le=240)
    competencies: list[Id] = Field(min_length=1)
    disqualifying_flags: list[FlagId] = Field(default_factory=list)
    source: Id | None = None


class Track(Strict):
    """A role track (pm, pmm, tpm, ds...) and its loop at the pack's company."""

    id: Id
    name: Text
    summary: Text
    loop: list[LoopRound] = Field(min_length=1)
    source: Id | None = None


class Exemplar(Strict):
    """An answer loopcoach wrote itself, graded by the guide, with the flags it should raise."""

    kind: Literal["strong", "weak"]
    grade: int = Field(ge=1, le=4)
    answer: Text
    flags: list[FlagId] = Field(default_factory=list)
    note: Text | None = None


class Question(Strict):
    """An interview question with what a strong answer covers and how to grill it."""

    id: Id
    track: Id
    round: RoundId
    text: Text
    asks_for: AskId | None = Field(
        default=None,
        description="What the answer must deliver (a setback story, a design, a plan...); "
        "inferred from the text when left out.",
    )
    competencies: list[Id] = Field(min_length=1)
    difficulty: Literal["easy", "medium", "hard"]
    talking_points: list[Text] = Field(min_length=2)
    probes: list[Text] = Field(min_length=2)
    pitfalls: list[Text] = Field(min_length=1)
    exemplars: list[Exemplar] = Field(default_factory=list)
    source: Id | None = None
    budget_seconds: int | None = Field(
        default=None,
        ge=MIN_BUDGET_SECONDS,
        le=MAX_BUDGET_SECONDS,
        description="How long a spoken answer should take; the round's default when left out.",
    )

    @property
    def spoken_budget(self) -> int:
        """Seconds a spoken answer should take: its own budget, else its round's default."""
        return self.budget_seconds or DEFAULT_BUDGET_SECONDS[self.round]


class QuestionFile(Strict):
    """A file under `questions/`: a list of questions."""

    questions: list[Question] = Field(min_length=1)


class CompetencyFile(Strict):
    """`competencies.yaml`: the competencies the pack's loops test."""

    competencies: list[Competency] = Field(min_length=1)


class RedFlagFile(Strict):
    """`red_flags.yaml`: the red flags, described for this pack's company."""

    red_flags: list[RedFlag] = Field(min_length=1)


class RubricFile(Strict):
    """`rubrics.yaml`: the criteria of each round."""

    rubrics: list[Rubric] = Field(min_length=1)


class TrackFile(Strict):
    """`tracks.yaml`: the tracks and their loops."""

    tracks: list[Track] = Field(min_length=1)


class TrackFact(Strict):
    """One fact about working in a track (pay, promotion, exits...) and the source it came from."""

    id: Id
    track: Id
    topic: FactTopic
    text: Text
    source: Id
    figures: dict[Id, float] = Field(
        default_factory=dict,
        description="Numbers the text states, by name, for calculators (equity_share_low: 0.4).",
    )


class FactFile(Strict):
    """`facts.yaml`: the track facts of the pack."""

    facts: list[TrackFact] = Field(min_length=1)


class FrameworkStep(Strict):
    """One step of a framework: what to ask yourself there and what a strong answer does."""

    name: Text
    prompt: Text
    good: Text


class Framework(Strict):
    """A structure for an answer (STAR, a product case flow...), step by step, and where it fits."""

    id: Id
    name: Text
    when: Text
    steps: list[FrameworkStep] = Field(min_length=2)
    rounds: list[RoundId] = Field(min_length=1)
    tracks: list[Id] = Field(default_factory=list)
    source: Id | None = None


class FrameworkFile(Strict):
    """`frameworks.yaml`: the answer frameworks of the pack."""

    frameworks: list[Framework] = Field(min_length=1)


class ChecklistItem(Strict):
    """One thing to do before the interview, why it matters, and the source that asks for it."""

    id: Id
    text: Text
    why: Text
    source: Id
    rounds: list[RoundId] = Field(default_factory=list)
    competencies: list[Id] = Field(default_factory=list)
    hours: float | None = Field(default=None, gt=0, le=40)


class Checklist(Strict):
    """The preparation checklist of one track."""

    id: Id
    track: Id
    name: Text
    items: list[ChecklistItem] = Field(min_length=1)


class ChecklistFile(Strict):
    """`checklists.yaml`: the preparation checklists of the pack."""

    checklists: list[Checklist] = Field(min_length=1)


class Card(Strict):
    """A flashcard: a metric, a business model, a system or DS concept, front and back."""

    id: Id
    deck: Id
    front: Text
    back: Text
    tags: list[Id] = Field(default_factory=list)
    tracks: list[Id] = Field(default_factory=list)
    source: Id | None = None


class CardFile(Strict):
    """`cards.yaml`: the flashcards of the pack."""

    cards: list[Card] = Field(min_length=1)
