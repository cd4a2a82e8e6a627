"""Decisions on the record with their effects, sessions and undo, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from rekanan.domain.review import ReviewContext, build_page
from rekanan.domain.review_snapshot import snapshot
from rekanan.models.contract import Contract, ContractService
from rekanan.models.enums import ContractStatus, RenewalKind, ReviewDecisionKind
from rekanan.models.review import AlertSnooze, ReviewDecision, ReviewSession
from rekanan.models.service import Service
from rekanan.models.supplier import Supplier
from rekanan.store.errors import StaleEdit, StoreError, ValidationFailed
from rekanan.store.loaders import load_agency
from rekanan.store.review import (
    Decision,
    decisions_between,
    load_session,
    move_to,
    page_data,
    record_decision,
    resumable_session,
    start_session,
    undo_last,
)

AS_OF = date(2026, 11, 23)


@pytest.fixture
def agency(db):
    """Four contracts: tacit (renewals left), express, a UC, one with no renewal clause."""
    with db.writer() as w:
        supplier = w.create(Supplier(name="PT Jaringan Contoh"))
        service = w.create(Service(code="NET", name="Intranet"))
        ids = {
            "tacit": w.create(
                Contract(
                    number="K/1",
                    title="Internet kantor",
                    supplier_id=supplier,
                    start_date=date(2026, 1, 1),
                    end_date=date(2027, 1, 31),
                    renewal_kind=RenewalKind.TACIT,
                    renewal_period_months=12,
                    max_renewals=3,
                    renewals_used=1,
                    value=Decimal("250000000"),
                )
            ),
            "express": w.create(
                Contract(
                    number="K/2",
                    title="Hosting",
                    supplier_id=supplier,
                    start_date=date(2026, 1, 1),
                    end_date=date(2026, 12, 31),
                    renewal_kind=RenewalKind.EXPRESS,
                    renewal_period_months=6,
                )
            ),
            "uc": w.create(
                Contract(
                    number="K/3",
                    title="Link intranet",
                    supplier_id=supplier,
                    start_date=date(2026, 1, 1),
                    end_date=date(2027, 3, 31),
                    renewal_kind=RenewalKind.TACIT,
                    renewal_period_months=12,
                    max_renewals=2,
                    is_underpinning=True,
                )
            ),
            "plain": w.create(
                Contract(
                    number="K/4",
                    title="Survei",
                    supplier_id=supplier,
                    start_date=date(2026, 3, 1),
                    end_date=date(2026, 12, 15),
                )
            ),
        }
        w.create(ContractService(contract_id=ids["uc"], service_id=service))
    return ids


def contract(db, contract_id):
    with db.session() as s:
        return s.get(Contract, contract_id)


def decide(db, contract_id, kind, session_id=None, **kw):
    return record_decision(
        db, Decision(contract_id, kind, **kw), as_of=AS_OF, session_id=session_id
    )


def test_renew_extends_a_tacit_contract_and_undo_puts_it_back(db, agency):
    before = contract(db, agency["tacit"])
    recorded = decide(
        db,
        agency["tacit"],
        ReviewDecisionKind.RENEW,
        contract_version=before.version,
        snapshot={"shown": "yes"},
    )
    after = contract(db, agency["tacit"])
    assert after.end_date == date(2028, 1, 31)
    assert after.renewals_used == 2 and after.status == ContractStatus.RENEWED
    assert not recorded.open_form
    with db.session() as s:
        row = s.get(ReviewDecision, recorded.decision_id)
        assert row.reviewer == "tester" and row.decided_on == AS_OF and row.decided_at
        assert json.loads(row.snapshot_json) == {"shown": "yes"}
        assert json.loads(row.effect_json)["contract"]["before"]["end_date"] == "2027-01-31"
    undone = undo_last(db, reviewer="tester")
    assert undone.decision == ReviewDecisionKind.RENEW
    back = contract(db, agency["tacit"])
    assert (back.end_date, back.renewals_used, back.status) == (
        date(2027, 1, 31),
        1,
        ContractStatus.ACTIVE,
    )
    with db.session() as s:
        assert s.get(ReviewDecision, recorded.decision_id) is None


def test_express_renewal_is_recorded_and_sends_to_the_form(db, agency):
    recorded = decide(db, agency["express"], ReviewDecisionKind.RENEW)
    assert recorded.open_form
    assert recorded.effect["proposed_end"] == "2027-06-30"
    assert contract(db, agency["express"]).end_date == date(2026, 12, 31)


def test_retender_freezes_the_end_and_raises_coverage_until_a_successor(db, agency):
    decide(db, agency["uc"], ReviewDecisionKind.RETENDER)
    row = contract(db, agency["uc"])
    assert row.status == ContractStatus.IN_NOTICE and row.end_date == date(2027, 3, 31)
    from rekanan.domain.alerts import compute_alerts

    alerts = compute_alerts(load_agency(db), AS_OF)
    gap = [a for a in alerts if a.kind == "coverage_gap" and a.contract_id == agency["uc"]]
    assert gap and gap[0].due == date(2027, 4, 1)
    with db.writer() as w:
        successor = w.create(
            Contract(
                number="K/3-2027",
                title="Link intranet 2027",
                supplier_id=row.supplier_id,
                start_date=date(2027, 4, 1),
                end_date=date(2028, 3, 31),
                is_underpinning=True,
                status=ContractStatus.DRAFT,
            )
        )
        service_id = w.session.execute(select(Service.id)).scalar_one()
        w.create(ContractService(contract_id=successor, service_id=service_id))
    alerts = compute_alerts(load_agency(db), AS_OF)
    assert not [a for a in alerts if a.kind == "coverage_gap"]


def test_terminate_starts_the_termination_record(db, agency):
    decide(
        db,
        agency["plain"],
        ReviewDecisionKind.TERMINATE,
        notes="SP3 tanpa perbaikan",
        termination_date=AS_OF + timedelta(days=14),
        terminated_for_fault=True,
    )
    row = contract(db, agency["plain"])
    assert row.status == ContractStatus.IN_NOTICE  # 14 days' written notice first
    assert row.termination_date == row.end_date == AS_OF + timedelta(days=14)
    assert row.termination_reason == "SP3 tanpa perbaikan" and row.terminated_for_fault
    undo_last(db, reviewer="tester")
    decide(
        db,
        agency["plain"],
        ReviewDecisionKind.TERMINATE,
        notes="Penipuan",
        termination_date=AS_OF,
    )
    row = contract(db, agency["plain"])
    assert row.status == ContractStatus.TERMINATED and row.end_date == date(2026, 12, 15)
    assert not row.terminated_for_fault


def test_defer_snoozes_the_alerts_shown_and_undo_lifts_them(db, agency):
    data = page_data(db, agency["tacit"], AS_OF)
    page = build_page(ReviewContext.build(data, AS_OF), agency["tacit"])
    assert page.alert_keys
    until = AS_OF + timedelta(days=30)
    decide(
        db,
        agency["tacit"],
        ReviewDecisionKind.DEFER,
        notes="Menunggu anggaran",
        defer_until=until,
        alert_keys=page.alert_keys,
        snapshot=snapshot(page, "id"),
    )
    with db.session() as s:
        snoozes = s.execute(select(AlertSnooze)).scalars().all()
        assert {x.alert_key for x in snoozes} == set(page.alert_keys)
        assert {x.until for x in snoozes} == {until}
    data = page_data(db, agency["tacit"], AS_OF)
    again = build_page(ReviewContext.build(data, AS_OF), agency["tacit"])
    assert all(a.snoozed_until == until for a in again.alerts)
    assert again.deferred_until == until
    undo_last(db, reviewer="tester")
    with db.session() as s:
        assert s.execute(select(AlertSnooze)).scalars().all() == []


@pytest.mark.parametrize(
    ("kind", "extra", "field"),
    [
        (ReviewDecisionKind.TERMINATE, {"termination_date": AS_OF}, "notes"),
        (ReviewDecisionKind.RENEGOTIATE, {}, "notes"),
        (ReviewDecisionKind.DEFER, {"defer_until": AS_OF + timedelta(days=3)}, "notes"),
        (ReviewDecisionKind.DEFER, {"notes": "x", "defer_until": AS_OF}, "defer_until"),
        (ReviewDecisionKind.TERMINATE, {"notes": "x"}, "termination_date"),
    ],
)
def test_incomplete_decisions_are_refused_with_a_sentence(db, agency, kind, extra, field):
    with pytest.raises(ValidationFailed) as caught:
        decide(db, agency["plain"], kind, **extra)
    assert caught.value.field == field and str(caught.value).endswith(".")


def test_a_decision_on_a_contract_changed_since_the_page_is_refused(db, agency):
    version = contract(db, agency["tacit"]).version
    with db.writer() as w:
        w.update(Contract, agency["tacit"], {"title": "Internet kantor (baru)"})
    with pytest.raises(StaleEdit):
        decide(db, agency["tacit"], ReviewDecisionKind.ESCALATE, contract_version=version)


def test_undo_is_refused_when_the_contract_changed_after_the_decision(db, agency):
    decide(db, agency["tacit"], ReviewDecisionKind.RENEW)
    with db.writer() as w:
        w.update(Contract, agency["tacit"], {"notes": "diubah"})
    with pytest.raises(StaleEdit, match="tidak dapat dibatalkan"):
        undo_last(db, reviewer="tester")


def test_undo_with_nothing_to_undo_says_so(db, agency):
    with pytest.raises(StoreError, match="Belum ada keputusan"):
        undo_last(db, reviewer="tester")


def test_session_moves_on_keeps_its_place_and_resumes(db, agency):
    queue = [agency["tacit"], agency["express"], agency["plain"]]
    state = start_session(db, "due:90", queue)
    assert (state.position, state.total, state.left, state.reviewer) == (0, 3, 3, "tester")
    after = decide(db, agency["tacit"], ReviewDecisionKind.ESCALATE, session_id=state.id).session
    assert after.position == 1 and after.left == 2
    after = decide(db, agency["express"], ReviewDecisionKind.SKIP, session_id=state.id).session
    assert after.position == 2
    move_to(db, state.id, 0)
    resumed = resumable_session(db, "tester")
    assert resumed is not None and resumed.id == state.id and resumed.position == 0
    undone = undo_last(db, state.id)
    assert undone.contract_id == agency["express"] and undone.session.position == 1
    assert load_session(db, state.id).left == 2
    decide(db, agency["express"], ReviewDecisionKind.SKIP, session_id=state.id)
    last = decide(db, agency["plain"], ReviewDecisionKind.ESCALATE, session_id=state.id)
    assert last.session.done
    assert resumable_session(db, "tester") is None
    decided = decisions_between(db, AS_OF, AS_OF, state.id)
    assert [d.decision for d in decided] == [
        ReviewDecisionKind.ESCALATE,
        ReviewDecisionKind.SKIP,
        ReviewDecisionKind.ESCALATE,
    ]
    with db.session() as s:
        assert s.get(ReviewSession, state.id).queue_json == json.dumps(queue)


def test_an_empty_queue_is_refused(db):
    with pytest.raises(ValidationFailed, match="kosong"):
        start_session(db, "risk", [])


def test_a_page_from_the_review_slice_shows_what_the_whole_agency_shows(seeded_db):
    from rekanan.domain.review import ReviewScope, build_queue

    whole = ReviewContext.build(load_agency(seeded_db), AS_OF)
    for item in build_queue(whole, ReviewScope.parse("due:365")):
        sliced = ReviewContext.build(page_data(seeded_db, item.contract_id, AS_OF), AS_OF)
        assert snapshot(build_page(sliced, item.contract_id), "id") == snapshot(
            build_page(whole, item.contract_id), "id"
        )
