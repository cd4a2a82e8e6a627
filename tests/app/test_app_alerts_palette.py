"""Peringatan (F43): the palette offers 'Ekspor daftar...' like the other lists, and the
screen's help says what `e` does, in both languages."""

from __future__ import annotations

from app_pilot import build, settle

from rekanan.i18n import translate
from rekanan.screens.alerts import AlertsScreen
from rekanan.screens.export_dialog import ExportDialog


def test_help_mentions_the_export_key_in_both_languages() -> None:
    assert "e mengekspor daftar" in AlertsScreen.HELP
    assert "e exports the list" in translate("en", AlertsScreen.HELP)


async def test_palette_export_command_opens_the_export_dialog(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlertsScreen)
        commands = {c.title: c for c in app.get_system_commands(screen)}
        assert "Ekspor daftar..." in commands
        app.call_later(commands["Ekspor daftar..."].callback)  # as the palette runs it
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
