"""AgencyData indexed by id once, so every rule looks things up instead of scanning.

With 100 000 contracts a rule that scans all incidents per contract is quadratic; building
these dictionaries is one pass over each table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime
from functools import cached_property
from operator import attrgetter
from typing import Protocol, TypeVar

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
from rekanan.domain.snoozes import longest_snoozes

T = TypeVar("T")


class History(Protocol):
    """Where an index reads the evaluations and incidents its data leaves out.

    The two big tables (hundreds of thousands of rows) are what most rules never read; the
    store's alert slice (``rekanan.store.alert_slice``) leaves them out of ``AgencyData``
    and hands the index this instead, so the rules that do read them fetch only the rows
    of the suppliers and contracts they ask for. Rows come ordered by id, as in
    ``AgencyData``; ``None`` asks for every row.
    """

    def evaluations(
        self,
        supplier_ids: Collection[int] | None,
        *,
        as_of: date | None = None,
        latest: int | None = None,
    ) -> Sequence[EvaluationRecord]:
        """Evaluations of these suppliers (all with None), ordered by id; with ``as_of``
        only those evaluated by then, with ``latest`` at most the latest N per supplier
        (by period end, evaluation day, id)."""
        ...

    def incidents(
        self, contract_ids: Collection[int] | None, *, since: datetime | None = None
    ) -> Sequence[IncidentRecord]:
        """Incidents blamed on these contracts (all with None), ordered by id; with
        ``since`` only those still open then or resolved after it."""
        ...

    def contracts(self, contract_ids: Collection[int]) -> Sequence[ContractRecord]:
        """These contracts (those that exist), ordered by id."""
        ...


class AgencyIndex:
    """Lookups over one ``AgencyData``; build it with ``AgencyIndex.build``.

    The small tables are indexed at once; incidents and evaluations, which can be hundreds
    of thousands of rows, are grouped on first use only, and read from ``history`` when
    the index has one (then ``data.evaluations`` and ``data.incidents`` are left empty).
    """

    def __init__(self, data: AgencyData, calendar: WorkingCalendar) -> None:
        self.data = data
        self.calendar = calendar
        self.suppliers: dict[int, SupplierRecord] = {}
        self.services: dict[int, ServiceRecord] = {}
        self.contracts: dict[int, ContractRecord] = {}
        self.contracts_by_supplier: dict[int, list[ContractRecord]] = {}
        self.ucs_by_service: dict[int, list[tuple[ContractRecord, str | None]]] = {}
        self.slas_by_service: dict[int, list[SLARecord]] = {}
        self.graces_by_contract: dict[int, list[GraceRecord]] = {}
        self.letters_by_contract: dict[int, list[WarningLetterRecord]] = {}
        self.penalties_by_contract: dict[int, list[PenaltyRecord]] = {}
        self.sanctions_by_supplier: dict[int, list[SanctionRecord]] = {}
        self.reviews_by_contract: dict[int, list[ReviewDecisionRecord]] = {}
        self.snoozes: dict[str, SnoozeRecord] = {}
        self._npwp_text: dict[str, str] = {}
        self._subjects: dict[tuple[int | None, int | None, int | None], Subject] = {}
        self.history: History | None = None

    @classmethod
    def build(
        cls,
        data: AgencyData,
        calendar: WorkingCalendar | None = None,
        history: History | None = None,
    ) -> AgencyIndex:
        """Index every table of ``data`` by the ids the rules look up.

        With ``history``, evaluations and incidents are read from it when a rule asks.
        """
        index = cls(data, calendar or WorkingCalendar.for_agency(data.agency_holidays))
        index.history = history
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
        index.slas_by_service = _group(data.slas, attrgetter("service_id"))
        index.graces_by_contract = _group(data.graces, attrgetter("contract_id"))
        index.letters_by_contract = _group(data.warning_letters, attrgetter("contract_id"))
        index.penalties_by_contract = _group(data.penalties, attrgetter("contract_id"))
        index.sanctions_by_supplier = _group(data.sanctions, attrgetter("supplier_id"))
        index.reviews_by_contract = _group(data.reviews, attrgetter("contract_id"))
        index.snoozes = longest_snoozes(data.snoozes)
        return index

    @cached_property
    def _all_incidents(self) -> Sequence[IncidentRecord]:
        """Every incident: from the data, or read once from the history."""
        return self.data.incidents if self.history is None else self.history.incidents(None)

    @cached_property
    def _all_evaluations(self) -> Sequence[EvaluationRecord]:
        """Every evaluation: from the data, or read once from the history."""
        if self.history is None:
            return self.data.evaluations
        return self.history.evaluations(None)

    @cached_property
    def incidents_by_service(self) -> dict[int, list[IncidentRecord]]:
        """Incidents per service (grouped on first use)."""
        return _group(self._all_incidents, attrgetter("service_id"))

    @cached_property
    def incidents_by_contract(self) -> dict[int, list[IncidentRecord]]:
        """Incidents per contract they are blamed on (grouped on first use)."""
        grouped: defaultdict[int, list[IncidentRecord]] = defaultdict(list)
        for incident in self._all_incidents:
            if incident.contract_id is not None:
                grouped[incident.contract_id].append(incident)
        return dict(grouped)

    @cached_property
    def evaluations_by_supplier(self) -> dict[int, list[EvaluationRecord]]:
        """Evaluations per supplier (grouped on first use)."""
        return _group(self._all_evaluations, attrgetter("supplier_id"))

    def evaluations_for(
        self, supplier_ids: set[int], as_of: date | None = None, latest: int | None = None
    ) -> Mapping[int, list[EvaluationRecord]]:
        """Evaluations of these suppliers: the full grouping when it exists, else one pass
        (or, with a history, one read of just their rows).

        ``as_of`` and ``latest`` are hints a history may use to read less (see
        ``History.evaluations``); without a history every evaluation comes back. The
        contracts the evaluations name are not read: ask ``read_contracts`` for those a
        rule shows.
        """
        if "evaluations_by_supplier" in self.__dict__ or not supplier_ids:
            return self.evaluations_by_supplier if supplier_ids else {}
        if self.history is not None and "_all_evaluations" not in self.__dict__:
            rows = self.history.evaluations(supplier_ids, as_of=as_of, latest=latest)
            return _group(rows, attrgetter("supplier_id"))
        grouped: defaultdict[int, list[EvaluationRecord]] = defaultdict(list)
        for evaluation in self._all_evaluations:
            if evaluation.supplier_id in supplier_ids:
                grouped[evaluation.supplier_id].append(evaluation)
        return grouped

    def read_contracts(self, contract_ids: set[int]) -> None:
        """Add the contracts an evaluation names that the data left out (to name them).

        Only ``contracts`` learns them: they are the ended contracts no rule iterates.
        """
        missing = contract_ids - self.contracts.keys()
        if missing and self.history is not None:
            for contract in self.history.contracts(missing):
                self.contracts.setdefault(contract.id, contract)

    def incidents_for(
        self, contract_ids: set[int], since: datetime | None = None
    ) -> Mapping[int, list[IncidentRecord]]:
        """Incidents blamed on these contracts: the full grouping when it exists, else one
        pass (or, with a history, one read of just their rows; ``since`` is a hint that
        incidents resolved before it are not needed)."""
        if "incidents_by_contract" in self.__dict__ or not contract_ids:
            return self.incidents_by_contract if contract_ids else {}
        if self.history is not None and "_all_incidents" not in self.__dict__:
            rows = self.history.incidents(contract_ids, since=since)
            return _group(rows, attrgetter("contract_id"))  # type: ignore[arg-type]
        grouped: defaultdict[int, list[IncidentRecord]] = defaultdict(list)
        for incident in self._all_incidents:
            if incident.contract_id in contract_ids:
                grouped[incident.contract_id].append(incident)
        return grouped

    def supplier_of(self, contract: ContractRecord) -> SupplierRecord | None:
        """The supplier of a contract (None when the data is inconsistent)."""
        return self.suppliers.get(contract.supplier_id)

    def supplier_npwp(self, supplier: SupplierRecord | None) -> str:
        """The NPWP as staff write it, or an empty string (formatted once per NPWP)."""
        if supplier is None or not supplier.npwp:
            return ""
        text = self._npwp_text.get(supplier.npwp)
        if text is None:
            text = self._npwp_text[supplier.npwp] = _format_npwp(supplier.npwp)
        return text

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
        cache_key = (
            supplier.id if supplier else None,
            contract.id if contract else None,
            service.id if service else None,
        )
        known = self._subjects.get(cache_key)
        if known is not None:
            return known
        if supplier is None and contract is not None:
            supplier = self.suppliers.get(contract.supplier_id)
        if service is None and contract is not None and contract.is_underpinning:
            for link in contract.services:
                service = self.services.get(link.service_id)
                if service is not None:
                    break
        made = self._subjects[cache_key] = Subject(
            supplier_id=supplier.id if supplier else None,
            supplier_name=supplier.name if supplier else "",
            supplier_npwp=self.supplier_npwp(supplier),
            contract_id=contract.id if contract else None,
            contract_number=contract.number if contract else "",
            service_id=service.id if service else None,
            service_code=service.code if service else "",
            service_name=service.name if service else "",
        )
        return made

    def slas_in_force(self, service_id: int, on: date) -> list[SLARecord]:
        """SLAs of a service valid on ``on``."""
        return [
            sla
            for sla in self.slas_by_service.get(service_id, ())
            if sla.valid_from <= on and (sla.valid_until is None or sla.valid_until >= on)
        ]


def _group(rows: Sequence[T], key: Callable[[T], int]) -> dict[int, list[T]]:
    grouped: defaultdict[int, list[T]] = defaultdict(list)
    for value, row in zip(map(key, rows), rows, strict=True):
        grouped[value].append(row)
    return dict(grouped)


def _format_npwp(canonical: str) -> str:
    """``format_npwp`` with a fast path for the common canonical company form."""
    if len(canonical) == 16 and canonical.startswith("0") and canonical.isdigit():
        d = canonical[1:]
        return f"{d[0:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:15]}"
    return format_npwp(canonical)
