"""Peringatan: the exported XLSX says the list's filters and the day (F44)."""

from __future__ import annotations

from app_pilot import build, settle
from openpyxl import load_workbook
from textual.widgets import Input, Select

from rekanan.screens.alerts import AlertsScreen
from rekanan.screens.export_dialog import ExportDialog
from rekanan.widgets.paged_table import PagedTable


async def test_the_xlsx_names_the_severity_filter_and_the_day(demo_db, tmp_path) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlertsScreen)
        screen.query_one("#filter-severity", Select).value = "critical"
        await settle(pilot)
        screen.query_one(PagedTable).focus()
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        target = tmp_path / "peringatan.xlsx"
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    rows = list(load_workbook(target)["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == "Posisi data per" and rows[0][1].endswith("2026")
    assert ("Filter", "tingkat kritis") in rows
