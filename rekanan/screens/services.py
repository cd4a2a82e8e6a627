"""Layanan: the service catalogue with each SLA, the UCs behind it, the alignment verdict
and the measured service level of the current month.

The catalogue is a window of ``list_services``; verdicts and measured levels come from the
rules (``alignment_alerts``, ``coverage_alerts``, ``service_level``) run in a worker on the
catalogue's slice, and fill in when ready.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Select, Static

from rekanan.domain import formatting
from rekanan.domain.alert import Alert, Severity
from rekanan.domain.alignment import alignment_alerts
from rekanan.domain.coverage import coverage_alerts
from rekanan.domain.index import AgencyIndex
from rekanan.domain.periods import month
from rekanan.domain.service_levels import ServiceLevel, service_level
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import Criticality
from rekanan.screens.list_base import (
    BACK_KEY,
    DELETE_KEY,
    EDIT_KEY,
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
    db_of,
    label,
    language,
    run_db,
    text,
    thresholds_of,
    tr,
)
from rekanan.store.lists import Page, ServiceQuery, ServiceRow, data_stamp, list_services
from rekanan.store.slices import services_slice
from rekanan.widgets.footer import CompactFooter
from rekanan.widgets.paged_table import Column, PagedTable
from rekanan.widgets.search_box import SearchBox


@dataclass(frozen=True, slots=True)
class ServiceVerdict:
    """What the rules say about one service."""

    gaps: tuple[Alert, ...]
    level: ServiceLevel | None

    @property
    def worst(self) -> Severity | None:
        """The most severe gap, or None when the UCs back every SLA."""
        if any(g.severity == Severity.CRITICAL for g in self.gaps):
            return Severity.CRITICAL
        if self.gaps:
            return Severity.WARNING
        return None


@dataclass(frozen=True, slots=True)
class Verdicts:
    """Verdicts of the whole catalogue as of one day, kept until the next write."""

    stamp: tuple[int, int]
    as_of: date
    language: str
    by_service: dict[int, ServiceVerdict]


_CACHE: dict[int, Verdicts] = {}
_LOCK = threading.Lock()


def catalogue_verdicts(db: Any, today: date, thresholds: Thresholds, lang: str) -> Verdicts:
    """Run the alignment, coverage and service-level rules over the catalogue (a worker)."""
    with db.session() as session:
        stamp = data_stamp(session)
        with _LOCK:
            known = _CACHE.get(id(db))
            if known and known.stamp == stamp and known.as_of == today and known.language == lang:
                return known
        data = services_slice(session)
    index = AgencyIndex.build(data)
    gaps: dict[int, list[Alert]] = {}
    for alert in (
        *alignment_alerts(index, today, thresholds, lang),
        *coverage_alerts(index, today, thresholds, lang),
    ):
        if alert.service_id is not None:
            gaps.setdefault(alert.service_id, []).append(alert)
    period = month(today.year, today.month)
    verdicts = {
        service.id: ServiceVerdict(
            tuple(sorted(gaps.get(service.id, ()), key=lambda a: a.sort_key())),
            service_level(index, service.id, period, today)
            if index.slas_by_service.get(service.id)
            else None,
        )
        for service in data.services
    }
    found = Verdicts(stamp, today, lang, verdicts)
    with _LOCK:
        _CACHE[id(db)] = found
    return found


def verdict_cell(node: Any, row: ServiceRow, verdicts: Verdicts | None) -> Text:
    """Sesuai / Celah / Tidak didukung, coloured; facts, not rules, when data is missing."""
    if row.sla_count == 0:
        return Text(tr(node, "Tanpa SLA"), style="dim")
    if row.uc_count == 0:
        return Text(tr(node, "Tanpa UC"), style="bold red")
    if verdicts is None:
        return Text("…", style="dim")
    verdict = verdicts.by_service.get(row.id)
    if verdict is None or verdict.worst is None:
        return Text(tr(node, "Sesuai"), style="green")
    if verdict.worst == Severity.CRITICAL:
        return Text(tr(node, "Celah kritis ({n})", n=len(verdict.gaps)), style="bold red")
    return Text(tr(node, "Celah ({n})", n=len(verdict.gaps)), style="yellow")


def level_cell(node: Any, row: ServiceRow, verdicts: Verdicts | None) -> Text:
    """Availability achieved this month against the SLA target."""
    if verdicts is None:
        return Text("…", style="dim", justify="right")
    verdict = verdicts.by_service.get(row.id)
    level = verdict.level if verdict else None
    if level is None or level.availability_pct is None:
        return Text("-", style="dim", justify="right")
    lang = language(node)
    shown = formatting.percent(level.availability_pct, lang, 2)
    target = level.targets.availability_pct
    style = "green" if level.availability_met is not False else "bold red"
    if target is not None:
        shown += f" / {formatting.percent(target, lang, 2)}"
    return Text(shown, style=style, justify="right")


class ServicesScreen(RegisterListScreen[ServiceQuery, ServiceRow]):
    """Katalog layanan."""

    HELP = N_(
        "Katalog layanan: SLA tiap layanan, kontrak pendukung (UC) di belakangnya, apakah "
        "target UC mendukung SLA, dan tingkat layanan bulan ini (tercapai / target)."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        SEARCH_KEY,
        NEW_KEY,
        EDIT_KEY,
        DELETE_KEY,
        FILTERS_KEY,
        BACK_KEY,
        *QUIET_MAIN_KEYS,
    ]
    RECORD_KIND = "service"

    def __init__(self, *, search: str = "", gaps_only: bool = False) -> None:
        super().__init__()
        self.query_state = ServiceQuery(search=search)
        self.gaps_only = gaps_only
        self.verdicts: Verdicts | None = None

    def compose(self) -> ComposeResult:
        yield Static(tr(self, "Layanan"), classes="screen-title")
        yield SearchBox(
            self.query_state.search,
            placeholder=tr(self, "Cari kode, nama atau unit… ( / )"),
            id="search",
        )
        with Horizontal(classes="filters"):
            yield Select(
                [(tr(self, lbl), value) for value, lbl in choices(Criticality)],
                prompt=tr(self, "Semua kekritisan"),
                id="filter-criticality",
            )
            yield Select(
                [(tr(self, "Hanya yang bercelah"), "gaps")],
                prompt=tr(self, "Semua putusan"),
                value="gaps" if self.gaps_only else Select.NULL,
                id="filter-verdict",
            )
        yield PagedTable(self._columns(), self._fetch, sort="code", id="services-table")
        yield CompactFooter()

    def _columns(self) -> list[Column[ServiceRow]]:
        return [
            Column("code", N_("Kode"), lambda r: text(r.code), sort="code", width=12),
            Column("name", N_("Nama"), lambda r: text(r.name), sort="name", width=26),
            Column(
                "criticality",
                N_("Kekritisan"),
                lambda r: text(label(self, r.criticality)),
                sort="criticality",
            ),
            Column(
                "hours",
                N_("Jam"),
                lambda r: text(label(self, r.service_hours)),
                sort="service_hours",
            ),
            Column("slas", N_("SLA"), lambda r: text(r.sla_count), sort="sla_count"),
            Column("ucs", N_("UC"), lambda r: text(r.uc_count), sort="uc_count"),
            Column("verdict", N_("Dukungan UC"), lambda r: verdict_cell(self, r, self.verdicts)),
            Column(
                "level", N_("Ketersediaan bulan ini"), lambda r: level_cell(self, r, self.verdicts)
            ),
        ]

    def on_mount(self) -> None:
        self.query_one(PagedTable).focus()
        self._load_verdicts()

    def _fetch(self, offset: int, limit: int, sort: str, descending: bool) -> Page[ServiceRow]:
        query = replace(self.query_state, sort=sort, descending=descending)
        with db_of(self).session() as session:
            return list_services(session, query, offset, limit)

    def _load_verdicts(self) -> None:
        db, today, thresholds, lang = db_of(self), as_of(self), thresholds_of(self), language(self)
        run_db(
            self,
            lambda: catalogue_verdicts(db, today, thresholds, lang),
            self._verdicts_ready,
            group="service-verdicts",
        )

    def _verdicts_ready(self, verdicts: Verdicts) -> None:
        self.verdicts = verdicts
        self._apply_filters()

    def refresh_data(self) -> None:
        """Fetch again, keeping the position, and the verdicts with it."""
        super().refresh_data()
        self._load_verdicts()

    def _apply_filters(self) -> None:
        criticality = self.query_one("#filter-criticality", Select).value
        verdict = self.query_one("#filter-verdict", Select).value
        only: frozenset[int] | None = None
        if verdict == "gaps" and self.verdicts is not None:
            only = frozenset(
                sid for sid, v in self.verdicts.by_service.items() if v.worst is not None
            )
        self.query_state = replace(
            self.query_state,
            criticality=None if criticality is Select.NULL else Criticality(str(criticality)),
            only_ids=only,
        )
        self.query_one(PagedTable).reload()

    def _current(self) -> ServiceRow | None:
        row = self.query_one(PagedTable).current
        return row if isinstance(row, ServiceRow) else None

    def _describe(self, row: ServiceRow) -> str:
        return f"{row.code} — {row.name}"

    @on(PagedTable.RowChosen)
    def _chosen(self, event: PagedTable.RowChosen) -> None:
        if isinstance(event.row, ServiceRow):
            self.open_service(event.row.id)

    def open_service(self, service_id: int) -> None:
        """Push the detail of one service."""
        from rekanan.screens.service_detail import ServiceDetailScreen

        self.app.push_screen(ServiceDetailScreen(service_id))


__all__ = ["ServicesScreen", "Verdicts", "catalogue_verdicts"]
