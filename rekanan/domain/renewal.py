"""Renewal, notice and expiry alerts for each contract that binds the agency.

Rules (DOMAIN.md 4 and issue 3 section 1):

* alerts appear at the horizons (default 90, 60, 30 and 7 days before each date) and every
  day once the date has passed, until someone acts: the contract's status or dates change
  (which changes the alert key), or, for the renewal decision, a review decision (renew,
  renegotiate, re-tender, terminate, escalate) is recorded inside the alert window;
  a *defer* decision puts the alert aside until its date, like a snooze;
* **renewal_decision**: for tacit and express renewals and for every underpinning contract
  (the services need a successor), due ``notice deadline - procurement lead time``;
* **notice_deadline**: for tacit renewals (notice stops the renewal) and express ones (the
  renewal must be agreed), due on the working day on or before ``end - notice``; not for a
  tacit contract at its maximum of renewals, which simply ends;
* **contract_expiring**: for every contract that will end (not one that renews tacitly),
  due on its end date; once passed and the status is still active, daily and critical.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from rekanan.domain.alert import Alert, AlertKind, Severity, horizon_severity
from rekanan.domain.contract_dates import (
    LIVE_STATUSES,
    ContractDates,
    contract_dates,
    needs_decision,
    needs_notice,
)
from rekanan.domain.index import AgencyIndex
from rekanan.domain.records import ContractRecord, ReviewDecisionRecord
from rekanan.domain.review_text import rt
from rekanan.domain.text import day, enum_label, status_label, t
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus, RenewalKind, ReviewDecisionKind

ACTING_DECISIONS = frozenset(
    {
        ReviewDecisionKind.RENEW,
        ReviewDecisionKind.RETENDER,
        ReviewDecisionKind.TERMINATE,
    }
)
"""Decisions that settle the renewal question. Escalating (the head of agency still has to
decide) and renegotiating (the contract has not changed yet) settle nothing: the decision
alert stays, with a line saying who is waiting for what (F34). A renewal that only opened
the contract form and was never saved settles nothing either."""

PENDING_DECISIONS = frozenset({ReviewDecisionKind.ESCALATE, ReviewDecisionKind.RENEGOTIATE})
"""Decisions that leave the renewal question open: the decision alert says so."""


@dataclass(frozen=True, slots=True)
class Deferral:
    """A review decision that puts a contract's alerts aside until a date."""

    until: date
    reason: str


def contract_alerts(
    index: AgencyIndex, as_of: date, thresholds: Thresholds, language: str
) -> Iterator[tuple[Alert, Deferral | None]]:
    """Renewal decision, notice deadline and expiry alerts of every live contract."""
    horizons = thresholds.alert_horizons_days
    for contract in index.data.contracts:
        if contract.status not in LIVE_STATUSES or contract.end_date is None:
            continue
        if beyond_every_horizon(contract, as_of, thresholds):
            continue
        supplier = index.supplier_of(contract)
        dates = contract_dates(contract, supplier, as_of, thresholds, index.calendar)
        yield from _for_contract(index, contract, dates, as_of, horizons, language)


def date_reach(thresholds: Thresholds) -> tuple[int, int]:
    """(furthest horizon + a week of holidays, longest lead time) for the quick skip.

    The week covers the notice deadline moving back to a working day; the lead time is
    the longest a contract without its own can get (its category's, or 60 days).
    """
    reach = max(thresholds.alert_horizons_days, default=90) + 7
    return reach, max(60, *thresholds.lead_days_by_category.values())


def beyond_every_horizon(contract: ContractRecord, as_of: date, thresholds: Thresholds) -> bool:
    """True when no date of a live contract can raise an alert yet: the earliest of them,
    the renewal decision (``end - notice - lead``), is beyond the furthest horizon.

    Tacit terms only push the dates later, so the stored end date bounds them; a
    termination can pull the end earlier, so a contract with one is never skipped.
    ``rekanan.store.alert_slice`` asks the database the same question.
    """
    if contract.end_date is None or contract.termination_date is not None:
        return False
    reach, max_lead = date_reach(thresholds)
    lead = contract.procurement_lead_days
    earliest = contract.end_date - timedelta(
        days=contract.notice_days + (max_lead if lead is None else lead)
    )
    return (earliest - as_of).days > reach


def _for_contract(
    index: AgencyIndex,
    contract: ContractRecord,
    dates: ContractDates,
    as_of: date,
    horizons: tuple[int, ...],
    language: str,
) -> Iterator[tuple[Alert, Deferral | None]]:
    if dates.end is None:
        return
    reviews = index.reviews_by_contract.get(contract.id, ())
    reach = max(horizons, default=90)
    deferral = _deferral(reviews, as_of)
    ended = dates.end < as_of
    if needs_decision(contract) and not ended and dates.decision_date is not None:
        days_left = (dates.decision_date - as_of).days
        severity = horizon_severity(days_left, horizons)
        window_start = dates.decision_date - timedelta(days=reach)
        if severity is not None and not _acted(reviews, window_start, as_of):
            alert = _decision_alert(index, contract, dates, days_left, severity, language)
            waiting = _waiting(
                reviews, window_start, as_of, dates.decision_date, language, contract.title
            )
            if waiting:
                title, line = waiting
                alert = replace(alert, title=title, reasons=(*alert.reasons, line))
            yield alert, deferral
    if not ended and needs_notice(contract, dates) and dates.notice_deadline_working is not None:
        days_left = (dates.notice_deadline_working - as_of).days
        severity = horizon_severity(days_left, horizons)
        window_start = dates.notice_deadline_working - timedelta(days=reach)
        renewed = _acted(reviews, window_start, as_of, {ReviewDecisionKind.RENEW})
        if severity is not None and not renewed:
            yield _notice_alert(index, contract, dates, days_left, severity, language), deferral
    if not dates.renews_tacitly:
        days_left = (dates.end - as_of).days
        severity = horizon_severity(days_left, horizons)
        if severity is not None:
            yield _expiry_alert(index, contract, dates, days_left, severity, language), deferral


def _acted(
    reviews: list[ReviewDecisionRecord] | tuple[()],
    since: date,
    as_of: date,
    kinds: frozenset[ReviewDecisionKind] | set[ReviewDecisionKind] = ACTING_DECISIONS,
) -> bool:
    return any(
        r.decision in kinds and since <= r.decided_on <= as_of and settles(r) for r in reviews
    )


def settles(review: ReviewDecisionRecord) -> bool:
    """False for a renewal recorded before its addendum form was saved (older versions
    recorded it when the form opened): the contract did not change, nothing is settled."""
    return not (
        review.decision == ReviewDecisionKind.RENEW and '"open_form": true' in review.effect_json
    )


def _waiting(
    reviews: list[ReviewDecisionRecord] | tuple[()],
    since: date,
    as_of: date,
    due: date,
    language: str,
    title: str,
) -> tuple[str, str] | None:
    """What an escalated or renegotiated contract waits for: the decision alert's title
    and a line among its reasons (same key and due date, so snoozes still apply)."""
    latest = None
    for review in reviews:
        if review.decision in PENDING_DECISIONS and since <= review.decided_on <= as_of:
            latest = review
    if latest is None:
        return None
    key = f"pending.{latest.decision.name.lower()}"
    line = rt(
        language,
        key,
        day=day(latest.decided_on, language),
        due=day(due, language),
        note=latest.notes or "-",
    )
    return rt(language, f"{key}_title", title=title), line


def _deferral(reviews: list[ReviewDecisionRecord] | tuple[()], as_of: date) -> Deferral | None:
    latest: Deferral | None = None
    for review in reviews:
        if (
            review.decision == ReviewDecisionKind.DEFER
            and review.defer_until is not None
            and review.decided_on <= as_of <= review.defer_until
            and (latest is None or review.defer_until > latest.until)
        ):
            latest = Deferral(review.defer_until, review.notes or review.decision.value)
    return latest


def _decision_alert(
    index: AgencyIndex,
    contract: ContractRecord,
    dates: ContractDates,
    days_left: int,
    severity: Severity,
    language: str,
) -> Alert:
    assert dates.decision_date is not None
    supplier = index.supplier_of(contract)
    if contract.procurement_lead_days is not None:
        source = t(language, "renewal.lead_contract")
    else:
        category = enum_label("supplier_category", supplier.category, language) if supplier else "-"
        source = t(language, "renewal.lead_category", category=category)
    reasons = [
        t(
            language,
            "renewal.reason_end",
            number=contract.number,
            end=day(dates.end, language),
            notice=contract.notice_days,
        ),
        t(
            language,
            "renewal.reason_lead",
            lead=dates.lead_days,
            source=source,
            decision=day(dates.decision_date, language),
        ),
    ]
    if contract.renewal_kind == RenewalKind.TACIT and dates.renewals_left == 0:
        reasons.append(t(language, "renewal.reason_max", max=contract.max_renewals))
    if days_left < 0:
        reasons.append(t(language, "renewal.reason_passed", days=-days_left))
    title_key = "renewal.title_passed" if days_left < 0 else "renewal.title"
    return Alert(
        kind=AlertKind.RENEWAL_DECISION,
        severity=severity,
        title=t(language, title_key, title=contract.title),
        key=f"renewal_decision:contract:{contract.id}:{dates.decision_date.isoformat()}",
        rule=t(language, "rule.renewal_decision"),
        due=dates.decision_date,
        days_left=days_left,
        reasons=tuple(reasons),
        **index.subject(contract=contract),
    )


def _notice_alert(
    index: AgencyIndex,
    contract: ContractRecord,
    dates: ContractDates,
    days_left: int,
    severity: Severity,
    language: str,
) -> Alert:
    assert dates.notice_deadline is not None and dates.notice_deadline_working is not None
    reasons = [
        t(
            language,
            "notice.reason_deadline",
            number=contract.number,
            end=day(dates.end, language),
            notice=contract.notice_days,
            deadline=day(dates.notice_deadline, language),
        )
    ]
    if dates.notice_holiday:
        reasons.append(
            t(
                language,
                "notice.reason_holiday",
                deadline=day(dates.notice_deadline, language),
                holiday=dates.notice_holiday,
                working=day(dates.notice_deadline_working, language),
            )
        )
    if dates.renews_tacitly:
        left = (
            ""
            if dates.renewals_left is None
            else t(language, "notice.renewals_left", left=dates.renewals_left)
        )
        reasons.append(
            t(
                language,
                "notice.reason_renews",
                months=contract.renewal_period_months or 12,
                next=day(dates.next_renewal, language),
                left=left,
            )
        )
        if dates.rolled_terms:
            reasons.append(t(language, "notice.reason_rolled", count=dates.rolled_terms))
        title_key = "notice.title"
    else:
        reasons.append(
            t(
                language,
                "notice.reason_express",
                deadline=day(dates.notice_deadline_working, language),
            )
        )
        title_key = "notice.title_express"
    if days_left < 0:
        title_key = "notice.title_passed"
    return Alert(
        kind=AlertKind.NOTICE_DEADLINE,
        severity=severity,
        title=t(language, title_key, title=contract.title),
        key=f"notice_deadline:contract:{contract.id}:{dates.notice_deadline.isoformat()}",
        rule=t(language, "rule.notice_deadline" if dates.renews_tacitly else "rule.notice_express"),
        due=dates.notice_deadline_working,
        days_left=days_left,
        reasons=tuple(reasons),
        **index.subject(contract=contract),
    )


def _expiry_alert(
    index: AgencyIndex,
    contract: ContractRecord,
    dates: ContractDates,
    days_left: int,
    severity: Severity,
    language: str,
) -> Alert:
    assert dates.end is not None
    if days_left < 0:
        reasons = [
            t(
                language,
                "expiring.reason_passed",
                number=contract.number,
                end=day(dates.end, language),
                days=-days_left,
            )
        ]
        title = t(
            language,
            "expiring.title_passed",
            title=contract.title,
            status=status_label(contract.status, language),
        )
    else:
        reasons = [
            t(
                language,
                "expiring.reason_end",
                number=contract.number,
                end=day(dates.end, language),
                days=days_left,
            )
        ]
        title = t(language, "expiring.title", title=contract.title)
    if contract.renewal_kind == RenewalKind.TACIT and dates.renewals_left == 0:
        reasons.append(t(language, "renewal.reason_max", max=contract.max_renewals))
    if contract.status == ContractStatus.IN_NOTICE:
        reasons.append(t(language, "expiring.reason_in_notice"))
    names = [
        index.services[link.service_id].name
        for link in contract.services
        if contract.is_underpinning and link.service_id in index.services
    ]
    if names:
        reasons.append(t(language, "expiring.reason_services", services=", ".join(names)))
    return Alert(
        kind=AlertKind.CONTRACT_EXPIRING,
        severity=severity,
        title=title,
        key=f"contract_expiring:contract:{contract.id}:{dates.end.isoformat()}",
        rule=t(language, "rule.contract_expiring"),
        due=dates.end,
        days_left=days_left,
        reasons=tuple(reasons),
        **index.subject(contract=contract),
    )
