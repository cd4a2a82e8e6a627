"""The supplier register and detail, driven by keys on a small agency."""

from __future__ import annotations

import pytest
from registers_pilot import RegistersHost, open_test_database, seed_small, settle

from rekanan.screens.supplier_detail import SupplierDetailScreen
from rekanan.screens.suppliers import SuppliersScreen
from rekanan.widgets.paged_table import PagedTable, RecordTable


@pytest.fixture
def small(tmp_path):
    db = open_test_database(tmp_path / "registers.db")
    ids = seed_small(db)
    return db, ids


def names(app) -> list[str]:
    table = app.screen.query_one(PagedTable)
    return [row.name for row in table.rows]


async def test_list_search_filter_and_open(small) -> None:
    db, ids = small
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert names(app) == [
            "Budi Santoso",
            "CV Maju Jaya Web",
            "PT Telkom Indonesia (Persero) Tbk",
            "[bold red]PT Markup[/]",
        ]
        # Search as you type, any NPWP spelling.
        await pilot.press("slash")
        await pilot.press(*"01.000.000.0-093")
        await settle(pilot)
        assert names(app) == ["PT Telkom Indonesia (Persero) Tbk"]
        await pilot.press("escape")  # back to the table
        assert isinstance(app.focused, PagedTable) or app.focused.parent is app.screen.query_one(
            PagedTable
        )
        # Clear and filter on inactive suppliers.
        await pilot.press("x")
        await settle(pilot)
        assert len(names(app)) == 4
        app.screen.query_one("#filter-status").value = "inactive"
        await settle(pilot)
        assert names(app) == ["Budi Santoso"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SupplierDetailScreen)
        assert app.screen.supplier_id == ids["budi"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SuppliersScreen)


async def test_risk_filter_and_markup_shown_literally(small) -> None:
    db, ids = small
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.risks is not None
        assert screen.risks.scores.get(ids["maju"], 0) > 0
        table = screen.query_one(PagedTable).table
        markup_row = names(app).index("[bold red]PT Markup[/]")
        assert str(table.get_cell_at((markup_row, 0))) == "[bold red]PT Markup[/]"
        screen.query_one("#filter-risk").value = "low"
        await settle(pilot)
        assert "CV Maju Jaya Web" not in names(app) or screen.risks.band(ids["maju"]) == "low"


async def test_sort_by_keys(small) -> None:
    db, _ids = small
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S")  # reverse the name sort
        await settle(pilot)
        assert names(app)[0] == "[bold red]PT Markup[/]"


async def test_detail_tabs_show_the_record(small) -> None:
    db, ids = small
    app = RegistersHost(db, SupplierDetailScreen(ids["maju"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.view is not None
        contracts = screen.query_one("#contracts-table", RecordTable)
        assert [line.contract.number for line in contracts.records] == [
            "027/15/SPK/2025",
            "027/03/SPK/2024",
        ]
        letters = screen.query_one("#letters-table", RecordTable)
        assert len(letters.records) == 3  # SP1, SP2 and a penalty
        await pilot.press("right_square_bracket")
        assert screen.tab == "contracts"
        for _ in range(6):
            await pilot.press("right_square_bracket")
        assert screen.tab == "profile"
        assert screen.view.risk.score > 0


async def test_opened_by_risk_never_shows_the_whole_list_first(small) -> None:
    """From the dashboard's "Risiko kritis": no window of every supplier before the scores
    are known (F4)."""
    db, _ids = small
    screen = SuppliersScreen(risk="critical")
    totals: list[int] = []
    fetch = screen._fetch

    def counted(offset: int, limit: int, sort: str, descending: bool):  # type: ignore[no-untyped-def]
        page = fetch(offset, limit, sort, descending)
        totals.append(page.total if screen.risks is not None else -1)
        return page

    screen._fetch = counted  # type: ignore[method-assign]
    app = RegistersHost(db, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = screen.query_one(PagedTable)
        assert -1 not in totals, totals  # every fetch waited for the scores
        assert table.total == len(screen.risks.ids("critical"))
