"""The Indonesian working calendar: holidays, cuti bersama, agency days off, office hours."""

from datetime import date, datetime, time

import pytest

from rekanan.domain.calendar import WorkingCalendar, national_holidays
from rekanan.models.enums import ServiceHours

CAL = WorkingCalendar.for_agency([date(2026, 11, 25)])


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 23), True),  # Monday
        (date(2026, 11, 21), False),  # Saturday
        (date(2026, 11, 22), False),  # Sunday
        (date(2026, 8, 17), False),  # Hari Kemerdekaan
        (date(2026, 3, 20), False),  # cuti bersama Idul Fitri
        (date(2026, 12, 24), False),  # cuti bersama Natal
        (date(2026, 11, 25), False),  # agency day off
        (date(2028, 2, 29), True),  # leap day, a Tuesday
    ],
)
def test_working_days(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_holiday_names_are_indonesian() -> None:
    assert "Kemerdekaan" in (CAL.holiday_name(date(2026, 8, 17)) or "")
    assert "Cuti Bersama" in (CAL.holiday_name(date(2026, 12, 24)) or "")
    assert CAL.holiday_name(date(2026, 11, 25)) == "Libur dinas"
    assert CAL.holiday_name(date(2026, 11, 23)) is None
    assert date(2026, 1, 1) in national_holidays(2026)


@pytest.mark.parametrize(
    ("day", "previous", "following"),
    [
        (date(2026, 8, 17), date(2026, 8, 14), date(2026, 8, 18)),
        (date(2026, 8, 16), date(2026, 8, 14), date(2026, 8, 18)),
        (date(2026, 12, 25), date(2026, 12, 23), date(2026, 12, 28)),
        (date(2026, 11, 23), date(2026, 11, 23), date(2026, 11, 23)),
    ],
)
def test_previous_and_next_working_day(day: date, previous: date, following: date) -> None:
    assert CAL.previous_working_day(day) == previous
    assert CAL.next_working_day(day) == following


@pytest.mark.parametrize(
    ("start", "end", "office_hours", "always_hours"),
    [
        # Friday 15:00 to Monday 09:00: one office hour each side of the weekend.
        (datetime(2026, 11, 20, 15), datetime(2026, 11, 23, 9), 2, 66),
        # Over Christmas cuti bersama, Natal and a weekend.
        (datetime(2026, 12, 23, 15), datetime(2026, 12, 28, 9), 2, 114),
        # Entirely at night.
        (datetime(2026, 11, 23, 18), datetime(2026, 11, 24, 7), 0, 13),
        # Entirely on a Saturday.
        (datetime(2026, 11, 21, 8), datetime(2026, 11, 21, 16), 0, 8),
        # A whole working week.
        (datetime(2026, 11, 16, 0), datetime(2026, 11, 21, 0), 40, 120),
        (datetime(2026, 11, 23, 10), datetime(2026, 11, 23, 10), 0, 0),
    ],
)
def test_downtime_in_service_hours(start, end, office_hours, always_hours) -> None:
    assert CAL.service_seconds(start, end, ServiceHours.OFFICE) == office_hours * 3600
    assert CAL.service_seconds(start, end, ServiceHours.ALWAYS) == always_hours * 3600


def test_window_seconds() -> None:
    # November 2026: 21 weekdays, one agency day off (25th) -> 20 working days.
    assert CAL.window_seconds(date(2026, 11, 1), date(2026, 11, 30), ServiceHours.OFFICE) == (
        20 * 8 * 3600
    )
    assert CAL.window_seconds(date(2026, 11, 1), date(2026, 11, 30), ServiceHours.ALWAYS) == (
        30 * 86400
    )


def test_office_hours_are_configurable() -> None:
    short = WorkingCalendar.for_agency(office_start=time(7, 30), office_end=time(15, 0))
    assert short.office_seconds_per_day() == 7.5 * 3600
