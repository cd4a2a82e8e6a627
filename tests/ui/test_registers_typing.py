"""Typing on a list: a name typed while the table has the focus searches instead of firing
the list's letter keys, never deletes, and ``/`` is not searched for (F25, F7)."""

from __future__ import annotations

from registers_pilot import RegistersHost, open_test_database, seed_small, settle
from textual.widgets import DataTable, Input

from rekanan.models import Supplier
from rekanan.screens.confirm import ConfirmScreen
from rekanan.screens.contracts import ContractsScreen
from rekanan.screens.suppliers import SuppliersScreen


async def test_letters_nobody_binds_start_a_search(tmp_path) -> None:
    db = open_test_database(tmp_path / "typing.db")
    seed_small(db)
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen.focused, DataTable)
        await pilot.press(*"maju")
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        assert search.value == "maju" and app.screen.focused is search
        assert [r.name for r in app.screen.query_one("PagedTable").rows] == ["CV Maju Jaya Web"]
        await pilot.press("down")  # from the search box down to the results
        await settle(pilot)
        assert isinstance(app.screen.focused, DataTable) and search.value == "maju"


async def test_a_name_starting_with_d_never_deletes(tmp_path) -> None:
    db = open_test_database(tmp_path / "delete.db")
    ids = seed_small(db)
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("PagedTable")
        table.table.move_cursor(row=[r.name for r in table.rows].index("[bold red]PT Markup[/]"))
        await pilot.press("d", "y")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # y does not answer a delete
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press(*"dimas yanto")  # d asks; nothing typed after it says yes
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):  # the n of "yanto" said no already
            await pilot.press("escape")
            await settle(pilot)
        with db.session() as session:
            assert session.get(Supplier, ids["markup"]) is not None


async def test_slash_focuses_search_and_is_not_searched_for(tmp_path) -> None:
    db = open_test_database(tmp_path / "slash.db")
    seed_small(db)
    app = RegistersHost(db, ContractsScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        search = app.screen.query_one("#search", Input)
        assert app.screen.focused is search
        await pilot.press("slash")  # pressed again in the empty box: nothing to search
        assert search.value == ""
        await pilot.press(*"027/15")  # a contract number keeps its slash
        await settle(pilot)
        assert search.value == "027/15"
        assert [r.number for r in app.screen.query_one("PagedTable").rows] == ["027/15/SPK/2025"]


async def test_questions_show_their_keys_and_give_the_focus_back(tmp_path) -> None:
    """F8: y/n are written on the buttons; after "back to the form" typing goes on."""
    from textual.widgets import Button

    from rekanan.screens.forms import RecordForm

    db = open_test_database(tmp_path / "keys.db")
    seed_small(db)
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"PT Uji")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels[0].endswith("(y)") and labels[1].endswith("(n)"), labels
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        await pilot.press(*"abc")
        assert app.screen.query_one("#field-name", Input).value == "PT Ujiabc"
        await pilot.press("escape", "y")
        await settle(pilot)
        table = app.screen.query_one("PagedTable")
        free = [r.name for r in table.rows].index("[bold red]PT Markup[/]")  # nothing refers
        table.table.move_cursor(row=free)
        await pilot.press("d")  # a delete: no y key, so none written on its button
        await settle(pilot)
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert "(y)" not in labels[0] and labels[1].endswith("(n)"), labels


async def test_list_keys_work_while_a_filter_has_the_focus(tmp_path) -> None:
    """F6: the footer's keys act on the highlighted row wherever the focus is."""
    from textual.widgets import Select

    from rekanan.screens.forms import RecordForm

    db = open_test_database(tmp_path / "filters.db")
    seed_small(db)
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        assert isinstance(app.screen.focused, Select)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm) and app.screen.record_id is not None


async def test_a_new_record_starts_on_the_first_required_field_left_empty(tmp_path) -> None:
    """G8: an incident opened from a contract has its service filled in; typing the start
    must not replace the service code."""
    from rekanan.screens.forms import RecordForm

    db = open_test_database(tmp_path / "focus.db")
    seed_small(db)
    form = RecordForm("incident", None, {"service_id": "NET"})
    app = RegistersHost(db, form)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "field-started_at"
