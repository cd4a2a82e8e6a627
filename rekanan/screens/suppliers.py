"""Rekanan: the supplier register, with search as you type, filters and sort by any column.

The list is a window of an SQL query (``rekanan.store.lists.list_suppliers``) fetched in a
thread worker; blacklist-risk scores come from ``rekanan.domain.risk`` in a second worker
and fill in the risk column (and make the risk filter and sort possible) when ready.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Select, Static

from rekanan.io.export.csv_safe import DecimalMark
from rekanan.io.export.registers import RegisterFormat, export_suppliers
from rekanan.models.enums import SupplierCategory
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
    RiskMap,
    as_of,
    choices,
    db_of,
    label,
    language,
    money,
    npwp,
    risk_cell,
    risk_map,
    run_db,
    text,
    thresholds_of,
    tr,
)
from rekanan.store.lists import Page, SupplierQuery, SupplierRow, list_suppliers
from rekanan.widgets.footer import CompactFooter
from rekanan.widgets.paged_table import Column, PagedTable
from rekanan.widgets.search_box import SearchBox

ANY = "__any__"


class SuppliersScreen(RegisterListScreen[SupplierQuery, SupplierRow]):
    """Daftar rekanan."""

    HELP = N_(
        "Daftar rekanan. Ketik untuk mencari nama, NPWP (tulisan apa pun) atau nomor "
        "kontrak; saring dengan kategori, status, risiko dan kontrak aktif; Enter membuka, "
        "n menambah, u mengubah, d menghapus, e mengekspor daftar ini ke XLSX atau CSV."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        SEARCH_KEY,
        Binding("enter", "open", N_("Buka"), id="registers.open", show=True, priority=False),
        NEW_KEY,
        EDIT_KEY,
        DELETE_KEY,
        EXPORT_KEY,
        FILTERS_KEY,
        CLEAR_FILTERS_KEY,
        BACK_KEY,
        *QUIET_MAIN_KEYS,
    ]
    RECORD_KIND = "supplier"

    def __init__(self, *, search: str = "", risk: str | None = None) -> None:
        super().__init__()
        self.query_state = SupplierQuery(search=search)
        self.initial_risk = risk
        self.risks: RiskMap | None = None
        self._risks_loaded = threading.Event()

    def compose(self) -> ComposeResult:
        yield Static(tr(self, "Rekanan"), classes="screen-title")
        yield SearchBox(
            self.query_state.search,
            placeholder=tr(self, "Cari nama, NPWP atau nomor kontrak… ( / )"),
            id="search",
        )
        with Horizontal(classes="filters"):
            yield Select(
                [(tr(self, lbl), value) for value, lbl in choices(SupplierCategory)],
                prompt=tr(self, "Semua kategori"),
                id="filter-category",
            )
            yield Select(
                [(tr(self, "Aktif"), "active"), (tr(self, "Nonaktif"), "inactive")],
                prompt=tr(self, "Semua status"),
                id="filter-status",
            )
            yield Select(
                [
                    (tr(self, "Risiko kritis"), "critical"),
                    (tr(self, "Perlu perhatian"), "warning"),
                    (tr(self, "Risiko rendah"), "low"),
                ],
                prompt=tr(self, "Semua risiko"),
                value=self.initial_risk or Select.NULL,
                id="filter-risk",
            )
            yield Select(
                [(tr(self, "Ada kontrak aktif"), "yes"), (tr(self, "Tanpa kontrak aktif"), "no")],
                prompt=tr(self, "Kontrak aktif: semua"),
                id="filter-active-contracts",
            )
        yield PagedTable(self._columns(), self._fetch, sort="name", id="suppliers-table")
        yield CompactFooter()

    def _columns(self) -> list[Column[SupplierRow]]:
        return [
            Column("name", N_("Nama"), lambda r: text(r.name), sort="name", width=30),
            # Risk next to the name: at 80 columns the last columns are off-screen (F26).
            Column("risk", N_("Risiko"), lambda r: risk_cell(self, self.risks, r.id), sort="risk"),
            Column("npwp", N_("NPWP"), lambda r: npwp(r.npwp), sort="npwp", width=21),
            Column(
                "category",
                N_("Kategori"),
                lambda r: text(label(self, r.category)),
                sort="category",
            ),
            Column(
                "active",
                N_("Status"),
                self._status_cell,
                sort="active",
            ),
            Column(
                "active_contracts",
                N_("Kontrak"),
                lambda r: Text(str(r.active_contracts), justify="right"),
                sort="active_contracts",
            ),
            Column(
                "active_value",
                N_("Nilai kontrak aktif"),
                lambda r: money(self, r.active_value),
                sort="active_value",
            ),
        ]

    def _status_cell(self, row: SupplierRow) -> Text:
        """Active or not; "Daftar hitam" in red while a sanction runs (G1)."""
        if self.risks is not None and row.id in self.risks.sanctioned:
            return Text(tr(self, "Daftar hitam"), style="bold red")
        return text(tr(self, "Aktif") if row.active else tr(self, "Nonaktif"))

    def on_mount(self) -> None:
        self.query_one(PagedTable).focus()
        self._load_risks()

    # -- data --------------------------------------------------------------------------

    def _fetch(self, offset: int, limit: int, sort: str, descending: bool) -> Page[SupplierRow]:
        if self.initial_risk and not self._risks_loaded.is_set():
            # Opened filtered by risk (a dashboard figure): the scores decide which rows
            # belong, so show "Memuat…" until they are known, never the whole list (F4).
            self._risks_loaded.wait(timeout=60)
        query = replace(self.query_state, sort=sort, descending=descending)
        if query.risk_rank == {} and self.risks is not None:
            query = replace(query, risk_rank=self.risks.scores)
        with db_of(self).session() as session:
            return list_suppliers(session, query, offset, limit)

    def _load_risks(self) -> None:
        db, day, thresholds = db_of(self), as_of(self), thresholds_of(self)
        run_db(
            self,
            lambda: risk_map(db, day, thresholds),
            self._risks_ready,
            group="risk-map",
            failed=self._risks_failed,
        )

    def _risks_failed(self, _error: BaseException) -> bool:
        self._risks_loaded.set()  # the list shows without scores; the error is shown
        return False

    def on_unmount(self) -> None:
        self._risks_loaded.set()  # a fetch still waiting for the scores ends now

    def _risks_ready(self, risks: RiskMap) -> None:
        self.risks = risks
        self._apply_filters()
        self._risks_loaded.set()

    def refresh_data(self) -> None:
        """Fetch the list again, keeping the position, and the risk scores with it."""
        super().refresh_data()
        self._load_risks()

    # -- filters -------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        category = self._select("#filter-category")
        status = self._select("#filter-status")
        risk = self._select("#filter-risk")
        active = self._select("#filter-active-contracts")
        only: frozenset[int] | None = None
        exclude: frozenset[int] | None = None
        if risk and self.risks is not None:
            if risk == "low":
                exclude = self.risks.ids("low")
            else:
                only = self.risks.ids(str(risk))
        self.query_state = replace(
            self.query_state,
            category=SupplierCategory(category) if category else None,
            active=None if status is None else status == "active",
            has_active_contracts=None if active is None else active == "yes",
            only_ids=only,
            exclude_ids=exclude,
            risk_rank=self.risks.scores if self.risks is not None else {},
        )
        self.query_one(PagedTable).reload()

    # -- actions -------------------------------------------------------------------------

    def _current(self) -> SupplierRow | None:
        row = self.query_one(PagedTable).current
        return row if isinstance(row, SupplierRow) else None

    def _describe(self, row: SupplierRow) -> str:
        return row.name

    @property
    def current_supplier(self) -> tuple[int, str] | None:
        """(id, name) of the highlighted supplier: the palette offers its scorecard."""
        row = self._current()
        return (row.id, row.name) if row is not None else None

    def action_open(self) -> None:
        row = self._current()
        if row is not None:
            self.open_supplier(row.id)

    @on(PagedTable.RowChosen)
    def _chosen(self, event: PagedTable.RowChosen) -> None:
        if isinstance(event.row, SupplierRow):
            self.open_supplier(event.row.id)

    def open_supplier(self, supplier_id: int) -> None:
        """Push the detail screen of one supplier."""
        from rekanan.screens.supplier_detail import SupplierDetailScreen

        self.app.push_screen(SupplierDetailScreen(supplier_id))

    def action_export(self) -> None:
        """Export the list as filtered and sorted now, to XLSX or CSV."""
        table = self.query_one(PagedTable)
        query = replace(self.query_state, sort=table.sort, descending=table.descending)
        if self.risks is not None:
            query = replace(query, risk_rank=self.risks.scores)
        db, lang, day = db_of(self), language(self), as_of(self)
        risks = dict(self.risks.scores) if self.risks is not None else None

        def export(path: Path, fmt: str, decimal: str) -> int:
            return export_suppliers(
                db,
                query,
                path,
                cast(RegisterFormat, fmt),
                lang,
                cast(DecimalMark, decimal),
                risks,
                as_of=day,  # the XLSX says the filters and the day (F44)
            )

        self.app.push_screen(
            ExportDialog(
                tr(self, "Ekspor daftar rekanan ({n} baris)", n=table.total),
                tr(self, "daftar-rekanan"),
                export,
                day=as_of(self),
            )
        )
