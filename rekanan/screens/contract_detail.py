"""One contract: key dates on a small timeline, value, bond and penalties, the services it
underpins with its targets against their SLAs, warning letters, penalties, review
decisions and history.

The rules run in a worker on the contract's slice: ``contract_dates`` for the timeline,
``contract_penalty_status`` for penalties and grace days, ``alignment_alerts`` and
``coverage_alerts`` for the gaps between the contract's targets and the SLAs it backs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from sqlalchemy import select
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static, TabPane

from rekanan.domain import formatting
from rekanan.domain.alert import Alert
from rekanan.domain.alignment import alignment_alerts
from rekanan.domain.contract_dates import ContractDates, contract_dates
from rekanan.domain.coverage import coverage_alerts
from rekanan.domain.index import AgencyIndex
from rekanan.domain.penalties import PenaltyStatus, contract_penalty_status
from rekanan.domain.records import (
    AuditRecord,
    ContractRecord,
    ReviewDecisionRecord,
    ServiceRecord,
    SLARecord,
    SupplierRecord,
)
from rekanan.domain.thresholds import Thresholds
from rekanan.errors import RekananError
from rekanan.models import ContractService
from rekanan.screens.audit_view import load_audit
from rekanan.screens.detail_base import (
    OLD_EDIT_KEY,
    QUIET_DETAIL_KEYS,
    LetterOrPenalty,
    RecordDetailScreen,
    Target,
    letter_kind_cell,
    penalty_amount_cell,
)
from rekanan.screens.forms import open_form
from rekanan.screens.register_support import (
    N_,
    as_of,
    day,
    label,
    language,
    text,
    thresholds_of,
    tr,
)
from rekanan.store.lists import working_calendar
from rekanan.store.slices import contract_slice
from rekanan.widgets.paged_table import Column, RecordTable

_CS: Any = ContractService


@dataclass(frozen=True, slots=True)
class ServiceTargets:
    """A service the contract underpins, its SLAs, and the gaps the rules found."""

    service: ServiceRecord
    component: str | None
    slas: tuple[SLARecord, ...]
    gaps: tuple[Alert, ...]
    link_id: int = 0
    link_version: int = 1


@dataclass(frozen=True, slots=True)
class ContractView:
    """Everything the contract detail shows."""

    contract: ContractRecord
    supplier: SupplierRecord | None
    dates: ContractDates
    penalty: PenaltyStatus
    services: tuple[ServiceTargets, ...]
    other_gaps: tuple[Alert, ...]
    letters_and_penalties: tuple[LetterOrPenalty, ...]
    reviews: tuple[ReviewDecisionRecord, ...]
    audit: tuple[AuditRecord, ...]
    bond_required: bool


def load_contract_view(
    db: Any, contract_id: int, today: date, thresholds: Thresholds, lang: str
) -> ContractView:
    """Read the contract's slice and run the rules on it (in a worker)."""
    with db.session() as session:
        data = contract_slice(session, contract_id)
        if data is None:
            raise RekananError(
                "Kontrak ini sudah tidak ada; mungkin dihapus orang lain. Kembali ke daftar."
            )
        calendar = working_calendar(session)
        audit = load_audit(session, "contract", contract_id)
        link_rows = [
            (int(row.id or 0), row.version, row.service_id, row.component)
            for row in session.execute(
                select(ContractService).where(_CS.contract_id == contract_id).order_by(_CS.id)
            ).scalars()
        ]
    index = AgencyIndex.build(data, calendar)
    contract = index.contracts[contract_id]
    supplier = index.suppliers.get(contract.supplier_id)
    dates = contract_dates(contract, supplier, today, thresholds, calendar)
    gaps = [
        alert
        for alert in (
            *alignment_alerts(index, today, thresholds, lang),
            *coverage_alerts(index, today, thresholds, lang),
        )
        if alert.contract_id in (None, contract_id)
    ]
    services = []
    linked = set()
    for link_id, link_version, service_id, component in link_rows:
        service = index.services.get(service_id)
        if service is None:
            continue
        linked.add(service.id)
        services.append(
            ServiceTargets(
                service,
                component,
                tuple(index.slas_in_force(service.id, today)),
                tuple(a for a in gaps if a.service_id == service.id),
                link_id,
                link_version,
            )
        )
    mixed = [
        LetterOrPenalty(
            "letter", w.issued_on, f"{w.level.value} {w.letter_number} {w.reason}".strip(), None, w
        )
        for w in index.letters_by_contract.get(contract_id, ())
    ] + [
        LetterOrPenalty("penalty", p.imposed_on, p.notes, p.amount, p)
        for p in index.penalties_by_contract.get(contract_id, ())
    ]
    mixed.sort(key=lambda item: item.on, reverse=True)
    return ContractView(
        contract=contract,
        supplier=supplier,
        dates=dates,
        penalty=contract_penalty_status(index, contract, today),
        services=tuple(services),
        other_gaps=tuple(a for a in gaps if a.service_id not in linked),
        letters_and_penalties=tuple(mixed),
        reviews=tuple(
            sorted(
                index.reviews_by_contract.get(contract_id, ()),
                key=lambda r: r.decided_on,
                reverse=True,
            )
        ),
        audit=audit,
        bond_required=contract.value > thresholds.bond_threshold,
    )


# ------------------------------------------------------------------------------ timeline


@dataclass(frozen=True, slots=True)
class Mark:
    """One point of the timeline."""

    day: date
    symbol: str
    name: str
    style: str


def timeline_marks(
    dates: ContractDates, start: date, grace_until: date | None = None
) -> list[Mark]:
    """The key dates worth a mark, in order; ``grace_until`` is the last day of the grace
    extensions granted (late work after the end, G3)."""
    marks = [Mark(start, "M", N_("Mulai"), "cyan")]
    if dates.decision_date is not None:
        marks.append(Mark(dates.decision_date, "K", N_("Keputusan perpanjangan"), "magenta"))
    if dates.notice_deadline_working is not None:
        marks.append(Mark(dates.notice_deadline_working, "P", N_("Batas pemberitahuan"), "yellow"))
    if dates.end is not None:
        marks.append(Mark(dates.end, "B", N_("Berakhir"), "red"))
    if dates.next_renewal is not None:
        marks.append(Mark(dates.next_renewal, "R", N_("Perpanjangan otomatis"), "green"))
    if grace_until is not None:
        marks.append(Mark(grace_until, "S", N_("Akhir pemberian kesempatan"), "red"))
    if dates.final_end is not None and dates.final_end != dates.end:
        marks.append(Mark(dates.final_end, "A", N_("Akhir semua perpanjangan"), "green"))
    return sorted(marks, key=lambda m: m.day)


def render_timeline(marks: list[Mark], today: date, width: int = 90) -> Text:
    """A one-line timeline with a ▼ over today and a letter for each key date."""
    days = [m.day for m in marks] + [today]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)

    def column(d: date) -> int:
        return round((d - first).days / span * (width - 1))

    line = ["─"] * width
    styles = ["dim"] * width
    for mark in marks:
        position = column(mark.day)
        line[position] = mark.symbol
        styles[position] = f"bold {mark.style}"
    pointer = [" "] * width
    pointer[column(today)] = "▼"
    result = Text("".join(pointer) + "\n", style="bold")
    for char, style in zip(line, styles, strict=True):
        result.append(char, style=style)
    return result


NEW_RECORDS = Binding.Group(N_("SP/denda/insiden"), compact=True)
"""``w p i`` in the footer as one entry (the footer of 120 columns has no room for three)."""


class ContractDetailScreen(RecordDetailScreen[ContractView]):
    """Detail kontrak."""

    HELP = N_(
        "Detail kontrak. [ dan ] berpindah tab. u mengubah kontrak (atau baris yang dipilih), "
        "d menghapus; n menambah layanan yang didukung (tab Layanan) atau SP; w surat "
        "peringatan baru, p denda baru, i insiden baru; Enter pada layanan membukanya."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        OLD_EDIT_KEY,
        Binding("w", "new_letter", N_("SP baru"), id="detail.new_letter", group=NEW_RECORDS),
        Binding("p", "new_penalty", N_("Denda baru"), id="detail.new_penalty", group=NEW_RECORDS),
        Binding(
            "i", "new_incident", N_("Insiden baru"), id="detail.new_incident", group=NEW_RECORDS
        ),
        Binding("s", "open_supplier", N_("Buka rekanan"), id="detail.open_supplier"),
        *QUIET_DETAIL_KEYS,
    ]

    TABS = ("summary", "services", "letters", "reviews", "history")
    RECORD_KIND = "contract"
    WORKER_GROUP = "contract-detail"

    def __init__(self, contract_id: int, *, tab: str = "summary") -> None:
        super().__init__(contract_id, tab=tab)

    @property
    def contract_id(self) -> int:
        """The contract shown."""
        return self.record_id

    def read_view(
        self, db: Any, record_id: int, today: date, thresholds: Thresholds, lang: str
    ) -> ContractView:
        return load_contract_view(db, record_id, today, thresholds, lang)

    def compose_tabs(self) -> ComposeResult:
        with TabPane(tr(self, "Ikhtisar"), id="tab-summary"), VerticalScroll():
            yield Static(id="timeline")
            yield Static(id="summary-body")
        with TabPane(tr(self, "Layanan & SLA"), id="tab-services"):
            yield RecordTable(self._link_columns(), id="links-table")
            with VerticalScroll(id="services-scroll"):
                yield Static(id="services-body")
        with TabPane(tr(self, "SP & denda"), id="tab-letters"):
            yield RecordTable(self._letter_columns(), id="letters-table")
        with TabPane(tr(self, "Keputusan tinjauan"), id="tab-reviews"):
            yield RecordTable(self._review_columns(), id="reviews-table")

    def _link_columns(self) -> list[Column[ServiceTargets]]:
        return [
            Column("code", N_("Kode"), lambda r: text(r.service.code), width=12),
            Column("name", N_("Nama layanan"), lambda r: text(r.service.name), width=30),
            Column("component", N_("Komponen"), lambda r: text(r.component or "-"), width=20),
            Column("slas", N_("SLA berlaku"), lambda r: Text(str(len(r.slas)), justify="right")),
            Column("verdict", N_("Kesesuaian"), self._verdict_cell, width=24),
        ]

    def _verdict_cell(self, row: ServiceTargets) -> Text:
        if not row.gaps:
            return Text("✓ " + tr(self, "mendukung SLA"), style="green")
        return Text("✗ " + tr(self, "{n} celah", n=len(row.gaps)), style="bold red")

    def _letter_columns(self) -> list[Column[LetterOrPenalty]]:
        return [
            Column("on", N_("Tgl."), lambda r: day(self, r.on)),
            Column("kind", N_("Jenis"), lambda r: letter_kind_cell(self, r)),
            Column("what", N_("Keterangan"), lambda r: text(r.what), width=50),
            Column("amount", N_("Nominal"), lambda r: penalty_amount_cell(self, r)),
        ]

    def _review_columns(self) -> list[Column[ReviewDecisionRecord]]:
        return [
            Column("on", N_("Tgl."), lambda r: day(self, r.decided_on)),
            Column("decision", N_("Keputusan"), lambda r: text(label(self, r.decision))),
            Column("by", N_("Peninjau"), lambda r: text(r.reviewer)),
            Column("until", N_("Ditunda sampai"), lambda r: day(self, r.defer_until)),
            Column("notes", N_("Catatan"), lambda r: text(r.notes), width=50),
        ]

    # -- data ----------------------------------------------------------------------------

    def _show(self, view: ContractView) -> None:
        c = view.contract
        title = Text(tr(self, "Detail kontrak") + " · ", style="bold")
        title.append(c.number)
        if view.supplier is not None:
            title.append(" — ")
            title.append(view.supplier.name)
        self.query_one("#detail-title", Static).update(title)
        self.query_one("#timeline", Static).update(self._timeline(view))
        self.query_one("#summary-body", Static).update(self._summary(view))
        self.query_one("#links-table", RecordTable).show(view.services)
        self.query_one("#services-body", Static).update(self._services(view))
        self.query_one("#letters-table", RecordTable).show(view.letters_and_penalties)
        self.query_one("#reviews-table", RecordTable).show(view.reviews)

    def _timeline(self, view: ContractView) -> Group:
        today = as_of(self)
        marks = timeline_marks(view.dates, view.contract.start_date, view.penalty.grace_end)
        width = max(40, min(100, self.app.size.width - 6))  # the terminal, known from start
        legend = Table.grid(padding=(0, 2))
        legend.add_column()
        legend.add_column()
        legend.add_column()
        legend.add_column(justify="right")
        for mark in marks:
            left = (mark.day - today).days
            if left < 0:
                when = tr(self, "{n} hari lalu", n=-left)
            elif left == 0:
                when = tr(self, "hari ini")
            else:
                when = tr(self, "{n} hari lagi", n=left)
            legend.add_row(
                Text(mark.symbol, style=f"bold {mark.style}"),
                tr(self, mark.name),
                formatting.long_date(mark.day, language(self)),
                Text(when, style="bold red" if 0 <= left <= 30 else ""),
            )
        notes = []
        if view.dates.notice_holiday:
            notes.append(
                Text(
                    tr(
                        self,
                        "Batas pemberitahuan jatuh pada hari libur ({name}); "
                        "berikan pemberitahuan pada hari kerja sebelumnya.",
                        name=tr(self, view.dates.notice_holiday),
                    ),
                    style="yellow",
                )
            )
        if view.contract.end_date is None:
            notes.append(
                Text(
                    tr(self, "Tanggal berakhir belum diisi; tenggat tidak dapat dihitung."),
                    style="yellow",
                )
            )
        heading = Text(tr(self, "Tanggal penting") + "  ", style="bold")
        heading.append(
            tr(self, "(▼ hari ini, {day})", day=formatting.long_date(today, language(self))),
            style="dim",
        )
        return Group(heading, render_timeline(marks, today, width), Text(""), legend, *notes)

    def _summary(self, view: ContractView) -> Table:
        lang = language(self)
        c, p = view.contract, view.penalty
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim", no_wrap=True)
        table.add_column()
        bond: RenderableType
        if c.performance_bond:
            bond = Text(formatting.rupiah(c.performance_bond, lang))
        elif view.bond_required:
            bond = Text(
                tr(
                    self,
                    "belum dicatat — wajib untuk nilai di atas {limit} (Perpres 16/2018 Pasal 33)",
                    limit=formatting.rupiah(thresholds_of(self).bond_threshold, lang),
                ),
                style="yellow",
            )
        else:
            bond = Text(tr(self, "tidak wajib"), style="dim")
        share = "-" if p.share is None else formatting.percent(p.share * 100, lang, 1)
        penalty = Text(
            tr(
                self,
                "{total} dari batas {cap} ({share})",
                total=formatting.rupiah(p.total, lang),
                cap=formatting.rupiah(p.cap, lang),
                share=share,
            ),
            style="bold red" if p.at_cap else ("yellow" if p.total else ""),
        )
        if p.days_late:
            penalty.append(
                "  "
                + tr(
                    self,
                    "{n} hari terlambat, {daily}/hari",
                    n=p.days_late,
                    daily=formatting.rupiah(p.daily, lang),
                ),
                style="dim",
            )
        if p.accrued and p.recorded:  # G14: say which figure the SP & denda tab shows
            penalty.append(
                "  "
                + tr(
                    self,
                    "({recorded} tercatat + {accrued} berjalan, belum dicatat)",
                    recorded=formatting.rupiah(p.recorded, lang),
                    accrued=formatting.rupiah(p.accrued, lang),
                ),
                style="dim",
            )
        grace = (
            tr(
                self,
                "{n} hari (sampai {day})",
                n=p.grace_days,
                day=formatting.long_date(p.grace_end, lang),
            )
            if p.grace_days
            else tr(self, "tidak ada")
        )
        renewals = label(self, c.renewal_kind)
        if view.dates.renewals_left is not None:
            renewals += " · " + tr(self, "sisa {n} kali", n=view.dates.renewals_left)
        rows: list[tuple[str, RenderableType]] = [
            (N_("Pekerjaan"), Text(c.title)),
            (N_("Nama rekanan"), Text(view.supplier.name if view.supplier else "-")),
            (N_("Status"), Text(label(self, c.status))),
            (
                N_("Kontrak pendukung (UC)"),
                Text(tr(self, "Ya") if c.is_underpinning else tr(self, "Tidak")),
            ),
            (N_("Nilai"), Text(formatting.rupiah(c.value, lang))),
            (N_("Jaminan pelaksanaan"), bond),
            (N_("Denda"), penalty),
            (N_("Pemberian kesempatan"), Text(grace)),
            (N_("Perpanjangan"), Text(renewals)),
            (N_("Masa pemberitahuan"), Text(tr(self, "{n} hari", n=c.notice_days))),
            (N_("Waktu pengadaan"), Text(tr(self, "{n} hari", n=view.dates.lead_days))),
            (N_("PPK"), Text(c.ppk or "-")),
            (N_("Satuan kerja"), Text(c.satker or "-")),
            (N_("Catatan"), Text(c.notes or "-")),
        ]
        for name, value in rows:
            table.add_row(tr(self, name), value)
        return table

    def _services(self, view: ContractView) -> RenderableType:
        lang = language(self)
        c = view.contract
        if not view.services:
            message = (
                tr(
                    self,
                    "Kontrak ini belum dikaitkan dengan layanan mana pun. "
                    "Tekan n untuk menambah layanan yang didukungnya.",
                )
                if c.is_underpinning
                else tr(self, "Kontrak ini bukan kontrak pendukung (UC) layanan.")
            )
            return Text(message, style="dim")
        parts: list[RenderableType] = []
        for item in view.services:
            head = Text(f"{item.service.code} · ", style="bold")
            head.append(item.service.name)
            if item.component:
                head.append(f"  [{tr(self, 'komponen')}: {item.component}]", style="dim")
            table = Table(show_edge=False, pad_edge=False, expand=False)
            table.add_column(tr(self, "Target"))
            table.add_column(tr(self, "Kontrak ini (UC)"), justify="right")
            for sla in item.slas:
                table.add_column(
                    Text(tr(self, "SLA {customer}", customer=sla.customer)), justify="right"
                )

            def cells(uc: str, values: list[str]) -> list[str]:
                return [uc, *values]

            table.add_row(
                tr(self, "Ketersediaan"),
                *cells(
                    formatting.percent(c.availability_pct, lang, 3),
                    [formatting.percent(s.availability_pct, lang, 3) for s in item.slas],
                ),
            )
            table.add_row(
                tr(self, "Respons (jam)"),
                *cells(
                    formatting.number(c.response_hours, lang),
                    [formatting.number(s.response_hours, lang) for s in item.slas],
                ),
            )
            table.add_row(
                tr(self, "Penyelesaian (jam)"),
                *cells(
                    formatting.number(c.resolution_hours, lang),
                    [formatting.number(s.resolution_hours, lang) for s in item.slas],
                ),
            )
            table.add_row(
                tr(self, "Jam layanan"),
                *cells(
                    label(self, c.service_hours) if c.service_hours else tr(self, "ikut layanan"),
                    [label(self, s.service_hours) for s in item.slas],
                ),
            )
            parts.extend([head, table])
            if not item.slas:
                parts.append(
                    Text(tr(self, "Layanan ini belum punya SLA yang berlaku."), style="dim")
                )
            parts.extend(self._gap_lines(item.gaps))
            parts.append(Text(""))
        if view.other_gaps:
            parts.append(Text(tr(self, "Celah lain pada layanan yang sama"), style="bold"))
            parts.extend(self._gap_lines(view.other_gaps))
        return Group(*parts)

    def _gap_lines(self, gaps: tuple[Alert, ...]) -> list[Text]:
        if not gaps:
            return [Text("✓ " + tr(self, "Target kontrak ini mendukung SLA-nya."), style="green")]
        lines = []
        for alert in gaps:
            style = "bold red" if alert.severity == "critical" else "yellow"
            lines.append(Text("✗ " + alert.title, style=style))
            for reason in alert.reasons:
                lines.append(Text("    " + reason))
        return lines

    # -- actions -------------------------------------------------------------------------

    def action_new(self) -> None:
        """A new record of the open tab: a supported service, or a warning letter."""
        if self.tab == "letters":
            self.action_new_letter()
        elif self.tab in ("summary", "services"):
            open_form(
                self,
                "contract_service",
                None,
                start={"contract_id": self.contract_id},
                on_saved=self._saved,
            )

    def action_new_letter(self) -> None:
        open_form(
            self,
            "warning_letter",
            None,
            start={"contract_id": self.contract_id},
            on_saved=self._saved,
        )

    def action_new_penalty(self) -> None:
        open_form(
            self, "penalty", None, start={"contract_id": self.contract_id}, on_saved=self._saved
        )

    def action_new_incident(self) -> None:
        start: dict[str, Any] = {"contract_id": self.contract_id}
        if self.view is not None and self.view.services:
            start["service_id"] = self.view.services[0].service.id
        open_form(self, "incident", None, start=start, on_saved=self._saved)

    def action_open_supplier(self) -> None:
        if self.view is not None and self.view.contract.supplier_id:
            from rekanan.screens.supplier_detail import SupplierDetailScreen

            self.app.push_screen(SupplierDetailScreen(self.view.contract.supplier_id))

    def _target(self) -> Target | None:
        if self.view is None:
            return None
        if self.tab == "letters":
            row = self.query_one("#letters-table", RecordTable).current
            if isinstance(row, LetterOrPenalty):
                return row.form_kind, row.record.id, row.what, row.record.version
            return None
        if self.tab == "services":
            link = self.query_one("#links-table", RecordTable).current
            if isinstance(link, ServiceTargets):
                what = f"{link.service.code} {link.component or ''}".strip()
                return "contract_service", link.link_id, what, link.link_version
            return None
        c = self.view.contract
        return "contract", c.id, f"{c.number} — {c.title}", c.version

    @on(RecordTable.RowChosen, "#links-table")
    def _open_service(self, event: RecordTable.RowChosen) -> None:
        if isinstance(event.row, ServiceTargets):
            from rekanan.screens.service_detail import ServiceDetailScreen

            self._open_detail(ServiceDetailScreen(event.row.service.id))

    @on(RecordTable.RowChosen, "#letters-table")
    def _edit_row(self, _event: RecordTable.RowChosen) -> None:
        self.action_edit()
