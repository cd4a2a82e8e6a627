"""Ringkasan: the numbers that need attention, each one a door to the list behind it.

The screen appears at once with placeholders and fills in from three workers, fastest
first: counts, deadlines and values (the shared deadline index and SQL), then blacklist
risk and service gaps (the register screens' caches), then the alerts (every rule over the
whole agency; seconds on a very large database). Every figure is an option: Enter opens the
list it counts, built with the same filter, so the list shows the same number.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from rekanan.domain import formatting
from rekanan.domain.alert import AlertKind, Severity
from rekanan.i18n import N_
from rekanan.models.enums import SupplierCategory
from rekanan.screens.alert_data import AlertSet, agency_alerts
from rekanan.screens.dashboard_data import (
    DUE_WINDOWS,
    TIMELINE_DAYS,
    QuickFigures,
    quick_figures,
)
from rekanan.screens.register_support import (
    as_of,
    db_of,
    deadline_cache,
    label,
    language,
    run_db,
    settings_of,
    thresholds_of,
    tr,
)

GAP_KINDS = frozenset({AlertKind.COVERAGE_GAP, AlertKind.SLA_UNBACKED, AlertKind.SLA_TARGET_GAP})
"""The alerts the service catalogue counts as gaps (alignment and coverage rules)."""
LABEL_WIDTH = 17
NUMBER_WIDTH = 7
BARS = " ▁▂▃▄▅▆▇█"
KIND_LABELS = {
    "decision": N_("Keputusan"),
    "notice": N_("Pemberitahuan"),
    "end": N_("Berakhir"),
    "grace": N_("Kesempatan"),
}


class FigureList(OptionList):
    """A panel of figures; Enter on one opens its list."""

    HELP = N_("Panah atas/bawah memilih angka, Enter membuka daftar di belakangnya.")


def figure(label_text: str, value: str, *, style: str = "", option_id: str) -> Option:
    """One line of a panel: the label, and the number right-aligned."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{label_text:<{LABEL_WIDTH}}"[:LABEL_WIDTH])
    line.append(f"{value:>{NUMBER_WIDTH}}", style=style or "bold")
    return Option(line, id=option_id)


class DashboardScreen(Screen[None]):
    """The first screen: alerts, decisions due, gaps, risk, value and the next deadlines."""

    DEFAULT_CSS = """
    DashboardScreen { layout: vertical; }
    DashboardScreen #dash-title { height: 1; padding: 0 1; text-style: bold; color: $accent; }
    DashboardScreen .dash-row { height: auto; }
    DashboardScreen FigureList {
        width: 1fr; height: auto; max-height: 8;
        border: round $primary 50%; border-title-color: $text; padding: 0 1;
        background: $surface;
    }
    DashboardScreen FigureList:focus { border: round $accent; }
    DashboardScreen #dash-values { width: 2fr; }
    DashboardScreen #dash-weeks {
        width: 3fr; height: 8; border: round $primary 50%; padding: 0 1;
        background: $surface;
    }
    DashboardScreen #dash-timeline { height: 1fr; max-height: 100%; width: 1fr; }
    """
    HELP = N_(
        "Ringkasan: peringatan menurut tingkat, kontrak yang perlu diputuskan dalam 30/60/90 "
        "hari, layanan bercelah, rekanan berisiko daftar hitam, nilai kontrak berjalan per "
        "kategori, dan tenggat 120 hari ke depan. Pilih angka dengan panah atau Tab, Enter "
        "membuka daftarnya."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Buka"), id="dashboard.open", show=True),
        Binding("f5", "refresh", N_("Muat ulang"), id="dashboard.refresh"),
        Binding("right", "app.focus_next", show=False),
        Binding("left", "app.focus_previous", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.quick: QuickFigures | None = None
        self.alert_set: AlertSet | None = None
        self.targets: dict[str, Callable[[], Screen[Any]]] = {}

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="dash-title", classes="screen-title")
        with Horizontal(classes="dash-row"):
            yield self._panel("dash-alerts", N_("Peringatan"))
            yield self._panel("dash-due", N_("Perlu diputuskan"))
            yield self._panel("dash-services", N_("Layanan"))
            yield self._panel("dash-risk", N_("Risiko daftar hitam"))
        with Horizontal(classes="dash-row"):
            yield self._panel("dash-values", N_("Nilai kontrak berjalan per kategori"))
            weeks = Static("", id="dash-weeks")
            weeks.border_title = tr(self, "Tenggat per minggu, {n} hari", n=TIMELINE_DAYS)
            yield weeks
        yield self._panel("dash-timeline", N_("Tenggat {n} hari ke depan"), n=TIMELINE_DAYS)
        yield Footer()

    def _title(self) -> str:
        agency = settings_of(self).agency.name
        day = formatting.long_date(as_of(self), language(self))
        return tr(self, "Ringkasan · {agency} · per {day}", agency=agency, day=day)

    def _panel(self, panel_id: str, title: str, **values: object) -> FigureList:
        loading = Text(tr(self, "Memuat…"), style="dim")  # a word, not just "…" (F26)
        panel = FigureList(Option(loading, disabled=True), id=panel_id)
        panel.border_title = tr(self, title, **values)
        return panel

    def on_mount(self) -> None:
        self.query_one("#dash-alerts", FigureList).focus()
        # After the first frame: the workers are Python-heavy and share the GIL with the
        # event loop, so started earlier they would hold back the screen they fill.
        self.call_after_refresh(self.refresh_data)

    def on_screen_resume(self) -> None:
        if self.quick is not None:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Fetch every figure again (cheap while nothing changed: the caches hold).

        The quick figures go first and the alerts start when they are in: both are
        Python-heavy, and running them side by side would delay the quick ones.
        """
        db, day, thresholds = db_of(self), as_of(self), thresholds_of(self)
        cache = deadline_cache(db)
        run_db(
            self,
            lambda: quick_figures(db, cache, day, thresholds),
            self._quick_done,
            group="dashboard.quick",
            failed=self._quick_failed,
        )

    def _quick_done(self, quick: QuickFigures) -> None:
        self._show_quick(quick)
        self._load_alerts()

    def _quick_failed(self, _error: BaseException) -> bool:
        self._load_alerts()
        return False

    def _load_alerts(self) -> None:
        db, day, thresholds, lang = db_of(self), as_of(self), thresholds_of(self), language(self)
        run_db(
            self,
            lambda: agency_alerts(db, day, thresholds, lang),
            self._show_alerts,
            group="dashboard.alerts",
        )

    # -- filling in ------------------------------------------------------------------

    def _fill(self, panel_id: str, options: list[Option]) -> None:
        panel = self.query_one(f"#{panel_id}", FigureList)
        keep = panel.highlighted
        panel.set_options(options)
        if options:
            panel.highlighted = min(keep or 0, len(options) - 1)

    def _number(self, value: int) -> str:
        return formatting.number(value, language(self), 0)

    def _show_quick(self, quick: QuickFigures) -> None:
        self.quick = quick
        self._fill(
            "dash-due",
            [
                self._target(
                    f"due:{days}",
                    tr(self, "≤ {n} hari", n=days),
                    quick.due.get(days, 0),
                    partial(screen, "contracts", due_within_days=days),
                    style="bold red" if days == DUE_WINDOWS[0] and quick.due.get(days) else "",
                )
                for days in DUE_WINDOWS
            ],
        )
        lang = language(self)
        values: list[Option] = []
        room = self.query_one("#dash-values", FigureList).content_region.width
        narrow = 0 < room < 44  # 80 columns: millions, so a line does not wrap (F26)
        for row in quick.values:
            line = Text(no_wrap=True, overflow="ellipsis")
            if narrow:
                millions = formatting.number(row.value / 1_000_000, lang, 0)
                line.append(f"{label(self, row.category):<11}")
                line.append(f"{self._number(row.contracts):>3} ", style="bold")
                line.append(f"{tr(self, 'Rp{n} jt', n=millions):>{max(room - 15, 0)}}")
            else:
                line.append(f"{label(self, row.category):<13}")
                line.append(f"{self._number(row.contracts):>6} ", style="bold")
                line.append(f"{formatting.rupiah(row.value, lang):>24}")
            option_id = f"value:{row.category.value}"
            self.targets[option_id] = partial(_active_contracts, row.category)
            values.append(Option(line, id=option_id))
        self._fill("dash-values", values)
        self.query_one("#dash-weeks", Static).update(self._weeks(quick))
        self._fill("dash-timeline", self._timeline(quick))
        if self.alert_set is not None:  # the alerts came first: their panels need the count
            self._show_risk_and_services(self.alert_set)

    def _target(
        self,
        option_id: str,
        text: str,
        value: int,
        opens: Callable[[], Screen[Any]],
        *,
        style: str = "",
    ) -> Option:
        self.targets[option_id] = opens
        return figure(text, self._number(value), style=style, option_id=option_id)

    def _show_risk_and_services(self, found: AlertSet) -> None:
        """Blacklist risk and service gaps, from the same rules the registers run."""
        risk = [a for a in found.alerts if a.kind == AlertKind.BLACKLIST_RISK]
        critical = len({a.supplier_id for a in risk if a.severity == Severity.CRITICAL})
        warning = len({a.supplier_id for a in risk if a.severity == Severity.WARNING})
        self._fill(
            "dash-risk",
            [
                self._target(
                    "risk:critical",
                    tr(self, "Risiko kritis"),
                    critical,
                    partial(screen, "suppliers", risk="critical"),
                    style="bold red" if critical else "",
                ),
                self._target(
                    "risk:warning",
                    tr(self, "Perlu perhatian"),
                    warning,
                    partial(screen, "suppliers", risk="warning"),
                    style="yellow" if warning else "",
                ),
            ],
        )
        gaps = [a for a in found.alerts if a.kind in GAP_KINDS and a.service_id is not None]
        with_gaps = len({a.service_id for a in gaps})
        critical_gaps = len({a.service_id for a in gaps if a.severity == Severity.CRITICAL})
        self._fill(
            "dash-services",
            [
                self._target(
                    "services:gaps",
                    tr(self, "Bercelah"),
                    with_gaps,
                    _services_with_gaps,
                    style="bold red" if critical_gaps else ("yellow" if with_gaps else ""),
                ),
                self._target(
                    "services:critical",
                    tr(self, "Celah kritis"),
                    critical_gaps,
                    _services_with_gaps,
                    style="bold red" if critical_gaps else "",
                ),
                self._target(
                    "services:all",
                    tr(self, "Semua layanan"),
                    self.quick.services if self.quick else 0,
                    _all_services,
                ),
            ],
        )

    def _show_alerts(self, found: AlertSet) -> None:
        self.alert_set = found
        self._show_risk_and_services(found)
        styles = {Severity.CRITICAL: "bold red", Severity.WARNING: "yellow", Severity.INFO: ""}
        names = {
            Severity.CRITICAL: tr(self, "Kritis"),
            Severity.WARNING: tr(self, "Waspada"),
            Severity.INFO: tr(self, "Info"),
        }
        options = [
            self._target(
                f"alerts:{severity.value}",
                names[severity],
                found.count(severity),
                partial(screen, "alerts", severity=severity),
                style=styles[severity] if found.count(severity) else "",
            )
            for severity in (Severity.CRITICAL, Severity.WARNING, Severity.INFO)
        ]
        options.append(
            self._target(
                "alerts:snoozed",
                tr(self, "Ditunda"),
                len(found.snoozed),
                partial(screen, "alerts", show_snoozed=True),
                style="dim",
            )
        )
        self._fill("dash-alerts", options)

    def _weeks(self, quick: QuickFigures) -> Text:
        """A bar per week for the next 120 days, with the counts under it.

        Each week gets 4 columns (a bar of 3) when the panel is wide enough, else 3 or 2,
        so the chart never wraps onto the next line under the wrong weeks (F26, 80x24).
        """
        weeks = quick.weeks
        top = max(weeks) if weeks else 0
        rows = 3
        room = self.query_one("#dash-weeks", Static).content_region.width
        cell = next((c for c in (4, 3) if room >= len(weeks) * c), 2) if room else 4
        bar = cell - 1
        lines = [Text() for _ in range(rows)]
        for count in weeks:
            height = 0 if top == 0 else round(count / top * rows * 8)
            if count and height == 0:
                height = 1
            for level in range(rows):
                fill = max(0, min(8, height - (rows - 1 - level) * 8))
                lines[level].append(BARS[fill] * bar + " ", style="cyan")
        counts = Text()
        for count in weeks:
            shown = str(count) if len(str(count)) <= bar else "+"
            counts.append(f"{shown:>{bar}} ", style="bold" if count else "dim")
        lang = language(self)
        marks = [" "] * (len(weeks) * cell)
        for number in range(0, len(weeks), 4):  # a date every four weeks: 8 columns or more
            shown = formatting.short_date(quick.as_of + timedelta(days=number * 7), lang)[:5]
            if number * cell + len(shown) <= len(marks):
                marks[number * cell : number * cell + len(shown)] = list(shown)
        result = Text("\n").join([*lines, counts, Text("".join(marks), style="dim")])
        result.no_wrap = True
        return result

    def on_resize(self) -> None:
        """Draw the week chart again for the new width."""
        if self.quick is not None:
            self.query_one("#dash-weeks", Static).update(self._weeks(self.quick))

    def _timeline(self, quick: QuickFigures) -> list[Option]:
        lang = language(self)
        options: list[Option] = []
        if not quick.timeline:
            options.append(
                Option(
                    Text(tr(self, "Tidak ada tenggat dalam {n} hari ke depan.", n=TIMELINE_DAYS)),
                    disabled=True,
                )
            )
            return options
        panel = self.query_one("#dash-timeline", FigureList)
        width = max(60, panel.content_region.width - 2)
        for item in quick.timeline:
            style = (
                "bold red" if item.days_left <= 7 else ("yellow" if item.days_left <= 30 else "")
            )
            if item.days_left < 0:
                left = tr(self, "lewat {n} hari", n=-item.days_left)
            elif item.days_left == 0:
                left = tr(self, "hari ini")
            else:
                left = tr(self, "{n} hari", n=item.days_left)
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{formatting.medium_date(item.day, lang):<12} ")
            line.append(f"{left:>13}  ", style=style)
            line.append(f"{tr(self, KIND_LABELS.get(item.kind, item.kind)):<14}")
            line.append(item.number[:32].ljust(33), style="bold")
            line.append(_clip(item.supplier_name, 24).ljust(25))
            line.append(item.title, style="dim")
            line.truncate(width, overflow="ellipsis")
            option_id = f"deadline:{item.contract_id}"
            self.targets[option_id] = partial(screen, "contract_detail", item.contract_id)
            options.append(Option(line, id=option_id))
        rest = quick.timeline_total - len(quick.timeline)
        if rest > 0:
            self.targets["deadline:more"] = partial(
                screen, "contracts", due_within_days=TIMELINE_DAYS
            )
            options.append(
                Option(
                    Text(
                        tr(self, "… {n} tenggat lagi: buka daftar kontrak", n=rest),
                        style="italic",
                    ),
                    id="deadline:more",
                )
            )
        return options

    # -- opening -----------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.open_target(event.option_id)

    def open_target(self, option_id: str | None) -> None:
        """Open the list (or record) behind a figure."""
        opens = self.targets.get(option_id or "")
        if opens is None:
            return
        open_screen = getattr(self.app, "open_screen", self.app.push_screen)
        open_screen(opens())

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, FigureList):
            option = focused.highlighted_option
            if option is not None:
                self.open_target(option.id)

    def action_refresh(self) -> None:
        self.refresh_data()


SCREENS = {
    "alerts": "AlertsScreen",
    "contracts": "ContractsScreen",
    "contract_detail": "ContractDetailScreen",
    "services": "ServicesScreen",
    "suppliers": "SuppliersScreen",
}


def screen(module: str, *args: Any, **kwargs: Any) -> Screen[Any]:
    """Build a screen of ``rekanan.screens.<module>``, importing it only when asked for.

    The registers pull in forms and exports; leaving them out of the dashboard's imports
    lets the first screen appear sooner.
    """
    found = importlib.import_module(f"rekanan.screens.{module}")
    built: Screen[Any] = getattr(found, SCREENS[module])(*args, **kwargs)
    return built


def _active_contracts(category: SupplierCategory) -> Screen[Any]:
    return screen("contracts", open_only=True, category=category)


def _services_with_gaps() -> Screen[Any]:
    return screen("services", gaps_only=True)


def _all_services() -> Screen[Any]:
    return screen("services")


def _clip(value: str, width: int) -> str:
    """``value`` cut to ``width`` with an ellipsis, so a cut name does not read as a
    misspelt one running into the next column (F5)."""
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"
