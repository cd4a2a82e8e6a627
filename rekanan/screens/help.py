"""Help for the screen underneath: what it is for, and its live bindings with their ids.

The bindings are read when help opens (``Screen.active_bindings``: the focused widget,
its ancestors, the screen and the app, with the person's keymap applied), so what is
listed is what the keys do right now. The ids are what the config's ``[keymap]`` remaps.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from rekanan.i18n import N_
from rekanan.screens.register_support import app_of, tr

BUILT_IN: dict[str, str] = {
    **dict.fromkeys(("up", "cursor up", "scroll up"), N_("Naik")),
    **dict.fromkeys(("down", "cursor down", "scroll down"), N_("Turun")),
    **dict.fromkeys(("left", "cursor left", "scroll left", "move cursor left"), N_("Ke kiri")),
    **dict.fromkeys(
        (
            "right",
            "cursor right",
            "scroll right",
            "move cursor right or accept the completion suggestion",
        ),
        N_("Ke kanan"),
    ),
    **dict.fromkeys(("home", "first", "top", "go to start", "cursor line start"), N_("Ke awal")),
    **dict.fromkeys(("end", "last", "bottom", "go to end", "cursor line end"), N_("Ke akhir")),
    **dict.fromkeys(("page up", "cursor page up"), N_("Satu halaman ke atas")),
    **dict.fromkeys(("page down", "cursor page down"), N_("Satu halaman ke bawah")),
    "page left": N_("Satu halaman ke kiri"),
    "page right": N_("Satu halaman ke kanan"),
    "select": N_("Pilih"),
    "submit": N_("Selesai mengetik"),
    "show menu": N_("Buka pilihan"),
    "previous tab": N_("Tab sebelumnya"),
    "next tab": N_("Tab berikutnya"),
    "focus next": N_("Fokus berikutnya"),
    "focus previous": N_("Fokus sebelumnya"),
    **dict.fromkeys(("toggle", "toggle option"), N_("Centang atau lepas")),
    "press button": N_("Tekan tombol"),
    **dict.fromkeys(("copy selected text", "copy"), N_("Salin teks terpilih")),
    **dict.fromkeys(("paste text from the clipboard", "paste"), N_("Tempel")),
    "undo": N_("Urungkan"),
    "redo": N_("Ulangi"),
    "delete character left": N_("Hapus huruf di kiri"),
    "delete character right": N_("Hapus huruf di kanan"),
    "dismiss menu": N_("Tutup pilihan"),
}
"""Textual's own binding texts (English) said in the app's words; others are not listed."""


def is_built_in(node: object, binding: Binding) -> bool:
    """True for a binding declared by one of Textual's classes, not by rekanan's (a
    rekanan widget inherits Textual's keys: the search box those of ``Input``)."""
    for cls in type(node).__mro__:
        for declared in cls.__dict__.get("BINDINGS", ()):
            action = declared.action if isinstance(declared, Binding) else declared[1]
            if action == binding.action:
                return not cls.__module__.startswith("rekanan.")
    return not type(node).__module__.startswith("rekanan.")


def built_in_text(description: str) -> str | None:
    """The catalogue id for one of Textual's binding texts; None to leave the row out."""
    return BUILT_IN.get(description.strip().lower())


FOCUS_NAMES: dict[str, str] = {
    "DataTable": N_("tabel"),
    "Input": N_("kotak isian"),
    "SearchBox": N_("kotak pencarian"),
    "Select": N_("saringan"),
    "ContentTabs": N_("deretan tab"),
    "Tabs": N_("deretan tab"),
    "TextArea": N_("kotak teks"),
    "SelectionList": N_("daftar pilihan"),
    "Checkbox": N_("kotak centang"),
    "YesNoBox": N_("kotak centang"),
    "Button": N_("tombol"),
    "OptionList": N_("daftar pilihan"),
}
"""How a person calls the kind of widget that has the focus."""


def focus_name(screen: Screen[Any], widget: Widget) -> str:
    """A human name for the focused area: its panel's or field's title, else its kind."""
    node: Any = widget
    while node is not None and node is not screen:
        title = getattr(node, "border_title", None)
        if title:
            return str(title)
        label = getattr(getattr(node, "spec", None), "label", None)  # a form's field row
        if isinstance(label, str) and label:
            return tr(screen, label)
        node = node.parent
    for cls in type(widget).__mro__:
        if cls.__name__ in FOCUS_NAMES:
            return tr(screen, FOCUS_NAMES[cls.__name__])
    return tr(screen, "bagian layar")


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One live binding."""

    key: str
    description: str
    binding_id: str
    enabled: bool


def screen_title(screen: Screen[Any]) -> str:
    """The name a person sees at the top of a screen (its ``.screen-title``)."""
    for widget in screen.query(".screen-title"):
        if isinstance(widget, Static):
            return str(widget.content).split(" · ")[0].split(" per ")[0]
    return str(screen.title or "") or type(screen).__name__


class HelpScreen(ModalScreen[None]):
    """``?`` / F1: the purpose and the keys of the screen below."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    #help-box {
        width: 90; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    #help-title { text-style: bold; color: $accent; padding: 1 0 0 0; }
    #help-about { padding: 1 0; }
    #help-focus { color: $text-muted; padding: 0 0 1 0; }
    #help-foot { color: $text-muted; height: auto; }
    """
    HELP = N_("Bantuan. Esc, Enter atau ? menutupnya.")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,question_mark,f1", "close", N_("Tutup"), id="help.close"),
    ]

    def __init__(self, title: str, about: str, focus: str, keys: list[KeyHelp]) -> None:
        super().__init__()
        self.title_text = title
        self.about = about
        self.focus_text = focus
        self.keys = keys

    @classmethod
    def for_screen(cls, screen: Screen[Any]) -> HelpScreen:
        """Help for ``screen`` as it is now (its focused widget and live bindings)."""
        app = app_of(screen)
        groups: dict[tuple[str, str], list[str]] = {}
        found: dict[tuple[str, str], KeyHelp] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.id:
                text = built_in_text(binding.description)
                if text is not None:
                    binding = replace(binding, description=tr(screen, text))
                elif is_built_in(active.node, binding):
                    continue  # an editing key of Textual's, not worth a row
            group = (binding.id or binding.description or binding.action, binding.description)
            shown = app.get_key_display(binding) if app is not None else key
            groups.setdefault(group, []).append(shown)
            found.setdefault(
                group, KeyHelp(shown, binding.description, binding.id or "", active.enabled)
            )
        keys = [
            KeyHelp(" / ".join(groups[group]), item.description, item.binding_id, item.enabled)
            for group, item in found.items()
        ]
        # The app's own keys (they have ids) first, in the order they are declared.
        keys.sort(key=lambda k: (not k.binding_id, not k.description))
        about = getattr(screen, "HELP", "") or ""
        focused = screen.focused
        focus = ""
        if focused is not None:
            widget_help = getattr(focused, "HELP", "") or ""
            focus = tr(screen, "Fokus: {name}.", name=focus_name(screen, focused))
            if widget_help:
                focus += " " + tr(screen, widget_help)
        title = screen_title(screen)
        return cls(title, tr(screen, about) if about else "", focus, keys)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(
                Text(tr(self, "Bantuan: {screen}", screen=self.title_text)), id="help-title"
            )
            if self.about:
                yield Static(Text(self.about), id="help-about")
            if self.focus_text:
                yield Static(Text(self.focus_text), id="help-focus")
            with VerticalScroll(id="help-keys"):
                yield Static(self._table())
            yield Static(
                tr(
                    self,
                    "Ctrl+P: palet perintah dan pencarian. Id tombol dipakai di bagian "
                    "[keymap] berkas konfigurasi.",
                ),
                id="help-foot",
                markup=False,
            )

    def _table(self) -> Table:
        table = Table(expand=True, box=None, pad_edge=False)
        table.add_column(tr(self, "Tombol"), style="bold", no_wrap=True, width=14)
        table.add_column(tr(self, "Fungsi"), ratio=2)
        table.add_column(tr(self, "Id (keymap)"), style="dim", ratio=1, no_wrap=True)
        for item in self.keys:
            style = "" if item.enabled else "dim"
            table.add_row(
                Text(item.key, style=style),
                Text(item.description or "-", style=style),
                Text(item.binding_id, style="dim"),
            )
        return table

    def action_close(self) -> None:
        self.dismiss(None)
