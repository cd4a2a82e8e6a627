"""The import screen (F42): no empty headings, whole sentences, a flag column, no stale rows."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Button, DataTable, Input, ProgressBar, Static

sys.path.insert(0, str(Path(__file__).parent))

from import_helpers import write_csv

from rekanan.config import Settings
from rekanan.io.importing import KINDS
from rekanan.screens.import_screen import ImportScreen
from rekanan.store.database import Database

LONG = "Jl. Jenderal Gatot Subroto Kavling 88, Gedung Arunika Lantai 12, Sukamaju, Jawa Barat"


class Host(App[None]):
    """Just enough app for the screen: ``db``, ``settings`` and ``language``."""

    def __init__(self, db: Database, screen: ImportScreen) -> None:
        super().__init__()
        self.db = db
        self.settings = Settings()
        self.language = "id"
        self.screen_under_test = screen

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test)


async def _settle(app: Any, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _text(widget: Any) -> str:
    return str(widget.render())


async def test_report_reads_whole_and_a_failed_path_clears_the_table(
    sqlite_db: Database, tmp_path: Path
) -> None:
    rows = [
        {"nama": "PT Satu", "npwp": "02.876.543.6-427.000", "alamat": LONG},
        {"nama": "CV Tanpa NPWP"},
        {"nama": "PT Salah", "npwp": "03.111.222.9-427.000", "kategori": "sangat penting"},
    ]
    path = write_csv(tmp_path / "r.csv", KINDS["rekanan"].column_names, rows)
    screen = ImportScreen(str(path))
    app = Host(sqlite_db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        assert not screen.query_one("#import-progress", ProgressBar).display
        await pilot.press("f5")
        await _settle(app, pilot)
        summary = _text(screen.query_one("#import-summary", Static))
        assert not [line for line in summary.splitlines() if line.rstrip().endswith(":")]
        assert "1 baris ditandai untuk diperiksa" in summary
        table = screen.query_one("#import-rows", DataTable)
        assert table.row_count == 3
        assert [str(c.label) for c in table.columns.values()][-1] == "Tanda"
        flag_cell = str(table.get_row_at(1)[-1])
        assert flag_cell.startswith("Rekanan 'CV") and flag_cell.endswith("…")
        table.focus()
        table.move_cursor(row=2)
        await pilot.pause()
        detail = _text(screen.query_one("#import-detail", Static))
        assert "Baris 4" in detail and "sangat penting" in detail
        assert "angka pemeriksanya tidak cocok; periksa lagi dengan dokumen NPWP." in detail
        screen.query_one("#import-path", Input).value = str(tmp_path / "tidak-ada.csv")
        await pilot.press("f5")
        await _settle(app, pilot)
        assert "tidak ada" in _text(screen.query_one("#import-summary", Static))
        assert table.row_count == 0
        assert screen.report is None
        assert screen.query_one("#import-save", Button).disabled
        assert screen.query_one("#import-detail", Static).has_class("-empty")
