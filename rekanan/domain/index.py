"""AgencyData indexed by id once, so every rule looks things up instead of scanning.

With 100 000 contracts a rule that scans all incidents per contract is quadratic; building
these dictionaries is one pass over each table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from rekanan.domain.alert import Subject
from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.identifiers import format_npwp
from rekanan.domain.records import (
    AgencyData,
    ContractRecord,
    EvaluationRecord,
    GraceRecord,
    IncidentRecord,
    PenaltyRecord,
    ReviewDecisionRecord,
    SanctionRecord,
    ServiceRecord,
    SLARecord,
    SnoozeRecord,
    SupplierRecord,
    WarningLetterRecord,
)

T = TypeVar("T")


@dataclass(slots=True)
class AgencyIndex:
    """Lookups over one ``AgencyData``; build it with ``AgencyIndex.build``."""

    data: AgencyData
    calendar: WorkingCalendar
    suppliers: dict[int, SupplierRecord] = field(default_factory=dict)
    services: dict[int, ServiceRecord] = field(default_factory=dict)
    contracts: dict[int, ContractRecord] = field(default_factory=dict)
    contracts_by_supplier: dict[int, list[ContractRecord]] = field(default_factory=dict)
    ucs_by_service: dict[int, list[tuple[ContractRecord, str | None]]] = field(default_factory=dict)
    slas_by_service: dict[int, list[SLARecord]] = field(default_factory=dict)
    incidents_by_service: dict[int, list[IncidentRecord]] = field(default_factory=dict)
    incidents_by_contract: dict[int, list[IncidentRecord]] = field(default_factory=dict)
    graces_by_contract: dict[int, list[GraceRecord]] = field(default_factory=dict)
    letters_by_contract: dict[int, list[WarningLetterRecord]] = field(default_factory=dict)
    penalties_by_contract: dict[int, list[PenaltyRecord]] = field(default_factory=dict)
    evaluations_by_supplier: dict[int, list[EvaluationRecord]] = field(default_factory=dict)
    sanctions_by_supplier: dict[int, list[SanctionRecord]] = field(default_factory=dict)
    reviews_by_contract: dict[int, list[ReviewDecisionRecord]] = field(default_factory=dict)
    snoozes: dict[str, SnoozeRecord] = field(default_factory=dict)

    @classmethod
    def build(cls, data: AgencyData, calendar: WorkingCalendar | None = None) -> AgencyIndex:
        """Index every table of ``data`` by the ids the rules look up."""
        index = cls(data, calendar or WorkingCalendar.for_agency(data.agency_holidays))
        index.suppliers = {s.id: s for s in data.suppliers}
        index.services = {s.id: s for s in data.services}
        index.contracts = {c.id: c for c in data.contracts}
        by_supplier: defaultdict[int, list[ContractRecord]] = defaultdict(list)
        ucs: defaultdict[int, list[tuple[ContractRecord, str | None]]] = defaultdict(list)
        for contract in data.contracts:
            by_supplier[contract.supplier_id].append(contract)
            if contract.is_underpinning:
                for link in contract.services:
                    ucs[link.service_id].append((contract, link.component))
        index.contracts_by_supplier = dict(by_supplier)
        index.ucs_by_service = dict(ucs)
        index.slas_by_service = _group(data.slas, lambda r: r.service_id)
        index.incidents_by_service = _group(data.incidents, lambda r: r.service_id)
        index.incidents_by_contract = _group(
            (i for i in data.incidents if i.contract_id is not None),
            lambda r: r.contract_id or 0,
        )
        index.graces_by_contract = _group(data.graces, lambda r: r.contract_id)
        index.letters_by_contract = _group(data.warning_letters, lambda r: r.contract_id)
        index.penalties_by_contract = _group(data.penalties, lambda r: r.contract_id)
        index.evaluations_by_supplier = _group(data.evaluations, lambda r: r.supplier_id)
        index.sanctions_by_supplier = _group(data.sanctions, lambda r: r.supplier_id)
        index.reviews_by_contract = _group(data.reviews, lambda r: r.contract_id)
        snoozes: dict[str, SnoozeRecord] = {}
        for snooze in data.snoozes:
            known = snoozes.get(snooze.alert_key)
            if known is None or snooze.until > known.until:
                snoozes[snooze.alert_key] = snooze
        index.snoozes = snoozes
        return index

    def supplier_of(self, contract: ContractRecord) -> SupplierRecord | None:
        """The supplier of a contract (None when the data is inconsistent)."""
        return self.suppliers.get(contract.supplier_id)

    def supplier_npwp(self, supplier: SupplierRecord | None) -> str:
        """The NPWP as staff write it, or an empty string."""
        return format_npwp(supplier.npwp) if supplier is not None else ""

    def subject(
        self,
        supplier: SupplierRecord | None = None,
        contract: ContractRecord | None = None,
        service: ServiceRecord | None = None,
    ) -> Subject:
        """Alert fields naming a supplier, a contract and a service (each may be missing).

        With a contract and no supplier, the contract's supplier is named; with an
        underpinning contract and no service, its first service is named.
        """
        if supplier is None and contract is not None:
            supplier = self.suppliers.get(contract.supplier_id)
        if service is None and contract is not None and contract.is_underpinning:
            for link in contract.services:
                service = self.services.get(link.service_id)
                if service is not None:
                    break
        return Subject(
            supplier_id=supplier.id if supplier else None,
            supplier_name=supplier.name if supplier else "",
            supplier_npwp=self.supplier_npwp(supplier),
            contract_id=contract.id if contract else None,
            contract_number=contract.number if contract else "",
            service_id=service.id if service else None,
            service_code=service.code if service else "",
            service_name=service.name if service else "",
        )

    def slas_in_force(self, service_id: int, on: date) -> list[SLARecord]:
        """SLAs of a service valid on ``on``."""
        return [
            sla
            for sla in self.slas_by_service.get(service_id, ())
            if sla.valid_from <= on and (sla.valid_until is None or sla.valid_until >= on)
        ]


def _group(rows: Iterable[T], key: Callable[[T], int]) -> dict[int, list[T]]:
    grouped: defaultdict[int, list[T]] = defaultdict(list)
    for row in rows:
        grouped[key(row)].append(row)
    return dict(grouped)
