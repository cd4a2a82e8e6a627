"""The suggested decision for a review page: from the facts shown, with its reasons.

Never applied by itself: the reviewer decides. See ``suggest`` for the order of the grounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from rekanan.domain.contract_dates import LIVE_STATUSES
from rekanan.domain.review_effects import renewal_plan
from rekanan.domain.review_text import rt
from rekanan.domain.scorecard import Band, Trend
from rekanan.domain.text import day, money, pct
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import (
    RenewalKind,
    ReviewDecisionKind,
    SanctionSource,
    SupplierCategory,
    WarningLevel,
)

if TYPE_CHECKING:
    from rekanan.domain.review import ReviewPage


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A decision the rules suggest, with the facts behind it. The reviewer decides."""

    decision: ReviewDecisionKind
    reasons: tuple[str, ...]
    rule: str


@dataclass
class _Grounds:
    terminate: list[str] = field(default_factory=list)
    retender: list[str] = field(default_factory=list)
    renegotiate: list[str] = field(default_factory=list)


def _letter_grounds(page: ReviewPage, thresholds: Thresholds, language: str) -> list[str]:
    since = page.as_of - timedelta(days=thresholds.letter_in_force_days)
    sp3 = [
        letter
        for letter in page.letters
        if letter.level == WarningLevel.SP3 and since < letter.issued_on <= page.as_of
    ]
    return [rt(language, "sug.sp3", day=day(sp3[-1].issued_on, language))] if sp3 else []


def _penalty_grounds(
    page: ReviewPage, thresholds: Thresholds, language: str, grounds: _Grounds
) -> None:
    status = page.penalty
    if status.share is not None and status.total > 0:
        params = {
            "total": money(status.total, language),
            "cap": money(status.cap, language),
            "share": pct((status.share * 100).quantize(Decimal("0.1")), language, 1),
        }
        if status.at_cap:
            grounds.terminate.append(rt(language, "sug.penalty_cap", **params))
        elif status.share >= thresholds.penalty_warning_share:
            grounds.renegotiate.append(rt(language, "sug.penalty_near", **params))
    left = status.grace_left(page.as_of)
    if left is not None and left < 0 and not status.finished and status.grace_end is not None:
        grounds.terminate.append(
            rt(
                language,
                "sug.grace_over",
                used=status.grace_days,
                day=day(status.grace_end, language),
            )
        )


def _performance_grounds(
    page: ReviewPage, thresholds: Thresholds, language: str, grounds: _Grounds
) -> None:
    score = page.risk.score
    if score >= thresholds.blacklist_risk_critical:
        grounds.retender.append(
            rt(language, "sug.risk", score=score, limit=thresholds.blacklist_risk_critical)
        )
    elif score >= thresholds.blacklist_risk_warning:
        grounds.renegotiate.append(
            rt(language, "sug.risk_warning", score=score, limit=thresholds.blacklist_risk_warning)
        )
    card = page.scorecard
    if card is not None:
        reason = card.band_reasons[0] if card.band_reasons else ""
        if card.band == Band.RED:
            grounds.retender.append(
                rt(language, "sug.band_red", period=card.period.label, reason=reason)
            )
        elif card.band == Band.AMBER:
            grounds.renegotiate.append(
                rt(language, "sug.band_amber", period=card.period.label, reason=reason)
            )
        if card.trend == Trend.DOWN and card.previous_value is not None:
            grounds.renegotiate.append(
                rt(language, "sug.trend_down", previous=card.previous_value, value=card.value)
            )
    if page.gaps:
        grounds.renegotiate.append(rt(language, "sug.gaps", count=len(page.gaps)))
    level = page.uc_level
    if level is not None and level.breached:
        grounds.renegotiate.append(
            rt(
                language,
                "sug.breaches",
                breaches=level.breaches,
                achieved=pct(level.availability_pct, language, 2),
                target=pct(level.targets.availability_pct, language, 2),
            )
        )


def _renewal_grounds(page: ReviewPage, language: str, grounds: _Grounds) -> None:
    contract, dates = page.contract, page.dates
    for sanction in page.running_sanctions:
        grounds.retender.append(
            rt(language, "sug.sanction", until=day(sanction.end_date, language))
        )
    if contract.renewal_kind == RenewalKind.NONE:
        grounds.retender.append(rt(language, "sug.no_clause"))
    elif (
        contract.renewal_kind == RenewalKind.TACIT
        and dates.renewals_left is not None
        and dates.renewals_left <= 0
    ):
        grounds.retender.append(
            rt(
                language,
                "sug.no_renewals",
                used=contract.max_renewals,
                max=contract.max_renewals,
                end=day(dates.end, language),
            )
        )


def suggest(page: ReviewPage, thresholds: Thresholds, language: str) -> Suggestion:
    """The decision the facts on the page point to, with the reasons, strongest first.

    Grounds to terminate (an SP3, penalties at the cap, grace days run out) come first, and
    for a strategic supplier they go to the head of agency (escalate); then grounds to
    re-tender (critical risk, a red scorecard, a running blacklist sanction, no renewal
    left); then grounds to renegotiate (SLA/UC gaps, breaches, an amber scorecard, a falling
    trend, penalties near the cap, risk at the warning level). With none, renew; without an
    evaluation and a decision still far off, defer until one is made. A contract past its
    end date that the PPK treats as late (penalties running, grace days) is judged like a
    running one; one that simply ended points to its successor.
    """
    rule = rt(language, "rule.suggest")
    contract, dates = page.contract, page.dates
    late = page.penalty.days_late > 0 and not page.penalty.finished  # past its end, in grace
    ended = dates.end is not None and dates.end < page.as_of and not late
    if contract.status not in LIVE_STATUSES or ended:
        return Suggestion(
            ReviewDecisionKind.RETENDER if contract.is_underpinning else ReviewDecisionKind.SKIP,
            (rt(language, "sug.ended", day=day(dates.end, language)),),
            rule,
        )
    national = [s for s in page.running_sanctions if s.source == SanctionSource.NATIONAL]
    if national:
        return Suggestion(
            ReviewDecisionKind.ESCALATE,
            (
                rt(language, "sug.national"),
                rt(language, "sug.sanction", until=day(national[0].end_date, language)),
            ),
            rule,
        )
    grounds = _Grounds(terminate=_letter_grounds(page, thresholds, language))
    _penalty_grounds(page, thresholds, language, grounds)
    _performance_grounds(page, thresholds, language, grounds)
    _renewal_grounds(page, language, grounds)
    strategic = page.supplier is not None and page.supplier.category == SupplierCategory.STRATEGIC
    if grounds.terminate:
        reasons = grounds.terminate + grounds.retender
        if strategic:
            return Suggestion(
                ReviewDecisionKind.ESCALATE,
                (*reasons, rt(language, "sug.strategic")),
                rule,
            )
        return Suggestion(ReviewDecisionKind.TERMINATE, tuple(reasons), rule)
    if grounds.retender:
        return Suggestion(
            ReviewDecisionKind.RETENDER, tuple(grounds.retender + grounds.renegotiate), rule
        )
    if grounds.renegotiate:
        return Suggestion(ReviewDecisionKind.RENEGOTIATE, tuple(grounds.renegotiate), rule)
    return _renew_or_defer(page, language, rule)


def _renew_or_defer(page: ReviewPage, language: str, rule: str) -> Suggestion:
    contract, dates = page.contract, page.dates
    card = page.scorecard
    measured = page.uc_level is not None and page.uc_level.window_seconds > 0
    decision_left = dates.days_to_decision
    unmeasured = (card is None or card.value is None) and not measured
    if unmeasured and decision_left is not None and decision_left > 30:
        return Suggestion(
            ReviewDecisionKind.DEFER,
            (
                rt(language, "sug.no_score"),
                rt(language, "sug.far", day=day(dates.decision_date, language)),
            ),
            rule,
        )
    reasons = []
    if card is not None and card.value is not None:
        reasons.append(
            rt(
                language,
                "sug.band_green",
                period=card.period.label,
                value=card.value,
                category=card.category or "-",
            )
        )
    else:
        reasons.append(rt(language, "sug.no_score_near", day=day(dates.decision_date, language)))
    reasons.append(rt(language, "sug.clean"))
    plan = renewal_plan(contract, dates)
    if contract.renewal_kind == RenewalKind.EXPRESS and dates.notice_deadline_working:
        reasons.append(
            rt(language, "sug.express", day=day(dates.notice_deadline_working, language))
        )
    elif plan.extends and dates.renewals_left is not None:
        reasons.append(
            rt(
                language,
                "sug.renewals_left",
                left=dates.renewals_left,
                end=day(plan.new_end, language),
            )
        )
    return Suggestion(ReviewDecisionKind.RENEW, tuple(reasons), rule)
