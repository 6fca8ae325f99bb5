"""One Settings object, built once at the edge and passed explicitly."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_config_dir, user_data_dir
from pydantic import Field, SecretStr
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

    # -- service mode (docs/service.md) ------------------------------------------
    # "local": one user, no login. "service": accounts on PostgreSQL, for a cohort.
    mode: Literal["local", "service"] = "local"
    # Signs the CSRF cookie; at least 32 characters, the same on every worker.
    secret_key: SecretStr | None = None
    # Where the workers share their rate-limit counters (redis://...); memory if unset.
    redis_url: str | None = None
    # "invite": sign-up needs an invitation code; "open": anyone who reaches the page.
    signup: Literal["invite", "open"] = "invite"
    # Send cookies only over HTTPS; on behind a TLS-terminating reverse proxy.
    cookie_secure: bool = False
    # Rate limits (the `limits` package's notation). Logins per username and address, and
    # per address (a classroom shares one address behind its NAT); sign-ups per address;
    # scoring per account.
    login_rate: str = "10/minute"
    login_address_rate: str = "300/minute"
    signup_rate: str = "30/minute"
    score_rate: str = "60/minute"

    @property
    def service(self) -> bool:
        return self.mode == "service"

    @property
    def user_pack_dir(self) -> Path:
        return self.config_dir / "packs"

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'loopcoach.sqlite3'}"
