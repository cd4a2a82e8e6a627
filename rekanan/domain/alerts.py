"""Every alert of the agency as of one day: the rules gathered, snoozes applied, sorted.

``compute_alerts`` indexes the data once (or takes an index already built) and asks each
rule module for its alerts. A snoozed alert (``AgencyData.snoozes``: its key put aside
until a date on or after the as-of date) is hidden, or kept and marked with
``include_snoozed``. A review decision to *defer* a contract hides its date alerts the
same way until its date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rekanan.domain.alert import Alert, AlertKind, Severity, Subject, filter_alerts
from rekanan.domain.alignment import alignment_alerts
from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.coverage import coverage_alerts
from rekanan.domain.data_quality import data_quality_alerts
from rekanan.domain.index import AgencyIndex
from rekanan.domain.penalties import penalty_alerts
from rekanan.domain.records import AgencyData
from rekanan.domain.renewal import Deferral, contract_alerts
from rekanan.domain.retender import retender_alerts
from rekanan.domain.risk import _slow_ground_points, risk_alerts
from rekanan.domain.sanctions import sanction_alerts
from rekanan.domain.snoozes import snoozed
from rekanan.domain.thresholds import Thresholds

__all__ = [
    "Alert",
    "AlertKind",
    "Severity",
    "Subject",
    "compute_alerts",
    "filter_alerts",
    "risk_reads_all_history",
]


def compute_alerts(
    data: AgencyData | AgencyIndex,
    as_of: date,
    thresholds: Thresholds | None = None,
    language: str = "id",
    *,
    include_snoozed: bool = False,
    calendar: WorkingCalendar | None = None,
) -> list[Alert]:
    """All alerts as of ``as_of``, most urgent first.

    ``thresholds`` default to DOMAIN.md's numbers; ``language`` is ``id`` or ``en``.
    ``data`` may be an index already built (``rekanan.store.alert_slice`` builds one over
    just the rows the rules read); ``calendar`` then is the index's own.
    """
    limits = thresholds or Thresholds()
    index = data if isinstance(data, AgencyIndex) else AgencyIndex.build(data, calendar)
    alerts: list[Alert] = []
    for alert, deferral in contract_alerts(index, as_of, limits, language):
        _keep(alerts, alert, index, as_of, deferral, include_snoozed, language)
    for alert in _other_rules(index, as_of, limits, language):
        _keep(alerts, alert, index, as_of, None, include_snoozed, language)
    alerts.sort(key=Alert.sort_key)
    return alerts


def risk_reads_all_history(thresholds: Thresholds) -> bool:
    """True when evaluations and SLA breaches alone can reach the blacklist-risk warning.

    Then every supplier with an evaluation or a blamed incident is a risk candidate, and a
    loader cannot leave any contract or history row out. With the default points (20 + 15
    below 40) only suppliers with a letter, penalty, grace or termination are.
    """
    return sum(_slow_ground_points(thresholds)) >= thresholds.blacklist_risk_warning


def _other_rules(
    index: AgencyIndex, as_of: date, thresholds: Thresholds, language: str
) -> Iterable[Alert]:
    yield from coverage_alerts(index, as_of, thresholds, language)
    yield from retender_alerts(index, as_of, thresholds, language)
    yield from alignment_alerts(index, as_of, thresholds, language)
    yield from penalty_alerts(index, as_of, thresholds, language)
    yield from risk_alerts(index, as_of, thresholds, language)
    yield from sanction_alerts(index, as_of, thresholds, language)
    yield from data_quality_alerts(index, as_of, thresholds, language)


def _keep(
    alerts: list[Alert],
    alert: Alert,
    index: AgencyIndex,
    as_of: date,
    deferral: Deferral | None,
    include_snoozed: bool,
    language: str,
) -> None:
    if deferral is not None:
        alert = alert.with_snooze(deferral.until, deferral.reason)
    alert = snoozed(alert, index.snoozes, as_of)
    if include_snoozed or not alert.snoozed:
        alerts.append(alert)
