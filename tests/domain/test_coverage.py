"""Coverage: UCs backing services, SLAs without UCs in force, gaps before the SLA ends."""

from datetime import date

import pytest
from domain_factories import AS_OF, agency, contract, service, sla, supplier, uc

from rekanan.domain.alert import AlertKind, Severity
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.coverage import ucs_backing, uncovered_from
from rekanan.domain.index import AgencyIndex
from rekanan.models.enums import ContractStatus, RenewalKind

D = date


@pytest.mark.parametrize(
    ("intervals", "need_from", "need_until", "expected"),
    [
        ([], D(2026, 1, 1), D(2026, 12, 31), D(2026, 1, 1)),
        ([(D(2026, 1, 1), D(2026, 12, 31))], D(2026, 1, 1), D(2026, 12, 31), None),
        # A UC ending the day the SLA ends leaves no gap.
        ([(D(2026, 1, 1), D(2026, 12, 31))], D(2026, 11, 23), D(2026, 12, 31), None),
        # One day short.
        ([(D(2026, 1, 1), D(2026, 12, 30))], D(2026, 11, 23), D(2026, 12, 31), D(2026, 12, 31)),
        # Successor starts the day after: covered.
        (
            [(D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 7, 1), D(2026, 12, 31))],
            D(2026, 1, 1),
            D(2026, 12, 31),
            None,
        ),
        # Successor leaves a hole of two days.
        (
            [(D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 7, 3), D(2026, 12, 31))],
            D(2026, 1, 1),
            D(2026, 12, 31),
            D(2026, 7, 1),
        ),
        # Overlapping and open-ended.
        (
            [(D(2026, 1, 1), D(2026, 8, 31)), (D(2026, 3, 1), None)],
            D(2026, 1, 1),
            None,
            None,
        ),
        ([(D(2026, 1, 1), D(2026, 8, 31))], D(2026, 1, 1), None, D(2026, 9, 1)),
        # Nothing until the UC starts.
        ([(D(2026, 3, 1), D(2026, 12, 31))], D(2026, 1, 1), D(2026, 12, 31), D(2026, 1, 1)),
    ],
)
def test_uncovered_from(intervals, need_from, need_until, expected) -> None:
    assert uncovered_from(intervals, need_from, need_until) == expected


def _data(*contracts, slas=None, **kw):
    return agency(
        suppliers=[supplier(1), supplier(2)],
        services=[service(1)],
        slas=slas if slas is not None else [sla(1, 1, valid_until=D(2027, 2, 28))],
        contracts=contracts,
        **kw,
    )


def test_ucs_backing_on_a_date() -> None:
    data = _data(
        uc(1, end_date=D(2026, 12, 31)),
        uc(2, start_date=D(2027, 1, 1), end_date=D(2027, 12, 31), status=ContractStatus.DRAFT),
        uc(3, end_date=D(2026, 6, 30)),
    )
    index = AgencyIndex.build(data)
    assert [c.id for c, _ in ucs_backing(index, 1, AS_OF)] == [1]
    assert [c.id for c, _ in ucs_backing(index, 1, D(2026, 3, 1))] == [1, 3]


def test_last_uc_ends_before_the_sla_without_successor() -> None:
    alerts = compute_alerts(_data(uc(1, end_date=D(2026, 12, 31))), AS_OF, language="en")
    (gap,) = [a for a in alerts if a.kind == AlertKind.COVERAGE_GAP]
    assert gap.due == D(2027, 1, 1)
    assert gap.days_left == 39
    assert gap.severity == Severity.WARNING
    assert gap.contract_number == "602.1/001/KTR/2026"
    assert gap.service_code == "SVC1"
    assert "uncovered from 1 Jan 2027" in gap.reasons[-1]
    assert gap.key == "coverage_gap:service:1:-:2027-01-01"


def test_registered_successor_closes_the_gap() -> None:
    successor = uc(
        2,
        supplier_id=2,
        start_date=D(2027, 1, 1),
        end_date=D(2027, 12, 31),
        status=ContractStatus.DRAFT,
    )
    alerts = compute_alerts(_data(uc(1, end_date=D(2026, 12, 31)), successor), AS_OF)
    assert not [a for a in alerts if a.kind == AlertKind.COVERAGE_GAP]


def test_uc_ending_the_day_the_sla_ends() -> None:
    data = _data(uc(1, end_date=D(2026, 12, 31)), slas=[sla(1, 1, valid_until=D(2026, 12, 31))])
    kinds = {a.kind for a in compute_alerts(data, AS_OF)}
    assert AlertKind.COVERAGE_GAP not in kinds and AlertKind.SLA_UNBACKED not in kinds


def test_tacit_uc_with_renewals_left_keeps_covering() -> None:
    data = _data(uc(1, end_date=D(2026, 12, 31), renewal_kind=RenewalKind.TACIT, max_renewals=1))
    assert not [a for a in compute_alerts(data, AS_OF) if a.kind == AlertKind.COVERAGE_GAP]


def test_sla_without_uc_in_force() -> None:
    data = _data(uc(1, end_date=D(2026, 10, 31)))
    (alert,) = [a for a in compute_alerts(data, AS_OF) if a.kind == AlertKind.SLA_UNBACKED]
    assert alert.severity == Severity.CRITICAL
    assert alert.due == D(2026, 11, 1) and alert.days_left == -22
    assert any("berakhir 31 Okt 2026" in r for r in alert.reasons)


def test_each_component_must_be_backed() -> None:
    data = _data(
        uc(1, component="internet", end_date=D(2027, 12, 31)),
        uc(2, component="internet", supplier_id=2, end_date=D(2026, 12, 15)),
        uc(3, component="colocation", end_date=D(2026, 12, 15)),
    )
    gaps = [a for a in compute_alerts(data, AS_OF) if a.kind == AlertKind.COVERAGE_GAP]
    assert [(g.key, g.due) for g in gaps] == [
        ("coverage_gap:service:1:colocation:2026-12-16", D(2026, 12, 16))
    ]
    assert gaps[0].severity == Severity.CRITICAL


def test_gaps_beyond_the_horizon_wait() -> None:
    data = _data(uc(1, end_date=D(2027, 6, 30)), slas=[sla(1, 1, valid_until=D(2027, 12, 31))])
    assert not [a for a in compute_alerts(data, AS_OF) if a.kind == AlertKind.COVERAGE_GAP]


def test_non_underpinning_contracts_do_not_cover() -> None:
    data = _data(contract(1, end_date=D(2027, 6, 30)))
    assert not [a for a in compute_alerts(data, AS_OF) if a.kind == AlertKind.SLA_UNBACKED]
