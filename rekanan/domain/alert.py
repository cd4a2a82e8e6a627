"""The Alert: one thing a person should look at, with why, by when, and the rule behind it.

Every rule module returns ``Alert`` values; ``rekanan.domain.alerts.compute_alerts`` gathers
them. ``key`` is stable for as long as the facts behind the alert stay the same (it names
the record and the date concerned), so a snooze keyed on it stops applying as soon as
someone changes those facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any, Protocol, TypedDict, TypeVar


class Severity(StrEnum):
    """How urgent an alert is."""

    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


class AlertKind(StrEnum):
    """The kinds of alert the rules raise (issue 3)."""

    RENEWAL_DECISION = "renewal_decision"
    NOTICE_DEADLINE = "notice_deadline"
    CONTRACT_EXPIRING = "contract_expiring"
    COVERAGE_GAP = "coverage_gap"
    SLA_UNBACKED = "sla_unbacked"
    SLA_TARGET_GAP = "sla_target_gap"
    PENALTY_CAP = "penalty_cap"
    GRACE_PERIOD = "grace_period"
    BLACKLIST_RISK = "blacklist_risk"
    SANCTIONED_SUPPLIER = "sanctioned_supplier"
    DATA_INCOMPLETE = "data_incomplete"


class Subject(TypedDict):
    """Who and what an alert is about, as ``Alert`` keyword arguments."""

    supplier_id: int | None
    supplier_name: str
    supplier_npwp: str
    contract_id: int | None
    contract_number: str
    service_id: int | None
    service_code: str
    service_name: str


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert, already worded in the requested language.

    ``due`` is the date the alert is about (None when it has none) and ``days_left`` the
    days from the as-of date to it (negative once passed). ``reasons`` are the facts, each
    a sentence; ``rule`` names where the rule comes from.
    """

    kind: AlertKind
    severity: Severity
    title: str
    key: str
    rule: str
    due: date | None = None
    days_left: int | None = None
    reasons: tuple[str, ...] = ()
    supplier_id: int | None = None
    supplier_name: str = ""
    supplier_npwp: str = ""
    contract_id: int | None = None
    contract_number: str = ""
    service_id: int | None = None
    service_code: str = ""
    service_name: str = ""
    snoozed_until: date | None = None
    snooze_reason: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def snoozed(self) -> bool:
        """True when the alert is shown although a snooze hides it."""
        return self.snoozed_until is not None

    def sort_key(self) -> tuple[int, int, str, str]:
        """Most urgent first: severity, then days left (undated last), then title."""
        return urgency(self)

    @property
    def owner(self) -> str | None:
        """The record the alert belongs to: ``contract:12``, ``service:3`` or ``supplier:7``.

        Each rule reads one record and what hangs from it (a contract and its supplier;
        a service, its SLAs and the UCs behind it; a supplier and its contracts), so an
        alert changes only when that record or something it reads changes. The alert
        register (``rekanan.store.alert_register``) recomputes by owner. None when the
        kind is unknown: then nothing but a full recompute may replace it.
        """
        scope = _OWNER_SCOPE.get(self.kind)
        if scope is None and self.kind is AlertKind.DATA_INCOMPLETE:
            named = self.key.split(":", 2)[1]
            scope = "service" if named == "sla" else named
        ids = {
            "contract": self.contract_id,
            "service": self.service_id,
            "supplier": self.supplier_id,
        }
        found = ids.get(scope or "")
        return None if found is None else f"{scope}:{found}"

    def with_snooze(self, until: date, reason: str) -> Alert:
        """The same alert marked as snoozed."""
        return replace(self, snoozed_until=until, snooze_reason=reason)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the CLI (``rekanan alerts --format json``)."""
        return {
            "kind": self.kind.value,
            "severity": self.severity.value,
            "title": self.title,
            "due": self.due.isoformat() if self.due else None,
            "days_left": self.days_left,
            "supplier": {
                "id": self.supplier_id,
                "name": self.supplier_name,
                "npwp": self.supplier_npwp,
            }
            if self.supplier_id is not None
            else {"id": None, "name": "", "npwp": ""},
            "contract": {"id": self.contract_id, "number": self.contract_number},
            "service": {
                "id": self.service_id,
                "code": self.service_code,
                "name": self.service_name,
            },
            "reasons": list(self.reasons),
            "rule": self.rule,
            "key": self.key,
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
            "snooze_reason": self.snooze_reason,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        """The alert ``to_dict`` gave (``extra`` aside, which no reader keeps)."""
        supplier, contract, service = data["supplier"], data["contract"], data["service"]
        due, until = data["due"], data["snoozed_until"]
        return cls(
            kind=AlertKind(data["kind"]),
            severity=Severity(data["severity"]),
            title=data["title"],
            key=data["key"],
            rule=data["rule"],
            due=date.fromisoformat(due) if due else None,
            days_left=data["days_left"],
            reasons=tuple(data["reasons"]),
            supplier_id=supplier["id"],
            supplier_name=supplier["name"],
            supplier_npwp=supplier["npwp"],
            contract_id=contract["id"],
            contract_number=contract["number"],
            service_id=service["id"],
            service_code=service["code"],
            service_name=service["name"],
            snoozed_until=date.fromisoformat(until) if until else None,
            snooze_reason=data.get("snooze_reason", ""),
        )


_OWNER_SCOPE = {
    AlertKind.RENEWAL_DECISION: "contract",
    AlertKind.NOTICE_DEADLINE: "contract",
    AlertKind.CONTRACT_EXPIRING: "contract",
    AlertKind.PENALTY_CAP: "contract",
    AlertKind.GRACE_PERIOD: "contract",
    AlertKind.COVERAGE_GAP: "service",
    AlertKind.SLA_UNBACKED: "service",
    AlertKind.SLA_TARGET_GAP: "service",
    AlertKind.BLACKLIST_RISK: "supplier",
    AlertKind.SANCTIONED_SUPPLIER: "supplier",
}


class Listed(Protocol):
    """What lists, filters and sorts an alert: an ``Alert``, or the register's row of one
    (``rekanan.store.alert_register.StoredAlert``), which decodes the rest only on demand."""

    @property
    def kind(self) -> AlertKind: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def title(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def due(self) -> date | None: ...
    @property
    def days_left(self) -> int | None: ...
    @property
    def supplier_name(self) -> str: ...
    @property
    def contract_number(self) -> str: ...
    @property
    def service_code(self) -> str: ...
    @property
    def snoozed_until(self) -> date | None: ...
    @property
    def snoozed(self) -> bool: ...
    @property
    def reasons(self) -> tuple[str, ...]: ...
    @property
    def rule(self) -> str: ...


def urgency(alert: Listed) -> tuple[int, int, str, str]:
    """Most urgent first: severity, then days left (undated last), then title."""
    days = alert.days_left if alert.days_left is not None else 10**6
    return (SEVERITY_ORDER[alert.severity], days, alert.title, alert.key)


def horizon_severity(days_left: int, horizons: tuple[int, ...]) -> Severity | None:
    """Severity of a dated alert by how close its date is (None = not yet within a horizon).

    With the default horizons 90/60/30/7: more than 90 days away, no alert; 90 to 31 days,
    info; 30 to 8 days, warning; 7 days or less, and every day once passed, critical.
    """
    ordered = sorted(set(horizons)) or [7]
    if days_left > ordered[-1]:
        return None
    if days_left <= ordered[0]:
        return Severity.CRITICAL
    if len(ordered) > 1 and days_left <= ordered[1]:
        return Severity.WARNING
    return Severity.INFO


def horizon_stage(days_left: int, horizons: tuple[int, ...]) -> int | None:
    """The horizon just crossed (90, 60, 30, 7), or None once the date has passed."""
    if days_left < 0:
        return None
    crossed = [h for h in horizons if days_left <= h]
    return min(crossed) if crossed else None


L = TypeVar("L", bound=Listed)


def filter_alerts(
    alerts: Iterable[L],
    *,
    within_days: int | None = None,
    severity: Severity | None = None,
    kinds: Iterable[AlertKind] | None = None,
) -> list[L]:
    """Alerts due within ``within_days`` (undated and overdue ones always pass), of at
    least ``severity`` (critical > warning > info), of the given ``kinds``."""
    wanted = set(kinds) if kinds is not None else None
    limit = SEVERITY_ORDER[severity] if severity is not None else None
    kept = []
    for alert in alerts:
        if (
            within_days is not None
            and alert.days_left is not None
            and (alert.days_left > within_days)
        ):
            continue
        if limit is not None and SEVERITY_ORDER[alert.severity] > limit:
            continue
        if wanted is not None and alert.kind not in wanted:
            continue
        kept.append(alert)
    return kept
