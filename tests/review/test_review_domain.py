"""Review rules: scopes, urgency, the page, the suggested decision, plans and snapshot."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from review_data import (
    AS_OF,
    agency,
    contract,
    decision,
    good_evaluation,
    letter,
    service,
    sla,
    supplier,
    uc,
)

from rekanan.domain import review_text
from rekanan.domain.alert import AlertKind
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.index import AgencyIndex
from rekanan.domain.records import ContractRecord, PenaltyRecord, SanctionRecord
from rekanan.domain.retender import retender_alerts
from rekanan.domain.review import (
    ReviewContext,
    ReviewScope,
    ScopeKind,
    build_page,
    build_queue,
)
from rekanan.domain.review_effects import renewal_plan, requires_note, retender_plan
from rekanan.domain.review_snapshot import snapshot
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import (
    ContractStatus,
    RenewalKind,
    ReviewDecisionKind,
    SanctionSource,
    SupplierCategory,
    WarningLevel,
)


def ctx(data, language="id"):
    return ReviewContext.build(data, AS_OF, Thresholds(), language)


def ids(items):
    return [i.contract_id for i in items]


# ------------------------------------------------------------------------- scopes


@pytest.mark.parametrize(
    "scope",
    [
        ReviewScope(ScopeKind.DUE, days=45),
        ReviewScope(ScopeKind.RISK),
        ReviewScope(ScopeKind.SLA_GAPS),
        ReviewScope(ScopeKind.CATEGORY, category=SupplierCategory.STRATEGIC),
    ],
)
def test_scope_code_round_trips(scope):
    assert ReviewScope.parse(scope.code()) == scope
    assert scope.describe("id") and scope.describe("en") != scope.describe("id")


def test_scope_parse_refuses_with_a_sentence():
    with pytest.raises(ValueError, match="not a review scope"):
        ReviewScope.parse("everything")
    with pytest.raises(ValueError, match="not a supplier category"):
        ReviewScope.parse("category:gold")


def test_due_scope_takes_dates_within_n_days_and_leaves_decided_and_deferred_out():
    soon = contract(1)  # decision 31 Jan 2027: 69 days
    later = contract(2, end_date=date(2028, 6, 30))
    overdue = contract(3, end_date=date(2027, 3, 31))  # decision passed, end not
    decided = contract(4)
    deferred = contract(5)
    no_clause = contract(6, renewal_kind=RenewalKind.NONE)
    data = agency(
        contracts=[soon, later, overdue, decided, deferred, no_clause],
        reviews=[
            decision(1, 4, AS_OF - timedelta(days=3), ReviewDecisionKind.RENEGOTIATE),
            decision(
                2,
                5,
                AS_OF - timedelta(days=1),
                ReviewDecisionKind.DEFER,
                defer_until=AS_OF + timedelta(days=20),
            ),
        ],
    )
    queue = build_queue(ctx(data), ReviewScope(ScopeKind.DUE, days=90))
    assert ids(queue) == [3, 1]
    assert queue[0].days_left is not None and queue[0].days_left < 0
    assert "lewat" in queue[0].why[0]
    assert ids(build_queue(ctx(data), ReviewScope(ScopeKind.DUE, days=30))) == [3]


def test_risk_scope_takes_every_live_contract_of_a_supplier_at_risk():
    data = agency(
        suppliers=[supplier(1), supplier(2)],
        contracts=[contract(1), contract(2), contract(3, supplier_id=2)],
        warning_letters=[letter(1, 1, WarningLevel.SP3, AS_OF - timedelta(days=10))],
        penalties=[
            PenaltyRecord(
                id=1, contract_id=1, imposed_on=AS_OF - timedelta(days=5), amount=Decimal("6000000")
            )
        ],
    )
    queue = build_queue(ctx(data), ReviewScope(ScopeKind.RISK))
    assert sorted(ids(queue)) == [1, 2]
    assert all("/100" in item.why[0] for item in queue)


def test_sla_gap_scope_takes_a_uc_weaker_than_its_sla():
    weak = uc(1, response_hours=Decimal("8"))
    fine = uc(2, service_id=2, response_hours=Decimal("1"))
    data = agency(
        services=[service(1), service(2)],
        slas=[sla(1, 1, response_hours=Decimal("4")), sla(2, 2, response_hours=Decimal("4"))],
        contracts=[weak, fine],
    )
    queue = build_queue(ctx(data, "en"), ReviewScope(ScopeKind.SLA_GAPS))
    assert ids(queue) == [1]
    assert queue[0].why


def test_category_scope_is_the_periodic_review_of_one_category():
    data = agency(
        suppliers=[supplier(1, category=SupplierCategory.STRATEGIC), supplier(2)],
        contracts=[
            contract(1),
            contract(2, supplier_id=2),
            contract(3, status=ContractStatus.EXPIRED),
        ],
        reviews=[decision(1, 1, date(2026, 10, 1), ReviewDecisionKind.ESCALATE)],
    )
    queue = build_queue(
        ctx(data), ReviewScope(ScopeKind.CATEGORY, category=SupplierCategory.STRATEGIC)
    )
    assert ids(queue) == [1]
    assert "1 Okt 2026" in queue[0].why[0]


def test_periodic_review_takes_the_never_and_longest_ago_reviewed_first():
    # F38: contract 1 is the most urgent but was reviewed today; 2 never; 3 a month ago.
    data = agency(
        suppliers=[supplier(1)],
        contracts=[
            contract(1, end_date=date(2027, 1, 31)),
            contract(2, end_date=date(2028, 6, 30)),
            contract(3, end_date=date(2028, 6, 30)),
        ],
        reviews=[
            decision(1, 1, AS_OF, ReviewDecisionKind.ESCALATE),
            decision(2, 3, AS_OF - timedelta(days=30), ReviewDecisionKind.RENEGOTIATE),
        ],
    )
    queue = build_queue(ctx(data), ReviewScope.parse("category:operasional"))
    assert ids(queue) == [2, 3, 1]


def test_picked_scope_orders_by_urgency_and_drops_unknown_ids():
    data = agency(contracts=[contract(1, end_date=date(2028, 6, 30)), contract(2)])
    queue = build_queue(ctx(data), ReviewScope(ScopeKind.PICKED, contract_ids=(1, 2, 99)))
    assert ids(queue) == [2, 1]


# ---------------------------------------------------------------------- suggestion


def page_of(data, contract_id=1, language="id"):
    return build_page(ctx(data, language), contract_id)


def test_clean_evaluated_contract_suggests_renew_with_reasons():
    data = agency(contracts=[contract(1)], evaluations=[good_evaluation(1, 1)])
    page = page_of(data)
    assert page.suggestion.decision == ReviewDecisionKind.RENEW
    assert any("hijau" in r for r in page.suggestion.reasons)
    assert any("perpanjangan" in r.lower() for r in page.suggestion.reasons)
    assert page.suggestion.rule


def test_no_evaluation_and_a_far_decision_suggests_defer():
    page = page_of(agency(contracts=[contract(1, end_date=date(2027, 9, 30))]))
    assert page.suggestion.decision == ReviewDecisionKind.DEFER


def test_sp3_suggests_terminate_and_for_a_strategic_supplier_escalate():
    letters = [letter(1, 1, WarningLevel.SP3, AS_OF - timedelta(days=20))]
    page = page_of(agency(contracts=[contract(1)], warning_letters=letters))
    assert page.suggestion.decision == ReviewDecisionKind.TERMINATE
    assert "SP3" in page.suggestion.reasons[0]
    strategic = agency(
        suppliers=[supplier(1, category=SupplierCategory.STRATEGIC)],
        contracts=[contract(1)],
        warning_letters=letters,
    )
    assert page_of(strategic).suggestion.decision == ReviewDecisionKind.ESCALATE


def test_no_renewal_left_suggests_retender():
    data = agency(
        contracts=[contract(1, renewals_used=2, max_renewals=2)],
        evaluations=[good_evaluation(1, 1)],
    )
    page = page_of(data, language="en")
    assert page.suggestion.decision == ReviewDecisionKind.RETENDER
    assert "Every renewal has been used" in page.suggestion.reasons[0]


def test_sla_gap_suggests_renegotiate():
    data = agency(
        services=[service(1)],
        slas=[sla(1, 1, response_hours=Decimal("4"))],
        contracts=[uc(1, response_hours=Decimal("8"))],
        evaluations=[good_evaluation(1, 1)],
    )
    page = page_of(data)
    assert page.gaps
    assert page.suggestion.decision == ReviewDecisionKind.RENEGOTIATE


def test_national_blacklist_suggests_escalate():
    data = agency(
        contracts=[contract(1)],
        sanctions=[
            SanctionRecord(
                id=1,
                supplier_id=1,
                start_date=AS_OF - timedelta(days=30),
                end_date=AS_OF + timedelta(days=300),
                source=SanctionSource.NATIONAL,
            )
        ],
    )
    page = page_of(data)
    assert page.running_sanctions
    assert page.suggestion.decision == ReviewDecisionKind.ESCALATE


def test_page_carries_the_facts_and_previous_decisions_newest_first():
    data = agency(
        contracts=[contract(1)],
        reviews=[
            decision(1, 1, date(2026, 5, 1), ReviewDecisionKind.SKIP, notes="a"),
            decision(2, 1, date(2026, 8, 1), ReviewDecisionKind.ESCALATE, notes="b"),
        ],
        warning_letters=[letter(1, 1, WarningLevel.SP1, date(2026, 9, 1))],
    )
    page = page_of(data)
    assert [r.notes for r in page.previous] == ["b", "a"]
    assert page.letters[0].level == WarningLevel.SP1
    assert page.dates.decision_date == date(2027, 1, 31)
    assert page.scorecard is not None and len(page.scorecard.history) == 6


# -------------------------------------------------------------------------- plans


def dates_of(record: ContractRecord):
    return ctx(agency(contracts=[record])).dates(record)


def test_renewal_plan_extends_a_tacit_contract_by_its_period():
    record = contract(1, renewals_used=1)
    plan = renewal_plan(record, dates_of(record))
    assert plan.extends and plan.new_end == date(2028, 6, 30) and plan.renewals_used == 2
    assert "30 Jun 2028" in plan.message("id")


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"renewal_kind": RenewalKind.EXPRESS}, "renew.form_express"),
        ({"renewal_kind": RenewalKind.NONE}, "renew.form_none"),
        ({"renewals_used": 2}, "renew.form_max"),
    ],
)
def test_renewal_plan_sends_other_contracts_to_the_form(changes, key):
    record = contract(1, **changes)
    plan = renewal_plan(record, dates_of(record))
    assert not plan.extends and plan.message_key == key


def test_retender_plan_counts_rolled_tacit_terms():
    record = contract(1, start_date=date(2024, 1, 1), end_date=date(2025, 12, 31))
    plan = retender_plan(record, dates_of(record))
    assert plan.end == date(2026, 12, 31) and plan.renewals_used == 1


def test_notes_are_required_for_terminate_renegotiate_and_defer():
    required = {k for k in ReviewDecisionKind if requires_note(k)}
    assert required == {
        ReviewDecisionKind.TERMINATE,
        ReviewDecisionKind.RENEGOTIATE,
        ReviewDecisionKind.DEFER,
    }


def test_snapshot_is_json_and_names_what_was_shown():
    data = agency(
        services=[service(1)],
        slas=[sla(1, 1, response_hours=Decimal("4"))],
        contracts=[uc(1, response_hours=Decimal("8"))],
        warning_letters=[letter(1, 1, WarningLevel.SP2, date(2026, 10, 1))],
    )
    page = page_of(data)
    shot = json.loads(json.dumps(snapshot(page, "id")))
    assert shot["contract"]["number"] == "602.1/001/KTR/2026"
    assert shot["dates"]["decision_date"] == "2027-01-31"
    assert shot["warning_letters"][0]["level"] == "SP2"
    assert shot["gaps"] and shot["suggestion"]["decision"] == page.suggestion.decision.value
    assert shot["scorecard"]["history"]


# ------------------------------------------------------------------ re-tender alert


def test_retender_raises_coverage_until_a_successor_is_registered():
    retendered = uc(1, status=ContractStatus.IN_NOTICE)
    review = decision(
        1,
        1,
        AS_OF,
        ReviewDecisionKind.RETENDER,
        reviewer="budi",
        decided_at=datetime(2026, 11, 23, 9, 0),
    )
    data = agency(services=[service(1)], contracts=[retendered], reviews=[review])
    index = AgencyIndex.build(data)
    found = list(retender_alerts(index, AS_OF, Thresholds(), "id"))
    assert [a.kind for a in found] == [AlertKind.COVERAGE_GAP]
    assert found[0].due == date(2027, 7, 1) and "budi" in found[0].reasons[0]
    successor = uc(
        2, start_date=date(2027, 7, 1), end_date=date(2028, 6, 30), status=ContractStatus.DRAFT
    )
    data = replace(data, contracts=(retendered, successor))
    assert list(retender_alerts(AgencyIndex.build(data), AS_OF, Thresholds(), "id")) == []


def test_a_later_renew_decision_lifts_the_retender_alert():
    reviews = [
        decision(1, 1, AS_OF - timedelta(days=2), ReviewDecisionKind.RETENDER),
        decision(2, 1, AS_OF, ReviewDecisionKind.RENEW),
    ]
    data = agency(services=[service(1)], contracts=[uc(1)], reviews=reviews)
    assert list(retender_alerts(AgencyIndex.build(data), AS_OF, Thresholds(), "id")) == []


# ---------------------------------------------------------------------------- text


@pytest.mark.parametrize("key", sorted(review_text.keys()))
def test_text_has_both_languages_with_the_same_parameters(key):
    indonesian, english = review_text.both(key)
    fields = re.compile(r"{(\w+)}")
    assert indonesian and english
    assert set(fields.findall(indonesian)) == set(fields.findall(english))


def test_compute_alerts_still_runs_on_review_data():
    data = agency(contracts=[contract(1)])
    assert isinstance(compute_alerts(data, AS_OF), list)


def test_compute_alerts_includes_the_retender_coverage_alert():
    review = decision(1, 1, AS_OF, ReviewDecisionKind.RETENDER)
    data = agency(
        services=[service(1)],
        contracts=[uc(1, status=ContractStatus.IN_NOTICE)],
        reviews=[review],
    )
    kinds = [a.kind for a in compute_alerts(data, AS_OF)]
    assert AlertKind.COVERAGE_GAP in kinds


def test_a_late_contract_in_grace_is_judged_not_skipped_as_ended():
    from rekanan.domain.records import GraceRecord

    late = contract(1, end_date=AS_OF - timedelta(days=30), renewal_kind=RenewalKind.NONE)
    data = agency(
        contracts=[late],
        graces=[GraceRecord(id=1, contract_id=1, granted_on=AS_OF - timedelta(days=30), days=50)],
        warning_letters=[letter(1, 1, WarningLevel.SP3, AS_OF - timedelta(days=5))],
    )
    assert page_of(data).suggestion.decision == ReviewDecisionKind.TERMINATE
    ended = agency(
        contracts=[contract(1, end_date=AS_OF - timedelta(days=30), renewal_kind=RenewalKind.NONE)]
    )
    suggestion = page_of(ended).suggestion
    assert suggestion.decision == ReviewDecisionKind.SKIP and "berakhir" in suggestion.reasons[0]
