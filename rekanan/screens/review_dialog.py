"""The note (and date) a decision needs: terminate, renegotiate, defer.

Opened by a single decision key; Ctrl+S or Enter on the last field records it, Esc goes
back to the page with nothing recorded. A missing note or a wrong date is said next to the
field and nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Static

from rekanan.i18n import N_
from rekanan.models.enums import ReviewDecisionKind
from rekanan.screens.register_support import tr
from rekanan.screens.review_page import decision_label
from rekanan.screens.snooze import parse_until
from rekanan.widgets.form import FieldError

TERMINATION_NOTICE_DAYS = 14
"""Sample contract clauses give at least 14 days' written notice (DOMAIN.md 3.3)."""
DEFER_DAYS = 30

PROMPTS = {
    ReviewDecisionKind.TERMINATE: N_("Alasan pemutusan (dicatat di kontrak)"),
    ReviewDecisionKind.RENEGOTIATE: N_(
        "Apa yang dinegosiasikan ulang (target SLA, nilai, denda, masa, ...)"
    ),
    ReviewDecisionKind.DEFER: N_("Alasan penundaan"),
}


@dataclass(frozen=True, slots=True)
class DialogResult:
    """What the reviewer typed."""

    notes: str
    when: date | None = None
    fault: bool = False


class DecisionDialog(ModalScreen[DialogResult | None]):
    """Ask for the note and, for terminate and defer, the date (and the supplier's fault)."""

    DEFAULT_CSS = """
    DecisionDialog { align: center middle; background: $background 60%; }
    #decision-box {
        width: 84; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    #decision-title { text-style: bold; margin-bottom: 1; }
    .decision-error { color: $error; height: auto; }
    #decision-help { color: $text-muted; margin-top: 1; }
    """
    HELP = N_(
        "Isi catatan keputusan (wajib untuk putus, negosiasi ulang dan tunda). Ctrl+S atau "
        "Enter menyimpan, Esc kembali tanpa mencatat."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Simpan"), id="review.dialog.save", priority=True),
        Binding("escape", "cancel", N_("Batal"), id="review.dialog.cancel"),
    ]

    def __init__(
        self,
        decision: ReviewDecisionKind,
        contract_number: str,
        today: date,
        *,
        fault_default: bool = False,
    ) -> None:
        super().__init__()
        self.decision = decision
        self.contract_number = contract_number
        self.today = today
        self.fault_default = fault_default

    @property
    def needs_date(self) -> bool:
        return self.decision in (ReviewDecisionKind.TERMINATE, ReviewDecisionKind.DEFER)

    def compose(self) -> ComposeResult:
        with Vertical(id="decision-box"):
            yield Static(
                Text(
                    tr(
                        self,
                        "{decision}: {number}",
                        decision=decision_label(self, self.decision),
                        number=self.contract_number,
                    )
                ),
                id="decision-title",
            )
            if self.needs_date:
                if self.decision == ReviewDecisionKind.TERMINATE:
                    caption = tr(self, "Tanggal pemutusan (tanggal atau jumlah hari)")
                    start = self.today + timedelta(days=TERMINATION_NOTICE_DAYS)
                else:
                    caption = tr(self, "Tunda sampai (tanggal atau jumlah hari)")
                    start = self.today + timedelta(days=DEFER_DAYS)
                yield Label(caption)
                yield Input(start.strftime("%d/%m/%Y"), id="decision-date")
                yield Static("", id="decision-date-error", classes="decision-error")
            if self.decision == ReviewDecisionKind.TERMINATE:
                yield Checkbox(
                    tr(self, "Karena kesalahan rekanan (masuk risiko daftar hitam dan SIKaP)"),
                    self.fault_default,
                    id="decision-fault",
                )
            yield Label(tr(self, PROMPTS.get(self.decision, N_("Catatan"))))
            yield Input(id="decision-notes")
            yield Static("", id="decision-notes-error", classes="decision-error")
            yield Static(
                Text(tr(self, "Ctrl+S atau Enter: simpan · Esc: kembali")), id="decision-help"
            )

    def on_mount(self) -> None:
        self.query_one("#decision-notes", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "decision-date":
            self.query_one("#decision-notes", Input).focus()
            return
        self.action_save()

    def action_save(self) -> None:
        notes = self.query_one("#decision-notes", Input).value.strip()
        notes_error = self.query_one("#decision-notes-error", Static)
        notes_error.update("")
        ok = True
        when = None
        if self.needs_date:
            date_error = self.query_one("#decision-date-error", Static)
            date_error.update("")
            try:
                when = parse_until(self.query_one("#decision-date", Input).value, self.today)
            except FieldError as error:
                date_error.update(Text(error.render(lambda text: tr(self, text))))
                ok = False
            if (
                when is not None
                and self.decision == ReviewDecisionKind.DEFER
                and when <= self.today
            ):
                date_error.update(Text(tr(self, "Tanggal penundaan harus setelah hari ini.")))
                ok = False
        if not notes:
            notes_error.update(Text(tr(self, "Catatan wajib diisi untuk keputusan ini.")))
            ok = False
        if not ok:
            return
        fault = False
        if self.decision == ReviewDecisionKind.TERMINATE:
            fault = self.query_one("#decision-fault", Checkbox).value
        self.dismiss(DialogResult(notes, when, fault))

    def action_cancel(self) -> None:
        self.dismiss(None)
