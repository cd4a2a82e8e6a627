"""The part of the agency one detail screen needs, as plain records the rules accept.

``load_agency`` reads everything, which is right for alerts but too much for opening one
supplier of 20 000. A slice is an ``AgencyData`` holding one supplier (or contract, or the
service catalogue) with everything its rules look at: the contracts, the services they
underpin, those services' SLAs, the other UCs behind them, incidents, letters, penalties,
evaluations, sanctions, graces, reviews and the agency's days off.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

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
    SupplierRecord,
    WarningLetterRecord,
)
from rekanan.domain.sanctions import sanction_running
from rekanan.models import (
    SLA,
    AgencyHoliday,
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

T = TypeVar("T")

_C: Any = Contract
_CS: Any = ContractService
_I: Any = Incident
_S: Any = Supplier
_SV: Any = Service
_SLA: Any = SLA
_G: Any = GraceExtension
_E: Any = Evaluation
_W: Any = WarningLetter
_P: Any = Penalty
_SN: Any = Sanction
_RD: Any = ReviewDecision
_AH: Any = AgencyHoliday

_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def to_record(cls: type[T], row: Any, **extra: Any) -> T:
    """Copy the columns a record declares from an ORM row (extra values win)."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    values = {
        name: getattr(row, name) for name in names if name not in extra and hasattr(row, name)
    }
    values.update(extra)
    return cls(**values)


def _records(cls: type[T], rows: Iterable[Any]) -> tuple[T, ...]:
    return tuple(to_record(cls, row) for row in rows)


def _in(column: Any, ids: Iterable[int | None]) -> Any:
    values = sorted({i for i in ids if i is not None})
    return column.in_(values) if values else column.in_([-1])


def _contracts(session: Session, condition: Any) -> tuple[ContractRecord, ...]:
    rows = session.execute(select(Contract).where(condition)).scalars().all()
    ids = [row.id for row in rows]
    links: dict[int, list[ServiceLink]] = {}
    for link in session.execute(select(ContractService).where(_in(_CS.contract_id, ids))).scalars():
        links.setdefault(link.contract_id, []).append(ServiceLink(link.service_id, link.component))
    return tuple(
        to_record(ContractRecord, row, services=tuple(links.get(row.id or 0, ()))) for row in rows
    )


def _fetch(cls: type[T], model: Any, condition: Any) -> Any:
    """A deferred read: ``(record class, select)``, run by ``_run``."""
    return cls, select(model).where(condition)


def _run(session: Session, query: Any) -> tuple[Any, ...]:
    cls, stmt = query
    return _records(cls, session.execute(stmt).scalars())


def _around_contracts(
    session: Session,
    suppliers: tuple[SupplierRecord, ...],
    contracts: tuple[ContractRecord, ...],
    more_service_ids: Iterable[int] = (),
) -> AgencyData:
    """Everything the rules read about ``contracts``, their services and the other UCs."""
    service_ids = {link.service_id for c in contracts for link in c.services}
    service_ids.update(more_service_ids)
    # The other UCs behind the same services: alignment needs every component.
    other_ids = set(
        session.execute(select(_CS.contract_id).where(_in(_CS.service_id, service_ids))).scalars()
    ) - {c.id for c in contracts}
    others = _contracts(session, _in(_C.id, other_ids)) if other_ids else ()
    every = contracts + others
    ids = [c.id for c in every]
    supplier_ids = {c.supplier_id for c in every} - {s.id for s in suppliers}
    all_suppliers = suppliers + _run(
        session, _fetch(SupplierRecord, Supplier, _in(_S.id, supplier_ids))
    )
    people = [s.id for s in all_suppliers]
    return AgencyData(
        suppliers=all_suppliers,
        services=_run(session, _fetch(ServiceRecord, Service, _in(_SV.id, service_ids))),
        slas=_run(session, _fetch(SLARecord, SLA, _in(_SLA.service_id, service_ids))),
        contracts=every,
        graces=_run(session, _fetch(GraceRecord, GraceExtension, _in(_G.contract_id, ids))),
        evaluations=_run(
            session, _fetch(EvaluationRecord, Evaluation, _in(_E.supplier_id, people))
        ),
        incidents=_run(
            session,
            _fetch(
                IncidentRecord,
                Incident,
                or_(_in(_I.contract_id, ids), _in(_I.service_id, service_ids)),
            ),
        ),
        warning_letters=_run(
            session, _fetch(WarningLetterRecord, WarningLetter, _in(_W.contract_id, ids))
        ),
        penalties=_run(session, _fetch(PenaltyRecord, Penalty, _in(_P.contract_id, ids))),
        sanctions=_run(session, _fetch(SanctionRecord, Sanction, _in(_SN.supplier_id, people))),
        reviews=_run(
            session, _fetch(ReviewDecisionRecord, ReviewDecision, _in(_RD.contract_id, ids))
        ),
        agency_holidays=tuple(session.execute(select(_AH.day)).scalars()),
    )


def supplier_slice(session: Session, supplier_id: int) -> AgencyData | None:
    """One supplier with its contracts and all the rules need about them (None if gone)."""
    row = session.get(Supplier, supplier_id)
    if row is None:
        return None
    supplier = to_record(SupplierRecord, row)
    contracts = _contracts(session, _C.supplier_id == supplier_id)
    return _around_contracts(session, (supplier,), contracts)


def suppliers_slice(session: Session, supplier_ids: Iterable[int]) -> AgencyData:
    """Some suppliers with their contracts and all the rules need about them: what their
    scorecards read (``rekanan scorecard`` for a few suppliers of a national agency)."""
    ids = set(supplier_ids)
    suppliers = _run(session, _fetch(SupplierRecord, Supplier, _in(_S.id, ids)))
    contracts = _contracts(session, _in(_C.supplier_id, ids))
    return _around_contracts(session, suppliers, contracts)


def contract_slice(session: Session, contract_id: int) -> AgencyData | None:
    """One contract, its supplier, and the services it underpins with their other UCs."""
    contracts = _contracts(session, _C.id == contract_id)
    if not contracts:
        return None
    row = session.get(Supplier, contracts[0].supplier_id)
    suppliers = (to_record(SupplierRecord, row),) if row is not None else ()
    return _around_contracts(session, suppliers, contracts)


def services_slice(session: Session, service_ids: Iterable[int] | None = None) -> AgencyData:
    """Services (all, or some) with their SLAs, every UC behind them and the incidents."""
    stmt = select(_SV.id)
    if service_ids is not None:
        stmt = stmt.where(_in(_SV.id, service_ids))
    ids = list(session.execute(stmt).scalars())
    uc_ids = set(
        session.execute(
            select(_CS.contract_id)
            .join(Contract, _C.id == _CS.contract_id)
            .where(_in(_CS.service_id, ids), _C.is_underpinning.is_(True))
        ).scalars()
    )
    contracts = _contracts(session, _in(_C.id, uc_ids))
    return _around_contracts(session, (), contracts, more_service_ids=ids)


def risk_candidates_slice(session: Session) -> AgencyData:
    """The suppliers that have any blacklist-risk ground, with what the risk rule reads.

    Grounds (``rekanan.domain.risk``): warning letters, penalties, grace extensions, a
    termination for fault, incidents on an underpinning contract, evaluations. Suppliers
    with none of them score 0 and are left out.
    """
    with_contract_grounds = select(_C.supplier_id).where(
        or_(
            _C.id.in_(select(_W.contract_id)),
            _C.id.in_(select(_P.contract_id)),
            _C.id.in_(select(_G.contract_id)),
            _C.terminated_for_fault.is_(True),
            and_(
                _C.is_underpinning.is_(True),
                _C.id.in_(select(_I.contract_id).where(_I.contract_id.is_not(None))),
            ),
        )
    )
    ids = set(session.execute(with_contract_grounds).scalars())
    ids |= set(session.execute(select(_E.supplier_id).distinct()).scalars())
    suppliers = _run(session, _fetch(SupplierRecord, Supplier, _in(_S.id, ids)))
    contracts = _contracts(session, _in(_C.supplier_id, ids))
    return _around_contracts(session, suppliers, contracts)


def running_sanctions(
    session: Session, day: date, supplier_id: int | None = None
) -> list[SanctionRecord]:
    """Sanctions (of one supplier, or all) running on ``day``: published and covering it."""
    stmt = select(_SN)
    if supplier_id is not None:
        stmt = stmt.where(_SN.supplier_id == supplier_id)
    records = _records(SanctionRecord, session.execute(stmt).scalars())
    return [record for record in records if sanction_running(record, day)]
