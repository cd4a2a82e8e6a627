"""Ctrl+P finds records and commands; an empty database gets a welcome with the demo."""

from __future__ import annotations

from app_pilot import AS_OF, build, settle
from textual.command import CommandPalette
from textual.widgets import Input

from rekanan.domain.thresholds import Thresholds
from rekanan.screens.dashboard import DashboardScreen
from rekanan.screens.palette import find_records
from rekanan.screens.scorecard_dialog import ScorecardDialog
from rekanan.screens.supplier_detail import SupplierDetailScreen
from rekanan.screens.suppliers import SuppliersScreen
from rekanan.screens.welcome import WelcomeScreen


async def wait_for_hits(pilot, palette: CommandPalette, first: str = "") -> None:
    """Let the palette's search run (its providers are async tasks) until the hit shows.

    Hits stream in and are re-ranked, so wait until the highlighted one is ``first``.
    """
    for _ in range(400):
        await pilot.pause()
        commands = palette.query_one("CommandList")
        if palette._list_visible and commands.option_count:
            option = commands.highlighted_option
            if option is not None and first in str(option.prompt):
                return
    raise AssertionError(f"the palette did not offer {first!r}")


def test_find_records_in_every_register(demo_db) -> None:
    found = find_records(demo_db, "internet", AS_OF, Thresholds())
    kinds = {f.kind for f in found}
    assert "contract" in kinds
    npwp = find_records(demo_db, "arunika", AS_OF, Thresholds())
    assert any(f.kind == "supplier" and f.detail for f in npwp)


async def test_palette_opens_a_supplier(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"arunika")
        await wait_for_hits(pilot, palette, "Arunika")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SupplierDetailScreen)


async def test_palette_commands_switch_screens(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Buka Rekanan" in titles and "Ganti bahasa" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Buka Rekanan")
        await wait_for_hits(pilot, app.screen, "Buka Rekanan")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SuppliersScreen)
        # On a register, its own actions are offered too.
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Baru..." in titles


async def test_empty_database_welcomes_and_loads_the_demo(empty_db) -> None:
    app = build(empty_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("d")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        quick = app.screen.quick
        assert quick is not None and quick.suppliers >= 20 and quick.contracts >= 30


async def test_empty_database_can_start_empty(empty_db) -> None:
    app = build(empty_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.quick is not None and app.screen.quick.empty


async def test_review_key_and_scorecard_export_command(demo_db, tmp_path, monkeypatch) -> None:
    from rekanan.app import review_screen_class

    monkeypatch.chdir(tmp_path)
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        review = review_screen_class()
        if review is not None:
            await pilot.press("r")
            await settle(pilot)
            assert isinstance(app.screen, review)
            await pilot.press("1")
            await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"arunika")
        await wait_for_hits(pilot, app.screen, "Arunika")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SupplierDetailScreen)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Ekspor scorecard..." in commands
        commands["Ekspor scorecard..."].callback()
        await settle(pilot)
        # A dialog (F23): the last complete quarter, PDF, the documents folder (not the CWD).
        dialog = app.screen
        assert isinstance(dialog, ScorecardDialog)
        assert dialog.query_one("#scorecard-period", Input).value == "2026-Q3"
        assert dialog.query_one("#scorecard-folder", Input).value != str(tmp_path)
        assert dialog.fmt == "pdf"
        out = tmp_path / "out"
        out.mkdir()
        dialog.query_one("#scorecard-folder", Input).value = str(out)
        await pilot.press("ctrl+s")
        await settle(pilot)
        written = list(out.glob("kartu-kinerja-2026-Q3-*.pdf"))
        assert len(written) == 1 and written[0].read_bytes().startswith(b"%PDF")
        assert not list(tmp_path.glob("kartu-kinerja-*"))  # nothing in the working folder
        assert isinstance(app.screen, SupplierDetailScreen)
        await pilot.press("e")  # the same dialog from the supplier's own key
        await settle(pilot)
        assert isinstance(app.screen, ScorecardDialog)
        app.screen.query_one("#scorecard-period", Input).value = "2026-Q5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        hint = str(app.screen.query_one("#scorecard-period-hint").render())
        assert "2026-Q3" in hint and isinstance(app.screen, ScorecardDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.errors == []


async def test_empty_database_offers_the_import(empty_db) -> None:
    from rekanan.screens.welcome import import_screen_class

    app = build(empty_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("i")
        await settle(pilot)
        screen_class = import_screen_class()
        if screen_class is None:
            assert app.screen.query_one("#welcome-import").has_class("shown")
        else:
            assert isinstance(app.screen, screen_class)


async def test_palette_speaks_english_and_offers_the_highlighted_suppliers_scorecard(
    demo_db,
) -> None:
    from textual.command import CommandInput

    from rekanan.screens.palette import RekananPalette

    app = build(demo_db, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Export scorecard..." in titles  # the highlighted supplier's (F24)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, RekananPalette)
        placeholder = str(app.screen.query_one(CommandInput).placeholder)
        assert placeholder.startswith("Search commands, suppliers")
        await pilot.press("escape")
