"""Export a register as the person sees it: a small dialog asking where and in which format.

The dialog owns only the question and the worker; what gets written is decided by the
screen that opened it (``export`` is a callable that runs in a thread and returns the
number of rows written, usually ``rekanan.io.export.registers.export_suppliers`` or
``export_contracts`` with the screen's current query). A path that cannot be written is
said next to the path field and what was typed stays.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static

from rekanan.screens.export_folder import documents_folder, last_folder, remember_folder
from rekanan.screens.register_support import HOLD_KEYS, HOLD_TEXT, N_, language, run_db, tr
from rekanan.widgets.form import ChoiceButton

FORMATS = ("xlsx", "csv")

Export = Callable[[Path, str, str], int]
"""``export(path, fmt, decimal)`` writes the file (in a worker) and returns the row count."""


def default_path(stem: str, fmt: str, day: date, folder: Path | None = None) -> Path:
    """``<folder>/<stem>-YYYY-MM-DD.<fmt>``; the folder is the person's documents folder,
    not the one the program was started from (F23)."""
    return (folder or documents_folder()) / f"{stem}-{day.isoformat()}.{fmt}"


def with_format(path_text: str, fmt: str) -> str:
    """The path with its extension matching the chosen format (other names left as typed)."""
    stripped = path_text.strip()
    root, ext = os.path.splitext(stripped)
    if ext.lower().lstrip(".") in FORMATS:
        return f"{root}.{fmt}"
    return stripped


def check_path(path_text: str) -> tuple[Path | None, str | None]:
    """The path to write, or an Indonesian sentence saying why it cannot be used."""
    stripped = path_text.strip()
    if not stripped:
        return None, N_("Tulis nama berkas tujuan, misalnya rekanan.xlsx.")
    path = Path(stripped).expanduser()
    if path.is_dir():
        return None, N_("{path} adalah folder; tambahkan nama berkas di ujungnya.")
    parent = path.parent if str(path.parent) else Path.cwd()
    if not parent.is_dir():
        return None, N_("Folder {folder} tidak ada; buat dulu atau pilih folder lain.")
    if not os.access(parent, os.W_OK):
        return None, N_("Folder {folder} tidak boleh ditulisi; pilih folder lain.")
    return path, None


class ExportDialog(ModalScreen[Path | None]):
    """Ask for a path and a format, then export in a worker; dismisses with the path."""

    CSS_PATH = "export_dialog.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Batal"), id="export.cancel"),
        Binding("ctrl+s", "export", N_("Ekspor"), id="export.run", priority=True),
        Binding(HOLD_KEYS, "hold", HOLD_TEXT, show=False),
    ]

    def __init__(self, title: str, stem: str, export: Export, *, day: date) -> None:
        super().__init__()
        self.title_text = title
        self.stem = stem
        self.export = export
        self.day = day
        self.busy = False
        self.overwrite: Path | None = None
        """The existing file the person was told about; a second Ctrl+S replaces it (F44)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Text(self.title_text, style="bold"), id="export-title")
            yield Label(tr(self, "Simpan ke berkas"))
            yield Input(
                str(default_path(self.stem, "xlsx", self.day, last_folder(self.app))),
                id="export-path",
            )
            yield Static("", id="export-message")
            yield Label(tr(self, "Format"))
            with RadioSet(id="export-format"):
                yield ChoiceButton(
                    tr(self, "XLSX (Excel, LibreOffice)"), value=True, id="format-xlsx"
                )
                yield ChoiceButton(tr(self, "CSV (teks dipisah titik koma)"), id="format-csv")
            with Horizontal(id="export-buttons"):
                yield Button(tr(self, "Ekspor"), variant="primary", id="export-run")
                yield Button(tr(self, "Batal"), id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @property
    def fmt(self) -> str:
        """The chosen format: ``xlsx`` or ``csv``."""
        pressed = self.query_one(RadioSet).pressed_button
        return "csv" if pressed is not None and pressed.id == "format-csv" else "xlsx"

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        field = self.query_one("#export-path", Input)
        field.value = with_format(field.value, self.fmt)

    def _say(self, sentence: str, level: str = "error") -> None:
        message = self.query_one("#export-message", Static)
        message.set_class(level == "error", "-error")
        message.update(Text(sentence))

    @on(Input.Submitted, "#export-path")
    def _submitted(self) -> None:
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-run":
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
        typed = self.query_one("#export-path", Input).value
        path, problem = check_path(typed)
        if path is None:
            shown = Path(typed.strip()).expanduser()
            self._say(tr(self, problem or "", path=shown, folder=shown.parent))
            self.query_one("#export-path", Input).focus()
            return
        if path.exists() and path != self.overwrite:
            self.overwrite = path
            self._say(
                tr(
                    self,
                    "Berkas {path} sudah ada. Ctrl+S sekali lagi menimpanya; atau ubah namanya.",
                    path=path,
                ),
                "warning",
            )
            self.query_one("#export-path", Input).focus()
            return
        remember_folder(self.app, path.parent)
        self.busy = True
        self._say(tr(self, "Mengekspor…"), "info")
        fmt, export = self.fmt, self.export
        decimal = "comma" if language(self) == "id" else "dot"

        def work() -> int:
            return export(path, fmt, decimal)

        def done(count: int) -> None:
            self.busy = False
            self.app.notify(
                tr(self, "{n} baris diekspor ke {path}.", n=count, path=path),
                timeout=6,
                markup=False,
            )
            self.dismiss(path)

        def failed(error: BaseException) -> bool:
            self.busy = False
            if isinstance(error, OSError):
                reason = error.strerror or str(error)
                self._say(
                    tr(
                        self,
                        "Berkas {path} tidak dapat ditulis ({reason}). Tutup berkas itu bila "
                        "sedang dibuka program lain, atau pilih nama lain.",
                        path=path,
                        reason=reason,
                    )
                )
                return True
            self._say(str(error))
            return True

        run_db(self, work, done, group="export", failed=failed)
