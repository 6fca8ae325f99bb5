"""The pack schema: every kind of content a pack holds, as strict Pydantic models.

A pack is a folder of YAML (or TOML) files. Each file holds one kind of content,
named by the file: `pack.yaml`, `competencies.yaml`, `red_flags.yaml`,
`rubrics.yaml`, `tracks.yaml` and any number of files under `questions/`.
Unknown fields are errors, so a typo in a pack is reported, never ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_\-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

ROUND_IDS = (
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
)
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
FLAG_IDS = (
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
)
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


class Strict(BaseModel):
    """Base for pack models: unknown fields are errors and instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PackInfo(Strict):
    """`pack.yaml`: who the pack is for."""

    id: Id
    name: Text
    company: Text
    description: Text
    version: Text = "1"
    sources: dict[str, Text] = Field(
        default_factory=dict,
        description="Source ids (used by `source` fields) mapped to the article they name.",
    )


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
    competencies: list[Id] = Field(min_length=1)
    difficulty: Literal["easy", "medium", "hard"]
    talking_points: list[Text] = Field(min_length=2)
    probes: list[Text] = Field(min_length=2)
    pitfalls: list[Text] = Field(min_length=1)
    exemplars: list[Exemplar] = Field(default_factory=list)
    source: Id | None = None


class QuestionFile(Strict):
    """A file under `questions/`: a list of questions."""

    questions: list[Question] = Field(min_length=1)


class CompetencyFile(Strict):
    competencies: list[Competency] = Field(min_length=1)


class RedFlagFile(Strict):
    red_flags: list[RedFlag] = Field(min_length=1)


class RubricFile(Strict):
    rubrics: list[Rubric] = Field(min_length=1)


class TrackFile(Strict):
    tracks: list[Track] = Field(min_length=1)
