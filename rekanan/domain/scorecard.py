"""Supplier scorecards per period: SIKaP value and category, objective KPIs, RAG band, trend.

Rules (DOMAIN.md 3.5; issue 3 section 5):

* the SIKaP aspects (Kualitas dan Kuantitas, Biaya, Waktu, Layanan) are scored 1-3 in
  evaluations; a contract terminated for the supplier's fault scores 0 on every aspect.
  Evaluations overlapping the period are averaged per contract, then the contracts are
  averaged; the final value N is the weighted mean with ``Thresholds.aspect_weights``
  (default 30/20/30/20) and its category comes from ``Thresholds.sikap_categories``
  (N < 1 Buruk, 1 <= N < 2 Cukup, 2 <= N < 3 Baik, 3 Sangat Baik);
* Waktu as the rule suggests it: 3 on time, 2 up to ``timeliness_late_days`` (50) late,
  1 later; shown next to the evaluated score, never replacing it;
* objective KPIs from the supplier's underpinning contracts (``service_levels``):
  availability achieved, incidents, breaches, share of incidents within target, mean time
  to resolve; plus penalties and warning letters dated in the period;
* band: **red** for Buruk, an SP3, a termination for fault, a penalty at its cap or SLA
  achievement under ``scorecard_red_sla_pct``; **amber** for Cukup, an SP1/SP2, any penalty,
  a UC under its availability target or SLA achievement under ``scorecard_amber_sla_pct``;
  **green** otherwise. Every band comes with the facts that set it;
* trend: N against the previous period of the same kind, and the last six periods.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache

from rekanan.domain.contract_dates import coverage_end
from rekanan.domain.index import AgencyIndex
from rekanan.domain.penalties import contract_penalty_status
from rekanan.domain.periods import Period
from rekanan.domain.records import (
    AgencyData,
    ContractRecord,
    EvaluationRecord,
    PenaltyRecord,
    SupplierRecord,
    WarningLetterRecord,
)
from rekanan.domain.service_levels import ServiceLevel, uc_level
from rekanan.domain.text import day, money, num, pct, t
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus, WarningLevel

ASPECTS = ("quality", "cost", "timeliness", "service")
_PLACES = Decimal("0.01")
_HUNDRED = Decimal(100)


class Band(StrEnum):
    """Red/amber/green, as commercial scorecards colour them."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Trend(StrEnum):
    """Direction of N against the previous period."""

    UP = "up"
    DOWN = "down"
    FLAT = "flat"


@dataclass(frozen=True, slots=True)
class ContractScore:
    """SIKaP of one contract in the period (``contract_id`` None: supplier-level evaluation)."""

    contract_id: int | None
    number: str
    aspects: dict[str, Decimal]
    value: Decimal
    category: str
    terminated_for_fault: bool
    days_late: int | None
    suggested_timeliness: int | None


@dataclass(frozen=True, slots=True)
class Kpis:
    """Objective measures of the supplier's UCs in the period."""

    levels: tuple[tuple[ContractRecord, ServiceLevel], ...]
    availability_pct: Decimal | None
    ucs_below_target: int
    incidents: int
    breaches: int
    sla_met_pct: Decimal | None
    mttr_hours: Decimal | None


@dataclass(frozen=True, slots=True)
class PeriodScore:
    """The headline of one period, for the trend line."""

    period: Period
    value: Decimal | None
    category: str | None
    band: Band


@dataclass(frozen=True, slots=True)
class Scorecard:
    """The scorecard of one supplier for one period, as of a day."""

    supplier: SupplierRecord
    period: Period
    as_of: date
    weights: dict[str, Decimal]
    aspects: dict[str, Decimal] | None
    value: Decimal | None
    category: str | None
    contracts: tuple[ContractScore, ...]
    kpis: Kpis
    penalties: tuple[PenaltyRecord, ...]
    penalty_total: Decimal
    letters: tuple[WarningLetterRecord, ...]
    band: Band
    band_reasons: tuple[str, ...]
    previous_value: Decimal | None
    trend: Trend | None
    history: tuple[PeriodScore, ...]


def _mean(values: list[Decimal]) -> Decimal:
    return (sum(values, Decimal(0)) / len(values)).quantize(_PLACES, ROUND_HALF_UP)


def final_value(aspects: dict[str, Decimal], weights: dict[str, Decimal]) -> Decimal:
    """N = the weighted mean of the aspect scores (weights need not add up to 1)."""
    return _weighted(
        tuple(aspects[a] for a in ASPECTS),
        tuple(weights.get(a, Decimal(0)) for a in ASPECTS),
    )


@lru_cache(maxsize=4096)
def _weighted(values: tuple[Decimal, ...], weights: tuple[Decimal, ...]) -> Decimal:
    """The weighted mean, cached: scores repeat across suppliers and periods."""
    total_weight = sum(weights, Decimal(0))
    if total_weight <= 0:
        weights = tuple(Decimal(1) for _ in values)
        total_weight = Decimal(len(values))
    value = sum((w * v for w, v in zip(weights, values, strict=True)), Decimal(0))
    return (value / total_weight).quantize(_PLACES, ROUND_HALF_UP)


def category_of(value: Decimal, thresholds: Thresholds) -> str:
    """The SIKaP category of a final value N."""
    bands = sorted(thresholds.sikap_categories, key=lambda b: b[0], reverse=True)
    for lower, name in bands:
        if value >= lower:
            return name
    return bands[-1][1] if bands else "-"


def timeliness_score(days_late: int, thresholds: Thresholds) -> int:
    """Waktu as SIKaP scores it: 3 on time, 2 up to 50 days late, 1 later."""
    if days_late <= 0:
        return 3
    return 2 if days_late <= thresholds.timeliness_late_days else 1


def terminated_for_fault_in(contract: ContractRecord, period: Period) -> bool:
    """True when the contract was terminated for the supplier's fault within the period."""
    if not contract.terminated_for_fault:
        return False
    if contract.termination_date is not None:
        return period.contains(contract.termination_date)
    return contract.status == ContractStatus.TERMINATED and period.overlaps(
        contract.start_date, contract.end_date
    )


def contract_scores(
    index: AgencyIndex, supplier_id: int, period: Period, as_of: date, thresholds: Thresholds
) -> list[ContractScore]:
    """SIKaP per contract: evaluations overlapping the period, 0 for termination for fault."""
    groups: dict[int | None, list[EvaluationRecord]] = {}
    for evaluation in index.evaluations_by_supplier.get(supplier_id, ()):
        if evaluation.evaluated_on <= as_of and period.overlaps(
            evaluation.period_start, evaluation.period_end
        ):
            groups.setdefault(evaluation.contract_id, []).append(evaluation)
    faults = {
        c.id: c
        for c in index.contracts_by_supplier.get(supplier_id, ())
        if terminated_for_fault_in(c, period)
        and (c.termination_date is None or c.termination_date <= as_of)
    }
    result = []
    for contract_id in sorted(set(groups) | set(faults), key=lambda i: (i is None, i or 0)):
        contract = index.contracts.get(contract_id) if contract_id is not None else None
        if contract_id in faults:
            aspects = dict.fromkeys(ASPECTS, Decimal(0))
        else:
            rows = groups[contract_id]
            aspects = {a: _mean([Decimal(getattr(r, a)) for r in rows]) for a in ASPECTS}
        value = final_value(aspects, thresholds.aspect_weights)
        days_late = _days_late(index, contract, period, as_of)
        result.append(
            ContractScore(
                contract_id=contract_id,
                number=contract.number if contract else "-",
                aspects=aspects,
                value=value,
                category=category_of(value, thresholds),
                terminated_for_fault=contract_id in faults,
                days_late=days_late,
                suggested_timeliness=None
                if days_late is None
                else timeliness_score(days_late, thresholds),
            )
        )
    return result


def _days_late(
    index: AgencyIndex, contract: ContractRecord | None, period: Period, as_of: date
) -> int | None:
    if contract is None or contract.end_date is None or contract.end_date > period.end:
        return None
    if contract.completed_on is not None:
        return max(0, (contract.completed_on - contract.end_date).days)
    return contract_penalty_status(index, contract, min(as_of, period.end)).days_late


def kpis(index: AgencyIndex, supplier_id: int, period: Period, as_of: date) -> Kpis:
    """Service levels of the supplier's UCs that ran during the period."""
    levels = []
    for contract in index.contracts_by_supplier.get(supplier_id, ()):
        # A tacitly renewed UC runs on past its first end date (coverage_end).
        if contract.is_underpinning and period.overlaps(
            contract.start_date, coverage_end(contract)
        ):
            level = uc_level(index, contract, period, as_of)
            if level.window_seconds > 0:
                levels.append((contract, level))
    window = sum(level.window_seconds for _, level in levels)
    down = sum(level.downtime_seconds for _, level in levels)
    availability = (
        (Decimal(window - down) / Decimal(window) * _HUNDRED).quantize(Decimal("0.001"))
        if window
        else None
    )
    with_targets = sum(level.incidents_with_targets for _, level in levels)
    met = sum(level.incidents_met for _, level in levels)
    resolved = sum(level.resolved for _, level in levels)
    mttr_total = sum(
        (level.mttr_hours * level.resolved for _, level in levels if level.mttr_hours is not None),
        Decimal(0),
    )
    return Kpis(
        levels=tuple(levels),
        availability_pct=availability,
        ucs_below_target=sum(1 for _, level in levels if level.availability_met is False),
        incidents=sum(level.incidents for _, level in levels),
        breaches=sum(level.breaches for _, level in levels),
        sla_met_pct=(Decimal(met) / Decimal(with_targets) * _HUNDRED).quantize(Decimal("0.1"))
        if with_targets
        else None,
        mttr_hours=(mttr_total / resolved).quantize(_PLACES) if resolved else None,
    )


@dataclass(frozen=True, slots=True)
class _Core:
    aspects: dict[str, Decimal] | None
    value: Decimal | None
    category: str | None
    contracts: tuple[ContractScore, ...]
    kpis: Kpis
    penalties: tuple[PenaltyRecord, ...]
    letters: tuple[WarningLetterRecord, ...]
    band: Band
    band_reasons: tuple[str, ...]


def _core(
    index: AgencyIndex,
    supplier_id: int,
    period: Period,
    as_of: date,
    thresholds: Thresholds,
    language: str,
) -> _Core:
    scores = contract_scores(index, supplier_id, period, as_of, thresholds)
    if scores:
        aspects = {a: _mean([s.aspects[a] for s in scores]) for a in ASPECTS}
        value: Decimal | None = final_value(aspects, thresholds.aspect_weights)
        category = category_of(value, thresholds) if value is not None else None
    else:
        aspects, value, category = None, None, None
    measured = kpis(index, supplier_id, period, as_of)
    contracts = index.contracts_by_supplier.get(supplier_id, ())
    penalties = tuple(
        p
        for c in contracts
        for p in index.penalties_by_contract.get(c.id, ())
        if period.contains(p.imposed_on) and p.imposed_on <= as_of
    )
    letters = tuple(
        sorted(
            (
                letter
                for c in contracts
                for letter in index.letters_by_contract.get(c.id, ())
                if period.contains(letter.issued_on) and letter.issued_on <= as_of
            ),
            key=lambda letter: letter.issued_on,
        )
    )
    band, reasons = _band(
        index,
        contracts,
        scores,
        value,
        category,
        measured,
        penalties,
        letters,
        period,
        as_of,
        thresholds,
        language,
    )
    return _Core(
        aspects, value, category, tuple(scores), measured, penalties, letters, band, reasons
    )


def _band(
    index: AgencyIndex,
    contracts: list[ContractRecord] | tuple[()],
    scores: list[ContractScore],
    value: Decimal | None,
    category: str | None,
    measured: Kpis,
    penalties: tuple[PenaltyRecord, ...],
    letters: tuple[WarningLetterRecord, ...],
    period: Period,
    as_of: date,
    thresholds: Thresholds,
    language: str,
) -> tuple[Band, tuple[str, ...]]:
    red: list[str] = []
    amber: list[str] = []
    if value is not None and category is not None:
        shown = num(value, language, 2)
        if value < 1:
            red.append(t(language, "score.band_value", value=shown, category=category))
        elif value < 2:
            amber.append(t(language, "score.band_value", value=shown, category=category))
    for score in scores:
        if score.terminated_for_fault:
            red.append(t(language, "score.band_fault", number=score.number))
    by_id = {c.id: c for c in contracts}
    for letter in letters:
        number = by_id[letter.contract_id].number if letter.contract_id in by_id else "-"
        text = t(
            language,
            "score.band_letter",
            level=str(letter.level),
            day=day(letter.issued_on, language),
            number=number,
        )
        (red if letter.level == WarningLevel.SP3 else amber).append(text)
    if penalties:
        amber.append(
            t(
                language,
                "score.band_penalties",
                count=len(penalties),
                total=money(sum((p.amount for p in penalties), Decimal(0)), language),
            )
        )
    for contract in contracts:
        if not index.penalties_by_contract.get(contract.id) and not index.graces_by_contract.get(
            contract.id
        ):
            continue
        status = contract_penalty_status(index, contract, min(as_of, period.end))
        if status.at_cap and contract.start_date <= period.end:
            red.append(t(language, "score.band_cap", number=contract.number))
    met = measured.sla_met_pct
    if met is not None and met < thresholds.scorecard_red_sla_pct:
        red.append(t(language, "score.band_sla", value=pct(met, language, 1)))
    elif met is not None and met < thresholds.scorecard_amber_sla_pct:
        amber.append(t(language, "score.band_sla", value=pct(met, language, 1)))
    if measured.ucs_below_target:
        amber.append(t(language, "score.band_availability", count=measured.ucs_below_target))
    if red:
        return Band.RED, tuple(red + amber)
    if amber:
        return Band.AMBER, tuple(amber)
    return Band.GREEN, (t(language, "score.band_green"),)


def supplier_scorecard(
    data: AgencyData | AgencyIndex,
    supplier_id: int,
    period: Period,
    as_of: date,
    thresholds: Thresholds | None = None,
    language: str = "id",
) -> Scorecard:
    """The scorecard of a supplier for ``period``, with the trend over the last six periods."""
    limits = thresholds or Thresholds()
    index = data if isinstance(data, AgencyIndex) else AgencyIndex.build(data)
    supplier = index.suppliers[supplier_id]
    history = []
    core = None
    for each in period.last(6):
        found = _core(index, supplier_id, each, as_of, limits, language)
        history.append(PeriodScore(each, found.value, found.category, found.band))
        core = found
    assert core is not None
    previous = history[-2].value if len(history) > 1 else None
    trend = None
    if previous is not None and core.value is not None:
        delta = core.value - previous
        trend = Trend.UP if delta > 0 else Trend.DOWN if delta < 0 else Trend.FLAT
    return Scorecard(
        supplier=supplier,
        period=period,
        as_of=as_of,
        weights=dict(limits.aspect_weights),
        aspects=core.aspects,
        value=core.value,
        category=core.category,
        contracts=core.contracts,
        kpis=core.kpis,
        penalties=core.penalties,
        penalty_total=sum((p.amount for p in core.penalties), Decimal(0)),
        letters=core.letters,
        band=core.band,
        band_reasons=core.band_reasons,
        previous_value=previous,
        trend=trend,
        history=tuple(history),
    )


def compute_scorecards(
    data: AgencyData | AgencyIndex,
    period: Period,
    as_of: date | None = None,
    thresholds: Thresholds | None = None,
    language: str = "id",
    supplier_ids: list[int] | None = None,
) -> list[Scorecard]:
    """Scorecards of every supplier (or of ``supplier_ids``) for ``period``.

    ``as_of`` defaults to the last day of the period: a closed period is judged on what was
    known at its end. The agency is indexed once for all suppliers.
    """
    index = data if isinstance(data, AgencyIndex) else AgencyIndex.build(data)
    day_of = as_of or period.end
    ids = supplier_ids if supplier_ids is not None else sorted(index.suppliers)
    return [
        supplier_scorecard(index, supplier_id, period, day_of, thresholds, language)
        for supplier_id in ids
        if supplier_id in index.suppliers
    ]
