"""Blacklist risk: grounds, points, reasons in both languages, alerts."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from domain_factories import (
    ALWAYS,
    AS_OF,
    agency,
    contract,
    evaluation,
    grace,
    incident,
    letter,
    service,
    sla,
    uc,
)

from rekanan.domain.alert import AlertKind, Severity
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.index import AgencyIndex
from rekanan.domain.risk import supplier_risk
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus, WarningLevel

LIMITS = Thresholds()


def _risk(data, as_of=AS_OF):
    return supplier_risk(AgencyIndex.build(data), 1, as_of, LIMITS)


def test_no_grounds_no_risk() -> None:
    risk = _risk(agency(contracts=[contract(1)]))
    assert risk.score == 0 and risk.reasons == ()


def test_highest_letter_counts_once() -> None:
    data = agency(
        contracts=[contract(1, number="602.1/12/KTR/2026")],
        warning_letters=[
            letter(1, 1, WarningLevel.SP1, date(2026, 9, 1)),
            letter(2, 1, WarningLevel.SP3, date(2026, 10, 12)),
            letter(3, 1, WarningLevel.SP2, date(2026, 9, 20)),
        ],
    )
    risk = _risk(data)
    assert risk.score == 45
    (reason,) = risk.reasons
    assert reason.text_id.startswith("SP3 diterbitkan 12 Okt 2026 untuk kontrak 602.1/12/KTR/2026")
    assert "Perpres 16/2018 Pasal 78" in reason.text_id
    assert "daftar hitam 1 tahun" in reason.text_id
    assert reason.text_en.startswith("SP3 issued 12 Oct 2026 for contract 602.1/12/KTR/2026")
    # A letter older than a year no longer counts.
    assert _risk(data, as_of=date(2027, 10, 13)).score == 0


def test_grounds_add_up_and_cap_at_100() -> None:
    end = AS_OF - timedelta(days=50)
    data = agency(
        contracts=[
            contract(1, end_date=end, value=Decimal("100000000")),
            contract(
                2,
                status=ContractStatus.TERMINATED,
                terminated_for_fault=True,
                termination_date=date(2026, 6, 1),
            ),
        ],
        graces=[grace(1, 1, 50, end)],
        warning_letters=[letter(1, 1, WarningLevel.SP2, date(2026, 10, 1))],
    )
    risk = _risk(data)
    grounds = {r.ground: r.points for r in risk.reasons}
    assert grounds == {
        "termination": 60,
        "warning_letter": 30,
        "penalty": 25,  # 50 days x 1 per mille = 5 %: at the cap
        "grace": 20,
    }
    assert risk.score == 100
    assert risk.reasons[0].ground == "termination"


def test_consecutive_poor_evaluations() -> None:
    evaluations = [
        evaluation(1, 1, date(2026, 1, 1), date(2026, 3, 31), (3, 3, 3, 3)),
        evaluation(2, 1, date(2026, 4, 1), date(2026, 6, 30), (1, 1, 1, 1)),
        evaluation(3, 1, date(2026, 7, 1), date(2026, 9, 30), (1, 2, 1, 2)),
    ]
    risk = _risk(agency(contracts=[contract(1)], evaluations=evaluations))
    (reason,) = risk.reasons
    assert reason.ground == "evaluations" and reason.points == 10
    assert "2 consecutive" in reason.text_en and "Cukup" in reason.text_en


def test_sla_breach_streak() -> None:
    incidents = [
        incident(i, 1, datetime(2026, m, 10, 8), datetime(2026, m, 12, 8), contract_id=1)
        for i, m in enumerate((9, 10, 11), start=1)
    ]
    data = agency(
        services=[service(1)],
        slas=[sla(1, 1)],
        contracts=[uc(1, resolution_hours=Decimal("4"), service_hours=ALWAYS)],
        incidents=incidents,
    )
    risk = _risk(data)
    (reason,) = risk.reasons
    assert reason.ground == "breaches" and reason.points == 15
    assert "2026-09, 2026-10, 2026-11" in reason.text_id


def test_alert_levels() -> None:
    data = agency(
        contracts=[contract(1)],
        warning_letters=[letter(1, 1, WarningLevel.SP3, date(2026, 10, 12))],
    )
    (alert,) = [a for a in compute_alerts(data, AS_OF) if a.kind == AlertKind.BLACKLIST_RISK]
    assert alert.severity == Severity.WARNING
    assert alert.title == "Risiko daftar hitam 45/100: PT Pemasok 1"
    assert alert.key == "blacklist_risk:supplier:1:warning"
    assert alert.contract_id == 1
    quiet = agency(
        contracts=[contract(1)],
        warning_letters=[letter(1, 1, WarningLevel.SP1, date(2026, 10, 12))],
    )
    assert not [a for a in compute_alerts(quiet, AS_OF) if a.kind == AlertKind.BLACKLIST_RISK]
