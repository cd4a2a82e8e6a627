"""Reporting periods: a month, a quarter, a fiscal year, or any range of days.

Staff write them as ``2026-09``, ``2026-Q3``, ``2026`` (fiscal year = calendar year,
DOMAIN.md 2) or ``2026-01-01..2026-06-30``. ``previous()`` gives the period of the same
kind just before, which is what a scorecard trend compares against.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class PeriodKind(StrEnum):
    """How a period was written; decides what ``previous()`` means."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    RANGE = "range"


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True, slots=True)
class Period:
    """Days ``start`` to ``end``, both included."""

    start: date
    end: date
    kind: PeriodKind = PeriodKind.RANGE

    @property
    def label(self) -> str:
        """The period written back the way it is parsed (``2026-Q3``)."""
        if self.kind == PeriodKind.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """True when ``day`` lies in the period."""
        return self.start <= day <= self.end

    def overlaps(self, start: date, end: date | None) -> bool:
        """True when ``start``..``end`` (None = open) shares a day with the period."""
        return start <= self.end and (end is None or end >= self.start)

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        if self.kind == PeriodKind.MONTH:
            return month(*_shift_month(self.start.year, self.start.month, -1))
        if self.kind == PeriodKind.QUARTER:
            year, mon = _shift_month(self.start.year, self.start.month, -3)
            return quarter(year, (mon - 1) // 3 + 1)
        if self.kind == PeriodKind.YEAR:
            return fiscal_year(self.start.year - 1)
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end, PeriodKind.RANGE)

    def last(self, count: int) -> list[Period]:
        """``count`` periods ending with this one, oldest first."""
        periods = [self]
        while len(periods) < count:
            periods.append(periods[-1].previous())
        return list(reversed(periods))


def _shift_month(year: int, mon: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (mon - 1) + delta
    return index // 12, index % 12 + 1


def month(year: int, mon: int) -> Period:
    """The calendar month ``mon`` of ``year``."""
    last_day = calendar.monthrange(year, mon)[1]
    return Period(date(year, mon, 1), date(year, mon, last_day), PeriodKind.MONTH)


def quarter(year: int, number: int) -> Period:
    """Quarter ``number`` (1-4) of ``year``."""
    first = 3 * (number - 1) + 1
    last_day = calendar.monthrange(year, first + 2)[1]
    return Period(date(year, first, 1), date(year, first + 2, last_day), PeriodKind.QUARTER)


def current_quarter(day: date) -> Period:
    """The quarter ``day`` falls in."""
    return quarter(day.year, (day.month - 1) // 3 + 1)


def last_complete_quarter(day: date) -> Period:
    """The quarter before the one ``day`` falls in: the latest with a full record, the
    period a scorecard is made for when nobody says which."""
    return current_quarter(day).previous()


def fiscal_year(year: int) -> Period:
    """The fiscal year (tahun anggaran): 1 January to 31 December."""
    return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR)


def _not_a_period(cleaned: str) -> ValueError:
    return ValueError(
        f"'{cleaned}' is not a period; write a month (2026-09), a quarter (2026-Q3), "
        "a fiscal year (2026) or a range (2026-01-01..2026-06-30)."
    )


def parse_period(text: str) -> Period:
    """Read ``2026-09``, ``2026-Q3``, ``2026`` or ``2026-01-01..2026-06-30``.

    Raises ``ValueError`` with a sentence that shows the accepted forms.
    """
    cleaned = (text or "").strip()
    if found := _MONTH.match(cleaned):
        year, mon = int(found.group(1)), int(found.group(2))
        if not 1 <= mon <= 12 or year < 1:
            raise _not_a_period(cleaned)
        return month(year, mon)
    if found := _QUARTER.match(cleaned):
        if int(found.group(1)) < 1:
            raise _not_a_period(cleaned)
        return quarter(int(found.group(1)), int(found.group(2)))
    if found := _YEAR.match(cleaned):
        if int(found.group(1)) < 1:
            raise _not_a_period(cleaned)
        return fiscal_year(int(found.group(1)))
    if found := _RANGE.match(cleaned):
        try:
            start = date.fromisoformat(found.group(1))
            end = date.fromisoformat(found.group(2))
        except ValueError:
            raise _not_a_period(cleaned) from None
        if end < start:
            raise ValueError(
                f"The period '{cleaned}' ends before it starts; write the earlier date first."
            )
        return Period(start, end, PeriodKind.RANGE)
    raise _not_a_period(cleaned)
