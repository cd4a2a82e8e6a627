"""Contracts with suppliers, the services they underpin, and grace extensions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field

from rekanan.models.base import HOURS, MONEY, PERCENT, RATE, EnumText, Versioned, zero
from rekanan.models.enums import ContractStatus, RenewalKind, ServiceHours


class Contract(Versioned, table=True):
    """A contract (kontrak, SPK, surat perjanjian) with one supplier.

    Dates are exact days. ``end_date`` may be missing in imported data; the rules flag it.
    An underpinning contract (UC) backs customer-facing services through ``ContractService``
    and promises its own targets (availability, response, resolution, service hours).
    ``procurement_lead_days`` empty means "the default of the supplier's category".
    """

    __tablename__ = "contract"
    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name="contract_end_after_start",
        ),
        CheckConstraint("value >= 0", name="contract_value_not_negative"),
        CheckConstraint("notice_days >= 0", name="contract_notice_not_negative"),
        CheckConstraint("renewals_used >= 0", name="contract_renewals_used_not_negative"),
        CheckConstraint("max_renewals >= 0", name="contract_max_renewals_not_negative"),
        CheckConstraint(
            "performance_bond IS NULL OR performance_bond >= 0",
            name="contract_bond_not_negative",
        ),
        CheckConstraint(
            "penalty_cap_pct >= 0 AND penalty_cap_pct <= 100",
            name="contract_penalty_cap_range",
        ),
        CheckConstraint("penalty_rate_per_mille >= 0", name="contract_penalty_rate_not_negative"),
        CheckConstraint(
            "availability_pct IS NULL OR (availability_pct >= 0 AND availability_pct <= 100)",
            name="contract_availability_range",
        ),
        UniqueConstraint("source", "source_id", name="contract_source_id_unique"),
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(min_length=1, max_length=200, unique=True)
    title: str = Field(min_length=1, max_length=500)
    supplier_id: int = Field(foreign_key="supplier.id", index=True, ondelete="RESTRICT")
    is_underpinning: bool = False
    value: Decimal = Field(default_factory=zero, sa_type=MONEY)
    start_date: date = Field(index=True)
    end_date: date | None = Field(default=None, index=True)
    notice_days: int = 30
    renewal_kind: RenewalKind = Field(default=RenewalKind.NONE, sa_type=EnumText(RenewalKind, 20))
    renewal_period_months: int | None = None
    max_renewals: int = 0
    renewals_used: int = 0
    procurement_lead_days: int | None = None
    performance_bond: Decimal | None = Field(default=None, sa_type=MONEY)
    penalty_rate_per_mille: Decimal = Field(default=Decimal("1"), sa_type=RATE)
    penalty_cap_pct: Decimal = Field(default=Decimal("5"), sa_type=PERCENT)
    ppk: str = Field(default="", max_length=200)
    satker: str = Field(default="", max_length=300)
    contract_type: str = Field(default="", max_length=100)
    status: ContractStatus = Field(
        default=ContractStatus.ACTIVE, sa_type=EnumText(ContractStatus, 30), index=True
    )
    completed_on: date | None = None
    termination_date: date | None = None
    termination_reason: str = Field(default="")
    terminated_for_fault: bool = False
    availability_pct: Decimal | None = Field(default=None, sa_type=PERCENT)
    response_hours: Decimal | None = Field(default=None, sa_type=HOURS)
    resolution_hours: Decimal | None = Field(default=None, sa_type=HOURS)
    service_hours: ServiceHours | None = Field(default=None, sa_type=EnumText(ServiceHours, 20))
    source: str = Field(default="manual", max_length=40)
    source_id: str | None = Field(default=None, max_length=100)
    addendum_version: int = 0
    notes: str = Field(default="")


class ContractService(Versioned, table=True):
    """A UC backs a service. UCs with the same ``component`` for one service are redundant."""

    __tablename__ = "contract_service"
    __table_args__ = (
        UniqueConstraint("contract_id", "service_id", name="contract_service_unique"),
    )

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id", index=True, ondelete="CASCADE")
    service_id: int = Field(foreign_key="service.id", index=True, ondelete="RESTRICT")
    component: str | None = Field(default=None, max_length=200)


class GraceExtension(Versioned, table=True):
    """Pemberian kesempatan: extra calendar days for a late supplier, by addendum (Pasal 56)."""

    __tablename__ = "grace_extension"
    __table_args__ = (CheckConstraint("days > 0", name="grace_days_positive"),)

    id: int | None = Field(default=None, primary_key=True)
    contract_id: int = Field(foreign_key="contract.id", index=True, ondelete="CASCADE")
    granted_on: date
    days: int
    reason: str = Field(default="")
