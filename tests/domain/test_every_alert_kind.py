"""One small agency, as of 23 Nov 2026, that raises every alert kind at least once.

It doubles as a recipe for the demo seed: each block says which facts raise which kind.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from domain_factories import (
    agency,
    contract,
    grace,
    incident,
    letter,
    sanction,
    service,
    sla,
    supplier,
    uc,
)

from rekanan.domain.alert import AlertKind, Severity
from rekanan.domain.alerts import compute_alerts
from rekanan.models.enums import ContractStatus, RenewalKind, WarningLevel

AS_OF = date(2026, 11, 23)


def demo_like():
    return agency(
        suppliers=[
            supplier(1, name="PT Telekomunikasi Nusantara"),
            supplier(2, name="CV Data Prima"),
            supplier(3, name="PT Cahaya Komputindo"),
            supplier(4, name="Budi Santoso", npwp=None),  # data_incomplete: no NPWP
        ],
        services=[service(1, code="LAPOR", name="LAPOR!"), service(2, code="WEB", name="Web")],
        slas=[
            # sla_target_gap: 99.5 % promised, the link UC only 99.0 %.
            sla(1, 1, availability_pct=Decimal("99.5"), valid_until=date(2027, 6, 30)),
            # sla_unbacked: the web SLA runs, its only UC ended in October.
            sla(2, 2, valid_until=date(2027, 12, 31)),
        ],
        contracts=[
            # coverage_gap + renewal_decision (UC) + contract_expiring: ends 31 Dec, no successor.
            uc(
                1,
                service_id=1,
                component="link",
                availability_pct=Decimal("99.0"),
                end_date=date(2026, 12, 31),
                renewal_kind=RenewalKind.EXPRESS,
            ),
            uc(
                2,
                service_id=2,
                supplier_id=2,
                availability_pct=Decimal("99"),
                end_date=date(2026, 10, 31),
            ),
            # notice_deadline: tacit renewal, notice by 1 Jan 2027 (Tahun Baru -> 31 Dec).
            contract(
                3,
                supplier_id=2,
                end_date=date(2027, 1, 31),
                renewal_kind=RenewalKind.TACIT,
                max_renewals=3,
            ),
            # penalty_cap + grace_period + blacklist_risk: 45 days late, 50 grace days, SP3.
            contract(
                4, supplier_id=3, end_date=AS_OF - timedelta(days=45), value=Decimal("200000000")
            ),
            # data_incomplete: contract without end date.
            contract(5, supplier_id=4, end_date=None),
            # sanctioned_supplier: supplier 2 is blacklisted yet holds contract 3.
        ],
        graces=[grace(1, 4, 50, AS_OF - timedelta(days=45))],
        warning_letters=[letter(1, 4, WarningLevel.SP3, date(2026, 11, 2))],
        incidents=[
            incident(1, 1, datetime(2026, 11, 9, 8), datetime(2026, 11, 9, 12), contract_id=1)
        ],
        sanctions=[sanction(1, 2, date(2026, 9, 1), date(2027, 8, 31))],
    )


def test_every_kind_is_raised() -> None:
    alerts = compute_alerts(demo_like(), AS_OF)
    found = {a.kind for a in alerts}
    assert found == set(AlertKind), sorted(set(AlertKind) - found)
    assert {a.severity for a in alerts} == set(Severity)


def test_every_kind_in_english_too() -> None:
    alerts = compute_alerts(demo_like(), AS_OF, language="en")
    assert {a.kind for a in alerts} == set(AlertKind)
    assert all(a.reasons for a in alerts)


def test_no_duplicate_keys_and_stable_order() -> None:
    first = compute_alerts(demo_like(), AS_OF)
    second = compute_alerts(demo_like(), AS_OF)
    assert [a.key for a in first] == [a.key for a in second]
    assert len({a.key for a in first}) == len(first)


def test_terminated_contract_is_quiet() -> None:
    data = demo_like()
    quiet = [c for c in data.contracts if c.id != 4] + [
        contract(
            4, supplier_id=3, end_date=AS_OF - timedelta(days=45), status=ContractStatus.TERMINATED
        )
    ]
    alerts = compute_alerts(agency(**{**_fields(data), "contracts": quiet}), AS_OF)
    assert not [a for a in alerts if a.kind in (AlertKind.PENALTY_CAP, AlertKind.GRACE_PERIOD)]


def _fields(data):
    return {name: getattr(data, name) for name in data.__dataclass_fields__}
