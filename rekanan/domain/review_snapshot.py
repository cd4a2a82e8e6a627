"""The snapshot of a review page: the facts shown, as a JSON-ready dict.

Stored with every decision (``ReviewDecision.snapshot_json``) so the record later shows
what the reviewer saw, whatever has changed since. Values are strings, numbers, lists and
dicts only; dates are ISO, money and percentages are decimal strings.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from rekanan.domain.review import ReviewPage
from rekanan.domain.service_levels import ServiceLevel


def _d(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _n(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _level(level: ServiceLevel | None) -> dict[str, Any] | None:
    if level is None:
        return None
    return {
        "from": _d(level.first),
        "to": _d(level.last),
        "target_availability_pct": _n(level.targets.availability_pct),
        "availability_pct": _n(level.availability_pct),
        "incidents": level.incidents,
        "breaches": level.breaches,
        "mttr_hours": _n(level.mttr_hours),
    }


def snapshot(page: ReviewPage, language: str) -> dict[str, Any]:
    """The facts shown on the page, JSON-ready, to store with the decision."""
    contract, dates, card = page.contract, page.dates, page.scorecard
    supplier = page.supplier
    status = page.penalty
    return {
        "as_of": _d(page.as_of),
        "language": language,
        "contract": {
            "id": contract.id,
            "number": contract.number,
            "title": contract.title,
            "status": contract.status.value,
            "value": str(contract.value),
            "start": _d(contract.start_date),
            "end": _d(contract.end_date),
            "notice_days": contract.notice_days,
            "renewal_kind": contract.renewal_kind.value,
            "renewal_period_months": contract.renewal_period_months,
            "renewals_used": contract.renewals_used + dates.rolled_terms,
            "max_renewals": contract.max_renewals,
            "renewals_left": dates.renewals_left,
            "is_underpinning": contract.is_underpinning,
            "version": contract.version,
        },
        "supplier": {
            "id": supplier.id if supplier else None,
            "name": supplier.name if supplier else "",
            "npwp": supplier.npwp if supplier else None,
            "category": supplier.category.value if supplier else None,
        },
        "dates": {
            "current_end": _d(dates.end),
            "notice_deadline": _d(dates.notice_deadline_working),
            "decision_date": _d(dates.decision_date),
            "days_to_end": dates.days_to_end,
            "days_to_notice": dates.days_to_notice,
            "days_to_decision": dates.days_to_decision,
            "final_end": _d(dates.final_end),
        },
        "scorecard": None
        if card is None
        else {
            "period": card.period.label,
            "value": _n(card.value),
            "category": card.category,
            "band": card.band.value,
            "band_reasons": list(card.band_reasons),
            "previous_value": _n(card.previous_value),
            "trend": card.trend.value if card.trend else None,
            "history": [
                {"period": p.period.label, "value": _n(p.value), "band": p.band.value}
                for p in card.history
            ],
        },
        "uc_level": _level(page.uc_level),
        "services": [
            {"code": s.code, "name": s.name, "level": _level(s.level)} for s in page.services
        ],
        "gaps": [{"key": a.key, "title": a.title, "reasons": list(a.reasons)} for a in page.gaps],
        "penalty": {
            "total": str(status.total),
            "cap": str(status.cap),
            "share": _n(status.share.quantize(Decimal("0.0001")) if status.share else None),
            "days_late": status.days_late,
            "grace_days": status.grace_days,
            "grace_end": _d(status.grace_end),
        },
        "warning_letters": [
            {"level": str(x.level), "issued_on": _d(x.issued_on), "number": x.letter_number}
            for x in page.letters
        ],
        "sanctions": [
            {
                "kind": s.kind.value,
                "status": s.status.value,
                "source": s.source.value,
                "start": _d(s.start_date),
                "end": _d(s.end_date),
                "running": s in page.running_sanctions,
            }
            for s in page.sanctions
        ],
        "previous_decisions": [
            {
                "decided_on": _d(r.decided_on),
                "decision": r.decision.value,
                "reviewer": r.reviewer,
                "notes": r.notes,
            }
            for r in page.previous
        ],
        "risk": {"score": page.risk.score, "reasons": page.risk.explain(language)},
        "alerts": [
            {
                "key": a.key,
                "kind": a.kind.value,
                "severity": a.severity.value,
                "title": a.title,
                "snoozed_until": _d(a.snoozed_until),
            }
            for a in page.alerts
        ],
        "suggestion": {
            "decision": page.suggestion.decision.value,
            "reasons": list(page.suggestion.reasons),
        },
    }
