"""What a review decision does, as rules: which decisions need a note, how *renew* extends
a contract per its renewal terms, where *re-tender* freezes the end.

``rekanan.store.review`` applies these plans in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rekanan.domain.contract_dates import DEFAULT_RENEWAL_MONTHS, ContractDates, add_months
from rekanan.domain.records import ContractRecord
from rekanan.domain.review_text import rt
from rekanan.domain.text import day
from rekanan.models.enums import RenewalKind, ReviewDecisionKind

NOTE_REQUIRED = frozenset(
    {ReviewDecisionKind.TERMINATE, ReviewDecisionKind.RENEGOTIATE, ReviewDecisionKind.DEFER}
)
"""Decisions that are not recorded without a note (issue 5 section 3)."""


def requires_note(decision: ReviewDecisionKind) -> bool:
    """True when ``decision`` must come with a note."""
    return decision in NOTE_REQUIRED


@dataclass(frozen=True, slots=True)
class RenewalPlan:
    """What *renew* does to a contract: extend it, or send the reviewer to the form."""

    extends: bool
    months: int
    old_end: date | None
    new_end: date | None
    renewals_used: int
    message_key: str

    def message(self, language: str) -> str:
        """The effect in words."""
        return rt(
            language,
            self.message_key,
            months=self.months,
            old=day(self.old_end, language),
            new=day(self.new_end, language),
            used=self.renewals_used,
            max=self.renewals_used,
        )


def renewal_plan(contract: ContractRecord, dates: ContractDates) -> RenewalPlan:
    """Renew per the renewal terms: a tacit contract with renewals left runs one more term
    from the end of its current term; an express renewal, a contract with no renewal clause
    or one at its maximum of renewals needs an addendum, entered in the contract form."""
    months = contract.renewal_period_months or DEFAULT_RENEWAL_MONTHS
    end = dates.end
    new_end = add_months(end, months) if end is not None else None
    used_now = contract.renewals_used + dates.rolled_terms
    if contract.renewal_kind == RenewalKind.EXPRESS:
        return RenewalPlan(False, months, end, new_end, used_now, "renew.form_express")
    if contract.renewal_kind == RenewalKind.NONE or end is None:
        return RenewalPlan(False, months, end, None, used_now, "renew.form_none")
    if dates.renewals_left is not None and dates.renewals_left <= 0:
        return RenewalPlan(False, months, end, None, contract.max_renewals, "renew.form_max")
    return RenewalPlan(True, months, end, new_end, used_now + 1, "renew.extended")


@dataclass(frozen=True, slots=True)
class RetenderPlan:
    """What *re-tender* does: the contract ends at the end of its current term."""

    end: date | None
    renewals_used: int


def retender_plan(contract: ContractRecord, dates: ContractDates) -> RetenderPlan:
    """Freeze the end at the current term's end (tacit terms that rolled are counted)."""
    return RetenderPlan(dates.end, contract.renewals_used + dates.rolled_terms)
