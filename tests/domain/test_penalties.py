"""Late-completion penalties against the cap, and grace extensions against 50 days."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from domain_factories import AS_OF, agency, contract, grace, penalty

from rekanan.domain.alert import AlertKind, Severity
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.penalties import penalty_status
from rekanan.models.enums import ContractStatus

M = Decimal
VALUE = M("100000000")  # Rp100 juta: 1 per mille = Rp100.000 a day, cap 5 % = Rp5.000.000


def late(days_late: int, **kw):
    """A contract that ended ``days_late`` days before AS_OF, with a grace extension."""
    end = AS_OF - timedelta(days=days_late)
    record = contract(start_date=date(2026, 1, 1), end_date=end, value=VALUE, **kw)
    return record, [grace(1, 1, 50, end)]


@pytest.mark.parametrize(
    ("days_late", "total", "share", "cap_day"),
    [
        (10, "1000000", "0.2", AS_OF + timedelta(days=40)),
        (40, "4000000", "0.8", AS_OF + timedelta(days=10)),
        (50, "5000000", "1", None),  # exactly at the cap
        (60, "6000000", "1.2", None),
    ],
)
def test_running_total(days_late, total, share, cap_day) -> None:
    record, graces = late(days_late)
    status = penalty_status(record, [], graces, AS_OF)
    assert status.daily == M("100000")
    assert status.days_late == days_late
    assert status.total == M(total)
    assert status.cap == M("5000000")
    assert status.share == M(share)
    assert status.cap_day == cap_day
    assert status.at_cap is (M(share) >= 1)


def test_recorded_penalty_of_the_late_part() -> None:
    record, graces = late(20)
    recorded = [penalty(1, 1, "300000", days=10, base_amount=M("30000000"), imposed_on=AS_OF)]
    status = penalty_status(record, recorded, graces, AS_OF)
    # 10 days recorded on the late part; 10 more days accrue at 1 per mille of Rp30 juta.
    assert status.base == M("30000000")
    assert status.daily == M("30000")
    assert status.total == M("300000") + M("300000")


def test_bond_is_the_cap() -> None:
    record, graces = late(10, performance_bond=M("2000000"))
    status = penalty_status(record, [], graces, AS_OF)
    assert status.cap == M("2000000") and status.cap_from_bond
    assert status.share == M("0.5")


def test_completed_late_stops_the_count() -> None:
    record, graces = late(30, completed_on=AS_OF - timedelta(days=10))
    status = penalty_status(record, [], graces, AS_OF)
    assert status.finished and status.days_late == 20 and status.cap_day is None


def test_expired_contract_without_grace_or_penalty_is_not_late() -> None:
    record = contract(end_date=date(2026, 6, 30), value=VALUE)
    status = penalty_status(record, [], [], AS_OF)
    assert status.days_late == 0 and status.total == 0


@pytest.mark.parametrize(
    ("days_late", "severity", "level"),
    [(30, None, None), (40, Severity.WARNING, "near"), (50, Severity.CRITICAL, "cap")],
)
def test_penalty_cap_alerts(days_late, severity, level) -> None:
    record, graces = late(days_late)
    alerts = compute_alerts(agency(contracts=[record], graces=graces), AS_OF)
    found = [a for a in alerts if a.kind == AlertKind.PENALTY_CAP]
    if severity is None:
        assert not found
        return
    (alert,) = found
    assert alert.severity == severity
    assert alert.key == f"penalty_cap:contract:1:{level}"
    assert "Rp5.000.000" in alert.reasons[0]
    assert any("1‰" in r and "Rp100.000" in r for r in alert.reasons)


@pytest.mark.parametrize(
    ("days_late", "granted", "severity", "days_left"),
    [
        (30, 50, None, None),
        (40, 50, Severity.WARNING, 10),
        (48, 50, Severity.CRITICAL, 2),
        (55, 50, Severity.CRITICAL, -5),
    ],
)
def test_grace_period_alerts(days_late, granted, severity, days_left) -> None:
    end = AS_OF - timedelta(days=days_late)
    record = contract(end_date=end, value=M("1000"))
    alerts = compute_alerts(
        agency(contracts=[record], graces=[grace(1, 1, granted, end)]), AS_OF, language="en"
    )
    found = [a for a in alerts if a.kind == AlertKind.GRACE_PERIOD]
    if severity is None:
        assert not found
        return
    (alert,) = found
    assert alert.severity == severity and alert.days_left == days_left
    assert alert.due == end + timedelta(days=granted)
    assert any("All 50 days are used" in r for r in alert.reasons)


def test_terminated_contracts_raise_no_penalty_alert() -> None:
    record, graces = late(60, status=ContractStatus.TERMINATED)
    assert not compute_alerts(agency(contracts=[record], graces=graces), AS_OF)
