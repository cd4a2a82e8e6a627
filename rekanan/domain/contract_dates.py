"""The dates that matter in a contract's life, as of a given day.

Rules (DOMAIN.md 4, "Contract lifecycle"):

* dates are exact days; the **end date** is the last day of the current term;
* the **notice deadline** is ``end - notice_days`` (calendar days). A deadline that falls on
  a weekend, a public holiday, cuti bersama or an agency day off must be met on the working
  day before it, so that is also given;
* a new tender takes months, so the **renewal decision** is due ``procurement lead time``
  days before the notice deadline; the lead time is the contract's own or, when empty, the
  default of the supplier's category (``Thresholds.lead_days_by_category``);
* a **tacit** renewal runs on for ``renewal_period_months`` (12 when empty) unless notice is
  given; ``max_renewals`` caps it (0 means no cap). When a term has ended without anyone
  recording the renewal, the contract has renewed by itself: the current term is rolled
  forward, one renewal used per term, until the cap;
* a contract in notice (``masa_pemberitahuan``) renews no more: it ends at the end of the
  term that runs as of the day (tacit terms that rolled before notice was given count);
* a contract being terminated (a ``termination_date`` on a live contract, as the review's
  *terminate* records it) ends on that date, whatever term it is in (an earlier end date
  of a contract that does not renew tacitly still comes first).

Months are added by calendar month; a term that ends on the last day of a month ends on the
last day of the month after renewal too (28 Feb 2027 + 12 months = 29 Feb 2028).
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.records import ContractRecord, SupplierRecord
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus, RenewalKind, SupplierCategory

LIVE_STATUSES = frozenset({ContractStatus.ACTIVE, ContractStatus.IN_NOTICE, ContractStatus.RENEWED})
"""Statuses of a contract that binds the agency today."""

_TACIT_STATUSES = frozenset(
    {ContractStatus.ACTIVE, ContractStatus.RENEWED, ContractStatus.IN_NOTICE}
)
"""Statuses in which a tacit contract's terms roll on (in notice: up to the current one)."""

DEFAULT_RENEWAL_MONTHS = 12
_MAX_ROLLS = 600


@dataclass(frozen=True, slots=True)
class ContractDates:
    """The key dates of one contract as of ``as_of``, with the days left to each."""

    as_of: date
    end: date | None
    notice_deadline: date | None
    notice_deadline_working: date | None
    notice_holiday: str | None
    decision_date: date | None
    lead_days: int
    renews_tacitly: bool
    next_renewal: date | None
    renewals_left: int | None
    rolled_terms: int
    final_end: date | None

    @property
    def days_to_end(self) -> int | None:
        """Days from ``as_of`` to the end date (negative once passed)."""
        return None if self.end is None else (self.end - self.as_of).days

    @property
    def days_to_notice(self) -> int | None:
        """Days to the working day by which notice must be given."""
        day = self.notice_deadline_working
        return None if day is None else (day - self.as_of).days

    @property
    def days_to_decision(self) -> int | None:
        """Days to the renewal decision date."""
        return None if self.decision_date is None else (self.decision_date - self.as_of).days


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months``; the last day of a month stays the last day of a month.

    Otherwise the day of the month is kept, or clipped to the month's length (31 Jan +
    1 month = 28 or 29 Feb), as ``dateutil.relativedelta`` does.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    length = _calendar.monthrange(year, month)[1]
    if day.day == _calendar.monthrange(day.year, day.month)[1]:
        return date(year, month, length)
    return date(year, month, min(day.day, length))


def lead_days_for(
    contract: ContractRecord, category: SupplierCategory, thresholds: Thresholds
) -> int:
    """The procurement lead time of a contract: its own, else its supplier category's."""
    if contract.procurement_lead_days is not None:
        return contract.procurement_lead_days
    return thresholds.lead_days_by_category.get(category, 60)


def renewals_left(contract: ContractRecord) -> int | None:
    """Tacit renewals still allowed (None = no cap, or not a tacit contract)."""
    if contract.renewal_kind != RenewalKind.TACIT or contract.max_renewals <= 0:
        return None
    return max(0, contract.max_renewals - contract.renewals_used)


def contract_dates(
    contract: ContractRecord,
    supplier: SupplierRecord | None,
    as_of: date,
    thresholds: Thresholds,
    work_calendar: WorkingCalendar,
) -> ContractDates:
    """Compute end, notice deadline, renewal decision date and tacit renewals as of ``as_of``."""
    category = supplier.category if supplier is not None else SupplierCategory.OPERATIONAL
    lead = lead_days_for(contract, category, thresholds)
    termination = termination_day(contract)
    rolls = contract.renewal_kind == RenewalKind.TACIT and contract.status in _TACIT_STATUSES
    tacit = rolls and contract.status != ContractStatus.IN_NOTICE and termination is None
    left = renewals_left(contract)
    end = contract.end_date
    months = contract.renewal_period_months or DEFAULT_RENEWAL_MONTHS
    rolled = 0
    if end is not None and rolls:
        base = end
        stop = as_of if termination is None else min(as_of, termination)
        while end < stop and (left is None or rolled < left) and rolled < _MAX_ROLLS:
            rolled += 1
            end = add_months(base, months * rolled)
    if termination is not None and (end is None or rolls or termination < end):
        end = termination
    left_now = None if left is None else left - rolled
    renews = tacit and (left_now is None or left_now > 0)
    if end is None:
        return ContractDates(
            as_of, None, None, None, None, None, lead, renews, None, left_now, rolled, None
        )
    notice = end - timedelta(days=contract.notice_days)
    notice_working = work_calendar.previous_working_day(notice)
    holiday = None if notice_working == notice else _day_off_name(work_calendar, notice)
    decision = notice - timedelta(days=lead)
    next_renewal = end + timedelta(days=1) if renews else None
    if renews and left_now is not None:
        final_end: date | None = add_months(end, months * left_now)
    elif renews:
        final_end = None
    else:
        final_end = end
    return ContractDates(
        as_of=as_of,
        end=end,
        notice_deadline=notice,
        notice_deadline_working=notice_working,
        notice_holiday=holiday,
        decision_date=decision,
        lead_days=lead,
        renews_tacitly=renews,
        next_renewal=next_renewal,
        renewals_left=left_now,
        rolled_terms=rolled,
        final_end=final_end,
    )


def termination_day(contract: ContractRecord) -> date | None:
    """The day a live contract's recorded termination takes effect (None: not terminated)."""
    if contract.status in LIVE_STATUSES:
        return contract.termination_date
    return None


def _day_off_name(work_calendar: WorkingCalendar, day: date) -> str:
    name = work_calendar.holiday_name(day)
    if name:
        return name
    return "Sabtu" if day.isoweekday() == 6 else "Minggu" if day.isoweekday() == 7 else "libur"


def coverage_end(contract: ContractRecord) -> date | None:
    """The last day a contract can cover a service if nobody acts (None = open-ended).

    A tacit contract with renewals left runs on to its last possible term; a contract
    being terminated covers up to its termination date; a contract without an end date is
    treated as open (data quality flags it separately).
    """
    termination = termination_day(contract)
    if termination is not None:
        if contract.renewal_kind == RenewalKind.TACIT or contract.end_date is None:
            return termination
        return min(contract.end_date, termination)
    if contract.end_date is None:
        return None
    if contract.renewal_kind != RenewalKind.TACIT or contract.status not in (
        ContractStatus.ACTIVE,
        ContractStatus.RENEWED,
    ):
        return contract.end_date
    left = renewals_left(contract)
    if left is None:
        return None
    months = contract.renewal_period_months or DEFAULT_RENEWAL_MONTHS
    return add_months(contract.end_date, months * left)


def needs_decision(contract: ContractRecord) -> bool:
    """True when the contract needs a renewal decision: it renews (tacitly or expressly) or
    underpins services that need a successor, and no notice has been given yet."""
    return contract.status != ContractStatus.IN_NOTICE and (
        contract.renewal_kind != RenewalKind.NONE or contract.is_underpinning
    )


def needs_notice(contract: ContractRecord, dates: ContractDates) -> bool:
    """True when a notice deadline binds the contract (a tacit renewal still running, or an
    express one that must be agreed), and no notice has been given yet."""
    return contract.status != ContractStatus.IN_NOTICE and (
        dates.renews_tacitly or contract.renewal_kind == RenewalKind.EXPRESS
    )


@dataclass(frozen=True, slots=True)
class Deadline:
    """The next key date of a contract, as the alerts see it.

    ``kind`` is ``"decision"`` (renewal decision due), ``"notice"`` (last working day to give
    notice), ``"end"`` (the end, or the termination date of a contract being terminated),
    ``"grace"`` (the last day of a grace extension after the end), or ``""`` for a contract
    without an end date. A decision or notice deadline that has passed
    while the contract still runs stays the next deadline (its alert is overdue); once the
    end has passed, the end is given (negative days left).
    """

    day: date | None
    kind: str


NO_DEADLINE = Deadline(None, "")


def grace_end(
    contract: ContractRecord, granted_days: Iterable[tuple[date, int]], as_of: date
) -> date | None:
    """The last day of the grace extensions (pemberian kesempatan) granted by ``as_of``:
    the end date plus their days (SSUK LKPP 12/2021); None without any."""
    days = sum(count for granted_on, count in granted_days if granted_on <= as_of)
    if contract.end_date is None or not days:
        return None
    return contract.end_date + timedelta(days=days)


def next_deadline(
    contract: ContractRecord, dates: ContractDates, grace_until: date | None = None
) -> Deadline:
    """The one next deadline shown by the dashboard, the contract list, its export and the
    review: the same rules as the renewal, notice and expiry alerts (``needs_decision``,
    ``needs_notice``, the termination date through ``contract_dates``).

    A contract past its end whose work runs on in a grace extension (``grace_until``, see
    ``grace_end``) has the grace's last day next: the day the PPK must have the work
    finished or terminate (finding G29: the most urgent contract was missing from "due").
    """
    if dates.end is None:
        return NO_DEADLINE
    end = dates.end
    if end < dates.as_of and grace_until is not None and grace_until >= dates.as_of:
        return Deadline(grace_until, "grace")
    found: list[tuple[date, int, str]] = [(end, 2, "end")]
    if end >= dates.as_of:
        if needs_decision(contract) and dates.decision_date is not None:
            found.append((dates.decision_date, 0, "decision"))
        if needs_notice(contract, dates) and dates.notice_deadline_working is not None:
            found.append((dates.notice_deadline_working, 1, "notice"))
    day, _order, kind = min(found)
    return Deadline(day, kind)
