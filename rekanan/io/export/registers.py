"""The registers (suppliers, contracts, alerts) as XLSX or CSV, with the filters applied.

A register exports exactly what its screen shows: the same ``SupplierQuery`` or
``ContractQuery`` (``rekanan.store.lists``) pages through every matching row in the screen's
order, and the alerts come from ``compute_alerts`` + ``filter_alerts`` with the screen's
filters. The contract list adds the dates the rules compute (``contract_dates``): the
current end, notice deadline (on a working day), renewal decision date, next tacit renewal,
and the days left. Nothing here decides anything; it only lays out rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from rekanan.domain.alert import Alert
from rekanan.domain.contract_dates import (
    LIVE_STATUSES,
    ContractDates,
    contract_dates,
    needs_decision,
    needs_notice,
)
from rekanan.domain.formatting import long_date
from rekanan.domain.identifiers import format_npwp
from rekanan.domain.records import ContractRecord, SupplierRecord
from rekanan.domain.thresholds import Thresholds
from rekanan.io.export.csv_safe import Cell, DecimalMark
from rekanan.io.export.labels import code_label, label
from rekanan.io.export.register_filters import contract_filters, supplier_filters
from rekanan.io.export.tables import Column, Kind, Table, save_workbook, write_table_csv

RegisterFormat = Literal["xlsx", "csv"]
_PAGE = 2_000


@dataclass(frozen=True, slots=True)
class SupplierLine:
    """A supplier as the register exports it (the fields of ``lists.SupplierRow``)."""

    id: int
    name: str
    npwp: str | None
    legal_form: str
    category: str
    active: bool
    active_contracts: int
    active_value: Decimal


@dataclass(frozen=True, slots=True)
class ContractLine:
    """A contract row of the register with the dates the rules computed for it."""

    id: int
    number: str
    title: str
    supplier_name: str
    supplier_category: str
    status: str
    is_underpinning: bool
    value: Decimal
    start_date: date
    renewal_kind: str
    notice_days: int
    dates: ContractDates | None
    next_deadline: date | None
    deadline_kind: str
    days_left: int | None
    notice_due: date | None = None
    """The notice deadline when it still binds (``binding_deadlines``), else None."""
    decision_due: date | None = None
    """The renewal decision date when one is still needed, else None."""


def binding_deadlines(
    contract: ContractRecord, dates: ContractDates
) -> tuple[date | None, date | None]:
    """The notice deadline and renewal decision date that still apply, else None.

    The alerts' and ``next_deadline``'s rules: only for a live contract not yet ended, the
    decision while ``needs_decision`` and the notice while ``needs_notice``, so a contract in
    notice or terminated shows no stale computed dates.
    """
    if contract.status not in LIVE_STATUSES or dates.end is None or dates.end < dates.as_of:
        return None, None
    notice = dates.notice_deadline_working if needs_notice(contract, dates) else None
    decision = dates.decision_date if needs_decision(contract) else None
    return notice, decision


def _cols(language: str, spec: Iterable[tuple[str, Kind]]) -> tuple[Column, ...]:
    return tuple(Column(label(key, language), kind) for key, kind in spec)


# --------------------------------------------------------------------------- tables


def suppliers_table(
    lines: Iterable[SupplierLine],
    language: str = "id",
    risks: Mapping[int, int] | None = None,
) -> Table:
    """The supplier register; with ``risks`` (id -> score) a blacklist-risk column too."""
    rows = tuple(
        (
            s.id,
            s.name,
            format_npwp(s.npwp),
            code_label("legal", s.legal_form, language),
            code_label("supcat", s.category, language),
            label("yes" if s.active else "no", language),
            s.active_contracts,
            s.active_value,
        )
        + ((risks.get(s.id, 0),) if risks is not None else ())
        for s in lines
    )
    spec: list[tuple[str, Kind]] = [
        ("head.id", Kind.INT),
        ("head.name", Kind.TEXT),
        ("head.npwp", Kind.TEXT),
        ("head.legal_form", Kind.TEXT),
        ("head.category", Kind.TEXT),
        ("head.active", Kind.TEXT),
        ("head.active_contracts", Kind.INT),
        ("head.active_value", Kind.RUPIAH),
    ]
    if risks is not None:
        spec.append(("head.risk", Kind.INT))
    return Table(label("sheet.suppliers", language), _cols(language, spec), rows)


def contracts_table(lines: Iterable[ContractLine], language: str = "id") -> Table:
    """The contract register with computed dates and days left."""
    rows: list[tuple[Cell, ...]] = []
    for c in lines:
        d = c.dates
        rows.append(
            (
                c.id,
                c.number,
                c.title,
                c.supplier_name,
                code_label("supcat", c.supplier_category, language),
                code_label("status", c.status, language),
                label("yes" if c.is_underpinning else "no", language),
                c.value,
                c.start_date,
                d.end if d is not None else None,
                code_label("renewal", c.renewal_kind, language),
                c.notice_days,
                c.notice_due,
                c.decision_due,
                d.next_renewal if d is not None else None,
                d.final_end if d is not None else None,
                c.next_deadline,
                code_label("deadline", c.deadline_kind, language) if c.deadline_kind else None,
                c.days_left,
                d.days_to_end if d is not None else None,
            )
        )
    return Table(
        label("sheet.contracts", language),
        _cols(
            language,
            (
                ("head.id", Kind.INT),
                ("head.number", Kind.TEXT),
                ("head.title", Kind.TEXT),
                ("head.supplier", Kind.TEXT),
                ("head.category", Kind.TEXT),
                ("head.status", Kind.TEXT),
                ("head.underpinning", Kind.TEXT),
                ("head.contract_value", Kind.RUPIAH),
                ("head.start", Kind.DATE),
                ("head.end", Kind.DATE),
                ("head.renewal_kind", Kind.TEXT),
                ("head.notice_days", Kind.INT),
                ("head.notice_deadline", Kind.DATE),
                ("head.decision_date", Kind.DATE),
                ("head.next_renewal", Kind.DATE),
                ("head.final_end", Kind.DATE),
                ("head.next_deadline", Kind.DATE),
                ("head.deadline_kind", Kind.TEXT),
                ("head.days_left", Kind.INT),
                ("head.days_to_end", Kind.INT),
            ),
        ),
        tuple(rows),
    )


def alerts_table(alerts: Iterable[Alert], language: str = "id") -> Table:
    """The alerts list, most urgent first as given."""
    rows = tuple(
        (
            code_label("severity", a.severity.value, language),
            code_label("alertkind", a.kind.value, language),
            a.title,
            a.due,
            a.days_left,
            a.supplier_name,
            a.supplier_npwp,
            a.contract_number,
            " ".join(x for x in (a.service_code, a.service_name) if x),
            "\n".join(a.reasons),
            a.rule,
            a.snoozed_until,
        )
        for a in alerts
    )
    return Table(
        label("sheet.alerts", language),
        _cols(
            language,
            (
                ("head.alert_severity", Kind.TEXT),
                ("head.alert_kind", Kind.TEXT),
                ("head.alert_title", Kind.TEXT),
                ("head.due", Kind.DATE),
                ("head.days_left", Kind.INT),
                ("head.supplier", Kind.TEXT),
                ("head.npwp", Kind.TEXT),
                ("head.contract", Kind.TEXT),
                ("head.services", Kind.TEXT),
                ("head.reasons", Kind.TEXT),
                ("head.rule", Kind.TEXT),
                ("head.snoozed_until", Kind.DATE),
            ),
        ),
        rows,
    )


@dataclass(frozen=True, slots=True)
class RegisterNote:
    """What an exported register holds: the day its data stands at and the filters that
    chose its rows (F44: a filtered export otherwise passes for the whole register)."""

    as_of: date
    filters: tuple[str, ...] = ()
    language: str = "id"


def note_table(note: RegisterNote) -> Table:
    """The XLSX note sheet: 'Posisi data per' and one 'Filter' line per filter."""
    lang = note.language
    rows: list[tuple[Cell, ...]] = [(label("note.as_of", lang), long_date(note.as_of, lang))]
    for text in note.filters or (label("note.no_filter", lang),):
        rows.append((label("note.filter", lang), text))
    columns = _cols(lang, (("note.item", Kind.TEXT), ("note.value", Kind.TEXT)))
    return Table(label("sheet.note", lang), columns, tuple(rows))


def write_register(
    table: Table,
    path: Path,
    fmt: RegisterFormat,
    decimal: DecimalMark = "dot",
    note: RegisterNote | None = None,
) -> Path:
    """Write a register table as XLSX or CSV.

    The ``note`` goes to a second XLSX sheet; the CSV stays rows only, for machines.
    """
    if fmt == "xlsx":
        return save_workbook([table] if note is None else [table, note_table(note)], path)
    write_table_csv(table, path, decimal)
    return path


# --------------------------------------------------------------------------- from the store


def supplier_lines(session: Any, query: Any) -> Iterator[SupplierLine]:
    """Every supplier matching ``query`` (a ``lists.SupplierQuery``), in its order."""
    from rekanan.store.lists import list_suppliers

    offset = 0
    while True:
        page = list_suppliers(session, query, offset, _PAGE)
        for row in page.rows:
            yield SupplierLine(
                id=row.id,
                name=row.name,
                npwp=row.npwp,
                legal_form=str(row.legal_form),
                category=str(row.category),
                active=row.active,
                active_contracts=row.active_contracts,
                active_value=row.active_value,
            )
        offset += len(page.rows)
        if not page.rows or offset >= page.total:
            return


def contract_lines(
    session: Any, query: Any, thresholds: Thresholds | None = None
) -> Iterator[ContractLine]:
    """Every contract matching ``query`` (a ``lists.ContractQuery``), with its dates."""
    from sqlalchemy import select

    from rekanan.models import Contract
    from rekanan.store.lists import build_deadline_index, list_contracts, working_calendar
    from rekanan.store.slices import to_record

    limits = thresholds or Thresholds()
    calendar = working_calendar(session)
    index = None
    if query.sort == "deadline" or query.due_within_days is not None:
        index = build_deadline_index(session, query.as_of, limits, calendar)
    offset = 0
    model: Any = Contract
    while True:
        page = list_contracts(session, query, offset, _PAGE, index, limits)
        ids = [row.id for row in page.rows]
        records = {
            r.id: to_record(ContractRecord, r, services=())
            for r in session.execute(select(model).where(model.id.in_(ids))).scalars()
        }
        for row in page.rows:
            record = records.get(row.id)
            dates = None
            notice_due: date | None = None
            decision_due: date | None = None
            if record is not None:
                supplier = SupplierRecord(
                    id=row.supplier_id, name=row.supplier_name, category=row.supplier_category
                )
                dates = contract_dates(record, supplier, query.as_of, limits, calendar)
                notice_due, decision_due = binding_deadlines(record, dates)
            yield ContractLine(
                id=row.id,
                number=row.number,
                title=row.title,
                supplier_name=row.supplier_name,
                supplier_category=str(row.supplier_category),
                status=str(row.status),
                is_underpinning=row.is_underpinning,
                value=row.value,
                start_date=row.start_date,
                renewal_kind=str(record.renewal_kind) if record is not None else "",
                notice_days=record.notice_days if record is not None else 0,
                dates=dates,
                next_deadline=row.next_deadline,
                deadline_kind=row.deadline_kind,
                days_left=row.days_left,
                notice_due=notice_due,
                decision_due=decision_due,
            )
        offset += len(page.rows)
        if not page.rows or offset >= page.total:
            return


def risk_scores(session: Any, as_of: date, thresholds: Thresholds | None = None) -> dict[int, int]:
    """Blacklist-risk scores (0-100) of the suppliers with any ground, as the screen shows.

    Suppliers without a ground are absent (they score 0).
    """
    from rekanan.domain.index import AgencyIndex
    from rekanan.domain.risk import supplier_risk
    from rekanan.store.slices import risk_candidates_slice

    limits = thresholds or Thresholds()
    data = risk_candidates_slice(session)
    index = AgencyIndex.build(data)
    return {s.id: supplier_risk(index, s.id, as_of, limits).score for s in data.suppliers}


def export_suppliers(
    db: Any,
    query: Any,
    path: Path,
    fmt: RegisterFormat,
    language: str = "id",
    decimal: DecimalMark = "dot",
    risks: Mapping[int, int] | None = None,
    as_of: date | None = None,
) -> int:
    """Write the supplier register for ``query`` (a ``lists.SupplierQuery``); returns rows.

    Meant for a worker thread as well as the CLI: one read session, no UI. With ``as_of``
    the XLSX says the filters and the day (``RegisterNote``).
    """
    with db.session() as session:
        table = suppliers_table(list(supplier_lines(session, query)), language, risks)
    note = None
    if as_of is not None:
        note = RegisterNote(as_of, supplier_filters(query, language), language)
    write_register(table, path, fmt, decimal, note)
    return len(table.rows)


def export_contracts(
    db: Any,
    query: Any,
    path: Path,
    fmt: RegisterFormat,
    language: str = "id",
    decimal: DecimalMark = "dot",
    thresholds: Thresholds | None = None,
) -> int:
    """Write the contract register for ``query`` (a ``lists.ContractQuery``); returns rows.

    The XLSX says the query's filters and its day (``RegisterNote``).
    """
    with db.session() as session:
        table = contracts_table(list(contract_lines(session, query, thresholds)), language)
    note = RegisterNote(query.as_of, contract_filters(query, language), language)
    write_register(table, path, fmt, decimal, note)
    return len(table.rows)


def export_alerts(
    alerts: Iterable[Alert],
    path: Path,
    fmt: RegisterFormat,
    language: str = "id",
    decimal: DecimalMark = "dot",
    note: RegisterNote | None = None,
) -> int:
    """Write the alerts (already computed and filtered as the screen shows them); the
    ``note`` (filters from ``register_filters.alert_filters``) goes to the XLSX."""
    table = alerts_table(alerts, language)
    write_register(table, path, fmt, decimal, note)
    return len(table.rows)
