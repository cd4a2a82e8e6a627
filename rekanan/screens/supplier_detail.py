"""One supplier: profile, contracts, performance, incidents, letters and penalties,
sanctions and history, each in a tab.

A worker reads the supplier's slice of the agency (``rekanan.store.slices``) and runs the
rules on it: blacklist risk, the scorecard of the current and previous quarters with the
last six for the sparkline, the next deadline of each contract. The screen only shows.
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
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Sparkline, Static, TabPane

from rekanan.domain import formatting
from rekanan.domain.formatting import short_number
from rekanan.domain.identifiers import check_npwp, format_npwp
from rekanan.domain.index import AgencyIndex
from rekanan.domain.periods import current_quarter
from rekanan.domain.records import (
    AuditRecord,
    ContractRecord,
    EvaluationRecord,
    IncidentRecord,
    SanctionRecord,
    SupplierRecord,
)
from rekanan.domain.risk import RiskAssessment, supplier_risk
from rekanan.domain.sanctions import sanction_running
from rekanan.domain.scorecard import Band, Scorecard, Trend, supplier_scorecard
from rekanan.domain.text import enum_label
from rekanan.domain.thresholds import Thresholds
from rekanan.errors import RekananError
from rekanan.screens.audit_view import load_audit
from rekanan.screens.detail_base import (
    QUIET_DETAIL_KEYS,
    LetterOrPenalty,
    RecordDetailScreen,
    Target,
    letter_kind_cell,
    penalty_amount_cell,
)
from rekanan.screens.forms import open_form
from rekanan.screens.incident_term import contract_for_incident
from rekanan.screens.register_support import (
    N_,
    as_of,
    day,
    days_left,
    label,
    language,
    money,
    text,
    thresholds_of,
    tr,
)
from rekanan.store.lists import Deadline, deadline_for, working_calendar
from rekanan.store.slices import supplier_slice
from rekanan.widgets.paged_table import Column, RecordTable


@dataclass(frozen=True, slots=True)
class ContractLine:
    """A contract of the supplier with its next deadline."""

    contract: ContractRecord
    deadline: Deadline
    days_left: int | None


@dataclass(frozen=True, slots=True)
class IncidentLine:
    """An incident with the codes a person recognises."""

    incident: IncidentRecord
    service_code: str
    contract_number: str


@dataclass(frozen=True, slots=True)
class SupplierView:
    """Everything the supplier detail shows, computed by the rules in a worker."""

    supplier: SupplierRecord
    npwp_warning: str | None
    contracts: tuple[ContractLine, ...]
    risk: RiskAssessment
    scorecard: Scorecard
    previous: Scorecard
    evaluations: tuple[EvaluationRecord, ...]
    incidents: tuple[IncidentLine, ...]
    letters_and_penalties: tuple[LetterOrPenalty, ...]
    sanctions: tuple[SanctionRecord, ...]
    audit: tuple[AuditRecord, ...]


def load_supplier_view(
    db: Any, supplier_id: int, today: date, thresholds: Thresholds, lang: str
) -> SupplierView:
    """Read the supplier's slice and run the rules on it (in a worker)."""
    with db.session() as session:
        data = supplier_slice(session, supplier_id)
        if data is None:
            raise RekananError(
                "Rekanan ini sudah tidak ada; mungkin dihapus orang lain. Kembali ke daftar."
            )
        calendar = working_calendar(session)
        audit = load_audit(session, "supplier", supplier_id)
    index = AgencyIndex.build(data, calendar)
    supplier = index.suppliers[supplier_id]
    own = sorted(
        index.contracts_by_supplier.get(supplier_id, ()),
        key=lambda c: c.end_date or date.max,
        reverse=True,
    )
    lines = []
    for contract in own:
        graces = [(g.granted_on, g.days) for g in index.graces_by_contract.get(contract.id, ())]
        found = deadline_for(contract, supplier.category, today, thresholds, calendar, graces)
        left = None if found.day is None else (found.day - today).days
        lines.append(ContractLine(contract, found, left))
    numbers = {c.id: c.number for c in own}
    codes = {s.id: s.code for s in data.services}
    incidents = sorted(
        (i for i in data.incidents if i.contract_id in numbers),
        key=lambda i: i.started_at,
        reverse=True,
    )
    mixed: list[LetterOrPenalty] = []
    for letter in data.warning_letters:
        if letter.contract_id in numbers:
            mixed.append(
                LetterOrPenalty(
                    "letter",
                    letter.issued_on,
                    f"{letter.level.value} {letter.letter_number}".strip(),
                    None,
                    letter,
                    contract_number=numbers[letter.contract_id],
                )
            )
    for penalty in data.penalties:
        if penalty.contract_id in numbers:
            mixed.append(
                LetterOrPenalty(
                    "penalty",
                    penalty.imposed_on,
                    penalty.notes,
                    penalty.amount,
                    penalty,
                    contract_number=numbers[penalty.contract_id],
                )
            )
    mixed.sort(key=lambda item: item.on, reverse=True)
    period = current_quarter(today)
    checked = check_npwp(supplier.npwp) if supplier.npwp else None
    return SupplierView(
        supplier=supplier,
        npwp_warning=checked.warning if checked else None,
        contracts=tuple(lines),
        risk=supplier_risk(index, supplier_id, today, thresholds),
        scorecard=supplier_scorecard(index, supplier_id, period, today, thresholds, lang),
        previous=supplier_scorecard(index, supplier_id, period.previous(), today, thresholds, lang),
        evaluations=tuple(
            sorted(
                index.evaluations_by_supplier.get(supplier_id, ()),
                key=lambda e: e.period_end,
                reverse=True,
            )
        ),
        incidents=tuple(
            IncidentLine(i, codes.get(i.service_id, "?"), numbers.get(i.contract_id or 0, ""))
            for i in incidents
        ),
        letters_and_penalties=tuple(mixed),
        sanctions=tuple(
            sorted(
                index.sanctions_by_supplier.get(supplier_id, ()),
                key=lambda s: s.start_date,
                reverse=True,
            )
        ),
        audit=audit,
    )


BAND_STYLE = {
    Band.RED: "bold white on red",
    Band.AMBER: "bold black on yellow",
    Band.GREEN: "bold black on green",
}
BAND_LABEL = {Band.RED: N_("MERAH"), Band.AMBER: N_("KUNING"), Band.GREEN: N_("HIJAU")}
TREND_LABEL = {Trend.UP: N_("naik"), Trend.DOWN: N_("turun"), Trend.FLAT: N_("tetap")}


class SupplierDetailScreen(RecordDetailScreen[SupplierView]):
    """Detail rekanan."""

    HELP = N_(
        "Detail rekanan. [ dan ] berpindah tab; n menambah data di tab ini (kontrak, "
        "penilaian, insiden, SP atau denda, sanksi); u mengubah, d menghapus baris yang "
        "dipilih, atau rekanan ini di tab Profil; e mengekspor kartu kinerjanya; Enter "
        "membuka kontrak; F5 memuat ulang."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "export_scorecard", N_("Ekspor kartu"), id="detail.export_scorecard"),
        Binding("p", "new_penalty", N_("Denda baru"), id="detail.new_penalty", show=False),
        *QUIET_DETAIL_KEYS,
    ]

    TABS = ("profile", "contracts", "performance", "incidents", "letters", "sanctions", "history")
    RECORD_KIND = "supplier"
    WORKER_GROUP = "supplier-detail"

    def __init__(self, supplier_id: int, *, tab: str = "profile") -> None:
        super().__init__(supplier_id, tab=tab)

    @property
    def supplier_id(self) -> int:
        """The supplier shown (the palette offers its scorecard)."""
        return self.record_id

    def read_view(
        self, db: Any, record_id: int, today: date, thresholds: Thresholds, lang: str
    ) -> SupplierView:
        return load_supplier_view(db, record_id, today, thresholds, lang)

    # -- layout --------------------------------------------------------------------------

    def compose_tabs(self) -> ComposeResult:
        with TabPane(tr(self, "Profil"), id="tab-profile"), VerticalScroll():
            yield Static(id="profile-body")
            yield Static(id="risk-body")
        with TabPane(tr(self, "Kontrak"), id="tab-contracts"):
            yield RecordTable(self._contract_columns(), id="contracts-table")
        with TabPane(tr(self, "Kinerja"), id="tab-performance"), VerticalScroll():
            with Horizontal(id="score-row"):
                yield Static(id="score-current", classes="score-box")
                yield Static(id="score-previous", classes="score-box")
            with Vertical(id="trend-box"):
                yield Static(id="trend-label")
                yield Sparkline([], id="score-sparkline")
            yield Static(id="score-reasons")
            yield RecordTable(self._evaluation_columns(), id="evaluations-table")
        with TabPane(tr(self, "Insiden"), id="tab-incidents"):
            yield RecordTable(self._incident_columns(), id="incidents-table")
        with TabPane(tr(self, "SP & denda"), id="tab-letters"):
            yield RecordTable(self._letter_columns(), id="letters-table")
        with TabPane(tr(self, "Sanksi"), id="tab-sanctions"):
            yield RecordTable(self._sanction_columns(), id="sanctions-table")

    def _contract_columns(self) -> list[Column[ContractLine]]:
        return [
            Column(
                "number", N_("Nomor"), lambda r: text(short_number(r.contract.number, 22)), width=22
            ),
            Column("title", N_("Pekerjaan"), lambda r: text(r.contract.title), width=24),
            Column("status", N_("Status"), lambda r: text(label(self, r.contract.status))),
            Column("value", N_("Nilai"), lambda r: money(self, r.contract.value)),
            Column("end", N_("Berakhir"), lambda r: day(self, r.contract.end_date)),
            Column("deadline", N_("Tenggat berikut"), lambda r: day(self, r.deadline.day)),
            Column("left", N_("Sisa"), lambda r: days_left(self, r.days_left)),
        ]

    def _evaluation_columns(self) -> list[Column[EvaluationRecord]]:
        return [
            Column(
                "period",
                N_("Periode"),
                lambda e: text(
                    f"{formatting.short_date(e.period_start, language(self))}–"
                    f"{formatting.short_date(e.period_end, language(self))}"
                ),
            ),
            Column("q", N_("Kualitas"), lambda e: text(e.quality)),
            Column("c", N_("Biaya"), lambda e: text(e.cost)),
            Column("t", N_("Waktu"), lambda e: text(e.timeliness)),
            Column("s", N_("Pelayanan"), lambda e: text(e.service)),
            Column("by", N_("Penilai"), lambda e: text(e.evaluator)),
            Column("on", N_("Tgl."), lambda e: day(self, e.evaluated_on)),
        ]

    def _incident_columns(self) -> list[Column[IncidentLine]]:
        lang = language
        return [
            Column(
                "start",
                N_("Mulai"),
                lambda r: text(
                    formatting.short_date(r.incident.started_at.date(), lang(self))
                    + r.incident.started_at.strftime(" %H:%M")
                ),
            ),
            Column("service", N_("Kode layanan"), lambda r: text(r.service_code)),
            Column("contract", N_("Nomor kontrak"), lambda r: text(r.contract_number), width=24),
            Column("severity", N_("Tingkat"), lambda r: text(label(self, r.incident.severity))),
            Column(
                "resolved",
                N_("Selesai"),
                lambda r: text(
                    r.incident.resolved_at.strftime("%d/%m/%y %H:%M")
                    if r.incident.resolved_at
                    else tr(self, "belum")
                ),
            ),
            Column("what", N_("Uraian"), lambda r: text(r.incident.description), width=40),
        ]

    def _letter_columns(self) -> list[Column[LetterOrPenalty]]:
        return [
            Column("on", N_("Tgl."), lambda r: day(self, r.on)),
            Column("kind", N_("Jenis"), lambda r: letter_kind_cell(self, r)),
            Column("contract", N_("Nomor kontrak"), lambda r: text(r.contract_number), width=26),
            Column("what", N_("Keterangan"), lambda r: text(r.what), width=30),
            Column("amount", N_("Nominal"), lambda r: penalty_amount_cell(self, r)),
        ]

    def _sanction_columns(self) -> list[Column[SanctionRecord]]:
        return [
            Column("kind", N_("Jenis"), lambda s: text(label(self, s.kind))),
            Column("decree", N_("Nomor keputusan"), lambda s: text(s.decree_number), width=26),
            Column("from", N_("Sejak"), lambda s: day(self, s.start_date)),
            Column("until", N_("Sampai"), lambda s: day(self, s.end_date)),
            Column("status", N_("Status"), lambda s: text(label(self, s.status))),
            Column("source", N_("Sumber"), lambda s: text(label(self, s.source))),
        ]

    # -- data ----------------------------------------------------------------------------

    def _show(self, view: SupplierView) -> None:
        supplier = view.supplier
        title = Text(tr(self, "Detail rekanan") + " · ", style="bold")
        title.append(supplier.name)
        if not supplier.active:
            title.append("  " + tr(self, "(nonaktif)"), style="dim")
        self.query_one("#detail-title", Static).update(title)
        self.query_one("#profile-body", Static).update(self._profile(view))
        self.query_one("#risk-body", Static).update(self._risk(view.risk))
        self.query_one("#contracts-table", RecordTable).show(view.contracts)
        self._performance(view)
        self.query_one("#evaluations-table", RecordTable).show(view.evaluations)
        self.query_one("#incidents-table", RecordTable).show(view.incidents)
        self.query_one("#letters-table", RecordTable).show(view.letters_and_penalties)
        self.query_one("#sanctions-table", RecordTable).show(view.sanctions)

    def _profile(self, view: SupplierView) -> Table:
        s = view.supplier
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim", no_wrap=True)
        table.add_column()
        npwp_text = Text(format_npwp(s.npwp) or "-")
        if view.npwp_warning:
            npwp_text.append("  " + tr(self, "angka pemeriksa tidak cocok"), style="yellow")
        rows: list[tuple[str, Text]] = [
            (N_("Nama"), Text(s.name)),
            (N_("NPWP"), npwp_text),
            (N_("NIB"), Text(s.nib or "-")),
            (N_("Bentuk usaha"), Text(label(self, s.legal_form))),
            (N_("Kategori"), Text(label(self, s.category))),
            (N_("Status"), self._status_text(view)),
            (N_("Alamat"), Text(s.address or "-")),
            (N_("Narahubung"), Text(s.contact_person or "-")),
            (N_("Surel"), Text(s.email or "-")),
            (N_("Telepon"), Text(s.phone or "-")),
            (N_("Catatan"), Text(s.notes or "-")),
        ]
        for name, value in rows:
            table.add_row(tr(self, name), value)
        return table

    def _status_text(self, view: SupplierView) -> Text:
        """Active or not, and under which running sanction (G1: a blacklisted supplier
        must not read as an ordinary active one)."""
        shown = Text(tr(self, "Aktif") if view.supplier.active else tr(self, "Nonaktif"))
        day, lang = as_of(self), language(self)
        for sanction in (s for s in view.sanctions if sanction_running(s, day)):
            until = formatting.medium_date(sanction.end_date, lang) if sanction.end_date else "-"
            shown.append(
                "  "
                + tr(
                    self,
                    "dalam sanksi {kind} s.d. {until}",
                    kind=enum_label("sanction_kind", sanction.kind, lang),
                    until=until,
                ),
                style="bold red",
            )
        return shown

    def _risk(self, risk: RiskAssessment) -> Group:
        thresholds = thresholds_of(self)
        if risk.score >= thresholds.blacklist_risk_critical:
            style, word = "bold red", tr(self, "kritis")
        elif risk.score >= thresholds.blacklist_risk_warning:
            style, word = "bold yellow", tr(self, "perlu perhatian")
        else:
            style, word = "green", tr(self, "rendah")
        head = Text("\n" + tr(self, "Risiko daftar hitam") + ": ", style="bold")
        head.append(f"{risk.score}/100 ({word})", style=style)
        reasons = Table.grid(padding=(0, 1))
        reasons.add_column(justify="right", style="bold", no_wrap=True)
        reasons.add_column(ratio=1)
        for reason in risk.reasons:
            reasons.add_row(f"+{reason.points}", Text(reason.text(language(self))))
        lines: list[RenderableType] = [head, reasons]
        if not risk.reasons:
            lines.append(Text("  " + tr(self, "Tidak ada dasar risiko."), style="dim"))
        lines.append(
            Text(
                tr(self, "Peringatan dini, bukan sanksi (Perpres 16/2018 Pasal 78)."),
                style="dim italic",
            )
        )
        return Group(*lines)

    def _score_box(self, card: Scorecard, heading: str) -> Group:
        lang = language(self)
        head = Text(f"{heading} {card.period.label}  ", style="bold")
        head.append(f" {tr(self, BAND_LABEL[card.band])} ", style=BAND_STYLE[card.band])
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim")
        table.add_column(justify="right")
        value = "-" if card.value is None else formatting.number(card.value, lang, 2)
        table.add_row(tr(self, "Nilai SIKaP"), f"{value} {card.category or ''}".strip())
        names = {
            "quality": N_("Kualitas dan kuantitas"),
            "cost": N_("Biaya"),
            "timeliness": N_("Waktu"),
            "service": N_("Pelayanan"),
        }
        for key, name in names.items():
            aspect = (card.aspects or {}).get(key)
            table.add_row(
                tr(self, name), "-" if aspect is None else formatting.number(aspect, lang, 2)
            )
        k = card.kpis
        table.add_row(tr(self, "Ketersediaan UC"), formatting.percent(k.availability_pct, lang, 3))
        table.add_row(tr(self, "Insiden / pelanggaran"), f"{k.incidents} / {k.breaches}")
        table.add_row(tr(self, "Insiden dalam target"), formatting.percent(k.sla_met_pct, lang, 1))
        table.add_row(
            tr(self, "Rata-rata penyelesaian"),
            "-"
            if k.mttr_hours is None
            else tr(self, "{n} jam", n=formatting.number(k.mttr_hours, lang, 1)),
        )
        table.add_row(tr(self, "Denda"), formatting.rupiah(card.penalty_total, lang))
        table.add_row(tr(self, "Surat peringatan"), str(len(card.letters)))
        return Group(head, table)

    def _performance(self, view: SupplierView) -> None:
        card = view.scorecard
        self.query_one("#score-current", Static).update(
            self._score_box(card, tr(self, "Periode ini"))
        )
        self.query_one("#score-previous", Static).update(
            self._score_box(view.previous, tr(self, "Periode lalu"))
        )
        values = [float(p.value) for p in card.history if p.value is not None]
        sparkline = self.query_one("#score-sparkline", Sparkline)
        sparkline.data = values
        # One point is not a trend: the sparkline shows from two scored periods on.
        sparkline.display = len(values) >= 2
        lang = language(self)
        trend = Text(tr(self, "Tren nilai 6 periode") + ": ", style="bold")
        points = []
        for p in card.history:
            shown = "-" if p.value is None else formatting.number(p.value, lang, 2)
            points.append(f"{p.period.label} {shown}")
        trend.append("  ".join(points))
        if card.trend is not None:
            trend.append(f"  ({tr(self, TREND_LABEL[card.trend])})", style="italic")
        self.query_one("#trend-label", Static).update(trend)
        reasons = Text(tr(self, "Mengapa warnanya begini") + ":\n", style="bold")
        for reason in card.band_reasons:
            reasons.append("  • " + reason + "\n", style="")
        self.query_one("#score-reasons", Static).update(reasons)

    # -- actions -------------------------------------------------------------------------

    @property
    def supplier_name(self) -> str:
        """The supplier's name once loaded (titles of dialogs opened from here)."""
        return self.view.supplier.name if self.view is not None else ""

    def action_export_scorecard(self) -> None:
        """Period, format and folder for this supplier's scorecard, then the file (F23)."""
        from rekanan.screens.scorecard_dialog import ScorecardDialog

        self.app.push_screen(ScorecardDialog(self.supplier_id, self.supplier_name, day=as_of(self)))

    def _table(self) -> RecordTable | None:
        tables = {
            "contracts": "#contracts-table",
            "performance": "#evaluations-table",
            "incidents": "#incidents-table",
            "letters": "#letters-table",
            "sanctions": "#sanctions-table",
        }
        selector = tables.get(self.tab)
        return self.query_one(selector, RecordTable) if selector else None

    def action_new(self) -> None:
        if self.view is None:
            return
        supplier = {"supplier_id": self.supplier_id}
        first_contract = self._selected_contract_number()
        by_tab: dict[str, tuple[str, dict[str, Any]]] = {
            "profile": ("contract", supplier),
            "contracts": ("contract", supplier),
            "performance": ("evaluation", {**supplier, **self._contract_start(first_contract)}),
            "incidents": ("incident", self._incident_start()),
            "letters": ("warning_letter", self._contract_start(first_contract)),
            "sanctions": ("sanction", supplier),
            "history": ("contract", supplier),
        }
        kind, start = by_tab[self.tab]
        open_form(self, kind, None, start=start, on_saved=self._saved)

    def action_new_penalty(self) -> None:
        if self.view is not None:
            start = self._contract_start(self._selected_contract_number())
            open_form(self, "penalty", None, start=start, on_saved=self._saved)

    def _incident_start(self) -> dict[str, Any]:
        """A contract in force today and the first service it underpins, so most incidents
        need no typing; nothing when no contract runs (an ended one would not count)."""
        contracts = [line.contract for line in self.view.contracts] if self.view else []
        contract = contract_for_incident(contracts, as_of(self))
        if contract is None:
            return {}
        start: dict[str, Any] = {"contract_id": contract.id}
        if contract.services:
            start["service_id"] = contract.services[0].service_id
        return start

    def _contract_start(self, number: int | None) -> dict[str, Any]:
        return {"contract_id": number} if number is not None else {}

    def _selected_contract_number(self) -> int | None:
        """The contract the person is looking at: the selected one, else the latest live one."""
        if self.view is None or not self.view.contracts:
            return None
        if self.tab == "contracts":
            current = self.query_one("#contracts-table", RecordTable).current
            if isinstance(current, ContractLine):
                return current.contract.id
        return self.view.contracts[0].contract.id

    def _target(self) -> Target | None:
        if self.view is None:
            return None
        if self.tab in ("profile", "history"):
            s = self.view.supplier
            return "supplier", s.id, s.name, s.version
        table = self._table()
        row = table.current if table is not None else None
        if isinstance(row, ContractLine):
            c = row.contract
            return "contract", c.id, f"{c.number} — {c.title}", c.version
        if isinstance(row, EvaluationRecord):
            return "evaluation", row.id, f"{row.period_start}–{row.period_end}", row.version
        if isinstance(row, IncidentLine):
            i = row.incident
            return "incident", i.id, f"{row.service_code} {i.started_at:%d/%m/%Y %H:%M}", i.version
        if isinstance(row, LetterOrPenalty):
            record = row.record
            return row.form_kind, record.id, f"{row.contract_number} {row.what}", record.version
        if isinstance(row, SanctionRecord):
            return "sanction", row.id, f"{label(self, row.kind)} {row.decree_number}", row.version
        return None

    @on(RecordTable.RowChosen, "#contracts-table")
    def _open_contract(self, event: RecordTable.RowChosen) -> None:
        if isinstance(event.row, ContractLine):
            from rekanan.screens.contract_detail import ContractDetailScreen

            self._open_detail(ContractDetailScreen(event.row.contract.id))

    @on(RecordTable.RowChosen)
    def _edit_row(self, event: RecordTable.RowChosen) -> None:
        if event.control.id != "contracts-table":
            self.action_edit()
