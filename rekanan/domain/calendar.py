"""The Indonesian working calendar: which days the office works, and for how many hours.

Public holidays and *cuti bersama* come from the ``holidays`` package (country ``ID``,
categories PUBLIC and GOVERNMENT, names in Indonesian), plus the agency's own days off
(DOMAIN.md 3.6). Office hours default to 08:00-16:00, Monday to Friday; both are
configurable because agencies differ (some work half a day on Friday or on Saturday).

Penalties and grace extensions count calendar days; only office-hours service levels and
deadlines that must be met on a working day use this calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from rekanan.models.enums import ServiceHours

_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def national_holidays(year: int) -> dict[date, str]:
    """Public holidays and cuti bersama of Indonesia in ``year``, with Indonesian names."""
    table = holidays.country_holidays(
        "ID",
        years=year,
        categories=(holidays.PUBLIC, holidays.GOVERNMENT),
        language="id",
    )
    return {day: str(name) for day, name in table.items()}


_DAY_SETS: dict[int, frozenset[date]] = {}


def _days_off(year: int) -> frozenset[date]:
    """The national days off of ``year`` as a set (cached: the rules ask millions of times)."""
    found = _DAY_SETS.get(year)
    if found is None:
        found = _DAY_SETS[year] = frozenset(national_holidays(year))
    return found


@dataclass(frozen=True, slots=True)
class WorkingCalendar:
    """Working days and office hours of one agency.

    ``agency_days_off`` are the agency's own days off; ``workdays`` are ISO weekday
    numbers (1 = Monday). A day is a working day when it is a workday and neither a
    national holiday, a cuti bersama day nor an agency day off.
    """

    agency_days_off: frozenset[date] = field(default_factory=frozenset)
    office_start: time = time(8, 0)
    office_end: time = time(16, 0)
    workdays: frozenset[int] = frozenset({1, 2, 3, 4, 5})

    @classmethod
    def for_agency(
        cls,
        days_off: Iterable[date] = (),
        office_start: time = time(8, 0),
        office_end: time = time(16, 0),
    ) -> WorkingCalendar:
        """A calendar with the agency's days off (``AgencyData.agency_holidays``)."""
        return cls(frozenset(days_off), office_start, office_end)

    def holiday_name(self, day: date) -> str | None:
        """The name of the holiday on ``day``, or None on an ordinary day."""
        name = national_holidays(day.year).get(day)
        if name is not None:
            return name
        if day in self.agency_days_off:
            return "Libur dinas"
        return None

    def is_working_day(self, day: date) -> bool:
        """True when the office works on ``day``."""
        if day.isoweekday() not in self.workdays:
            return False
        if day in self.agency_days_off:
            return False
        return day not in _days_off(day.year)

    def previous_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the working day before it."""
        for _ in range(60):
            if self.is_working_day(day):
                return day
            day -= _DAY
        return day

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the next working day."""
        for _ in range(60):
            if self.is_working_day(day):
                return day
            day += _DAY
        return day

    def office_seconds_per_day(self) -> int:
        """Length of one office day in seconds (8 hours by default)."""
        start = self.office_start.hour * 3600 + self.office_start.minute * 60
        end = self.office_end.hour * 3600 + self.office_end.minute * 60
        return max(0, end - start)

    def office_seconds(self, start: datetime, end: datetime) -> int:
        """Seconds of ``start``..``end`` that fall inside office hours on working days.

        Downtime of an office-hours service over a weekend or a holiday counts nothing.
        """
        if end <= start:
            return 0
        total = 0
        day = start.date()
        last = end.date()
        while day <= last:
            if self.is_working_day(day):
                open_at = datetime.combine(day, self.office_start)
                close_at = datetime.combine(day, self.office_end)
                lo = max(start, open_at)
                hi = min(end, close_at)
                if hi > lo:
                    total += int((hi - lo).total_seconds())
            day += _DAY
        return total

    def service_seconds(self, start: datetime, end: datetime, hours: ServiceHours) -> int:
        """Seconds of ``start``..``end`` inside the committed ``hours`` (24x7 or office)."""
        if end <= start:
            return 0
        if hours == ServiceHours.ALWAYS:
            return int((end - start).total_seconds())
        return self.office_seconds(start, end)

    def window_seconds(self, first: date, last: date, hours: ServiceHours) -> int:
        """Committed seconds from the start of ``first`` to the end of ``last``."""
        if last < first:
            return 0
        days = (last - first).days + 1
        if hours == ServiceHours.ALWAYS:
            return days * 86400
        return _working_days(self, first, last) * self.office_seconds_per_day()


@lru_cache(maxsize=4096)
def _working_days(work_calendar: WorkingCalendar, first: date, last: date) -> int:
    """Working days from ``first`` to ``last`` (cached: periods repeat across contracts)."""
    working = 0
    day = first
    while day <= last:
        if work_calendar.is_working_day(day):
            working += 1
        day += _DAY
    return working
