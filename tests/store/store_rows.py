"""One valid row of every table, with values unlike the defaults, for the store tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import SQLModel

from rekanan.models import (
    SLA,
    AgencyHoliday,
    AlertSnooze,
    Contract,
    ContractService,
    ContractStatus,
    Criticality,
    Evaluation,
    GraceExtension,
    Incident,
    IncidentSeverity,
    LegalForm,
    Penalty,
    RenewalKind,
    ReviewDecision,
    ReviewDecisionKind,
    ReviewSession,
    Sanction,
    SanctionKind,
    SanctionSource,
    SanctionStatus,
    Service,
    ServiceHours,
    Supplier,
    SupplierCategory,
    WarningLetter,
    WarningLevel,
)
from rekanan.store.writes import Writer

NPWP = "01.234.567.8-901.000"
NPWP_CANONICAL = "0012345678901000"


def supplier(**changes: Any) -> Supplier:
    values: dict[str, Any] = {
        "name": "PT Jaringan Nusantara Abadi",
        "npwp": NPWP,
        "nib": "1234567890123",
        "legal_form": LegalForm.PT,
        "category": SupplierCategory.STRATEGIC,
        "address": "Jl. Merdeka 1, Sukamaju",
        "contact_person": "Sri Wahyuni",
        "email": "sri@jna.example",
        "phone": "0812-0000-0001",
        "active": True,
        "notes": "Operator jaringan utama.",
    }
    values.update(changes)
    return Supplier(**values)


def contract(supplier_id: int, **changes: Any) -> Contract:
    values: dict[str, Any] = {
        "number": "602.1/09/KTR/DISKOMINFO/2026",
        "title": "Sewa jaringan intranet pemerintah",
        "supplier_id": supplier_id,
        "is_underpinning": True,
        "value": Decimal("1250000000.50"),
        "start_date": date(2026, 1, 1),
        "end_date": date(2026, 12, 31),
        "notice_days": 45,
        "renewal_kind": RenewalKind.EXPRESS,
        "renewal_period_months": 12,
        "max_renewals": 2,
        "renewals_used": 1,
        "procurement_lead_days": 90,
        "performance_bond": Decimal("62500000.00"),
        "penalty_rate_per_mille": Decimal("1.5"),
        "penalty_cap_pct": Decimal("7.5"),
        "ppk": "Budi Santoso",
        "satker": "Dinkominfo",
        "contract_type": "Lumsum",
        "status": ContractStatus.IN_NOTICE,
        "completed_on": date(2026, 12, 20),
        "termination_date": None,
        "termination_reason": "",
        "terminated_for_fault": False,
        "availability_pct": Decimal("99.5"),
        "response_hours": Decimal("0.25"),
        "resolution_hours": Decimal("4"),
        "service_hours": ServiceHours.ALWAYS,
        "source": "spse",
        "source_id": "KTR-77",
        "addendum_version": 1,
        "notes": "UC utama.",
    }
    values.update(changes)
    return Contract(**values)


def service(**changes: Any) -> Service:
    values: dict[str, Any] = {
        "code": "INTRA",
        "name": "Intranet pemerintah",
        "owner_unit": "Bidang TIK",
        "criticality": Criticality.CRITICAL,
        "service_hours": ServiceHours.ALWAYS,
        "description": "Jaringan antar-OPD.",
    }
    values.update(changes)
    return Service(**values)


def every_row(w: Writer) -> dict[str, SQLModel]:
    """Create one row of every table (except the audit log) and return them by table."""
    s = supplier()
    w.create(s)
    c = contract(s.id or 0)
    w.create(c)
    sv = service()
    w.create(sv)
    session = ReviewSession(
        scope="Jatuh tempo 90 hari",
        reviewer="ani",
        queue_json="[1]",
        position=1,
        started_at=datetime(2026, 11, 1, 8, 0, tzinfo=UTC),
    )
    w.create(session)
    rows: list[SQLModel] = [
        Sanction(
            supplier_id=s.id or 0,
            kind=SanctionKind.BLACKLIST_2Y,
            decree_number="SK/01/2026",
            start_date=date(2026, 2, 1),
            end_date=date(2028, 2, 1),
            status=SanctionStatus.POSTPONED,
            source=SanctionSource.NATIONAL,
            reason="Dokumen palsu",
        ),
        SLA(
            service_id=sv.id or 0,
            customer="Sekretariat Daerah",
            availability_pct=Decimal("99.9"),
            response_hours=Decimal("0.5"),
            resolution_hours=Decimal("8"),
            service_hours=ServiceHours.ALWAYS,
            valid_from=date(2026, 1, 1),
            valid_until=date(2026, 12, 31),
        ),
        ContractService(contract_id=c.id or 0, service_id=sv.id or 0, component="link utama"),
        GraceExtension(contract_id=c.id or 0, granted_on=date(2026, 6, 1), days=30, reason="Cuaca"),
        Evaluation(
            supplier_id=s.id or 0,
            contract_id=c.id,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 3, 31),
            quality=3,
            cost=2,
            timeliness=1,
            service=3,
            evaluator="Ani",
            evaluated_on=date(2026, 4, 5),
            notes="Triwulan I",
        ),
        Incident(
            service_id=sv.id or 0,
            contract_id=c.id,
            started_at=datetime(2026, 5, 1, 8, 30),
            responded_at=datetime(2026, 5, 1, 8, 45),
            resolved_at=datetime(2026, 5, 1, 12, 0),
            severity=IncidentSeverity.HIGH,
            causes_downtime=False,
            description="Link putus",
        ),
        WarningLetter(
            contract_id=c.id or 0,
            level=WarningLevel.SP2,
            issued_on=date(2026, 5, 10),
            letter_number="SP/02/2026",
            reason="Terlambat",
        ),
        Penalty(
            contract_id=c.id or 0,
            imposed_on=date(2026, 6, 1),
            days_late=10,
            base_amount=Decimal("1250000000.50"),
            amount=Decimal("12500000.01"),
            notes="Denda 10 hari",
        ),
        ReviewDecision(
            contract_id=c.id or 0,
            session_id=session.id,
            decided_at=datetime(2026, 11, 2, 9, 0, tzinfo=UTC),
            decided_on=date(2026, 11, 2),
            decision=ReviewDecisionKind.RENEGOTIATE,
            reviewer="ani",
            notes="Turunkan harga",
            defer_until=date(2026, 12, 1),
            snapshot_json='{"end": "2026-12-31"}',
            effect_json="{}",
        ),
        AlertSnooze(alert_key="contract:1:notice", until=date(2026, 12, 1), reason="Rapat"),
        AgencyHoliday(day=date(2026, 8, 18), name="Cuti HUT kabupaten"),
    ]
    w.create_many(rows)
    made: dict[str, SQLModel] = {
        "supplier": s,
        "contract": c,
        "service": sv,
        "review_session": session,
    }
    for row in rows:
        made[row.__tablename__] = row  # type: ignore[index]
    return made


def row_id(row: SQLModel) -> int:
    """The id of a stored row."""
    return int(getattr(row, "id", 0) or 0)
