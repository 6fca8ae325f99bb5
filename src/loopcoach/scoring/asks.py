"""What a question asks for: the kinds of answer the relevance judgement knows.

A pack question names its kind in `asks_for`; a question in no pack has it inferred
from its text (`relevance.infer_asks`). Each kind says what an answer must deliver to be
an answer at all, whatever its polish.
"""

from __future__ import annotations

ASKS: dict[str, str] = {
    "setback_story": "a time something went wrong for you: a failure, a miss, a mistake, "
    "being wrong, or feedback that stung, and your part in it",
    "conflict_story": "a time you disagreed with someone, were challenged, pushed back or "
    "had to persuade someone, and how it was resolved",
    "story": "a past piece of your own work: what you did, what you decided and how it ended",
    "design": "a design: a system, a product, a model or a process, with how it works",
    "diagnosis": "a diagnosis: how you would find out why something happened",
    "plan": "a plan of action for the situation: what you would do, in what order",
    "decision": "a decision between options, made and defended",
    "motivation": "your own reasons for wanting this role, company or track",
    "explanation": "an explanation or definition, clear to the listener",
}
ASK_IDS: tuple[str, ...] = tuple(ASKS)
