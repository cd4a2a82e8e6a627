"""Snooze one alert: until a date, with a reason; refused in a sentence next to the field.

The date accepts ``07/03/2026``, ``2026-03-07`` or a number of days (``14``). Nothing typed
is lost when the store refuses: the modal stays open with the sentence under the field.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from rekanan.domain.alert import Alert
from rekanan.i18n import N_
from rekanan.screens.alert_data import SnoozeRefused, snooze_alert
from rekanan.screens.register_support import as_of, db_of, run_db, tr, user_of
from rekanan.widgets.form import FieldError, parse_date

DEFAULT_DAYS = 14


def parse_until(raw: str, today: date) -> date:
    """A date, or a whole number of days from ``today``; ``FieldError`` with a sentence."""
    cleaned = raw.strip()
    if cleaned.isdigit():
        return today + timedelta(days=int(cleaned))
    if not cleaned:
        raise FieldError("Isi tanggal tunda, misalnya 14 (hari) atau 07/03/2026.")
    return parse_date(cleaned)


class SnoozeScreen(ModalScreen[bool]):
    """Dismissed with True once the snooze is stored."""

    DEFAULT_CSS = """
    SnoozeScreen { align: center middle; background: $background 60%; }
    #snooze-box {
        width: 80; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    #snooze-alert { text-style: bold; margin-bottom: 1; }
    .snooze-error { color: $error; height: auto; }
    #snooze-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    #snooze-buttons Button { margin-left: 2; }
    """
    HELP = N_(
        "Menunda peringatan: isi tanggal (atau jumlah hari) dan alasannya. Ctrl+S menyimpan, "
        "Esc membatalkan."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Simpan"), id="snooze.save", priority=True),
        Binding("escape", "cancel", N_("Batal"), id="snooze.cancel"),
    ]

    def __init__(self, alert: Alert) -> None:
        super().__init__()
        self.alert = alert
        self.saving = False

    def compose(self) -> ComposeResult:
        today = as_of(self)
        with Vertical(id="snooze-box"):
            yield Static(Text(self.alert.title), id="snooze-alert")
            yield Label(tr(self, "Tunda sampai (tanggal, atau jumlah hari)"))
            yield Input(
                (today + timedelta(days=DEFAULT_DAYS)).strftime("%d/%m/%Y"), id="snooze-until"
            )
            yield Static("", id="snooze-until-error", classes="snooze-error")
            yield Label(tr(self, "Alasan"))
            yield Input(
                placeholder=tr(self, "misalnya: menunggu surat dari PPK"), id="snooze-reason"
            )
            yield Static("", id="snooze-reason-error", classes="snooze-error")
            with Horizontal(id="snooze-buttons"):
                yield Button(tr(self, "Simpan (Ctrl+S)"), variant="primary", id="snooze-save")
                yield Button(tr(self, "Batal"), id="snooze-cancel")

    def on_mount(self) -> None:
        self.query_one("#snooze-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "snooze-until":
            self.query_one("#snooze-reason", Input).focus()
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "snooze-save":
            self.action_save()
        else:
            self.action_cancel()

    def _problem(self, field: str, sentence: str) -> None:
        self.query_one(f"#snooze-{field}-error", Static).update(Text(sentence))

    def action_save(self) -> None:
        if self.saving:
            return
        self._problem("until", "")
        self._problem("reason", "")
        today = as_of(self)
        raw_until = self.query_one("#snooze-until", Input).value
        reason = self.query_one("#snooze-reason", Input).value.strip()
        try:
            until = parse_until(raw_until, today)
        except FieldError as error:
            self._problem("until", error.render(lambda s: tr(self, s)))
            self.query_one("#snooze-until", Input).focus()
            return
        if until <= today:
            self._problem("until", tr(self, "Tanggal tunda harus sesudah hari ini."))
            self.query_one("#snooze-until", Input).focus()
            return
        if not reason:
            self._problem(
                "reason", tr(self, "Tulis alasan penundaan, misalnya 'menunggu surat PPK'.")
            )
            self.query_one("#snooze-reason", Input).focus()
            return
        self.saving = True
        db, key, user = db_of(self), self.alert.key, user_of(self)
        run_db(
            self,
            lambda: snooze_alert(db, key, until, reason, today, user),
            self._saved,
            group="snooze.save",
            failed=self._failed,
        )

    def _saved(self, _snooze_id: int) -> None:
        self.dismiss(True)

    def _failed(self, error: BaseException) -> bool:
        self.saving = False
        if isinstance(error, SnoozeRefused):
            self._problem("reason", tr(self, str(error)))
            return True
        return False

    def action_cancel(self) -> None:
        self.dismiss(False)
