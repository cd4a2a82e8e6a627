"""Export dialogs ask before replacing a file and start in the last folder used (F44)."""

from __future__ import annotations

import pytest
from registers_pilot import RegistersHost, open_test_database, seed_small, settle
from textual.widgets import Input

from rekanan.screens.export_dialog import ExportDialog
from rekanan.screens.suppliers import SuppliersScreen


@pytest.fixture
def small(tmp_path):
    db = open_test_database(tmp_path / "export.db")
    seed_small(db)
    return db


async def test_an_existing_file_is_replaced_only_after_a_second_ctrl_s(small, tmp_path) -> None:
    target = tmp_path / "rekanan.csv"
    target.write_text("lama\n", encoding="utf-8")
    app = RegistersHost(small, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await pilot.click("#format-csv")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "sudah ada" in str(app.screen.query_one("#export-message").render())
        assert target.read_text(encoding="utf-8") == "lama\n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SuppliersScreen)
        assert target.read_text(encoding="utf-8-sig") != "lama\n"
        await pilot.press("e")  # the next dialog starts in the folder used a moment ago
        await settle(pilot)
        shown = app.screen.query_one("#export-path", Input).value
        assert shown.startswith(str(tmp_path) + "/")
