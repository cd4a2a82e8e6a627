"""What the supplier, contract and service details share: one record read in a worker and
shown in tabs, with the same keys to go back, switch tabs, add, change and delete.

A detail says which tabs it has (``TABS``, ``compose_tabs``), how to read and show its
record (``read_view``, ``_show``) and what ``u`` and ``d`` act on in the open tab
(``_target``). This base does the rest the same way for all three: the title line, the
history tab, the footer, the keys and what they do, so a key or a refusal behaves alike
wherever the person meets it. The warning letters and penalties that the contract and the
supplier details both list are one row type here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from rekanan.domain.records import AuditRecord, PenaltyRecord, WarningLetterRecord
from rekanan.domain.thresholds import Thresholds
from rekanan.screens.audit_view import audit_columns
from rekanan.screens.forms import confirm_delete, open_form
from rekanan.screens.register_support import (
    N_,
    QUIET_MAIN_KEYS,
    TAB_KEYS,
    as_of,
    db_of,
    language,
    money,
    run_db,
    text,
    thresholds_of,
    tr,
    write_allowed,
)
from rekanan.widgets.footer import CompactFooter
from rekanan.widgets.paged_table import RecordTable


class DetailView(Protocol):
    """What every detail's view has: the record's audit trail, for the history tab."""

    @property
    def audit(self) -> tuple[AuditRecord, ...]: ...


ViewT = TypeVar("ViewT", bound=DetailView)

Target = tuple[str, int, str, int]
"""What ``u`` and ``d`` act on: (form kind, record id, description, version)."""

OLD_EDIT_KEY = Binding("e", "edit", N_("Ubah"), show=False)
"""``e`` still edits where it used to (the supplier detail gives ``e`` to its scorecard)."""

QUIET_DETAIL_KEYS: list[BindingType] = [
    Binding("f5", "reload", N_("Muat ulang"), id="detail.reload", show=False),
    *QUIET_MAIN_KEYS,
]
"""Keys every detail has but the footer leaves out; each detail declares them last, so
help lists them after the detail's own keys."""


@dataclass(frozen=True, slots=True)
class LetterOrPenalty:
    """A warning letter or a penalty: the contract's and the supplier's "SP & denda" tab
    list both, newest first."""

    kind: str
    """``letter`` or ``penalty``."""
    on: date
    what: str
    amount: Decimal | None
    record: WarningLetterRecord | PenaltyRecord
    contract_number: str = ""
    """Its contract, where the letters of several contracts mix (the supplier's tab)."""

    @property
    def form_kind(self) -> str:
        """The form that edits or deletes it."""
        return "warning_letter" if self.kind == "letter" else "penalty"


def letter_kind_cell(node: DOMNode, row: LetterOrPenalty) -> Text:
    """``SP`` or ``Denda keterlambatan``, in the UI language."""
    return text(tr(node, "SP") if row.kind == "letter" else tr(node, "Denda keterlambatan"))


def penalty_amount_cell(node: DOMNode, row: LetterOrPenalty) -> Text:
    """A penalty's amount; nothing for a letter."""
    return money(node, row.amount) if row.amount is not None else text("")


class RecordDetailScreen(Screen[None], Generic[ViewT]):
    """One record in tabs: ``[ ]`` switch tabs, ``n u d`` write in the open tab."""

    CSS_PATH = "supplier_detail.tcss"  # one layout for the three details

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Kembali"), id="registers.back"),
        Binding(
            "left_square_bracket",
            "previous_tab",
            N_("Tab sebelumnya"),
            id="detail.previous_tab",
            group=TAB_KEYS,
        ),
        Binding(
            "right_square_bracket",
            "next_tab",
            N_("Tab berikutnya"),
            id="detail.next_tab",
            group=TAB_KEYS,
        ),
        Binding("n", "new", N_("Baru"), id="registers.new"),
        Binding("u", "edit", N_("Ubah"), id="registers.edit"),
        Binding("d", "delete", N_("Hapus"), id="registers.delete"),
    ]

    TABS: ClassVar[tuple[str, ...]]
    """The tabs' short names in order; the first is open when none is."""

    RECORD_KIND: ClassVar[str]
    """The form kind of the record itself: deleting it closes the detail."""

    WORKER_GROUP: ClassVar[str]
    """The worker group of ``load``: a newer read replaces an older one still running."""

    def __init__(self, record_id: int, *, tab: str) -> None:
        super().__init__()
        self.record_id = record_id
        self.initial_tab = tab
        self.view: ViewT | None = None

    def read_view(
        self, db: Any, record_id: int, today: date, thresholds: Thresholds, lang: str
    ) -> ViewT:
        """Read the record's slice and run the rules on it; runs in a worker, so it gets
        everything as arguments and never touches the screen."""
        raise NotImplementedError

    def compose_tabs(self) -> ComposeResult:
        """The detail's own tabs, in ``TABS`` order; the history tab follows them."""
        raise NotImplementedError

    def _show(self, view: ViewT) -> None:
        """Fill the detail's own tabs with what ``read_view`` found (on the UI thread)."""
        raise NotImplementedError

    def _target(self) -> Target | None:
        """What ``u`` and ``d`` act on in the open tab (None: nothing chosen)."""
        raise NotImplementedError

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No keys that write on a read-only database (they vanish from the footer)."""
        return write_allowed(self, action)

    def compose(self) -> ComposeResult:
        yield Static(Text(tr(self, "Memuat…")), classes="screen-title", id="detail-title")
        with TabbedContent(initial=f"tab-{self.initial_tab}", id="detail-tabs"):
            yield from self.compose_tabs()
            with TabPane(tr(self, "Riwayat"), id="tab-history"):
                yield RecordTable(audit_columns(self), id="history-table")
        yield CompactFooter()

    # -- data ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        # Textual runs every class's on_mount, a subclass's too: add to it, never call super.
        self.load()

    def load(self) -> None:
        """Read the record again and run the rules (on mount, after every save, F5)."""
        read, record_id = self.read_view, self.record_id
        db, today, thresholds, lang = db_of(self), as_of(self), thresholds_of(self), language(self)
        run_db(
            self,
            lambda: read(db, record_id, today, thresholds, lang),
            self._loaded,
            group=self.WORKER_GROUP,
        )

    def _loaded(self, view: ViewT) -> None:
        self.view = view
        self._show(view)
        self.query_one("#history-table", RecordTable).show(view.audit)

    def _saved(self, _record_id: int) -> None:
        self.load()

    def _open_detail(self, screen: Screen[None]) -> None:
        """Another detail on top of this one; read this one again when it closes, since
        the person may have changed something there."""
        self.app.push_screen(screen, lambda _: self.load())

    # -- tabs ----------------------------------------------------------------------------

    @property
    def tab(self) -> str:
        """The open tab's short name."""
        active = self.query_one(TabbedContent).active or f"tab-{self.TABS[0]}"
        return active.removeprefix("tab-")

    def _move_tab(self, step: int) -> None:
        position = self.TABS.index(self.tab) if self.tab in self.TABS else 0
        self.query_one(
            TabbedContent
        ).active = f"tab-{self.TABS[(position + step) % len(self.TABS)]}"

    def action_next_tab(self) -> None:
        self._move_tab(+1)

    def action_previous_tab(self) -> None:
        self._move_tab(-1)

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_reload(self) -> None:
        self.load()

    def action_edit(self) -> None:
        target = self._target()
        if target is not None:
            open_form(self, target[0], target[1], on_saved=self._saved, on_stale=self.load)

    def action_delete(self) -> None:
        target = self._target()
        if target is None:
            return
        kind, record_id, description, version = target
        after = self._gone if kind == self.RECORD_KIND else self.load
        confirm_delete(self, kind, record_id, description, version, after)

    def _gone(self) -> None:
        """The record itself was deleted: back to where the person came from."""
        self.dismiss(None)
