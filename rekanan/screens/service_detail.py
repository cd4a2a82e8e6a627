"""One service: what it promises (SLAs), the contracts behind it (UCs), the gaps between
them in plain words, the service level measured this month and last, and its incidents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static, TabPane

from rekanan.domain import formatting
from rekanan.domain.alert import Alert, Severity
from rekanan.domain.alignment import alignment_alerts
from rekanan.domain.contract_dates import coverage_end
from rekanan.domain.coverage import coverage_alerts
from rekanan.domain.formatting import short_number
from rekanan.domain.index import AgencyIndex
from rekanan.domain.periods import month
from rekanan.domain.records import (
    AuditRecord,
    ContractRecord,
    IncidentRecord,
    ServiceRecord,
    SLARecord,
)
from rekanan.domain.service_levels import ServiceLevel, service_level
from rekanan.domain.thresholds import Thresholds
from rekanan.errors import RekananError
from rekanan.screens.audit_view import load_audit
from rekanan.screens.detail_base import (
    OLD_EDIT_KEY,
    QUIET_DETAIL_KEYS,
    RecordDetailScreen,
    Target,
)
from rekanan.screens.forms import open_form
from rekanan.screens.register_support import (
    N_,
    day,
    label,
    language,
    text,
    tr,
)
from rekanan.store.slices import services_slice
from rekanan.widgets.paged_table import Column, RecordTable


@dataclass(frozen=True, slots=True)
class UCLine:
    """A contract behind the service, with its supplier and how long it can cover."""

    contract: ContractRecord
    supplier_name: str
    component: str | None
    covers_until: date | None


@dataclass(frozen=True, slots=True)
class ServiceView:
    """Everything the service detail shows."""

    service: ServiceRecord
    slas: tuple[SLARecord, ...]
    ucs: tuple[UCLine, ...]
    gaps: tuple[Alert, ...]
    level: ServiceLevel | None
    previous_level: ServiceLevel | None
    incidents: tuple[IncidentRecord, ...]
    contract_numbers: dict[int, str]
    audit: tuple[AuditRecord, ...]


def load_service_view(
    db: Any, service_id: int, today: date, thresholds: Thresholds, lang: str
) -> ServiceView:
    """Read the service's slice and run the rules on it (in a worker)."""
    with db.session() as session:
        data = services_slice(session, [service_id])
        audit = load_audit(session, "service", service_id)
    index = AgencyIndex.build(data)
    service = index.services.get(service_id)
    if service is None:
        raise RekananError(
            "Layanan ini sudah tidak ada; mungkin dihapus orang lain. Kembali ke daftar."
        )
    gaps = sorted(
        (
            a
            for a in (
                *alignment_alerts(index, today, thresholds, lang),
                *coverage_alerts(index, today, thresholds, lang),
            )
            if a.service_id == service_id
        ),
        key=lambda a: a.sort_key(),
    )
    ucs = [
        UCLine(
            contract,
            index.suppliers[contract.supplier_id].name
            if contract.supplier_id in index.suppliers
            else "?",
            component,
            coverage_end(contract),
        )
        for contract, component in index.ucs_by_service.get(service_id, ())
    ]
    ucs.sort(key=lambda u: (u.component or "", u.contract.end_date or date.max))
    has_sla = bool(index.slas_by_service.get(service_id))
    this_month = month(today.year, today.month)
    return ServiceView(
        service=service,
        slas=tuple(sorted(index.slas_by_service.get(service_id, ()), key=lambda s: s.valid_from)),
        ucs=tuple(ucs),
        gaps=tuple(gaps),
        level=service_level(index, service_id, this_month, today) if has_sla else None,
        previous_level=service_level(index, service_id, this_month.previous(), today)
        if has_sla
        else None,
        incidents=tuple(
            sorted(
                index.incidents_by_service.get(service_id, ()),
                key=lambda i: i.started_at,
                reverse=True,
            )
        ),
        contract_numbers={c.id: c.number for c in data.contracts},
        audit=audit,
    )


class ServiceDetailScreen(RecordDetailScreen[ServiceView]):
    """Detail layanan."""

    HELP = N_(
        "Detail layanan. [ dan ] berpindah tab. n menambah SLA (atau insiden di tab Insiden), "
        "u mengubah, d menghapus; Enter pada UC membuka kontraknya."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        OLD_EDIT_KEY,
        Binding("i", "new_incident", N_("Insiden baru"), id="detail.new_incident"),
        *QUIET_DETAIL_KEYS,
    ]

    TABS = ("summary", "slas", "ucs", "incidents", "history")
    RECORD_KIND = "service"
    WORKER_GROUP = "service-detail"

    def __init__(self, service_id: int, *, tab: str = "summary") -> None:
        super().__init__(service_id, tab=tab)

    @property
    def service_id(self) -> int:
        """The service shown."""
        return self.record_id

    def read_view(
        self, db: Any, record_id: int, today: date, thresholds: Thresholds, lang: str
    ) -> ServiceView:
        return load_service_view(db, record_id, today, thresholds, lang)

    def compose_tabs(self) -> ComposeResult:
        with TabPane(tr(self, "Ikhtisar"), id="tab-summary"), VerticalScroll():
            yield Static(id="summary-body")
            yield Static(id="gaps-body")
            yield Static(id="level-body")
        with TabPane(tr(self, "SLA"), id="tab-slas"):
            yield RecordTable(self._sla_columns(), id="slas-table")
        with TabPane(tr(self, "UC"), id="tab-ucs"):
            yield RecordTable(self._uc_columns(), id="ucs-table")
        with TabPane(tr(self, "Insiden"), id="tab-incidents"):
            yield RecordTable(self._incident_columns(), id="incidents-table")

    def _sla_columns(self) -> list[Column[SLARecord]]:
        lang = language
        return [
            Column("customer", N_("Pelanggan"), lambda s: text(s.customer), width=24),
            Column(
                "availability",
                N_("Ketersediaan"),
                lambda s: text(formatting.percent(s.availability_pct, lang(self), 3)),
            ),
            Column(
                "response",
                N_("Respons (jam)"),
                lambda s: text(formatting.number(s.response_hours, lang(self))),
            ),
            Column(
                "resolution",
                N_("Penyelesaian (jam)"),
                lambda s: text(formatting.number(s.resolution_hours, lang(self))),
            ),
            Column("hours", N_("Jam layanan"), lambda s: text(label(self, s.service_hours))),
            Column("from", N_("Sejak"), lambda s: day(self, s.valid_from)),
            Column("until", N_("Sampai"), lambda s: day(self, s.valid_until)),
        ]

    def _uc_columns(self) -> list[Column[UCLine]]:
        lang = language
        return [
            Column(
                "number",
                N_("Nomor kontrak"),
                lambda u: text(short_number(u.contract.number, 24)),
                width=24,
            ),
            Column("supplier", N_("Nama rekanan"), lambda u: text(u.supplier_name), width=24),
            Column("component", N_("Komponen"), lambda u: text(u.component or "-")),
            Column(
                "availability",
                N_("Ketersediaan"),
                lambda u: text(formatting.percent(u.contract.availability_pct, lang(self), 3)),
            ),
            Column(
                "resolution",
                N_("Penyelesaian (jam)"),
                lambda u: text(formatting.number(u.contract.resolution_hours, lang(self))),
            ),
            Column("status", N_("Status"), lambda u: text(label(self, u.contract.status))),
            Column("end", N_("Berakhir"), lambda u: day(self, u.contract.end_date)),
            Column(
                "covers",
                N_("Dapat menutup sampai"),
                lambda u: (
                    day(self, u.covers_until) if u.covers_until else text(tr(self, "terbuka"))
                ),
            ),
        ]

    def _incident_columns(self) -> list[Column[IncidentRecord]]:
        return [
            Column("start", N_("Mulai"), lambda i: text(i.started_at.strftime("%d/%m/%y %H:%M"))),
            Column(
                "resolved",
                N_("Selesai"),
                lambda i: text(
                    i.resolved_at.strftime("%d/%m/%y %H:%M") if i.resolved_at else tr(self, "belum")
                ),
            ),
            Column("severity", N_("Tingkat"), lambda i: text(label(self, i.severity))),
            Column(
                "contract",
                N_("Nomor kontrak"),
                lambda i: text(self._number(i.contract_id)),
                width=24,
            ),
            Column("what", N_("Uraian"), lambda i: text(i.description), width=40),
        ]

    def _number(self, contract_id: int | None) -> str:
        if contract_id is None or self.view is None:
            return ""
        return self.view.contract_numbers.get(contract_id, f"#{contract_id}")

    def _show(self, view: ServiceView) -> None:
        s = view.service
        title = Text(tr(self, "Detail layanan") + " · ", style="bold")
        title.append(f"{s.code} — {s.name}")
        self.query_one("#detail-title", Static).update(title)
        self.query_one("#summary-body", Static).update(self._summary(view))
        self.query_one("#gaps-body", Static).update(self._gaps(view))
        self.query_one("#level-body", Static).update(self._levels(view))
        self.query_one("#slas-table", RecordTable).show(view.slas)
        self.query_one("#ucs-table", RecordTable).show(view.ucs)
        self.query_one("#incidents-table", RecordTable).show(view.incidents)

    def _summary(self, view: ServiceView) -> Table:
        s = view.service
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim")
        table.add_column()
        for name, value in (
            (N_("Kode"), s.code),
            (N_("Nama"), s.name),
            (N_("Unit pemilik"), s.owner_unit or "-"),
            (N_("Kekritisan"), label(self, s.criticality)),
            (N_("Jam layanan"), label(self, s.service_hours)),
            (N_("SLA"), str(len(view.slas))),
            (N_("UC"), str(len(view.ucs))),
            (N_("Uraian"), s.description or "-"),
        ):
            table.add_row(tr(self, name), Text(value))
        return table

    def _gaps(self, view: ServiceView) -> Group:
        head = Text("\n" + tr(self, "Apakah kontrak di belakangnya mendukung SLA?"), style="bold")
        lines: list[RenderableType] = [head]
        if not view.slas:
            lines.append(Text(tr(self, "Layanan ini belum punya SLA."), style="dim"))
        elif not view.ucs:
            lines.append(
                Text(
                    tr(
                        self,
                        "Tidak ada kontrak pendukung (UC) di belakang layanan ini: "
                        "SLA-nya tidak didukung kontrak mana pun.",
                    ),
                    style="bold red",
                )
            )
        elif not view.gaps:
            lines.append(
                Text("✓ " + tr(self, "Semua SLA yang berlaku didukung UC-nya."), style="green")
            )
        for alert in view.gaps:
            style = "bold red" if alert.severity == Severity.CRITICAL else "yellow"
            lines.append(Text("✗ " + alert.title, style=style))
            for reason in alert.reasons:
                lines.append(Text("    " + reason))
            if alert.rule:
                lines.append(Text("    " + alert.rule, style="dim italic"))
        return Group(*lines)

    def _levels(self, view: ServiceView) -> RenderableType:
        lang = language(self)
        if view.level is None:
            return Text("")
        table = Table(
            title=tr(self, "Tingkat layanan terukur"), title_justify="left", show_edge=False
        )
        table.add_column("")
        table.add_column(tr(self, "Bulan ini"), justify="right")
        table.add_column(tr(self, "Bulan lalu"), justify="right")
        levels = [view.level, view.previous_level]

        def row(name: str, render: Any) -> None:
            table.add_row(tr(self, name), *[render(lv) if lv else "-" for lv in levels])

        row(N_("Ketersediaan"), lambda lv: formatting.percent(lv.availability_pct, lang, 3))
        row(N_("Target"), lambda lv: formatting.percent(lv.targets.availability_pct, lang, 3))
        row(N_("Waktu henti (jam)"), lambda lv: formatting.number(lv.downtime_hours, lang))
        row(N_("Insiden"), lambda lv: str(lv.incidents))
        row(N_("Pelanggaran respons"), lambda lv: str(lv.response_breaches))
        row(N_("Pelanggaran penyelesaian"), lambda lv: str(lv.resolution_breaches))
        row(N_("Rata-rata penyelesaian (jam)"), lambda lv: formatting.number(lv.mttr_hours, lang))
        return Group(Text(""), table)

    # -- actions -------------------------------------------------------------------------

    def action_new(self) -> None:
        if self.tab == "incidents":
            self.action_new_incident()
            return
        open_form(self, "sla", None, start={"service_id": self.service_id}, on_saved=self._saved)

    def action_new_incident(self) -> None:
        open_form(
            self, "incident", None, start={"service_id": self.service_id}, on_saved=self._saved
        )

    def _target(self) -> Target | None:
        if self.view is None:
            return None
        if self.tab == "slas":
            sla = self.query_one("#slas-table", RecordTable).current
            if isinstance(sla, SLARecord):
                return "sla", sla.id, sla.customer, sla.version
            return None
        if self.tab == "incidents":
            incident = self.query_one("#incidents-table", RecordTable).current
            if isinstance(incident, IncidentRecord):
                when = incident.started_at.strftime("%d/%m/%Y %H:%M")
                return "incident", incident.id, when, incident.version
            return None
        if self.tab == "ucs":
            uc = self.query_one("#ucs-table", RecordTable).current
            if isinstance(uc, UCLine):
                c = uc.contract
                return "contract", c.id, f"{c.number} — {c.title}", c.version
            return None
        s = self.view.service
        return "service", s.id, f"{s.code} — {s.name}", s.version

    @on(RecordTable.RowChosen, "#ucs-table")
    def _open_contract(self, event: RecordTable.RowChosen) -> None:
        if isinstance(event.row, UCLine):
            from rekanan.screens.contract_detail import ContractDetailScreen

            self._open_detail(ContractDetailScreen(event.row.contract.id))

    @on(RecordTable.RowChosen, "#slas-table, #incidents-table")
    def _edit_row(self, _event: RecordTable.RowChosen) -> None:
        self.action_edit()
