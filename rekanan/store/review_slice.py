"""What one review page reads: the contract's supplier with everything the page shows.

Why not ``slices.supplier_slice``: that slice carries every incident of every service the
supplier's UCs back, which on a large agency is tens of thousands of rows per page (seconds
per contract). A page needs less: the supplier's own contracts with their history (two
years of incidents blamed on them, for the scorecard trend and the breach streak), the
services they back with their SLAs and the other UCs behind them (alignment and coverage),
and only the recent incidents of those services (the 90-day service level). Rows are read
with Core selects, as ``loaders`` does, without building ORM objects.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import Table, or_, select
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

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
from rekanan.domain.review import SLA_WINDOW_DAYS
from rekanan.models import (
    SLA,
    AgencyHoliday,
    AlertSnooze,
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

R = TypeVar("R")
HISTORY_DAYS = 2 * 366
"""Incidents blamed on the supplier's contracts are read this far back (six quarters of
scorecard trend and six months of breach streak fit inside)."""


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _select(session: Session, cls: type[R], model: type[SQLModel], *where: Any) -> tuple[R, ...]:
    """Rows of ``model`` matching ``where`` as ``cls`` records, ordered by id."""
    table = _table(model)
    names = [f.name for f in fields(cls) if f.name in table.c]  # type: ignore[arg-type]
    stmt = select(*(table.c[name] for name in names)).where(*where).order_by(table.c.id)
    return tuple(cls(**dict(zip(names, row, strict=True))) for row in session.execute(stmt))


def _in(column: Any, values: set[int]) -> Any:
    return column.in_(sorted(values)) if values else column.in_([-1])


def review_slice(session: Session, contract_id: int, as_of: date) -> AgencyData | None:
    """The supplier of ``contract_id`` and what its review page needs (None when gone)."""
    c, cs = _table(Contract), _table(ContractService)
    supplier_id = session.execute(select(c.c.supplier_id).where(c.c.id == contract_id)).scalar()
    if supplier_id is None:
        return None
    own_ids = set(session.execute(select(c.c.id).where(c.c.supplier_id == supplier_id)).scalars())
    service_ids = set(
        session.execute(select(cs.c.service_id).where(_in(cs.c.contract_id, own_ids))).scalars()
    )
    other_ids = set(
        session.execute(select(cs.c.contract_id).where(_in(cs.c.service_id, service_ids))).scalars()
    )
    every_ids = own_ids | other_ids
    links: dict[int, list[ServiceLink]] = {}
    for link_contract, service_id, component in session.execute(
        select(cs.c.contract_id, cs.c.service_id, cs.c.component)
        .where(_in(cs.c.contract_id, every_ids))
        .order_by(cs.c.id)
    ):
        links.setdefault(link_contract, []).append(ServiceLink(service_id, component))
    contracts = tuple(
        replace(r, services=tuple(links.get(r.id, ())))
        for r in _select(session, ContractRecord, Contract, _in(c.c.id, every_ids))
    )
    supplier_ids = {r.supplier_id for r in contracts} | {int(supplier_id)}
    i = _table(Incident)
    since = datetime.combine(as_of - timedelta(days=HISTORY_DAYS), time.min)
    window = datetime.combine(as_of - timedelta(days=SLA_WINDOW_DAYS), time.min)
    incidents = _select(
        session,
        IncidentRecord,
        Incident,
        or_(
            _in(i.c.contract_id, own_ids) & (i.c.started_at >= since),
            _in(i.c.service_id, service_ids)
            & or_(i.c.started_at >= window, i.c.resolved_at.is_(None), i.c.resolved_at >= window),
        ),
    )
    return AgencyData(
        suppliers=_select(
            session, SupplierRecord, Supplier, _in(_table(Supplier).c.id, supplier_ids)
        ),
        services=_select(session, ServiceRecord, Service, _in(_table(Service).c.id, service_ids)),
        slas=_select(session, SLARecord, SLA, _in(_table(SLA).c.service_id, service_ids)),
        contracts=contracts,
        graces=_select(
            session,
            GraceRecord,
            GraceExtension,
            _in(_table(GraceExtension).c.contract_id, every_ids),
        ),
        evaluations=_select(
            session, EvaluationRecord, Evaluation, _table(Evaluation).c.supplier_id == supplier_id
        ),
        incidents=incidents,
        warning_letters=_select(
            session,
            WarningLetterRecord,
            WarningLetter,
            _in(_table(WarningLetter).c.contract_id, every_ids),
        ),
        penalties=_select(
            session, PenaltyRecord, Penalty, _in(_table(Penalty).c.contract_id, every_ids)
        ),
        sanctions=_select(
            session, SanctionRecord, Sanction, _in(_table(Sanction).c.supplier_id, supplier_ids)
        ),
        reviews=_select(
            session,
            ReviewDecisionRecord,
            ReviewDecision,
            _in(_table(ReviewDecision).c.contract_id, every_ids),
        ),
        snoozes=_select(session, SnoozeRecord, AlertSnooze),
        agency_holidays=tuple(
            session.execute(select(_table(AgencyHoliday).c.day).order_by("day")).scalars()
        ),
    )
