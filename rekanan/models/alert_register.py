"""The alert register: the alerts of a day, stored, and kept current from the audit trail.

Why: worded alerts for a national agency take seconds to compute (tens of thousands of
contracts near a date, each alert a few sentences), and staff and cron ask for them many
times a day. The register keeps the alerts of a day with the newest audit row they include;
``rekanan.store.alert_register`` recomputes only the records changed since. These rows are
derived: never edited by staff, never audited, safe to delete at any time.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from rekanan.models.base import utcnow


class AlertRegisterDay(SQLModel, table=True):
    """The alerts of one day under one set of thresholds, language and rules."""

    __tablename__ = "alert_register_day"
    __table_args__ = (UniqueConstraint("as_of", "fingerprint"),)

    id: int | None = Field(default=None, primary_key=True)
    as_of: date
    fingerprint: str = Field(max_length=64)
    watermark: int = Field(default=0)
    """The newest audit row whose change the stored alerts include."""
    contracts: int = Field(default=0)
    """Contracts in the database then: a change made without an audit row shows here."""
    computed_at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True))


class AlertRegisterEntry(SQLModel, table=True):
    """One stored alert: the record it belongs to (``contract:12``), what lists, filters
    and sorts it, and the whole alert as the JSON of ``Alert.to_dict``."""

    __tablename__ = "alert_register_entry"
    __table_args__ = (Index("ix_alert_register_entry_day_owner", "day_id", "owner"),)

    id: int | None = Field(default=None, primary_key=True)
    day_id: int = Field(foreign_key="alert_register_day.id", ondelete="CASCADE")
    owner: str = Field(max_length=40)
    kind: str = Field(max_length=40)
    severity: str = Field(max_length=10)
    title: str
    key: str = Field(max_length=300)
    due: date | None = None
    days_left: int | None = None
    supplier_name: str = ""
    contract_number: str = ""
    service_code: str = ""
    snoozed_until: date | None = None
    payload: str
