"""Plain, immutable records: what the store hands to the rules, the screens and the exports.

They mirror the tables in ``rekanan.models`` but carry no session and no lazy loading, so
they can cross threads (Textual workers) and be built by hand in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

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


@dataclass(frozen=True, slots=True)
class SupplierRecord:
    id: int
    name: str
    npwp: str | None = None
    nib: str | None = None
    legal_form: LegalForm = LegalForm.PT
    category: SupplierCategory = SupplierCategory.OPERATIONAL
    address: str = ""
    contact_person: str = ""
    email: str = ""
    phone: str = ""
    active: bool = True
    notes: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class ServiceRecord:
    id: int
    code: str
    name: str
    owner_unit: str = ""
    criticality: Criticality = Criticality.MEDIUM
    service_hours: ServiceHours = ServiceHours.OFFICE
    description: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class SLARecord:
    id: int
    service_id: int
    customer: str
    valid_from: date
    valid_until: date | None = None
    availability_pct: Decimal | None = None
    response_hours: Decimal | None = None
    resolution_hours: Decimal | None = None
    service_hours: ServiceHours = ServiceHours.OFFICE
    version: int = 1


@dataclass(frozen=True, slots=True)
class ServiceLink:
    """One service a UC backs; equal ``component`` values for one service mean redundancy."""

    service_id: int
    component: str | None = None


@dataclass(frozen=True, slots=True)
class ContractRecord:
    id: int
    number: str
    title: str
    supplier_id: int
    start_date: date
    end_date: date | None = None
    is_underpinning: bool = False
    value: Decimal = Decimal("0")
    notice_days: int = 30
    renewal_kind: RenewalKind = RenewalKind.NONE
    renewal_period_months: int | None = None
    max_renewals: int = 0
    renewals_used: int = 0
    procurement_lead_days: int | None = None
    performance_bond: Decimal | None = None
    penalty_rate_per_mille: Decimal = Decimal("1")
    penalty_cap_pct: Decimal = Decimal("5")
    ppk: str = ""
    satker: str = ""
    contract_type: str = ""
    status: ContractStatus = ContractStatus.ACTIVE
    completed_on: date | None = None
    termination_date: date | None = None
    termination_reason: str = ""
    terminated_for_fault: bool = False
    availability_pct: Decimal | None = None
    response_hours: Decimal | None = None
    resolution_hours: Decimal | None = None
    service_hours: ServiceHours | None = None
    source: str = "manual"
    source_id: str | None = None
    addendum_version: int = 0
    notes: str = ""
    services: tuple[ServiceLink, ...] = field(default=())
    version: int = 1


@dataclass(frozen=True, slots=True)
class GraceRecord:
    id: int
    contract_id: int
    granted_on: date
    days: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class EvaluationRecord:
    id: int
    supplier_id: int
    period_start: date
    period_end: date
    quality: int
    cost: int
    timeliness: int
    service: int
    evaluated_on: date
    contract_id: int | None = None
    evaluator: str = ""
    notes: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    id: int
    service_id: int
    started_at: datetime
    contract_id: int | None = None
    responded_at: datetime | None = None
    resolved_at: datetime | None = None
    severity: IncidentSeverity = IncidentSeverity.MEDIUM
    causes_downtime: bool = True
    description: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class WarningLetterRecord:
    id: int
    contract_id: int
    level: WarningLevel
    issued_on: date
    letter_number: str = ""
    reason: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class PenaltyRecord:
    id: int
    contract_id: int
    imposed_on: date
    days_late: int = 0
    base_amount: Decimal = Decimal("0")
    amount: Decimal = Decimal("0")
    notes: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class SanctionRecord:
    id: int
    supplier_id: int
    start_date: date
    end_date: date | None = None
    kind: SanctionKind = SanctionKind.BLACKLIST_1Y
    decree_number: str = ""
    status: SanctionStatus = SanctionStatus.PUBLISHED
    source: SanctionSource = SanctionSource.LOCAL
    reason: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class ReviewDecisionRecord:
    id: int
    contract_id: int
    decided_on: date
    decision: ReviewDecisionKind
    decided_at: datetime | None = None
    session_id: int | None = None
    reviewer: str = ""
    notes: str = ""
    defer_until: date | None = None
    snapshot_json: str = "{}"
    effect_json: str = "{}"


@dataclass(frozen=True, slots=True)
class SnoozeRecord:
    id: int
    alert_key: str
    until: date
    reason: str
    snoozed_by: str = ""


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: int
    summary: str = ""
    before_json: str = "{}"
    after_json: str = "{}"


@dataclass(frozen=True, slots=True)
class AgencyData:
    """Everything the rules look at, as of one load. Built by ``rekanan.store.loaders``."""

    suppliers: tuple[SupplierRecord, ...] = ()
    services: tuple[ServiceRecord, ...] = ()
    slas: tuple[SLARecord, ...] = ()
    contracts: tuple[ContractRecord, ...] = ()
    graces: tuple[GraceRecord, ...] = ()
    evaluations: tuple[EvaluationRecord, ...] = ()
    incidents: tuple[IncidentRecord, ...] = ()
    warning_letters: tuple[WarningLetterRecord, ...] = ()
    penalties: tuple[PenaltyRecord, ...] = ()
    sanctions: tuple[SanctionRecord, ...] = ()
    reviews: tuple[ReviewDecisionRecord, ...] = ()
    snoozes: tuple[SnoozeRecord, ...] = ()
    agency_holidays: tuple[date, ...] = ()
