"""The JSON API under /api/v1: questions, scoring, attempts and drafts, progress."""

from fastapi import APIRouter

from loopcoach.web.api import attempts, cards, plan, progress, questions, rounds, score, stories

router = APIRouter(prefix="/api/v1")
for _module in (questions, score, attempts, progress, plan, cards, stories, rounds):
    router.include_router(_module.router)

__all__ = ["router"]
