"""Measured service levels: downtime in service hours, breaches, mean time to resolve."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from domain_factories import ALWAYS, OFFICE, agency, incident, service, sla, uc

from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.index import AgencyIndex
from rekanan.domain.periods import parse_period
from rekanan.domain.service_levels import Targets, measure, service_level, uc_level

CAL = WorkingCalendar()
NOV = (date(2026, 11, 1), date(2026, 11, 30))
WEEKEND = incident(
    1,
    1,
    datetime(2026, 11, 20, 15),
    datetime(2026, 11, 23, 9),
    responded_at=datetime(2026, 11, 20, 15, 30),
)


@pytest.mark.parametrize(
    ("hours", "window_h", "down_h", "availability", "resolution_breach"),
    [
        # Office hours: 21 working days x 8 h; one hour on Friday, one on Monday.
        (OFFICE, 168, 2, Decimal("98.810"), 0),
        # 24x7: the whole weekend counts.
        (ALWAYS, 720, 66, Decimal("90.833"), 1),
    ],
)
def test_downtime_across_a_weekend(hours, window_h, down_h, availability, resolution_breach):
    level = measure([WEEKEND], *NOV, Targets(hours, Decimal("98"), Decimal("1"), Decimal("4")), CAL)
    assert level.window_seconds == window_h * 3600
    assert level.downtime_seconds == down_h * 3600
    assert level.availability_pct == availability
    assert level.availability_met is (availability >= 98)
    assert level.response_breaches == 0
    assert level.resolution_breaches == resolution_breach
    assert level.mttr_hours == Decimal("66.00")  # wall-clock
    assert level.incidents == 1


def test_overlapping_incidents_are_not_counted_twice() -> None:
    a = incident(1, 1, datetime(2026, 11, 23, 9), datetime(2026, 11, 23, 12))
    b = incident(2, 1, datetime(2026, 11, 23, 10), datetime(2026, 11, 23, 13))
    level = measure([a, b], *NOV, Targets(OFFICE), CAL)
    assert level.downtime_seconds == 4 * 3600


def test_incidents_without_downtime_only_count_for_breaches() -> None:
    a = incident(1, 1, datetime(2026, 11, 23, 9), datetime(2026, 11, 24, 9), causes_downtime=False)
    level = measure([a], *NOV, Targets(OFFICE, resolution_hours=Decimal("4")), CAL)
    assert level.downtime_seconds == 0
    assert level.resolution_breaches == 1  # 7 h + 1 h of office time > 4 h
    assert level.incidents_with_targets == 1 and level.incidents_met == 0


def test_open_incident_counts_to_the_end_of_the_window() -> None:
    a = incident(1, 1, datetime(2026, 11, 30, 14), None)
    level = measure([a], *NOV, Targets(OFFICE, resolution_hours=Decimal("1")), CAL)
    assert level.downtime_seconds == 2 * 3600
    assert level.resolution_breaches == 1
    assert level.mttr_hours is None


def test_incident_starting_before_the_window() -> None:
    a = incident(1, 1, datetime(2026, 10, 31, 0), datetime(2026, 11, 1, 6))
    level = measure([a], *NOV, Targets(ALWAYS), CAL)
    assert level.downtime_seconds == 6 * 3600 and level.incidents == 0


def test_holidays_are_not_service_hours() -> None:
    # 17 August 2026 is a Monday and Hari Kemerdekaan.
    a = incident(1, 1, datetime(2026, 8, 17, 8), datetime(2026, 8, 17, 16))
    level = measure([a], date(2026, 8, 1), date(2026, 8, 31), Targets(OFFICE), CAL)
    assert level.downtime_seconds == 0


def test_per_service_and_per_uc() -> None:
    data = agency(
        services=[service(1, service_hours=ALWAYS)],
        slas=[sla(1, 1, availability_pct=Decimal("99"), service_hours=OFFICE)],
        contracts=[uc(7, availability_pct=Decimal("99.5"), service_hours=ALWAYS)],
        incidents=[
            incident(1, 1, datetime(2026, 11, 20, 15), datetime(2026, 11, 23, 9), contract_id=7),
            incident(2, 1, datetime(2026, 11, 24, 9), datetime(2026, 11, 24, 10)),
        ],
    )
    index = AgencyIndex.build(data)
    period = parse_period("2026-11")
    per_service = service_level(index, 1, period, date(2026, 11, 30))
    assert per_service.targets.hours == OFFICE  # the SLA's hours win over the service's
    assert per_service.downtime_seconds == 3 * 3600
    per_uc = uc_level(index, index.contracts[7], period, date(2026, 11, 30))
    assert per_uc.targets.hours == ALWAYS and per_uc.downtime_seconds == 66 * 3600
    assert per_uc.availability_met is False
    # Up to an earlier as-of date the window is shorter.
    early = service_level(index, 1, period, date(2026, 11, 22))
    assert early.last == date(2026, 11, 22)
    assert early.downtime_seconds == 3600


def test_empty_window() -> None:
    level = measure([], date(2026, 12, 1), date(2026, 11, 30), Targets(OFFICE), CAL)
    assert level.availability_pct is None and level.window_seconds == 0
