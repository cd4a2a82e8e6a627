"""Scorecards: SIKaP value and category, termination for fault, KPIs, band, trend."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from domain_factories import (
    agency,
    contract,
    evaluation,
    grace,
    incident,
    letter,
    penalty,
    service,
    sla,
    supplier,
    uc,
)

from rekanan.domain.periods import parse_period
from rekanan.domain.scorecard import (
    Band,
    Trend,
    category_of,
    final_value,
    supplier_scorecard,
    timeliness_score,
)
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus, WarningLevel

D = Decimal
LIMITS = Thresholds()
AS_OF = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("scores", "value", "category"),
    [
        ((3, 3, 3, 3), "3.00", "Sangat Baik"),
        ((2, 2, 2, 2), "2.00", "Baik"),
        ((3, 1, 3, 1), "2.20", "Baik"),  # 0.9 + 0.2 + 0.9 + 0.2
        ((1, 3, 1, 3), "1.80", "Cukup"),
        ((1, 1, 1, 1), "1.00", "Cukup"),
        ((0, 0, 0, 0), "0.00", "Buruk"),
        ((3, 3, 3, 2), "2.80", "Baik"),
    ],
)
def test_final_value_and_category(scores, value, category) -> None:
    aspects = dict(zip(("quality", "cost", "timeliness", "service"), map(D, scores), strict=True))
    n = final_value(aspects, LIMITS.aspect_weights)
    assert n == D(value)
    assert category_of(n, LIMITS) == category


def test_category_between_zero_and_one_is_buruk() -> None:
    assert category_of(D("0.5"), LIMITS) == "Buruk"


@pytest.mark.parametrize(("days", "score"), [(0, 3), (-3, 3), (1, 2), (50, 2), (51, 1)])
def test_timeliness(days, score) -> None:
    assert timeliness_score(days, LIMITS) == score


def test_weights_are_data() -> None:
    aspects = {"quality": D(3), "cost": D(1), "timeliness": D(1), "service": D(1)}
    equal = dict.fromkeys(aspects, D(1))
    assert final_value(aspects, equal) == D("1.50")


def _card(data, period="2026-Q3", as_of=AS_OF, language="id"):
    return supplier_scorecard(data, 1, parse_period(period), as_of, language=language)


def test_quarter_with_two_contracts() -> None:
    data = agency(
        contracts=[contract(1), contract(2)],
        evaluations=[
            evaluation(1, 1, date(2026, 7, 1), date(2026, 9, 30), (3, 3, 3, 3), contract_id=1),
            evaluation(2, 1, date(2026, 7, 1), date(2026, 9, 30), (2, 2, 2, 2), contract_id=2),
            # Outside the quarter: ignored.
            evaluation(3, 1, date(2026, 1, 1), date(2026, 3, 31), (1, 1, 1, 1), contract_id=2),
        ],
    )
    card = _card(data)
    assert [c.value for c in card.contracts] == [D("3.00"), D("2.00")]
    assert card.value == D("2.50") and card.category == "Baik"
    assert card.band == Band.GREEN


def test_contract_terminated_for_fault_scores_zero() -> None:
    data = agency(
        contracts=[
            contract(
                1,
                status=ContractStatus.TERMINATED,
                terminated_for_fault=True,
                termination_date=date(2026, 8, 15),
            )
        ],
        evaluations=[
            evaluation(1, 1, date(2026, 7, 1), date(2026, 9, 30), (3, 3, 3, 3), contract_id=1)
        ],
    )
    card = _card(data, language="en")
    (score,) = card.contracts
    assert score.terminated_for_fault
    assert score.aspects == dict.fromkeys(("quality", "cost", "timeliness", "service"), D(0))
    assert card.value == D("0.00") and card.category == "Buruk"
    assert card.band == Band.RED
    assert any("terminated for the supplier's fault" in r for r in card.band_reasons)


def test_no_evaluation_means_no_value() -> None:
    card = _card(agency(contracts=[contract(1)]))
    assert card.value is None and card.category is None and card.trend is None
    assert card.band == Band.GREEN


def test_letters_and_penalties_in_the_period_set_the_band() -> None:
    data = agency(
        contracts=[contract(1, end_date=date(2026, 8, 31), value=D("100000000"))],
        graces=[grace(1, 1, 20, date(2026, 8, 31))],
        warning_letters=[letter(1, 1, WarningLevel.SP1, date(2026, 9, 1))],
        penalties=[penalty(1, 1, "500000", days=5, imposed_on=date(2026, 9, 5))],
        evaluations=[evaluation(1, 1, date(2026, 7, 1), date(2026, 9, 30), (2, 2, 2, 2))],
    )
    card = _card(data)
    assert card.band == Band.AMBER
    assert card.penalty_total == D("500000")
    assert [x.level for x in card.letters] == [WarningLevel.SP1]
    # Completed 20 days late: Waktu suggested 2.
    (score,) = card.contracts
    assert score.contract_id is None
    data_sp3 = agency(
        contracts=[contract(1)],
        warning_letters=[letter(1, 1, WarningLevel.SP3, date(2026, 9, 1))],
    )
    assert _card(data_sp3).band == Band.RED


def test_suggested_timeliness_from_lateness() -> None:
    data = agency(
        contracts=[contract(1, end_date=date(2026, 8, 1), completed_on=date(2026, 9, 5))],
        evaluations=[
            evaluation(1, 1, date(2026, 7, 1), date(2026, 9, 30), (3, 3, 3, 3), contract_id=1)
        ],
    )
    (score,) = _card(data).contracts
    assert score.days_late == 35 and score.suggested_timeliness == 2


def test_kpis_of_the_ucs() -> None:
    data = agency(
        services=[service(1)],
        slas=[sla(1, 1)],
        contracts=[
            uc(
                1,
                availability_pct=D("98"),
                resolution_hours=D("4"),
                service_hours=None,
            )
        ],
        incidents=[
            incident(1, 1, datetime(2026, 8, 3, 8), datetime(2026, 8, 3, 10), contract_id=1),
            incident(2, 1, datetime(2026, 8, 4, 8), datetime(2026, 8, 4, 16), contract_id=1),
        ],
    )
    card = _card(data)
    kpis = card.kpis
    assert kpis.incidents == 2 and kpis.breaches == 1
    assert kpis.sla_met_pct == D("50.0")
    assert kpis.mttr_hours == D("5.00")
    assert kpis.availability_pct == D("98.047")  # 10 h down in 512 office hours
    assert kpis.ucs_below_target == 0
    assert card.band == Band.RED  # 50 % within target is under 90 %


def test_trend_and_history() -> None:
    evaluations = [
        evaluation(i, 1, start, end, scores)
        for i, (start, end, scores) in enumerate(
            [
                (date(2026, 4, 1), date(2026, 6, 30), (2, 2, 2, 2)),
                (date(2026, 7, 1), date(2026, 9, 30), (3, 3, 3, 3)),
            ],
            start=1,
        )
    ]
    card = _card(agency(contracts=[contract(1)], evaluations=evaluations))
    assert card.previous_value == D("2.00") and card.trend == Trend.UP
    assert [h.period.label for h in card.history] == [
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
    ]
    assert [h.value for h in card.history][-2:] == [D("2.00"), D("3.00")]


def test_future_evaluations_are_not_seen() -> None:
    data = agency(
        contracts=[contract(1)],
        evaluations=[
            evaluation(
                1,
                1,
                date(2026, 7, 1),
                date(2026, 9, 30),
                (1, 1, 1, 1),
                evaluated_on=date(2026, 12, 1),
            ),
        ],
    )
    assert _card(data).value is None


def test_other_suppliers_are_not_mixed_in() -> None:
    data = agency(
        suppliers=[supplier(1), supplier(2)],
        contracts=[contract(1), contract(2, supplier_id=2)],
        warning_letters=[letter(1, 2, WarningLevel.SP3, date(2026, 9, 1))],
    )
    assert _card(data).band == Band.GREEN
