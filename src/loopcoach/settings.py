"""One Settings object, built once at the edge and passed explicitly."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_dir, user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "loopcoach"


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_config_dir() -> Path:
    return Path(user_config_dir(APP_NAME, appauthor=False))


class Settings(BaseSettings):
    """Where loopcoach keeps its data and finds its content; read from LOOPCOACH_* variables."""

    model_config = SettingsConfigDict(env_prefix="LOOPCOACH_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    config_dir: Path = Field(default_factory=default_config_dir)
    database_url: str | None = None
    pack_dirs: list[Path] = Field(default_factory=list)
    default_pack: str = "alibaba"
    user: str = "local"
    # Host names `loopcoach serve` answers to besides 127.0.0.1, localhost and ::1.
    allowed_hosts: list[str] = Field(default_factory=list)

    @property
    def user_pack_dir(self) -> Path:
        return self.config_dir / "packs"

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'loopcoach.sqlite3'}"
