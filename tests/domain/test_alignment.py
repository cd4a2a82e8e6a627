"""SLA/UC alignment: series and redundant availability, times with margin, 24x7."""

from datetime import date
from decimal import Decimal

import pytest
from domain_factories import ALWAYS, AS_OF, OFFICE, agency, service, sla, supplier, uc

from rekanan.domain.alert import AlertKind, Severity
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.alignment import redundant, series
from rekanan.domain.records import ServiceLink
from rekanan.models.enums import Criticality

P = Decimal


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([P("99.9"), P("99.8")], P("99.7002")),
        ([P("99.0"), P("99.9")], P("98.901")),
        ([P("100")], P("100")),
        ([], P("100")),
    ],
)
def test_series(values, expected) -> None:
    assert series(values) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([P("99"), P("99")], P("99.99")),
        ([P("90"), P("95")], P("99.5")),
        ([P("99.5")], P("99.5")),
    ],
)
def test_redundant(values, expected) -> None:
    assert redundant(values) == expected


def _gaps(*contracts, target="99.5", criticality=Criticality.MEDIUM, **sla_kw):
    data = agency(
        suppliers=[supplier(1), supplier(2)],
        services=[service(1, criticality=criticality)],
        slas=[sla(1, 1, availability_pct=P(target), **sla_kw)],
        contracts=contracts,
    )
    return [
        a for a in compute_alerts(data, AS_OF, language="en") if a.kind == AlertKind.SLA_TARGET_GAP
    ]


def test_series_availability_below_the_sla() -> None:
    (gap,) = _gaps(
        uc(1, component="link", availability_pct=P("99.0")),
        uc(2, component="dc", supplier_id=2, availability_pct=P("99.9")),
    )
    assert gap.extra["uc_value"] == "98.901"
    assert gap.extra["shortfall"] == "0.599"
    assert gap.contract_id == 1  # the weakest UC is named
    assert "99.5%" in gap.reasons[0] and "98.901%" in gap.reasons[0]
    assert "short by 0.599 points" in gap.reasons[0]
    assert gap.severity == Severity.WARNING
    assert gap.due is None


def test_redundant_links_reach_the_sla() -> None:
    assert not _gaps(
        uc(1, component="link", availability_pct=P("99.0")),
        uc(2, component="link", supplier_id=2, availability_pct=P("99.0")),
        target="99.9",
    )


def test_unnamed_components_are_in_series() -> None:
    gaps = _gaps(
        uc(1, availability_pct=P("99.9")),
        uc(2, supplier_id=2, availability_pct=P("99.9")),
        target="99.9",
        criticality=Criticality.CRITICAL,
    )
    assert len(gaps) == 1 and gaps[0].severity == Severity.CRITICAL


def test_unknown_availability_is_not_judged() -> None:
    assert not _gaps(uc(1, availability_pct=None), uc(2, availability_pct=P("99.99")))


@pytest.mark.parametrize(
    ("sla_hours", "uc_hours", "margin_gap"),
    [
        (P("4"), P("3"), None),  # 3 + 1 margin = 4 fits exactly
        (P("4"), P("8"), "5"),  # 8 + 1 = 9, over by 5
        (P("4"), P("3.5"), "0.5"),
    ],
)
def test_resolution_time_with_margin(sla_hours, uc_hours, margin_gap) -> None:
    gaps = _gaps(uc(1, resolution_hours=uc_hours), resolution_hours=sla_hours)
    if margin_gap is None:
        assert not gaps
    else:
        (gap,) = gaps
        assert gap.extra["metric"] == "resolution"
        assert gap.extra["shortfall"] == margin_gap
        assert "internal margin 1 h" in gap.reasons[0]


def test_response_time() -> None:
    (gap,) = _gaps(uc(1, response_hours=P("2")), response_hours=P("2"))
    assert gap.extra["metric"] == "response" and gap.extra["shortfall"] == "1"


@pytest.mark.parametrize(
    ("sla_hours", "uc_hours", "gap"),
    [
        (ALWAYS, OFFICE, True),
        (ALWAYS, ALWAYS, False),
        (OFFICE, OFFICE, False),
        (ALWAYS, None, False),
    ],
)
def test_24x7_needs_24x7(sla_hours, uc_hours, gap) -> None:
    gaps = _gaps(uc(1, service_hours=uc_hours), service_hours=sla_hours)
    assert bool(gaps) is gap


def test_only_ucs_in_force_count() -> None:
    assert not _gaps(uc(1, availability_pct=P("90"), end_date=date(2026, 10, 1)))


def test_uc_backing_two_services() -> None:
    both = uc(
        1,
        availability_pct=P("99"),
        services=(ServiceLink(1, None), ServiceLink(2, None)),
    )
    data = agency(
        services=[service(1), service(2)],
        slas=[sla(1, 1, availability_pct=P("99.5")), sla(2, 2, availability_pct=P("98"))],
        contracts=[both],
    )
    gaps = [a for a in compute_alerts(data, AS_OF) if a.kind == AlertKind.SLA_TARGET_GAP]
    assert [g.service_id for g in gaps] == [1]


def test_one_alert_per_sla_and_uc_with_every_gap() -> None:
    (gap,) = _gaps(
        uc(1, response_hours=P("4"), service_hours=OFFICE),
        response_hours=P("2"),
        service_hours=ALWAYS,
    )
    assert gap.title == "UC misses 2 SLA targets: Layanan 1"
    assert [g["metric"] for g in gap.extra["gaps"]] == ["response", "service_hours"]
    assert len(gap.reasons) == 2
