"""Which records' alerts a change can reach, and those alerts computed over just their rows.

The alert register (``rekanan.store.alert_register``) keeps the alerts of a day; after a
few writes it asks here which alerts to compute again. Every alert belongs to one record
(``Alert.owner``: a contract, a service or a supplier) and reads only that record and what
hangs from it, so the audit rows of the writes name the owners to redo:

* a supplier's row: the supplier and its contracts (their alerts name it; its category
  sets their procurement lead time) and, through them, the services they back;
* a service's row: the service and the contracts behind it (they name it);
* a contract's row, or a row belonging to a contract (letters, penalties, grace, reviews,
  evaluations, incidents, links to services): the contract, its supplier (blacklist risk,
  sanctions), the services it backs (coverage, alignment), and the suppliers whose
  evaluations name it (a risk alert names the contract of its evaluation streak);
* an SLA: its service; a sanction: its supplier;
* an agency day off, or a table this module does not know: every alert.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from rekanan.domain.alert import Alert
from rekanan.domain.records import (
    AgencyData,
    GraceRecord,
    PenaltyRecord,
    ReviewDecisionRecord,
    SanctionRecord,
    ServiceRecord,
    SLARecord,
    SupplierRecord,
    WarningLetterRecord,
)
from rekanan.domain.thresholds import Thresholds
from rekanan.models import (
    SLA,
    AuditAction,
    AuditEntry,
    Contract,
    ContractService,
    Evaluation,
    GraceExtension,
    Incident,
    Penalty,
    ReviewDecision,
    Sanction,
    Service,
    Supplier,
    WarningLetter,
)
from rekanan.store.loaders import holidays, records, table_of

if TYPE_CHECKING:
    from rekanan.domain.index import AgencyIndex

CHUNK = 5_000
"""Ids per ``IN (...)`` list: well under SQLite's limit of bound parameters."""

K = TypeVar("K", int, str)

_IGNORED = frozenset({"alert_snooze", "review_session", "audit_log"})
"""Changes no alert reads: snoozes are applied on reading, sessions hold no facts."""

_CHILDREN: dict[str, tuple[str, ...]] = {
    "contract_service": ("contract_id", "service_id"),
    "grace_extension": ("contract_id",),
    "warning_letter": ("contract_id",),
    "penalty": ("contract_id",),
    "review_decision": ("contract_id",),
    "evaluation": ("supplier_id", "contract_id"),
    "incident": ("service_id", "contract_id"),
    "sanction": ("supplier_id",),
    "sla": ("service_id",),
}
"""Tables whose rows belong to a contract, service or supplier, with the columns naming it."""


@dataclass
class Owners:
    """The records whose alerts must be computed again."""

    contracts: set[int] = field(default_factory=set)
    services: set[int] = field(default_factory=set)
    suppliers: set[int] = field(default_factory=set)
    contracts_added: int = 0
    """Contracts created less contracts deleted: the count must move by as much."""

    def __len__(self) -> int:
        return len(self.contracts) + len(self.services) + len(self.suppliers)

    def labels(self) -> set[str]:
        """As ``Alert.owner`` writes them."""
        return (
            {f"contract:{i}" for i in self.contracts}
            | {f"service:{i}" for i in self.services}
            | {f"supplier:{i}" for i in self.suppliers}
        )


def changed_owners(session: Session, after: int, upto: int) -> Owners | None:
    """The records whose alerts the audit rows ``after < id <= upto`` may change, or None
    when one of them may change every alert (an agency day off, an unknown table)."""
    a = table_of(AuditEntry).c
    rows = session.execute(
        select(a.entity, a.entity_id, a.action, a.before_json, a.after_json).where(
            a.id > after, a.id <= upto
        )
    )
    owners = Owners()
    whole_suppliers: set[int] = set()
    whole_services: set[int] = set()
    children: defaultdict[str, set[int]] = defaultdict(set)
    for entity, entity_id, action, before, after_json in rows:
        if entity in _IGNORED:
            continue
        if entity == "supplier":
            whole_suppliers.add(entity_id)
        elif entity == "service":
            whole_services.add(entity_id)
        elif entity == "contract":
            owners.contracts.add(entity_id)
            owners.contracts_added += _COUNTED.get(action, 0)
            for values in (before, after_json):
                supplier = json.loads(values or "{}").get("supplier_id")
                if isinstance(supplier, int):
                    owners.suppliers.add(supplier)
        elif entity in _CHILDREN:
            children[entity].add(entity_id)
            for values in (before, after_json):
                _add_named(owners, json.loads(values or "{}"), _CHILDREN[entity])
        else:
            return None
    for entity, ids in children.items():
        _add_current(session, owners, entity, ids)
    _spread(session, owners, whole_suppliers, whole_services)
    return owners


_COUNTED = {AuditAction.CREATE: 1, AuditAction.DELETE: -1}


def _add_named(owners: Owners, values: dict[str, Any], columns: Sequence[str]) -> None:
    buckets = {
        "contract_id": owners.contracts,
        "service_id": owners.services,
        "supplier_id": owners.suppliers,
    }
    for column in columns:
        found = values.get(column)
        if isinstance(found, int):
            buckets[column].add(found)


def _add_current(session: Session, owners: Owners, entity: str, ids: Iterable[int]) -> None:
    """The records the rows (still there) belong to now: an update's audit row holds only
    the columns it changed."""
    columns = _CHILDREN[entity]
    c = _CHILD_TABLES[entity].c
    for chunk in chunks(ids):
        for row in session.execute(select(*(c[n] for n in columns)).where(c.id.in_(chunk))):
            _add_named(owners, dict(zip(columns, row, strict=True)), columns)


def _spread(
    session: Session, owners: Owners, whole_suppliers: set[int], whole_services: set[int]
) -> None:
    """A supplier's change reaches its contracts (their alerts name it, its category sets
    the lead time); a service's reaches the contracts behind it (they name it); a
    contract's reaches its supplier (risk, sanctions), the services it backs, and the
    suppliers whose evaluations name it."""
    c = table_of(Contract).c
    link = table_of(ContractService).c
    owners.suppliers |= whole_suppliers
    owners.services |= whole_services
    for chunk in chunks(whole_suppliers):
        owners.contracts.update(
            session.execute(select(c.id).where(c.supplier_id.in_(chunk))).scalars()
        )
    for chunk in chunks(whole_services):
        owners.contracts.update(
            session.execute(select(link.contract_id).where(link.service_id.in_(chunk))).scalars()
        )
    evaluation = table_of(Evaluation).c
    for chunk in chunks(owners.contracts):
        owners.suppliers.update(
            session.execute(select(c.supplier_id).where(c.id.in_(chunk))).scalars()
        )
        owners.services.update(
            session.execute(select(link.service_id).where(link.contract_id.in_(chunk))).scalars()
        )
        # a blacklist-risk alert names the contract of its supplier's evaluation streak,
        # which may be another supplier's contract
        owners.suppliers.update(
            session.execute(
                select(evaluation.supplier_id).where(evaluation.contract_id.in_(chunk)).distinct()
            ).scalars()
        )


def owned_alerts(
    session: Session, owners: Owners, as_of: date, thresholds: Thresholds, language: str
) -> list[Alert]:
    """The alerts the ``owners`` own, from an index over just the rows they read.

    The index holds the owners' contracts, every contract of an owning supplier and every
    contract linked to an owning service; other records in it are partial, so their
    alerts are dropped.
    """
    from rekanan.domain.alerts import compute_alerts

    index = _owners_index(session, owners)
    wanted = owners.labels()
    computed = compute_alerts(index, as_of, thresholds, language, include_snoozed=True)
    return [alert for alert in computed if alert.owner in wanted]


def _owners_index(session: Session, owners: Owners) -> AgencyIndex:
    from rekanan.domain.index import AgencyIndex
    from rekanan.store.alert_slice import SessionHistory

    c = table_of(Contract).c
    link = table_of(ContractService).c
    contract_ids = set(owners.contracts)
    for chunk in chunks(owners.suppliers):
        contract_ids.update(session.execute(select(c.id).where(c.supplier_id.in_(chunk))).scalars())
    for chunk in chunks(owners.services):
        contract_ids.update(
            session.execute(select(link.contract_id).where(link.service_id.in_(chunk))).scalars()
        )
    history = SessionHistory(session)
    contracts = history.contracts(contract_ids)
    supplier_ids = owners.suppliers | {x.supplier_id for x in contracts}
    service_ids = owners.services | {s.service_id for x in contracts for s in x.services}
    data = AgencyData(
        suppliers=_by_ids(session, SupplierRecord, Supplier, "id", supplier_ids),
        services=_by_ids(session, ServiceRecord, Service, "id", service_ids),
        slas=_by_ids(session, SLARecord, SLA, "service_id", service_ids),
        contracts=tuple(contracts),
        graces=_by_ids(session, GraceRecord, GraceExtension, "contract_id", contract_ids),
        warning_letters=_by_ids(
            session, WarningLetterRecord, WarningLetter, "contract_id", contract_ids
        ),
        penalties=_by_ids(session, PenaltyRecord, Penalty, "contract_id", contract_ids),
        sanctions=_by_ids(session, SanctionRecord, Sanction, "supplier_id", supplier_ids),
        reviews=_by_ids(session, ReviewDecisionRecord, ReviewDecision, "contract_id", contract_ids),
        snoozes=(),
        agency_holidays=holidays(session),
    )
    return AgencyIndex.build(data, None, history)


def _by_ids(
    session: Session, cls: type[Any], model: type[Any], column: str, ids: set[int]
) -> tuple[Any, ...]:
    """Rows of ``model`` whose ``column`` is one of ``ids``, as records, by id."""
    found: list[Any] = []
    for chunk in chunks(ids):
        found.extend(records(session, cls, model, table_of(model).c[column].in_(chunk)))
    found.sort(key=lambda row: row.id)
    return tuple(found)


def chunks(items: Iterable[K]) -> Iterable[list[K]]:
    """``items`` sorted, ``CHUNK`` at a time (for ``IN (...)`` lists)."""
    wanted = sorted(items)
    for start in range(0, len(wanted), CHUNK):
        yield wanted[start : start + CHUNK]


_CHILD_MODELS: tuple[Any, ...] = (
    ContractService,
    GraceExtension,
    WarningLetter,
    Penalty,
    ReviewDecision,
    Evaluation,
    Incident,
    Sanction,
    SLA,
)
_CHILD_TABLES = {table_of(model).name: table_of(model) for model in _CHILD_MODELS}
