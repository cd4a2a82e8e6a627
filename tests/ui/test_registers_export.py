"""Exporting a register: the dialog writes what the list shows, with its filters."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook
from registers_pilot import RegistersHost, open_test_database, seed_small, settle
from textual.widgets import Input

from rekanan.screens.contracts import ContractsScreen
from rekanan.screens.export_dialog import ExportDialog, check_path, with_format
from rekanan.screens.suppliers import SuppliersScreen


@pytest.fixture
def small(tmp_path):
    db = open_test_database(tmp_path / "export.db")
    ids = seed_small(db)
    return db, ids


async def test_supplier_list_exports_filtered_rows_as_csv(small, tmp_path) -> None:
    db, _ = small
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#filter-status").value = "active"
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "3" in app.screen.title_text
        await pilot.click("#format-csv")
        await pilot.pause()
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value.endswith(".csv")
        target = tmp_path / "aktif.csv"
        path_input.value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SuppliersScreen)
    with target.open(encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    names = [line[1] for line in lines[1:]]
    assert sorted(names) == [
        "CV Maju Jaya Web",
        "PT Telkom Indonesia (Persero) Tbk",
        "[bold red]PT Markup[/]",
    ]


async def test_contract_list_exports_xlsx_and_a_bad_folder_is_said(small, tmp_path) -> None:
    db, _ = small
    app = RegistersHost(db, ContractsScreen(underpinning=True), language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        path_input = app.screen.query_one("#export-path", Input)
        typed = str(tmp_path / "missing" / "uc.xlsx")
        path_input.value = typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert "missing" in str(app.screen.query_one("#export-message").render())
        assert path_input.value == typed
        path_input.value = str(tmp_path / "uc.xlsx")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContractsScreen)
    sheet = load_workbook(tmp_path / "uc.xlsx").active
    numbers = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[1]]
    assert numbers == ["602.1/01/KTR/DISKOMINFO/2026"]


def test_format_follows_the_choice_and_paths_are_checked(tmp_path) -> None:
    assert with_format("/tmp/rekanan-2026-03-02.xlsx", "csv") == "/tmp/rekanan-2026-03-02.csv"
    assert with_format("laporan.txt", "csv") == "laporan.txt"
    assert check_path("")[1] is not None
    assert check_path(str(tmp_path))[1] is not None
    assert check_path(str(tmp_path / "no" / "x.csv"))[1] is not None
    assert check_path(str(tmp_path / "x.csv")) == (tmp_path / "x.csv", None)


def test_default_export_folder_is_documents_not_the_working_folder(tmp_path, monkeypatch) -> None:
    from datetime import date

    from rekanan.screens.export_dialog import default_path
    from rekanan.screens.export_folder import documents_folder

    monkeypatch.chdir(tmp_path)
    path = default_path("daftar-rekanan", "xlsx", date(2026, 11, 23))
    assert path.parent == documents_folder() != tmp_path
    assert path.name == "daftar-rekanan-2026-11-23.xlsx"


async def test_only_the_chosen_format_shows_its_dot(tmp_path) -> None:
    """The format buttons are told apart by a dot, not by colour alone (like F30)."""
    from registers_pilot import RegistersHost, open_test_database, seed_small, settle

    from rekanan.screens.suppliers import SuppliersScreen
    from rekanan.widgets.form import ChoiceButton

    db = open_test_database(tmp_path / "dots.db")
    seed_small(db)
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        buttons = list(app.screen.query(ChoiceButton))
        assert [b.BUTTON_INNER for b in buttons] == ["●", " "]
        buttons[1].value = True
        await pilot.pause()
        assert [b.BUTTON_INNER for b in buttons] == [" ", "●"]
