"""Peringatan: the table has the focus on arrival and `e` exports what the list shows (F43)."""

from __future__ import annotations

import csv

from app_pilot import build, settle
from textual.widgets import DataTable, Input, Select

from rekanan.screens.alerts import AlertsScreen
from rekanan.screens.export_dialog import ExportDialog
from rekanan.widgets.paged_table import PagedTable


async def test_keys_typed_on_arrival_reach_the_table_not_the_search(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)
        assert isinstance(app.screen.focused, DataTable)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#export-path", Input).value.endswith(".xlsx")


async def test_export_writes_the_filtered_alerts(demo_db, tmp_path) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlertsScreen)
        screen.query_one("#filter-severity", Select).value = "critical"
        await settle(pilot)
        shown = screen.query_one(PagedTable).total
        assert shown > 0
        screen.query_one(PagedTable).focus()
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert str(shown) in dialog.title_text
        await pilot.click("#format-csv")
        await pilot.pause()
        target = tmp_path / "peringatan.csv"
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) - 1 == shown
