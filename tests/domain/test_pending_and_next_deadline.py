"""F34: escalating or renegotiating keeps the renewal decision alert (nothing is decided);
F32: a renewal whose addendum form was never saved settles nothing; F35: the next deadline
the lists show follows the alerts' rules."""

from datetime import date, timedelta

from domain_factories import AS_OF, agency, contract, review, supplier

from rekanan.domain.alert import AlertKind
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import contract_dates, next_deadline
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus, RenewalKind, ReviewDecisionKind


def decision_alerts(data):
    return [a for a in compute_alerts(data, AS_OF) if a.kind == AlertKind.RENEWAL_DECISION]


def express(**kw):
    # decision = 31 Mar 2027 - 30 notice - 60 lead (operational) = 31 Dec 2026
    values = {"end_date": date(2027, 3, 31), "renewal_kind": RenewalKind.EXPRESS}
    values.update(kw)
    return contract(**values)


def test_escalation_keeps_the_decision_alert_and_says_what_it_waits_for() -> None:
    escalated = review(1, 1, AS_OF - timedelta(days=1), ReviewDecisionKind.ESCALATE)
    (alert,) = decision_alerts(agency(contracts=[express()], reviews=[escalated]))
    assert any("menunggu keputusan Kepala Dinas" in r for r in alert.reasons)
    assert alert.title.startswith("Menunggu keputusan Kepala Dinas: ")
    assert alert.due == date(2026, 12, 31)  # the same due date and key: snoozes still apply
    assert alert.key == "renewal_decision:contract:1:2026-12-31"


def test_renegotiation_keeps_the_decision_alert_with_its_note() -> None:
    talks = review(1, 1, AS_OF, ReviewDecisionKind.RENEGOTIATE, notes="turunkan harga 5 %")
    (alert,) = decision_alerts(agency(contracts=[express()], reviews=[talks]))
    assert any("turunkan harga 5 %" in r for r in alert.reasons)


def test_a_renewal_never_saved_in_its_form_keeps_the_alerts() -> None:
    unsaved = review(
        1,
        1,
        AS_OF,
        ReviewDecisionKind.RENEW,
        effect_json='{"open_form": true, "proposed_end": "2028-03-31"}',
    )
    assert decision_alerts(agency(contracts=[express()], reviews=[unsaved]))
    saved = review(1, 1, AS_OF, ReviewDecisionKind.RENEW, effect_json='{"form": {}}')
    assert not decision_alerts(agency(contracts=[express()], reviews=[saved]))


def deadline(record):
    dates = contract_dates(record, supplier(), AS_OF, Thresholds(), WorkingCalendar.for_agency(()))
    return next_deadline(record, dates)


def test_next_deadline_of_a_terminated_contract_is_its_termination_date() -> None:
    ending = AS_OF + timedelta(days=14)
    record = contract(
        end_date=date(2027, 12, 31),
        renewal_kind=RenewalKind.TACIT,
        status=ContractStatus.IN_NOTICE,
        termination_date=ending,
    )
    found = deadline(record)
    assert (found.day, found.kind) == (ending, "end")


def test_a_contract_in_notice_has_no_decision_date() -> None:
    record = express(status=ContractStatus.IN_NOTICE, end_date=AS_OF + timedelta(days=100))
    found = deadline(record)
    assert found.kind == "end" and found.day == AS_OF + timedelta(days=100)


def test_an_overdue_decision_is_the_next_deadline() -> None:
    # decision = 15 Jan 2027 - 30 - 60 = 17 Oct 2026: passed; the alert is overdue.
    found = deadline(express(end_date=date(2027, 1, 15)))
    assert found.kind == "decision" and found.day == date(2026, 10, 17)


def test_a_contract_without_renewal_or_services_only_has_its_end() -> None:
    record = contract(end_date=date(2027, 3, 31), renewal_kind=RenewalKind.NONE)
    assert deadline(record).kind == "end"


def test_a_contract_past_its_end_in_a_grace_extension_is_due_at_the_grace_end() -> None:
    """G29/G3: the late work must be done by the grace's last day; that is the deadline."""
    from rekanan.domain.contract_dates import grace_end

    record = contract(end_date=date(2026, 10, 12), renewal_kind=RenewalKind.NONE)
    dates = contract_dates(record, supplier(), AS_OF, Thresholds(), WorkingCalendar.for_agency(()))
    granted = [(date(2026, 10, 10), 30), (date(2026, 11, 1), 20), (date(2026, 12, 1), 10)]
    until = grace_end(record, granted, AS_OF)
    assert until == date(2026, 12, 1)  # 12 Oct + 50 days; the grant of 1 Dec is not yet given
    found = next_deadline(record, dates, until)
    assert (found.day, found.kind) == (date(2026, 12, 1), "grace")
    # once the grace has run out too, the passed end is the deadline again
    assert next_deadline(record, dates, date(2026, 11, 20)).kind == "end"
    # before the end, a grace changes nothing
    early = contract(end_date=AS_OF + timedelta(days=5), renewal_kind=RenewalKind.NONE)
    early_dates = contract_dates(
        early, supplier(), AS_OF, Thresholds(), WorkingCalendar.for_agency(())
    )
    assert next_deadline(early, early_dates, AS_OF + timedelta(days=40)).kind == "end"
