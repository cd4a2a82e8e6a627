"""A table that shows one window of a long query and fetches the next as the cursor moves.

Textual's DataTable takes seconds to mount 100 000 rows, so this widget mounts only a window
(a few hundred rows) of what a ``fetch`` function returns, and asks for the neighbouring
window in an exclusive thread worker when the cursor reaches an edge. A new search, filter
or sort calls ``reload``; a reload still running for an older query is cancelled and its
result ignored, so typing fast never shows stale rows.

``fetch(offset, limit, sort, descending)`` runs in a thread: it opens its own session and
returns a ``Page`` of plain rows. Cells are rendered by the columns into ``rich.text.Text``,
so user text is never read as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.widgets.data_table import RowKey
from textual.worker import Worker, WorkerState, get_current_worker

from rekanan.domain.formatting import number
from rekanan.store.lists import Page

R = TypeVar("R")

Cell = Text | str


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    """One column: its label, how to render a row, and the sort key it stands for (if any)."""

    key: str
    label: str
    render: Callable[[R], Cell]
    sort: str | None = None
    width: int | None = None


def plain(value: object) -> Text:
    """User text as a cell, shown literally (``[bold]`` stays ``[bold]``)."""
    return Text("" if value is None else str(value), no_wrap=True, overflow="ellipsis")


def translate(node: Any, text: str) -> str:
    """``app.t(text)`` when the app translates, else the Indonesian text itself."""
    app = getattr(node, "app", None)
    t = getattr(app, "t", None)
    return str(t(text)) if callable(t) else text


def language_of(node: Any) -> str:
    """The UI language of the running app (``id`` until the app says otherwise)."""
    app = getattr(node, "app", None)
    return str(getattr(app, "language", "id") or "id")


Fetch = Callable[[int, int, str, bool], Page[R]]


class SteadyDataTable(DataTable[Cell]):
    """A DataTable whose header never lags behind the widths its rows asked for.

    Textual 8.2.8 measures new rows when idle, after the header may already have been drawn
    and cached at the old column widths; the header then stays misaligned with the rows
    until the next change. Bumping the update count after measuring drops those lines.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(new_rows)
        self._update_count += 1
        self.refresh()


class WindowTable(SteadyDataTable):
    """A DataTable that tells its PagedTable when the cursor tries to leave the window."""

    class EdgeReached(Message):
        """The cursor pushed past the first or last mounted row (``direction`` -1 or +1)."""

        def __init__(self, direction: int, jump: bool = False) -> None:
            super().__init__()
            self.direction = direction
            self.jump = jump

    def action_cursor_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1:
            self.post_message(self.EdgeReached(+1))
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.row_count and self.cursor_row <= 0:
            self.post_message(self.EdgeReached(-1))
            return
        super().action_cursor_up()

    def action_page_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1:
            self.post_message(self.EdgeReached(+1))
            return
        super().action_page_down()

    def action_page_up(self) -> None:
        if self.row_count and self.cursor_row <= 0:
            self.post_message(self.EdgeReached(-1))
            return
        super().action_page_up()

    def action_scroll_top(self) -> None:
        self.post_message(self.EdgeReached(-1, jump=True))
        super().action_scroll_top()

    def action_scroll_bottom(self) -> None:
        self.post_message(self.EdgeReached(+1, jump=True))
        super().action_scroll_bottom()


class PagedTable(Vertical, Generic[R]):
    """A window of a long list with a status line: "Baris 1-200 dari 97.412"."""

    DEFAULT_CSS = """
    PagedTable { height: 1fr; }
    PagedTable > WindowTable { height: 1fr; }
    PagedTable > .paged-status { height: 1; color: $text-muted; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "next_sort", "Urutkan", id="table.sort"),
        Binding("S", "reverse_sort", "Balik urutan", id="table.reverse", show=False),
    ]

    class RowChosen(Message):
        """Enter on a row."""

        def __init__(self, table: PagedTable[Any], row: Any) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> PagedTable[Any]:
            return self.table

    class Loaded(Message):
        """A window arrived (tests and screens may wait for it)."""

        def __init__(self, table: PagedTable[Any], total: int) -> None:
            super().__init__()
            self.table = table
            self.total = total

        @property
        def control(self) -> PagedTable[Any]:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column[R]],
        fetch: Fetch[R],
        *,
        sort: str = "",
        descending: bool = False,
        window: int = 200,
        empty_text: str = "Tidak ada data yang cocok.",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = list(columns)
        self.fetch = fetch
        self.sort = sort or next((c.sort for c in self.columns if c.sort), "")
        self.descending = descending
        self.window = max(window, 20)
        self.empty_text = empty_text
        self.window_offset = 0
        self.total = 0
        self.rows: list[R] = []
        self._fetching = False
        self._generation = 0

    def compose(self) -> ComposeResult:
        table: WindowTable = WindowTable(cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", classes="paged-status")

    @property
    def table(self) -> WindowTable:
        """The DataTable showing the window."""
        return self.query_one(WindowTable)

    def on_mount(self) -> None:
        self._build_columns()
        self.reload()

    def focus(self, scroll_visible: bool = True) -> PagedTable[R]:
        """Focusing the widget focuses its table."""
        self.table.focus(scroll_visible)
        return self

    # -- public API ------------------------------------------------------------------

    @property
    def current(self) -> R | None:
        """The row under the cursor, or None in an empty list."""
        if not self.rows:
            return None
        index = self.table.cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def reload(self, *, keep_position: bool = False) -> None:
        """Fetch again (new filters, a write); from the top unless ``keep_position``."""
        if keep_position:
            self._load(self.window_offset, self.table.cursor_row if self.rows else 0)
        else:
            self._load(0, 0)

    def set_sort(self, sort: str, descending: bool = False) -> None:
        """Sort by one of the columns' sort keys and reload from the top."""
        self.sort = sort
        self.descending = descending
        self._build_columns()
        self.reload()

    # -- sorting -----------------------------------------------------------------------

    def action_next_sort(self) -> None:
        """Sort by the next sortable column (the column under the cursor first)."""
        keys = [c.sort for c in self.columns if c.sort]
        if not keys:
            return
        position = keys.index(self.sort) if self.sort in keys else -1
        self.set_sort(keys[(position + 1) % len(keys)], False)

    def action_reverse_sort(self) -> None:
        """Flip the order of the current sort."""
        self.set_sort(self.sort, not self.descending)

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = self.columns[event.column_index]
        if column.sort:
            same = column.sort == self.sort
            self.set_sort(column.sort, not self.descending if same else False)

    def _build_columns(self) -> None:
        table = self.table
        table.clear(columns=True)
        for column in self.columns:
            label = translate(self, column.label)
            if column.sort and column.sort == self.sort:
                label += " ▼" if self.descending else " ▲"
            table.add_column(Text(label), key=column.key, width=column.width)
        if self.rows:
            self._fill(self.rows, 0)

    # -- windows -------------------------------------------------------------------------

    @on(WindowTable.EdgeReached)
    def _edge(self, event: WindowTable.EdgeReached) -> None:
        event.stop()
        if self._fetching:
            return
        if event.jump:
            if event.direction > 0 and self.window_offset + len(self.rows) < self.total:
                last = max(self.total - self.window, 0)
                self._load(last, self.total - last - 1)
            elif event.direction < 0 and self.window_offset > 0:
                self._load(0, 0)
            return
        half = self.window // 2
        if event.direction > 0 and self.window_offset + len(self.rows) < self.total:
            # Slide forward by half a window; the cursor lands on the row after the old last.
            new_offset = self.window_offset + half
            self._load(new_offset, self.window_offset + len(self.rows) - new_offset)
        elif event.direction < 0 and self.window_offset > 0:
            new_offset = max(self.window_offset - half, 0)
            self._load(new_offset, self.window_offset - 1 - new_offset)

    def _load(self, offset: int, cursor: int) -> None:
        self._generation += 1
        generation = self._generation
        self._fetching = True
        self._status(translate(self, "Memuat…"))
        fetch, sort, descending, window = self.fetch, self.sort, self.descending, self.window

        def work() -> tuple[int, int, Page[R]]:
            page = fetch(offset, window, sort, descending)
            return generation, cursor, page

        self.run_worker(
            work,
            thread=True,
            exclusive=True,
            group=f"paged-{id(self)}",
            name="paged-table-fetch",
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "paged-table-fetch" or event.worker.node is not self:
            return
        if event.state == WorkerState.ERROR:
            self._fetching = False
            self._status(translate(self, "Data tidak dapat dimuat."))
            error = event.worker.error
            handler = getattr(self.app, "show_error", None)
            if callable(handler) and error is not None:
                handler(error)
            elif error is not None:
                self.notify(str(error), severity="error", markup=False)
            return
        if event.state != WorkerState.SUCCESS:
            return
        generation, cursor, page = event.worker.result  # type: ignore[misc]
        if generation != self._generation:
            return
        self._fetching = False
        self.window_offset = page.offset
        self.total = page.total
        self.rows = list(page.rows)
        self._fill(self.rows, cursor)
        self._show_status()
        self.post_message(self.Loaded(self, page.total))

    def _fill(self, rows: Sequence[R], cursor: int) -> None:
        table = self.table
        table.clear()
        for index, row in enumerate(rows):
            table.add_row(*(column.render(row) for column in self.columns), key=str(index))
        if rows:
            table.move_cursor(row=max(0, min(cursor, len(rows) - 1)), animate=False)

    def _show_status(self) -> None:
        if not self.total:
            self._status(translate(self, self.empty_text))
            return
        language = language_of(self)
        first = number(self.window_offset + 1, language, 0)
        last = number(self.window_offset + len(self.rows), language, 0)
        total = number(self.total, language, 0)
        text = translate(self, "Baris {first}–{last} dari {total}")
        self._status(text.format(first=first, last=last, total=total))

    def _status(self, text: str) -> None:
        self.query_one(".paged-status", Static).update(Text(text))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self.current
        if row is not None:
            self.post_message(self.RowChosen(self, row))


def cancelled() -> bool:
    """True inside a fetch whose result nobody wants any more (a newer query started)."""
    try:
        return get_current_worker().is_cancelled
    except Exception:
        return False


class RecordTable(SteadyDataTable):
    """A short list of plain records (a detail tab): rows rendered by columns, no paging."""

    class RowChosen(Message):
        """Enter on a record."""

        def __init__(self, table: RecordTable, row: Any) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> RecordTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column[Any]],
        *,
        empty_text: str = "Belum ada data.",
        id: str | None = None,
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self.spec = list(columns)
        self.records: list[Any] = []
        self.empty_text = empty_text

    def on_mount(self) -> None:
        for column in self.spec:
            self.add_column(Text(translate(self, column.label)), key=column.key, width=column.width)

    def show(self, records: Sequence[Any]) -> None:
        """Replace the rows, keeping the cursor where it was when possible."""
        cursor = self.cursor_row
        self.records = list(records)
        self.clear()
        for index, record in enumerate(self.records):
            self.add_row(*(column.render(record) for column in self.spec), key=str(index))
        if self.records:
            self.move_cursor(row=max(0, min(cursor, len(self.records) - 1)), animate=False)

    @property
    def current(self) -> Any:
        """The record under the cursor (None when empty)."""
        if not self.records or not 0 <= self.cursor_row < len(self.records):
            return None
        return self.records[self.cursor_row]

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.current is not None:
            self.post_message(self.RowChosen(self, self.current))
