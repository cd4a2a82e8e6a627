"""Contract review: the queue for a scope, one contract's page of facts, a suggested decision.

Rules (issue 5; DOMAIN.md 3 and 4 "Performance review"):

* **scopes**: contracts whose renewal decision date or notice deadline falls within N days
  (and nobody has decided since the alert window opened, nor deferred them); contracts of
  suppliers at blacklist risk (the warning level or above); contracts with open SLA gaps
  (alignment, coverage, or a UC that missed its targets in the last 90 days); the
  periodic review of one supplier category; or a hand-picked set;
* **order**: the due scope goes by date, the earliest decision or notice date that put a
  contract in it first (overdue ones therefore on top), as the dashboard and the contract
  list do (finding G23: a January decision came before a December one); a periodic review
  goes through the never or longest ago reviewed first; the other scopes by **urgency**:
  overdue contracts first (the longest overdue first), then the worst alert, then the
  nearest date, then the supplier's risk score, then the value. ``ReviewScope.order``
  says which, in words, for the page;
* **the page**: everything needed to decide without leaving it, from the rules;
* **the suggestion** (``review_suggest``): from the facts on the page, with its reasons,
  never applied by itself;
* **the snapshot** (``review_snapshot``): the facts shown, stored with the decision;
* **the effects** (``review_effects``): what renew and re-tender do to a contract.

Nothing here writes: ``rekanan.store.review`` records decisions and their effects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum

from rekanan.domain.alert import SEVERITY_ORDER, Alert, AlertKind, Severity
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import (
    LIVE_STATUSES,
    ContractDates,
    contract_dates,
    grace_end,
    needs_decision,
    needs_notice,
    next_deadline,
)
from rekanan.domain.index import AgencyIndex
from rekanan.domain.penalties import PenaltyStatus, contract_penalty_status
from rekanan.domain.periods import Period, PeriodKind, month, quarter
from rekanan.domain.records import (
    AgencyData,
    ContractRecord,
    GraceRecord,
    ReviewDecisionRecord,
    SanctionRecord,
    SupplierRecord,
    WarningLetterRecord,
)
from rekanan.domain.renewal import ACTING_DECISIONS, PENDING_DECISIONS, settles
from rekanan.domain.review_suggest import Suggestion, suggest
from rekanan.domain.review_text import rt
from rekanan.domain.risk import RiskAssessment, supplier_risks
from rekanan.domain.sanctions import sanction_running
from rekanan.domain.scorecard import Scorecard, supplier_scorecard
from rekanan.domain.service_levels import ServiceLevel, service_level, uc_level
from rekanan.domain.text import day, pct
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import (
    ReviewDecisionKind,
    SupplierCategory,
)

GAP_KINDS = frozenset({AlertKind.SLA_TARGET_GAP, AlertKind.SLA_UNBACKED, AlertKind.COVERAGE_GAP})
SLA_WINDOW_DAYS = 90
"""Service levels on the page are measured over the last 90 days up to the as-of date."""
_FAR = 10**6


# ---------------------------------------------------------------------------- scopes


class ScopeKind(StrEnum):
    """Which contracts a review session goes through."""

    DUE = "due"
    RISK = "risk"
    SLA_GAPS = "sla_gaps"
    CATEGORY = "category"
    PICKED = "picked"


@dataclass(frozen=True, slots=True)
class ReviewScope:
    """A scope and its parameter: ``days`` for DUE, ``category``, or the picked ids."""

    kind: ScopeKind
    days: int = 90
    category: SupplierCategory | None = None
    contract_ids: tuple[int, ...] = ()
    size: int = 0
    """How many contracts a picked scope read back from ``code`` held (the ids are gone)."""

    def code(self) -> str:
        """A short text for ``ReviewSession.scope`` (the picked ids live in the queue)."""
        if self.kind == ScopeKind.DUE:
            return f"due:{self.days}"
        if self.kind == ScopeKind.CATEGORY:
            return f"category:{self.category or ''}"
        if self.kind == ScopeKind.PICKED:
            return f"picked:{len(self.contract_ids)}"
        return self.kind.value

    @classmethod
    def parse(cls, text: str) -> ReviewScope:
        """The scope written by ``code``; raises ``ValueError`` with a sentence."""
        kind_text, _, parameter = (text or "").partition(":")
        try:
            kind = ScopeKind(kind_text)
        except ValueError:
            raise ValueError(
                f"'{text}' is not a review scope; use due:DAYS, risk, sla_gaps, "
                "category:CATEGORY or picked."
            ) from None
        if kind == ScopeKind.DUE:
            return cls(kind, days=int(parameter) if parameter.isdigit() else 90)
        if kind == ScopeKind.CATEGORY:
            try:
                return cls(kind, category=SupplierCategory(parameter))
            except ValueError:
                names = ", ".join(c.value for c in SupplierCategory)
                raise ValueError(
                    f"'{parameter}' is not a supplier category; use one of {names}."
                ) from None
        if kind == ScopeKind.PICKED and parameter.isdigit():
            return cls(kind, size=int(parameter))
        return cls(kind)

    def describe(self, language: str) -> str:
        """The scope in words."""
        if self.kind == ScopeKind.DUE:
            return rt(language, "scope.due", days=self.days)
        if self.kind == ScopeKind.CATEGORY:
            return rt(language, "scope.category", category=self.category or "-")
        if self.kind == ScopeKind.PICKED:
            return rt(language, "scope.picked", count=len(self.contract_ids) or self.size)
        return rt(language, f"scope.{self.kind.value}")

    def order(self, language: str) -> str:
        """How ``build_queue`` orders this scope, in words (the page says it: G23)."""
        if self.kind in (ScopeKind.DUE, ScopeKind.CATEGORY):
            return rt(language, f"order.{self.kind.value}")
        return rt(language, "order.urgency")


# --------------------------------------------------------------------------- context


@dataclass
class ReviewContext:
    """The agency indexed once, with its alerts, for building a queue and its pages."""

    index: AgencyIndex
    as_of: date
    thresholds: Thresholds
    language: str
    alerts: list[Alert]
    alerts_by_contract: dict[int, list[Alert]] = field(default_factory=dict)
    alerts_by_supplier: dict[int, list[Alert]] = field(default_factory=dict)
    _risk: dict[int, RiskAssessment] = field(default_factory=dict)
    _dates: dict[int, ContractDates] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        data: AgencyData,
        as_of: date,
        thresholds: Thresholds | None = None,
        language: str = "id",
        calendar: WorkingCalendar | None = None,
    ) -> ReviewContext:
        """Index ``data`` and compute every alert (snoozed ones kept and marked)."""
        return cls.from_index(AgencyIndex.build(data, calendar), as_of, thresholds, language)

    @classmethod
    def from_index(
        cls,
        index: AgencyIndex,
        as_of: date,
        thresholds: Thresholds | None = None,
        language: str = "id",
    ) -> ReviewContext:
        """Compute every alert over an index already built (the store's slice of the
        contracts a review can hold, with its history read on demand)."""
        limits = thresholds or Thresholds()
        alerts = compute_alerts(index, as_of, limits, language, include_snoozed=True)
        by_contract: defaultdict[int, list[Alert]] = defaultdict(list)
        by_supplier: defaultdict[int, list[Alert]] = defaultdict(list)
        for alert in alerts:
            if alert.contract_id is not None:
                by_contract[alert.contract_id].append(alert)
            if alert.supplier_id is not None and alert.kind in (
                AlertKind.BLACKLIST_RISK,
                AlertKind.SANCTIONED_SUPPLIER,
            ):
                by_supplier[alert.supplier_id].append(alert)
        return cls(index, as_of, limits, language, alerts, dict(by_contract), dict(by_supplier))

    def risk(self, supplier_id: int) -> RiskAssessment:
        """The supplier's blacklist-risk score (computed once per supplier)."""
        if supplier_id not in self._risk:
            self.prepare_risks({supplier_id})
        return self._risk[supplier_id]

    def prepare_risks(self, supplier_ids: set[int]) -> None:
        """Score many suppliers in one go before asking ``risk`` for each (a queue)."""
        missing = supplier_ids - self._risk.keys()
        if missing:
            self._risk.update(supplier_risks(self.index, missing, self.as_of, self.thresholds))

    def dates(self, contract: ContractRecord) -> ContractDates:
        """The contract's key dates as of the day (computed once per contract)."""
        known = self._dates.get(contract.id)
        if known is None:
            supplier = self.index.supplier_of(contract)
            known = self._dates[contract.id] = contract_dates(
                contract, supplier, self.as_of, self.thresholds, self.index.calendar
            )
        return known

    def contract_alerts(self, contract: ContractRecord) -> list[Alert]:
        """Alerts naming the contract, then its supplier's risk and sanction alerts."""
        own = list(self.alerts_by_contract.get(contract.id, ()))
        keys = {a.key for a in own}
        own += [
            a for a in self.alerts_by_supplier.get(contract.supplier_id, ()) if a.key not in keys
        ]
        return own


# ---------------------------------------------------------------------------- queue


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One contract in the queue, with why it is there and how urgent it is."""

    contract_id: int
    number: str
    title: str
    supplier_name: str
    value: Decimal
    due: date | None
    days_left: int | None
    severity: Severity | None
    risk_score: int
    why: tuple[str, ...]
    scope_date: date | None = None
    """The due scope: the earliest decision or notice date that put the contract in it."""

    def urgency(self) -> tuple[int, int, int, int, int, Decimal, str]:
        """Sort key: overdue first (longest overdue first), worst alert, nearest date, risk,
        value, number. A decision already late beats a critical one still weeks away."""
        rank = SEVERITY_ORDER[self.severity] if self.severity is not None else 3
        days = self.days_left if self.days_left is not None else _FAR
        overdue = days < 0
        return (
            0 if overdue else 1,
            days if overdue else 0,
            rank,
            days,
            -self.risk_score,
            -self.value,
            self.number,
        )


def _left_text(days: int, language: str) -> str:
    if days > 0:
        return rt(language, "left.days", days=days)
    if days == 0:
        return rt(language, "left.today")
    return rt(language, "left.passed", days=-days)


wants_decision = needs_decision
"""True when the contract needs a renewal decision (the renewal rule's own predicate)."""
notice_applies = needs_notice
"""True when a notice deadline binds the contract (the renewal rule's own predicate)."""


def key_dates(contract: ContractRecord, dates: ContractDates) -> list[tuple[str, date]]:
    """The decision date and notice deadline that bind the contract, if any."""
    found: list[tuple[str, date]] = []
    if wants_decision(contract) and dates.decision_date is not None:
        found.append(("decision", dates.decision_date))
    if notice_applies(contract, dates) and dates.notice_deadline_working is not None:
        found.append(("notice", dates.notice_deadline_working))
    return found


def next_date(
    contract: ContractRecord, dates: ContractDates, graces: Iterable[GraceRecord] = ()
) -> date | None:
    """The nearest date that matters, as the dashboard and the contract list show it."""
    until = grace_end(contract, ((g.granted_on, g.days) for g in graces), dates.as_of)
    return next_deadline(contract, dates, until).day


_DEALT_WITH = ACTING_DECISIONS | PENDING_DECISIONS


def _decided_since(
    reviews: list[ReviewDecisionRecord] | tuple[()], since: date, as_of: date
) -> bool:
    """A reviewer has dealt with it: settled it, or passed it on (escalated, renegotiating);
    the latter keep their alert (F34) but leave the due queue until the date changes."""
    return any(
        r.decision in _DEALT_WITH and since <= r.decided_on <= as_of and settles(r) for r in reviews
    )


def deferred_until(reviews: list[ReviewDecisionRecord] | tuple[()], as_of: date) -> date | None:
    """The date a defer decision puts the contract aside until, when it still runs."""
    running = [
        r.defer_until
        for r in reviews
        if r.decision == ReviewDecisionKind.DEFER
        and r.defer_until is not None
        and r.decided_on <= as_of <= r.defer_until
    ]
    return max(running, default=None)


def _due_scope(context: ReviewContext, days: int) -> tuple[dict[int, list[str]], dict[int, date]]:
    """The contracts due within ``days`` with why, and the earliest date that put each in."""
    as_of, language = context.as_of, context.language
    reach = max(days, max(context.thresholds.alert_horizons_days, default=90))
    found: dict[int, list[str]] = {}
    earliest: dict[int, date] = {}
    for contract in context.index.data.contracts:
        if contract.status not in LIVE_STATUSES or contract.end_date is None:
            continue
        dates = context.dates(contract)
        if dates.end is None or dates.end < as_of:
            continue
        reviews = context.index.reviews_by_contract.get(contract.id, ())
        if deferred_until(reviews, as_of) is not None:
            continue
        whys = []
        for which, when in key_dates(contract, dates):
            left = (when - as_of).days
            if left > days:
                continue
            if _decided_since(reviews, when - timedelta(days=reach), as_of):
                continue
            earliest[contract.id] = min(when, earliest.get(contract.id, when))
            whys.append(
                rt(
                    language,
                    f"why.{which}",
                    day=day(when, language),
                    left=_left_text(left, language),
                )
            )
        if whys:
            found[contract.id] = whys
    return found, earliest


def _live_contracts_of(context: ReviewContext, supplier_id: int) -> list[ContractRecord]:
    return [
        c
        for c in context.index.contracts_by_supplier.get(supplier_id, ())
        if c.status in LIVE_STATUSES
    ]


def _risk_scope(context: ReviewContext) -> dict[int, list[str]]:
    suppliers = {
        a.supplier_id
        for a in context.alerts
        if a.kind == AlertKind.BLACKLIST_RISK and a.supplier_id is not None
    }
    found: dict[int, list[str]] = {}
    context.prepare_risks(suppliers)
    for supplier_id in sorted(suppliers):
        risk = context.risk(supplier_id)
        if risk.score < context.thresholds.blacklist_risk_warning:
            continue
        why = [rt(context.language, "why.risk", score=risk.score)]
        why += risk.explain(context.language)[:1]
        for contract in _live_contracts_of(context, supplier_id):
            found[contract.id] = list(why)
    return found


def sla_window(as_of: date) -> Period:
    """The last ``SLA_WINDOW_DAYS`` days up to ``as_of``."""
    return Period(as_of - timedelta(days=SLA_WINDOW_DAYS - 1), as_of, PeriodKind.RANGE)


def _sla_scope(context: ReviewContext) -> dict[int, list[str]]:
    language = context.language
    index = context.index
    found: dict[int, list[str]] = defaultdict(list)
    for alert in context.alerts:
        if alert.kind not in GAP_KINDS or alert.contract_id is None:
            continue
        contract = index.contracts.get(alert.contract_id)
        if contract is None or contract.status not in LIVE_STATUSES:
            continue
        if alert.title not in found[contract.id]:
            found[contract.id].append(rt(language, "why.gap", title=alert.title))
    window = sla_window(context.as_of)
    live_ucs = {
        c.id: c for c in index.data.contracts if c.is_underpinning and c.status in LIVE_STATUSES
    }
    since = datetime.combine(window.start, time.min)
    blamed = index.incidents_for(set(live_ucs), since=since)
    for contract_id, incidents in blamed.items():
        contract = live_ucs.get(contract_id)
        if contract is None or not incidents:
            continue
        level = uc_level(index, contract, window, context.as_of, incidents)
        if level.breached:
            found[contract_id].append(_breach_text(level, language))
    return dict(found)


def _breach_text(level: ServiceLevel, language: str) -> str:
    return rt(
        language,
        "why.breach",
        achieved=pct(level.availability_pct, language, 2),
        target=pct(level.targets.availability_pct, language, 2),
        breaches=level.breaches,
    )


def last_reviewed(reviews: list[ReviewDecisionRecord] | tuple[()]) -> date | None:
    """The last day a decision other than skip was recorded."""
    return max(
        (r.decided_on for r in reviews if r.decision != ReviewDecisionKind.SKIP), default=None
    )


def _category_scope(
    context: ReviewContext, category: SupplierCategory | None
) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    language = context.language
    for supplier in context.index.data.suppliers:
        if category is not None and supplier.category != category:
            continue
        for contract in _live_contracts_of(context, supplier.id):
            last = last_reviewed(context.index.reviews_by_contract.get(contract.id, ()))
            found[contract.id] = [
                rt(language, "why.periodic", day=day(last, language))
                if last
                else rt(language, "why.periodic_never")
            ]
    return found


def _picked_scope(context: ReviewContext, ids: tuple[int, ...]) -> dict[int, list[str]]:
    why = rt(context.language, "why.picked")
    return {i: [why] for i in dict.fromkeys(ids) if i in context.index.contracts}


def queue_item(
    context: ReviewContext,
    contract_id: int,
    why: list[str] | None = None,
    scope_date: date | None = None,
) -> QueueItem:
    """The queue line of one contract."""
    contract = context.index.contracts[contract_id]
    supplier = context.index.supplier_of(contract)
    dates = context.dates(contract)
    due = next_date(contract, dates, context.index.graces_by_contract.get(contract.id, ()))
    live_alerts = [a for a in context.contract_alerts(contract) if not a.snoozed]
    severity = min((a.severity for a in live_alerts), key=SEVERITY_ORDER.__getitem__, default=None)
    return QueueItem(
        contract_id=contract.id,
        number=contract.number,
        title=contract.title,
        supplier_name=supplier.name if supplier else "-",
        value=contract.value,
        due=due,
        days_left=(due - context.as_of).days if due is not None else None,
        severity=severity,
        risk_score=context.risk(contract.supplier_id).score,
        why=tuple(why or ()),
        scope_date=scope_date,
    )


def build_queue(context: ReviewContext, scope: ReviewScope) -> list[QueueItem]:
    """The contracts of ``scope`` in the order ``ReviewScope.order`` describes."""
    scope_dates: dict[int, date] = {}
    if scope.kind == ScopeKind.DUE:
        found, scope_dates = _due_scope(context, scope.days)
    elif scope.kind == ScopeKind.RISK:
        found = _risk_scope(context)
    elif scope.kind == ScopeKind.SLA_GAPS:
        found = _sla_scope(context)
    elif scope.kind == ScopeKind.CATEGORY:
        found = _category_scope(context, scope.category)
    else:
        found = _picked_scope(context, scope.contract_ids)
    context.prepare_risks(
        {context.index.contracts[i].supplier_id for i in found if i in context.index.contracts}
    )
    items = [
        queue_item(context, contract_id, why, scope_dates.get(contract_id))
        for contract_id, why in found.items()
    ]
    items.sort(key=QueueItem.urgency)
    if scope.kind == ScopeKind.DUE:
        # The earliest decision or notice date first, as on the dashboard and the contract
        # list (G23); urgency orders contracts due the same day (the sort is stable).
        items.sort(key=lambda i: i.scope_date or date.max)
    if scope.kind == ScopeKind.CATEGORY:
        # A periodic review goes through the never reviewed first, then the longest ago
        # (F38); urgency orders contracts last reviewed the same day (the sort is stable).
        reviews = context.index.reviews_by_contract
        last = {i.contract_id: last_reviewed(reviews.get(i.contract_id, ())) for i in items}
        items.sort(key=lambda i: last[i.contract_id] or date.min)
    return items


# ----------------------------------------------------------------------------- page


@dataclass(frozen=True, slots=True)
class ServiceFacts:
    """A service the contract underpins: its SLA target and what it achieved lately."""

    service_id: int
    code: str
    name: str
    level: ServiceLevel


@dataclass(frozen=True, slots=True)
class ReviewPage:
    """Everything about one contract a reviewer needs to decide."""

    as_of: date
    contract: ContractRecord
    supplier: SupplierRecord | None
    dates: ContractDates
    scorecard: Scorecard | None
    sla_window: Period
    uc_level: ServiceLevel | None
    services: tuple[ServiceFacts, ...]
    gaps: tuple[Alert, ...]
    penalty: PenaltyStatus
    letters: tuple[WarningLetterRecord, ...]
    sanctions: tuple[SanctionRecord, ...]
    running_sanctions: tuple[SanctionRecord, ...]
    previous: tuple[ReviewDecisionRecord, ...]
    risk: RiskAssessment
    alerts: tuple[Alert, ...]
    suggestion: Suggestion
    deferred_until: date | None

    @property
    def alert_keys(self) -> tuple[str, ...]:
        """Keys of the contract's alerts shown on the page (what *defer* snoozes)."""
        return tuple(a.key for a in self.alerts)


def review_period(as_of: date, category: SupplierCategory | None) -> Period:
    """Monthly for strategic suppliers, quarterly for the others (DOMAIN.md 4)."""
    if category == SupplierCategory.STRATEGIC:
        return month(as_of.year, as_of.month)
    return quarter(as_of.year, (as_of.month - 1) // 3 + 1)


def build_page(context: ReviewContext, contract_id: int) -> ReviewPage:
    """The review page of one contract as of the context's day."""
    index, as_of, language = context.index, context.as_of, context.language
    contract = index.contracts[contract_id]
    supplier = index.supplier_of(contract)
    dates = context.dates(contract)
    card = None
    if supplier is not None:
        card = supplier_scorecard(
            index,
            supplier.id,
            review_period(as_of, supplier.category),
            as_of,
            context.thresholds,
            language,
        )
    window = sla_window(as_of)
    own_level = uc_level(index, contract, window, as_of) if contract.is_underpinning else None
    services = tuple(
        ServiceFacts(
            link.service_id,
            index.services[link.service_id].code,
            index.services[link.service_id].name,
            service_level(index, link.service_id, window, as_of),
        )
        for link in contract.services
        if link.service_id in index.services
    )
    alerts = tuple(context.contract_alerts(contract))
    service_ids = {link.service_id for link in contract.services}
    gaps = tuple(
        a
        for a in context.alerts
        if a.kind in GAP_KINDS
        and (a.contract_id == contract.id or (a.service_id in service_ids and a.service_id))
    )
    sanctions = tuple(index.sanctions_by_supplier.get(contract.supplier_id, ()))
    reviews = index.reviews_by_contract.get(contract.id, ())
    previous = tuple(
        sorted(
            reviews,
            key=lambda r: (r.decided_on, r.decided_at.isoformat() if r.decided_at else "", r.id),
            reverse=True,
        )
    )
    page = ReviewPage(
        as_of=as_of,
        contract=contract,
        supplier=supplier,
        dates=dates,
        scorecard=card,
        sla_window=window,
        uc_level=own_level,
        services=services,
        gaps=gaps,
        penalty=contract_penalty_status(index, contract, as_of),
        letters=tuple(
            sorted(index.letters_by_contract.get(contract.id, ()), key=lambda x: x.issued_on)
        ),
        sanctions=sanctions,
        running_sanctions=tuple(s for s in sanctions if sanction_running(s, as_of)),
        previous=previous,
        risk=context.risk(contract.supplier_id),
        alerts=alerts,
        suggestion=Suggestion(ReviewDecisionKind.SKIP, (), ""),
        deferred_until=deferred_until(reviews, as_of),
    )
    return _with_suggestion(page, suggest(page, context.thresholds, language))


def _with_suggestion(page: ReviewPage, suggestion: Suggestion) -> ReviewPage:
    return replace(page, suggestion=suggestion)
