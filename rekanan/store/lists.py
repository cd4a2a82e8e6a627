"""List queries for the registers: filter, search, sort and page in SQL, return plain rows.

A register never loads a whole table: each call returns one window (``offset``/``limit``)
of small frozen rows and the total count for the same filters, so a screen can show
"rows 201-300 of 97 412" and fetch the next window in a worker as the cursor moves.
Search as you type matches the name, any spelling of an NPWP (via
``rekanan.domain.identifiers.npwp_search_key``) and contract numbers.

Aggregates a row shows (a supplier's active contracts and their value) are computed for the
window's ids only, unless the person sorts by them.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Generic, TypeVar

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Integer,
    Select,
    String,
    bindparam,
    case,
    false,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal

from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import (  # the next deadline is the rules' own (F35)
    NO_DEADLINE as NO_DEADLINE,
)
from rekanan.domain.contract_dates import (
    Deadline as Deadline,
)
from rekanan.domain.contract_dates import (
    contract_dates,
    grace_end,
    next_deadline,
)
from rekanan.domain.identifiers import npwp_search_key
from rekanan.domain.records import ContractRecord, SupplierRecord
from rekanan.domain.thresholds import Thresholds
from rekanan.models import (
    SLA,
    AgencyHoliday,
    AuditEntry,
    Contract,
    ContractService,
    ContractStatus,
    Criticality,
    GraceExtension,
    LegalForm,
    RenewalKind,
    Service,
    ServiceHours,
    Supplier,
    SupplierCategory,
)
from rekanan.store.search_index import ContractText, answerable, build_contract_text, fold

R = TypeVar("R")
_V = TypeVar("_V")

# Column access without SQLModel's Python-typed attributes getting in mypy's way.
_CS: Any = ContractService
_C: Any = Contract
_S: Any = Supplier
_SV: Any = Service
_SLA: Any = SLA
_AH: Any = AgencyHoliday
_AU: Any = AuditEntry

ACTIVE_STATUSES: tuple[ContractStatus, ...] = (
    ContractStatus.ACTIVE,
    ContractStatus.IN_NOTICE,
    ContractStatus.RENEWED,
)
"""Statuses of a contract that still binds the supplier."""

_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Page(Generic[R]):
    """One window of a list: its rows, where it starts, and how many rows match in all."""

    rows: tuple[R, ...]
    offset: int
    total: int


# --------------------------------------------------------------------------- helpers


class day_number(FunctionElement[int]):
    """Days since 1970-01-01 of a date column, the same integer on SQLite and PostgreSQL."""

    type = Integer()
    inherit_cache = True


@compiles(day_number, "sqlite")
def _day_number_sqlite(element: day_number, compiler: Any, **kw: Any) -> str:
    arg = compiler.process(next(iter(element.clauses)), **kw)
    return f"CAST(julianday({arg}) - 2440587.5 AS INTEGER)"


@compiles(day_number)
def _day_number_default(element: day_number, compiler: Any, **kw: Any) -> str:
    arg = compiler.process(next(iter(element.clauses)), **kw)
    return f"({arg} - DATE '1970-01-01')"


def to_day_number(day: date) -> int:
    """The Python side of ``day_number``."""
    return (day - _EPOCH).days


def from_day_number(number: int | None) -> date | None:
    """The date of a ``day_number`` value (None stays None)."""
    return None if number is None else _EPOCH + timedelta(days=int(number))


def _like_pattern(text: str) -> str:
    """A LIKE pattern that finds ``text`` anywhere, with LIKE's wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


class _Contains(ColumnElement[bool]):
    """``column`` contains ``pattern``, ignoring case: ILIKE on PostgreSQL, LIKE on SQLite.

    SQLite's LIKE already ignores ASCII case and, unlike ``lower(x) LIKE``, needs no
    function call per row, which halves a scan of 100 000 contract numbers.
    """

    inherit_cache = True
    type = Boolean()

    def __init__(self, column: Any, pattern: str) -> None:
        self.column = column
        self.pattern: BindParameter[str] = bindparam(None, pattern, unique=True)

    _traverse_internals = [  # noqa: RUF012 - SQLAlchemy reads it as declared
        ("column", InternalTraversal.dp_clauseelement),
        ("pattern", InternalTraversal.dp_clauseelement),
    ]


@compiles(_Contains)
def _contains_default(element: _Contains, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    pattern = compiler.process(element.pattern, **kw)
    return f"{column} ILIKE {pattern} ESCAPE '\\'"


@compiles(_Contains, "sqlite")
def _contains_sqlite(element: _Contains, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    pattern = compiler.process(element.pattern, **kw)
    return f"{column} LIKE {pattern} ESCAPE '\\'"


def _contains(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive substring match that works the same on SQLite and PostgreSQL."""
    return _Contains(column, _like_pattern(text))


def _npwp_digits(text: str) -> str | None:
    """The NPWP digits a search text may stand for, when it looks like part of an NPWP."""
    if any(ch.isalpha() for ch in text):
        return None
    key = npwp_search_key(text)
    return key if len(key) >= 3 else None


def _order(column: Any, descending: bool, nulls_last: bool = True) -> list[Any]:
    """ORDER BY terms with NULLs last in both directions, on every dialect."""
    terms: list[Any] = []
    if nulls_last:
        terms.append(column.is_(None))
    terms.append(column.desc() if descending else column.asc())
    return terms


def _window(
    session: Session, stmt: Select[Any], count_stmt: Select[Any], offset: int, limit: int
) -> tuple[list[Any], int, int]:
    """Rows of one window, the total, and the offset actually used (clamped to the total)."""
    total = int(session.execute(count_stmt).scalar_one())
    offset = max(0, min(offset, max(total - 1, 0)))
    rows = list(session.execute(stmt.offset(offset).limit(max(limit, 0))).all()) if limit else []
    return rows, total, offset


# --------------------------------------------------------------------------- suppliers


@dataclass(frozen=True, slots=True)
class SupplierRow:
    """A supplier as its register shows it."""

    id: int
    name: str
    npwp: str | None
    legal_form: LegalForm
    category: SupplierCategory
    active: bool
    active_contracts: int
    active_value: Decimal
    version: int


SUPPLIER_SORTS: tuple[str, ...] = (
    "name",
    "npwp",
    "legal_form",
    "category",
    "active",
    "active_contracts",
    "active_value",
    "risk",
)


@dataclass(frozen=True, slots=True)
class SupplierQuery:
    """Filters and sort of the supplier register.

    ``only_ids`` restricts the list (a risk band, computed by ``rekanan.domain.risk``);
    ``risk_rank`` maps supplier ids to a rank (higher is riskier, absent is 0) for sorting by
    risk; both come from the rules, since risk is not a column.
    """

    search: str = ""
    category: SupplierCategory | None = None
    active: bool | None = None
    has_active_contracts: bool | None = None
    only_ids: frozenset[int] | None = None
    exclude_ids: frozenset[int] | None = None
    risk_rank: Mapping[int, int] = field(default_factory=dict)
    sort: str = "name"
    descending: bool = False


def _supplier_filters(query: SupplierQuery) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    text = query.search.strip()
    if text:
        options: list[ColumnElement[bool]] = [_contains(_S.name, text)]
        digits = _npwp_digits(text)
        if digits:
            options.append(_S.npwp.like(f"%{digits}%"))
        if any(ch.isdigit() for ch in text):
            # Contract numbers carry digits; skipping their scan keeps name search fast. The
            # ids come from the number's own index (SQLite scans it, not the wide table:
            # 45 ms became 20 ms at 100 000 contracts), then their suppliers by id.
            numbered = select(_C.id).where(_contains(_C.number, text))
            options.append(_S.id.in_(select(_C.supplier_id).where(_C.id.in_(numbered))))
        filters.append(or_(*options))
    if query.category is not None:
        filters.append(_S.category == query.category)
    if query.active is not None:
        filters.append(_S.active == query.active)
    if query.has_active_contracts is not None:
        with_active = _S.id.in_(select(_C.supplier_id).where(_C.status.in_(ACTIVE_STATUSES)))
        filters.append(with_active if query.has_active_contracts else ~with_active)
    if query.only_ids is not None:
        filters.append(_S.id.in_(sorted(query.only_ids)) if query.only_ids else false())
    if query.exclude_ids:
        filters.append(_S.id.not_in(sorted(query.exclude_ids)))
    return filters


def _risk_rank_expr(rank: Mapping[int, int]) -> ColumnElement[int]:
    groups: dict[int, list[int]] = {}
    for supplier_id, value in rank.items():
        if value:
            groups.setdefault(value, []).append(supplier_id)
    if not groups:
        return literal(0)
    whens = [(_S.id.in_(sorted(ids)), level) for level, ids in sorted(groups.items(), reverse=True)]
    return case(*whens, else_=0)


def list_suppliers(
    session: Session, query: SupplierQuery, offset: int = 0, limit: int = 100
) -> Page[SupplierRow]:
    """One window of the supplier register, with the count of all matching suppliers."""
    if query.sort not in SUPPLIER_SORTS:
        raise ValueError(f"Unknown supplier sort column {query.sort!r}.")
    filters = _supplier_filters(query)
    stmt = select(
        _S.id,
        _S.name,
        _S.npwp,
        _S.legal_form,
        _S.category,
        _S.active,
        _S.version,
    ).where(*filters)
    count_stmt = select(func.count()).select_from(Supplier).where(*filters)
    aggregates = (
        select(
            _C.supplier_id.label("sid"),
            func.count().label("n"),
            func.coalesce(func.sum(_C.value), 0).label("v"),
        )
        .where(_C.status.in_(ACTIVE_STATUSES))
        .group_by(_C.supplier_id)
    )
    key: Any
    if query.sort in ("active_contracts", "active_value"):
        agg = aggregates.subquery()
        stmt = stmt.outerjoin(agg, agg.c.sid == _S.id)
        key = func.coalesce(agg.c.n if query.sort == "active_contracts" else agg.c.v, 0)
    elif query.sort == "risk":
        key = _risk_rank_expr(query.risk_rank)
    else:
        key = getattr(Supplier, query.sort)
    nullable = query.sort in ("npwp", "risk")
    stmt = stmt.order_by(*_order(key, query.descending, nulls_last=nullable), _S.name, _S.id)
    rows, total, offset = _window(session, stmt, count_stmt, offset, limit)
    counts = _active_totals(session, [row.id for row in rows])
    return Page(
        rows=tuple(
            SupplierRow(
                id=row.id,
                name=row.name,
                npwp=row.npwp,
                legal_form=LegalForm(row.legal_form),
                category=SupplierCategory(row.category),
                active=bool(row.active),
                active_contracts=counts.get(row.id, (0, Decimal(0)))[0],
                active_value=counts.get(row.id, (0, Decimal(0)))[1],
                version=row.version,
            )
            for row in rows
        ),
        offset=offset,
        total=total,
    )


def _active_totals(session: Session, ids: list[int]) -> dict[int, tuple[int, Decimal]]:
    """Active contracts and their value for the suppliers of one window.

    The status test sits in the sums, not the WHERE, so the database walks the supplier_id
    index instead of every active contract.
    """
    if not ids:
        return {}
    is_active = _C.status.in_(ACTIVE_STATUSES)
    stmt = (
        select(
            _C.supplier_id,
            func.sum(case((is_active, 1), else_=0)),
            func.sum(case((is_active, _C.value), else_=0)),
        )
        .where(_C.supplier_id.in_(ids))
        .group_by(_C.supplier_id)
    )
    return {int(sid): (int(n or 0), Decimal(value or 0)) for sid, n, value in session.execute(stmt)}


# --------------------------------------------------------------------------- contracts

OPEN_STATUSES: tuple[ContractStatus, ...] = (*ACTIVE_STATUSES, ContractStatus.DRAFT)
"""Contracts whose deadlines still matter; the others are history."""


@dataclass(frozen=True, slots=True)
class ContractRow:
    """A contract as its register shows it, with its next deadline as of the query's date."""

    id: int
    number: str
    title: str
    supplier_id: int
    supplier_name: str
    supplier_category: SupplierCategory
    status: ContractStatus
    is_underpinning: bool
    value: Decimal
    start_date: date
    end_date: date | None
    next_deadline: date | None
    deadline_kind: str
    days_left: int | None
    version: int


CONTRACT_SORTS: tuple[str, ...] = (
    "deadline",
    "number",
    "title",
    "supplier",
    "category",
    "status",
    "is_underpinning",
    "value",
    "start_date",
    "end_date",
)


@dataclass(frozen=True, slots=True)
class ContractQuery:
    """Filters and sort of the contract register; deadlines are counted from ``as_of``.

    ``due_within_days`` keeps open contracts whose next deadline falls from ``as_of`` to
    ``as_of + N``, or is an overdue decision or notice deadline of a contract still running
    (due now, as its alert says), and those whose dates have all passed too, when
    ``include_overdue``.
    """

    as_of: date
    search: str = ""
    statuses: frozenset[ContractStatus] | None = None
    underpinning: bool | None = None
    category: SupplierCategory | None = None
    due_within_days: int | None = None
    include_overdue: bool = False
    supplier_id: int | None = None
    service_id: int | None = None
    sort: str = "deadline"
    descending: bool = False


_RULE_COLUMNS = (
    _C.id,
    _C.supplier_id,
    _C.status,
    _C.is_underpinning,
    _C.start_date,
    _C.end_date,
    _C.notice_days,
    _C.renewal_kind,
    _C.renewal_period_months,
    _C.max_renewals,
    _C.renewals_used,
    _C.procurement_lead_days,
    _C.termination_date,
)


def _rule_record(row: Any) -> ContractRecord:
    """The fields of a contract that the date rules read, as a plain record."""
    return ContractRecord(
        id=row.id,
        number="",
        title="",
        supplier_id=row.supplier_id,
        start_date=row.start_date,
        end_date=row.end_date,
        status=ContractStatus(row.status),
        is_underpinning=bool(row.is_underpinning),
        notice_days=row.notice_days,
        renewal_kind=RenewalKind(row.renewal_kind),
        renewal_period_months=row.renewal_period_months,
        max_renewals=row.max_renewals,
        renewals_used=row.renewals_used,
        procurement_lead_days=row.procurement_lead_days,
        termination_date=row.termination_date,
    )


def working_calendar(session: Session) -> WorkingCalendar:
    """The agency's working calendar: national holidays plus its own days off."""
    days = session.execute(select(_AH.day)).scalars().all()
    return WorkingCalendar.for_agency(days)


def data_stamp(session: Session) -> tuple[int, int]:
    """Changes whenever a write happens: the newest audit row and the number of contracts."""
    last_audit = session.execute(select(func.max(_AU.id))).scalar_one()
    contracts = session.execute(select(func.count()).select_from(Contract)).scalar_one()
    return int(last_audit or 0), int(contracts)


class CodedColumn(Mapping[int, _V]):
    """One value per contract id, kept as a small code in a flat array.

    Why: dictionaries of 100 000 contracts cost tens of megabytes at national scale (issue 9),
    while an array costs one to four bytes a contract. Contract ids are handed out in
    sequence, so the id minus the lowest one is the array slot; a slot without a contract
    holds -1. ``distinct`` lists the few distinct values the codes stand for.
    """

    __slots__ = ("_size", "base", "codes", "distinct")

    def __init__(self, base: int, codes: array[int], distinct: list[_V], size: int) -> None:
        self.base = base
        self.codes = codes
        self.distinct = distinct
        self._size = size

    def __getitem__(self, key: int) -> _V:
        slot = key - self.base
        if 0 <= slot < len(self.codes):
            code = self.codes[slot]
            if code >= 0:
                return self.distinct[code]
        raise KeyError(key)

    def __iter__(self) -> Iterator[int]:
        base = self.base
        return (base + slot for slot, code in enumerate(self.codes) if code >= 0)

    def __len__(self) -> int:
        return self._size

    def codes_where(self, keep: Callable[[_V], bool]) -> frozenset[int]:
        """The codes of the values ``keep`` accepts, to filter on the raw array."""
        return frozenset(code for code, value in enumerate(self.distinct) if keep(value))


class _ColumnBuilder(Generic[_V]):
    """Fills a ``CodedColumn``: one code per distinct value, -1 where no contract is."""

    def __init__(self, typecode: str, base: int, slots: int) -> None:
        self.base = base
        self.codes = array(typecode, [-1]) * slots
        self.distinct: list[_V] = []
        self.known: dict[_V, int] = {}
        self.size = 0

    def set(self, contract_id: int, value: _V) -> None:
        code = self.known.get(value)
        if code is None:
            code = self.known[value] = len(self.distinct)
            self.distinct.append(value)
        slot = contract_id - self.base
        if self.codes[slot] < 0:
            self.size += 1
        self.codes[slot] = code

    def build(self) -> CodedColumn[_V]:
        return CodedColumn(self.base, self.codes, self.distinct, self.size)


@dataclass(slots=True)
class DeadlineIndex:
    """Every contract's next deadline as of one day, computed once by the rules.

    The deadline of a tacit contract rolls with its terms and a notice deadline moves to the
    working day before a holiday, so it is not an SQL expression: the register sorts and
    filters on this index and fetches only the window's rows from SQL. ``order`` lists open
    contracts by next deadline (none last), then closed ones, latest end first. The columns
    are compact (``CodedColumn``): at 100 000 contracts the index takes a few megabytes.
    """

    as_of: date
    stamp: tuple[int, int]
    thresholds: Thresholds
    order: list[int]
    deadline: CodedColumn[Deadline]
    status: CodedColumn[ContractStatus]
    underpinning: CodedColumn[bool]
    supplier: CodedColumn[int]
    category: CodedColumn[SupplierCategory]
    views: dict[tuple[Any, ...], list[int]] = field(default_factory=dict)
    text: ContractText | None = None
    """Contract texts for search as you type, built on the first search (``_text_of``)."""

    def days_left(self, contract_id: int) -> int | None:
        """Days from the as-of day to the contract's next deadline."""
        found = self.deadline.get(contract_id)
        if found is None or found.day is None:
            return None
        return (found.day - self.as_of).days


def deadline_for(
    record: ContractRecord,
    category: SupplierCategory,
    as_of: date,
    thresholds: Thresholds,
    calendar: WorkingCalendar,
    graces: Iterable[tuple[date, int]] = (),
) -> Deadline:
    """The next deadline of one contract (``graces``: its grace extensions as
    (granted on, days)); a closed contract has none."""
    if record.status not in OPEN_STATUSES:
        return NO_DEADLINE
    supplier = SupplierRecord(id=record.supplier_id, name="", category=category)
    dates = contract_dates(record, supplier, as_of, thresholds, calendar)
    return next_deadline(record, dates, grace_end(record, graces, as_of))


def grace_days_of(
    session: Session, as_of: date, contract_ids: Collection[int] | None = None
) -> dict[int, list[tuple[date, int]]]:
    """Grace extensions granted by ``as_of`` per contract (of ``contract_ids``, or all):
    few rows, read once for a deadline index or a page of the list."""
    grace: Any = GraceExtension
    stmt = select(grace.contract_id, grace.granted_on, grace.days).where(grace.granted_on <= as_of)
    if contract_ids is not None:
        stmt = stmt.where(grace.contract_id.in_(sorted(contract_ids)))
    found: dict[int, list[tuple[date, int]]] = {}
    for contract_id, granted_on, days in session.connection().execute(stmt):
        found.setdefault(int(contract_id), []).append((granted_on, int(days)))
    return found


_ID_BITS = 40
"""Sort keys pack (group, missing, day, id) into one int: ids below 2**40."""
_DAY_BITS = 22
"""Date ordinals stay below 2**22 (year 9999 is 3 652 059)."""


def _sort_key(group: int, day: date | None, contract_id: int) -> int:
    """One int that sorts like ``(group, day is None, ordinal, id)``; closed ones latest first."""
    if day is None:
        part = 1 << _DAY_BITS
    else:
        part = day.toordinal() if group == 0 else (1 << _DAY_BITS) - 1 - day.toordinal()
    return (((group << (_DAY_BITS + 1)) | part) << _ID_BITS) | contract_id


def build_deadline_index(
    session: Session,
    as_of: date,
    thresholds: Thresholds,
    calendar: WorkingCalendar | None = None,
) -> DeadlineIndex:
    """Compute the next deadline of every open contract with ``contract_dates``.

    Closed contracts need no rule: they sort after the open ones, latest end first.
    Rows are read through the connection as plain values (no ORM, no enum conversion),
    which keeps 100 000 contracts around a second.
    """
    calendar = calendar or working_calendar(session)
    stamp = data_stamp(session)
    conn = session.connection()
    categories = {
        int(sid): SupplierCategory(cat)
        for sid, cat in conn.execute(select(_S.id, type_coerce(_S.category, String)))
    }
    low, high = conn.execute(select(func.min(_C.id), func.max(_C.id))).one()
    base = int(low or 0)
    slots = int(high) - base + 1 if high is not None else 0
    deadline: _ColumnBuilder[Deadline] = _ColumnBuilder("i", base, slots)
    status: _ColumnBuilder[ContractStatus] = _ColumnBuilder("b", base, slots)
    underpinning: _ColumnBuilder[bool] = _ColumnBuilder("b", base, slots)
    supplier: _ColumnBuilder[int] = _ColumnBuilder("i", base, slots)
    category: _ColumnBuilder[SupplierCategory] = _ColumnBuilder("b", base, slots)
    keys: list[int] = []
    cheap = select(
        _C.id,
        _C.supplier_id,
        type_coerce(_C.status, String),
        _C.is_underpinning,
        _C.end_date,
    )
    known = {s.value: s for s in ContractStatus}
    open_values = {s.value for s in OPEN_STATUSES}
    for cid, sid, state, uc, end in conn.execute(cheap):
        status.set(cid, known[state])
        underpinning.set(cid, bool(uc))
        supplier.set(cid, sid)
        category.set(cid, categories.get(sid, SupplierCategory.OPERATIONAL))
        if state not in open_values:
            deadline.set(cid, NO_DEADLINE)
            keys.append(_sort_key(1, end, cid))
    # Contracts with the same end and terms share a deadline: compute each shape once (the
    # start date plays no part in the deadline rules; a test compares with the per-row path).
    memo: dict[tuple[Any, ...], Deadline] = {}
    graces = grace_days_of(session, as_of)
    open_rows = conn.execute(select(*_RULE_COLUMNS).where(_C.status.in_(OPEN_STATUSES)))
    for row in open_rows:
        cid, sid, state, uc, _start, end, notice, renewal, months, cap, used, lead, stop = row
        category_of = categories.get(sid, SupplierCategory.OPERATIONAL)
        granted = tuple(graces.get(cid, ()))
        shape = (state, uc, end, notice, renewal, months, cap, used, lead, stop, category_of)
        found = memo.get((shape, granted))
        if found is None:
            record = _rule_record(row)
            found = deadline_for(record, category_of, as_of, thresholds, calendar, granted)
            memo[(shape, granted)] = found
        deadline.set(cid, found)
        keys.append(_sort_key(0, found.day, cid))
    del memo
    keys.sort()
    mask = (1 << _ID_BITS) - 1
    order = [key & mask for key in keys]
    del keys
    return DeadlineIndex(
        as_of=as_of,
        stamp=stamp,
        thresholds=thresholds,
        order=order,
        deadline=deadline.build(),
        status=status.build(),
        underpinning=underpinning.build(),
        supplier=supplier.build(),
        category=category.build(),
    )


class DeadlineCache:
    """Keeps the last index per database; rebuilds it when the data, day or rules change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: DeadlineIndex | None = None

    def get(
        self,
        session: Session,
        as_of: date,
        thresholds: Thresholds,
        calendar: WorkingCalendar | None = None,
    ) -> DeadlineIndex:
        """The current index: cached while nobody writes, rebuilt after a write."""
        with self._lock:
            index = self._index
            if (
                index is not None
                and index.as_of == as_of
                and index.thresholds is thresholds
                and index.stamp == data_stamp(session)
            ):
                return index
            index = build_deadline_index(session, as_of, thresholds, calendar)
            self._index = index
            return index

    def clear(self) -> None:
        """Forget the index (after a write through this process, for instance)."""
        with self._lock:
            self._index = None


def _contract_search(text: str, *, with_supplier: bool) -> ColumnElement[bool]:
    """The search in SQL: number, title or supplier name holds ``text``, ignoring case."""
    supplier_match: Any = (
        _contains(_S.name, text)
        if with_supplier
        else _C.supplier_id.in_(select(_S.id).where(_contains(_S.name, text)))
    )
    return or_(_contains(_C.number, text), _contains(_C.title, text), supplier_match)


_TEXT_LOCK = threading.Lock()


def _text_of(session: Session, index: DeadlineIndex) -> ContractText | None:
    """The index's contract texts, read on the first search; None if the data moved on.

    Built on demand, not with the index: the dashboard shares the index and never searches,
    and the texts cost about 15 MB at 100 000 contracts.
    """
    if index.text is None:
        with _TEXT_LOCK:
            if index.text is None:
                if data_stamp(session) != index.stamp:
                    return None
                index.text = build_contract_text(
                    session.connection(),
                    index.order,
                    select(_C.id, _C.supplier_id, _C.number, _C.title),
                    select(_S.id, _S.name),
                )
    return index.text


def prepare_search(session: Session, index: DeadlineIndex) -> bool:
    """Read the contract texts for search now (about 0.2 s at 100 000 contracts).

    A screen can call it in a worker once its first window shows, so that the first
    keystroke does not pay for it. False when the data moved on since ``index`` was built.
    """
    return _text_of(session, index) is not None


def _searched_ids(session: Session, text: str, index: DeadlineIndex | None) -> list[int] | None:
    """Ids matching the search ``text`` in the index's order, from memory when it can tell.

    None means SQL must answer (no index, a search text outside ASCII, data newer than the
    index). Unsure values (``search_index``) are asked of the database by their ids.
    """
    if index is None or not answerable(text):
        return None
    found = _text_of(session, index)
    if found is None:
        return None
    conn = session.connection()
    suppliers: list[int] = []
    contracts: list[int] = []
    if found.unsure_suppliers:
        names = select(_S.id).where(_S.id.in_(found.unsure_suppliers), _contains(_S.name, text))
        suppliers = list(conn.execute(names).scalars())
    if found.unsure_contracts:
        own = select(_C.id).where(
            _C.id.in_(found.unsure_contracts),
            or_(_contains(_C.number, text), _contains(_C.title, text)),
        )
        contracts = list(conn.execute(own).scalars())
    return found.matching(text, suppliers, contracts)


def _contract_sql_filters(
    query: ContractQuery, *, with_supplier: bool, search: bool = True
) -> list[Any]:
    """Filters that need SQL: text search (unless ``search`` is off) and services."""
    filters: list[Any] = []
    text = query.search.strip()
    if text and search:
        filters.append(_contract_search(text, with_supplier=with_supplier))
    if query.service_id is not None:
        filters.append(_C.id.in_(select(_CS.contract_id).where(_CS.service_id == query.service_id)))
    return filters


def _contract_plain_filters(
    query: ContractQuery, *, with_supplier: bool, search: bool = True
) -> list[Any]:
    """Filters on plain columns, for SQL-sorted windows without a deadline index."""
    filters = _contract_sql_filters(query, with_supplier=with_supplier, search=search)
    if query.statuses is not None:
        filters.append(_C.status.in_(sorted(query.statuses)))
    if query.underpinning is not None:
        filters.append(_C.is_underpinning == query.underpinning)
    if query.supplier_id is not None:
        filters.append(_C.supplier_id == query.supplier_id)
    if query.category is not None:
        filters.append(
            _S.category == query.category
            if with_supplier
            else _C.supplier_id.in_(select(_S.id).where(_S.category == query.category))
        )
    return filters


def _indexed_ids(session: Session, query: ContractQuery, index: DeadlineIndex) -> list[int]:
    """Contract ids matching ``query`` in deadline order, filtered on the index."""
    text = query.search.strip()
    view_key = (
        fold(text),
        query.statuses,
        query.underpinning,
        query.category,
        query.due_within_days,
        query.include_overdue,
        query.supplier_id,
        query.service_id,
    )
    cached = index.views.get(view_key)
    if cached is not None:
        return cached
    searched = _searched_ids(session, text, index) if text else None
    matching: set[int] | None = None
    sql_filters = _contract_sql_filters(query, with_supplier=False, search=searched is None)
    if query.supplier_id is not None:
        sql_filters.append(_C.supplier_id == query.supplier_id)
    if sql_filters:
        matching = set(session.connection().execute(select(_C.id).where(*sql_filters)).scalars())
    ids: list[int] = index.order if searched is None else searched
    if matching is not None:
        ids = [i for i in ids if i in matching]
    if query.statuses is not None:
        ids = _keep(ids, index.status, lambda s: s in query.statuses)  # type: ignore[operator]
    if query.underpinning is not None:
        ids = _keep(ids, index.underpinning, lambda uc: uc == query.underpinning)
    if query.category is not None:
        ids = _keep(ids, index.category, lambda c: c == query.category)
    if query.due_within_days is not None:
        limit_day = index.as_of + timedelta(days=query.due_within_days)
        ids = _keep(ids, index.status, lambda s: s in OPEN_STATUSES)
        ids = _keep(
            ids,
            index.deadline,
            lambda d: (
                d.day is not None
                and d.day <= limit_day
                and (query.include_overdue or d.day >= index.as_of or d.kind != "end")
            ),
        )
    if len(index.views) >= _MAX_VIEWS:
        index.views.clear()  # not one by one: workers of several screens share the index
    index.views[view_key] = ids
    return ids


def _keep(ids: list[int], column: CodedColumn[_V], keep: Callable[[_V], bool]) -> list[int]:
    """The ids whose value in ``column`` ``keep`` accepts, tested once per distinct value."""
    wanted = column.codes_where(keep)
    codes, base = column.codes, column.base
    return [i for i in ids if codes[i - base] in wanted]


_CONTRACT_COLUMNS = (
    *_RULE_COLUMNS,
    _C.number,
    _C.title,
    _C.value,
    _C.version,
    _S.name.label("supplier_name"),
    _S.category.label("supplier_category"),
)

_SQL_SORT_KEYS: dict[str, Any] = {
    "number": _C.number,
    "title": _C.title,
    "supplier": _S.name,
    "category": _S.category,
    "status": _C.status,
    "is_underpinning": _C.is_underpinning,
    "value": _C.value,
    "start_date": _C.start_date,
    "end_date": _C.end_date,
}

_NULLABLE_SORTS: frozenset[str] = frozenset()
"""Sorts that push NULLs last by hand; end dates keep the dialect's order to use the index."""

_MAX_IN_IDS = 30_000

_MAX_VIEWS = 8
"""Filtered id lists an index keeps (up to 0.8 MB each at L; every keystroke makes one)."""

_MAX_SEARCH_IDS = 20_000
"""Above this many matches an SQL sort scans with LIKE: a longer IN list costs more (at L,
9 600 ids sort by value in 70 ms against 205 ms, 23 500 ids break even)."""


def list_contracts(
    session: Session,
    query: ContractQuery,
    offset: int = 0,
    limit: int = 100,
    index: DeadlineIndex | None = None,
    thresholds: Thresholds | None = None,
) -> Page[ContractRow]:
    """One window of the contract register, by default soonest next deadline first.

    Sorting by deadline and filtering by "due within N days" use ``index`` (built here when
    not given: pass a ``DeadlineCache`` result on large databases). Other sorts run in SQL.
    """
    if query.sort not in CONTRACT_SORTS:
        raise ValueError(f"Unknown contract sort column {query.sort!r}.")
    thresholds = index.thresholds if index is not None else (thresholds or Thresholds())
    needs_index = query.sort == "deadline" or query.due_within_days is not None
    if needs_index and index is None:
        index = build_deadline_index(session, query.as_of, thresholds)
    base = select(*_CONTRACT_COLUMNS).join(
        Supplier,
        _S.id == _C.supplier_id,
    )
    if query.sort == "deadline":
        assert index is not None
        ids = _indexed_ids(session, query, index)
        if query.descending:
            ids = ids[::-1]
        total = len(ids)
        offset = max(0, min(offset, max(total - 1, 0)))
        window = ids[offset : offset + limit] if limit else []
        fetched = (
            {row.id: row for row in session.execute(base.where(_C.id.in_(window))).all()}
            if window
            else {}
        )
        rows = [fetched[i] for i in window if i in fetched]
    else:
        text = query.search.strip()
        with_join = bool(text) or query.category is not None
        searched = _searched_ids(session, text, index) if text else None
        if searched is not None and len(searched) > _MAX_SEARCH_IDS:
            searched = None
        filters = _contract_plain_filters(query, with_supplier=with_join, search=searched is None)
        if searched is not None:
            filters.append(_C.id.in_(searched) if searched else false())
        if query.due_within_days is not None:
            assert index is not None
            due_ids = _indexed_ids(session, query, index)[:_MAX_IN_IDS]
            filters.append(_C.id.in_(due_ids) if due_ids else false())
        key = _SQL_SORT_KEYS[query.sort]
        stmt = base.where(*filters).order_by(
            *_order(key, query.descending, nulls_last=query.sort in _NULLABLE_SORTS),
            _C.id,
        )
        count_stmt = select(func.count()).select_from(Contract)
        if with_join:
            count_stmt = count_stmt.join(
                Supplier,
                _S.id == _C.supplier_id,
            )
        rows, total, offset = _window(session, stmt, count_stmt.where(*filters), offset, limit)
    calendar = None if index is not None else working_calendar(session)
    graces = {} if index is not None else grace_days_of(session, query.as_of, [r.id for r in rows])
    return Page(
        rows=tuple(
            _contract_row(row, query.as_of, index, thresholds, calendar, graces.get(row.id, ()))
            for row in rows
        ),
        offset=offset,
        total=total,
    )


def _contract_row(
    row: Any,
    as_of: date,
    index: DeadlineIndex | None,
    thresholds: Thresholds,
    calendar: WorkingCalendar | None,
    graces: Iterable[tuple[date, int]] = (),
) -> ContractRow:
    category = SupplierCategory(row.supplier_category)
    found = index.deadline.get(row.id) if index is not None else None
    if found is None:
        found = deadline_for(
            _rule_record(row), category, as_of, thresholds, calendar or WorkingCalendar(), graces
        )
    return ContractRow(
        id=row.id,
        number=row.number,
        title=row.title,
        supplier_id=row.supplier_id,
        supplier_name=row.supplier_name,
        supplier_category=category,
        status=ContractStatus(row.status),
        is_underpinning=bool(row.is_underpinning),
        value=Decimal(row.value),
        start_date=row.start_date,
        end_date=row.end_date,
        next_deadline=found.day,
        deadline_kind=found.kind,
        days_left=None if found.day is None else (found.day - as_of).days,
        version=row.version,
    )


def count_contracts_due(
    session: Session, as_of: date, days: int, index: DeadlineIndex | None = None
) -> int:
    """How many open contracts have their next deadline within ``days`` of ``as_of``."""
    query = ContractQuery(as_of=as_of, due_within_days=days)
    return list_contracts(session, query, 0, 0, index).total


# --------------------------------------------------------------------------- services


@dataclass(frozen=True, slots=True)
class ServiceRow:
    """A service of the catalogue with how many SLAs and UCs it has."""

    id: int
    code: str
    name: str
    owner_unit: str
    criticality: Criticality
    service_hours: ServiceHours
    sla_count: int
    uc_count: int
    version: int


SERVICE_SORTS: tuple[str, ...] = (
    "code",
    "name",
    "owner_unit",
    "criticality",
    "service_hours",
    "sla_count",
    "uc_count",
)


@dataclass(frozen=True, slots=True)
class ServiceQuery:
    """Filters and sort of the service catalogue."""

    search: str = ""
    criticality: Criticality | None = None
    only_ids: frozenset[int] | None = None
    sort: str = "code"
    descending: bool = False


def list_services(
    session: Session, query: ServiceQuery, offset: int = 0, limit: int = 100
) -> Page[ServiceRow]:
    """One window of the service catalogue (small, but paged like the rest)."""
    if query.sort not in SERVICE_SORTS:
        raise ValueError(f"Unknown service sort column {query.sort!r}.")
    filters: list[Any] = []
    text = query.search.strip()
    if text:
        filters.append(
            or_(
                _contains(_SV.code, text),
                _contains(_SV.name, text),
                _contains(_SV.owner_unit, text),
            )
        )
    if query.criticality is not None:
        filters.append(_SV.criticality == query.criticality)
    if query.only_ids is not None:
        filters.append(_SV.id.in_(sorted(query.only_ids)) if query.only_ids else false())
    sla_count = (
        select(func.count()).select_from(SLA).where(_SLA.service_id == _SV.id).scalar_subquery()
    )
    uc_count = (
        select(func.count())
        .select_from(ContractService)
        .join(Contract, _C.id == _CS.contract_id)
        .where(
            _CS.service_id == _SV.id,
            _C.status.in_(ACTIVE_STATUSES),
        )
        .scalar_subquery()
    )
    stmt = select(
        _SV.id,
        _SV.code,
        _SV.name,
        _SV.owner_unit,
        _SV.criticality,
        _SV.service_hours,
        sla_count.label("sla_count"),
        uc_count.label("uc_count"),
        _SV.version,
    ).where(*filters)
    keys: dict[str, Any] = {
        "code": _SV.code,
        "name": _SV.name,
        "owner_unit": _SV.owner_unit,
        "criticality": _criticality_rank(),
        "service_hours": _SV.service_hours,
        "sla_count": sla_count,
        "uc_count": uc_count,
    }
    stmt = stmt.order_by(*_order(keys[query.sort], query.descending), _SV.code)
    count_stmt = select(func.count()).select_from(Service).where(*filters)
    rows, total, offset = _window(session, stmt, count_stmt, offset, limit)
    return Page(
        rows=tuple(
            ServiceRow(
                id=row.id,
                code=row.code,
                name=row.name,
                owner_unit=row.owner_unit,
                criticality=Criticality(row.criticality),
                service_hours=ServiceHours(row.service_hours),
                sla_count=int(row.sla_count),
                uc_count=int(row.uc_count),
                version=row.version,
            )
            for row in rows
        ),
        offset=offset,
        total=total,
    )


def _criticality_rank() -> ColumnElement[int]:
    """Critical first when sorted ascending."""
    order: Sequence[Criticality] = (
        Criticality.CRITICAL,
        Criticality.HIGH,
        Criticality.MEDIUM,
        Criticality.LOW,
    )
    return case(
        *[(_SV.criticality == c, i) for i, c in enumerate(order)],
        else_=len(order),
    )
