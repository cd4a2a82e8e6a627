"""The dashboard's figures, each computed the same way as the list it opens.

* contracts due within 30/60/90 days: ``count_contracts_due`` over the shared deadline
  index, which is exactly the contract register's "due within N days" filter;
* the 120-day timeline: the same index, open contracts whose next deadline is missed or ahead;
* value of running contracts (active, in notice, renewed, or signed as draft: the
  register's "Masih berjalan" filter) by supplier category: one grouped SQL query;
* blacklist risk and services with gaps come from the register screens' own caches
  (``risk_map``, ``catalogue_verdicts``), and alert counts from ``alert_data``.

Everything here runs in a worker and returns plain data; no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from rekanan.domain.thresholds import Thresholds
from rekanan.models import Contract, Service, Supplier
from rekanan.models.enums import SupplierCategory
from rekanan.store.lists import OPEN_STATUSES, DeadlineCache, count_contracts_due

DUE_WINDOWS: tuple[int, ...] = (30, 60, 90)
TIMELINE_DAYS = 120
TIMELINE_ROWS = 200
"""At most this many deadlines are listed; the rest open in the contract register."""

_C: Any = Contract
_S: Any = Supplier
_SV: Any = Service


@dataclass(frozen=True, slots=True)
class DeadlineItem:
    """One contract deadline on the timeline."""

    contract_id: int
    number: str
    title: str
    supplier_name: str
    day: date
    kind: str
    days_left: int


@dataclass(frozen=True, slots=True)
class CategoryValue:
    """Running contracts of one supplier category: how many, and their value.

    "Running" is the contract register's "Masih berjalan" (``OPEN_STATUSES``), so the
    list the figure opens counts the same contracts.
    """

    category: SupplierCategory
    contracts: int
    value: Decimal


@dataclass(frozen=True, slots=True)
class QuickFigures:
    """What the dashboard can show within a second, even on a large database."""

    as_of: date
    suppliers: int
    contracts: int
    services: int
    due: dict[int, int]
    values: tuple[CategoryValue, ...]
    timeline: tuple[DeadlineItem, ...]
    timeline_total: int
    weeks: tuple[int, ...]

    @property
    def empty(self) -> bool:
        """Nothing recorded yet: the first start of the app."""
        return self.suppliers == 0 and self.contracts == 0 and self.services == 0


def record_counts(db: Any) -> tuple[int, int, int]:
    """Suppliers, contracts and services recorded (three cheap counts)."""
    with db.session() as session:
        return (
            int(session.execute(select(func.count()).select_from(_S)).scalar_one()),
            int(session.execute(select(func.count()).select_from(_C)).scalar_one()),
            int(session.execute(select(func.count()).select_from(_SV)).scalar_one()),
        )


def quick_figures(
    db: Any, cache: DeadlineCache, as_of: date, thresholds: Thresholds
) -> QuickFigures:
    """Counts, windows, values and the timeline (run in a worker)."""
    suppliers, contracts, services = record_counts(db)
    with db.session() as session:
        index = cache.get(session, as_of, thresholds)
        due = {days: count_contracts_due(session, as_of, days, index) for days in DUE_WINDOWS}
        values = _values_by_category(session)
        overdue: list[tuple[int, date, str]] = []
        ahead: list[tuple[int, date, str]] = []
        for cid in index.order:
            deadline = index.deadline.get(cid)
            if deadline is None or deadline.day is None:
                continue
            left = (deadline.day - as_of).days
            if left > TIMELINE_DAYS:
                break
            (overdue if left < 0 else ahead).append((cid, deadline.day, deadline.kind))
        shown = (overdue + ahead)[:TIMELINE_ROWS]  # a missed deadline is the most urgent
        details = _contract_details(session, [cid for cid, _day, _kind in shown])
    weeks = [0] * (TIMELINE_DAYS // 7)
    for _cid, day, _kind in ahead:
        weeks[min((day - as_of).days // 7, len(weeks) - 1)] += 1
    timeline = tuple(
        DeadlineItem(
            contract_id=cid,
            number=details.get(cid, ("", "", ""))[0],
            title=details.get(cid, ("", "", ""))[1],
            supplier_name=details.get(cid, ("", "", ""))[2],
            day=day,
            kind=kind,
            days_left=(day - as_of).days,
        )
        for cid, day, kind in shown
    )
    return QuickFigures(
        as_of=as_of,
        suppliers=suppliers,
        contracts=contracts,
        services=services,
        due=due,
        values=values,
        timeline=timeline,
        timeline_total=len(overdue) + len(ahead),
        weeks=tuple(weeks),
    )


def _values_by_category(session: Any) -> tuple[CategoryValue, ...]:
    stmt = (
        select(_S.category, func.count(_C.id), func.coalesce(func.sum(_C.value), 0))
        .join(_S, _S.id == _C.supplier_id)
        .where(_C.status.in_(OPEN_STATUSES))
        .group_by(_S.category)
    )
    found = {
        SupplierCategory(str(category)): (int(n or 0), Decimal(str(total or 0)))
        for category, n, total in session.execute(stmt)
    }
    return tuple(
        CategoryValue(category, *found.get(category, (0, Decimal(0))))
        for category in SupplierCategory
    )


def _contract_details(session: Any, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    if not ids:
        return {}
    stmt = (
        select(_C.id, _C.number, _C.title, _S.name)
        .join(_S, _S.id == _C.supplier_id)
        .where(_C.id.in_(ids))
    )
    return {int(cid): (str(n), str(t), str(s)) for cid, n, t, s in session.execute(stmt)}
