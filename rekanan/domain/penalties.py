"""Late-completion penalties against their cap, and grace extensions against their limit.

Rules (DOMAIN.md 3.1 and 3.2):

* the penalty is ``rate`` (default 1) per mille per **calendar** day of the value before PPN,
  or of the value of the late part when parts can be handed over separately
  (Perpres 16/2018 Pasal 79). ``ContractRecord.value`` is taken as the value before PPN; a
  recorded penalty with a ``base_amount`` names the late part and overrides it;
* the running total is the recorded penalties plus the days of lateness not yet recorded,
  counted from the original end date to the completion date (or the as-of date while the
  work is unfinished). Lateness is only counted for a contract the PPK has treated as late
  (it has a grace extension or a recorded penalty), so an expired contract whose status
  nobody updated is not mistaken for a late one;
* the cap is set by the contract: its performance bond when one is recorded, else
  ``penalty_cap_pct`` (default 5 %) of the value. Alerts at ``penalty_warning_share``
  (80 %) of the cap and at the cap;
* a grace extension (pemberian kesempatan) adds calendar days after the original end date,
  with the penalty running (Pasal 56); standard terms allow at most ``grace_days_max`` (50).
  Alert ``grace_warning_days`` (10) before it ends, and every day once it has ended with the
  work unfinished.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from rekanan.domain.alert import Alert, AlertKind, Severity
from rekanan.domain.contract_dates import LIVE_STATUSES, grace_end
from rekanan.domain.index import AgencyIndex
from rekanan.domain.records import ContractRecord, GraceRecord, PenaltyRecord
from rekanan.domain.text import day, money, num, pct, t
from rekanan.domain.thresholds import Thresholds

_THOUSAND = Decimal(1000)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_FAR_DAYS = 36500


@dataclass(frozen=True, slots=True)
class PenaltyStatus:
    """Where a contract stands on penalties and grace days as of one day."""

    contract_id: int
    base: Decimal
    rate_per_mille: Decimal
    daily: Decimal
    days_late: int
    recorded: Decimal
    accrued: Decimal
    total: Decimal
    cap: Decimal
    cap_from_bond: bool
    share: Decimal | None
    cap_day: date | None
    grace_days: int
    grace_end: date | None
    finished: bool

    @property
    def at_cap(self) -> bool:
        """True when the running total has reached the cap."""
        return self.share is not None and self.share >= 1

    def grace_left(self, as_of: date) -> int | None:
        """Days left in the grace period (negative once it has ended)."""
        return None if self.grace_end is None else (self.grace_end - as_of).days


def penalty_status(
    contract: ContractRecord,
    penalties: list[PenaltyRecord] | tuple[PenaltyRecord, ...],
    graces: list[GraceRecord] | tuple[GraceRecord, ...],
    as_of: date,
) -> PenaltyStatus:
    """The running penalty of ``contract`` against its cap, and its grace days, as of a day."""
    recorded_list = [p for p in penalties if p.imposed_on <= as_of]
    recorded = sum((p.amount for p in recorded_list), Decimal(0))
    recorded_days = sum(p.days_late for p in recorded_list)
    bases = [p.base_amount for p in sorted(recorded_list, key=lambda p: p.imposed_on)]
    base = next((b for b in reversed(bases) if b > 0), contract.value)
    rate = contract.penalty_rate_per_mille
    daily = (base * rate / _THOUSAND).quantize(_CENT, ROUND_HALF_UP)
    granted = [g for g in graces if g.granted_on <= as_of]
    grace_days = sum(g.days for g in granted)
    finished = contract.completed_on is not None and contract.completed_on <= as_of
    treated_late = bool(recorded_list or granted)
    days_late = 0
    if contract.end_date is not None and treated_late:
        stop = contract.completed_on if finished and contract.completed_on else as_of
        days_late = max(0, (stop - contract.end_date).days)
    accrued_days = max(0, days_late - recorded_days)
    accrued = daily * accrued_days
    total = recorded + accrued
    if contract.performance_bond:
        cap, from_bond = contract.performance_bond, True
    else:
        cap, from_bond = (contract.value * contract.penalty_cap_pct / _HUNDRED), False
    cap = cap.quantize(_CENT, ROUND_HALF_UP)
    share = (total / cap) if cap > 0 else None
    cap_day = None
    if not finished and daily > 0 and treated_late and total < cap:
        more = ((cap - total) / daily).to_integral_value(ROUND_CEILING)
        if more <= _FAR_DAYS:  # further than that is "never" for a person
            cap_day = as_of + timedelta(days=int(more))
    grace_until = grace_end(contract, ((g.granted_on, g.days) for g in granted), as_of)
    return PenaltyStatus(
        contract_id=contract.id,
        base=base,
        rate_per_mille=rate,
        daily=daily,
        days_late=days_late,
        recorded=recorded,
        accrued=accrued,
        total=total,
        cap=cap,
        cap_from_bond=from_bond,
        share=share,
        cap_day=cap_day,
        grace_days=grace_days,
        grace_end=grace_until,
        finished=finished,
    )


def contract_penalty_status(
    index: AgencyIndex, contract: ContractRecord, as_of: date
) -> PenaltyStatus:
    """``penalty_status`` with the contract's penalties and graces looked up in the index."""
    return penalty_status(
        contract,
        index.penalties_by_contract.get(contract.id, ()),
        index.graces_by_contract.get(contract.id, ()),
        as_of,
    )


def penalty_alerts(
    index: AgencyIndex, as_of: date, thresholds: Thresholds, language: str
) -> Iterator[Alert]:
    """``penalty_cap`` and ``grace_period`` alerts for contracts with penalties or graces."""
    ids = set(index.penalties_by_contract) | set(index.graces_by_contract)
    for contract_id in sorted(ids):
        contract = index.contracts.get(contract_id)
        if contract is None:
            continue
        status = contract_penalty_status(index, contract, as_of)
        if contract.status not in LIVE_STATUSES or status.finished:
            continue
        alert = _cap_alert(index, contract, status, as_of, thresholds, language)
        if alert is not None:
            yield alert
        alert = _grace_alert(index, contract, status, as_of, thresholds, language)
        if alert is not None:
            yield alert


def _cap_alert(
    index: AgencyIndex,
    contract: ContractRecord,
    status: PenaltyStatus,
    as_of: date,
    thresholds: Thresholds,
    language: str,
) -> Alert | None:
    share = status.share
    if share is None or share < thresholds.penalty_warning_share:
        return None
    share_text = pct((share * _HUNDRED).quantize(Decimal("0.1")), language, 1)
    reasons = [
        t(
            language,
            "penalty.reason_total",
            number=contract.number,
            total=money(status.total, language),
            cap=money(status.cap, language),
            share=share_text,
        )
    ]
    if status.days_late and contract.end_date is not None:
        reasons.append(
            t(
                language,
                "penalty.reason_rate",
                rate=num(status.rate_per_mille, language),
                base=money(status.base, language),
                daily=money(status.daily, language),
                days=status.days_late,
                end=day(contract.end_date, language),
            )
        )
    if status.cap_from_bond:
        reasons.append(
            t(language, "penalty.reason_cap_bond", bond=money(contract.performance_bond, language))
        )
    else:
        reasons.append(
            t(
                language,
                "penalty.reason_cap_pct",
                pct=pct(contract.penalty_cap_pct, language, 2),
                value=money(contract.value, language),
            )
        )
    if status.at_cap:
        reasons.append(t(language, "penalty.reason_at_cap"))
        title = t(language, "penalty.title_cap", title=contract.title)
        level, severity, due = "cap", Severity.CRITICAL, None
    else:
        if status.cap_day is not None:
            reasons.append(t(language, "penalty.reason_cap_day", day=day(status.cap_day, language)))
        title = t(language, "penalty.title_near", title=contract.title, share=share_text)
        level, severity, due = "near", Severity.WARNING, status.cap_day
    return Alert(
        kind=AlertKind.PENALTY_CAP,
        severity=severity,
        title=title,
        key=f"penalty_cap:contract:{contract.id}:{level}",
        rule=t(language, "rule.penalty"),
        due=due,
        days_left=(due - as_of).days if due is not None else None,
        reasons=tuple(reasons),
        extra={"total": str(status.total), "cap": str(status.cap), "share": str(share)},
        **index.subject(contract=contract),
    )


def _grace_alert(
    index: AgencyIndex,
    contract: ContractRecord,
    status: PenaltyStatus,
    as_of: date,
    thresholds: Thresholds,
    language: str,
) -> Alert | None:
    left = status.grace_left(as_of)
    if status.grace_end is None or left is None or left > thresholds.grace_warning_days:
        return None
    limit = thresholds.grace_days_max
    if left >= 0:
        reasons = [
            t(
                language,
                "grace.reason_used",
                used=status.grace_days,
                max=limit,
                end=day(status.grace_end, language),
                days=left,
            )
        ]
        title = t(language, "grace.title", title=contract.title)
        severity = Severity.WARNING if left > 3 else Severity.CRITICAL
    else:
        reasons = [
            t(
                language,
                "grace.reason_passed",
                used=status.grace_days,
                max=limit,
                end=day(status.grace_end, language),
                days=-left,
            )
        ]
        title = t(language, "grace.title_passed", title=contract.title)
        severity = Severity.CRITICAL
    if status.grace_days >= limit:
        reasons.append(t(language, "grace.reason_max", max=limit))
    return Alert(
        kind=AlertKind.GRACE_PERIOD,
        severity=severity,
        title=title,
        key=f"grace_period:contract:{contract.id}:{status.grace_end.isoformat()}",
        rule=t(language, "rule.grace", max=limit),
        due=status.grace_end,
        days_left=left,
        reasons=tuple(reasons),
        extra={"grace_days": status.grace_days, "grace_days_max": limit},
        **index.subject(contract=contract),
    )
