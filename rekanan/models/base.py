"""Columns every editable table shares: optimistic-lock version and timestamps."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import DateTime, Dialect, Numeric, String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

MONEY = Numeric(18, 2)
"""Rupiah amounts: exact decimals, never floats."""

PERCENT = Numeric(6, 3)
"""Percentages such as 99.950."""

HOURS = Numeric(8, 2)
"""Durations in hours such as 0.25 or 8."""

RATE = Numeric(8, 4)
"""Rates such as a penalty of 1 per mille per day."""


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (the store is the only caller)."""
    return datetime.now(UTC)


class Versioned(SQLModel):
    """A row that staff edit: the version refuses stale edits, timestamps tell when."""

    version: int = Field(default=1, ge=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


def zero() -> Decimal:
    """Default for money columns."""
    return Decimal("0")


E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E], Generic[E]):
    """Stores a StrEnum as its plain value (no native enum types), reads it back as the enum.

    Plain strings keep SQLite and PostgreSQL identical and keep migrations simple when a
    vocabulary grows.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int = 30) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        if value is None:
            return None
        return self.enum(value)
