"""The real app on the demo agency: every main screen by its key, help, errors, language."""

from __future__ import annotations

from app_pilot import build, settle

from rekanan.errors import RekananError
from rekanan.screens.alerts import AlertsScreen
from rekanan.screens.contracts import ContractsScreen
from rekanan.screens.dashboard import DashboardScreen
from rekanan.screens.error import ErrorScreen
from rekanan.screens.help import HelpScreen
from rekanan.screens.services import ServicesScreen
from rekanan.screens.suppliers import SuppliersScreen
from rekanan.widgets.paged_table import PagedTable


async def test_every_main_screen_by_key(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        for key, kind in (
            ("2", SuppliersScreen),
            ("3", ContractsScreen),
            ("4", ServicesScreen),
            ("5", AlertsScreen),
            ("1", DashboardScreen),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, kind), key
        # A main screen keeps its state, and Esc leads back to the dashboard.
        await pilot.press("2")
        await settle(pilot)
        suppliers = app.screen
        assert suppliers.query_one(PagedTable).total > 20
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen is suppliers
        assert app.errors == []


async def test_help_lists_live_bindings_with_ids(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        ids = {k.binding_id for k in app.screen.keys}
        assert {"app.suppliers", "app.alerts", "dashboard.refresh", "app.help"} <= ids
        await pilot.press("escape")
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "alerts.snooze" in {k.binding_id for k in app.screen.keys}
        assert app.screen.title_text == "Peringatan"
        await pilot.press("escape")
        assert isinstance(app.screen, AlertsScreen)


async def test_errors_show_a_sentence_and_the_app_goes_on(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.show_error(RekananError("Basis data sibuk; coba lagi sebentar."))
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert app.screen.sentence == "Basis data sibuk; coba lagi sebentar."
        await pilot.press("enter")
        assert isinstance(app.screen, DashboardScreen)
        app.show_error(ZeroDivisionError("division by zero"))
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert "ZeroDivisionError" in app.screen.sentence
        assert "Traceback" not in app.screen.sentence


async def test_switch_language_rebuilds_screens_in_english(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.language == "en"
        assert isinstance(app.screen, ContractsScreen)
        descriptions = {b.description for _key, b in app._bindings}
        assert "Suppliers" in descriptions
        await pilot.press("1")
        await settle(pilot)
        title = str(app.screen.query_one("#dash-title").content)
        assert title.startswith("Dashboard · ") and "as of 23 November 2026" in title
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.language == "id"
        assert str(app.screen.query_one("#dash-title").content).startswith("Ringkasan")


async def test_keymap_from_config_remaps_by_id(demo_db) -> None:
    app = build(
        demo_db,
        keymap={"app.suppliers": "f2", "no.such.binding": "f3", "registers.search": "ctrl+f"},
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, SuppliersScreen)
        messages = " ".join(n.message for n in app._notifications)
        assert "no.such.binding" in messages
        assert "registers.search" not in messages, "ids of lazily imported screens are known"
        await pilot.press("ctrl+f")
        assert app.focused is app.screen.query_one("#search")


async def test_unknown_theme_is_reported_not_fatal(demo_db) -> None:
    app = build(demo_db, theme="no-such-theme")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert "no-such-theme" in " ".join(n.message for n in app._notifications)
        assert isinstance(app.screen, DashboardScreen)


async def test_binding_texts_are_restored_when_the_app_ends(demo_db) -> None:
    app = build(demo_db, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        shown = {b.description for _k, b in SuppliersScreen._merged_bindings}
        assert "Search" in shown or "Cari" not in shown
    after = {b.description for _k, b in SuppliersScreen._merged_bindings}
    assert "Cari" in after


async def test_a_list_is_reached_with_its_table_focused(demo_db) -> None:
    """Whatever had the focus last time, a number key lands on the table (F25)."""
    from textual.widgets import DataTable, Input

    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        app.screen.query_one("#search", Input).focus()
        await app.show("ringkasan")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, SuppliersScreen)
        assert isinstance(app.screen.focused, DataTable)
        await pilot.press(*"graha")  # search as you type, from the table
        await settle(pilot)
        assert app.screen.query_one("#search", Input).value == "graha"
        assert isinstance(app.screen, SuppliersScreen)


async def test_help_speaks_the_app_language_and_names_the_focus(demo_db) -> None:
    """Textual's own key texts are said in Indonesian (or left out); no widget ids (F1)."""
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("1", "2", "3"):
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            texts = {k.description for k in app.screen.keys}
            english = {"Up", "Down", "Scroll Left", "First", "Last", "Page Up", "Focus Next"}
            assert not texts & english, texts
            assert not {"Cursor up", "Select", "Copy selected text"} & texts
            assert "dash-" not in app.screen.focus_text
            assert "ContentTabs" not in app.screen.focus_text
            assert "WindowTable" not in app.screen.focus_text
            await pilot.press("escape")
            await settle(pilot)


async def test_footers_of_lists_and_details_fit_120_columns(demo_db) -> None:
    """The screen's own keys and help stay visible: 1-5 are not in these footers (F3)."""
    from textual.widgets._footer import FooterKey

    def footer_keys(screen: object) -> tuple[list[str], bool]:
        keys = [k for k in screen.query(FooterKey) if "-command-palette" not in k.classes]
        palette = [k for k in screen.query(FooterKey) if "-command-palette" in k.classes]
        limit = palette[0].region.x if palette else 120
        fits = all(k.region.right <= limit for k in keys)
        return [k.key for k in keys], fits

    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("2", "3", "4", "5"):
            await pilot.press(key)
            await settle(pilot)
            shown, fits = footer_keys(app.screen)
            assert fits, (key, shown)
            assert "question_mark" in shown and "escape" in shown and "1" not in shown, shown
            if key != "5":
                await pilot.press("enter")  # the first row's detail
                await settle(pilot)
                shown, fits = footer_keys(app.screen)
                assert fits, (key, shown)
                assert "question_mark" in shown and "u" in shown and "2" not in shown, shown
                await pilot.press("escape")
                await settle(pilot)


async def test_contract_list_fits_120_columns(demo_db) -> None:
    """Every column of the contract list is on screen at 120 columns, in both languages (F9)."""
    from textual.widgets import DataTable

    for language in ("id", "en"):
        app = build(demo_db, language)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
            table = app.screen.query_one(DataTable)
            assert table.virtual_size.width <= table.content_region.width, language


async def test_help_on_the_search_box_lists_no_english_editing_keys(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash", "f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        texts = " ".join(k.description for k in app.screen.keys).lower()
        assert "cursor" not in texts and "word" not in texts and "select" not in texts, texts
        assert "kotak pencarian" in app.screen.focus_text
