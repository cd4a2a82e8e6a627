"""The import screen: preview (dry run), confirm, import in a worker, and the report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Button, DataTable, Input

sys.path.insert(0, str(Path(__file__).parent))

from import_helpers import LKPP_JSON, count

from rekanan.config import Settings
from rekanan.models import Contract
from rekanan.screens.confirm import ConfirmScreen
from rekanan.screens.import_screen import ImportScreen
from rekanan.store.database import Database

pytestmark = pytest.mark.skipif(not LKPP_JSON.exists(), reason="shared LKPP data not present")


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


async def test_preview_confirm_import(sqlite_db: Database) -> None:
    screen = ImportScreen(str(LKPP_JSON), "lkpp")
    app = Host(sqlite_db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await _settle(app, pilot)
        assert screen.report is not None and screen.report.dry_run
        assert count(sqlite_db, Contract) == 0
        assert screen.query_one("#import-rows", DataTable).row_count == 52
        assert not screen.query_one("#import-run", Button).disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await _settle(app, pilot)
        assert screen.report is not None and screen.report.committed
        assert count(sqlite_db, Contract) == 52


async def test_import_needs_a_fresh_preview_and_bad_paths_are_sentences(
    sqlite_db: Database, tmp_path: Path
) -> None:
    screen = ImportScreen(str(tmp_path / "tidak-ada.csv"))
    app = Host(sqlite_db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("f5")
        await _settle(app, pilot)
        summary = str(screen.query_one("#import-summary").render())
        assert "tidak ada" in summary
        assert screen.query_one("#import-run", Button).disabled
        screen.query_one("#import-path", Input).value = str(LKPP_JSON)
        await pilot.pause()
        assert screen.query_one("#import-run", Button).disabled


def test_every_screen_text_has_an_english_translation() -> None:
    from babel.messages.extract import extract_from_file

    from rekanan.i18n import catalogue_files, read_catalogue

    english: dict[str, str] = {}
    for path in catalogue_files("en"):
        english.update(read_catalogue(path))
    screen = Path(__file__).parents[3] / "rekanan" / "screens" / "import_screen.py"
    keywords = {"tr": (2,), "N_": None}
    missing = {
        message
        for _line, message, _comments, _context in extract_from_file(
            "python", str(screen), keywords=keywords
        )
        if isinstance(message, str) and message and message not in english
    }
    assert not missing, sorted(missing)
