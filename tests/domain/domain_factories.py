"""Hand-made records for the rule tests: short builders with sensible defaults."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rekanan.domain.records import (
    AgencyData,
    ContractRecord,
    EvaluationRecord,
    GraceRecord,
    IncidentRecord,
    PenaltyRecord,
    ReviewDecisionRecord,
    SanctionRecord,
    ServiceLink,
    ServiceRecord,
    SLARecord,
    SnoozeRecord,
    SupplierRecord,
    WarningLetterRecord,
)
from rekanan.models.enums import ServiceHours, SupplierCategory, WarningLevel

AS_OF = date(2026, 11, 23)


def supplier(id: int = 1, **kw: Any) -> SupplierRecord:
    kw.setdefault("name", f"PT Pemasok {id}")
    kw.setdefault("npwp", f"01234567890{id:04d}"[:15].rjust(16, "0"))
    kw.setdefault("category", SupplierCategory.OPERATIONAL)
    return SupplierRecord(id=id, **kw)


def service(id: int = 1, **kw: Any) -> ServiceRecord:
    kw.setdefault("code", f"SVC{id}")
    kw.setdefault("name", f"Layanan {id}")
    return ServiceRecord(id=id, **kw)


def sla(id: int = 1, service_id: int = 1, **kw: Any) -> SLARecord:
    kw.setdefault("customer", "Bagian Umum")
    kw.setdefault("valid_from", date(2026, 1, 1))
    kw.setdefault("valid_until", date(2026, 12, 31))
    return SLARecord(id=id, service_id=service_id, **kw)


def contract(id: int = 1, supplier_id: int = 1, **kw: Any) -> ContractRecord:
    kw.setdefault("number", f"602.1/{id:03d}/KTR/2026")
    kw.setdefault("title", f"Kontrak {id}")
    kw.setdefault("start_date", date(2026, 1, 1))
    kw.setdefault("end_date", date(2026, 12, 31))
    return ContractRecord(id=id, supplier_id=supplier_id, **kw)


def uc(id: int, service_id: int = 1, component: str | None = None, **kw: Any) -> ContractRecord:
    kw.setdefault("is_underpinning", True)
    kw.setdefault("services", (ServiceLink(service_id, component),))
    return contract(id, **kw)


def incident(
    id: int, service_id: int, start: datetime, end: datetime | None, **kw: Any
) -> IncidentRecord:
    return IncidentRecord(id=id, service_id=service_id, started_at=start, resolved_at=end, **kw)


def letter(id: int, contract_id: int, level: WarningLevel, issued: date) -> WarningLetterRecord:
    return WarningLetterRecord(
        id=id, contract_id=contract_id, level=level, issued_on=issued, letter_number=f"SP/{id}"
    )


def penalty(id: int, contract_id: int, amount: str, days: int = 0, **kw: Any) -> PenaltyRecord:
    kw.setdefault("imposed_on", date(2026, 10, 1))
    return PenaltyRecord(
        id=id, contract_id=contract_id, amount=Decimal(amount), days_late=days, **kw
    )


def grace(id: int, contract_id: int, days: int, granted: date) -> GraceRecord:
    return GraceRecord(id=id, contract_id=contract_id, granted_on=granted, days=days)


def evaluation(
    id: int, supplier_id: int, start: date, end: date, scores: tuple[int, int, int, int], **kw: Any
) -> EvaluationRecord:
    q, c, t, s = scores
    kw.setdefault("evaluated_on", end)
    return EvaluationRecord(
        id=id,
        supplier_id=supplier_id,
        period_start=start,
        period_end=end,
        quality=q,
        cost=c,
        timeliness=t,
        service=s,
        **kw,
    )


def sanction(id: int, supplier_id: int, start: date, end: date | None, **kw: Any) -> SanctionRecord:
    return SanctionRecord(id=id, supplier_id=supplier_id, start_date=start, end_date=end, **kw)


def snooze(key: str, until: date, reason: str = "menunggu rapat") -> SnoozeRecord:
    return SnoozeRecord(id=1, alert_key=key, until=until, reason=reason)


def review(
    id: int, contract_id: int, decided: date, decision: Any, **kw: Any
) -> ReviewDecisionRecord:
    return ReviewDecisionRecord(
        id=id, contract_id=contract_id, decided_on=decided, decision=decision, **kw
    )


def agency(**kw: Any) -> AgencyData:
    for name in (
        "suppliers",
        "services",
        "slas",
        "contracts",
        "graces",
        "evaluations",
        "incidents",
        "warning_letters",
        "penalties",
        "sanctions",
        "reviews",
        "snoozes",
        "agency_holidays",
    ):
        if name in kw:
            kw[name] = tuple(kw[name])
    kw.setdefault("suppliers", (supplier(1),))
    return AgencyData(**kw)


ALWAYS = ServiceHours.ALWAYS
OFFICE = ServiceHours.OFFICE
