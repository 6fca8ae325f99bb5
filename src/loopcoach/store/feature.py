"""What every feature's store shares: the Store it reads through, its user, and sessions."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from loopcoach.store.db import Store


class FeatureStore:
    """A feature's tables (loops, plans, cards, ...) as one user of a Store sees them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.user = store.user
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)

    def _session(self) -> Session:
        return self._sessions()
