"""Sanctions: a blacklisted supplier must not hold or receive contracts while it runs.

Rules (DOMAIN.md 3.4, Perpres 16/2018 Pasal 78):

* a sanction runs from its decree date (``start_date``, never retroactive) to its end date
  (open when empty) while its national-blacklist status is *Tayang* (published); a
  *Penundaan* (postponed) or *Pembatalan* (cancelled) entry does not run;
* **sanctioned_supplier**, critical: a supplier under a running sanction holds a live
  contract, or has a contract that starts during the sanction or is still a draft (about to
  be awarded); one alert per contract;
* **sanctioned_supplier**, info: a running sanction ends within
  ``Thresholds.sanction_ending_days`` (the supplier may then bid again).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from rekanan.domain.alert import Alert, AlertKind, Severity
from rekanan.domain.contract_dates import LIVE_STATUSES
from rekanan.domain.index import AgencyIndex
from rekanan.domain.records import ContractRecord, SanctionRecord, SupplierRecord
from rekanan.domain.text import day, enum_label, status_label, t
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus, SanctionStatus


def sanction_running(sanction: SanctionRecord, on: date) -> bool:
    """True when a published sanction covers ``on``."""
    return (
        sanction.status == SanctionStatus.PUBLISHED
        and sanction.start_date <= on
        and (sanction.end_date is None or sanction.end_date >= on)
    )


def running_sanctions(index: AgencyIndex, supplier_id: int, on: date) -> list[SanctionRecord]:
    """The sanctions of a supplier running on ``on``."""
    return [s for s in index.sanctions_by_supplier.get(supplier_id, ()) if sanction_running(s, on)]


def sanction_alerts(
    index: AgencyIndex, as_of: date, thresholds: Thresholds, language: str
) -> Iterator[Alert]:
    """Alerts for sanctioned suppliers with contracts, and for sanctions ending soon."""
    for supplier_id, sanctions in index.sanctions_by_supplier.items():
        supplier = index.suppliers.get(supplier_id)
        if supplier is None:
            continue
        running = [s for s in sanctions if sanction_running(s, as_of)]
        if not running:
            continue
        sanction = max(running, key=lambda s: s.end_date or date.max)
        for contract in index.contracts_by_supplier.get(supplier_id, ()):
            alert = _contract_alert(index, supplier, sanction, contract, as_of, language)
            if alert is not None:
                yield alert
        if sanction.end_date is not None:
            left = (sanction.end_date - as_of).days
            if left <= thresholds.sanction_ending_days:
                yield _ending_alert(index, supplier, sanction, left, language)


def _sanction_reason(sanction: SanctionRecord, language: str) -> str:
    return t(
        language,
        "sanction.reason",
        kind=enum_label("sanction_kind", sanction.kind, language),
        source=enum_label("sanction_source", sanction.source, language),
        decree=sanction.decree_number or "-",
        start=day(sanction.start_date, language),
        end=day(sanction.end_date, language) if sanction.end_date else t(language, "sanction.open"),
    )


def _contract_alert(
    index: AgencyIndex,
    supplier: SupplierRecord,
    sanction: SanctionRecord,
    contract: ContractRecord,
    as_of: date,
    language: str,
) -> Alert | None:
    if contract.status not in LIVE_STATUSES and contract.status != ContractStatus.DRAFT:
        return None
    if contract.end_date is not None and contract.end_date < as_of:
        return None
    is_new = contract.status == ContractStatus.DRAFT or contract.start_date >= sanction.start_date
    end = day(contract.end_date, language) if contract.end_date else t(language, "sanction.open")
    if is_new:
        title = t(language, "sanction.new_title", supplier=supplier.name)
        fact = t(
            language,
            "sanction.reason_new",
            number=contract.number,
            status=status_label(contract.status, language),
            start=day(contract.start_date, language),
        )
    else:
        title = t(language, "sanction.active_title", supplier=supplier.name)
        fact = t(
            language,
            "sanction.reason_contract",
            number=contract.number,
            status=status_label(contract.status, language),
            start=day(contract.start_date, language),
            end=end,
        )
    return Alert(
        kind=AlertKind.SANCTIONED_SUPPLIER,
        severity=Severity.CRITICAL,
        title=title,
        key=f"sanctioned_supplier:sanction:{sanction.id}:contract:{contract.id}",
        rule=t(language, "rule.sanction"),
        due=sanction.end_date,
        days_left=(sanction.end_date - as_of).days if sanction.end_date else None,
        reasons=(_sanction_reason(sanction, language), fact),
        **index.subject(supplier=supplier, contract=contract),
    )


def _ending_alert(
    index: AgencyIndex,
    supplier: SupplierRecord,
    sanction: SanctionRecord,
    left: int,
    language: str,
) -> Alert:
    return Alert(
        kind=AlertKind.SANCTIONED_SUPPLIER,
        severity=Severity.INFO,
        title=t(language, "sanction.ending_title", supplier=supplier.name),
        key=f"sanctioned_supplier:sanction:{sanction.id}:ending",
        rule=t(language, "rule.sanction"),
        due=sanction.end_date,
        days_left=left,
        reasons=(
            _sanction_reason(sanction, language),
            t(
                language,
                "sanction.reason_ending",
                end=day(sanction.end_date, language),
                days=left,
            ),
        ),
        **index.subject(supplier=supplier),
    )
