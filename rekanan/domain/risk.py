"""Blacklist risk: an explainable 0-100 score per supplier, to act before it is too late.

Rule (DOMAIN.md 3.4, Perpres 16/2018 Pasal 78): a supplier that does not carry out the
contract, does not finish the work or does not meet maintenance obligations may be
blacklisted for a year. The score adds points (``Thresholds.risk_points``) for each
contract-stage ground found as of the day, capped at 100:

* the highest warning letter issued within ``letter_in_force_days`` (SP1, SP2, SP3);
* a penalty at 80 % of its cap or at the cap (Pasal 79), or any running penalty;
* grace days used: any, within ``grace_warning_days`` of the limit, at the limit (50);
* a contract terminated for the supplier's fault within ``termination_memory_days``;
* consecutive evaluations in Cukup or Buruk (N < 2), latest first;
* consecutive months, up to the current one, in which a UC of the supplier missed its
  availability target or breached a response/resolution target.

Every point comes with its reason in Indonesian and English naming the fact and the rule.
The score is a warning, never a sanction. Alert ``blacklist_risk`` from
``blacklist_risk_warning`` (40, warning) and ``blacklist_risk_critical`` (70, critical).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from rekanan.domain.alert import Alert, AlertKind, Severity
from rekanan.domain.contract_dates import LIVE_STATUSES
from rekanan.domain.index import AgencyIndex
from rekanan.domain.penalties import PenaltyStatus, contract_penalty_status
from rekanan.domain.periods import month
from rekanan.domain.records import ContractRecord, EvaluationRecord, IncidentRecord
from rekanan.domain.scorecard import ASPECTS, category_of, final_value
from rekanan.domain.service_levels import uc_level
from rekanan.domain.text import day, pct, t
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import WarningLevel

_LEVEL_RANK = {WarningLevel.SP1: 1, WarningLevel.SP2: 2, WarningLevel.SP3: 3}
_STREAK_MONTHS = 6


@dataclass(frozen=True, slots=True)
class RiskReason:
    """One ground of the score: its points and the sentence in both languages."""

    ground: str
    points: int
    text_id: str
    text_en: str
    contract_id: int | None = None

    def text(self, language: str) -> str:
        """The sentence in ``language``."""
        return self.text_en if language == "en" else self.text_id


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """The blacklist-risk score of a supplier as of a day, with its reasons."""

    supplier_id: int
    as_of: date
    score: int
    reasons: tuple[RiskReason, ...]

    def explain(self, language: str) -> list[str]:
        """The reasons as sentences, biggest first."""
        return [r.text(language) for r in self.reasons]


def _reason(
    ground: str,
    points: int,
    key: str,
    params: Callable[[str], dict[str, object]],
    contract_id: int | None = None,
) -> RiskReason:
    return RiskReason(
        ground,
        points,
        t("id", key, points=points, **params("id")),
        t("en", key, points=points, **params("en")),
        contract_id,
    )


def supplier_risk(
    index: AgencyIndex, supplier_id: int, as_of: date, thresholds: Thresholds
) -> RiskAssessment:
    """Score the contract-stage blacklist grounds of one supplier as of ``as_of``."""
    reasons = _cheap_reasons(index, supplier_id, as_of, thresholds)
    evaluation = _evaluation_streak(
        index.evaluations_by_supplier.get(supplier_id, ()), as_of, thresholds
    )
    contracts = index.contracts_by_supplier.get(supplier_id, [])
    breaches = _breach_streak(index, contracts, index.incidents_by_contract, as_of, thresholds)
    return _finish(supplier_id, as_of, [*reasons, evaluation, breaches])


def supplier_risks(
    index: AgencyIndex, supplier_ids: Collection[int], as_of: date, thresholds: Thresholds
) -> dict[int, RiskAssessment]:
    """``supplier_risk`` of many suppliers at once (a review queue's thousands).

    In memory the index's groupings answer each supplier; with a history (the store's
    slices) the evaluations and incidents of all of them are read in one go, only the
    rows the streak rules can use, as ``risk_alerts`` does.
    """
    if index.history is None:
        return {s: supplier_risk(index, s, as_of, thresholds) for s in supplier_ids}
    wanted = set(supplier_ids)
    evaluations = _latest_evaluations(index, wanted, as_of, thresholds)
    incidents = _streak_incidents(index, wanted, as_of)
    found = {}
    for supplier_id in wanted:
        contracts = index.contracts_by_supplier.get(supplier_id, [])
        reasons: list[RiskReason | None] = [
            *_cheap_reasons(index, supplier_id, as_of, thresholds),
            _evaluation_streak(evaluations.get(supplier_id, ()), as_of, thresholds),
            _breach_streak(index, contracts, incidents, as_of, thresholds),
        ]
        found[supplier_id] = _finish(supplier_id, as_of, reasons)
    return found


def _streak_incidents(
    index: AgencyIndex, supplier_ids: set[int], as_of: date
) -> Mapping[int, list[IncidentRecord]]:
    """Incidents blamed on these suppliers' UCs that a breach streak up to ``as_of`` can
    count (those resolved before its first month cannot)."""
    uc_ids = {
        c.id
        for supplier_id in supplier_ids
        for c in index.contracts_by_supplier.get(supplier_id, ())
        if c.is_underpinning
    }
    return index.incidents_for(uc_ids, since=_streak_start(as_of))


def _streak_start(as_of: date) -> datetime:
    """The first moment of the earliest month a breach streak up to ``as_of`` can count."""
    first_month = month(as_of.year, as_of.month).last(_STREAK_MONTHS)[0].start
    return datetime.combine(first_month, time.min)


def _finish(supplier_id: int, as_of: date, found: Sequence[RiskReason | None]) -> RiskAssessment:
    reasons = [r for r in found if r is not None and r.points > 0]
    reasons.sort(key=lambda r: -r.points)
    score = max(0, min(100, sum(r.points for r in reasons)))
    return RiskAssessment(supplier_id, as_of, score, tuple(reasons))


def _slow_ground_points(thresholds: Thresholds) -> tuple[int, int]:
    """The most the evaluation and the breach grounds can add (they are the costly ones)."""
    points = thresholds.risk_points
    evaluations = max((points.get(f"evaluations_{n}", 0) for n in (1, 2, 3)), default=0)
    breaches = max(points.get("breach_streak", 0), points.get("breach_streak_short", 0))
    return max(0, evaluations), max(0, breaches)


def _cheap_reasons(
    index: AgencyIndex, supplier_id: int, as_of: date, thresholds: Thresholds
) -> list[RiskReason]:
    """Grounds found in the small tables: letters, penalties, grace days, termination."""
    points = thresholds.risk_points
    contracts = index.contracts_by_supplier.get(supplier_id, [])
    reasons: list[RiskReason] = []
    letter_since = as_of - timedelta(days=thresholds.letter_in_force_days)
    best_letter = None
    for contract in contracts:
        for letter in index.letters_by_contract.get(contract.id, ()):
            if letter_since < letter.issued_on <= as_of:
                rank = (_LEVEL_RANK.get(letter.level, 0), letter.issued_on)
                if best_letter is None or rank > best_letter[0]:
                    best_letter = (rank, letter, contract)
    if best_letter is not None:
        _, letter, contract = best_letter
        reasons.append(
            _reason(
                "warning_letter",
                points.get(str(letter.level), 0),
                "risk.letter",
                lambda lang: {
                    "level": str(letter.level),
                    "day": day(letter.issued_on, lang),
                    "number": contract.number,
                },
                contract.id,
            )
        )
    reasons.extend(_penalty_and_grace(index, contracts, as_of, thresholds))
    memory = as_of - timedelta(days=thresholds.termination_memory_days)
    terminated = next(
        (
            c
            for c in contracts
            if c.terminated_for_fault
            and (c.termination_date is None or memory < c.termination_date <= as_of)
        ),
        None,
    )
    if terminated is not None:
        reasons.append(
            _reason(
                "termination",
                points.get("termination_for_fault", 0),
                "risk.termination",
                lambda lang: {
                    "number": terminated.number,
                    "day": day(terminated.termination_date, lang),
                },
                terminated.id,
            )
        )
    return reasons


def _penalty_and_grace(
    index: AgencyIndex, contracts: Sequence[ContractRecord], as_of: date, thresholds: Thresholds
) -> list[RiskReason]:
    points = thresholds.risk_points
    worst_penalty: tuple[PenaltyStatus, ContractRecord, Decimal] | None = None
    worst_grace: tuple[PenaltyStatus, ContractRecord] | None = None
    for contract in contracts:
        if contract.id not in index.penalties_by_contract and (
            contract.id not in index.graces_by_contract
        ):
            continue
        if contract.status not in LIVE_STATUSES:
            continue
        status = contract_penalty_status(index, contract, as_of)
        share = status.share
        if (
            share is not None
            and status.total > 0
            and (worst_penalty is None or share > worst_penalty[2])
        ):
            worst_penalty = (status, contract, share)
        if (
            status.grace_days
            and not status.finished
            and (worst_grace is None or status.grace_days > worst_grace[0].grace_days)
        ):
            worst_grace = (status, contract)
    result = []
    if worst_penalty is not None:
        status, contract, share = worst_penalty
        if share >= 1:
            gained = points.get("penalty_at_cap", 0)
        elif share >= thresholds.penalty_warning_share:
            gained = points.get("penalty_near_cap", 0)
        else:
            gained = points.get("penalty_some", 0)
        result.append(
            _reason(
                "penalty",
                gained,
                "risk.penalty",
                lambda lang: {
                    "number": contract.number,
                    "share": pct((share * 100).quantize(Decimal("0.1")), lang, 1),
                },
                contract.id,
            )
        )
    if worst_grace is not None:
        status, contract = worst_grace
        limit = thresholds.grace_days_max
        if status.grace_days >= limit:
            gained = points.get("grace_at_max", 0)
        elif status.grace_days >= limit - thresholds.grace_warning_days:
            gained = points.get("grace_near_max", 0)
        else:
            gained = points.get("grace_some", 0)
        result.append(
            _reason(
                "grace",
                gained,
                "risk.grace",
                lambda lang: {
                    "granted": status.grace_days,
                    "used": min(status.grace_days, status.days_late),
                    "end": day(status.grace_end, lang),
                    "max": limit,
                    "number": contract.number,
                },
                contract.id,
            )
        )
    return result


@lru_cache(maxsize=1024)
def _value_of(
    scores: tuple[int, int, int, int], weights: tuple[tuple[str, Decimal], ...]
) -> Decimal:
    """N of one evaluation (cached: there are only 4^4 score combinations)."""
    return final_value(dict(zip(ASPECTS, map(Decimal, scores), strict=True)), dict(weights))


_FIRST_LOOK = 4
"""Evaluations per supplier read first: a streak that runs through all of them (rare)
makes the rule read the rest of that supplier's history."""


def _latest_evaluations(
    index: AgencyIndex, supplier_ids: set[int], as_of: date, thresholds: Thresholds
) -> Mapping[int, Sequence[EvaluationRecord]]:
    """The evaluations the streak rule needs: the latest few of each supplier, and the
    whole history of a supplier whose latest few are all below 'cukup'."""
    first = index.evaluations_for(supplier_ids, as_of, latest=_FIRST_LOOK)
    weights = tuple(sorted(thresholds.aspect_weights.items()))
    longer = {
        supplier_id
        for supplier_id, rows in first.items()
        if len(rows) == _FIRST_LOOK
        and all(
            _value_of((e.quality, e.cost, e.timeliness, e.service), weights) < 2
            for e in rows
            if e.evaluated_on <= as_of
        )
    }
    if not longer:
        return first
    return {**first, **index.evaluations_for(longer, as_of)}


def _evaluation_streak(
    records: Sequence[EvaluationRecord], as_of: date, thresholds: Thresholds
) -> RiskReason | None:
    evaluations = sorted(
        (e for e in records if e.evaluated_on <= as_of),
        key=attrgetter("period_end", "evaluated_on", "id"),
        reverse=True,
    )
    weights = tuple(sorted(thresholds.aspect_weights.items()))
    streak = 0
    latest = None
    for evaluation in evaluations:
        value = _value_of(
            (evaluation.quality, evaluation.cost, evaluation.timeliness, evaluation.service),
            weights,
        )
        if value >= 2:
            break
        if latest is None:
            latest = (evaluation, category_of(value, thresholds))
        streak += 1
    if not streak or latest is None:
        return None
    key = f"evaluations_{min(streak, 3)}"
    evaluation, category = latest
    return _reason(
        "evaluations",
        thresholds.risk_points.get(key, 0),
        "risk.evaluations",
        lambda lang: {
            "count": streak,
            "last": day(evaluation.period_end, lang),
            "category": category,
        },
        evaluation.contract_id,
    )


def _breach_streak(
    index: AgencyIndex,
    contracts: Sequence[ContractRecord],
    incidents: Mapping[int, Sequence[IncidentRecord]],
    as_of: date,
    thresholds: Thresholds,
) -> RiskReason | None:
    best = None
    for contract in contracts:
        blamed = incidents.get(contract.id)
        if not contract.is_underpinning or not blamed:
            continue
        current = month(as_of.year, as_of.month)
        if not any(
            i.started_at.date() <= as_of
            and (i.resolved_at is None or i.resolved_at.date() >= current.start)
            for i in blamed
        ):
            continue  # nothing touched the current month: no streak runs up to it
        streak = 0
        labels = []
        for each in reversed(current.last(_STREAK_MONTHS)):
            if not each.overlaps(contract.start_date, contract.end_date):
                break
            if not uc_level(index, contract, each, as_of, blamed).breached:
                break
            streak += 1
            labels.append(each.label)
        if streak and (best is None or streak > best[0]):
            best = (streak, list(reversed(labels)), contract)
    if best is None or best[0] < 2:
        return None
    streak, labels, contract = best
    key = "breach_streak" if streak >= thresholds.breach_streak_periods else "breach_streak_short"
    return _reason(
        "breaches",
        thresholds.risk_points.get(key, 0),
        "risk.breaches",
        lambda lang: {"count": streak, "months": ", ".join(labels), "number": contract.number},
        contract.id,
    )


def _points(reasons: Sequence[RiskReason | None]) -> int:
    return sum(r.points for r in reasons if r is not None)


def risk_alerts(
    index: AgencyIndex, as_of: date, thresholds: Thresholds, language: str
) -> Iterator[Alert]:
    """``blacklist_risk`` alerts for suppliers whose score reaches the warning level."""
    warning = thresholds.blacklist_risk_warning
    candidates = {
        index.contracts[contract_id].supplier_id
        for table in (
            index.letters_by_contract,
            index.penalties_by_contract,
            index.graces_by_contract,
        )
        for contract_id in table
        if contract_id in index.contracts
    }
    candidates |= {c.supplier_id for c in index.data.contracts if c.terminated_for_fault}
    if sum(_slow_ground_points(thresholds)) >= warning:
        candidates |= set(index.evaluations_by_supplier)
        candidates |= {
            c.supplier_id for c in index.data.contracts if c.id in index.incidents_by_contract
        }
    max_evaluations, max_breaches = _slow_ground_points(thresholds)
    found: dict[int, list[RiskReason | None]] = {}
    for supplier_id in sorted(candidates):
        if supplier_id not in index.suppliers:
            continue
        cheap: list[RiskReason | None] = [*_cheap_reasons(index, supplier_id, as_of, thresholds)]
        if _points(cheap) + max_evaluations + max_breaches >= warning:
            found[supplier_id] = cheap
    evaluations = _latest_evaluations(index, set(found), as_of, thresholds)
    for supplier_id, partial in found.items():
        partial.append(_evaluation_streak(evaluations.get(supplier_id, ()), as_of, thresholds))
    found = {k: v for k, v in found.items() if _points(v) + max_breaches >= warning}
    incidents = _streak_incidents(index, set(found), as_of)
    assessments = []
    for supplier_id, partial in found.items():
        contracts = index.contracts_by_supplier.get(supplier_id, [])
        partial.append(_breach_streak(index, contracts, incidents, as_of, thresholds))
        assessments.append(_finish(supplier_id, as_of, partial))
    index.read_contracts(
        {a.reasons[0].contract_id for a in assessments if a.reasons and a.reasons[0].contract_id}
    )
    for assessment in assessments:
        supplier = index.suppliers[assessment.supplier_id]
        if assessment.score >= thresholds.blacklist_risk_critical:
            severity, level = Severity.CRITICAL, "critical"
        elif assessment.score >= thresholds.blacklist_risk_warning:
            severity, level = Severity.WARNING, "warning"
        else:
            continue
        top = assessment.reasons[0] if assessment.reasons else None
        contract = (
            index.contracts.get(top.contract_id) if top and top.contract_id is not None else None
        )
        yield Alert(
            kind=AlertKind.BLACKLIST_RISK,
            severity=severity,
            title=t(language, "risk.title", score=assessment.score, supplier=supplier.name),
            key=f"blacklist_risk:supplier:{supplier.id}:{level}",
            rule=t(language, "rule.blacklist_risk"),
            reasons=tuple(assessment.explain(language)),
            extra={"score": assessment.score},
            **index.subject(supplier=supplier, contract=contract),
        )
