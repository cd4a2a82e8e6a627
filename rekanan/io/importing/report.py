"""What an import did with every row: outcomes, counts that add up, and the report file.

Each row read ends in exactly one outcome (new, updated, unchanged, rejected, skipped), so
the counts always add up to the rows read. A rejected row names its column and says why in
a sentence; a taken row may carry flags (incomplete data a person should complete) and notes
(a supplier matched by name, for a person to confirm). The report is written as CSV or XLSX
through the export layer, so text cells are neutralised against formula injection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from rekanan.io.export.tables import Column, Kind, Table, save_workbook, write_table_csv

if TYPE_CHECKING:
    from rekanan.io.importing.effects import AlertForecast
    from rekanan.io.importing.origin import Origins


class Outcome(StrEnum):
    """What happened to one row."""

    NEW = "baru"
    UPDATED = "diperbarui"
    UNCHANGED = "tidak_berubah"
    REJECTED = "ditolak"
    SKIPPED = "dilewati"


OUTCOME_LABELS: dict[Outcome, tuple[str, str]] = {
    Outcome.NEW: ("baru", "new"),
    Outcome.UPDATED: ("diperbarui", "updated"),
    Outcome.UNCHANGED: ("tidak berubah", "unchanged"),
    Outcome.REJECTED: ("ditolak", "rejected"),
    Outcome.SKIPPED: ("dilewati", "skipped"),
}


def outcome_label(outcome: Outcome, language: str = "id") -> str:
    """An outcome as a person reads it."""
    return OUTCOME_LABELS[outcome][1 if language == "en" else 0]


@dataclass(slots=True)
class RowResult:
    """One row of the file and what the import did with it."""

    row: int
    outcome: Outcome
    key: str = ""
    column: str | None = None
    message: str = ""
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    supplier: str = ""
    """The supplier the row is linked to (``rekanan 'X' (dibuat di baris 2)``), when no
    note names it; the engine turns it into the row's sentence."""

    @property
    def explanation(self) -> str:
        """Everything said about the row, in one line."""
        return " ".join(part for part in (self.message, *self.notes) if part)


@dataclass(slots=True)
class ImportReport:
    """The result of one import (or dry run) of one file."""

    kind: str
    path: str
    dry_run: bool
    row_label: str = "baris"
    rows: list[RowResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    committed: bool = False
    new_suppliers: list[str] = field(default_factory=list)
    seconds: float = 0.0
    origins: Origins | None = None
    """The KLPD and satker the file holds, against the agency's own (SPSE files)."""
    forecast: AlertForecast | None = None
    """The alerts the new contracts will raise."""

    def origin_lines(self, language: str = "id", *, app: bool = False) -> list[str]:
        """Whose rows these are, a warning when they are not the agency's, and what the
        import will do to the alerts: the lines a person must read before importing."""
        lines: list[str] = []
        if self.origins is not None:
            warning = self.origins.warning(language, app=app, done=self.committed)
            if warning:
                lines.append(warning)
            lines += self.origins.census_lines(language)
        if self.forecast is not None:
            lines += self.forecast.lines(language)
        return lines

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rows if r.outcome is outcome)

    @property
    def counts(self) -> dict[Outcome, int]:
        """Rows per outcome; they add up to ``len(rows)``."""
        totals = dict.fromkeys(Outcome, 0)
        for result in self.rows:
            totals[result.outcome] += 1
        return totals

    @property
    def flagged(self) -> list[RowResult]:
        return [r for r in self.rows if r.flags and r.outcome is not Outcome.REJECTED]

    @property
    def to_confirm(self) -> list[RowResult]:
        """Rows whose supplier was matched by name only: a person should confirm them."""
        return [r for r in self.rows if any("menurut nama" in n for n in r.notes)]

    def summary(self, language: str = "id") -> str:
        """One line with every count, e.g. ``52 baris: 51 baru, 1 ditolak``."""
        counts = self.counts
        parts = [f"{n} {outcome_label(o, language)}" for o, n in counts.items() if n]
        total = len(self.rows)
        unit = (
            self.row_label if language != "en" else _ENGLISH_UNITS.get(self.row_label, "row") + "s"
        )
        head = f"{total} {unit}"
        if not parts:
            return head
        return f"{head}: " + ", ".join(parts)

    def headline(self, language: str = "id") -> str:
        """``path (kind): counts. What was written (time).``"""
        return self.text_lines(language, first=0)[0]

    def summary_lines(self, language: str = "id") -> list[str]:
        """The report above a table that lists the rows: counts and notes, no row headings.

        The in-app screen shows every row in its table, so headings with rows under them
        ("Baru (2):") would stand empty; the rows to confirm and the flagged rows are
        counted in a sentence instead.
        """
        en = language == "en"
        lines = [self.headline(language), *self.origin_lines(language, app=True), *self.notes]
        if self.new_suppliers:
            label = "new suppliers" if en else "rekanan baru"
            lines.append(f"{len(self.new_suppliers)} {label}.")
        confirm, flagged = len(self.to_confirm), len(self.flagged)
        if confirm:
            lines.append(
                f"{confirm} {'row' if confirm == 1 else 'rows'}: supplier matched by name, "
                "to confirm (see Explanation)."
                if en
                else f"{confirm} baris: rekanan cocok menurut nama, mohon dipastikan "
                "(lihat Keterangan)."
            )
        if flagged:
            lines.append(
                f"{flagged} {'row' if flagged == 1 else 'rows'} flagged for a person (see Flags)."
                if en
                else f"{flagged} baris ditandai untuk diperiksa (lihat Tanda)."
            )
        return lines

    def text_lines(self, language: str = "id", first: int = 5) -> list[str]:
        """The report for a terminal: counts, then the first rows of each outcome."""
        en = language == "en"
        if self.dry_run:
            status = "Dry run: nothing was written." if en else "Uji coba: tidak ada yang ditulis."
        elif self.committed:
            status = "Written in one transaction." if en else "Ditulis dalam satu transaksi."
        else:
            status = "Nothing was written." if en else "Tidak ada yang ditulis."
        seconds = f"{self.seconds:.1f}"
        took = f" ({seconds} s)" if en else f" ({seconds.replace('.', ',')} detik)"
        took = took if self.seconds >= 0.05 else ""
        lines = [f"{self.path} ({self.kind}): {self.summary(language)}. {status}{took}"]
        row_label = _ENGLISH_UNITS.get(self.row_label, self.row_label) if en else self.row_label
        lines += [f"  {line}" for line in self.origin_lines(language)]
        lines += [f"  {note}" for note in self.notes]
        if self.new_suppliers:
            label = "new suppliers" if en else "rekanan baru"
            lines.append(f"  {len(self.new_suppliers)} {label}.")
        for outcome in Outcome:
            chosen = [r for r in self.rows if r.outcome is outcome]
            if not chosen:
                continue
            lines.append(f"{outcome_label(outcome, language).capitalize()} ({len(chosen)}):")
            for result in chosen[:first]:
                lines.append("  " + _row_line(result, row_label, en))
            if len(chosen) > first:
                more = "more" if en else "lainnya"
                lines.append(f"  ... {len(chosen) - first} {more}")
        confirm = self.to_confirm
        if confirm:
            label = "Supplier matched by name, to confirm" if en else "Rekanan cocok menurut nama"
            lines.append(f"{label} ({len(confirm)}):")
            for result in confirm[:first]:
                lines.append("  " + _row_line(result, row_label, en))
        flagged = self.flagged
        if flagged:
            label = "Flagged for a person" if en else "Ditandai untuk diperiksa"
            lines.append(f"{label} ({len(flagged)}):")
            for result in flagged[:first]:
                lines.append(f"  {row_label} {result.row}: {' '.join(result.flags)}")
            if len(flagged) > first:
                lines.append(f"  ... {len(flagged) - first} {'more' if en else 'lainnya'}")
        return lines


_ENGLISH_UNITS = {"baris": "row", "rekaman": "record"}


def _row_line(result: RowResult, row_label: str, en: bool = False) -> str:
    where = f"{row_label} {result.row}"
    if result.column:
        where += f", {'column' if en else 'kolom'} {result.column}"
    key = f" [{result.key}]" if result.key else ""
    text = result.explanation
    return f"{where}{key}" + (f": {text}" if text else "")


REPORT_HEADERS = ("Baris", "Hasil", "Kunci", "Kolom", "Keterangan", "Tanda")


def report_table(report: ImportReport) -> Table:
    """Every row of the file and what was done with it, as an export table."""
    columns = (
        Column("Baris", Kind.INT),
        Column("Hasil"),
        Column("Kunci"),
        Column("Kolom"),
        Column("Keterangan"),
        Column("Tanda"),
    )
    rows = tuple(
        (
            r.row,
            outcome_label(r.outcome),
            r.key,
            r.column or "",
            r.explanation,
            " ".join(r.flags),
        )
        for r in report.rows
    )
    return Table("Laporan impor", columns, rows)


def summary_table(report: ImportReport) -> Table:
    """Counts per outcome and notes about the file, for the XLSX report's first sheet."""
    rows: list[tuple[str | int, ...]] = [
        ("Berkas", report.path),
        ("Jenis", report.kind),
        ("Uji coba", "ya" if report.dry_run else "tidak"),
        ("Ditulis", "ya" if report.committed else "tidak"),
        ("Baris dibaca", len(report.rows)),
    ]
    rows += [(outcome_label(o).capitalize(), n) for o, n in report.counts.items()]
    rows += [("Ditandai", len(report.flagged)), ("Rekanan baru", len(report.new_suppliers))]
    if report.origins is not None:
        warning = report.origins.warning(done=report.committed)
        rows += [("Asal data", line) for line in ([warning] if warning else [])]
        rows += [("Asal data", line) for line in report.origins.census_lines()]
    if report.forecast is not None:
        rows += [("Peringatan", line) for line in report.forecast.lines()]
    rows += [("Catatan", note) for note in report.notes]
    return Table(
        "Ringkasan",
        (Column("Perihal"), Column("Nilai")),
        tuple((str(a), b if isinstance(b, int) else str(b)) for a, b in rows),
    )


def write_report(report: ImportReport, path: Path) -> Path:
    """Write the report as ``.xlsx`` (summary and rows) or CSV (rows), by the extension."""
    if path.suffix.lower() == ".xlsx":
        return save_workbook([summary_table(report), report_table(report)], path)
    write_table_csv(report_table(report), path)
    return path
