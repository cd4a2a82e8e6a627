"""The paged table: windows of a long list, sliding as the cursor moves, stale loads ignored."""

from __future__ import annotations

from dataclasses import dataclass

from registers_pilot import settle
from textual.app import App, ComposeResult

from rekanan.store.lists import Page
from rekanan.widgets.paged_table import Column, PagedTable, plain


@dataclass(frozen=True)
class Item:
    n: int
    name: str


ITEMS = [Item(i, f"[bold red]item {i:05d}[/]") for i in range(1000)]


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[int, int, str, bool]] = []
        self.chosen: list[Item] = []

    def fetch(self, offset: int, limit: int, sort: str, descending: bool) -> Page[Item]:
        self.calls.append((offset, limit, sort, descending))
        items = sorted(ITEMS, key=lambda i: i.n if sort == "n" else i.name, reverse=descending)
        offset = max(0, min(offset, len(items) - 1))
        return Page(tuple(items[offset : offset + limit]), offset, len(items))

    def compose(self) -> ComposeResult:
        yield PagedTable(
            [
                Column("n", "Nomor", lambda i: plain(i.n), sort="n"),
                Column("name", "Nama", lambda i: plain(i.name), sort="name"),
            ],
            self.fetch,
            window=50,
            id="items",
        )

    def on_paged_table_row_chosen(self, event: PagedTable.RowChosen) -> None:
        self.chosen.append(event.row)


async def test_window_slides_forward_and_back() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        assert table.total == 1000 and len(table.rows) == 50 and table.window_offset == 0
        assert table.table.row_count == 50
        await pilot.press("end")
        await settle(pilot)
        # Down past the last mounted row slides the window by half.
        table.table.move_cursor(row=49)
        await pilot.press("down")
        await settle(pilot)
        assert table.window_offset == 25
        assert table.current == ITEMS[50]
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table.window_offset == 950 and table.current == ITEMS[999]
        await pilot.press("ctrl+home")
        await settle(pilot)
        assert table.window_offset == 0 and table.current == ITEMS[0]
        table.table.move_cursor(row=0)
        await pilot.press("up")  # nothing above the first row
        await settle(pilot)
        assert table.window_offset == 0


async def test_sort_keys_and_enter_choose() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        table.focus()
        await pilot.press("S")
        await settle(pilot)
        assert app.calls[-1] == (0, 50, "n", True)
        assert table.current == ITEMS[999]
        await pilot.press("s")
        await settle(pilot)
        assert app.calls[-1][2] == "name"
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [ITEMS[0]]


async def test_markup_is_shown_literally_and_status_counts() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        cell = table.table.get_cell_at((0, 1))
        assert str(cell) == "[bold red]item 00000[/]"
        status = str(table.query_one(".paged-status").render())
        assert "1–50" in status and "1.000" in status


async def test_a_newer_reload_wins_over_an_older_one() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        table.set_sort("n", True)
        table.set_sort("n", False)
        await settle(pilot)
        assert table.current == ITEMS[0]
        assert "▲" in str(table.table.columns["n"].label)
