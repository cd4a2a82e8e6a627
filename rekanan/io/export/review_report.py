"""The review report: the decisions of a session (or since a date), for the head of agency.

What it holds: decisions by kind with the contracts and values affected, every decision
with its contract, supplier, value, reviewer, effect and note, and the decisions that need
the head of agency's attention (escalations, terminations, re-tenders). As an A4 PDF with
the agency letterhead and a signature block (the scorecard PDF's helpers), and as an XLSX
workbook (a summary sheet under the letterhead, and a sheet of decisions with real numbers
and dates). ``load_report`` reads the store; rendering reads only the report.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import select

from rekanan.config import Agency
from rekanan.domain.formatting import long_date, medium_date, rupiah
from rekanan.domain.records import ReviewDecisionRecord
from rekanan.io.export.csv_safe import xlsx_value
from rekanan.io.export.pdf_fonts import FAMILY, install_fonts
from rekanan.io.export.scorecard_pdf import (
    _MARGIN,
    PdfContext,
    _bullets,
    _Document,
    _letterhead,
    _note,
    _section,
    _signature,
    _table,
    signature_height,
)
from rekanan.io.export.tables import Column, Kind, Table, add_table_sheet
from rekanan.models.contract import Contract
from rekanan.models.enums import ReviewDecisionKind
from rekanan.models.supplier import Supplier
from rekanan.store.database import Database
from rekanan.store.review import decisions_between

ATTENTION = (
    ReviewDecisionKind.ESCALATE,
    ReviewDecisionKind.TERMINATE,
    ReviewDecisionKind.RETENDER,
)
"""Decisions the head of agency should see first."""

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("LAPORAN TINJAUAN KONTRAK", "CONTRACT REVIEW REPORT"),
    "span": ("Keputusan {since} s.d. {until}", "Decisions from {since} to {until}"),
    "span_day": ("Keputusan {day}", "Decisions of {day}"),
    "decided_skipped": (
        "{decided} diputuskan, {skipped} dilewati",
        "{decided} decided, {skipped} skipped",
    ),
    "os_account": (
        "{name} (akun komputer; nama peninjau belum diatur: isi user di bagian [general] "
        "berkas konfigurasi)",
        "{name} (the computer account; no reviewer name is set: fill in user under [general] "
        "in the config file)",
    ),
    "total_note": (
        "Satu kontrak dapat mendapat beberapa keputusan; baris Jumlah menghitung setiap "
        "kontrak dan nilainya sekali.",
        "A contract may have several decisions; the Total row counts each contract and its "
        "value once.",
    ),
    "total_distinct": ("Jumlah (kontrak berbeda)", "Total (distinct contracts)"),
    "superseded": (
        "Digantikan oleh {decision} {day}",
        "Superseded by {decision} on {day}",
    ),
    "col.superseded": ("Digantikan oleh", "Superseded by"),
    "scope": ("Cakupan", "Scope"),
    "reviewers": ("Peninjau", "Reviewers"),
    "count": ("Jumlah keputusan", "Decisions"),
    "contracts": ("Kontrak ditinjau", "Contracts reviewed"),
    "value": ("Nilai kontrak ditinjau", "Value of contracts reviewed"),
    "sec.summary": ("A. Ringkasan keputusan", "A. Decisions by kind"),
    "sec.attention": (
        "B. Memerlukan perhatian Kepala Dinas",
        "B. For the head of agency's attention",
    ),
    "sec.detail": ("C. Rincian keputusan", "C. Every decision"),
    "col.decision": ("Keputusan", "Decision"),
    "col.count": ("Jumlah", "Count"),
    "col.contracts": ("Kontrak", "Contracts"),
    "col.value": ("Nilai", "Value"),
    "col.no": ("No", "No"),
    "col.contract": ("Kontrak dan penyedia", "Contract and supplier"),
    "col.effect": ("Akibat dan catatan", "Effect and note"),
    "col.outcome": ("Keputusan, akibat dan catatan", "Decision, effect and note"),
    "col.date": ("Tanggal", "Date"),
    "col.time": ("Waktu", "Time"),
    "col.number": ("Nomor kontrak", "Contract number"),
    "col.title": ("Judul", "Title"),
    "col.supplier": ("Penyedia", "Supplier"),
    "col.reviewer": ("Peninjau", "Reviewer"),
    "col.notes": ("Catatan", "Note"),
    "col.defer": ("Ditunda s.d.", "Deferred until"),
    "col.effect_only": ("Akibat", "Effect"),
    "total": ("Jumlah", "Total"),
    "col.suggested": ("Saran aturan", "Suggested by the rules"),
    "suggested": ("(saran aturan: {decision})", "(the rules suggested: {decision})"),
    "none": ("Tidak ada keputusan dalam rentang ini.", "No decisions in this span."),
    "no_attention": ("Tidak ada.", "None."),
    "sheet.summary": ("Ringkasan", "Summary"),
    "sheet.detail": ("Keputusan", "Decisions"),
    "by": ("oleh {who}", "by {who}"),
    "effect.extended": ("Diperpanjang: berakhir {old} → {new}", "Renewed: end {old} → {new}"),
    "effect.form": (
        "Adendum belum disimpan: kontrak tidak berubah (usulan akhir {new})",
        "Addendum never saved: the contract did not change (proposed end {new})",
    ),
    "effect.form_plain": (
        "Adendum belum disimpan: kontrak tidak berubah",
        "Addendum never saved: the contract did not change",
    ),
    "effect.addendum": (
        "Diperpanjang lewat adendum: berakhir {old} → {new}",
        "Renewed by addendum: end {old} → {new}",
    ),
    "effect.retender": (
        "Berakhir {end}; tender ulang, pengganti harus didaftarkan",
        "Ends on {end}; re-tender, a successor must be registered",
    ),
    "effect.terminate": ("Diputus per {day}", "Terminated as of {day}"),
    "effect.fault": ("karena kesalahan penyedia", "for the supplier's fault"),
    "effect.defer": (
        "{count} peringatan ditunda s.d. {day}",
        "{count} alerts deferred until {day}",
    ),
    "kind.perpanjang": ("Perpanjang", "Renew"),
    "kind.negosiasi_ulang": ("Negosiasi ulang", "Renegotiate"),
    "kind.tender_ulang": ("Tender ulang", "Re-tender"),
    "kind.putus": ("Putus", "Terminate"),
    "kind.eskalasi": ("Eskalasi ke Kepala Dinas", "Escalate to head of agency"),
    "kind.tunda": ("Tunda", "Defer"),
    "kind.lewati": ("Lewati", "Skip"),
}


def rl(key: str, language: str = "id", **params: object) -> str:
    """A label of the report in ``language``."""
    pair = _LABELS[key]
    text = pair[1] if language == "en" else pair[0]
    return text.format(**params) if params else text


def decision_label(kind: ReviewDecisionKind, language: str = "id") -> str:
    """The decision in words."""
    return rl(f"kind.{kind.value}", language)


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One decision with the contract it is about."""

    decision: ReviewDecisionRecord
    number: str
    title: str
    supplier: str
    value: Decimal
    effect: str
    suggested: ReviewDecisionKind | None = None
    """What the rules suggested on the page (from the snapshot), to set beside the decision."""
    superseded_by: ReviewDecisionRecord | None = None
    """A later decision on the same contract in the report (a skip supersedes nothing)."""

    def superseded_text(self, language: str) -> str:
        """ "Digantikan oleh Perpanjang 23 Nov 2026", or empty while the decision stands."""
        later = self.superseded_by
        if later is None:
            return ""
        return rl(
            "superseded",
            language,
            decision=decision_label(later.decision, language),
            day=medium_date(later.decided_on, language),
        )


@dataclass(frozen=True, slots=True)
class ReviewReport:
    """The decisions from ``since`` to ``until``, worded in ``language``."""

    since: date
    until: date
    language: str
    lines: tuple[ReportLine, ...]
    scope: str = ""
    os_accounts: frozenset[str] = frozenset()
    """Reviewer names that are only the computer account (no name configured): said so."""

    @property
    def span(self) -> str:
        """ "Keputusan 23 November 2026", or from one day to another."""
        if self.since == self.until:
            return rl("span_day", self.language, day=long_date(self.since, self.language))
        return rl(
            "span",
            self.language,
            since=long_date(self.since, self.language),
            until=long_date(self.until, self.language),
        )

    @property
    def skipped(self) -> int:
        """Contracts passed over: not decisions (F37)."""
        return len([x for x in self.lines if x.decision.decision == ReviewDecisionKind.SKIP])

    @property
    def decided(self) -> int:
        """Decisions taken, skips left out."""
        return len(self.lines) - self.skipped

    def count_text(self) -> str:
        """ "9 diputuskan, 4 dilewati" (just the number when nothing was skipped)."""
        if not self.skipped:
            return str(self.decided)
        return rl("decided_skipped", self.language, decided=self.decided, skipped=self.skipped)

    def reviewer_names(self) -> str:
        """The reviewers, a computer account said as such."""
        names = [
            rl("os_account", self.language, name=name) if name in self.os_accounts else name
            for name in self.reviewers
        ]
        return ", ".join(names) or "-"

    def by_kind(self) -> list[tuple[ReviewDecisionKind, int, int, Decimal]]:
        """Per kind (in the order of the enum): decisions, distinct contracts, their value."""
        result = []
        for kind in ReviewDecisionKind:
            lines = [x for x in self.lines if x.decision.decision == kind]
            if not lines:
                continue
            values = {x.decision.contract_id: x.value for x in lines}
            result.append((kind, len(lines), len(values), sum(values.values(), Decimal(0))))
        return result

    @property
    def contract_count(self) -> int:
        return len({x.decision.contract_id for x in self.lines})

    @property
    def total_value(self) -> Decimal:
        values = {x.decision.contract_id: x.value for x in self.lines}
        return sum(values.values(), Decimal(0))

    @property
    def reviewers(self) -> list[str]:
        counts = Counter(x.decision.reviewer for x in self.lines if x.decision.reviewer)
        return [name for name, _ in counts.most_common()]

    @property
    def attention(self) -> list[ReportLine]:
        """Escalations, terminations and re-tenders that still stand."""
        return [
            x for x in self.lines if x.decision.decision in ATTENTION and x.superseded_by is None
        ]


def effect_text(record: ReviewDecisionRecord, language: str) -> str:
    """What the decision did, in words, from its ``effect_json``."""
    effect: dict[str, Any] = json.loads(record.effect_json or "{}")
    contract = effect.get("contract") or {}
    before, after = contract.get("before", {}), contract.get("after", {})

    def day_of(text: str | None) -> str:
        return medium_date(date.fromisoformat(text), language) if text else "-"

    kind = record.decision
    if kind == ReviewDecisionKind.RENEW:
        form = effect.get("form") or {}
        if form:
            return rl(
                "effect.addendum",
                language,
                old=day_of(form.get("before", {}).get("end_date")),
                new=day_of(form.get("after", {}).get("end_date")),
            )
        if effect.get("open_form"):  # recorded by an older version before the form was saved
            proposed = effect.get("proposed_end")
            if proposed:
                return rl("effect.form", language, new=day_of(proposed))
            return rl("effect.form_plain", language)
        if after:
            return rl(
                "effect.extended",
                language,
                old=day_of(contract.get("term_end") or before.get("end_date")),
                new=day_of(after.get("end_date")),
            )
    if kind == ReviewDecisionKind.RETENDER and after:
        return rl("effect.retender", language, end=day_of(after.get("end_date")))
    if kind == ReviewDecisionKind.TERMINATE and after:
        text = rl("effect.terminate", language, day=day_of(after.get("termination_date")))
        if after.get("terminated_for_fault"):
            text += f" ({rl('effect.fault', language)})"
        return text
    if kind == ReviewDecisionKind.DEFER and record.defer_until is not None:
        return rl(
            "effect.defer",
            language,
            count=len(effect.get("snoozes", ())),
            day=medium_date(record.defer_until, language),
        )
    return ""


def suggested_in(record: ReviewDecisionRecord) -> ReviewDecisionKind | None:
    """The decision the rules suggested when this one was taken (None if not stored)."""
    try:
        shot = json.loads(record.snapshot_json or "{}")
        return ReviewDecisionKind(shot["suggestion"]["decision"])
    except (ValueError, KeyError, TypeError):
        return None


def load_report(
    db: Database,
    since: date,
    until: date,
    language: str = "id",
    *,
    session_id: int | None = None,
    scope: str = "",
    os_accounts: frozenset[str] = frozenset(),
) -> ReviewReport:
    """The decisions recorded from ``since`` to ``until`` (of one session, if given)."""
    decisions = decisions_between(db, since, until, session_id)
    ids = {d.contract_id for d in decisions}
    contracts: dict[int, tuple[str, str, Decimal, int]] = {}
    suppliers: dict[int, str] = {}
    if ids:
        with db.session() as s:
            for row in s.execute(select(Contract).where(Contract.id.in_(ids))).scalars():  # type: ignore[union-attr]
                contracts[int(row.id or 0)] = (row.number, row.title, row.value, row.supplier_id)
            supplier_ids = {c[3] for c in contracts.values()}
            for row in s.execute(
                select(Supplier).where(Supplier.id.in_(supplier_ids))  # type: ignore[union-attr]
            ).scalars():
                suppliers[int(row.id or 0)] = row.name
    lines = []
    later: dict[int, ReviewDecisionRecord] = {}  # the next standing decision per contract
    superseded: dict[int, ReviewDecisionRecord] = {}
    for record in reversed(decisions):
        if record.contract_id in later:
            superseded[record.id] = later[record.contract_id]
        if record.decision != ReviewDecisionKind.SKIP:
            later[record.contract_id] = record
    for record in decisions:
        number, title, value, supplier_id = contracts.get(
            record.contract_id, ("-", "-", Decimal(0), 0)
        )
        lines.append(
            ReportLine(
                record,
                number,
                title,
                suppliers.get(supplier_id, "-"),
                value,
                effect_text(record, language),
                suggested_in(record),
                superseded.get(record.id),
            )
        )
    return ReviewReport(since, until, language, tuple(lines), scope, os_accounts)


# ------------------------------------------------------------------------------ PDF


def _texts(report: ReviewReport, context: PdfContext) -> Iterator[str]:
    agency, signer = context.agency, context.signer
    yield from (agency.government, agency.name, *agency.letterhead, agency.place)
    yield from (signer.name, signer.title, signer.staff_id, signer.place, report.scope)
    for line in report.lines:
        yield from (line.number, line.title, line.supplier, line.effect)
        yield from (line.decision.notes, line.decision.reviewer)


def render_review_pdf(report: ReviewReport, context: PdfContext) -> bytes:
    """The report as an A4 PDF, as bytes."""
    language = context.language
    span = report.span
    pdf = _Document(context, f"{rl('title', language).title()} · {span}")
    install_fonts(pdf, _texts(report, context))
    pdf.set_title(f"{rl('title', language).title()} - {span}")
    pdf.set_author(context.agency.name)
    pdf.set_creator("rekanan")
    pdf.set_creation_date(context.generated_at)
    pdf.add_page()
    _letterhead(pdf, context.agency)
    _title(pdf, rl("title", language), span)
    _identity(pdf, report, language)
    _summary(pdf, report, language)
    _attention(pdf, report, language)
    _detail(pdf, report, language, signature_height(pdf, context))
    _signature(pdf, context)
    return bytes(pdf.output())


def write_review_pdf(report: ReviewReport, context: PdfContext, path: Path) -> Path:
    """Render and write the PDF; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_review_pdf(report, context))
    return path


def _title(pdf: Any, title: str, span: str) -> None:
    pdf.set_font(FAMILY, "B", 12)
    pdf.cell(0, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
    width = pdf.get_string_width(title)
    y = pdf.get_y()
    pdf.line((pdf.w - width) / 2, y - 0.6, (pdf.w + width) / 2, y - 0.6)
    pdf.set_font(FAMILY, "", 9.5)
    pdf.cell(0, 5, span, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _identity(pdf: Any, report: ReviewReport, language: str) -> None:
    rows = []
    if report.scope:
        rows.append((rl("scope", language), report.scope))
    rows += [
        (rl("reviewers", language), report.reviewer_names()),
        (rl("count", language), report.count_text()),
        (rl("contracts", language), str(report.contract_count)),
        (rl("value", language), rupiah(report.total_value, language)),
    ]
    body = pdf.w - 2 * _MARGIN
    for key, value in rows:
        pdf.set_font(FAMILY, "", 9.5)
        pdf.cell(50, 5.2, key)
        pdf.cell(4, 5.2, ":")
        pdf.set_font(FAMILY, "B", 9.5)
        pdf.multi_cell(body - 54, 5.2, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _summary(pdf: Any, report: ReviewReport, language: str) -> None:
    _section(pdf, rl("sec.summary", language), needs=30)
    groups = report.by_kind()
    if not groups:
        _note(pdf, rl("none", language), 8.5)
        return
    rows = [
        [decision_label(kind, language), str(count), str(contracts), rupiah(value, language)]
        for kind, count, contracts, value in groups
    ]
    rows.append(
        [
            rl("total_distinct", language),
            report.count_text(),
            str(report.contract_count),
            rupiah(report.total_value, language),
        ]
    )
    _table(
        pdf,
        [rl(k, language) for k in ("col.decision", "col.count", "col.contracts", "col.value")],
        rows,
        (60, 45, 20, 45),
        ("L", "R", "R", "R"),
        bold_last=True,
    )
    if report.contract_count < len(report.lines):
        _note(pdf, rl("total_note", language), 8)


def _line_text(line: ReportLine, language: str) -> str:
    parts = [f"{decision_label(line.decision.decision, language)}: {line.number} ({line.supplier})"]
    if line.effect:
        parts.append(line.effect)
    if line.decision.notes:
        parts.append(f"“{line.decision.notes}”")
    return " · ".join(parts)


def _attention(pdf: Any, report: ReviewReport, language: str) -> None:
    _section(pdf, rl("sec.attention", language), needs=20)
    lines = report.attention
    if not lines:
        _note(pdf, rl("no_attention", language), 8.5)
        return
    _bullets(pdf, [_line_text(x, language) for x in lines])
    pdf.ln(1)


def _detail(pdf: Any, report: ReviewReport, language: str, keep_after: float) -> None:
    """Section C, the last: its last row stays on the page of the signature below it.

    Decision, reviewer, effect and note share one wide column, so a reviewer's name with
    degrees fits on one line and notes wrap less.
    """
    if not report.lines:
        _section(pdf, rl("sec.detail", language), needs=12 + keep_after)
        _note(pdf, rl("none", language), 8.5)
        return
    _section(pdf, rl("sec.detail", language), needs=30)
    rows = []
    for n, line in enumerate(report.lines, start=1):
        d = line.decision
        suggested = (
            rl("suggested", language, decision=decision_label(line.suggested, language))
            if line.suggested is not None and line.suggested != d.decision
            else ""
        )
        decided = f"{decision_label(d.decision, language)} · {medium_date(d.decided_on, language)}"
        who = rl("by", language, who=d.reviewer) if d.reviewer else ""
        rows.append(
            [
                str(n),
                f"{line.number}\n{line.title}\n{line.supplier}",
                rupiah(line.value, language),
                "\n".join(
                    x
                    for x in (
                        decided,
                        line.superseded_text(language),
                        who,
                        line.effect,
                        d.notes,
                        suggested,
                    )
                    if x
                ),
            ]
        )
    _table(
        pdf,
        [rl(k, language) for k in ("col.no", "col.contract", "col.value", "col.outcome")],
        rows,
        (8, 54, 30, 78),
        ("C", "L", "R", "L"),
        keep_after=keep_after,
    )


# ----------------------------------------------------------------------------- XLSX


def detail_table(report: ReviewReport) -> Table:
    """Every decision as a table with real dates and numbers."""
    language = report.language
    columns = (
        Column(rl("col.date", language), Kind.DATE),
        Column(rl("col.time", language), Kind.DATETIME),
        Column(rl("col.number", language)),
        Column(rl("col.title", language)),
        Column(rl("col.supplier", language)),
        Column(rl("col.value", language), Kind.RUPIAH),
        Column(rl("col.decision", language)),
        Column(rl("col.reviewer", language)),
        Column(rl("col.effect_only", language)),
        Column(rl("col.defer", language), Kind.DATE),
        Column(rl("col.notes", language)),
        Column(rl("col.superseded", language)),
        Column(rl("col.suggested", language)),
    )
    rows = tuple(
        (
            x.decision.decided_on,
            _naive(x.decision.decided_at),
            x.number,
            x.title,
            x.supplier,
            x.value,
            decision_label(x.decision.decision, language),
            x.decision.reviewer,
            x.effect,
            x.decision.defer_until,
            x.decision.notes,
            x.superseded_text(language) or None,
            decision_label(x.suggested, language) if x.suggested is not None else None,
        )
        for x in report.lines
    )
    return Table(rl("sheet.detail", language), columns, rows)


def _naive(moment: datetime | None) -> datetime | None:
    """Spreadsheets hold no time zone: local wall-clock time."""
    if moment is None:
        return None
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def write_review_xlsx(
    report: ReviewReport, agency: Agency, path: Path, generated_at: datetime
) -> Path:
    """The workbook: the summary under the letterhead, then every decision."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    language = report.language
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = rl("sheet.summary", language)
    head: list[tuple[str, Font]] = [
        (agency.government.upper(), Font(bold=True, size=12)),
        (agency.name.upper(), Font(bold=True, size=14)),
        *[(line, Font(size=9)) for line in agency.letterhead],
        ("", Font()),
        (rl("title", language), Font(bold=True, size=12, underline="single")),
        (report.span, Font(size=10)),
        ("", Font()),
    ]
    for text, font in head:
        sheet.append([xlsx_value(text)])
        cell = sheet.cell(row=sheet.max_row, column=1)
        cell.font = font
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=4
        )
        cell.alignment = Alignment(horizontal="center")
    facts: list[tuple[str, str | int | Decimal]] = [
        (rl("scope", language), report.scope),
        (rl("reviewers", language), report.reviewer_names()),
        (rl("count", language), report.count_text() if report.skipped else report.decided),
        (rl("contracts", language), report.contract_count),
        (rl("value", language), report.total_value),
    ]
    for key, value in facts:
        sheet.append([xlsx_value(key), xlsx_value(value)])
        if isinstance(value, Decimal):
            sheet.cell(row=sheet.max_row, column=2).number_format = '"Rp"#,##0'
    sheet.append([])
    header = [rl(k, language) for k in ("col.decision", "col.count", "col.contracts", "col.value")]
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for kind, count, contracts, value in report.by_kind():
        sheet.append([decision_label(kind, language), count, contracts, value])
        sheet.cell(row=sheet.max_row, column=4).number_format = '"Rp"#,##0'
    sheet.append(
        [
            rl("total_distinct", language),
            report.count_text() if report.skipped else report.decided,
            report.contract_count,
            report.total_value,
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.cell(row=sheet.max_row, column=4).number_format = '"Rp"#,##0'
    if report.contract_count < len(report.lines):
        sheet.append([xlsx_value(rl("total_note", language))])
    sheet.append([])
    sheet.append([xlsx_value(f"{agency.place}, {long_date(generated_at.date(), language)}")])
    sheet.append([xlsx_value(agency.signer_title)])
    sheet.append([])
    sheet.append([])
    sheet.append([xlsx_value(agency.signer_name or "(.................................)")])
    for column, width in zip("ABCD", (34, 22, 12, 22), strict=True):
        sheet.column_dimensions[column].width = width
    add_table_sheet(workbook, detail_table(report))
    workbook.save(path)
    return path


def default_span(decisions: Sequence[ReviewDecisionRecord], today: date) -> tuple[date, date]:
    """From the first decision to today (today alone when there is none)."""
    first = min((d.decided_on for d in decisions), default=today)
    return first, today
