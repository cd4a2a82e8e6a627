"""The whole agency as plain records (``AgencyData``): what alerts, scorecards and batches read.

Rows are read with Core selects of exactly the columns each record declares, in the
record's field order, and records are built positionally: on 100 000 contracts this is
several times faster than loading models and copying them (``rekanan.store.slices.to_record``
does that for the small slices of one detail screen), and about twice as fast as building
keyword dicts. Enum columns are read as their stored text and mapped to members with one
dictionary lookup instead of a call of the enum class per value (the same members result;
an unknown value still raises). The other column types still apply, so Decimals and dates
come back as the records expect them, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import MISSING, dataclass, fields
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import String, Table, select, type_coerce
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
from rekanan.models.base import EnumText
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
    return AgencyData(
        suppliers=records(session, SupplierRecord, Supplier),
        services=records(session, ServiceRecord, Service),
        slas=records(session, SLARecord, SLA),
        contracts=contract_records(session, service_links(session)),
        graces=records(session, GraceRecord, GraceExtension),
        evaluations=records(session, EvaluationRecord, Evaluation),
        incidents=records(session, IncidentRecord, Incident),
        warning_letters=records(session, WarningLetterRecord, WarningLetter),
        penalties=records(session, PenaltyRecord, Penalty),
        sanctions=records(session, SanctionRecord, Sanction),
        reviews=records(session, ReviewDecisionRecord, ReviewDecision),
        snoozes=records(session, SnoozeRecord, AlertSnooze),
        agency_holidays=holidays(session),
    )


def service_links(
    session: Session, contract_ids: Collection[int] | None = None
) -> dict[int, tuple[ServiceLink, ...]]:
    """The services each contract (of ``contract_ids``, or every one) backs, in link order."""
    cs = table_of(ContractService)
    stmt = select(cs.c.contract_id, cs.c.service_id, cs.c.component).order_by(cs.c.id)
    if contract_ids is not None:
        stmt = stmt.where(cs.c.contract_id.in_(sorted(contract_ids)))
    links: dict[int, list[ServiceLink]] = {}
    for contract_id, service_id, component in session.execute(stmt):
        links.setdefault(contract_id, []).append(ServiceLink(service_id, component))
    return {contract_id: tuple(found) for contract_id, found in links.items()}


def contract_records(
    session: Session, links: Mapping[int, tuple[ServiceLink, ...]], *where: Any
) -> tuple[ContractRecord, ...]:
    """Contracts matching ``where`` (all without it) with their service links, by id."""
    plan = _plan(ContractRecord, Contract)
    at = plan.fillers[0][0]  # the one field that is not a column: ``services``
    build: Any = ContractRecord  # positional: the record's field order
    return tuple(
        build(*values[:at], links.get(values[0], ()), *values[at:])
        for values in _values(session, plan, where)
    )


def records(session: Session, cls: type[R], model: type[SQLModel], *where: Any) -> tuple[R, ...]:
    """Rows of ``model`` (matching ``where``, all without it) as ``cls`` records, by id."""
    plan = _plan(cls, model)
    if not plan.fillers:
        return tuple(cls(*values) for values in _values(session, plan, where))
    filled = []
    for values in _values(session, plan, where):
        for position, default in plan.fillers:
            values.insert(position, default)
        filled.append(cls(*values))
    return tuple(filled)


def holidays(session: Session) -> tuple[Any, ...]:
    """The agency's own days off, in order."""
    table = table_of(AgencyHoliday)
    return tuple(session.execute(select(table.c.day).order_by(table.c.day)).scalars())


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a model."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


@dataclass(frozen=True, slots=True)
class _Plan:
    """How to read one record class from one table (computed once per pair)."""

    table: Table
    columns: tuple[Any, ...]
    enums: tuple[tuple[int, Mapping[str, Enum], Callable[[str], Enum]], ...]
    fillers: tuple[tuple[int, Any], ...]
    """Record fields that are not columns: (position, default), in field order."""
    shared: tuple[int, ...]
    """Columns whose equal values are stored once (dates, amounts, names, foreign keys)."""


_PLANS: dict[tuple[type[Any], type[SQLModel]], _Plan] = {}
_SAMPLE = 2_000


def _plan(cls: type[Any], model: type[SQLModel]) -> _Plan:
    known = _PLANS.get((cls, model))
    if known is not None:
        return known
    table = table_of(model)
    columns: list[Any] = []
    enums: list[tuple[int, Mapping[str, Enum], Callable[[str], Enum]]] = []
    fillers: list[tuple[int, Any]] = []
    shared: list[int] = []
    for position, spec in enumerate(fields(cls)):
        if spec.name not in table.c:
            if spec.default is MISSING:
                raise TypeError(f"{cls.__name__}.{spec.name} is no column and has no default")
            fillers.append((position, spec.default))
            continue
        column: Any = table.c[spec.name]
        if isinstance(column.type, EnumText):
            enum = column.type.enum
            enums.append((len(columns), enum._value2member_map_, enum))
            column = type_coerce(column, String())
        elif not column.primary_key:
            shared.append(len(columns))
        columns.append(column)
    plan = _PLANS[(cls, model)] = _Plan(
        table, tuple(columns), tuple(enums), tuple(fillers), tuple(shared)
    )
    return plan


def _select(plan: _Plan, where: tuple[Any, ...]) -> Any:
    stmt = select(*plan.columns).order_by(plan.table.c.id)
    return stmt.where(*where) if where else stmt


def _values(session: Session, plan: _Plan, where: tuple[Any, ...]) -> Iterator[list[Any]]:
    """The plan's columns of every matching row, enums mapped, as mutable lists by id.

    Equal values of a column come back as one object (a dict per column while reading):
    100 000 contracts share a few hundred dates, rates and names, which halves the
    memory of the records. The values are immutable, so sharing them changes nothing.
    Columns whose first ``_SAMPLE`` rows are mostly distinct (titles, times) are left alone.
    """
    pools: list[tuple[int, dict[Any, Any]]] = [(position, {}) for position in plan.shared]
    for count, row in enumerate(session.execute(_select(plan, where))):
        if count == _SAMPLE:  # columns of (nearly) unique values gain nothing: stop pooling
            pools = [(position, pool) for position, pool in pools if len(pool) <= _SAMPLE // 2]
        values = list(row)
        for position, members, enum in plan.enums:
            text = values[position]
            if text is not None:
                member = members.get(text)
                values[position] = member if member is not None else enum(text)
        for position, pool in pools:
            value = values[position]
            values[position] = pool.setdefault(value, value)
        yield values
