"""A contract for a supplier under a running blacklist sanction is saved only after a yes
(Perpres 16/2018 Pasal 78, finding G24); nothing typed is lost when the answer is no."""

from __future__ import annotations

from datetime import timedelta

import pytest
from registers_pilot import TODAY, RegistersHost, open_test_database, seed_small, settle
from sqlmodel import select
from textual.widgets import Input

from rekanan.models import Contract, Sanction, SanctionKind, SanctionSource, SanctionStatus
from rekanan.screens.confirm import ConfirmScreen
from rekanan.screens.contracts import ContractsScreen
from rekanan.screens.forms import RecordForm


@pytest.fixture
def sanctioned(tmp_path):
    db = open_test_database(tmp_path / "award.db")
    ids = seed_small(db)
    with db.writer() as writer:
        writer.create(
            Sanction(
                supplier_id=ids["telkom"],
                kind=SanctionKind.BLACKLIST_1Y,
                decree_number="100/Kep.1/2026",
                start_date=TODAY - timedelta(days=30),
                end_date=TODAY + timedelta(days=335),
                status=SanctionStatus.PUBLISHED,
                source=SanctionSource.LOCAL,
            )
        )
    return db, ids


async def _type(pilot, name: str, value: str) -> None:
    control = pilot.app.screen.query_one(f"#field-{name}", Input)
    control.focus()
    control.value = ""
    await pilot.press(*value)
    await pilot.pause()


def _numbers(db) -> list[str]:
    with db.session() as session:
        return [c.number for c in session.exec(select(Contract)).all()]


async def test_a_new_contract_for_a_blacklisted_supplier_asks_first(sanctioned) -> None:
    db, _ids = sanctioned
    app = RegistersHost(db, ContractsScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await _type(pilot, "number", "602.1/99/KTR/2026")
        await _type(pilot, "title", "Sewa jaringan cadangan")
        await _type(pilot, "supplier_id", "01.000.000.0-093.000")
        await _type(pilot, "value", "250.000.000")
        await _type(pilot, "end_date", "31/12/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "dalam sanksi daftar hitam 1 tahun sampai" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        assert app.screen.query_one("#field-title", Input).value == "Sewa jaringan cadangan"
        assert "602.1/99/KTR/2026" not in _numbers(db)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContractsScreen)
        assert "602.1/99/KTR/2026" in _numbers(db)


async def test_an_edit_that_keeps_supplier_and_status_does_not_ask(sanctioned) -> None:
    db, ids = sanctioned
    with db.session() as session:
        contract = session.exec(
            select(Contract).where(Contract.supplier_id == ids["telkom"])
        ).first()
        assert contract is not None
        contract_id, title = contract.id, contract.title
    app = RegistersHost(db, RecordForm("contract", contract_id))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _type(pilot, "title", title + " (ubah)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
    with db.session() as session:
        assert session.get(Contract, contract_id).title == title + " (ubah)"


async def test_the_supplier_list_says_blacklisted(sanctioned) -> None:
    from rekanan.domain.thresholds import Thresholds
    from rekanan.screens.register_support import risk_map
    from rekanan.screens.suppliers import SuppliersScreen

    db, ids = sanctioned
    assert ids["telkom"] in risk_map(db, TODAY, Thresholds()).sanctioned
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        row = next(r for r in screen.query_one("PagedTable").rows if r.id == ids["telkom"])
        assert screen._status_cell(row).plain == "Daftar hitam"
