"""A stale edit in English: the sentence is English, money reads as in the rest of the app,
and the detail behind the form shows the version saved first once the form closes (F29)."""

from __future__ import annotations

from decimal import Decimal

from registers_pilot import RegistersHost, open_test_database, seed_small, settle, shown
from test_registers_forms import fill

from rekanan.models import Contract
from rekanan.screens.confirm import ConfirmScreen
from rekanan.screens.contract_detail import ContractDetailScreen
from rekanan.screens.forms import RecordForm


async def test_stale_edit_in_english_then_discard_shows_the_newer_version(tmp_path) -> None:
    db = open_test_database(tmp_path / "stale.db")
    ids = seed_small(db)
    app = RegistersHost(db, ContractDetailScreen(ids["ta"]), language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "value", "98000000")
        with db.writer() as w:
            w.user = "siti"
            w.update(Contract, ids["ta"], {"value": Decimal("97000000")}, expected_version=1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen), app.errors
        detail = app.screen.detail
        assert "siti changed this record" in detail, detail
        assert "sudah diubah" not in detail and "Muat ulang" not in detail
        both = shown(app.screen.query_one("#confirm-extra Static"))
        assert "Rp98.000.000" in both and "Rp97.000.000" in both, both
        await pilot.press("n")  # keep editing
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        status = str(app.screen.query_one("#form-status").render())
        assert "not saved" in status
        await pilot.press("escape")  # close without saving
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        assert app.screen.view is not None
        assert app.screen.view.contract.value == Decimal("97000000")
