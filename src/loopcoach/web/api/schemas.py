"""The API's request and response models; the OpenAPI document is generated from these."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from loopcoach.content.models import AskId as AskId
from loopcoach.content.models import RoundId as RoundId
from loopcoach.scoring.asks import ASKS
from loopcoach.store.models import MAX_ID

TrackId = Annotated[
    str,
    Field(
        min_length=1,
        max_length=80,
        description="A track id: pm, pmm, tpm, ds, or one a pack adds.",
        examples=["pm"],
    ),
]
Decision = Literal["strong_no_hire", "lean_no_hire", "lean_hire", "strong_hire"]

ASKS_FOR_DESCRIPTION = (
    "What the question asks the answer to deliver; an answer that delivers something else "
    "(a success story to a setback question, a plan to a diagnosis question) is a non-answer. "
    "Default: the pack question's own `asks_for`, else inferred from the question's text. "
    + "; ".join(f"`{k}`: {v}" for k, v in ASKS.items())
    + "."
)


def storable(value: Any) -> Any:
    """Refuse text no database can keep: a NUL byte, or half of a UTF-16 surrogate pair."""
    texts = value if isinstance(value, list) else [value]
    for text in texts:
        if not isinstance(text, str):
            continue
        if "\x00" in text:
            raise ValueError("the text contains a NUL character (U+0000); remove it")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ValueError(
                f"the text contains a lone surrogate (U+{ord(text[exc.start]):04X}), not a "
                "character; it usually comes from a broken copy and paste"
            ) from None
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    _storable = field_validator("*", mode="after")(storable)


# -- requests ------------------------------------------------------------------


class ScoreRequest(Strict):
    """An answer to score. Give `question` (any text) or `question_id` (a pack question)."""

    track: TrackId | None = Field(None, description="Required unless question_id is given.")
    round: RoundId | None = Field(None, description="Required unless question_id is given.")
    question: str | None = Field(None, max_length=5000, description="The question as asked.")
    question_id: str | None = Field(None, max_length=80, description="A pack question's id.")
    answer: str = Field(description="The answer; at most 10,000 words (413 over that).")
    reference: str | None = Field(
        None, max_length=50_000, description="A model answer to measure coverage against."
    )
    talking_points: list[Annotated[str, Field(max_length=2000)]] | None = Field(
        None, max_length=50, description="Points a strong answer makes, to measure coverage."
    )
    asks_for: AskId | None = Field(None, description=ASKS_FOR_DESCRIPTION)


class AnswerRequest(Strict):
    """A submitted answer to a pack question (or to a custom one with track, round, question)."""

    question_id: str | None = Field(None, max_length=80)
    track: TrackId | None = None
    round: RoundId | None = None
    question: str | None = Field(None, max_length=5000)
    answer: str
    draft_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="The draft this answer completes."
    )
    duration_seconds: float | None = Field(None, ge=0, le=86_400)


class FollowUpRequest(Strict):
    """An answer to the follow-up probe of an attempt."""

    answer: str
    probe: str | None = Field(None, max_length=5000, description="Default: the scorer's probe.")
    draft_id: int | None = Field(None, ge=1, le=MAX_ID)
    duration_seconds: float | None = Field(None, ge=0, le=86_400)


class DraftRequest(Strict):
    """Text typed so far. Give question_id, or parent_id for a follow-up, or a custom question."""

    question_id: str | None = Field(None, max_length=80)
    parent_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="For a draft of a follow-up answer."
    )
    probe: str | None = Field(None, max_length=5000)
    track: TrackId | None = None
    round: RoundId | None = None
    question: str | None = Field(None, max_length=5000)
    answer: str
    draft_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="The draft to update; new if absent."
    )


# -- responses -----------------------------------------------------------------


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class CriterionOut(BaseModel):
    id: str
    score: int = Field(ge=0, le=4)
    evidence: list[SpanOut]
    note: str


class FlagOut(BaseModel):
    id: str
    evidence: list[SpanOut]
    why: str


class PointOut(BaseModel):
    point: str
    covered: bool
    score: float
    evidence: list[SpanOut]


class CoverageOut(BaseModel):
    score: float
    points: list[PointOut]


class DeliveryOut(BaseModel):
    words_per_minute: float
    fillers_per_minute: float
    hedges: int
    seconds_used: float
    seconds_budget: float | None


class AssessmentOut(BaseModel):
    """The `loopcoach.assessment/1` JSON, the same as `loopcoach score --json` prints."""

    schema_: Literal["loopcoach.assessment/1"] = Field(alias="schema")
    scorer_version: str
    track: str
    round: str
    overall: float = Field(ge=1.0, le=4.0)
    decision: Decision
    criteria: list[CriterionOut]
    flags: list[FlagOut]
    strengths: list[str]
    improvements: list[str]
    follow_up: str
    signals: dict[str, float]
    coverage: CoverageOut | None = Field(
        None, description="Present when talking points or a reference were given."
    )
    delivery: DeliveryOut | None = Field(None, description="Present for timed transcripts.")


class LoopRoundOut(BaseModel):
    round: str
    name: str
    tests: str
    weight: float
    minutes: int
    competencies: list[str]
    disqualifying_flags: list[str]


class TrackOut(BaseModel):
    id: str
    pack: str
    name: str
    summary: str
    loop: list[LoopRoundOut]


class QuestionSummary(BaseModel):
    id: str
    pack: str
    track: str
    round: str
    round_name: str | None
    text: str
    competencies: list[str]
    difficulty: str
    budget_seconds: float | None
    attempts: int = Field(description="Answers you have submitted to it.")


class QuestionDetail(QuestionSummary):
    talking_points: list[str]
    probes: list[str]
    pitfalls: list[str]


class QuestionList(BaseModel):
    total: int
    items: list[QuestionSummary]


class AttemptOut(BaseModel):
    id: int
    created_at: str
    updated_at: str
    status: Literal["draft", "saved", "scored", "error"]
    track: str
    round: str
    pack: str | None
    question_id: str | None
    question: str
    competencies: list[str]
    answer: str
    kind: Literal["main", "follow_up"]
    parent_id: int | None
    duration_seconds: float | None
    error: str | None
    assessment: AssessmentOut | None


class AttemptList(BaseModel):
    total: int
    items: list[AttemptOut]


class DraftOut(BaseModel):
    draft_id: int | None = Field(description="None while nothing has been typed.")
    saved_at: str | None


class StatOut(BaseModel):
    attempts: int
    average: float
    last: float
    best: float


class RoundReadinessOut(BaseModel):
    round: str
    name: str
    weight: float
    minutes: int
    average: float | None
    attempts: int


class ReadinessOut(BaseModel):
    track: str
    name: str
    grade: float | None = Field(description="Loop-weighted mean grade of the rounds practised.")
    coverage: float = Field(description="Share of the loop's weight practised at least once.")
    rounds: list[RoundReadinessOut]


class WeakQuestionOut(BaseModel):
    id: str
    round: str
    text: str


class WeaknessOut(BaseModel):
    competency: str
    name: str
    average: float | None
    attempts: int
    questions: list[WeakQuestionOut]


class SeriesPointOut(BaseModel):
    attempt_id: int
    when: str
    grade: float


class ProgressOut(BaseModel):
    attempts: int
    scored: int
    streak_days: int
    competencies: dict[str, StatOut]
    tracks: dict[str, StatOut]
    rounds: dict[str, StatOut]
    readiness: list[ReadinessOut]
    weakest: list[WeaknessOut]
    series: dict[str, list[SeriesPointOut]]


def dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(by_alias=True)
