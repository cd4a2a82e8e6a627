"""Whatever day the demo is loaded, it looks current: the same story, dated around that day."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from rekanan.domain.alert import AlertKind
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.contract_dates import LIVE_STATUSES
from rekanan.domain.records import AgencyData
from rekanan.domain.sanctions import sanction_running
from rekanan.models.enums import SupplierCategory
from rekanan.store.database import Database
from rekanan.store.loaders import load_agency
from rekanan.store.seed import load_demo

SEED_TODAY = date(2026, 11, 23)
"""The day ``seeded_db`` (tests/conftest.py) is loaded as of."""

OTHER_DAYS = [date(2027, 6, 14), date(2028, 1, 1)]
"""A mid-year Monday and a New Year's Day in a leap year (holidays, month ends)."""


def _facts(data: AgencyData, today: date) -> dict[str, object]:
    """What a person sees first, independent of the calendar date itself."""
    alerts = compute_alerts(data, today)
    return {
        "kinds": Counter(a.kind for a in alerts),
        "severities": Counter(a.severity for a in alerts),
        "live": sum(c.status in LIVE_STATUSES for c in data.contracts),
        "running_sanctions": sum(sanction_running(s, today) for s in data.sanctions),
        "grace_left": sorted(
            a.days_left for a in alerts if a.kind == AlertKind.GRACE_PERIOD and a.days_left
        ),
    }


def _assert_current(data: AgencyData, today: date) -> None:
    latest_incident = max(i.started_at for i in data.incidents)
    assert today - timedelta(days=7) <= latest_incident.date() < today
    strategic = {s.id for s in data.suppliers if s.category == SupplierCategory.STRATEGIC}
    monthly = [e.period_end for e in data.evaluations if e.supplier_id in strategic]
    assert today - timedelta(days=31) <= max(monthly) < today
    quarterly = [e.period_end for e in data.evaluations if e.supplier_id not in strategic]
    assert today - timedelta(days=92) <= max(quarterly) < today
    assert all(e.evaluated_on <= today for e in data.evaluations)
    alerts = compute_alerts(data, today)
    assert {a.kind for a in alerts} == set(AlertKind)
    soon = [
        a
        for a in alerts
        if a.kind == AlertKind.RENEWAL_DECISION and a.days_left is not None
        if 0 <= a.days_left <= 30
    ]
    assert soon, f"no contract is due for decision in the 30 days after {today}"


@pytest.mark.parametrize("other_day", OTHER_DAYS, ids=str)
def test_the_demo_looks_current_on_any_day(
    seeded_db: Database, db: Database, other_day: date
) -> None:
    first = load_agency(seeded_db)
    load_demo(db, other_day)
    second = load_agency(db)
    _assert_current(first, SEED_TODAY)
    _assert_current(second, other_day)
    assert _facts(first, SEED_TODAY) == _facts(second, other_day)
    shift = (other_day - SEED_TODAY).days
    first_starts = sorted(c.start_date + timedelta(days=shift) for c in first.contracts)
    assert first_starts == sorted(c.start_date for c in second.contracts)
