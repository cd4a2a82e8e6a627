"""Export one supplier's scorecard: a dialog asking the period, the format and the folder.

Opened with ``e`` on a supplier's detail or "Ekspor scorecard..." in the palette (F23). The
period starts at the last complete quarter (the running one has no evaluations yet), the
folder at the person's documents folder; what is wrong is said next to the field and
what was typed stays. The file is written in a worker (``scorecard_export``).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static

from rekanan.domain.periods import Period, last_complete_quarter, parse_period
from rekanan.io.export.batch import Format, supplier_filename
from rekanan.screens.export_folder import documents_folder, last_folder, remember_folder
from rekanan.screens.register_support import (
    HOLD_KEYS,
    HOLD_TEXT,
    N_,
    db_of,
    run_db,
    settings_of,
    tr,
)
from rekanan.screens.scorecard_export import export_supplier_scorecard
from rekanan.widgets.form import ChoiceButton

FORMATS: tuple[tuple[str, str], ...] = (
    ("pdf", N_("PDF (untuk dicetak dan ditandatangani)")),
    ("xlsx", N_("XLSX (Excel, LibreOffice)")),
    ("csv", N_("CSV (teks dipisah titik koma)")),
)


def read_period(text: str) -> tuple[Period | None, str | None]:
    """The period typed, or a sentence (a catalogue id) saying how to write one."""
    try:
        return parse_period(text), None
    except ValueError:
        return None, N_(
            "Tulis periode sebagai triwulan (2026-Q3), bulan (2026-09) atau tahun (2026)."
        )


def read_folder(text: str) -> tuple[Path | None, str | None]:
    """The folder to write into, or a sentence (a catalogue id with ``{folder}``)."""
    stripped = text.strip()
    if not stripped:
        return None, N_("Tulis folder tujuan, misalnya {folder}.")
    folder = Path(stripped).expanduser()
    if not folder.is_dir():
        return None, N_("Folder {folder} tidak ada; buat dulu atau pilih folder lain.")
    if not os.access(folder, os.W_OK):
        return None, N_("Folder {folder} tidak boleh ditulisi; pilih folder lain.")
    return folder, None


class ScorecardDialog(ModalScreen[Path | None]):
    """Ask period, format and folder; write the scorecard; dismiss with the file."""

    DEFAULT_CSS = """
    ScorecardDialog { align: center middle; background: $background 60%; }
    #scorecard-box {
        width: 84; height: auto; max-height: 95%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    #scorecard-title { margin-bottom: 1; }
    #scorecard-box Label { color: $text-muted; }
    #scorecard-box .hint { color: $text-muted; height: auto; margin-bottom: 1; }
    #scorecard-box .hint.-error { color: $error; }
    #scorecard-format { width: 100%; margin-bottom: 1; }
    #scorecard-buttons { height: auto; align-horizontal: right; }
    #scorecard-buttons Button { margin-left: 2; }
    """
    HELP = N_(
        "Ekspor kartu kinerja satu rekanan. Isi periode, pilih format dan folder, lalu "
        "Ctrl+S. Esc menutup tanpa menulis apa pun."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Batal"), id="scorecard.cancel"),
        Binding("ctrl+s", "export", N_("Ekspor"), id="scorecard.run", priority=True),
        Binding(HOLD_KEYS, "hold", HOLD_TEXT, show=False),
    ]

    def __init__(self, supplier_id: int, supplier_name: str, *, day: date) -> None:
        super().__init__()
        self.supplier_id = supplier_id
        self.supplier_name = supplier_name
        self.day = day
        self.busy = False
        self.overwrite: Path | None = None
        """The existing file the person was told about; a second Ctrl+S replaces it (F44)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="scorecard-box"):
            yield Static(
                Text(
                    tr(self, "Ekspor kartu kinerja: {name}", name=self.supplier_name),
                    style="bold",
                ),
                id="scorecard-title",
            )
            yield Label(tr(self, "Periode"))
            yield Input(last_complete_quarter(self.day).label, id="scorecard-period")
            yield Static(
                Text(
                    tr(
                        self,
                        "Triwulan (2026-Q3), bulan (2026-09) atau tahun (2026); bawaannya "
                        "triwulan terakhir yang sudah selesai.",
                    )
                ),
                id="scorecard-period-hint",
                classes="hint",
            )
            yield Label(tr(self, "Format"))
            with RadioSet(id="scorecard-format"):
                for index, (fmt, text) in enumerate(FORMATS):
                    yield ChoiceButton(tr(self, text), value=index == 0, id=f"scorecard-{fmt}")
            yield Label(tr(self, "Simpan di folder"))
            yield Input(str(last_folder(self.app)), id="scorecard-folder")
            yield Static("", id="scorecard-folder-hint", classes="hint")
            with Horizontal(id="scorecard-buttons"):
                yield Button(tr(self, "Ekspor"), variant="primary", id="scorecard-run")
                yield Button(tr(self, "Batal"), id="scorecard-cancel")

    def on_mount(self) -> None:
        self.query_one("#scorecard-period", Input).focus()

    @property
    def fmt(self) -> Format:
        """The chosen format."""
        pressed = self.query_one(RadioSet).pressed_button
        chosen = (pressed.id or "").removeprefix("scorecard-") if pressed else "pdf"
        return cast(Format, chosen if chosen in {f for f, _ in FORMATS} else "pdf")

    def _say(self, where: str, sentence: str, error: bool = True) -> None:
        hint = self.query_one(f"#scorecard-{where}-hint", Static)
        hint.set_class(error, "-error")
        hint.update(Text(sentence))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "scorecard-run":
            self.action_export()
        else:
            self.action_cancel()

    def action_hold(self) -> None:
        """No screen switching under the dialog (see ``HOLD_KEYS``)."""

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)

    def action_export(self) -> None:
        if self.busy:
            return
        period_field = self.query_one("#scorecard-period", Input)
        folder_field = self.query_one("#scorecard-folder", Input)
        period, problem = read_period(period_field.value)
        if period is None:
            self._say("period", tr(self, problem or ""))
            period_field.focus()
            return
        folder, problem = read_folder(folder_field.value)
        if folder is None:
            shown = folder_field.value.strip() or str(documents_folder())
            self._say("folder", tr(self, problem or "", folder=shown))
            folder_field.focus()
            return
        target = folder / supplier_filename(period, self.supplier_name, self.supplier_id, self.fmt)
        if target.exists() and target != self.overwrite:
            self.overwrite = target
            self._say(
                "folder",
                tr(
                    self,
                    "Berkas {path} sudah ada. Ctrl+S sekali lagi menimpanya; atau ubah namanya.",
                    path=target,
                ),
            )
            folder_field.focus()
            return
        remember_folder(self.app, folder)
        self.busy = True
        self._say("folder", tr(self, "Menulis kartu kinerja…"), error=False)
        db, settings, supplier_id, day, fmt = (
            db_of(self),
            settings_of(self),
            self.supplier_id,
            self.day,
            self.fmt,
        )

        def work() -> Path:
            return export_supplier_scorecard(db, settings, supplier_id, day, folder, period, fmt)

        def done(path: Path) -> None:
            self.busy = False
            self.app.notify(
                tr(self, "Kartu kinerja {period} ditulis:", period=period.label) + f"\n{path}",
                timeout=10,
                markup=False,
            )
            self.dismiss(path)

        def failed(error: BaseException) -> bool:
            self.busy = False
            if isinstance(error, OSError):
                reason = error.strerror or str(error)
                self._say(
                    "folder",
                    tr(
                        self,
                        "Tidak dapat menulis di {folder} ({reason}); pilih folder lain.",
                        folder=folder,
                        reason=reason,
                    ),
                )
                return True
            self._say("folder", str(error))
            return True

        run_db(self, work, done, group="scorecard-export", failed=failed)
