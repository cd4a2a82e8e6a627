"""SLA/UC alignment: do the underpinning contracts promise at least what the SLA promises?

Rules (DOMAIN.md 4 "UCs underpin SLAs"; issue 3 section 3):

* **availability**: the dependencies of a service are components in series, so their
  availabilities multiply (99.0 % x 99.9 % = 98.9 %); UCs linked with the same component
  are redundant alternatives, combined as 1 - (1 - a)(1 - b). UCs linked without a
  component are each a component of their own. The result must reach the SLA's target;
* **response and resolution**: the supplier's time plus the internal handling margin
  (``Thresholds.handling_margin_hours``) must fit inside the SLA's time;
* **service hours**: a 24x7 SLA needs 24x7 UCs.

Each gap names the SLA, the UC, both numbers and the shortfall. A UC that records no target
for a check is left out of that check (data quality flags a UC with no targets at all).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rekanan.domain.alert import Alert, AlertKind, Severity
from rekanan.domain.coverage import ucs_backing
from rekanan.domain.index import AgencyIndex
from rekanan.domain.records import ContractRecord, ServiceRecord, SLARecord
from rekanan.domain.text import hours, num, pct, t
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import Criticality, ServiceHours

_HUNDRED = Decimal(100)
_PLACES = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class Component:
    """One dependency of a service: its UCs and their combined availability (percent)."""

    name: str
    contracts: tuple[ContractRecord, ...]
    availability_pct: Decimal | None


def redundant(values: list[Decimal]) -> Decimal:
    """Availability (percent) of redundant alternatives: 1 - (1 - a)(1 - b)..."""
    down = Decimal(1)
    for value in values:
        down *= 1 - value / _HUNDRED
    return (1 - down) * _HUNDRED


def series(values: list[Decimal]) -> Decimal:
    """Availability (percent) of components in series: a x b x ..."""
    up = Decimal(1)
    for value in values:
        up *= value / _HUNDRED
    return up * _HUNDRED


def components(backing: list[tuple[ContractRecord, str | None]]) -> list[Component]:
    """Group the UCs behind a service into components (named ones are redundant groups)."""
    groups: dict[str, list[ContractRecord]] = {}
    for contract, component in backing:
        name = component if component else f"#{contract.number}"
        groups.setdefault(name, []).append(contract)
    result = []
    for name, contracts in groups.items():
        known = [c.availability_pct for c in contracts if c.availability_pct is not None]
        value = redundant(known) if known else None
        result.append(Component(name, tuple(contracts), value))
    return result


def combined_availability(parts: list[Component]) -> Decimal | None:
    """The series availability of all components, or None when one is unknown."""
    if not parts or any(p.availability_pct is None for p in parts):
        return None
    return series([p.availability_pct for p in parts if p.availability_pct is not None])


def alignment_alerts(
    index: AgencyIndex, as_of: date, thresholds: Thresholds, language: str
) -> Iterator[Alert]:
    """``sla_target_gap`` alerts for every SLA in force on ``as_of``."""
    margin = thresholds.handling_margin_hours
    for service_id in index.slas_by_service:
        service = index.services.get(service_id)
        if service is None:
            continue
        slas = index.slas_in_force(service_id, as_of)
        if not slas:
            continue
        backing = ucs_backing(index, service_id, as_of)
        if not backing:
            continue
        parts = components(backing)
        combined = combined_availability(parts)
        for sla in slas:
            yield from _availability(index, service, sla, parts, combined, language)
            for contract, _component in backing:
                alert = _contract_gaps(index, service, sla, contract, margin, language)
                if alert is not None:
                    yield alert


def _severity(service: ServiceRecord) -> Severity:
    return Severity.CRITICAL if service.criticality == Criticality.CRITICAL else Severity.WARNING


def _supplier_name(index: AgencyIndex, contract: ContractRecord) -> str:
    supplier = index.suppliers.get(contract.supplier_id)
    return supplier.name if supplier else "-"


def _availability(
    index: AgencyIndex,
    service: ServiceRecord,
    sla: SLARecord,
    parts: list[Component],
    combined: Decimal | None,
    language: str,
) -> Iterator[Alert]:
    target = sla.availability_pct
    if target is None or combined is None or combined >= target:
        return
    combined_q = combined.quantize(_PLACES)
    shortfall = (target - combined).quantize(_PLACES)
    reasons = [
        t(
            language,
            "align.availability_reason",
            service=service.name,
            customer=sla.customer,
            target=pct(target, language),
            combined=pct(combined_q, language),
            shortfall=num(shortfall, language),
        )
    ]
    weakest: tuple[Decimal, ContractRecord] | None = None
    for part in parts:
        if len(part.contracts) == 1:
            contract = part.contracts[0]
            reasons.append(
                t(
                    language,
                    "align.component_series",
                    component=part.name,
                    number=contract.number,
                    supplier=_supplier_name(index, contract),
                    value=pct(contract.availability_pct, language),
                )
            )
        else:
            listed = ", ".join(
                f"{c.number} {pct(c.availability_pct, language)}" for c in part.contracts
            )
            reasons.append(
                t(
                    language,
                    "align.component_redundant",
                    component=part.name,
                    parts=listed,
                    value=pct((part.availability_pct or Decimal(0)).quantize(_PLACES), language),
                )
            )
        for contract in part.contracts:
            value = contract.availability_pct
            if value is not None and (weakest is None or value < weakest[0]):
                weakest = (value, contract)
    blamed = weakest[1] if weakest else parts[0].contracts[0]
    if weakest is not None:
        reasons.append(
            t(
                language,
                "align.weakest",
                number=blamed.number,
                supplier=_supplier_name(index, blamed),
                value=pct(weakest[0], language),
            )
        )
    yield Alert(
        kind=AlertKind.SLA_TARGET_GAP,
        severity=_severity(service),
        title=t(language, "align.availability_title", service=service.name),
        key=f"sla_target_gap:sla:{sla.id}:availability:{target}:{combined_q}",
        rule=t(language, "rule.alignment"),
        reasons=tuple(reasons),
        extra={
            "sla_id": sla.id,
            "metric": "availability",
            "sla_value": str(target),
            "uc_value": str(combined_q),
            "shortfall": str(shortfall),
            "gaps": [
                {
                    "metric": "availability",
                    "sla_value": str(target),
                    "uc_value": str(combined_q),
                    "shortfall": str(shortfall),
                }
            ],
        },
        **index.subject(contract=blamed, service=service),
    )


def _contract_gaps(
    index: AgencyIndex,
    service: ServiceRecord,
    sla: SLARecord,
    contract: ContractRecord,
    margin: Decimal,
    language: str,
) -> Alert | None:
    """One alert per SLA and UC, with a reason for each target the UC does not fit."""
    gaps: list[dict[str, str]] = []
    reasons: list[str] = []
    titles: list[str] = []
    for metric, target, promised in (
        ("response", sla.response_hours, contract.response_hours),
        ("resolution", sla.resolution_hours, contract.resolution_hours),
    ):
        if target is None or promised is None:
            continue
        total = promised + margin
        if total <= target:
            continue
        shortfall = total - target
        metric_name = t(language, f"align.metric.{metric}")
        titles.append(t(language, "align.time_title", service=service.name, metric=metric_name))
        reasons.append(
            t(
                language,
                "align.time_reason",
                service=service.name,
                customer=sla.customer,
                metric=metric_name,
                target=hours(target, language),
                number=contract.number,
                supplier=_supplier_name(index, contract),
                uc=hours(promised, language),
                margin=hours(margin, language),
                total=hours(total, language),
                shortfall=hours(shortfall, language),
            )
        )
        gaps.append(
            {
                "metric": metric,
                "sla_value": str(target),
                "uc_value": str(promised),
                "shortfall": str(shortfall),
            }
        )
    if sla.service_hours == ServiceHours.ALWAYS and contract.service_hours == ServiceHours.OFFICE:
        titles.append(t(language, "align.hours_title", service=service.name))
        reasons.append(
            t(
                language,
                "align.hours_reason",
                service=service.name,
                customer=sla.customer,
                number=contract.number,
                supplier=_supplier_name(index, contract),
            )
        )
        gaps.append(
            {
                "metric": "service_hours",
                "sla_value": ServiceHours.ALWAYS.value,
                "uc_value": ServiceHours.OFFICE.value,
                "shortfall": "",
            }
        )
    if not gaps:
        return None
    title = (
        titles[0]
        if len(titles) == 1
        else t(language, "align.many_title", service=service.name, count=len(gaps))
    )
    fingerprint = "|".join(f"{g['metric']}={g['sla_value']}/{g['uc_value']}" for g in gaps)
    return Alert(
        kind=AlertKind.SLA_TARGET_GAP,
        severity=_severity(service),
        title=title,
        key=f"sla_target_gap:sla:{sla.id}:contract:{contract.id}:{fingerprint}",
        rule=t(language, "rule.alignment"),
        reasons=tuple(reasons),
        extra={"sla_id": sla.id, **gaps[0], "gaps": gaps},
        **index.subject(contract=contract, service=service),
    )
