"""The note (and date) a decision needs: terminate, renegotiate, defer.

Opened by a single decision key; Ctrl+S or Enter records it, Esc goes back to the page
with nothing recorded. A deferral defaults to the day before the contract's next deadline
when that comes sooner than 30 days, and one past a deadline is said and saved only when
confirmed (F33). A missing note or a wrong date is said next to the
field and nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
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

from rekanan.domain import formatting
from rekanan.i18n import N_
from rekanan.models.enums import ReviewDecisionKind
from rekanan.screens.register_support import language, tr
from rekanan.screens.review_page import decision_label
from rekanan.screens.snooze import parse_until
from rekanan.widgets.form import FieldError

TERMINATION_NOTICE_DAYS = 14
"""Sample contract clauses give at least 14 days' written notice (DOMAIN.md 3.3)."""
DEFER_DAYS = 30

DEADLINE_WORDS = {
    "decision": N_("batas keputusan perpanjangan"),
    "notice": N_("batas pemberitahuan"),
    "end": N_("kontrak berakhir"),
}
"""How a deadline the deferral would hide is named in the dialog."""

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
    .decision-warning { color: $warning; height: auto; }
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
        deadlines: Sequence[tuple[str, date]] = (),
    ) -> None:
        super().__init__()
        self.decision = decision
        self.contract_number = contract_number
        self.today = today
        self.fault_default = fault_default
        self.deadlines = sorted(deadlines, key=lambda d: d[1])  # ("decision"|"notice"|"end", day)
        self.confirmed: date | None = None  # a date past a deadline, saved once more to confirm

    def default_defer(self) -> date:
        """Thirty days on, but not past the contract's next deadline still ahead: the day
        before it (so the alert is back in time), at least tomorrow (F33)."""
        start = self.today + timedelta(days=DEFER_DAYS)
        ahead = [day for _, day in self.deadlines if day > self.today]
        if ahead:
            start = min(start, ahead[0] - timedelta(days=1))
        return max(start, self.today + timedelta(days=1))

    def crossed(self, when: date) -> tuple[str, date] | None:
        """The first deadline of the contract a deferral until ``when`` would hide."""
        return next(((kind, day) for kind, day in self.deadlines if day < when), None)

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
                    start = self.default_defer()
                yield Label(caption)
                yield Input(start.strftime("%d/%m/%Y"), id="decision-date")
                yield Static("", id="decision-date-error", classes="decision-error")
                yield Static("", id="decision-date-warning", classes="decision-warning")
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
        """Enter saves from either field, as the help line says (F33); an empty note is
        said under it and gets the focus."""
        event.stop()
        self.action_save()

    @on(Input.Changed, "#decision-date")
    def _date_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.confirmed = None
        self._warn(None)

    def _warn(self, crossed: tuple[str, date] | None) -> None:
        """Say which deadline a deferral hides, and how to go on anyway."""
        warning = self.query_one("#decision-date-warning", Static)
        if crossed is None:
            warning.update("")
            return
        kind, day = crossed
        what = tr(self, DEADLINE_WORDS.get(kind, N_("tenggat kontrak")))
        shown = formatting.medium_date(day, language(self))
        if day < self.today:
            text = tr(
                self,
                "{what} sudah lewat ({day}): penundaan menyembunyikan peringatannya. Ctrl+S atau "
                "Enter sekali lagi untuk tetap menunda.",
                what=what[:1].upper() + what[1:],
                day=shown,
            )
        else:
            text = tr(
                self,
                "Tanggal ini setelah {what} {day}: sampai tanggal ini peringatannya tidak muncul. "
                "Ctrl+S atau Enter sekali lagi untuk tetap menunda, atau pilih tanggal lebih awal.",
                what=what,
                day=shown,
            )
        warning.update(Text(text, style="bold"))

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
            self.query_one("#decision-notes", Input).focus()
            ok = False
        if ok and when is not None and self.decision == ReviewDecisionKind.DEFER:
            crossed = self.crossed(when)
            if crossed is not None and self.confirmed != when:
                self.confirmed = when  # the next save with this date goes ahead
                self._warn(crossed)
                return
        if not ok:
            return
        fault = False
        if self.decision == ReviewDecisionKind.TERMINATE:
            fault = self.query_one("#decision-fault", Checkbox).value
        self.dismiss(DialogResult(notes, when, fault))

    def action_cancel(self) -> None:
        self.dismiss(None)
