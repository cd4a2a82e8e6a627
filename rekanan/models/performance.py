"""Supplier performance: evaluations, incidents, warning letters and penalties."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime
from sqlmodel import Field

from rekanan.models.base import MONEY, EnumText, Versioned, zero
from rekanan.models.enums import IncidentSeverity, WarningLevel


class Evaluation(Versioned, table=True):
    """A SIKaP-style evaluation: four aspects scored 0-3 (0 only for termination for fault)."""

    __tablename__ = "evaluation"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="evaluation_period_order"),
        CheckConstraint("quality BETWEEN 0 AND 3", name="evaluation_quality_range"),
        CheckConstraint("cost BETWEEN 0 AND 3", name="evaluation_cost_range"),
        CheckConstraint("timeliness BETWEEN 0 AND 3", name="evaluation_timeliness_range"),
        CheckConstraint("service BETWEEN 0 AND 3", name="evaluation_service_range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    supplier_id: int = Field(foreign_key="supplier.id", index=True, ondelete="RESTRICT")
    contract_id: int | None = Field(
        default=None, foreign_key="contract.id", index=True, ondelete="SET NULL"
    )
    period_start: date
    period_end: date = Field(index=True)
    quality: int = Field(ge=0, le=3)
    cost: int = Field(ge=0, le=3)
    timeliness: int = Field(ge=0, le=3)
    service: int = Field(ge=0, le=3)
    evaluator: str = Field(default="", max_length=200)
    evaluated_on: date
    notes: str = Field(default="")


class Incident(Versioned, table=True):
    """An incident or SLA breach of a service, blamed on a contract where one is known.

    Times are naive local times (Asia/Jakarta office clock) as the staff record them.
    ``causes_downtime`` says whether the span from start to resolution counts against
    availability.
    """

    __tablename__ = "incident"
    __table_args__ = (
        CheckConstraint(
            "responded_at IS NULL OR responded_at >= started_at",
            name="incident_response_order",
        ),
        CheckConstraint(
            "resolved_at IS NULL OR resolved_at >= started_at",
            name="incident_resolution_order",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True, ondelete="RESTRICT")
    contract_id: int | None = Field(
        default=None, foreign_key="contract.id", index=True, ondelete="SET NULL"
    )
    started_at: datetime = Field(index=True, sa_type=DateTime(timezone=False))
    responded_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=False))
    resolved_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=False))
    severity: IncidentSeverity = Field(
        default=IncidentSeverity.MEDIUM, sa_type=EnumText(IncidentSeverity, 20)
    )
    causes_downtime: bool = True
    description: str = Field(default="")


class WarningLetter(Versioned, table=True):
    """Surat peringatan SP1, SP2 or SP3 sent to a supplier under a contract."""

    __tablename__ = "warning_letter"

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id", index=True, ondelete="RESTRICT")
    level: WarningLevel = Field(sa_type=EnumText(WarningLevel, 5))
    issued_on: date
    letter_number: str = Field(default="", max_length=200)
    reason: str = Field(default="")


class Penalty(Versioned, table=True):
    """Denda keterlambatan imposed on a contract (Perpres 16/2018 Pasal 79)."""

    __tablename__ = "penalty"
    __table_args__ = (
        CheckConstraint("days_late >= 0", name="penalty_days_not_negative"),
        CheckConstraint("base_amount >= 0", name="penalty_base_not_negative"),
        CheckConstraint("amount >= 0", name="penalty_amount_not_negative"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id", index=True, ondelete="RESTRICT")
    imposed_on: date
    days_late: int = 0
    base_amount: Decimal = Field(default_factory=zero, sa_type=MONEY)
    amount: Decimal = Field(default_factory=zero, sa_type=MONEY)
    notes: str = Field(default="")
