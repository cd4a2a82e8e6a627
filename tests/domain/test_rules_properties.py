"""Property-based: no rule raises on any well-formed agency; scores stay in range."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rekanan.domain.alerts import compute_alerts
from rekanan.domain.index import AgencyIndex
from rekanan.domain.periods import Period, PeriodKind, fiscal_year, month, quarter
from rekanan.domain.records import (
    AgencyData,
    ContractRecord,
    EvaluationRecord,
    GraceRecord,
    IncidentRecord,
    PenaltyRecord,
    ReviewDecisionRecord,
    SanctionRecord,
    ServiceLink,
    ServiceRecord,
    SLARecord,
    SnoozeRecord,
    SupplierRecord,
    WarningLetterRecord,
)
from rekanan.domain.risk import supplier_risk
from rekanan.domain.scorecard import supplier_scorecard
from rekanan.domain.service_levels import service_level, uc_level
from rekanan.domain.text import both, keys
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import (
    ContractStatus,
    Criticality,
    RenewalKind,
    ReviewDecisionKind,
    SanctionStatus,
    ServiceHours,
    SupplierCategory,
    WarningLevel,
)

DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
PCT = st.decimals(min_value=0, max_value=100, places=3)
HOURS = st.one_of(st.none(), st.decimals(min_value=0, max_value=200, places=2))
MONEY = st.decimals(min_value=0, max_value=10**12, places=2)


@st.composite
def spans(draw: st.DrawFn) -> tuple[date, date | None]:
    start = draw(DAYS)
    end = draw(st.one_of(st.none(), st.integers(0, 1500).map(lambda d: start + timedelta(d))))
    return start, end


@st.composite
def agencies(draw: st.DrawFn) -> AgencyData:
    n_sup = draw(st.integers(1, 3))
    n_svc = draw(st.integers(1, 2))
    n_con = draw(st.integers(0, 6))
    suppliers = tuple(
        SupplierRecord(
            i,
            f"PT {i}",
            npwp=draw(st.one_of(st.none(), st.just(f"{i:016d}"))),
            category=draw(st.sampled_from(SupplierCategory)),
            active=draw(st.booleans()),
        )
        for i in range(1, n_sup + 1)
    )
    services = tuple(
        ServiceRecord(
            i,
            f"S{i}",
            f"Layanan {i}",
            criticality=draw(st.sampled_from(Criticality)),
            service_hours=draw(st.sampled_from(ServiceHours)),
        )
        for i in range(1, n_svc + 1)
    )
    slas = []
    for i in range(draw(st.integers(0, 3))):
        start, end = draw(spans())
        slas.append(
            SLARecord(
                i + 1,
                draw(st.integers(1, n_svc)),
                "OPD",
                start,
                end,
                availability_pct=draw(st.one_of(st.none(), PCT)),
                response_hours=draw(HOURS),
                resolution_hours=draw(HOURS),
                service_hours=draw(st.sampled_from(ServiceHours)),
            )
        )
    contracts = []
    for i in range(1, n_con + 1):
        start, end = draw(spans())
        kind = draw(st.sampled_from(RenewalKind))
        status = draw(st.sampled_from(ContractStatus))
        is_uc = draw(st.booleans())
        links = tuple(
            ServiceLink(s, draw(st.sampled_from([None, "link", "dc"])))
            for s in draw(st.sets(st.integers(1, n_svc), max_size=n_svc))
        )
        fault = status == ContractStatus.TERMINATED and draw(st.booleans())
        contracts.append(
            ContractRecord(
                i,
                f"K/{i}",
                f"Kontrak {i}",
                draw(st.integers(1, n_sup)),
                start,
                end,
                is_underpinning=is_uc,
                value=draw(MONEY),
                notice_days=draw(st.integers(0, 120)),
                renewal_kind=kind,
                renewal_period_months=draw(st.one_of(st.none(), st.integers(1, 36))),
                max_renewals=draw(st.integers(0, 5)),
                renewals_used=draw(st.integers(0, 6)),
                procurement_lead_days=draw(st.one_of(st.none(), st.integers(0, 365))),
                performance_bond=draw(st.one_of(st.none(), MONEY)),
                penalty_cap_pct=draw(st.decimals(min_value=0, max_value=100, places=2)),
                status=status,
                completed_on=draw(st.one_of(st.none(), DAYS)),
                termination_date=draw(st.one_of(st.none(), DAYS)) if fault else None,
                terminated_for_fault=fault,
                availability_pct=draw(st.one_of(st.none(), PCT)),
                response_hours=draw(HOURS),
                resolution_hours=draw(HOURS),
                service_hours=draw(st.one_of(st.none(), st.sampled_from(ServiceHours))),
                services=links if is_uc else (),
            )
        )
    ids = [c.id for c in contracts]
    contract_id = st.sampled_from(ids) if ids else st.nothing()
    incidents = []
    for i in range(1, draw(st.integers(0, 6)) + 1):
        started = datetime.combine(draw(DAYS), datetime.min.time()) + timedelta(
            minutes=draw(st.integers(0, 1439))
        )
        responded = draw(st.one_of(st.none(), st.integers(0, 5000)))
        resolved = draw(st.one_of(st.none(), st.integers(0, 50000)))
        incidents.append(
            IncidentRecord(
                i,
                draw(st.integers(1, n_svc)),
                started,
                contract_id=draw(st.one_of(st.none(), contract_id)) if ids else None,
                responded_at=None if responded is None else started + timedelta(minutes=responded),
                resolved_at=None if resolved is None else started + timedelta(minutes=resolved),
                causes_downtime=draw(st.booleans()),
            )
        )
    graces, letters, penalties, reviews = [], [], [], []
    if ids:
        for i in range(1, draw(st.integers(0, 3)) + 1):
            graces.append(GraceRecord(i, draw(contract_id), draw(DAYS), draw(st.integers(1, 80))))
            letters.append(
                WarningLetterRecord(
                    i, draw(contract_id), draw(st.sampled_from(WarningLevel)), draw(DAYS)
                )
            )
            penalties.append(
                PenaltyRecord(
                    i,
                    draw(contract_id),
                    draw(DAYS),
                    days_late=draw(st.integers(0, 100)),
                    base_amount=draw(MONEY),
                    amount=draw(MONEY),
                )
            )
            decision = draw(st.sampled_from(ReviewDecisionKind))
            reviews.append(
                ReviewDecisionRecord(
                    i,
                    draw(contract_id),
                    draw(DAYS),
                    decision,
                    defer_until=draw(DAYS) if decision == ReviewDecisionKind.DEFER else None,
                )
            )
    evaluations = []
    for i in range(1, draw(st.integers(0, 4)) + 1):
        start, end = draw(spans())
        evaluations.append(
            EvaluationRecord(
                i,
                draw(st.integers(1, n_sup)),
                start,
                end or start,
                *(draw(st.integers(0, 3)) for _ in range(4)),
                evaluated_on=draw(DAYS),
                contract_id=draw(st.one_of(st.none(), contract_id)) if ids else None,
            )
        )
    sanctions = []
    for i in range(1, draw(st.integers(0, 2)) + 1):
        start, end = draw(spans())
        sanctions.append(
            SanctionRecord(
                i,
                draw(st.integers(1, n_sup)),
                start,
                end,
                status=draw(st.sampled_from(SanctionStatus)),
            )
        )
    snoozes = [SnoozeRecord(1, "contract_expiring:contract:1:2026-12-31", draw(DAYS), "x")]
    return AgencyData(
        suppliers=suppliers,
        services=services,
        slas=tuple(slas),
        contracts=tuple(contracts),
        graces=tuple(graces),
        evaluations=tuple(evaluations),
        incidents=tuple(incidents),
        warning_letters=tuple(letters),
        penalties=tuple(penalties),
        sanctions=tuple(sanctions),
        reviews=tuple(reviews),
        snoozes=tuple(snoozes),
        agency_holidays=tuple(draw(st.lists(DAYS, max_size=3))),
    )


@st.composite
def periods(draw: st.DrawFn) -> Period:
    kind = draw(st.sampled_from(PeriodKind))
    year = draw(st.integers(2024, 2028))
    if kind == PeriodKind.MONTH:
        return month(year, draw(st.integers(1, 12)))
    if kind == PeriodKind.QUARTER:
        return quarter(year, draw(st.integers(1, 4)))
    if kind == PeriodKind.YEAR:
        return fiscal_year(year)
    start = draw(DAYS)
    return Period(start, start + timedelta(days=draw(st.integers(0, 400))))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agencies(), DAYS, st.sampled_from(["id", "en"]), st.booleans())
def test_alerts_never_raise(data, as_of, language, include_snoozed) -> None:
    alerts = compute_alerts(data, as_of, Thresholds(), language, include_snoozed=include_snoozed)
    for alert in alerts:
        assert alert.title and alert.rule and alert.key
        assert alert.days_left is None or alert.due is not None
        assert alert.to_dict()["kind"] == alert.kind.value
    assert len({a.key for a in alerts}) == len(alerts)  # keys identify alerts


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agencies(), DAYS, periods())
def test_scores_stay_in_range(data, as_of, period) -> None:
    index = AgencyIndex.build(data)
    for supplier in data.suppliers:
        risk = supplier_risk(index, supplier.id, as_of, Thresholds())
        assert 0 <= risk.score <= 100
        assert risk.score == min(100, sum(r.points for r in risk.reasons))
        card = supplier_scorecard(index, supplier.id, period, as_of)
        assert card.value is None or 0 <= card.value <= 3
        for score in card.contracts:
            assert 0 <= score.value <= 3
        assert len(card.history) == 6
        k = card.kpis
        assert k.availability_pct is None or 0 <= k.availability_pct <= 100
        assert k.sla_met_pct is None or 0 <= k.sla_met_pct <= 100
    for service in data.services:
        level = service_level(index, service.id, period, as_of)
        assert level.availability_pct is None or 0 <= level.availability_pct <= 100
    for contract in data.contracts:
        level = uc_level(index, contract, period, as_of)
        assert 0 <= level.downtime_seconds <= max(level.window_seconds, 0)


def test_every_sentence_has_both_languages_with_the_same_fields() -> None:
    import string

    for key in keys():
        indonesian, english = both(key)
        assert indonesian.strip() and english.strip(), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in both(key)]
        assert fields[0] == fields[1], key
