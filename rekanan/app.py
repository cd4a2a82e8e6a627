"""The terminal app: one screen stack with the dashboard at the bottom.

The main screens (Ringkasan, Rekanan, Kontrak, Layanan, Peringatan) are switched with the
number keys; each is built once and kept (``install_screen``), so a search typed in the
supplier list is still there after a look at the dashboard. Switching goes back to the
dashboard and pushes the chosen screen on it, which makes ``Esc`` on any main screen lead
back to the dashboard and ``Esc`` on a detail lead back to its list.

The screens ask the app for ``db``, ``settings``, ``as_of``, ``language`` and ``t``
(``rekanan.screens.register_support``); ``make_app`` is what the CLI and the tests call.
Nothing here reads the database on the UI thread: screens load in thread workers.

A database opened with ``--read-only`` says so on every screen: a "hanya-baca" mark at
the right end of the title line (G28), on a layer of its own so nothing moves.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any, ClassVar, cast

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingsMap, BindingType
from textual.command import Provider
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from rekanan.config import LANGUAGES, Settings
from rekanan.errors import RekananError
from rekanan.i18n import N_, translator
from rekanan.screens.dashboard import DashboardScreen, screen
from rekanan.screens.dashboard_data import record_counts
from rekanan.screens.error import ErrorScreen, error_sentence
from rekanan.screens.help import HelpScreen
from rekanan.screens.welcome import WelcomeScreen, import_screen_class

log = logging.getLogger(__name__)

DASHBOARD = "ringkasan"
MAIN_SCREENS: dict[str, Callable[[], Screen[Any]]] = {
    DASHBOARD: DashboardScreen,
    "rekanan": partial(screen, "suppliers"),
    "kontrak": partial(screen, "contracts"),
    "layanan": partial(screen, "services"),
    "peringatan": partial(screen, "alerts"),
}
"""The screens the number keys switch between, by name (``rekanan open --start NAME``)."""

MAIN_TITLES: dict[str, str] = {
    DASHBOARD: N_("Ringkasan"),
    "rekanan": N_("Rekanan"),
    "kontrak": N_("Kontrak"),
    "layanan": N_("Layanan"),
    "peringatan": N_("Peringatan"),
}

REVIEW_MODULE = "rekanan.screens.review"
SCREEN_MODULES: tuple[str, ...] = tuple(
    f"rekanan.screens.{name}"
    for name in (
        "suppliers",
        "contracts",
        "services",
        "alerts",
        "supplier_detail",
        "contract_detail",
        "service_detail",
        "forms",
        "confirm",
        "snooze",
        "review",
        "import_screen",
        "export_dialog",
    )
)
"""Screens imported lazily; a ``[keymap]`` naming their ids needs them loaded to check it."""
BASE_DEPTH = 2
"""The blank default screen and the dashboard: what stays when switching screens."""


READ_ONLY_MARK = N_("hanya-baca")
"""The mark of a read-only session, top right of every screen."""


class ReadOnlyMark(Static):
    """The "hanya-baca" mark, drawn over the right end of a screen's title line.

    Docked on a layer of its own, it takes no room from the screen's widgets: the screen
    lays out exactly as in a session that can write, with the mark drawn over it.
    """

    DEFAULT_CSS = """
    ReadOnlyMark {
        layer: read-only-mark; dock: right; width: auto; height: 1; padding: 0 1;
        background: $warning; color: $background; text-style: bold;
    }
    """


def _record_search() -> type[Provider]:
    """The palette's record search, imported when the palette first opens."""
    from rekanan.screens.palette import RecordSearch

    return RecordSearch


class RekananApp(App[None]):
    """Supplier and contract management, from the keyboard."""

    TITLE = "rekanan"
    CSS = """
    Screen { background: $background; }
    .screen-title { text-style: bold; color: $accent; padding: 0 1; height: 1; }
    """
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {_record_search}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "show('ringkasan')", N_("Ringkasan"), id="app.dashboard"),
        Binding("2", "show('rekanan')", N_("Rekanan"), id="app.suppliers"),
        Binding("3", "show('kontrak')", N_("Kontrak"), id="app.contracts"),
        Binding("4", "show('layanan')", N_("Layanan"), id="app.services"),
        Binding("5", "show('peringatan')", N_("Peringatan"), id="app.alerts"),
        Binding("r", "review", N_("Tinjau"), id="app.review"),
        Binding("question_mark,f1", "help", N_("Bantuan"), id="app.help"),
        Binding(
            "ctrl+p", "command_palette", N_("Perintah"), id="app.palette", show=False, priority=True
        ),
        Binding("ctrl+l", "switch_language", N_("Bahasa"), id="app.language", show=False),
        Binding("ctrl+q", "quit", N_("Keluar"), id="app.quit", priority=True),
    ]

    def __init__(
        self,
        settings: Settings,
        database: Any,
        *,
        start: str = DASHBOARD,
        as_of: date | None = None,
        notices: Sequence[str] = (),
    ) -> None:
        self.settings = settings
        self.db = database
        self.fixed_as_of = as_of
        self.language = settings.language if settings.language in LANGUAGES else "id"
        self.t: Callable[..., str] = translator(self.language)
        translate_bindings(self.t)
        super().__init__()
        self.start = start if start in MAIN_SCREENS else DASHBOARD
        self.current = DASHBOARD
        self.notices = list(notices)
        self.errors: list[BaseException] = []
        self.welcomed = False
        self._dashboard: DashboardScreen | None = None

    # -- what the screens read ---------------------------------------------------------

    @property
    def as_of(self) -> date:
        """The day the rules count from: fixed for tests and ``--as-of``, else today."""
        return self.fixed_as_of or date.today()

    def get_default_screen(self) -> Screen[Any]:
        """A blank floor under the dashboard, so the dashboard itself can be replaced."""
        return Screen()

    # -- start -------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """True when the database was opened read-only (``--read-only``)."""
        return bool(getattr(self.db, "read_only", False))

    def _sub_title(self) -> str:
        if self.read_only:
            return f"{self.t('rekanan')} · {self.t(READ_ONLY_MARK)}"
        return self.t("rekanan")

    def _mark_read_only(self, shown: Screen[Any]) -> None:
        """Put the read-only mark on a screen as it is shown (dialogs show the one below)."""
        if isinstance(shown, ModalScreen) or shown.query(ReadOnlyMark):
            return
        shown.mount(ReadOnlyMark(self.t(READ_ONLY_MARK), id="read-only-mark"))

    def on_mount(self) -> None:
        self.title = self.settings.agency.name
        self.sub_title = self._sub_title()
        if self.read_only:
            self.screen_change_signal.subscribe(self, self._mark_read_only)
        self._apply_theme()
        self._apply_keymap()
        self._dashboard = DashboardScreen()
        self.push_screen(self._dashboard)
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=12)
        if self.start != DASHBOARD:
            self.call_later(self.show, self.start)
        self.run_worker(self._check_empty, thread=True, group="app.empty", exit_on_error=False)

    def on_unmount(self) -> None:
        """Give the widget classes their own (Indonesian) binding texts back."""
        restore_bindings()

    def _check_empty(self) -> None:
        try:
            counts = record_counts(self.db)
        except Exception as error:
            self.call_from_thread(self.show_error, error)
            return
        if sum(counts) == 0:
            self.call_from_thread(self._welcome)

    def _welcome(self) -> None:
        if not self.welcomed:
            self.welcomed = True
            self.push_screen(WelcomeScreen(), self._after_welcome)

    def _after_welcome(self, loaded: bool | None) -> None:
        if loaded:
            self.refresh_screens()

    def _apply_theme(self) -> None:
        theme = self.settings.theme
        if theme and theme != self.theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                names = ", ".join(sorted(self.available_themes))
                self.notify(
                    self.t(
                        "Tema '{theme}' di berkas konfigurasi tidak dikenal; pakai salah satu: "
                        "{names}.",
                        theme=theme,
                        names=names,
                    ),
                    severity="warning",
                    timeout=12,
                )

    def _apply_keymap(self) -> None:
        keymap = dict(self.settings.keymap)
        if not keymap:
            return
        known = known_binding_ids()
        if set(keymap) - known:  # ids of screens not imported yet: import them, look again
            for module in SCREEN_MODULES:
                with contextlib.suppress(ImportError):
                    importlib.import_module(module)
            known = known_binding_ids()
        unknown = sorted(set(keymap) - known)
        if unknown:
            self.notify(
                self.t(
                    "Bagian [keymap] menyebut id tombol yang tidak ada: {ids}. "
                    "Lihat daftar id di Bantuan (F1).",
                    ids=", ".join(unknown),
                ),
                severity="warning",
                timeout=12,
            )
        self.set_keymap({key: value for key, value in keymap.items() if key in known})

    def localise(self, screen: Screen[Any]) -> Screen[Any]:
        """Binding texts in the UI language for a screen built after the app started.

        Screens are imported lazily, so their classes may be new: translate every class
        known now, then give the screen its class's (translated) bindings again.
        """
        translate_bindings(self.t)
        merged = type(screen)._merged_bindings
        if merged is not None:
            screen._bindings = merged.copy()
        return screen

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(screen, Screen):
            self.localise(screen)
        return super().push_screen(screen, *args, **kwargs)

    # -- navigation --------------------------------------------------------------------

    async def action_show(self, name: str) -> None:
        await self.show(name)

    async def show(self, name: str, screen: Screen[Any] | None = None) -> None:
        """Go to a main screen (or a given screen) on top of the dashboard."""
        while len(self.screen_stack) > BASE_DEPTH:
            await self.pop_screen()
        self.current = name if name in MAIN_SCREENS else self.current
        if screen is not None:
            await self.push_screen(screen)
            return
        if name == DASHBOARD or name not in MAIN_SCREENS:
            self.refresh_dashboard()
            return
        if not self.is_screen_installed(name):
            self.install_screen(self.localise(MAIN_SCREENS[name]()), name)
        await self.push_screen(name)
        arrive = getattr(self.screen, "arrive", None)
        if callable(arrive):  # the same focus on every arrival, whatever had it last (F25)
            self.call_after_refresh(arrive)

    def open_screen(self, screen: Screen[Any]) -> None:
        """Push a list or record over the current screen (dashboard numbers, alerts)."""
        self.push_screen(screen)

    def refresh_dashboard(self) -> None:
        """Let the dashboard fetch its figures again."""
        dashboard = self._dashboard
        if dashboard is not None and dashboard.is_mounted:
            dashboard.refresh_data()

    def refresh_screens(self) -> None:
        """After a bulk change (the demo loaded): drop kept screens, refetch the dashboard."""
        for name in MAIN_SCREENS:
            if name != DASHBOARD and self.is_screen_installed(name):
                screen = self.get_screen(name)
                if screen not in self.screen_stack:
                    self.uninstall_screen(name)
        self.refresh_dashboard()

    def action_review(self) -> None:
        screen_class = review_screen_class()
        if screen_class is None:
            self.notify(self.t("Layar tinjauan kontrak belum tersedia di versi ini."))
            return
        self.push_screen(screen_class())

    def open_import(self) -> None:
        """The import screen, over the current one."""
        screen_class = import_screen_class()
        if screen_class is not None:
            self.push_screen(screen_class())

    def action_command_palette(self) -> None:
        """Ctrl+P: Textual's palette, speaking the app's language (F24)."""
        from textual.command import CommandPalette

        from rekanan.screens.palette import open_palette

        if self.use_command_palette and not CommandPalette.is_open(cast(Any, self)):
            self.push_screen(open_palette(self.screen))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    # -- language ------------------------------------------------------------------------

    async def action_switch_language(self) -> None:
        await self.set_language("en" if self.language == "id" else "id")

    async def set_language(self, language: str) -> None:
        """Speak another language: every screen is built again in it."""
        if language not in LANGUAGES or language == self.language:
            return
        self.language = language
        self.settings = replace(self.settings, language=language)
        self.t = translator(language)
        translate_bindings(self.t)
        self._bindings = (
            RekananApp._merged_bindings.copy() if RekananApp._merged_bindings else (BindingsMap())
        )
        current = self.current
        while len(self.screen_stack) > BASE_DEPTH:
            await self.pop_screen()
        for name in MAIN_SCREENS:
            if name != DASHBOARD and self.is_screen_installed(name):
                self.uninstall_screen(name)
        self._dashboard = DashboardScreen()
        await self.switch_screen(self._dashboard)
        self.sub_title = self._sub_title()
        if current != DASHBOARD:
            await self.show(current)
        self.notify(self.t("Bahasa: Indonesia"))

    def export_scorecard(self, supplier_id: int, name: str = "") -> None:
        """Ask period, format and folder for one supplier's scorecard, then write it."""
        from rekanan.screens.scorecard_dialog import ScorecardDialog

        self.push_screen(ScorecardDialog(supplier_id, name, day=self.as_of))

    # -- errors ------------------------------------------------------------------------

    def show_error(self, error: BaseException) -> None:
        """A sentence in a modal: what happened and what to do. The app keeps running."""
        self.errors.append(error)
        if not isinstance(error, RekananError):
            log.exception("Unexpected error in a screen", exc_info=error)
        if isinstance(self.screen, ErrorScreen):
            self.notify(error_sentence(self.t, error), severity="error", timeout=10)
            return
        self.push_screen(ErrorScreen(error_sentence(self.t, error)))

    # -- command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Commands that make sense on ``screen``, in the person's language."""
        t = self.t
        for name, title in MAIN_TITLES.items():
            yield SystemCommand(
                t("Buka {screen}", screen=t(title)),
                t("Pindah ke layar {screen}", screen=t(title)),
                _callback(self.show, name),
            )
        if review_screen_class() is not None:
            yield SystemCommand(
                t("Tinjau kontrak..."), t("Mulai tinjauan kontrak"), self.action_review
            )
        for action, title, help_text in screen_commands(screen):
            yield SystemCommand(t(title), t(help_text), _callback(screen.run_action, action))
        supplier_id = getattr(screen, "supplier_id", None)
        chosen = getattr(screen, "current_supplier", None)  # the highlighted row of a list
        if supplier_id is None and isinstance(chosen, tuple):
            supplier_id, name = chosen
        else:
            name = str(getattr(screen, "supplier_name", "") or "")
        if isinstance(supplier_id, int):
            yield SystemCommand(
                t("Ekspor scorecard..."),
                t("Kartu kinerja {name}: pilih periode, format dan folder", name=name)
                if name
                else t("Kartu kinerja rekanan ini: pilih periode, format dan folder"),
                _callback(self.export_scorecard, supplier_id, name),
            )
        if import_screen_class() is not None:
            yield SystemCommand(
                t("Impor data..."),
                t("Templat CSV/XLSX atau ekspor SPSE e-Kontrak"),
                _callback(self.open_import),
            )
        yield SystemCommand(
            t("Ganti bahasa"), "Bahasa Indonesia ↔ English", self.action_switch_language
        )
        yield SystemCommand(t("Bantuan"), t("Tombol layar ini dan artinya"), self.action_help)
        yield SystemCommand(t("Ganti tema..."), t("Pilih tema warna"), self.action_change_theme)
        yield SystemCommand(t("Keluar"), t("Tutup rekanan"), self.action_quit)


def _callback(function: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    def run() -> Any:
        return function(*args)

    return run


SCREEN_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("new", N_("Baru..."), N_("Buat data baru di layar ini")),
    ("export", N_("Ekspor daftar..."), N_("Tulis daftar ini, seperti tersaring, ke XLSX atau CSV")),
    ("edit", N_("Ubah..."), N_("Ubah data yang dipilih")),
    ("focus_search", N_("Cari..."), N_("Ketik untuk mencari")),
    ("new_incident", N_("Catat insiden..."), N_("Insiden baru untuk data ini")),
    ("new_letter", N_("Surat peringatan baru..."), N_("SP1, SP2 atau SP3")),
    ("new_penalty", N_("Denda baru..."), N_("Catat denda keterlambatan")),
    ("snooze", N_("Tunda peringatan..."), N_("Sisihkan peringatan sampai suatu tanggal")),
)


def screen_commands(screen: Screen[Any]) -> Iterable[tuple[str, str, str]]:
    """The screen's own actions that have a command in the palette."""
    for action, title, help_text in SCREEN_ACTIONS:
        if callable(getattr(screen, f"action_{action}", None)):
            yield action, title, help_text


def review_screen_class() -> type[Screen[Any]] | None:
    """``rekanan.screens.review.ReviewScreen`` when it exists (another engineer's file)."""
    try:
        module = importlib.import_module(REVIEW_MODULE)
    except ImportError:
        return None
    found = getattr(module, "ReviewScreen", None)
    return found if isinstance(found, type) and issubclass(found, Screen) else None


# -- bindings: translated descriptions, known ids ----------------------------------------

_ORIGINAL_BINDINGS: dict[type[DOMNode], BindingsMap] = {}


def _rekanan_classes() -> list[type[DOMNode]]:
    found: list[type[DOMNode]] = []
    pending: list[type[DOMNode]] = [DOMNode]
    seen: set[type[DOMNode]] = set()
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                pending.append(sub)
                if sub.__module__.startswith("rekanan."):
                    found.append(sub)
    return found


def translate_bindings(t: Callable[..., str]) -> None:
    """Show every binding description of the app's own widgets in the UI language.

    Descriptions are Indonesian catalogue ids; a node copies its class's merged bindings
    when it is built, so screens built after this call show the translation (the app
    rebuilds its screens when the language changes).
    """
    for cls in _rekanan_classes():
        merged = cls._merged_bindings
        if merged is None:
            continue
        original = _ORIGINAL_BINDINGS.setdefault(cls, merged.copy())
        keys: dict[str, list[Binding]] = {
            key: [_translated(b, t) for b in bindings]
            for key, bindings in original.key_to_bindings.items()
        }
        cls._merged_bindings = BindingsMap.from_keys(keys)


def _translated(binding: Binding, t: Callable[..., str]) -> Binding:
    """A binding with its description (and its footer group's) in the UI language."""
    if binding.description:
        binding = replace(binding, description=t(binding.description))
    if binding.group is not None and binding.group.description:
        group = Binding.Group(t(binding.group.description), binding.group.compact)
        binding = replace(binding, group=group)
    return binding


def restore_bindings() -> None:
    """Undo ``translate_bindings`` (when the app ends: other apps in the process, tests)."""
    for cls, original in _ORIGINAL_BINDINGS.items():
        cls._merged_bindings = original.copy()


def known_binding_ids() -> set[str]:
    """Every binding id of the app, for checking the config's ``[keymap]``."""
    ids: set[str] = set()
    classes: list[type[DOMNode]] = [*_rekanan_classes(), App]
    for cls in classes:
        merged = cls._merged_bindings
        if merged is None:
            continue
        for bindings in merged.key_to_bindings.values():
            ids.update(b.id for b in bindings if b.id)
    return ids


def make_app(
    settings: Settings,
    database: Any,
    *,
    start: str = DASHBOARD,
    as_of: date | None = None,
    notices: Sequence[str] = (),
) -> RekananApp:
    """The app on an open database: what ``rekanan open``, ``rekanan demo`` and tests run."""
    return RekananApp(settings, database, start=start, as_of=as_of, notices=notices)
