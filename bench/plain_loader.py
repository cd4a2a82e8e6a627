"""The fastest honest way to turn a SQLite database into ``AgencyData``: sqlite3 and tuples.

Two uses in ``run.py``: a floor for ``rekanan.store.loaders.load_agency`` (the same records,
built with nothing between the rows and the dataclasses), and, while the store's loader has
not landed, the data that ``compute_alerts`` and the scorecards are timed on (rows say so).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
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
from rekanan.models.enums import (
    ContractStatus,
    Criticality,
    IncidentSeverity,
    LegalForm,
    RenewalKind,
    ReviewDecisionKind,
    SanctionKind,
    SanctionSource,
    SanctionStatus,
    ServiceHours,
    SupplierCategory,
    WarningLevel,
)

_d = date.fromisoformat


def _od(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text[:10])


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def load_plain(path: Path) -> AgencyData:
    """Every table the rules read, as plain records, straight from sqlite3 rows."""
    con = sqlite3.connect(path)
    try:
        return _load(con)
    finally:
        con.close()


def _load(con: sqlite3.Connection) -> AgencyData:
    q = con.execute
    suppliers = tuple(
        SupplierRecord(
            id=r[0],
            name=r[1],
            npwp=r[2],
            nib=r[3],
            legal_form=LegalForm(r[4]),
            category=SupplierCategory(r[5]),
            active=bool(r[6]),
            version=r[7],
        )
        for r in q(
            "SELECT id, name, npwp, nib, legal_form, category, active, version FROM supplier"
        )
    )
    services = tuple(
        ServiceRecord(
            id=r[0],
            code=r[1],
            name=r[2],
            owner_unit=r[3],
            criticality=Criticality(r[4]),
            service_hours=ServiceHours(r[5]),
        )
        for r in q("SELECT id, code, name, owner_unit, criticality, service_hours FROM service")
    )
    slas = tuple(
        SLARecord(
            id=r[0],
            service_id=r[1],
            customer=r[2],
            valid_from=_d(r[3]),
            valid_until=_od(r[4]),
            availability_pct=_dec(r[5]),
            response_hours=_dec(r[6]),
            resolution_hours=_dec(r[7]),
            service_hours=ServiceHours(r[8]),
        )
        for r in q(
            "SELECT id, service_id, customer, valid_from, valid_until, availability_pct, "
            "response_hours, resolution_hours, service_hours FROM sla"
        )
    )
    links: dict[int, list[ServiceLink]] = {}
    for cid, sid, component in q("SELECT contract_id, service_id, component FROM contract_service"):
        links.setdefault(cid, []).append(ServiceLink(sid, component))
    contracts = tuple(
        ContractRecord(
            id=r[0],
            number=r[1],
            title=r[2],
            supplier_id=r[3],
            start_date=_d(r[4]),
            end_date=_od(r[5]),
            is_underpinning=bool(r[6]),
            value=Decimal(str(r[7])),
            notice_days=r[8],
            renewal_kind=RenewalKind(r[9]),
            renewal_period_months=r[10],
            max_renewals=r[11],
            renewals_used=r[12],
            procurement_lead_days=r[13],
            performance_bond=_dec(r[14]),
            penalty_rate_per_mille=Decimal(str(r[15])),
            penalty_cap_pct=Decimal(str(r[16])),
            status=ContractStatus(r[17]),
            completed_on=_od(r[18]),
            termination_date=_od(r[19]),
            terminated_for_fault=bool(r[20]),
            availability_pct=_dec(r[21]),
            response_hours=_dec(r[22]),
            resolution_hours=_dec(r[23]),
            service_hours=ServiceHours(r[24]) if r[24] else None,
            services=tuple(links.get(r[0], ())),
        )
        for r in q(
            "SELECT id, number, title, supplier_id, start_date, end_date, is_underpinning, value, "
            "notice_days, renewal_kind, renewal_period_months, max_renewals, renewals_used, "
            "procurement_lead_days, performance_bond, penalty_rate_per_mille, penalty_cap_pct, "
            "status, completed_on, termination_date, terminated_for_fault, availability_pct, "
            "response_hours, resolution_hours, service_hours FROM contract"
        )
    )
    graces = tuple(
        GraceRecord(id=r[0], contract_id=r[1], granted_on=_d(r[2]), days=r[3])
        for r in q("SELECT id, contract_id, granted_on, days FROM grace_extension")
    )
    evaluations = tuple(
        EvaluationRecord(
            id=r[0],
            supplier_id=r[1],
            contract_id=r[2],
            period_start=_d(r[3]),
            period_end=_d(r[4]),
            quality=r[5],
            cost=r[6],
            timeliness=r[7],
            service=r[8],
            evaluated_on=_d(r[9]),
        )
        for r in q(
            "SELECT id, supplier_id, contract_id, period_start, period_end, quality, cost, "
            "timeliness, service, evaluated_on FROM evaluation"
        )
    )
    incidents = tuple(
        IncidentRecord(
            id=r[0],
            service_id=r[1],
            contract_id=r[2],
            started_at=datetime.fromisoformat(r[3]),
            responded_at=_dt(r[4]),
            resolved_at=_dt(r[5]),
            severity=IncidentSeverity(r[6]),
            causes_downtime=bool(r[7]),
        )
        for r in q(
            "SELECT id, service_id, contract_id, started_at, responded_at, resolved_at, "
            "severity, causes_downtime FROM incident"
        )
    )
    letters = tuple(
        WarningLetterRecord(id=r[0], contract_id=r[1], level=WarningLevel(r[2]), issued_on=_d(r[3]))
        for r in q("SELECT id, contract_id, level, issued_on FROM warning_letter")
    )
    penalties = tuple(
        PenaltyRecord(
            id=r[0],
            contract_id=r[1],
            imposed_on=_d(r[2]),
            days_late=r[3],
            base_amount=Decimal(str(r[4])),
            amount=Decimal(str(r[5])),
        )
        for r in q(
            "SELECT id, contract_id, imposed_on, days_late, base_amount, amount FROM penalty"
        )
    )
    sanctions = tuple(
        SanctionRecord(
            id=r[0],
            supplier_id=r[1],
            kind=SanctionKind(r[2]),
            start_date=_d(r[3]),
            end_date=_od(r[4]),
            status=SanctionStatus(r[5]),
            source=SanctionSource(r[6]),
        )
        for r in q(
            "SELECT id, supplier_id, kind, start_date, end_date, status, source FROM sanction"
        )
    )
    reviews = tuple(
        ReviewDecisionRecord(
            id=r[0],
            contract_id=r[1],
            decided_on=_d(r[2]),
            decision=ReviewDecisionKind(r[3]),
            defer_until=_od(r[4]),
        )
        for r in q("SELECT id, contract_id, decided_on, decision, defer_until FROM review_decision")
    )
    snoozes = tuple(
        SnoozeRecord(id=r[0], alert_key=r[1], until=_d(r[2]), reason=r[3])
        for r in q("SELECT id, alert_key, until, reason FROM alert_snooze")
    )
    holidays = tuple(_d(r[0]) for r in q("SELECT day FROM agency_holiday"))
    return AgencyData(
        suppliers=suppliers,
        services=services,
        slas=slas,
        contracts=contracts,
        graces=graces,
        evaluations=evaluations,
        incidents=incidents,
        warning_letters=letters,
        penalties=penalties,
        sanctions=sanctions,
        reviews=reviews,
        snoozes=snoozes,
        agency_holidays=holidays,
    )
