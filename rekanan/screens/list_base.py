"""What the supplier, contract and service registers share: a search box over a paged
table with filters beside it, the keys that move between them, and ``n u d`` on the
highlighted row.

A list says its columns, how to fetch a page, how its filters become a query
(``_apply_filters``) and how it names a row in the delete question (``_describe``); this
base does the rest the same way in the three lists. Their footers differ (which keys,
in which order), so each list declares its ``BINDINGS`` from the keys defined here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from textual import events, on
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Select

from rekanan.screens.forms import confirm_delete, open_form
from rekanan.screens.register_support import N_, write_allowed
from rekanan.widgets.paged_table import PagedTable
from rekanan.widgets.search_box import type_into_search

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

SEARCH_KEY = Binding("slash", "focus_search", N_("Cari"), id="registers.search", show=False)
NEW_KEY = Binding("n", "new", N_("Baru"), id="registers.new")
EDIT_KEY = Binding("u", "edit", N_("Ubah"), id="registers.list_edit")
DELETE_KEY = Binding("d", "delete", N_("Hapus"), id="registers.delete")
EXPORT_KEY = Binding("e", "export", N_("Ekspor"), id="registers.export")
FILTERS_KEY = Binding("f", "focus_filters", N_("Saring"), id="registers.filters")
CLEAR_FILTERS_KEY = Binding("x", "clear_filters", N_("Hapus saringan"), id="registers.clear")
BACK_KEY = Binding("escape", "back", N_("Kembali"), id="registers.back")


class ListRow(Protocol):
    """What ``u`` and ``d`` need of a row: the record's id and the version it was read at."""

    @property
    def id(self) -> int: ...

    @property
    def version(self) -> int: ...


QueryT = TypeVar("QueryT", bound="DataclassInstance")
RowT = TypeVar("RowT", bound=ListRow)


class RegisterListScreen(Screen[None], Generic[QueryT, RowT]):
    """A register: type to search, ``f`` to the filters, Esc back to the table."""

    CSS_PATH = "suppliers.tcss"  # one layout for the three lists

    RECORD_KIND: ClassVar[str]
    """The form kind of the list's records (what ``n``, ``u`` and ``d`` open)."""

    query_state: QueryT
    """The search, filters and sort the table fetches with."""

    def _apply_filters(self) -> None:
        """Turn the filter fields into ``query_state`` and fetch again."""
        raise NotImplementedError

    def _current(self) -> RowT | None:
        """The highlighted row (None in an empty list)."""
        raise NotImplementedError

    def _describe(self, row: RowT) -> str:
        """The row as the delete question names it."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No keys that write on a read-only database (they vanish from the footer)."""
        return write_allowed(self, action)

    def arrive(self) -> None:
        """Reached with a number key or the palette: the table has the focus, always."""
        self.query_one(PagedTable).focus()

    # Textual runs the handlers (on_key, on_screen_resume, @on) of every class in the MRO:
    # a list must not define them again, or they run twice.

    def on_key(self, event: events.Key) -> None:
        """A letter nobody binds, typed on the table, starts a search (F25)."""
        type_into_search(self, event)

    def refresh_data(self) -> None:
        """Fetch again, keeping the position."""
        self.query_one(PagedTable).reload(keep_position=True)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_data()

    # -- search and filters ------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self.query_state = replace(self.query_state, search=event.value)
        self.query_one(PagedTable).reload()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(PagedTable).focus()

    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        event.stop()
        self._apply_filters()

    def _select(self, selector: str) -> Any:
        """A filter's value, None when it is on its prompt (no filter)."""
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else value

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_filters(self) -> None:
        self.query(".filters Select").first(Select).focus()

    def action_clear_filters(self) -> None:
        for select in self.query(".filters Select").results(Select):
            select.clear()
        for field in self.query(".filters Input").results(Input):
            field.value = ""
        self.query_one("#search", Input).value = ""

    def action_back(self) -> None:
        if isinstance(self.focused, Input | Select):
            self.query_one(PagedTable).focus()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # -- writing -------------------------------------------------------------------------

    def _saved(self, _record_id: int) -> None:
        self.refresh_data()

    def action_new(self) -> None:
        open_form(self, self.RECORD_KIND, None, on_saved=self._saved)

    def action_edit(self) -> None:
        row = self._current()
        if row is not None:
            open_form(
                self, self.RECORD_KIND, row.id, on_saved=self._saved, on_stale=self.refresh_data
            )

    def action_delete(self) -> None:
        row = self._current()
        if row is not None:
            description = self._describe(row)
            confirm_delete(
                self, self.RECORD_KIND, row.id, description, row.version, self.refresh_data
            )
