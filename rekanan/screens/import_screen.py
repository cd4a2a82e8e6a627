"""Bring a spreadsheet or an SPSE export in from the app: path, kind, preview, confirm, report.

The screen is thin: ``rekanan.io.importing.run_import`` does everything in a thread worker.
"Pratinjau" runs a dry run (the whole import inside a transaction that is rolled back, so
what it shows is exactly what a real run would do); "Impor" asks for confirmation with the
counts of that preview, then runs the real import in one transaction. A progress bar follows
the worker, and the report (counts, then every row with its outcome and sentence) stays on
screen and can be saved as XLSX or CSV.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, ProgressBar, Select, Static

from rekanan.io.importing import KINDS, ImportOptions, ImportReport, Outcome, run_import
from rekanan.io.importing.report import RowResult, outcome_label, write_report
from rekanan.screens.confirm import ConfirmScreen
from rekanan.screens.register_support import (
    N_,
    db_of,
    language,
    run_db,
    settings_of,
    tr,
    user_of,
    writable,
)

SHOWN_ROWS = 2000
"""Rows of the report put in the table (the saved report has them all)."""

AUTO = "otomatis"

COLUMNS = (N_("Baris"), N_("Hasil"), N_("Kunci"), N_("Kolom"), N_("Keterangan"), N_("Tanda"))

WIDTHS = {"Baris": 5, "Hasil": 13, "Kunci": 24, "Kolom": 14, "Tanda": 18}
"""Widest cell of each column; Keterangan takes the rest of the screen's width. A longer
text ends with an ellipsis, and the line under the table shows the highlighted row whole."""

KIND_TITLES: dict[str, str] = {
    AUTO: N_("Tebak dari judul kolom"),
    "rekanan": N_("Rekanan"),
    "layanan": N_("Layanan"),
    "sla": N_("SLA"),
    "kontrak": N_("Kontrak (templat)"),
    "penilaian": N_("Penilaian kinerja"),
    "insiden": N_("Insiden"),
    "sp": N_("Surat peringatan"),
    "denda": N_("Denda"),
    "sanksi": N_("Sanksi"),
    "lkpp": N_("SPSE e-Kontrak (LKPP)"),
}


class ImportScreen(Screen[None]):
    """Import a file: preview with a dry run, confirm, import, read the report."""

    DEFAULT_CSS = """
    ImportScreen #import-form { height: auto; padding: 0 1; }
    ImportScreen .import-row { height: auto; }
    ImportScreen .import-row Label { width: 10; padding: 1 0 0 0; color: $text-muted; }
    ImportScreen #import-path { width: 1fr; }
    ImportScreen #import-kind { width: 40; }
    ImportScreen #import-satker { width: 1fr; }
    ImportScreen #import-buttons { height: auto; padding: 0 0 0 10; }
    ImportScreen #import-buttons Button { margin-right: 2; }
    ImportScreen #import-progress { padding: 0 0 0 10; height: 1; }
    ImportScreen #import-summary-box { height: auto; max-height: 25%; }
    ImportScreen #import-summary { height: auto; padding: 0 1; }
    ImportScreen #import-summary.-error { color: $error; }
    ImportScreen #import-rows { height: 1fr; }
    ImportScreen #import-detail { height: auto; max-height: 8; padding: 0 1; }
    ImportScreen #import-detail.-empty { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "preview", N_("Pratinjau"), id="import.preview"),
        Binding("ctrl+s", "run_import", N_("Impor"), id="import.run", priority=True),
        Binding("ctrl+r", "save_report", N_("Simpan laporan"), id="import.report"),
        Binding("escape", "close", N_("Kembali"), id="import.close"),
    ]

    def __init__(self, path: str = "", kind: str | None = None) -> None:
        super().__init__()
        self.initial_path = path
        self.initial_kind = kind if kind in KINDS else AUTO
        self.report: ImportReport | None = None
        self.previewed: tuple[str, str, str] | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Static(Text(tr(self, "Impor data"), style="bold"), classes="screen-title")
        with Vertical(id="import-form"):
            with Horizontal(classes="import-row"):
                yield Label(tr(self, "Berkas"))
                yield Input(
                    self.initial_path,
                    placeholder=tr(self, "kontrak.xlsx, rekanan.csv atau ekspor SPSE .json/.csv"),
                    id="import-path",
                )
            with Horizontal(classes="import-row"):
                yield Label(tr(self, "Jenis"))
                yield Select(
                    [(tr(self, title), name) for name, title in KIND_TITLES.items()],
                    value=self.initial_kind,
                    allow_blank=False,
                    id="import-kind",
                )
                yield Label(tr(self, "Satker"))
                yield Input(
                    placeholder=tr(self, "bagian nama satker (SPSE); beberapa dipisah ;"),
                    id="import-satker",
                )
            with Horizontal(id="import-buttons"):
                yield Button(tr(self, "Pratinjau (F5)"), variant="primary", id="import-preview")
                yield Button(tr(self, "Impor (Ctrl+S)"), id="import-run", disabled=True)
                yield Button(tr(self, "Simpan laporan"), id="import-save", disabled=True)
            progress = ProgressBar(id="import-progress", show_eta=False)
            progress.display = False  # nothing to show (nor animate) before a run starts
            yield progress
        # the summary scrolls when the warnings about a file fill it: the table stays in view
        with VerticalScroll(id="import-summary-box"):
            yield Static(
                Text(tr(self, "Pilih berkas dan jenisnya, lalu tekan F5 untuk pratinjau.")),
                id="import-summary",
            )
        table: DataTable[Any] = DataTable(id="import-rows", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="import-detail", classes="-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#import-rows", DataTable)
        for label in COLUMNS:
            table.add_column(tr(self, label), key=label)
        self.query_one("#import-path", Input).focus()

    # -- inputs --------------------------------------------------------------------

    def _inputs(self) -> tuple[str, str, str]:
        path = self.query_one("#import-path", Input).value.strip()
        kind = self.query_one("#import-kind", Select).value
        satker = self.query_one("#import-satker", Input).value.strip()
        return path, str(kind) if isinstance(kind, str) else AUTO, satker

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self.previewed is not None and self._inputs() != self.previewed:
            self.previewed = None
            self.query_one("#import-run", Button).disabled = True

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_preview()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "import-preview": self.action_preview,
            "import-run": self.action_run_import,
            "import-save": self.action_save_report,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def _say(self, sentence: str, *, error: bool = False) -> None:
        summary = self.query_one("#import-summary", Static)
        summary.set_class(error, "-error")
        summary.update(Text(sentence))

    # -- running -------------------------------------------------------------------

    def _progress(self, stage: str, done: int, total: int) -> None:
        """Called from the worker thread."""
        bar = self.query_one("#import-progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

    def _start(self, *, dry_run: bool) -> None:
        path_text, kind, satker = self._inputs()
        if not path_text:
            self._say(tr(self, "Tulis lokasi berkas yang akan diimpor."), error=True)
            self.query_one("#import-path", Input).focus()
            return
        path = Path(path_text).expanduser()
        db = db_of(self)
        options = ImportOptions(
            dry_run=dry_run,
            satker=[part for part in satker.split(";") if part.strip()] or None,
            user=user_of(self) or None,
            progress=self._progress,
            agency=settings_of(self).agency,  # rows of other KLPD or satker are named
        )
        self.busy = True
        bar = self.query_one("#import-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self._say(tr(self, "Memeriksa berkas…") if dry_run else tr(self, "Mengimpor…"))
        inputs = (path_text, kind, satker)

        def work() -> ImportReport:
            return run_import(db, None if kind == AUTO else kind, path, options)

        def done(report: ImportReport) -> None:
            self.busy = False
            self._show(report)
            if dry_run:
                self.previewed = inputs
                self.query_one("#import-run", Button).disabled = not writable(self)
            else:
                self.previewed = None
                self.query_one("#import-run", Button).disabled = True
                self.app.notify(report.summary(language(self)), timeout=8, markup=False)

        def failed(error: BaseException) -> bool:
            self.busy = False
            self.query_one("#import-progress", ProgressBar).display = False
            self._clear()
            self._say(str(error), error=True)
            return True

        run_db(self, work, done, group="import", failed=failed)

    def _clear(self) -> None:
        """Forget the last report: its rows must not stand under another file's error."""
        self.report = None
        self.previewed = None
        self.query_one("#import-rows", DataTable).clear()
        self._detail(None)
        self.query_one("#import-run", Button).disabled = True
        self.query_one("#import-save", Button).disabled = True

    def _show(self, report: ImportReport) -> None:
        self.report = report
        lang = language(self)
        self._say("\n".join(report.summary_lines(lang)[:16]))
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(len(report.rows), 1), progress=max(len(report.rows), 1))
        table = self.query_one("#import-rows", DataTable)
        table.clear()
        shown = report.rows[:SHOWN_ROWS]
        rows = [
            {
                "Baris": str(result.row),
                "Hasil": outcome_label(result.outcome, lang),
                "Kunci": result.key,
                "Kolom": result.column or "",
                "Keterangan": result.explanation,
                "Tanda": " ".join(result.flags),
            }
            for result in shown
        ]
        # each column as wide as its longest cell (up to its limit); Keterangan the rest
        widths = {
            c: min(limit, max([len(tr(self, c)), *(len(r[c]) for r in rows)]))
            for c, limit in WIDTHS.items()
        }
        room = self.size.width - 2 * len(COLUMNS) - 2
        # on a narrow screen the key, column and flag cells give way first (down to 8)
        while room - sum(widths.values()) < 24:
            widest = max(("Kunci", "Kolom", "Tanda"), key=lambda c: widths[c])
            if widths[widest] <= 8:
                break
            widths[widest] -= 1
        widths["Keterangan"] = max(24, room - sum(widths.values()))
        for index, (result, cells) in enumerate(zip(shown, rows, strict=True)):
            style = "red" if result.outcome is Outcome.REJECTED else ""
            table.add_row(
                *(
                    Text(_cut(cells[c], widths[c]), style=style if c == "Hasil" else "")
                    for c in COLUMNS
                ),
                key=str(index),
            )
        self._detail(report.rows[0] if report.rows else None)
        self.query_one("#import-save", Button).disabled = False

    @on(DataTable.RowHighlighted, "#import-rows")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        report = self.report
        key = event.row_key.value if event.row_key is not None else None
        if report is None or key is None or not key.isdigit() or int(key) >= len(report.rows):
            return
        self._detail(report.rows[int(key)])

    def _detail(self, result: RowResult | None) -> None:
        """The highlighted row in full, wrapped: what was done, every sentence and flag."""
        detail = self.query_one("#import-detail", Static)
        detail.set_class(result is None, "-empty")
        if result is None or self.report is None:
            detail.update("")
            return
        lang = language(self)
        head = f"{tr(self, 'Baris')} {result.row}"
        if result.key:
            head += f" [{result.key}]"
        head += f" · {outcome_label(result.outcome, lang)}"
        if result.column:
            head += " · " + tr(self, "kolom {column}", column=result.column)
        text = Text(head, style="bold")
        if result.explanation:
            text.append("\n" + result.explanation, style="")
        for flag in result.flags:
            text.append("\n" + tr(self, "Tanda: {flag}", flag=flag), style="yellow")
        detail.update(text)

    # -- actions -------------------------------------------------------------------

    def action_preview(self) -> None:
        if not self.busy:
            self._start(dry_run=True)

    def action_run_import(self) -> None:
        if self.busy:
            return
        if not writable(self):
            self._say(
                tr(self, "Basis data dibuka hanya-baca; impor tidak dapat ditulis."), error=True
            )
            return
        if self.previewed is None or self.report is None or self._inputs() != self.previewed:
            self._say(tr(self, "Tekan F5 untuk pratinjau dulu; impor ditulis setelah itu."))
            return
        counts = self.report.counts
        question = tr(
            self,
            "Impor {new} baris baru dan {updated} perubahan? {rejected} baris ditolak dan "
            "tidak ditulis.",
            new=counts[Outcome.NEW],
            updated=counts[Outcome.UPDATED],
            rejected=counts[Outcome.REJECTED],
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._start(dry_run=False)

        # another agency's rows, or a flood of alerts: said again, and "No" has the focus
        origins = self.report.origins
        warning = origins.warning(language(self), app=True) if origins is not None else None
        forecast = self.report.forecast
        detail = [warning] if warning else []
        detail += forecast.lines(language(self)) if forecast is not None else []
        self.app.push_screen(
            ConfirmScreen(question, detail="\n".join(detail), danger=bool(warning)), answered
        )

    def action_save_report(self) -> None:
        report = self.report
        if report is None or self.busy:
            return
        source = Path(report.path)
        target = source.with_name(f"{source.stem}-laporan-impor.xlsx")

        def work() -> Path:
            return write_report(report, target)

        def done(path: Path) -> None:
            self.app.notify(tr(self, "Laporan disimpan di {path}.", path=path), markup=False)

        run_db(self, work, done, group="import-report")

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(None)


def _cut(text: str, width: int) -> str:
    """``text`` on one line, ending with an ellipsis when longer than ``width``."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: max(width - 1, 0)].rstrip() + "…"
