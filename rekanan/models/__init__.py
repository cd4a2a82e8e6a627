"""SQLModel tables: the schema of `rekanan`, and nothing else."""

from sqlmodel import SQLModel

from rekanan.models.alert_register import AlertRegisterDay, AlertRegisterEntry
from rekanan.models.audit import AuditEntry
from rekanan.models.contract import Contract, ContractService, GraceExtension
from rekanan.models.enums import (
    AuditAction,
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
from rekanan.models.performance import Evaluation, Incident, Penalty, WarningLetter
from rekanan.models.review import (
    AgencyHoliday,
    AlertSnooze,
    ReviewDecision,
    ReviewSession,
)
from rekanan.models.service import SLA, Service
from rekanan.models.supplier import Sanction, Supplier

metadata = SQLModel.metadata

__all__ = [
    "SLA",
    "AgencyHoliday",
    "AlertRegisterDay",
    "AlertRegisterEntry",
    "AlertSnooze",
    "AuditAction",
    "AuditEntry",
    "Contract",
    "ContractService",
    "ContractStatus",
    "Criticality",
    "Evaluation",
    "GraceExtension",
    "Incident",
    "IncidentSeverity",
    "LegalForm",
    "Penalty",
    "RenewalKind",
    "ReviewDecision",
    "ReviewDecisionKind",
    "ReviewSession",
    "Sanction",
    "SanctionKind",
    "SanctionSource",
    "SanctionStatus",
    "Service",
    "ServiceHours",
    "Supplier",
    "SupplierCategory",
    "WarningLetter",
    "WarningLevel",
    "metadata",
]
