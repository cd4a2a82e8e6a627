"""The whole agency as plain records (``AgencyData``): what alerts, scorecards and batches read.

Rows are read with Core selects of exactly the columns each record declares, so no ORM
object is built: on 100 000 contracts this is several times faster than loading models and
copying them (``rekanan.store.slices.to_record`` does that for the small slices of one
detail screen). The column types still apply, so enums, Decimals and dates come back as the
records expect them, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import Table, select
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
from rekanan.store.database import Database

R = TypeVar("R")


def load_agency(source: Database | Session) -> AgencyData:
    """Every table the rules read, as plain records ordered by id.

    ``source`` is a ``Database`` (a read session is opened and closed here) or a session
    already open (inside a writer, say, to see its own changes).
    """
    if isinstance(source, Database):
        with source.session() as session:
            return _load(session)
    return _load(source)


def _load(session: Session) -> AgencyData:
    links: dict[int, list[ServiceLink]] = {}
    cs = _table(ContractService)
    for contract_id, service_id, component in session.execute(
        select(cs.c.contract_id, cs.c.service_id, cs.c.component).order_by(cs.c.id)
    ):
        links.setdefault(contract_id, []).append(ServiceLink(service_id, component))
    contracts = tuple(
        ContractRecord(**values, services=tuple(links.get(values["id"], ())))
        for values in _rows(session, ContractRecord, Contract)
    )
    holidays = _table(AgencyHoliday)
    return AgencyData(
        suppliers=records(session, SupplierRecord, Supplier),
        services=records(session, ServiceRecord, Service),
        slas=records(session, SLARecord, SLA),
        contracts=contracts,
        graces=records(session, GraceRecord, GraceExtension),
        evaluations=records(session, EvaluationRecord, Evaluation),
        incidents=records(session, IncidentRecord, Incident),
        warning_letters=records(session, WarningLetterRecord, WarningLetter),
        penalties=records(session, PenaltyRecord, Penalty),
        sanctions=records(session, SanctionRecord, Sanction),
        reviews=records(session, ReviewDecisionRecord, ReviewDecision),
        snoozes=records(session, SnoozeRecord, AlertSnooze),
        agency_holidays=tuple(
            session.execute(select(holidays.c.day).order_by(holidays.c.day)).scalars()
        ),
    )


def records(session: Session, cls: type[R], model: type[SQLModel]) -> tuple[R, ...]:
    """Every row of ``model`` as a ``cls`` record."""
    return tuple(cls(**values) for values in _rows(session, cls, model))


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


_COLUMNS: dict[tuple[type[Any], type[SQLModel]], tuple[str, ...]] = {}


def _rows(session: Session, cls: type[Any], model: type[SQLModel]) -> list[dict[str, Any]]:
    """The columns ``cls`` declares, as keyword dicts, one per row ordered by id."""
    table = _table(model)
    names = _COLUMNS.get((cls, model))
    if names is None:
        names = tuple(f.name for f in fields(cls) if f.name in table.c)
        _COLUMNS[(cls, model)] = names
    stmt = select(*(table.c[name] for name in names)).order_by(table.c.id)
    return [dict(zip(names, row, strict=True)) for row in session.execute(stmt)]
