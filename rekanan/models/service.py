"""Customer-facing IT services (layanan) and their SLAs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from rekanan.models.base import HOURS, PERCENT, EnumText, Versioned
from rekanan.models.enums import Criticality, ServiceHours


class Service(Versioned, table=True):
    """A service the agency runs for its customers (LAPOR!, e-Office, intranet, ...)."""

    __tablename__ = "service"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(min_length=1, max_length=40, unique=True)
    name: str = Field(min_length=1, max_length=300)
    owner_unit: str = Field(default="", max_length=200)
    criticality: Criticality = Field(default=Criticality.MEDIUM, sa_type=EnumText(Criticality, 20))
    service_hours: ServiceHours = Field(
        default=ServiceHours.OFFICE, sa_type=EnumText(ServiceHours, 20)
    )
    description: str = Field(default="")


class SLA(Versioned, table=True):
    """What the agency promises one customer for one service, for a validity period."""

    __tablename__ = "sla"
    __table_args__ = (
        CheckConstraint(
            "availability_pct IS NULL OR (availability_pct >= 0 AND availability_pct <= 100)",
            name="sla_availability_range",
        ),
        CheckConstraint("response_hours IS NULL OR response_hours >= 0", name="sla_response"),
        CheckConstraint("resolution_hours IS NULL OR resolution_hours >= 0", name="sla_resolution"),
        CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from",
            name="sla_until_after_from",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True, ondelete="RESTRICT")
    customer: str = Field(min_length=1, max_length=200)
    availability_pct: Decimal | None = Field(default=None, sa_type=PERCENT)
    response_hours: Decimal | None = Field(default=None, sa_type=HOURS)
    resolution_hours: Decimal | None = Field(default=None, sa_type=HOURS)
    service_hours: ServiceHours = Field(
        default=ServiceHours.OFFICE, sa_type=EnumText(ServiceHours, 20)
    )
    valid_from: date
    valid_until: date | None = None
