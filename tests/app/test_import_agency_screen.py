"""G16 in the app: the import preview names the satker of an SPSE file and warns when they
are not the agency's; the confirmation says it again with "No" first; the Satker field takes
several names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Button, Input, Static

from rekanan.config import Agency, Settings
from rekanan.models import Contract
from rekanan.screens.confirm import ConfirmScreen
from rekanan.screens.import_screen import ImportScreen
from rekanan.store.database import Database

LKPP_JSON = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "lkpp"
    / "spse-tender-ekontrak-kontrak-2025.json"
)

pytestmark = pytest.mark.skipif(not LKPP_JSON.exists(), reason="shared LKPP data not present")

SUKAMAJU = Agency(
    name="Dinas Komunikasi dan Informatika", government="Pemerintah Kabupaten Sukamaju"
)


class Host(App[None]):
    """Just enough app for the screen, with the demo agency's settings."""

    def __init__(self, db: Database, screen: ImportScreen, language: str = "id") -> None:
        super().__init__()
        self.db = db
        self.settings = Settings(agency=SUKAMAJU, language=language)
        self.language = language
        self.screen_under_test = screen

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test)


async def _settle(app: Any, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _text(widget: Static) -> str:
    return str(widget.render())


def _count(db: Database) -> int:
    from sqlalchemy import func, select

    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(Contract)).scalar_one())


async def test_preview_warns_and_the_confirmation_starts_on_no(empty_db: Database) -> None:
    screen = ImportScreen(str(LKPP_JSON), "lkpp")
    app = Host(empty_db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await _settle(app, pilot)
        summary = _text(screen.query_one("#import-summary", Static))
        assert "Perhatian: tidak satu pun dari 52 rekaman yang akan diimpor milik instansi ini" in (
            summary.replace("\n", " ")
        )
        assert "isian Satker" in summary.replace("\n", " ")
        assert "DINAS KESEHATAN 8" in summary.replace("\n", " ")
        assert "peringatan kritis" in summary.replace("\n", " ")
        # the table of rows stays in view under the warnings
        assert screen.query_one("#import-rows").region.height >= 5
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert "tidak satu pun dari 52" in dialog.detail
        assert "peringatan kritis" in dialog.detail
        assert dialog.focused is not None and dialog.focused.id == "confirm-no"
        await pilot.press("enter")  # Enter on "No" imports nothing
        await _settle(app, pilot)
        assert _count(empty_db) == 0


async def test_the_satker_field_takes_several_names(empty_db: Database) -> None:
    screen = ImportScreen(str(LKPP_JSON), "lkpp")
    app = Host(empty_db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        screen.query_one("#import-satker", Input).value = "dinas kesehatan; sekretariat dprd"
        await pilot.press("f5")
        await _settle(app, pilot)
        assert screen.report is not None
        summary = _text(screen.query_one("#import-summary", Static)).replace("\n", " ")
        assert "10 baru, 42 dilewati" in summary
        assert "periksa satker yang dipilih di isian Satker" in summary
        assert not screen.query_one("#import-run", Button).disabled


async def test_english_preview(empty_db: Database) -> None:
    screen = ImportScreen(str(LKPP_JSON), "lkpp")
    app = Host(empty_db, screen, language="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await _settle(app, pilot)
        summary = _text(screen.query_one("#import-summary", Static)).replace("\n", " ")
        assert "Warning: none of the 52 records to import belong to this agency" in summary
        assert "Satker field" in summary
        assert screen.query_one("#import-rows").region.height >= 2
