"""Snooze one alert: until a date, with a reason; refused in a sentence next to the field.

The date accepts ``07/03/2026``, ``2026-03-07`` or a number of days (``14``). Nothing typed
is lost when the store refuses: the modal stays open with the sentence under the field.

The fields are filled in the order of their labels (G10): the cursor starts in the date,
Tab goes on to the reason, then to the buttons. Text typed while a button has the focus
goes into the reason instead of vanishing, and a reason that is only a date or a number
of days (meant for the date field) is questioned under the field, never stored.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from rekanan.domain.alert import Alert
from rekanan.i18n import N_
from rekanan.screens.alert_data import SnoozeRefused, reason_is_a_date, snooze_alert
from rekanan.screens.register_support import (
    HOLD_KEYS,
    HOLD_TEXT,
    as_of,
    db_of,
    run_db,
    tr,
    user_of,
)
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
        Binding(HOLD_KEYS, "hold", HOLD_TEXT, show=False),
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
        # The first field first, as the labels read (G10); its date is selected, so typing
        # "14" replaces it.
        self.query_one("#snooze-until", Input).focus()

    def on_key(self, event: events.Key) -> None:
        """A letter typed while a button has the focus goes on into the reason (G10).

        A button takes no text: without this the words of a reason typed after one Tab too
        many were dropped, or read as the app's keys (``r``, the digits), without a word.
        An ``Input`` keeps the letters it takes, so any printable key that bubbles up here
        passed no field: the first one moves the focus, and those typed fast behind it
        were already queued at the button; all of them belong in the reason.
        """
        if not event.is_printable or event.character is None:
            return
        event.stop()
        event.prevent_default()
        self._to_reason().insert_text_at_cursor(event.character)

    def action_hold(self) -> None:
        """No screen switching under the dialog (see ``HOLD_KEYS``)."""

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
        if reason_is_a_date(reason):
            self._problem(
                "reason",
                tr(
                    self,
                    "Alasan '{reason}' tampak seperti tanggal atau jumlah hari; tulis mengapa "
                    "peringatan ditunda.",
                    reason=reason,
                ),
            )
            self._to_reason()
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

    def _to_reason(self) -> Input:
        """Focus the reason with what it holds kept (not selected), the cursor at its end."""
        field = self.query_one("#snooze-reason", Input)
        selects = field.select_on_focus
        field.select_on_focus = False  # the next letter appends instead of replacing all
        self.set_focus(field)  # now, not after a refresh: the next letters follow this one
        field.call_after_refresh(setattr, field, "select_on_focus", selects)
        field.cursor_position = len(field.value)
        return field

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
