"""Measured service levels: availability achieved, target breaches and time to resolve.

Rules (issue 3 section 4; DOMAIN.md 4 "Performance review"):

* availability achieved = 1 - downtime / committed time, over the part of the period up to
  the as-of date. Downtime is the union of incidents that cause downtime, from start to
  resolution (or to the end of the window while unresolved), counted **only inside the
  service hours**: 24x7 counts every second, office hours count working days 08:00-16:00 of
  the Indonesian working calendar (holidays, cuti bersama, agency days off excluded);
* per service the hours and targets are those of its SLAs overlapping the period (the
  strictest when there are several); per UC they are the UC's own (its hours default to
  the service's);
* a **response** or **resolution breach** is an incident whose time to respond or resolve,
  counted in the same service hours, exceeds the target; an incident still open past its
  target at the end of the window is a breach too;
* **mean time to resolve** is the mean wall-clock time of the incidents resolved in the
  window, in hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import coverage_end
from rekanan.domain.index import AgencyIndex
from rekanan.domain.periods import Period
from rekanan.domain.records import ContractRecord, IncidentRecord
from rekanan.models.enums import ServiceHours

_HUNDRED = Decimal(100)
_HOUR = Decimal(3600)
_PLACES = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class Targets:
    """What is promised: availability (percent), response and resolution (hours), hours."""

    hours: ServiceHours = ServiceHours.OFFICE
    availability_pct: Decimal | None = None
    response_hours: Decimal | None = None
    resolution_hours: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ServiceLevel:
    """Service level achieved in one window against its targets."""

    first: date
    last: date
    targets: Targets
    window_seconds: int
    downtime_seconds: int
    incidents: int
    response_breaches: int
    resolution_breaches: int
    incidents_with_targets: int
    incidents_met: int
    resolved: int
    mttr_hours: Decimal | None

    @property
    def availability_pct(self) -> Decimal | None:
        """Availability achieved in percent (None when the window is empty)."""
        if self.window_seconds <= 0:
            return None
        up = Decimal(self.window_seconds - self.downtime_seconds) / Decimal(self.window_seconds)
        return (up * _HUNDRED).quantize(_PLACES, ROUND_HALF_UP)

    @property
    def downtime_hours(self) -> Decimal:
        """Downtime inside service hours, in hours."""
        return (Decimal(self.downtime_seconds) / _HOUR).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def availability_met(self) -> bool | None:
        """True when the availability target is reached (None when not measurable)."""
        achieved = self.availability_pct
        target = self.targets.availability_pct
        if achieved is None or target is None:
            return None
        return achieved >= target

    @property
    def breaches(self) -> int:
        """Response and resolution breaches together."""
        return self.response_breaches + self.resolution_breaches

    @property
    def breached(self) -> bool:
        """True when the window missed the availability target or had a breach."""
        return self.availability_met is False or self.breaches > 0


def window(period: Period, as_of: date) -> tuple[date, date]:
    """The days of ``period`` up to ``as_of`` (``last`` < ``first`` when none)."""
    return period.start, min(period.end, as_of)


def measure(
    incidents: Iterable[IncidentRecord],
    first: date,
    last: date,
    targets: Targets,
    calendar: WorkingCalendar,
) -> ServiceLevel:
    """Service level of ``incidents`` in the days ``first``..``last`` against ``targets``."""
    start = datetime.combine(first, time.min)
    end = datetime.combine(last + timedelta(days=1), time.min)
    hours = targets.hours
    window_seconds = calendar.window_seconds(first, last, hours)
    spans: list[tuple[datetime, datetime]] = []
    counted = 0
    response_breaches = resolution_breaches = 0
    with_targets = met = resolved = 0
    total_resolve = Decimal(0)
    for incident in incidents:
        stop = incident.resolved_at or end
        if incident.causes_downtime and incident.started_at < end and stop > start:
            spans.append((max(incident.started_at, start), min(stop, end)))
        if not start <= incident.started_at < end:
            continue
        counted += 1
        late_response = _late(
            incident.started_at, incident.responded_at, end, targets.response_hours, hours, calendar
        )
        late_resolution = _late(
            incident.started_at,
            incident.resolved_at,
            end,
            targets.resolution_hours,
            hours,
            calendar,
        )
        response_breaches += late_response
        resolution_breaches += late_resolution
        if targets.response_hours is not None or targets.resolution_hours is not None:
            with_targets += 1
            met += not (late_response or late_resolution)
        if incident.resolved_at is not None and incident.resolved_at <= end:
            resolved += 1
            total_resolve += Decimal(
                int((incident.resolved_at - incident.started_at).total_seconds())
            )
    downtime = sum(calendar.service_seconds(a, b, hours) for a, b in _merge(spans))
    mttr = (total_resolve / resolved / _HOUR).quantize(Decimal("0.01")) if resolved else None
    return ServiceLevel(
        first=first,
        last=last,
        targets=targets,
        window_seconds=window_seconds,
        downtime_seconds=min(downtime, window_seconds),
        incidents=counted,
        response_breaches=response_breaches,
        resolution_breaches=resolution_breaches,
        incidents_with_targets=with_targets,
        incidents_met=met,
        resolved=resolved,
        mttr_hours=mttr,
    )


def _late(
    started: datetime,
    done: datetime | None,
    window_end: datetime,
    target_hours: Decimal | None,
    hours: ServiceHours,
    calendar: WorkingCalendar,
) -> bool:
    if target_hours is None:
        return False
    stop = done if done is not None and done <= window_end else window_end
    taken = calendar.service_seconds(started, stop, hours)
    return Decimal(taken) > target_hours * _HOUR


def _merge(spans: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            if hi > merged[-1][1]:
                merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def service_targets(index: AgencyIndex, service_id: int, period: Period) -> Targets:
    """The strictest targets of the SLAs of a service that overlap ``period``."""
    service = index.services.get(service_id)
    slas = [
        s
        for s in index.slas_by_service.get(service_id, ())
        if period.overlaps(s.valid_from, s.valid_until)
    ]
    hours = service.service_hours if service else ServiceHours.OFFICE
    if any(s.service_hours == ServiceHours.ALWAYS for s in slas):
        hours = ServiceHours.ALWAYS
    elif slas:
        hours = ServiceHours.OFFICE
    return Targets(
        hours=hours,
        availability_pct=_highest([s.availability_pct for s in slas]),
        response_hours=_lowest([s.response_hours for s in slas]),
        resolution_hours=_lowest([s.resolution_hours for s in slas]),
    )


def _highest(values: list[Decimal | None]) -> Decimal | None:
    return max((v for v in values if v is not None), default=None)


def _lowest(values: list[Decimal | None]) -> Decimal | None:
    return min((v for v in values if v is not None), default=None)


def uc_targets(index: AgencyIndex, contract: ContractRecord) -> Targets:
    """A UC's own targets; its hours default to those of the first service it backs."""
    hours = contract.service_hours
    if hours is None:
        service = next(
            (
                index.services[link.service_id]
                for link in contract.services
                if link.service_id in index.services
            ),
            None,
        )
        hours = service.service_hours if service else ServiceHours.OFFICE
    return Targets(
        hours=hours,
        availability_pct=contract.availability_pct,
        response_hours=contract.response_hours,
        resolution_hours=contract.resolution_hours,
    )


def service_level(index: AgencyIndex, service_id: int, period: Period, as_of: date) -> ServiceLevel:
    """Service level achieved by a service in ``period`` up to ``as_of``."""
    first, last = window(period, as_of)
    return measure(
        index.incidents_by_service.get(service_id, ()),
        first,
        last,
        service_targets(index, service_id, period),
        index.calendar,
    )


def uc_level(
    index: AgencyIndex,
    contract: ContractRecord,
    period: Period,
    as_of: date,
    incidents: Sequence[IncidentRecord] | None = None,
) -> ServiceLevel:
    """Service level delivered by a UC (incidents blamed on it) in ``period`` up to ``as_of``.

    The window is also cut to the contract's own start and end dates.
    """
    first, last = window(period, as_of)
    first = max(first, contract.start_date)
    end = coverage_end(contract)
    if end is not None:
        last = min(last, end)
    return measure(
        incidents if incidents is not None else index.incidents_by_contract.get(contract.id, ()),
        first,
        last,
        uc_targets(index, contract),
        index.calendar,
    )
