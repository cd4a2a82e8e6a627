"""A contract in notice or being terminated ends at its termination date, or at the end of
the term that runs (tacit terms that rolled count), never at a stale base end date (UX F31).

The tester's case: a tacit contract signed 6 Feb 2025 for a year, rolled to 6 Feb 2027
without anyone recording it, terminated at review with effect on 7 Dec 2026. The store
leaves ``end_date`` at 6 Feb 2026 and sets status ``masa_pemberitahuan`` and the
termination date; alerts claimed the contract 290 days overdue and its service uncovered
since February.
"""

from __future__ import annotations

from datetime import date

from domain_factories import AS_OF, agency, contract, service, sla, supplier, uc

from rekanan.domain.alert import AlertKind, Severity
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import contract_dates, coverage_end
from rekanan.domain.text import status_label
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus, RenewalKind

CAL = WorkingCalendar()
LIMITS = Thresholds()
TERMINATION = date(2026, 12, 7)


def _tacit(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "start_date": date(2025, 2, 6),
        "end_date": date(2026, 2, 6),
        "renewal_kind": RenewalKind.TACIT,
        "renewal_period_months": 12,
        "notice_days": 30,
    }
    base.update(kw)
    return base


def test_terminated_tacit_contract_ends_on_its_termination_date() -> None:
    terminated = contract(
        1,
        **_tacit(status=ContractStatus.IN_NOTICE, termination_date=TERMINATION),
    )
    dates = contract_dates(terminated, supplier(), AS_OF, LIMITS, CAL)
    assert dates.end == TERMINATION
    assert dates.days_to_end == 14
    assert not dates.renews_tacitly and dates.next_renewal is None
    assert dates.final_end == TERMINATION
    assert dates.rolled_terms == 1  # the term of Feb 2026 rolled before the termination
    assert coverage_end(terminated) == TERMINATION


def test_in_notice_without_termination_date_ends_with_the_running_term() -> None:
    in_notice = contract(1, **_tacit(status=ContractStatus.IN_NOTICE))
    dates = contract_dates(in_notice, supplier(), AS_OF, LIMITS, CAL)
    assert dates.end == date(2027, 2, 6)
    assert not dates.renews_tacitly and dates.final_end == date(2027, 2, 6)


def test_termination_before_a_fixed_end_shortens_it_and_a_later_one_does_not() -> None:
    early = contract(
        1,
        end_date=date(2027, 6, 30),
        status=ContractStatus.IN_NOTICE,
        termination_date=TERMINATION,
    )
    assert contract_dates(early, supplier(), AS_OF, LIMITS, CAL).end == TERMINATION
    assert coverage_end(early) == TERMINATION
    late = contract(
        2,
        end_date=date(2026, 12, 1),
        status=ContractStatus.ACTIVE,
        termination_date=date(2027, 1, 31),
    )
    assert contract_dates(late, supplier(), AS_OF, LIMITS, CAL).end == date(2026, 12, 1)
    assert coverage_end(late) == date(2026, 12, 1)


def test_a_closed_contract_keeps_its_dates() -> None:
    ended = contract(
        1, **_tacit(status=ContractStatus.TERMINATED, termination_date=date(2026, 3, 1))
    )
    assert contract_dates(ended, supplier(), AS_OF, LIMITS, CAL).end == date(2026, 2, 6)


def test_no_false_overdue_or_coverage_alert_after_terminating_a_rolled_contract() -> None:
    terminated = uc(
        1,
        service_id=1,
        **_tacit(status=ContractStatus.IN_NOTICE, termination_date=TERMINATION),
    )
    data = agency(
        suppliers=[supplier()],
        services=[service(1)],
        slas=[sla(1, 1, valid_until=date(2027, 12, 31))],
        contracts=[terminated],
    )
    alerts = compute_alerts(data, AS_OF, LIMITS)
    mine = [a for a in alerts if a.contract_id == 1 or a.service_id == 1]
    assert mine, "the coming end is still announced"
    for alert in mine:
        assert alert.due is None or alert.due >= AS_OF, (alert.kind, alert.title, alert.due)
        assert "masa_pemberitahuan" not in alert.title
    ending = [a for a in mine if a.kind == AlertKind.CONTRACT_EXPIRING]
    assert ending and ending[0].due == TERMINATION
    assert all(a.severity != Severity.CRITICAL or a.due == TERMINATION for a in ending)


def test_past_end_alert_names_the_status_in_words() -> None:
    stale = contract(1, end_date=date(2026, 11, 1), status=ContractStatus.IN_NOTICE)
    data = agency(suppliers=[supplier()], contracts=[stale])
    for language, word in (("id", "masa pemberitahuan"), ("en", "in notice")):
        titles = [a.title for a in compute_alerts(data, AS_OF, LIMITS, language)]
        passed = [x for x in titles if word in x]
        assert passed, titles
        assert not any("masa_pemberitahuan" in x for x in titles)


def test_status_label_falls_back_to_the_value() -> None:
    assert status_label(ContractStatus.IN_NOTICE, "id") == "masa pemberitahuan"
    assert status_label(ContractStatus.RENEWED, "en") == "renewed"
    assert status_label("unknown", "id") == "unknown"


def test_termination_soon_alerts_even_when_the_base_end_is_years_away() -> None:
    """The quick skip of far contracts must look at the termination date, not only at
    ``end_date``: a fixed-term contract ending in 2029 terminated for 7 Dec 2026 expires
    in 14 days."""
    terminating = contract(
        1,
        start_date=date(2025, 1, 1),
        end_date=date(2029, 12, 31),
        status=ContractStatus.IN_NOTICE,
        termination_date=TERMINATION,
    )
    alerts = compute_alerts(agency(contracts=[terminating]), AS_OF)
    expiring = [a for a in alerts if a.kind == AlertKind.CONTRACT_EXPIRING]
    assert [(a.due, a.days_left) for a in expiring] == [(TERMINATION, 14)]
