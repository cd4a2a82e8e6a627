"""Coverage alerts for re-tendered contracts: the service needs a successor before the end.

Rule (issue 5 section 4; DOMAIN.md 4 "UCs underpin SLAs"): when a review decides to
re-tender an underpinning contract, the contract ends at its end date, so every service it
backs needs a successor UC (registered, even as a draft) from the day after. Until one is
registered a ``coverage_gap`` alert is raised, whatever the distance to the end date and
whether or not the service has an SLA yet. Where the general coverage rule already raises
the same gap (same key), it is not raised twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from rekanan.domain.alert import Alert, AlertKind, Severity
from rekanan.domain.contract_dates import LIVE_STATUSES
from rekanan.domain.coverage import coverage_alerts, service_coverage
from rekanan.domain.index import AgencyIndex
from rekanan.domain.records import ContractRecord, ReviewDecisionRecord
from rekanan.domain.review_text import rt
from rekanan.domain.text import day
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ReviewDecisionKind

_STANDING = frozenset(
    {
        ReviewDecisionKind.RENEW,
        ReviewDecisionKind.RENEGOTIATE,
        ReviewDecisionKind.RETENDER,
        ReviewDecisionKind.TERMINATE,
    }
)
"""Decisions that replace an earlier one (escalate, defer and skip leave it standing)."""


def standing_decision(
    reviews: list[ReviewDecisionRecord] | tuple[()],
) -> ReviewDecisionRecord | None:
    """The latest renew/renegotiate/re-tender/terminate decision of a contract, if any."""
    latest: ReviewDecisionRecord | None = None
    for review in reviews:
        if review.decision not in _STANDING:
            continue
        if latest is None or _when(review) > _when(latest):
            latest = review
    return latest


def _when(review: ReviewDecisionRecord) -> tuple[date, str, int]:
    at = review.decided_at.isoformat() if review.decided_at else ""
    return (review.decided_on, at, review.id)


def retendered_contracts(index: AgencyIndex) -> list[tuple[ContractRecord, ReviewDecisionRecord]]:
    """Live underpinning contracts whose standing review decision is to re-tender."""
    found = []
    for contract_id, reviews in index.reviews_by_contract.items():
        contract = index.contracts.get(contract_id)
        if contract is None or not contract.is_underpinning or contract.end_date is None:
            continue
        if contract.status not in LIVE_STATUSES:
            continue
        standing = standing_decision(reviews)
        if standing is not None and standing.decision == ReviewDecisionKind.RETENDER:
            found.append((contract, standing))
    return found


def retender_alerts(
    index: AgencyIndex, as_of: date, thresholds: Thresholds, language: str
) -> Iterator[Alert]:
    """``coverage_gap`` alerts for services of re-tendered UCs with no successor yet."""
    retendered = retendered_contracts(index)
    if not retendered:
        return
    raised = {alert.key for alert in coverage_alerts(index, as_of, thresholds, language)}
    for contract, decision in retendered:
        assert contract.end_date is not None
        need = contract.end_date + timedelta(days=1)
        if need < as_of:
            continue
        for link in contract.services:
            service = index.services.get(link.service_id)
            if service is None:
                continue
            for dependency in service_coverage(index, service.id, need, need, as_of):
                if (dependency.component or None) != (link.component or None):
                    continue
                gap = dependency.uncovered_from
                if gap is None:
                    continue
                key = f"coverage_gap:service:{service.id}:{link.component or '-'}:{gap.isoformat()}"
                if key in raised:
                    continue
                raised.add(key)
                days_left = (gap - as_of).days
                yield Alert(
                    kind=AlertKind.COVERAGE_GAP,
                    severity=Severity.CRITICAL if days_left <= 30 else Severity.WARNING,
                    title=rt(
                        language,
                        "retender.title",
                        number=contract.number,
                        service=service.name,
                        day=day(gap, language),
                    ),
                    key=key,
                    rule=rt(language, "rule.retender"),
                    due=gap,
                    days_left=days_left,
                    reasons=(
                        rt(
                            language,
                            "retender.reason",
                            decided=day(decision.decided_on, language),
                            reviewer=decision.reviewer or "-",
                            number=contract.number,
                            end=day(contract.end_date, language),
                        ),
                        rt(language, "retender.successor", day=day(gap, language)),
                    ),
                    **index.subject(contract=contract, service=service),
                )
