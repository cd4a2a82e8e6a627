"""Small hand-made agencies for the review rule tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rekanan.domain.records import (
    AgencyData,
    ContractRecord,
    EvaluationRecord,
    ReviewDecisionRecord,
    ServiceLink,
    ServiceRecord,
    SLARecord,
    SupplierRecord,
    WarningLetterRecord,
)
from rekanan.models.enums import RenewalKind, SupplierCategory, WarningLevel

AS_OF = date(2026, 11, 23)


def supplier(id: int, **kw: Any) -> SupplierRecord:
    kw.setdefault("name", f"PT Pemasok {id}")
    kw.setdefault("category", SupplierCategory.OPERATIONAL)
    return SupplierRecord(id=id, **kw)


def contract(id: int, supplier_id: int = 1, **kw: Any) -> ContractRecord:
    kw.setdefault("number", f"602.1/{id:03d}/KTR/2026")
    kw.setdefault("title", f"Kontrak {id}")
    kw.setdefault("start_date", date(2026, 1, 1))
    kw.setdefault("end_date", date(2027, 6, 30))
    kw.setdefault("value", Decimal("120000000"))
    kw.setdefault("renewal_kind", RenewalKind.TACIT)
    kw.setdefault("renewal_period_months", 12)
    kw.setdefault("max_renewals", 2)
    kw.setdefault("procurement_lead_days", 120)
    return ContractRecord(id=id, supplier_id=supplier_id, **kw)


def uc(id: int, service_id: int = 1, **kw: Any) -> ContractRecord:
    kw.setdefault("is_underpinning", True)
    kw.setdefault("services", (ServiceLink(service_id, None),))
    return contract(id, **kw)


def service(id: int = 1) -> ServiceRecord:
    return ServiceRecord(id=id, code=f"SVC{id}", name=f"Layanan {id}")


def sla(id: int = 1, service_id: int = 1, **kw: Any) -> SLARecord:
    kw.setdefault("customer", "Bagian Umum")
    kw.setdefault("valid_from", date(2026, 1, 1))
    kw.setdefault("valid_until", date(2028, 12, 31))
    return SLARecord(id=id, service_id=service_id, **kw)


def good_evaluation(id: int, supplier_id: int) -> EvaluationRecord:
    return EvaluationRecord(
        id=id,
        supplier_id=supplier_id,
        period_start=date(2026, 10, 1),
        period_end=date(2026, 10, 31),
        quality=3,
        cost=3,
        timeliness=3,
        service=3,
        evaluated_on=date(2026, 11, 5),
    )


def letter(id: int, contract_id: int, level: WarningLevel, issued: date) -> WarningLetterRecord:
    return WarningLetterRecord(
        id=id, contract_id=contract_id, level=level, issued_on=issued, letter_number=f"SP/{id}"
    )


def decision(
    id: int, contract_id: int, decided: date, kind: Any, **kw: Any
) -> ReviewDecisionRecord:
    return ReviewDecisionRecord(
        id=id, contract_id=contract_id, decided_on=decided, decision=kind, **kw
    )


def agency(**kw: Any) -> AgencyData:
    for name, value in list(kw.items()):
        kw[name] = tuple(value)
    kw.setdefault("suppliers", (supplier(1),))
    return AgencyData(**kw)
