"""The first start: an empty database gets a welcome, not an empty table.

It offers to load the demo agency (``rekanan.store.seed.load_demo``, in a worker) or
explains how to import real data; either way the person can also start empty.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from rekanan.i18n import N_
from rekanan.screens.register_support import as_of, db_of, run_db, tr


def load_demo_into(db: Any, day: Any) -> None:
    """Seed the demo agency (the seed module is loaded only when asked for)."""
    seed = importlib.import_module("rekanan.store.seed")
    seed.load_demo(db, day)


def import_screen_class() -> type[Screen[Any]] | None:
    """``rekanan.screens.import_screen.ImportScreen`` when it is installed."""
    try:
        module = importlib.import_module("rekanan.screens.import_screen")
    except ImportError:
        return None
    found = getattr(module, "ImportScreen", None)
    return found if isinstance(found, type) and issubclass(found, Screen) else None


class WelcomeScreen(ModalScreen[bool]):
    """Dismissed with True when the demo was loaded, False when the person starts empty."""

    DEFAULT_CSS = """
    WelcomeScreen { align: center middle; background: $background 70%; }
    #welcome-box {
        width: 80; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    #welcome-title { text-style: bold; color: $accent; margin-bottom: 1; }
    #welcome-text { margin-bottom: 1; }
    #welcome-import { color: $text-muted; margin-bottom: 1; display: none; }
    #welcome-import.shown { display: block; }
    #welcome-status { color: $warning; height: auto; }
    #welcome-buttons { height: auto; align-horizontal: center; }
    #welcome-buttons Button { margin: 0 1; }
    """
    HELP = N_(
        "Basis data ini masih kosong. Muat agensi demo untuk mencoba, atau impor data "
        "kontrak Anda sendiri."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "demo", N_("Muat demo"), id="welcome.demo"),
        Binding("i", "import", N_("Impor data"), id="welcome.import"),
        Binding("escape,k", "empty", N_("Mulai kosong"), id="welcome.empty"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.loading_demo = False

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome-box"):
            yield Static(tr(self, "Selamat datang di rekanan"), id="welcome-title")
            yield Static(
                Text(
                    tr(
                        self,
                        "Basis data ini masih kosong: belum ada rekanan, kontrak, atau "
                        "layanan. Muat agensi demo (Dinkominfo fiktif dengan sekitar 30 "
                        "rekanan dan 50 kontrak) untuk mencoba semua layar, atau impor data "
                        "Anda sendiri.",
                    )
                ),
                id="welcome-text",
            )
            yield Static(
                Text(
                    tr(
                        self,
                        "Impor dari baris perintah, lalu buka lagi aplikasi ini:\n"
                        "  rekanan import --help\n"
                        "Ekspor SPSE e-Kontrak (JSON atau CSV) dan templat CSV/XLSX diterima; "
                        "setiap baris dilaporkan apa yang terjadi padanya.",
                    )
                ),
                id="welcome-import",
            )
            yield Static("", id="welcome-status")
            with Horizontal(id="welcome-buttons"):
                yield Button(tr(self, "Muat demo (d)"), variant="primary", id="welcome-demo")
                yield Button(tr(self, "Impor data (i)"), id="welcome-import-button")
                yield Button(tr(self, "Mulai kosong (Esc)"), id="welcome-empty")

    def on_mount(self) -> None:
        self.query_one("#welcome-demo", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "welcome-demo": self.action_demo,
            "welcome-import-button": self.action_import,
            "welcome-empty": self.action_empty,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def action_demo(self) -> None:
        if self.loading_demo:
            return
        self.loading_demo = True
        self.query_one("#welcome-status", Static).update(
            tr(self, "Memuat agensi demo… (beberapa detik)")
        )
        db, day = db_of(self), as_of(self)
        run_db(
            self,
            lambda: load_demo_into(db, day),
            self._loaded,
            group="welcome.demo",
            failed=self._failed,
        )

    def _loaded(self, _result: object) -> None:
        self.app.notify(tr(self, "Agensi demo dimuat."))
        self.dismiss(True)

    def _failed(self, _error: BaseException) -> bool:
        self.loading_demo = False
        self.query_one("#welcome-status", Static).update("")
        return False

    def action_import(self) -> None:
        """Open the import screen when this installation has it; else say how to import."""
        screen_class = import_screen_class()
        if screen_class is None or self.loading_demo:
            self.query_one("#welcome-import", Static).add_class("shown")
            return
        app = self.app
        self.dismiss(False)
        app.push_screen(screen_class())

    def action_empty(self) -> None:
        if not self.loading_demo:
            self.dismiss(False)
