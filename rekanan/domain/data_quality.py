"""Data quality: records that leave the rules blind.

Rule (issue 3 section 8; DOMAIN.md 6 on messy SPSE exports): a contract without an end
date, a contract whose end equals its start (a common artefact of imports), an underpinning
contract with no availability, response or resolution target, an SLA in force for a
service no UC is mapped to, and a supplier without an NPWP each raise ``data_incomplete``.
Only records that matter today are checked: live and draft contracts, active suppliers.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rekanan.domain.alert import Alert, AlertKind, Severity
from rekanan.domain.contract_dates import LIVE_STATUSES
from rekanan.domain.index import AgencyIndex
from rekanan.domain.text import day, t
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus

_CHECKED = LIVE_STATUSES | {ContractStatus.DRAFT}


def data_quality_alerts(
    index: AgencyIndex, as_of: date, thresholds: Thresholds, language: str
) -> Iterator[Alert]:
    """``data_incomplete`` alerts, one per record and problem."""
    rule = t(language, "rule.data_quality")
    for contract in index.data.contracts:
        if contract.status not in _CHECKED:
            continue
        subject = index.subject(contract=contract)
        if contract.end_date is None:
            yield Alert(
                kind=AlertKind.DATA_INCOMPLETE,
                severity=Severity.WARNING,
                title=t(language, "dq.no_end_title", number=contract.number),
                key=f"data_incomplete:contract:{contract.id}:no_end_date",
                rule=rule,
                reasons=(
                    t(
                        language,
                        "dq.no_end_reason",
                        number=contract.number,
                        title=contract.title,
                        start=day(contract.start_date, language),
                    ),
                ),
                **subject,
            )
        elif contract.end_date == contract.start_date:
            yield Alert(
                kind=AlertKind.DATA_INCOMPLETE,
                severity=Severity.WARNING,
                title=t(language, "dq.same_day_title", number=contract.number),
                key=f"data_incomplete:contract:{contract.id}:end_equals_start",
                rule=rule,
                reasons=(
                    t(
                        language,
                        "dq.same_day_reason",
                        number=contract.number,
                        start=day(contract.start_date, language),
                    ),
                ),
                **subject,
            )
        if contract.is_underpinning and (
            contract.availability_pct is None
            and contract.response_hours is None
            and contract.resolution_hours is None
        ):
            yield Alert(
                kind=AlertKind.DATA_INCOMPLETE,
                severity=Severity.WARNING,
                title=t(language, "dq.uc_targets_title", number=contract.number),
                key=f"data_incomplete:contract:{contract.id}:uc_without_targets",
                rule=rule,
                reasons=(t(language, "dq.uc_targets_reason", number=contract.number),),
                **subject,
            )
    for service_id in index.slas_by_service:
        service = index.services.get(service_id)
        if service is None or service_id in index.ucs_by_service:
            continue
        for sla in index.slas_in_force(service_id, as_of):
            yield Alert(
                kind=AlertKind.DATA_INCOMPLETE,
                severity=Severity.WARNING,
                title=t(language, "dq.sla_unmapped_title", service=service.name),
                key=f"data_incomplete:sla:{sla.id}:no_uc_mapping",
                rule=rule,
                reasons=(
                    t(
                        language,
                        "dq.sla_unmapped_reason",
                        service=service.name,
                        customer=sla.customer,
                    ),
                ),
                **index.subject(service=service),
            )
    for supplier in index.data.suppliers:
        if supplier.active and not supplier.npwp:
            yield Alert(
                kind=AlertKind.DATA_INCOMPLETE,
                severity=Severity.INFO,
                title=t(language, "dq.no_npwp_title", supplier=supplier.name),
                key=f"data_incomplete:supplier:{supplier.id}:no_npwp",
                rule=rule,
                reasons=(t(language, "dq.no_npwp_reason", supplier=supplier.name),),
                **index.subject(supplier=supplier),
            )
