"""Contract reviews, their sessions, and snoozed alerts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime
from sqlmodel import Field

from rekanan.models.base import EnumText, Versioned, utcnow
from rekanan.models.enums import ReviewDecisionKind


class ReviewSession(Versioned, table=True):
    """One sitting of a reviewer going through a queue; ``position`` lets them resume.

    ``queue_json`` is the ordered list of contract ids the queue was built with.
    """

    __tablename__ = "review_session"

    id: int | None = Field(default=None, primary_key=True)
    scope: str = Field(default="", max_length=200)
    reviewer: str = Field(default="", max_length=200)
    queue_json: str = Field(default="[]")
    position: int = 0
    started_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    finished_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class ReviewDecision(Versioned, table=True):
    """A decision about a contract, with what the reviewer saw (``snapshot_json``).

    ``effect_json`` records what the decision changed (for example the previous end date),
    so an undo can put it back.
    """

    __tablename__ = "review_decision"

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id", index=True, ondelete="RESTRICT")
    session_id: int | None = Field(
        default=None, foreign_key="review_session.id", index=True, ondelete="SET NULL"
    )
    decided_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))
    decided_on: date
    decision: ReviewDecisionKind = Field(sa_type=EnumText(ReviewDecisionKind, 30))
    reviewer: str = Field(default="", max_length=200)
    notes: str = Field(default="")
    defer_until: date | None = None
    snapshot_json: str = Field(default="{}")
    effect_json: str = Field(default="{}")


class AlertSnooze(Versioned, table=True):
    """An alert put aside until a date, with the reason, by whom."""

    __tablename__ = "alert_snooze"

    id: int | None = Field(default=None, primary_key=True)
    alert_key: str = Field(max_length=300, index=True)
    until: date
    reason: str = Field(min_length=1)
    snoozed_by: str = Field(default="", max_length=200)


class AgencyHoliday(Versioned, table=True):
    """A day off of the agency itself, besides national holidays and cuti bersama."""

    __tablename__ = "agency_holiday"

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True)
    name: str = Field(default="", max_length=200)
