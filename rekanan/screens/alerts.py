"""Peringatan: every alert, most severe first, with its reasons; open, snooze, bring back.

The alerts are computed once per data change (``alert_data.agency_alerts``, a worker) and
shown through the registers' ``PagedTable``, which mounts only a window of rows, so tens of
thousands of alerts on a large agency stay quick. The panel under the table gives the
highlighted alert's reasons, the rule behind it and its snooze. A snooze is an
``AlertSnooze`` row written through the store (audited); the alert then moves to the
"ditunda" view until its date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static

from rekanan.domain import formatting
from rekanan.domain.alert import SEVERITY_ORDER, Alert, Severity
from rekanan.i18n import N_
from rekanan.io.export.csv_safe import DecimalMark
from rekanan.io.export.register_filters import alert_filters
from rekanan.io.export.registers import RegisterFormat, RegisterNote, export_alerts
from rekanan.screens.alert_data import AlertSet, agency_alerts, end_snooze
from rekanan.screens.contract_detail import ContractDetailScreen
from rekanan.screens.export_dialog import ExportDialog
from rekanan.screens.register_support import (
    QUIET_MAIN_KEYS,
    as_of,
    days_left,
    db_of,
    language,
    run_db,
    text,
    thresholds_of,
    tr,
    writable,
)
from rekanan.screens.service_detail import ServiceDetailScreen
from rekanan.screens.snooze import SnoozeScreen
from rekanan.screens.supplier_detail import SupplierDetailScreen
from rekanan.store.lists import Page
from rekanan.widgets.footer import CompactFooter
from rekanan.widgets.paged_table import Column, PagedTable
from rekanan.widgets.search_box import SearchBox, type_into_search

SEVERITY_LABELS = {
    Severity.CRITICAL: N_("Kritis"),
    Severity.WARNING: N_("Waspada"),
    Severity.INFO: N_("Info"),
}
SEVERITY_STYLES = {Severity.CRITICAL: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
ACTIVE, SNOOZED, EVERY = "active", "snoozed", "all"
WRITES = {  # the actions that write, and what a read-only session says instead (G28)
    "snooze": N_("Basis data dibuka hanya-baca: penundaan tidak dapat disimpan."),
    "unsnooze": N_("Basis data dibuka hanya-baca: penundaan tidak dapat diakhiri."),
}
SNOOZE_LINES = {  # (who is known, the day is known): the snooze line of the reasons panel
    (True, True): N_("Ditunda s.d. {day} — Alasan: {reason} (oleh {user}, {when})"),
    (True, False): N_("Ditunda s.d. {day} — Alasan: {reason} (oleh {user})"),
    (False, True): N_("Ditunda s.d. {day} — Alasan: {reason} ({when})"),
    (False, False): N_("Ditunda s.d. {day} — Alasan: {reason}"),
}


@dataclass(frozen=True, slots=True)
class AlertQuery:
    """What the list shows: a severity, snoozed or not, words in the alert."""

    severity: Severity | None = None
    view: str = ACTIVE
    search: str = ""


def subject(alert: Alert) -> str:
    """Who or what the alert is about, in one line."""
    parts = [
        alert.supplier_name,
        alert.contract_number,
        f"{alert.service_code} {alert.service_name}".strip(),
    ]
    return " · ".join(p for p in parts if p)


def searched_text(alert: Alert) -> str:
    """What the search box looks in: title, subject, reasons and the snooze reason (G11)."""
    return " ".join(
        (alert.title, subject(alert), " ".join(alert.reasons), alert.snooze_reason)
    ).lower()


def select_alerts(found: AlertSet, query: AlertQuery, sort: str, descending: bool) -> list[Alert]:
    """Filter and sort the alerts as the list asks."""
    words = query.search.strip().lower()
    chosen = [
        a
        for a in found.alerts
        if (query.severity is None or a.severity == query.severity)
        and (
            query.view == EVERY
            or (query.view == SNOOZED and a.snoozed)
            or (query.view == ACTIVE and not a.snoozed)
        )
        and (not words or words in searched_text(a))
    ]
    if sort == "due":
        chosen.sort(key=lambda a: (a.due is None, a.due or date.max, a.sort_key()))
    elif sort == "title":
        chosen.sort(key=lambda a: (a.title.lower(), a.sort_key()))
    elif sort == "subject":
        chosen.sort(key=lambda a: (subject(a).lower(), a.sort_key()))
    else:
        chosen.sort(key=Alert.sort_key)
    if descending:
        chosen.reverse()
    return chosen


class AlertsScreen(Screen[None]):
    """Daftar peringatan."""

    CSS_PATH = "alerts.tcss"
    HELP = N_(
        "Semua peringatan, yang paling mendesak di atas, dengan alasannya di panel bawah. "
        "Enter membuka data di belakangnya; z menunda peringatan sampai suatu tanggal "
        "dengan alasan; t menampilkan yang ditunda; u mengaktifkannya lagi; e mengekspor "
        "daftar seperti tersaring ke XLSX atau CSV."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", N_("Cari"), id="alerts.search", show=False),
        Binding("z", "snooze", N_("Tunda"), id="alerts.snooze"),
        Binding("u", "unsnooze", N_("Aktifkan lagi"), id="alerts.unsnooze"),
        Binding("t", "toggle_snoozed", N_("Ditunda"), id="alerts.toggle_snoozed"),
        Binding("f", "focus_filters", N_("Saring"), id="alerts.filters"),
        Binding("e", "export", N_("Ekspor"), id="alerts.export"),
        Binding("x", "clear_filters", N_("Hapus saringan"), id="alerts.clear", show=False),
        Binding("escape", "back", N_("Kembali"), id="alerts.back"),
        *QUIET_MAIN_KEYS,
    ]

    def __init__(
        self, *, severity: Severity | str | None = None, show_snoozed: bool = False
    ) -> None:
        super().__init__()
        self.query_state = AlertQuery(
            severity=Severity(severity) if severity else None,
            view=SNOOZED if show_snoozed else ACTIVE,
        )
        self.alert_set: AlertSet | None = None

    def compose(self) -> ComposeResult:
        yield Static(tr(self, "Peringatan"), classes="screen-title", id="alerts-title")
        yield SearchBox(
            placeholder=tr(self, "Cari perihal, rekanan, kontrak atau alasan… ( / )"),
            id="search",
        )
        with Horizontal(classes="filters"):
            yield Select(
                [(tr(self, SEVERITY_LABELS[s]), s.value) for s in SEVERITY_LABELS],
                prompt=tr(self, "Semua tingkat"),
                value=self.query_state.severity.value if self.query_state.severity else Select.NULL,
                id="filter-severity",
                allow_blank=True,
            )
            yield Select(
                [
                    (tr(self, "Aktif"), ACTIVE),
                    (tr(self, "Ditunda"), SNOOZED),
                    (tr(self, "Aktif dan ditunda"), EVERY),
                ],
                value=self.query_state.view,
                allow_blank=False,
                id="filter-view",
            )
        yield PagedTable(
            self._columns(),
            self._fetch,
            sort="severity",
            empty_text=N_("Tidak ada peringatan yang cocok."),
            id="alerts-table",
        )
        yield Static("", id="alert-reasons")
        yield CompactFooter()

    def _columns(self) -> list[Column[Alert]]:
        horizons = thresholds_of(self).alert_horizons_days
        return [
            Column("severity", N_("Tingkat"), self._severity_cell, sort="severity", width=10),
            Column("due", N_("Tanggal"), self._due_cell, sort="due", width=11),
            Column("left", N_("Sisa"), lambda a: days_left(self, a.days_left, horizons), width=13),
            Column("title", N_("Perihal"), lambda a: text(a.title), sort="title", width=42),
            Column("subject", N_("Tentang"), lambda a: text(subject(a)), sort="subject", width=30),
        ]

    def _severity_cell(self, alert: Alert) -> Text:
        shown = tr(self, SEVERITY_LABELS[alert.severity])
        if alert.snoozed:
            return Text("z " + shown, style="dim")
        return Text(shown, style=SEVERITY_STYLES[alert.severity])

    def _due_cell(self, alert: Alert) -> Text:
        return Text(formatting.medium_date(alert.due, language(self)) if alert.due else "-")

    def _fetch(self, offset: int, limit: int, sort: str, descending: bool) -> Page[Alert]:
        db, day, thresholds, lang = db_of(self), as_of(self), thresholds_of(self), language(self)
        found = agency_alerts(db, day, thresholds, lang)
        self.alert_set = found
        chosen = select_alerts(found, self.query_state, sort, descending)
        return Page(tuple(chosen[offset : offset + limit]), offset, len(chosen))

    def arrive(self) -> None:
        """Reached with a number key or the palette: the table has the focus, always."""
        self.query_one(PagedTable).focus()

    def on_key(self, event: events.Key) -> None:
        """A letter nobody binds, typed on the table, starts a search (F25)."""
        if not self._refuse_write_key(event):
            type_into_search(self, event)

    # -- read-only (G28) -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On a read-only database the snooze keys are not offered (gone from the footer)."""
        return action not in WRITES or writable(self)

    def _refuse_write_key(self, event: events.Key) -> bool:
        """A snooze key pressed on a read-only database: one sentence, before any dialog.

        ``check_action`` hides the binding, so the key would otherwise start a search for
        "z"; the screen's own bindings (a ``[keymap]`` applied) say which keys those are.
        """
        if writable(self):
            return False
        for node, bindings in self._binding_chain:
            if node is not self:
                continue
            for binding in bindings.key_to_bindings.get(event.key, ()):
                if binding.action in WRITES:
                    event.stop()
                    event.prevent_default()
                    self._say_read_only(binding.action)
                    return True
        return False

    def _say_read_only(self, action: str) -> None:
        self.app.notify(tr(self, WRITES[action]), severity="warning", markup=False)

    async def run_action(
        self, action: str, namespaces: Mapping[str, DOMNode] | None = None
    ) -> None:
        """The palette runs a screen's action by name: on a read-only database a snooze is
        refused in the same sentence as the key (``check_action`` would skip it silently)."""
        if action in WRITES and not writable(self):
            self._say_read_only(action)
            return
        await super().run_action(action, namespaces)

    def on_mount(self) -> None:
        self.query_one(PagedTable).focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Fetch again, keeping the position (after a snooze or an edit elsewhere)."""
        self.query_one(PagedTable).reload(keep_position=True)

    # -- the reasons panel -----------------------------------------------------------------

    @on(PagedTable.Loaded)
    def _loaded(self, event: PagedTable.Loaded) -> None:
        self._show_reasons()
        found = self.alert_set
        if found is not None:
            day = formatting.long_date(found.as_of, language(self))
            counts = ", ".join(
                f"{found.count(s)} {tr(self, SEVERITY_LABELS[s]).lower()}"
                for s in sorted(SEVERITY_LABELS, key=SEVERITY_ORDER.__getitem__)
            )
            self.query_one("#alerts-title", Static).update(
                tr(
                    self,
                    "Peringatan per {day}: {counts}; {snoozed} ditunda",
                    day=day,
                    counts=counts,
                    snoozed=len(found.snoozed),
                )
            )

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_reasons()

    def _show_reasons(self) -> None:
        alert = self.current
        panel = self.query_one("#alert-reasons", Static)
        if alert is None:
            panel.update("")
            return
        lines = Text(no_wrap=False)
        lines.append(alert.title, style=SEVERITY_STYLES[alert.severity])
        for reason in alert.reasons:
            lines.append("\n• " + reason)
        lines.append("\n" + tr(self, "Aturan: {rule}", rule=alert.rule), style="dim")
        if alert.snoozed:
            lines.append("\n" + self._snooze_line(alert), style="italic")
        panel.update(lines)

    def _snooze_line(self, alert: Alert) -> str:
        """Until when, why, and who put it aside on which day when the snooze row says so."""
        lang = language(self)
        day = formatting.medium_date(alert.snoozed_until, lang) if alert.snoozed_until else "-"
        found = self.alert_set
        note = found.note(alert) if found is not None else None
        when = formatting.medium_date(note.on, lang) if note and note.on else ""
        by = note.by if note else ""
        template = SNOOZE_LINES[bool(by), bool(when)]
        return tr(self, template, day=day, reason=alert.snooze_reason, user=by, when=when)

    @property
    def current(self) -> Alert | None:
        """The highlighted alert."""
        row = self.query_one(PagedTable).current
        return row if isinstance(row, Alert) else None

    # -- filters -----------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        self.query_state = replace(self.query_state, search=event.value)
        self.query_one(PagedTable).reload()

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(PagedTable).focus()

    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        event.stop()
        severity = self.query_one("#filter-severity", Select).value
        view = self.query_one("#filter-view", Select).value
        new = replace(
            self.query_state,
            severity=None if severity is Select.NULL else Severity(str(severity)),
            view=str(view) if view is not Select.NULL else ACTIVE,
        )
        if new != self.query_state:
            self.query_state = new
            self.query_one(PagedTable).reload()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_filters(self) -> None:
        self.query_one("#filter-severity", Select).focus()

    def action_clear_filters(self) -> None:
        self.query_one("#search", Input).value = ""
        self.query_one("#filter-severity", Select).clear()
        self.query_one("#filter-view", Select).value = ACTIVE
        self.query_state = AlertQuery()
        self.query_one(PagedTable).reload()

    def action_toggle_snoozed(self) -> None:
        view = ACTIVE if self.query_state.view == SNOOZED else SNOOZED
        self.query_one("#filter-view", Select).value = view

    def action_back(self) -> None:
        if isinstance(self.focused, Input | Select):
            self.query_one(PagedTable).focus()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_export(self) -> None:
        """Export the alerts as the list shows them now (filters, snoozed view, order), like
        ``rekanan export alerts`` (F43)."""
        found = self.alert_set
        if found is None:
            return
        table = self.query_one(PagedTable)
        shown = select_alerts(found, self.query_state, table.sort, table.descending)
        lang = language(self)
        state = self.query_state
        note = RegisterNote(  # the XLSX says the filters and the day (F44)
            as_of(self),
            alert_filters(
                lang,
                severity=state.severity,
                search=state.search,
                snoozed_only=state.view == SNOOZED,
                with_snoozed=state.view == EVERY,
            ),
            lang,
        )

        def export(path: Path, fmt: str, decimal: str) -> int:
            return export_alerts(
                shown, path, cast(RegisterFormat, fmt), lang, cast(DecimalMark, decimal), note
            )

        self.app.push_screen(
            ExportDialog(
                tr(self, "Ekspor peringatan ({n} baris)", n=len(shown)),
                tr(self, "peringatan"),
                export,
                day=as_of(self),
            )
        )

    # -- open, snooze ------------------------------------------------------------------

    @on(PagedTable.RowChosen)
    def _chosen(self, event: PagedTable.RowChosen) -> None:
        event.stop()
        if isinstance(event.row, Alert):
            self.open_alert(event.row)

    def open_alert(self, alert: Alert) -> None:
        """The record behind an alert: its contract, else its service, else its supplier."""
        screen: Screen[Any] | None = None
        if alert.contract_id is not None:
            screen = ContractDetailScreen(alert.contract_id)
        elif alert.service_id is not None:
            screen = ServiceDetailScreen(alert.service_id)
        elif alert.supplier_id is not None:
            screen = SupplierDetailScreen(alert.supplier_id)
        if screen is None:
            self.app.notify(tr(self, "Peringatan ini tidak menunjuk satu data tertentu."))
            return
        self.app.push_screen(screen)

    def action_snooze(self) -> None:
        if not writable(self):
            self._say_read_only("snooze")
            return
        alert = self.current
        if alert is None:
            return
        if alert.snoozed:
            self.app.notify(tr(self, "Peringatan ini sudah ditunda; u mengaktifkannya lagi."))
            return
        self.app.push_screen(SnoozeScreen(alert), self._after_snooze)

    def _after_snooze(self, stored: bool | None) -> None:
        if stored:
            self.app.notify(tr(self, "Peringatan ditunda."))
            self.refresh_data()

    def action_unsnooze(self) -> None:
        if not writable(self):
            self._say_read_only("unsnooze")
            return
        alert = self.current
        if alert is None or not alert.snoozed:
            self.app.notify(tr(self, "Pilih peringatan yang ditunda (t menampilkannya)."))
            return
        db, day, key = db_of(self), as_of(self), alert.key
        run_db(self, lambda: end_snooze(db, key, day), self._unsnoozed, group="alerts.unsnooze")

    def _unsnoozed(self, ended: int) -> None:
        if ended:
            self.app.notify(tr(self, "Peringatan aktif lagi."))
        self.refresh_data()
