"""A yes/no question in a modal: deleting, discarding typed changes, reloading a stale edit."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from rekanan.screens.register_support import HOLD_KEYS, HOLD_TEXT, N_, tr


class ConfirmScreen(ModalScreen[bool]):
    """Ask one question; ``y``/Enter on Yes answers True, ``n``/Esc answers False."""

    CSS_PATH = "confirm.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Ya"), id="confirm.yes"),
        Binding("n", "answer(False)", N_("Tidak"), id="confirm.no"),
        Binding("escape", "answer(False)", N_("Batal"), id="confirm.cancel"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
        Binding(HOLD_KEYS, "hold", HOLD_TEXT, show=False),
    ]

    def __init__(
        self,
        question: str,
        *,
        detail: str = "",
        yes: str = N_("Ya"),
        no: str = N_("Tidak"),
        danger: bool = False,
        extra: RenderableType | None = None,
        yes_key: bool = True,
    ) -> None:
        super().__init__()
        self.yes_key = yes_key
        self.question = question
        self.detail = detail
        self.extra = extra
        self.yes_label = yes
        self.no_label = no
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="-wide" if self.extra is not None else ""):
            yield Static(Text(self.question), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            if self.extra is not None:
                with VerticalScroll(id="confirm-extra"):
                    yield Static(self.extra)
            with Horizontal(id="confirm-buttons"):
                # The keys are on the buttons: the dialog has no footer (F8).
                yes = tr(self, self.yes_label) + (" (y)" if self.yes_key else "")
                yield Button(yes, variant="error" if self.danger else "primary", id="confirm-yes")
                yield Button(tr(self, self.no_label) + " (n)", id="confirm-no")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Without ``yes_key`` (a delete) ``y`` does not answer: a letter typed by mistake
        (a name typed on a list, where ``d`` asks to delete) must never say yes (F25)."""
        return self.yes_key or action != "answer" or parameters != (True,)

    def on_mount(self) -> None:
        # A dangerous question starts on "No" so a stray Enter deletes nothing.
        self.query_one("#confirm-no" if self.danger else "#confirm-yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_hold(self) -> None:
        """No screen switching under the question (see ``HOLD_KEYS``)."""

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class MessageScreen(ModalScreen[None]):
    """A sentence to read (a refused delete, a stale edit explained); any key closes it."""

    CSS_PATH = "confirm.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", N_("Tutup"), id="message.close"),
        Binding(HOLD_KEYS, "hold", HOLD_TEXT, show=False),
    ]

    def __init__(self, title: str, sentence: str) -> None:
        super().__init__()
        self.title_text = title
        self.sentence = sentence

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self.title_text, style="bold"), id="confirm-question")
            yield Static(Text(self.sentence), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(tr(self, "Tutup"), variant="primary", id="message-close")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_hold(self) -> None:
        """No screen switching under the message (see ``HOLD_KEYS``)."""

    def action_close(self) -> None:
        self.dismiss(None)
