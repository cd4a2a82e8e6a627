"""Coverage: which underpinning contracts (UCs) back each customer-facing service, and when
a service with an SLA is left without one.

Rules (DOMAIN.md 4, "UCs underpin SLAs"; issue 3 section 2):

* a UC backs a service from its start date to its end date; a tacit UC with renewals left
  runs on to its last possible term unless notice was given (``coverage_end``);
* UCs linked with the same ``component`` are alternatives for one dependency; UCs linked
  without a component back the service as one unnamed dependency. Every dependency must be
  backed while an SLA of the service runs;
* **sla_unbacked**: an SLA in force today and a dependency with no UC in force today;
* **coverage_gap**: the last UC of a dependency ends before the SLA does and no successor
  (active or draft) is registered: the service becomes uncovered on the day after that
  UC's end. Raised within ``Thresholds.coverage_horizon_days``. A UC that ends the very day
  the SLA ends leaves no gap.

A service with an SLA but no UC mapped at all is a data-quality alert (``data_quality``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from rekanan.domain.alert import Alert, AlertKind, Severity
from rekanan.domain.contract_dates import LIVE_STATUSES, coverage_end
from rekanan.domain.index import AgencyIndex
from rekanan.domain.records import ContractRecord, ServiceRecord, SLARecord
from rekanan.domain.text import day, t
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus

REGISTERED_STATUSES = LIVE_STATUSES | {ContractStatus.DRAFT}
"""A successor counts as registered once it exists, even as a draft."""

_ONE_DAY = timedelta(days=1)


def in_force(contract: ContractRecord, on: date) -> bool:
    """True when a live contract covers ``on`` (its start to its coverage end)."""
    if contract.status not in LIVE_STATUSES or contract.start_date > on:
        return False
    end = coverage_end(contract)
    return end is None or end >= on


def ucs_backing(
    index: AgencyIndex, service_id: int, on: date
) -> list[tuple[ContractRecord, str | None]]:
    """The UCs (with their component) that back a service on ``on``."""
    return [
        (contract, component)
        for contract, component in index.ucs_by_service.get(service_id, ())
        if in_force(contract, on)
    ]


@dataclass(frozen=True, slots=True)
class DependencyCoverage:
    """Coverage of one dependency (component) of a service over the SLA's span."""

    component: str | None
    uncovered_from: date | None
    last_uc: ContractRecord | None
    in_force_now: tuple[ContractRecord, ...]


def uncovered_from(
    intervals: list[tuple[date, date | None]], need_from: date, need_until: date | None
) -> date | None:
    """The first day in ``need_from``..``need_until`` that no interval covers (None: none).

    Intervals are (start, end) with ``end`` None for open-ended; both days are included.
    """
    current = need_from
    ordered = sorted(intervals, key=lambda pair: pair[0])
    while need_until is None or current <= need_until:
        best: date | None = None
        found = False
        for start, end in ordered:
            if start > current:
                break
            if end is None:
                return None
            if end >= current and (best is None or end > best):
                best, found = end, True
        if not found or best is None:
            return current
        current = best + _ONE_DAY
    return None


def service_coverage(
    index: AgencyIndex, service_id: int, need_from: date, need_until: date | None, as_of: date
) -> list[DependencyCoverage]:
    """Coverage of every dependency of a service from ``need_from`` to ``need_until``."""
    groups: dict[str | None, list[ContractRecord]] = {}
    for contract, component in index.ucs_by_service.get(service_id, ()):
        groups.setdefault(component or None, []).append(contract)
    result = []
    for component, contracts in groups.items():
        registered = [c for c in contracts if c.status in REGISTERED_STATUSES]
        intervals = [(c.start_date, coverage_end(c)) for c in registered]
        gap = uncovered_from(intervals, need_from, need_until)
        last = None
        if gap is not None:
            ended = [c for c in contracts if (coverage_end(c) or date.max) < gap]
            last = max(ended, key=lambda c: coverage_end(c) or date.max, default=None)
        now = tuple(c for c in contracts if in_force(c, as_of))
        result.append(DependencyCoverage(component, gap, last, now))
    return result


def coverage_alerts(
    index: AgencyIndex, as_of: date, thresholds: Thresholds, language: str
) -> Iterator[Alert]:
    """``sla_unbacked`` and ``coverage_gap`` alerts for every service with an SLA."""
    horizon = as_of + timedelta(days=thresholds.coverage_horizon_days)
    for service_id, slas in index.slas_by_service.items():
        service = index.services.get(service_id)
        if service is None or service_id not in index.ucs_by_service:
            continue
        relevant = [
            s
            for s in slas
            if s.valid_from <= horizon and (s.valid_until is None or s.valid_until >= as_of)
        ]
        if not relevant:
            continue
        need_from = max(as_of, min(s.valid_from for s in relevant))
        open_ended = any(s.valid_until is None for s in relevant)
        need_until = None if open_ended else max(s.valid_until or date.max for s in relevant)
        governing = max(relevant, key=lambda s: s.valid_until or date.max)
        for dependency in service_coverage(index, service_id, need_from, need_until, as_of):
            gap = dependency.uncovered_from
            if gap is None or gap > horizon:
                continue
            if gap <= as_of:
                yield _unbacked(index, service, governing, dependency, as_of, language)
            else:
                yield _gap(index, service, governing, dependency, gap, as_of, language)


def _component_text(language: str, component: str | None) -> str:
    return t(language, "coverage.component", component=component) if component else ""


def _until(sla: SLARecord, language: str) -> str:
    return day(sla.valid_until, language) if sla.valid_until else t(language, "coverage.open_ended")


def _unbacked(
    index: AgencyIndex,
    service: ServiceRecord,
    sla: SLARecord,
    dependency: DependencyCoverage,
    as_of: date,
    language: str,
) -> Alert:
    reasons = [
        t(
            language,
            "coverage.unbacked_reason",
            service=service.name,
            customer=sla.customer,
            sla_from=day(sla.valid_from, language),
            sla_until=_until(sla, language),
            as_of=day(as_of, language),
            component=_component_text(language, dependency.component),
        )
    ]
    last = dependency.last_uc
    since = sla.valid_from
    if last is not None:
        last_end = coverage_end(last)
        supplier = index.suppliers.get(last.supplier_id)
        reasons.append(
            t(
                language,
                "coverage.last_uc",
                number=last.number,
                supplier=supplier.name if supplier else "-",
                end=day(last_end, language),
            )
        )
        if last_end is not None:
            since = max(since, last_end + _ONE_DAY)
    days_left = (since - as_of).days
    return Alert(
        kind=AlertKind.SLA_UNBACKED,
        severity=Severity.CRITICAL,
        title=t(language, "coverage.unbacked_title", service=service.name),
        key=f"sla_unbacked:service:{service.id}:{dependency.component or '-'}:{since.isoformat()}",
        rule=t(language, "rule.coverage"),
        due=since,
        days_left=days_left,
        reasons=tuple(reasons),
        **index.subject(contract=last, service=service),
    )


def _gap(
    index: AgencyIndex,
    service: ServiceRecord,
    sla: SLARecord,
    dependency: DependencyCoverage,
    gap: date,
    as_of: date,
    language: str,
) -> Alert:
    reasons = []
    last = dependency.last_uc
    if last is not None:
        supplier = index.suppliers.get(last.supplier_id)
        reasons.append(
            t(
                language,
                "coverage.gap_reason",
                component=_component_text(language, dependency.component),
                number=last.number,
                supplier=supplier.name if supplier else "-",
                end=day(coverage_end(last), language),
                customer=sla.customer,
                sla_until=_until(sla, language),
            )
        )
    reasons.append(t(language, "coverage.gap_successor", day=day(gap, language)))
    days_left = (gap - as_of).days
    return Alert(
        kind=AlertKind.COVERAGE_GAP,
        severity=Severity.CRITICAL if days_left <= 30 else Severity.WARNING,
        title=t(language, "coverage.gap_title", service=service.name, day=day(gap, language)),
        key=f"coverage_gap:service:{service.id}:{dependency.component or '-'}:{gap.isoformat()}",
        rule=t(language, "rule.coverage"),
        due=gap,
        days_left=days_left,
        reasons=tuple(reasons),
        **index.subject(contract=last, service=service),
    )
