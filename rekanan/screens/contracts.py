"""Kontrak: the contract register, soonest next deadline first, days left in colour.

Filters: status, underpinning or not, the supplier's category, due within N days. The
dashboard opens it with a filter (``ContractsScreen(due_within_days=30)``). Deadlines come
from ``rekanan.domain.contract_dates`` through the store's deadline index, built once in a
worker and kept until the next write.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Select, Static

from rekanan.domain.formatting import short_number
from rekanan.io.export.csv_safe import DecimalMark
from rekanan.io.export.registers import RegisterFormat, export_contracts
from rekanan.models.enums import ContractStatus, SupplierCategory
from rekanan.screens.export_dialog import ExportDialog
from rekanan.screens.list_base import (
    BACK_KEY,
    CLEAR_FILTERS_KEY,
    DELETE_KEY,
    EDIT_KEY,
    EXPORT_KEY,
    FILTERS_KEY,
    NEW_KEY,
    SEARCH_KEY,
    RegisterListScreen,
)
from rekanan.screens.register_support import (
    N_,
    QUIET_MAIN_KEYS,
    as_of,
    choices,
    days_left,
    db_of,
    deadline_cache,
    label,
    language,
    money,
    short_day,
    text,
    thresholds_of,
    tr,
)
from rekanan.store.lists import (
    OPEN_STATUSES,
    ContractQuery,
    ContractRow,
    Page,
    list_contracts,
)
from rekanan.widgets.footer import CompactFooter
from rekanan.widgets.paged_table import Column, PagedTable
from rekanan.widgets.search_box import SearchBox

KIND_LABEL = {
    "decision": N_("keputusan"),
    "notice": N_("pemberitahuan"),
    "end": N_("berakhir"),
    "grace": N_("kesempatan"),
    "": "",
}

OPEN = "open"


class ContractsScreen(RegisterListScreen[ContractQuery, ContractRow]):
    """Daftar kontrak."""

    HELP = N_(
        "Daftar kontrak, tenggat terdekat di atas. Tenggat berikut adalah tanggal keputusan "
        "perpanjangan, batas pemberitahuan, atau tanggal berakhir, mana yang lebih dulu. "
        "Ketik untuk mencari nomor, judul atau rekanan; saring dengan status, UC, kategori "
        "rekanan dan jatuh tempo dalam N hari. Enter membuka, n menambah, u mengubah, "
        "d menghapus, e mengekspor daftar ini (dengan tanggal yang dihitung) ke XLSX atau CSV."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        SEARCH_KEY,
        NEW_KEY,
        EDIT_KEY,
        DELETE_KEY,
        EXPORT_KEY,
        FILTERS_KEY,
        CLEAR_FILTERS_KEY,
        BACK_KEY,
        *QUIET_MAIN_KEYS,
    ]
    RECORD_KIND = "contract"

    def __init__(
        self,
        *,
        search: str = "",
        statuses: frozenset[ContractStatus] | None = None,
        open_only: bool = False,
        underpinning: bool | None = None,
        category: SupplierCategory | None = None,
        due_within_days: int | None = None,
        supplier_id: int | None = None,
    ) -> None:
        super().__init__()
        if open_only:
            statuses = frozenset(OPEN_STATUSES)
        self.initial: dict[str, Any] = {
            "statuses": statuses,
            "underpinning": underpinning,
            "category": category,
            "due": due_within_days,
        }
        self.query_state = ContractQuery(
            as_of=as_of(self),
            search=search,
            statuses=statuses,
            underpinning=underpinning,
            category=category,
            due_within_days=due_within_days,
            supplier_id=supplier_id,
        )

    def compose(self) -> ComposeResult:
        yield Static(tr(self, "Kontrak"), classes="screen-title")
        yield SearchBox(
            self.query_state.search,
            placeholder=tr(self, "Cari nomor, judul atau rekanan… ( / )"),
            id="search",
        )
        statuses = self.initial["statuses"]
        status_value: Any = Select.NULL
        if statuses == frozenset(OPEN_STATUSES):
            status_value = OPEN
        elif statuses and len(statuses) == 1:
            status_value = next(iter(statuses)).value
        underpinning = self.initial["underpinning"]
        with Horizontal(classes="filters"):
            yield Select(
                [(tr(self, "Masih berjalan"), OPEN)]
                + [(tr(self, lbl), value) for value, lbl in choices(ContractStatus)],
                prompt=tr(self, "Semua status"),
                value=status_value,
                id="filter-status",
            )
            yield Select(
                [(tr(self, "Kontrak pendukung (UC)"), "yes"), (tr(self, "Bukan UC"), "no")],
                prompt=tr(self, "UC atau bukan"),
                value=Select.NULL if underpinning is None else ("yes" if underpinning else "no"),
                id="filter-uc",
            )
            yield Select(
                [(tr(self, lbl), value) for value, lbl in choices(SupplierCategory)],
                prompt=tr(self, "Semua kategori rekanan"),
                value=self.initial["category"].value if self.initial["category"] else Select.NULL,
                id="filter-category",
            )
            due = self.initial["due"]
            yield Input(
                "" if due is None else str(due),
                placeholder=tr(self, "Jatuh tempo ≤ hari"),
                id="filter-due",
                type="integer",
            )
        yield PagedTable(self._columns(), self._fetch, sort="deadline", id="contracts-table")
        yield CompactFooter()

    def _columns(self) -> list[Column[ContractRow]]:
        return [
            Column(
                "number",
                N_("Nomor"),
                lambda r: text(short_number(r.number, 17)),
                sort="number",
                width=17,
            ),
            Column("title", N_("Pekerjaan"), lambda r: text(r.title), sort="title", width=11),
            Column(
                "supplier",
                N_("Nama rekanan"),
                lambda r: text(r.supplier_name),
                sort="supplier",
                width=12,
            ),
            Column(
                "status",
                N_("Status"),
                lambda r: text(label(self, r.status)),
                sort="status",
                width=9,
            ),
            Column("uc", N_("UC"), self._uc_cell, sort="is_underpinning"),
            Column("value", N_("Nilai"), lambda r: money(self, r.value), sort="value"),
            Column(
                "left",
                N_("Sisa"),
                lambda r: days_left(self, r.days_left, self._horizons()),
            ),
            Column(
                "deadline", N_("Tenggat berikut"), self._deadline_cell, sort="deadline", width=22
            ),
            # The end date is on the detail (and in the export): at 120 columns there is no
            # room for it beside the next deadline, which is what the list is sorted by (F9).
        ]

    def _uc_cell(self, row: ContractRow) -> Any:
        return text("UC" if row.is_underpinning else "")

    def _horizons(self) -> tuple[int, ...]:
        return thresholds_of(self).alert_horizons_days

    def _deadline_cell(self, row: ContractRow) -> Any:
        shown = short_day(self, row.next_deadline)
        if row.deadline_kind:
            shown.append(f" {tr(self, KIND_LABEL[row.deadline_kind])}", style="dim")
        return shown

    def on_mount(self) -> None:
        self.query_one(PagedTable).focus()

    def _fetch(self, offset: int, limit: int, sort: str, descending: bool) -> Page[ContractRow]:
        query = replace(self.query_state, sort=sort, descending=descending, as_of=as_of(self))
        db, thresholds = db_of(self), thresholds_of(self)
        with db.session() as session:
            index = deadline_cache(db).get(session, query.as_of, thresholds)
            return list_contracts(session, query, offset, limit, index=index)

    # -- filters -------------------------------------------------------------------------

    @on(Input.Changed, "#filter-due")
    def _due(self, event: Input.Changed) -> None:
        event.stop()
        self._apply_filters()

    def _apply_filters(self) -> None:
        status = self._select("#filter-status")
        uc = self._select("#filter-uc")
        category = self._select("#filter-category")
        due_text = self.query_one("#filter-due", Input).value.strip()
        statuses: frozenset[ContractStatus] | None
        if status is None:
            statuses = None
        elif status == OPEN:
            statuses = frozenset(OPEN_STATUSES)
        else:
            statuses = frozenset({ContractStatus(status)})
        due = int(due_text) if due_text.lstrip("-").isdigit() and int(due_text) >= 0 else None
        self.query_state = replace(
            self.query_state,
            statuses=statuses,
            underpinning=None if uc is None else uc == "yes",
            category=SupplierCategory(category) if category else None,
            due_within_days=due,
        )
        self.query_one(PagedTable).reload()

    # -- actions -------------------------------------------------------------------------

    def _current(self) -> ContractRow | None:
        row = self.query_one(PagedTable).current
        return row if isinstance(row, ContractRow) else None

    def _describe(self, row: ContractRow) -> str:
        return f"{row.number} — {row.title} ({row.supplier_name})"

    @on(PagedTable.RowChosen)
    def _chosen(self, event: PagedTable.RowChosen) -> None:
        if isinstance(event.row, ContractRow):
            self.open_contract(event.row.id)

    def open_contract(self, contract_id: int) -> None:
        """Push the detail of one contract."""
        from rekanan.screens.contract_detail import ContractDetailScreen

        self.app.push_screen(ContractDetailScreen(contract_id))

    def action_export(self) -> None:
        """Export the list as filtered and sorted now, with the computed dates."""
        table = self.query_one(PagedTable)
        query = replace(
            self.query_state, sort=table.sort, descending=table.descending, as_of=as_of(self)
        )
        db, lang, thresholds = db_of(self), language(self), thresholds_of(self)

        def export(path: Path, fmt: str, decimal: str) -> int:
            return export_contracts(
                db,
                query,
                path,
                cast(RegisterFormat, fmt),
                lang,
                cast(DecimalMark, decimal),
                thresholds,
            )

        self.app.push_screen(
            ExportDialog(
                tr(self, "Ekspor daftar kontrak ({n} baris)", n=table.total),
                tr(self, "daftar-kontrak"),
                export,
                day=as_of(self),
            )
        )
