"""The error modal: a sentence about what went wrong and what to do; the app keeps running."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rekanan.errors import RekananError
from rekanan.i18n import N_
from rekanan.screens.register_support import tr
from rekanan.store.errors import StaleEdit

STALE_WHEN = N_("Data ini sudah diubah oleh {who} pada {when}, setelah Anda membukanya.")
STALE_NO_WHEN = N_("Data ini sudah diubah oleh {who} setelah Anda membukanya.")
STALE_ADVICE = N_("Muat ulang untuk melihat versi terbaru, lalu simpan lagi perubahan Anda.")


def stale_sentence(t: Callable[..., str], error: StaleEdit, *, advice: bool = True) -> str:
    """Who saved first and when, in the UI language (the store words it in Indonesian)."""
    who = error.changed_by or t("pengguna lain")
    when = error.changed_at
    if when is not None:
        local = when.astimezone() if when.tzinfo else when
        said = t(STALE_WHEN, who=who, when=f"{local:%d/%m/%Y %H:%M}")
    else:
        said = t(STALE_NO_WHEN, who=who)
    return f"{said} {t(STALE_ADVICE)}" if advice else said


def error_sentence(t: Callable[..., str], error: BaseException) -> str:
    """The person's sentence for an error: the store's own, or a calm general one."""
    if isinstance(error, StaleEdit):
        return stale_sentence(t, error)
    if isinstance(error, RekananError):
        return str(error)
    return t(
        "Terjadi kesalahan tak terduga ({kind}: {error}). Data yang sudah tersimpan aman. "
        "Coba lagi; bila berulang, catat pesan ini untuk admin.",
        kind=type(error).__name__,
        error=str(error) or "-",
    )


class ErrorScreen(ModalScreen[None]):
    """Shows one error; Enter or Esc closes it."""

    DEFAULT_CSS = """
    ErrorScreen { align: center middle; background: $background 60%; }
    #error-box {
        width: 76; height: auto; max-height: 80%;
        border: thick $error; background: $surface; padding: 1 2;
    }
    #error-title { text-style: bold; color: $error; margin-bottom: 1; }
    #error-sentence { margin-bottom: 1; }
    #error-buttons { height: auto; align-horizontal: right; }
    """
    HELP = N_("Pesan kesalahan. Baca kalimatnya, lalu tutup dengan Enter atau Esc.")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", N_("Tutup"), id="error.close"),
    ]

    def __init__(self, sentence: str) -> None:
        super().__init__()
        self.sentence = sentence

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static(tr(self, "Ada masalah"), id="error-title")
            yield Static(Text(self.sentence), id="error-sentence")
            with Horizontal(id="error-buttons"):
                yield Button(tr(self, "Tutup"), variant="primary", id="error-close")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
