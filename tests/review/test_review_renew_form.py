"""Renew on an express-renewal contract opens the contract form with the proposed end;
saving it extends the contract, counts the renewal and leaves an audit row (UX F18).

Before the fix the form merged the proposed values into the values it compared with, so
Ctrl+S said "Tersimpan." and wrote nothing.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from sqlmodel import col, select

from rekanan.config import Settings
from rekanan.domain.contract_dates import add_months
from rekanan.models.audit import AuditEntry
from rekanan.models.contract import Contract
from rekanan.models.enums import ContractStatus, RenewalKind, ReviewDecisionKind
from rekanan.models.review import ReviewDecision
from rekanan.store.database import Database

AS_OF = date(2026, 11, 23)


def _express_contract(db: Database) -> Contract:
    with db.session() as s:
        found = s.exec(
            select(Contract)
            .where(Contract.renewal_kind == RenewalKind.EXPRESS)
            .where(Contract.status == ContractStatus.ACTIVE)
            .order_by(col(Contract.id))
        ).first()
        assert found is not None and found.end_date is not None, "the demo has one"
        s.expunge(found)
        return found


def test_a_proposed_value_on_an_edit_form_is_saved(seeded_db: Database) -> None:
    """load_for_form + save_record: values the form opened with are changes to write."""
    from rekanan.screens.forms import KINDS, RecordForm, load_for_form, save_record

    contract = _express_contract(seeded_db)
    assert contract.id is not None and contract.end_date is not None
    new_end = add_months(contract.end_date, 12)
    start: dict[str, Any] = {"end_date": new_end, "renewals_used": contract.renewals_used + 1}
    kind = KINDS["contract"]
    with seeded_db.session() as s:
        loaded = load_for_form(s, kind, contract.id, start)
    assert loaded.values["end_date"] == new_end
    assert loaded.stored["end_date"] == contract.end_date
    form = RecordForm("contract", contract.id, start)
    initial = form._initial_model_values(loaded)
    values = {k: v for k, v in loaded.values.items() if k in {s.name for s in kind.fields}}
    with seeded_db.writer() as w:
        save_record(w, kind, contract.id, values, initial, loaded, form)
    with seeded_db.session() as s:
        saved = s.get(Contract, contract.id)
        assert saved is not None
        assert saved.end_date == new_end
        assert saved.renewals_used == contract.renewals_used + 1
        assert saved.version == contract.version + 1


async def test_renew_express_from_the_review_saves_the_addendum(
    seeded_db: Database, backend_name: str, tmp_path: Any, monkeypatch: Any
) -> None:
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite")
    from textual.widgets import Input, Static

    from rekanan.app import make_app
    from rekanan.screens.forms import RecordForm
    from rekanan.screens.review import ReviewScreen

    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path / "data"))
    db = seeded_db
    contract = _express_contract(db)
    assert contract.id is not None and contract.end_date is not None
    months = contract.renewal_period_months or 12
    new_end = add_months(contract.end_date, months)
    app = make_app(Settings(user="tester", database="x"), db, as_of=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await app.push_screen(ReviewScreen())
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.query_one("#review-picked", Input).value = contract.number
        screen.query_one("#review-picked", Input).focus()
        await pilot.press("enter")
        await _settle(app, pilot, screen)
        assert screen.page is not None and screen.page.contract.id == contract.id
        await pilot.press("p")
        await _settle(app, pilot, screen)
        form = app.screen
        assert isinstance(form, RecordForm)
        await _settle(app, pilot, form)
        said = str(form.query_one("#form-status", Static).render())
        assert "Perpanjangan eksplisit" in said  # why the form opened
        assert form.focused is not None and form.focused.id == "field-end_date"  # F38
        assert not _renewals(db, contract.id)  # F32: nothing on the record before saving
        await pilot.press("ctrl+s")
        await _settle(app, pilot, screen)
        assert app.screen is screen
        status = str(screen.query_one("#review-status", Static).render())
        assert "disimpan" in status
        (recorded,) = _renewals(db, contract.id)  # F32: recorded on save, with the dates
        effect = json.loads(recorded.effect_json)["form"]
        assert effect["before"]["end_date"] == contract.end_date.isoformat()
        assert effect["after"]["end_date"] == new_end.isoformat()
        await pilot.press("u")  # undo the decision: the saved addendum is said to stay
        await _settle(app, pilot, screen)
        status = str(screen.query_one("#review-status", Static).render())
        assert "formulir tetap" in status
    with db.session() as s:
        saved = s.get(Contract, contract.id)
        assert saved is not None
        assert saved.end_date == new_end
        assert saved.renewals_used == contract.renewals_used + 1
        assert saved.status == ContractStatus.RENEWED
        assert saved.version == contract.version + 1
        audit = s.exec(
            select(AuditEntry)
            .where(AuditEntry.entity == "contract")
            .where(AuditEntry.entity_id == contract.id)
        ).all()
        assert any(new_end.isoformat() in row.after_json for row in audit)


async def test_renew_form_closed_without_saving_says_nothing_changed(
    seeded_db: Database, backend_name: str
) -> None:
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite")
    from textual.widgets import Input, Static

    from rekanan.app import make_app
    from rekanan.screens.forms import RecordForm
    from rekanan.screens.review import ReviewScreen

    contract = _express_contract(seeded_db)
    app = make_app(Settings(user="tester", database="x"), seeded_db, as_of=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await app.push_screen(ReviewScreen())
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.query_one("#review-picked", Input).value = contract.number
        screen.query_one("#review-picked", Input).focus()
        await pilot.press("enter")
        await _settle(app, pilot, screen)
        await pilot.press("p")
        await _settle(app, pilot, screen)
        form = app.screen
        assert isinstance(form, RecordForm)
        await _settle(app, pilot, form)
        await pilot.press("escape")  # nothing typed: closes without asking (F38)
        await _settle(app, pilot, screen)
        assert app.screen is screen
        status = str(screen.query_one("#review-status", Static).render())
        assert "tidak disimpan" in status and "belum ada keputusan" in status
        # F32: no decision recorded, and the reviewer stays on the contract
        assert screen.page is not None and screen.page.contract.id == contract.id
        assert screen.session is not None and not screen.session.decided
    assert not _renewals(seeded_db, contract.id)
    with seeded_db.session() as s:
        unchanged = s.get(Contract, contract.id)
        assert unchanged is not None and unchanged.version == contract.version


def _renewals(db: Database, contract_id: int) -> list[ReviewDecision]:
    with db.session() as s:
        rows = s.exec(
            select(ReviewDecision)
            .where(ReviewDecision.contract_id == contract_id)
            .where(ReviewDecision.decision == ReviewDecisionKind.RENEW)
        ).all()
        for row in rows:
            s.expunge(row)
        return list(rows)


async def _settle(app: Any, pilot: Any, screen: Any = None) -> None:
    """Wait until no worker runs and the screen is not busy."""
    for _ in range(40):
        await app.workers.wait_for_complete()
        await pilot.pause()
        target = screen or app.screen
        if not getattr(target, "busy", False) and not app.workers._workers:
            return
    raise AssertionError("the screen stayed busy")


async def test_renew_after_a_retender_puts_the_contract_back_in_force(
    seeded_db: Database, backend_name: str
) -> None:
    """F36: a contract in notice (re-tendered) renewed by addendum is 'diperpanjang' again."""
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite")
    from textual.widgets import Input

    from rekanan.app import make_app
    from rekanan.screens.forms import RecordForm
    from rekanan.screens.review import ReviewScreen

    contract = _express_contract(seeded_db)
    assert contract.id is not None
    with seeded_db.writer() as w:
        w.update(Contract, contract.id, {"status": ContractStatus.IN_NOTICE})
    app = make_app(Settings(user="tester", database="x"), seeded_db, as_of=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await app.push_screen(ReviewScreen())
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.query_one("#review-picked", Input).value = contract.number
        screen.query_one("#review-picked", Input).focus()
        await pilot.press("enter")
        await _settle(app, pilot, screen)
        await pilot.press("p")
        await _settle(app, pilot, screen)
        form = app.screen
        assert isinstance(form, RecordForm)
        await _settle(app, pilot, form)
        await pilot.press("ctrl+s")
        await _settle(app, pilot, screen)
        assert app.screen is screen
    with seeded_db.session() as s:
        saved = s.get(Contract, contract.id)
        assert saved is not None and saved.status == ContractStatus.RENEWED
    assert len(_renewals(seeded_db, contract.id)) == 1
