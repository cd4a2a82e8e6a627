"""Renewal decision, notice deadline and expiry alerts: horizons, daily once passed, snoozes."""

from datetime import date

import pytest
from domain_factories import AS_OF, agency, contract, review, service, snooze, supplier, uc

from rekanan.domain.alert import AlertKind, Severity, horizon_severity
from rekanan.domain.alerts import compute_alerts, filter_alerts
from rekanan.models.enums import ContractStatus, RenewalKind, ReviewDecisionKind, SupplierCategory


def kinds(alerts, kind):
    return [a for a in alerts if a.kind == kind]


@pytest.mark.parametrize(
    ("days_left", "severity"),
    [
        (120, None),
        (91, None),
        (90, Severity.INFO),
        (31, Severity.INFO),
        (30, Severity.WARNING),
        (8, Severity.WARNING),
        (7, Severity.CRITICAL),
        (0, Severity.CRITICAL),
        (-1, Severity.CRITICAL),
        (-400, Severity.CRITICAL),
    ],
)
def test_horizons(days_left, severity) -> None:
    assert horizon_severity(days_left, (90, 60, 30, 7)) == severity


def test_tacit_contract_notice_and_decision() -> None:
    record = contract(
        end_date=date(2027, 1, 31),
        notice_days=30,
        renewal_kind=RenewalKind.TACIT,
        max_renewals=2,
    )
    alerts = compute_alerts(agency(contracts=[record]), AS_OF)
    (notice,) = kinds(alerts, AlertKind.NOTICE_DEADLINE)
    # 1 Jan 2027 is Tahun Baru: notice must go out on Thursday 31 Dec 2026.
    assert notice.due == date(2026, 12, 31)
    assert notice.days_left == 38
    assert notice.severity == Severity.INFO
    assert notice.key == "notice_deadline:contract:1:2027-01-01"
    assert any("Tahun Baru" in r for r in notice.reasons)
    assert any("diperpanjang otomatis 12 bulan" in r for r in notice.reasons)
    (decision,) = kinds(alerts, AlertKind.RENEWAL_DECISION)
    # notice deadline 1 Jan 2027 minus 60 days (operational) = 2 Nov 2026: passed.
    assert decision.due == date(2026, 11, 2)
    assert decision.days_left == -21
    assert decision.severity == Severity.CRITICAL
    assert decision.supplier_name == "PT Pemasok 1"
    assert decision.contract_number == record.number
    assert not kinds(alerts, AlertKind.CONTRACT_EXPIRING)


def test_tacit_at_maximum_expires_instead_of_notice() -> None:
    record = contract(
        end_date=date(2026, 12, 20),
        renewal_kind=RenewalKind.TACIT,
        max_renewals=2,
        renewals_used=2,
    )
    alerts = compute_alerts(agency(contracts=[record]), AS_OF, language="en")
    assert not kinds(alerts, AlertKind.NOTICE_DEADLINE)
    (expiring,) = kinds(alerts, AlertKind.CONTRACT_EXPIRING)
    assert expiring.due == date(2026, 12, 20) and expiring.severity == Severity.WARNING
    assert any("at the maximum (2)" in r for r in expiring.reasons)


def test_expired_but_still_active_alerts_daily() -> None:
    record = contract(end_date=date(2026, 10, 31))
    for as_of in (date(2026, 11, 1), AS_OF, date(2027, 6, 1)):
        (alert,) = compute_alerts(agency(contracts=[record]), as_of)
        assert alert.kind == AlertKind.CONTRACT_EXPIRING
        assert alert.severity == Severity.CRITICAL
        assert alert.days_left == (date(2026, 10, 31) - as_of).days
    # Acting on it (status expired) ends the alert.
    done = contract(end_date=date(2026, 10, 31), status=ContractStatus.EXPIRED)
    assert compute_alerts(agency(contracts=[done]), AS_OF) == []


def test_far_contracts_raise_nothing() -> None:
    record = contract(end_date=date(2028, 12, 31), renewal_kind=RenewalKind.EXPRESS)
    assert compute_alerts(agency(contracts=[record]), AS_OF) == []


def test_underpinning_contract_needs_a_decision() -> None:
    record = uc(1, end_date=date(2027, 3, 31), notice_days=30)
    alerts = compute_alerts(agency(contracts=[record], services=[service(1)]), AS_OF)
    (decision,) = kinds(alerts, AlertKind.RENEWAL_DECISION)
    assert decision.due == date(2026, 12, 31)  # 31 Mar 2027 - 30 - 60 days
    assert decision.service_code == "SVC1"


def test_snooze_hides_until_its_date() -> None:
    record = contract(end_date=date(2026, 12, 10))
    key = "contract_expiring:contract:1:2026-12-10"
    data = agency(contracts=[record], snoozes=[snooze(key, date(2026, 11, 30))])
    assert compute_alerts(data, AS_OF) == []
    (marked,) = compute_alerts(data, AS_OF, include_snoozed=True)
    assert marked.snoozed and marked.snoozed_until == date(2026, 11, 30)
    assert marked.snooze_reason == "menunggu rapat"
    # The snooze runs out: the alert is back.
    (back,) = compute_alerts(data, date(2026, 12, 1))
    assert not back.snoozed
    # A changed end date is a new alert: the old snooze does not hide it.
    moved = contract(end_date=date(2026, 12, 11))
    data = agency(contracts=[moved], snoozes=[snooze(key, date(2026, 11, 30))])
    assert len(compute_alerts(data, AS_OF)) == 1


def test_review_decision_answers_the_renewal_alert() -> None:
    record = contract(end_date=date(2027, 1, 31), renewal_kind=RenewalKind.EXPRESS)
    decided = review(1, 1, date(2026, 11, 10), ReviewDecisionKind.RETENDER)
    alerts = compute_alerts(agency(contracts=[record], reviews=[decided]), AS_OF)
    assert not kinds(alerts, AlertKind.RENEWAL_DECISION)
    assert kinds(alerts, AlertKind.NOTICE_DEADLINE)
    # A decision long before the window does not count.
    old = review(1, 1, date(2025, 1, 10), ReviewDecisionKind.RETENDER)
    alerts = compute_alerts(agency(contracts=[record], reviews=[old]), AS_OF)
    assert kinds(alerts, AlertKind.RENEWAL_DECISION)


def test_defer_decision_puts_alerts_aside() -> None:
    record = contract(end_date=date(2026, 12, 10))
    deferred = review(
        1, 1, date(2026, 11, 20), ReviewDecisionKind.DEFER, defer_until=date(2026, 11, 30)
    )
    data = agency(contracts=[record], reviews=[deferred])
    assert compute_alerts(data, AS_OF) == []
    assert compute_alerts(data, date(2026, 12, 1))


def test_supplier_category_changes_the_decision_date() -> None:
    record = contract(end_date=date(2027, 4, 30), renewal_kind=RenewalKind.EXPRESS)
    strategic = supplier(1, category=SupplierCategory.STRATEGIC)
    (decision,) = kinds(
        compute_alerts(agency(contracts=[record], suppliers=[strategic]), AS_OF),
        AlertKind.RENEWAL_DECISION,
    )
    assert decision.due == date(2026, 12, 1)  # 30 Apr 2027 - 30 - 120 days


def test_filter_alerts() -> None:
    records = [
        contract(1, end_date=date(2026, 11, 1)),
        contract(2, end_date=date(2026, 12, 10)),
        contract(3, end_date=date(2027, 2, 1)),
    ]
    alerts = compute_alerts(agency(contracts=records), AS_OF)
    assert [a.contract_id for a in alerts] == [1, 2, 3]
    assert [a.contract_id for a in filter_alerts(alerts, within_days=30)] == [1, 2]
    assert [a.contract_id for a in filter_alerts(alerts, severity=Severity.CRITICAL)] == [1]
    assert [a.contract_id for a in filter_alerts(alerts, severity=Severity.WARNING)] == [1, 2]
