"""What every command shares: the global options, and settings, content and store built lazily.

Nothing here imports pydantic-settings, the content loader or SQLAlchemy until a
command asks for it, so `loopcoach score` starts without them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from loopcoach.content.index import Content
    from loopcoach.settings import Settings
    from loopcoach.store.db import Store


@dataclass
class AppState:
    """The global options of one invocation; `ctx.obj` of every command."""

    pack_dirs: list[Path] = field(default_factory=list)
    database_url: str | None = None
    _settings: Settings | None = None
    _content: Content | None = None
    _store: Store | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from loopcoach.settings import Settings

            settings = Settings()
            updates: dict[str, object] = {}
            if self.pack_dirs:
                updates["pack_dirs"] = [*settings.pack_dirs, *self.pack_dirs]
            if self.database_url:
                updates["database_url"] = self.database_url
            self._settings = settings.model_copy(update=updates)
        return self._settings

    @property
    def content(self) -> Content:
        """The built-in packs, the user's packs and any --pack-dir, merged."""
        if self._content is None:
            from loopcoach.content.index import load_content

            s = self.settings
            self._content = load_content(
                s.pack_dirs, user_root=s.user_pack_dir, default_pack=s.default_pack
            )
        return self._content

    @property
    def store(self) -> Store:
        """The database, migrated to head on first use."""
        if self._store is None:
            from loopcoach.store.db import Store
            from loopcoach.store.engine import is_read_only

            s = self.settings
            self._store = Store.open(s.resolved_database_url(), user=s.user)
            if is_read_only(self._store.engine):
                typer.echo(
                    f"warning: {self.database_location()} is read-only: what is stored can "
                    "be shown, but nothing new can be saved.",
                    err=True,
                )
        return self._store

    def database_location(self) -> str:
        """The database URL with any password hidden, to tell the user where data is."""
        from sqlalchemy.engine import make_url

        url = make_url(self.settings.resolved_database_url())
        if url.get_backend_name() == "sqlite" and url.database:
            return url.database
        return url.render_as_string(hide_password=True)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def state(ctx: typer.Context) -> AppState:
    """The AppState of this invocation (a default one if the app callback did not run)."""
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState()
        root.call_on_close(root.obj.close)
    return root.obj
