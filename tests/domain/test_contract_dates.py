"""Contract dates: end, notice deadline, renewal decision, tacit renewals, leap years."""

from datetime import date

import pytest
from domain_factories import contract, supplier

from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import add_months, contract_dates, coverage_end
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus, RenewalKind, SupplierCategory

CAL = WorkingCalendar()
LIMITS = Thresholds()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2027, 2, 28), 12, date(2028, 2, 29)),  # last day of Feb stays last day
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 4, 30), 1, date(2026, 5, 31)),
    ],
)
def test_add_months(day, months, expected) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("end", "notice", "deadline", "working", "holiday"),
    [
        (date(2026, 12, 31), 30, date(2026, 12, 1), date(2026, 12, 1), None),
        # Leap year: 30 days before 30 March 2028 is 29 February.
        (date(2028, 3, 30), 30, date(2028, 2, 29), date(2028, 2, 29), None),
        # On Hari Kemerdekaan (Monday): the notice must go out on Friday 14 August.
        (date(2026, 9, 16), 30, date(2026, 8, 17), date(2026, 8, 14), "Kemerdekaan"),
        # On a Sunday.
        (date(2026, 12, 22), 30, date(2026, 11, 22), date(2026, 11, 20), "Minggu"),
        # On cuti bersama Natal, after which come Natal and a weekend.
        (date(2027, 1, 23), 30, date(2026, 12, 24), date(2026, 12, 23), "Cuti Bersama"),
        (date(2026, 12, 31), 0, date(2026, 12, 31), date(2026, 12, 31), None),
    ],
)
def test_notice_deadline(end, notice, deadline, working, holiday) -> None:
    dates = contract_dates(
        contract(end_date=end, notice_days=notice), supplier(), date(2026, 1, 1), LIMITS, CAL
    )
    assert dates.notice_deadline == deadline
    assert dates.notice_deadline_working == working
    if holiday is None:
        assert dates.notice_holiday is None
    else:
        assert holiday in (dates.notice_holiday or "")


@pytest.mark.parametrize(
    ("category", "own_lead", "lead"),
    [
        (SupplierCategory.STRATEGIC, None, 120),
        (SupplierCategory.TACTICAL, None, 90),
        (SupplierCategory.OPERATIONAL, None, 60),
        (SupplierCategory.COMMODITY, None, 30),
        (SupplierCategory.STRATEGIC, 45, 45),
    ],
)
def test_renewal_decision_lead_time(category, own_lead, lead) -> None:
    dates = contract_dates(
        contract(end_date=date(2026, 12, 31), notice_days=30, procurement_lead_days=own_lead),
        supplier(category=category),
        date(2026, 11, 23),
        LIMITS,
        CAL,
    )
    assert dates.lead_days == lead
    assert dates.decision_date == date(2026, 12, 1) - (date(2026, 1, 1) - date(2025, 12, 31)) * lead
    assert dates.days_to_decision == (dates.decision_date - date(2026, 11, 23)).days


def test_tacit_renewal_rolls_over_unrecorded_terms() -> None:
    record = contract(
        start_date=date(2024, 1, 1),
        end_date=date(2024, 12, 31),
        renewal_kind=RenewalKind.TACIT,
        renewal_period_months=12,
        max_renewals=4,
        renewals_used=1,
    )
    dates = contract_dates(record, supplier(), date(2026, 11, 23), LIMITS, CAL)
    assert dates.rolled_terms == 2
    assert dates.end == date(2026, 12, 31)
    assert dates.renewals_left == 1
    assert dates.renews_tacitly
    assert dates.next_renewal == date(2027, 1, 1)
    assert dates.final_end == date(2027, 12, 31)
    assert dates.days_to_end == 38


def test_tacit_renewal_at_the_maximum_does_not_renew() -> None:
    record = contract(
        end_date=date(2026, 12, 31),
        renewal_kind=RenewalKind.TACIT,
        max_renewals=3,
        renewals_used=3,
    )
    dates = contract_dates(record, supplier(), date(2026, 11, 23), LIMITS, CAL)
    assert dates.renewals_left == 0
    assert not dates.renews_tacitly
    assert dates.next_renewal is None
    assert dates.final_end == date(2026, 12, 31)
    # Past its end at the maximum, nothing rolls over.
    later = contract_dates(record, supplier(), date(2027, 2, 1), LIMITS, CAL)
    assert later.end == date(2026, 12, 31) and later.rolled_terms == 0
    assert coverage_end(record) == date(2026, 12, 31)


def test_tacit_without_cap_is_open_ended() -> None:
    record = contract(end_date=date(2026, 12, 31), renewal_kind=RenewalKind.TACIT)
    dates = contract_dates(record, supplier(), date(2026, 11, 23), LIMITS, CAL)
    assert dates.renewals_left is None and dates.renews_tacitly and dates.final_end is None
    assert coverage_end(record) is None


def test_contract_in_notice_ends() -> None:
    record = contract(
        end_date=date(2026, 12, 31),
        renewal_kind=RenewalKind.TACIT,
        status=ContractStatus.IN_NOTICE,
    )
    dates = contract_dates(record, supplier(), date(2026, 11, 23), LIMITS, CAL)
    assert not dates.renews_tacitly and dates.final_end == date(2026, 12, 31)
    assert coverage_end(record) == date(2026, 12, 31)


def test_leap_year_tacit_term() -> None:
    record = contract(
        start_date=date(2026, 3, 1),
        end_date=date(2027, 2, 28),
        renewal_kind=RenewalKind.TACIT,
        max_renewals=2,
    )
    dates = contract_dates(record, supplier(), date(2027, 3, 15), LIMITS, CAL)
    assert dates.end == date(2028, 2, 29)
    assert dates.notice_deadline == date(2028, 1, 30)


def test_no_end_date() -> None:
    dates = contract_dates(contract(end_date=None), supplier(), date(2026, 11, 23), LIMITS, CAL)
    assert dates.end is None and dates.notice_deadline is None and dates.days_to_end is None
