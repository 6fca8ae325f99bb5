"""The base of every record of `loopcoach.export/1`: what any record's fields must satisfy."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from loopcoach.store.models import storable_text


class Record(BaseModel):
    """No unknown fields; text the database can store; timestamps with their UTC offset."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if isinstance(text, str) and storable_text(text) != text:
                raise ValueError("contains a NUL character or a lone surrogate")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _aware(cls, value: Any) -> Any:
        if isinstance(value, datetime) and value.tzinfo is None:
            raise ValueError("a timestamp needs its UTC offset (e.g. 2026-12-03T10:00:00+00:00)")
        return value
