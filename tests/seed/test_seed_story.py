"""The demo agency tells a coherent story, checked over the LOADED data with the real rules."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest

from rekanan.domain.alert import Alert, AlertKind, Severity
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.contract_dates import LIVE_STATUSES, coverage_end
from rekanan.domain.coverage import ucs_backing
from rekanan.domain.index import AgencyIndex
from rekanan.domain.penalties import penalty_status
from rekanan.domain.records import AgencyData
from rekanan.domain.risk import supplier_risk
from rekanan.domain.sanctions import sanction_running
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import (
    ContractStatus,
    RenewalKind,
    ServiceHours,
    SupplierCategory,
    WarningLevel,
)
from rekanan.store.database import open_database
from rekanan.store.loaders import load_agency

TODAY = date(2026, 11, 23)
"""``SEED_TODAY`` of tests/conftest.py: the day ``seeded_db`` is loaded as of."""


BACKENDS = ["sqlite", *(["postgresql"] if os.environ.get("REKANAN_TEST_PG") else [])]


@pytest.fixture(scope="module", params=BACKENDS)
def data(request: pytest.FixtureRequest, seeded_templates: dict[str, str]) -> AgencyData:
    """The seeded template of each backend, read once (read-only) for all story checks.

    The connection is closed before the tests run, so the template can still be copied.
    """
    database = open_database(seeded_templates[request.param], read_only=True)
    try:
        return load_agency(database)
    finally:
        database.close()


@pytest.fixture
def alerts(data: AgencyData) -> list[Alert]:
    return compute_alerts(data, TODAY)


def _by_kind(alerts: list[Alert], kind: AlertKind) -> list[Alert]:
    return [a for a in alerts if a.kind == kind]


def test_every_alert_kind_and_severity_is_raised(data: AgencyData, alerts: list[Alert]) -> None:
    kinds = {a.kind for a in alerts}
    assert kinds == set(AlertKind), sorted(set(AlertKind) - kinds)
    assert {a.severity for a in alerts} == set(Severity)
    english = compute_alerts(data, TODAY, language="en")
    assert sorted(a.key for a in english) == sorted(a.key for a in alerts)


def test_contracts_due_for_decision_within_30_days(alerts: list[Alert]) -> None:
    upcoming = [
        a
        for a in alerts
        if a.kind in (AlertKind.RENEWAL_DECISION, AlertKind.NOTICE_DEADLINE)
        and a.days_left is not None
        and 0 <= a.days_left <= 30
    ]
    assert len(upcoming) >= 2
    expiring = [
        a
        for a in _by_kind(alerts, AlertKind.CONTRACT_EXPIRING)
        if a.days_left is not None and 0 <= a.days_left <= 30
    ]
    assert len(expiring) >= 3


def test_a_supplier_heads_for_the_blacklist_with_sp1_sp2_sp3(data: AgencyData) -> None:
    index = AgencyIndex.build(data)
    thresholds = Thresholds()
    sanctioned = {s.supplier_id for s in data.sanctions if sanction_running(s, TODAY)}
    at_risk = [
        supplier.id
        for supplier in data.suppliers
        if supplier.id not in sanctioned
        and supplier_risk(index, supplier.id, TODAY, thresholds).score
        >= thresholds.blacklist_risk_critical
    ]
    assert at_risk, "no supplier is heading for the blacklist"
    supplier_id = at_risk[0]
    letters = sorted(
        (
            letter
            for letter in data.warning_letters
            if index.contracts[letter.contract_id].supplier_id == supplier_id
        ),
        key=lambda letter: letter.issued_on,
    )
    assert [letter.level for letter in letters][-3:] == [
        WarningLevel.SP1,
        WarningLevel.SP2,
        WarningLevel.SP3,
    ]
    contract = index.contracts[letters[-1].contract_id]
    status = penalty_status(
        contract,
        index.penalties_by_contract.get(contract.id, ()),
        index.graces_by_contract.get(contract.id, ()),
        TODAY,
    )
    assert status.grace_days == 50 and status.grace_left(TODAY) is not None
    assert 0 <= (status.grace_left(TODAY) or 0) <= 10
    assert status.share is not None and Decimal("0.8") <= status.share < 1


def test_one_supplier_is_under_a_running_blacklist_sanction(
    data: AgencyData, alerts: list[Alert]
) -> None:
    running = [s for s in data.sanctions if sanction_running(s, TODAY)]
    assert len(running) == 1
    sanction = running[0]
    assert sanction.kind.value.startswith("daftar_hitam")
    assert sanction.start_date <= TODAY <= (sanction.end_date or date.max)
    flagged = [
        a
        for a in _by_kind(alerts, AlertKind.SANCTIONED_SUPPLIER)
        if a.supplier_id == sanction.supplier_id and a.severity == Severity.CRITICAL
    ]
    assert flagged, "the sanctioned supplier holds a contract nobody has noticed"
    terminated = [
        c
        for c in data.contracts
        if c.supplier_id == sanction.supplier_id and c.status == ContractStatus.TERMINATED
    ]
    assert terminated and all(c.terminated_for_fault for c in terminated)
    assert all(
        c.termination_date is not None and c.termination_date <= sanction.start_date
        for c in terminated
    ), "the blacklist decree follows the termination"


def test_warning_letters_escalate_in_order(data: AgencyData) -> None:
    by_contract: dict[int, dict[WarningLevel, list[date]]] = defaultdict(lambda: defaultdict(list))
    for letter in data.warning_letters:
        by_contract[letter.contract_id][letter.level].append(letter.issued_on)
    assert any(WarningLevel.SP3 in levels for levels in by_contract.values())
    for levels in by_contract.values():
        if WarningLevel.SP3 in levels:
            assert WarningLevel.SP2 in levels
            assert max(levels[WarningLevel.SP2]) < min(levels[WarningLevel.SP3])
        if WarningLevel.SP2 in levels:
            assert WarningLevel.SP1 in levels
            assert max(levels[WarningLevel.SP1]) < min(levels[WarningLevel.SP2])
    assert all(letter.issued_on <= TODAY for letter in data.warning_letters)


def test_penalties_follow_late_work_and_never_pass_the_cap(data: AgencyData) -> None:
    index = AgencyIndex.build(data)
    assert data.penalties
    recorded: Counter[int] = Counter()
    for penalty in data.penalties:
        contract = index.contracts[penalty.contract_id]
        assert contract.end_date is not None
        assert penalty.days_late > 0 and penalty.amount > 0
        assert penalty.imposed_on > contract.end_date, "a penalty follows the missed end date"
        late_until = contract.completed_on or contract.termination_date or TODAY
        assert (late_until - contract.end_date).days >= penalty.days_late
        daily = contract.value * contract.penalty_rate_per_mille / 1000
        assert penalty.amount <= daily * penalty.days_late
        recorded[contract.id] += 1
    for contract_id in recorded:
        contract = index.contracts[contract_id]
        status = penalty_status(
            contract,
            index.penalties_by_contract[contract_id],
            index.graces_by_contract.get(contract_id, ()),
            TODAY,
        )
        assert status.recorded <= status.cap
        if contract.status in LIVE_STATUSES:
            assert status.total <= status.cap


def test_the_alignment_and_coverage_story(data: AgencyData, alerts: list[Alert]) -> None:
    gaps = _by_kind(alerts, AlertKind.SLA_TARGET_GAP)
    metrics = {gap["metric"] for a in gaps for gap in a.extra.get("gaps", [])}
    assert "availability" in metrics, "one SLA promises more than its UC"
    assert "service_hours" in metrics, "one 24x7 SLA rests on an office-hours UC"
    coming = [a for a in _by_kind(alerts, AlertKind.COVERAGE_GAP) if (a.days_left or 0) > 0]
    assert coming, "one service is about to lose its only UC, with no successor"
    assert _by_kind(alerts, AlertKind.SLA_UNBACKED)


def test_redundant_ucs_back_one_component(data: AgencyData) -> None:
    index = AgencyIndex.build(data)
    redundant = []
    for service in data.services:
        components = Counter(
            component for _, component in ucs_backing(index, service.id, TODAY) if component
        )
        redundant += [(service.code, name) for name, count in components.items() if count > 1]
    assert redundant


def test_a_tacit_renewal_runs_on(data: AgencyData, alerts: list[Alert]) -> None:
    tacit = {c.id for c in data.contracts if c.renewal_kind == RenewalKind.TACIT}
    notices = [a for a in _by_kind(alerts, AlertKind.NOTICE_DEADLINE) if a.contract_id in tacit]
    assert notices and all((a.days_left or 0) >= 0 for a in notices)


def test_contract_statuses_agree_with_their_dates(data: AgencyData) -> None:
    assert len({c.start_date.year for c in data.contracts}) >= 3, "three fiscal years"
    for contract in data.contracts:
        if contract.status == ContractStatus.EXPIRED:
            assert contract.end_date is not None and contract.end_date < TODAY
        if contract.status == ContractStatus.DRAFT:
            assert contract.start_date > TODAY
        if contract.status == ContractStatus.TERMINATED:
            assert contract.termination_date is not None and contract.termination_reason
        if contract.completed_on is not None:
            assert contract.start_date <= contract.completed_on <= TODAY
        if contract.is_underpinning:
            assert contract.services, contract.number
        if contract.performance_bond:
            assert contract.performance_bond == contract.value * Decimal("0.05")


def test_two_years_of_monthly_and_quarterly_evaluations(data: AgencyData) -> None:
    assert min(e.period_start for e in data.evaluations) <= TODAY - timedelta(days=700)
    index = AgencyIndex.build(data)
    for evaluation in data.evaluations:
        assert evaluation.period_end < TODAY
        assert evaluation.period_end <= evaluation.evaluated_on <= TODAY
        scores = (
            evaluation.quality,
            evaluation.cost,
            evaluation.timeliness,
            evaluation.service,
        )
        assert all(0 <= score <= 3 for score in scores)
        if 0 in scores:
            assert evaluation.contract_id is not None
            assert index.contracts[evaluation.contract_id].terminated_for_fault
        supplier = index.suppliers[evaluation.supplier_id]
        if evaluation.contract_id is not None:
            contract = index.contracts[evaluation.contract_id]
            assert contract.supplier_id == supplier.id
            assert evaluation.period_start <= (contract.termination_date or TODAY)
        length = (evaluation.period_end - evaluation.period_start).days
        if supplier.category == SupplierCategory.STRATEGIC:
            assert length <= 31, "strategic suppliers are evaluated monthly"
    for contract in data.contracts:
        if contract.terminated_for_fault:
            own = [e for e in data.evaluations if e.contract_id == contract.id]
            last = max(own, key=lambda e: (e.period_end, e.evaluated_on))
            assert (last.quality, last.cost, last.timeliness, last.service) == (0, 0, 0, 0)
    evaluated = {e.supplier_id for e in data.evaluations}
    assert len(evaluated) >= len(data.suppliers) - 2  # only the newcomers are not evaluated yet


def test_incidents_are_past_and_blamed_on_contracts_that_ran(data: AgencyData) -> None:
    index = AgencyIndex.build(data)
    breaches = 0
    assert len(data.incidents) >= 50
    for incident in data.incidents:
        assert incident.started_at.date() < TODAY
        if incident.responded_at is not None:
            assert incident.responded_at >= incident.started_at
        if incident.resolved_at is not None:
            assert incident.resolved_at >= (incident.responded_at or incident.started_at)
        if incident.contract_id is None:
            continue
        contract = index.contracts[incident.contract_id]
        assert contract.is_underpinning
        assert contract.start_date <= incident.started_at.date()
        runs_until = coverage_end(contract)  # a tacit renewal runs on past its first end
        assert runs_until is None or incident.started_at.date() <= runs_until
        assert incident.service_id in {link.service_id for link in contract.services}
        if contract.resolution_hours is not None and incident.resolved_at is not None:
            hours = (incident.resolved_at - incident.started_at).total_seconds() / 3600
            breaches += hours > float(contract.resolution_hours)
    assert breaches >= 5, "some incidents breach their targets"
    assert any(i.resolved_at is None for i in data.incidents), "one incident is still open"


def test_office_hours_and_24x7_services_both_exist(data: AgencyData) -> None:
    hours = Counter(service.service_hours for service in data.services)
    assert hours[ServiceHours.ALWAYS] and hours[ServiceHours.OFFICE]
    codes = {service.code for service in data.services}
    assert {"LAPOR", "EOFFICE", "INTRA", "CC", "SATUDATA"} <= codes
