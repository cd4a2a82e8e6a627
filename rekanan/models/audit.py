"""The audit trail: append-only, written by the store on every change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel

from rekanan.models.base import EnumText, utcnow
from rekanan.models.enums import AuditAction


class AuditEntry(SQLModel, table=True):
    """Who changed what, when: ``before_json`` and ``after_json`` hold the changed fields."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=DateTime(timezone=True), index=True)
    user: str = Field(max_length=200)
    action: AuditAction = Field(sa_type=EnumText(AuditAction, 10))
    entity: str = Field(max_length=50, index=True)
    entity_id: int = Field(index=True)
    summary: str = Field(default="", max_length=500)
    before_json: str = Field(default="{}")
    after_json: str = Field(default="{}")
