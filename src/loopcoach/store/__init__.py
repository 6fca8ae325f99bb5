"""Storage: SQLAlchemy models, the Store and the Alembic migrations shipped with the package."""

from loopcoach.store.db import Store
from loopcoach.store.engine import make_engine
from loopcoach.store.migrate import upgrade
from loopcoach.store.records import AssessmentRecord, AttemptRecord, NewAttempt, Progress, Stat

__all__ = [
    "AssessmentRecord",
    "AttemptRecord",
    "NewAttempt",
    "Progress",
    "Stat",
    "Store",
    "make_engine",
    "upgrade",
]
