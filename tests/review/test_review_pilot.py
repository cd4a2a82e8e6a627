"""A whole review session on the demo agency, from the keyboard, checked in the database.

Build a queue, decide every kind (renew that extends and renew that needs the form,
renegotiate, re-tender, terminate, escalate, defer, skip), undo, leave and resume, finish,
write the report; then look at decisions, snapshots, extended dates, the termination
record, the snoozes, the re-tender coverage alert and the report files.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from rich.console import Console
from sqlmodel import select

from rekanan.config import Settings
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.review_effects import renewal_plan, requires_note
from rekanan.models.contract import Contract
from rekanan.models.enums import ContractStatus, ReviewDecisionKind
from rekanan.models.review import AlertSnooze, ReviewDecision
from rekanan.store.loaders import load_agency

AS_OF = date(2026, 11, 23)
KEYS = {
    ReviewDecisionKind.RENEW: "p",
    ReviewDecisionKind.RENEGOTIATE: "n",
    ReviewDecisionKind.RETENDER: "t",
    ReviewDecisionKind.TERMINATE: "x",
    ReviewDecisionKind.ESCALATE: "e",
    ReviewDecisionKind.DEFER: "d",
    ReviewDecisionKind.SKIP: "s",
}
NOTES = {
    ReviewDecisionKind.TERMINATE: "SP3 gagal",
    ReviewDecisionKind.RENEGOTIATE: "SLA 99,5",
    ReviewDecisionKind.DEFER: "APBD-P",
}


async def settle(app, pilot, screen=None):
    """Wait until no worker runs and the review screen is not busy."""
    for _ in range(40):
        await app.workers.wait_for_complete()
        await pilot.pause()
        target = screen or app.screen
        if not getattr(target, "busy", False) and not app.workers._workers:
            return
    raise AssertionError("the review screen stayed busy")


async def type_text(pilot, text):
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def fits(kind_name, page):
    plan = renewal_plan(page.contract, page.dates)
    if kind_name == "renew_extends":
        return plan.extends
    if kind_name == "renew_form":
        return not plan.extends
    if kind_name == "retender":
        return page.contract.is_underpinning
    return True


PLAN = [
    ("retender", ReviewDecisionKind.RETENDER),
    ("terminate", ReviewDecisionKind.TERMINATE),
    ("renegotiate", ReviewDecisionKind.RENEGOTIATE),
    ("renew_extends", ReviewDecisionKind.RENEW),
    ("escalate", ReviewDecisionKind.ESCALATE),
    ("defer", ReviewDecisionKind.DEFER),
    ("skip", ReviewDecisionKind.SKIP),
    ("renew_form", ReviewDecisionKind.RENEW),
]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


async def test_a_whole_review_session_from_the_keyboard(seeded_db, data_dir, backend_name):
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite; test_review_store covers PostgreSQL")
    from rekanan.app import make_app
    from rekanan.screens.forms import RecordForm
    from rekanan.screens.review import ReviewScreen
    from rekanan.screens.review_dialog import DecisionDialog

    db = seeded_db
    with db.session() as s:
        before = {c.id: (c.end_date, c.renewals_used, c.status) for c in s.exec(select(Contract))}
    app = make_app(Settings(user="tester", database="x"), db, as_of=AS_OF)
    done: dict[str, tuple[int, str]] = {}
    async with app.run_test(size=(130, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        from textual.widgets import OptionList

        scopes = screen.query_one("#review-scopes", OptionList)
        assert "kontrak)" in str(scopes.get_option_at_index(0).prompt)  # the count is shown
        await pilot.press("enter")  # the first scope: decision or notice within N days
        await settle(app, pilot, screen)
        assert screen.session is not None and screen.page is not None
        total = screen.session.total
        assert total >= 8
        header = str(screen.query_one("#review-header").render())
        assert f"1 dari {total}" in header

        remaining = list(PLAN)
        while remaining:
            page = screen.page
            # The renew through the form goes last whatever the queue order (G23 put the
            # due queue in date order): after the end the session wraps to what is left.
            choice = next(
                (
                    p
                    for p in remaining
                    if fits(p[0], page) and (p[0] != "renew_form" or len(remaining) == 1)
                ),
                None,
            )
            if choice is None:  # nothing of the plan fits this contract: look at the next
                await pilot.press("right")
                await settle(app, pilot, screen)
                continue
            remaining.remove(choice)
            name, kind = choice
            done[name] = (page.contract.id, page.contract.number)
            await pilot.press(KEYS[kind])
            await pilot.pause()
            if requires_note(kind):
                assert isinstance(app.screen, DecisionDialog)
                if kind == ReviewDecisionKind.TERMINATE:
                    from textual.widgets import Checkbox

                    app.screen.query_one("#decision-fault", Checkbox).value = True
                await type_text(pilot, NOTES[kind])
                await pilot.press("enter")
            await settle(app, pilot, screen)
            if name == "renew_form":
                assert isinstance(app.screen, RecordForm)  # prefilled with the new end
                await settle(app, pilot, app.screen)
                await pilot.press("ctrl+s")  # the decision is recorded once it is saved
                await settle(app, pilot, screen)
        assert app.screen is screen
        state = screen.session
        assert len(state.decided) == len(PLAN)

        # Undo the last decision (the renew that opened the form): back on that contract.
        await pilot.press("u")
        await settle(app, pilot, screen)
        assert len(screen.session.decided) == len(PLAN) - 1
        assert screen.page.contract.id == done["renew_form"][0]
        assert "dibatalkan" in str(screen.query_one("#review-status").render())

        # Leave mid-way; coming back offers to resume at the same place.
        place = screen.session.position
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ReviewScreen)
        await pilot.press("r")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.resumable is not None
        await pilot.press("enter")  # "Lanjutkan sesi" is the first option
        await settle(app, pilot, screen)
        assert screen.session.id == state.id and screen.session.position == place

        # Finish the queue with skips and escalations; the summary opens at the end.
        left = screen.session.left
        for i in range(left):
            await pilot.press("s" if i % 2 else "e")
            await settle(app, pilot, screen)
        assert screen.session.done and screen.mode == "review-summary"
        console = Console(record=True, width=120, file=io.StringIO())
        console.print(screen._summary(screen.session))
        summary = console.export_text()
        assert "Ringkasan sesi" in summary and "Tender ulang" in summary
        assert re.search(r"\d+ diputuskan, \d+ dilewati dari \d+ kontrak", summary)  # F37
        assert "Rp" in summary  # the value of the contracts per kind
        await pilot.press("w")
        await settle(app, pilot, screen)
        assert "Laporan ditulis" in str(screen.query_one("#review-status").render())
    session_id = state.id

    # --- the database -------------------------------------------------------------------
    with db.session() as s:
        decisions = s.exec(
            select(ReviewDecision).where(ReviewDecision.session_id == session_id)
        ).all()
        assert len(decisions) == total
        kinds = {d.decision for d in decisions}
        assert kinds >= {
            ReviewDecisionKind.RETENDER,
            ReviewDecisionKind.TERMINATE,
            ReviewDecisionKind.RENEGOTIATE,
            ReviewDecisionKind.RENEW,
            ReviewDecisionKind.ESCALATE,
            ReviewDecisionKind.DEFER,
            ReviewDecisionKind.SKIP,
        }
        for decision in decisions:
            shot = json.loads(decision.snapshot_json)
            assert shot["contract"]["id"] == decision.contract_id
            assert shot["suggestion"]["decision"] in {k.value for k in ReviewDecisionKind}
            assert decision.reviewer == "tester" and decision.decided_on == AS_OF
        by_contract = {d.contract_id: d for d in decisions}
        assert by_contract[done["renegotiate"][0]].notes == NOTES[ReviewDecisionKind.RENEGOTIATE]

        renewed = s.get(Contract, done["renew_extends"][0])
        old_end, old_used, _ = before[renewed.id]
        assert renewed.end_date is not None and renewed.end_date > old_end
        assert renewed.renewals_used >= old_used + 1  # terms that rolled tacitly count too
        assert renewed.status == ContractStatus.RENEWED

        terminated = s.get(Contract, done["terminate"][0])
        assert terminated.status == ContractStatus.IN_NOTICE  # ends after 14 days' notice
        assert terminated.termination_date == AS_OF + timedelta(days=14)
        assert terminated.end_date <= AS_OF + timedelta(days=14)
        assert terminated.termination_reason == NOTES[ReviewDecisionKind.TERMINATE]
        assert terminated.terminated_for_fault

        retendered = s.get(Contract, done["retender"][0])
        assert retendered.status == ContractStatus.IN_NOTICE

        deferred = by_contract[done["defer"][0]]
        assert deferred.defer_until == AS_OF + timedelta(days=30)
        snoozes = s.exec(select(AlertSnooze)).all()
        snoozed = [x for x in snoozes if x.until == AS_OF + timedelta(days=30)]
        assert snoozed and all(x.reason == NOTES[ReviewDecisionKind.DEFER] for x in snoozed)
        assert set(json.loads(deferred.effect_json)["snoozes"]) == {x.id for x in snoozed}

    alerts = compute_alerts(load_agency(db), AS_OF)
    assert any(a.kind == "coverage_gap" and a.contract_id == done["retender"][0] for a in alerts)
    assert not [a for a in alerts if a.key in {x.alert_key for x in snoozed}]

    # --- the report files ------------------------------------------------------------------
    folder = Path(data_dir) / "laporan"
    pdf_path = next(folder.glob("*.pdf"))
    text = "\n".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    assert "LAPORAN TINJAUAN KONTRAK" in text
    for name in ("retender", "terminate", "renegotiate", "renew_extends"):
        assert done[name][1][:20] in text
    assert "Tender ulang" in text and "Putus" in text and "Negosiasi ulang" in text
    assert NOTES[ReviewDecisionKind.TERMINATE] in text
    workbook = load_workbook(next(folder.glob("*.xlsx")))
    rows = list(workbook["Keputusan"].iter_rows(values_only=True))
    assert len(rows) == total + 1
    assert {r[2] for r in rows[1:]} >= {number for _, number in done.values()}
    assert rows[0][-1] == "Saran aturan" and all(r[-1] for r in rows[1:])


async def test_picked_contracts_in_english_and_the_summary_after_resuming(
    seeded_db, data_dir, backend_name
):
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite")
    from textual.widgets import Input

    from rekanan.app import make_app
    from rekanan.screens.review import ReviewScreen

    db = seeded_db
    with db.session() as s:
        numbers = [c.number for c in s.exec(select(Contract).order_by(Contract.id)).all()[:2]]
    app = make_app(Settings(user="tester", language="en", database="x"), db, as_of=AS_OF)
    async with app.run_test(size=(100, 34)) as pilot:
        await settle(app, pilot)
        await app.push_screen(ReviewScreen())
        await settle(app, pilot)
        screen = app.screen
        screen.query_one("#review-picked", Input).value = ", ".join(numbers)
        screen.query_one("#review-picked", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot, screen)
        assert "1 of 2" in str(screen.query_one("#review-header").render())
        await pilot.press("u")  # nothing decided yet: said in the status line
        await settle(app, pilot, screen)
        assert "no decision to undo" in str(screen.query_one("#review-status").render())
        await pilot.press("e")
        await settle(app, pilot, screen)
        await pilot.press("escape")
        await settle(app, pilot)
        await app.push_screen(ReviewScreen())
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("enter")  # resume
        await settle(app, pilot, screen)
        assert "2 of 2" in str(screen.query_one("#review-header").render())
        # Back to the decided contract: its history shows what was seen when deciding.
        await pilot.press("left")
        await settle(app, pilot, screen)
        assert "already decided: Escalate" in str(screen.query_one("#review-header").render())
        await pilot.press("h")
        await settle(app, pilot)
        from rekanan.screens.review_history import ReviewHistoryScreen, snapshot_view

        history = app.screen
        assert isinstance(history, ReviewHistoryScreen)
        console = Console(record=True, width=120, file=io.StringIO())
        console.print(snapshot_view(history, history.records[0]))
        seen = console.export_text()
        assert "Escalate" in seen and "What was seen as of 23 Nov 2026" in seen
        assert "The rules suggested then" in seen
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
        await pilot.press("l")
        await settle(app, pilot, screen)
        console = Console(record=True, width=120, file=io.StringIO())
        console.print(screen._summary(screen.session))
        summary = console.export_text()
        assert "Session summary" in summary and "Escalate" in summary
        assert any(number in summary for number in numbers)  # from the snapshot


async def test_resuming_past_a_contract_deleted_since_the_queue_was_built(db, backend_name):
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite")
    from rekanan.app import make_app
    from rekanan.models.supplier import Supplier
    from rekanan.screens.review import ReviewScreen
    from rekanan.store.review import start_session

    with db.writer() as w:
        supplier = w.create(Supplier(name="PT Sementara"))
        ids = [
            w.create(
                Contract(
                    number=f"T/{n}",
                    title=f"Kontrak {n}",
                    supplier_id=supplier,
                    start_date=date(2026, 1, 1),
                    end_date=date(2027, 1, 31),
                )
            )
            for n in (1, 2)
        ]
    start_session(db, "picked:2", ids, "tester")
    with db.writer() as w:
        w.delete(Contract, ids[0])
    app = make_app(Settings(user="tester", database="x"), db, as_of=AS_OF)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await app.push_screen(ReviewScreen())
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("enter")  # resume
        await settle(app, pilot, screen)
        assert screen.page is not None and screen.page.contract.id == ids[1]
        assert "2 dari 2" in str(screen.query_one("#review-header").render())
        assert "tidak ada lagi" in str(screen.query_one("#review-status").render())
