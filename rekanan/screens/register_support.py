"""What the register screens share: reaching the app's store and settings, translating,
formatting, and running database work in thread workers with errors shown as sentences.

The screens ask the app for ``db`` (a ``rekanan.store.database.Database``), ``settings``,
``as_of`` (the day the rules count from; the app reads the clock, tests fix it),
``language`` and ``t``; each has a fallback so a screen also runs in a small test app.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from rekanan.config import Settings
from rekanan.domain import formatting
from rekanan.domain.enum_words import enum_label
from rekanan.domain.identifiers import format_npwp
from rekanan.domain.index import AgencyIndex
from rekanan.domain.risk import supplier_risk
from rekanan.domain.thresholds import Thresholds
from rekanan.errors import RekananError
from rekanan.store.lists import DeadlineCache, data_stamp
from rekanan.store.slices import risk_candidates_slice, running_sanctions

T = TypeVar("T")


def app_of(node: DOMNode) -> Any:
    """The running app, typed loosely: the screens use a handful of its attributes.

    None before the app runs (a screen built outside it), so the helpers fall back.
    """
    try:
        return node.app
    except Exception:
        return None


def tr(node: DOMNode, text: str, **values: object) -> str:
    """``app.t(text)`` with ``{placeholders}`` filled in; the text itself without a ``t``."""
    t = getattr(app_of(node), "t", None)
    translated = str(t(text)) if callable(t) else text
    return translated.format(**values) if values else translated


def language(node: DOMNode) -> str:
    """``id`` or ``en``."""
    app = app_of(node)
    value = getattr(app, "language", None)
    if not value:
        settings = getattr(app, "settings", None)
        value = getattr(settings, "language", "id")
    return str(value or "id")


def settings_of(node: DOMNode) -> Settings:
    """The app's settings (defaults when it has none)."""
    found = getattr(app_of(node), "settings", None)
    return found if isinstance(found, Settings) else Settings()


def thresholds_of(node: DOMNode) -> Thresholds:
    """The thresholds the rules use."""
    return settings_of(node).thresholds


def as_of(node: DOMNode) -> date:
    """The day the rules count from: the app's ``as_of`` (fixed in tests) or today."""
    value = getattr(app_of(node), "as_of", None)
    if callable(value):
        value = value()
    return value if isinstance(value, date) else date.today()


def db_of(node: DOMNode) -> Any:
    """The app's store (``Database``)."""
    app = app_of(node)
    for name in ("db", "store", "database"):
        found = getattr(app, name, None)
        if found is not None:
            return found
    raise RekananError("Basis data belum dibuka.")


def user_of(node: DOMNode) -> str:
    """Who is working, for forms that record an evaluator or a reporter."""
    return settings_of(node).user or ""


HOLD_KEYS = "1,2,3,4,5,r,ctrl+l"
"""The app's screen-switching keys (and the language switch, which rebuilds screens).

Forms and dialogs bind them to nothing, so a digit typed while a checkbox or a button has
the focus cannot carry the person away from what they typed. Inputs still take the digits.
"""

HOLD_TEXT = "Pindah layar ditahan; tutup dulu yang ini"
"""What help says about the held keys (a catalogue id)."""

TAB_KEYS = Binding.Group("Tab", compact=True)
"""``[ ]`` of the detail screens, one entry in the footer."""

QUIET_MAIN_KEYS: list[BindingType] = [
    Binding(key, f"app.show('{name}')", text, id=binding_id, show=False)
    for key, name, text, binding_id in (
        ("1", "ringkasan", "Ringkasan", "app.dashboard"),
        ("2", "rekanan", "Rekanan", "app.suppliers"),
        ("3", "kontrak", "Kontrak", "app.contracts"),
        ("4", "layanan", "Layanan", "app.services"),
        ("5", "peringatan", "Peringatan", "app.alerts"),
    )
]
"""The app's screen keys 1-5, still working but not in the footer of lists and details.

At 120 columns the footer of a list or a detail has no room for them and the screen's
own keys (export, edit, back) were cut off (F3). They keep their ids, so a ``[keymap]``
remaps them here too; the dashboard and help still show them.
"""

WRITE_ACTIONS = frozenset({"new", "edit", "delete", "new_penalty", "new_letter", "new_incident"})
"""Actions that change data: not offered when the database is open read-only."""


def writable(node: DOMNode) -> bool:
    """False when the app's database was opened read-only (``--read-only``)."""
    db = getattr(app_of(node), "db", None)
    return not bool(getattr(db, "read_only", False))


def write_allowed(node: DOMNode, action: str) -> bool:
    """``check_action`` of the register screens: hide writing keys on a read-only database."""
    return action not in WRITE_ACTIONS or writable(node)


_CACHES: weakref.WeakKeyDictionary[Any, DeadlineCache] = weakref.WeakKeyDictionary()


def deadline_cache(db: Any) -> DeadlineCache:
    """One deadline index per open database, shared by every screen."""
    try:
        cache = _CACHES.get(db)
        if cache is None:
            cache = _CACHES[db] = DeadlineCache()
        return cache
    except TypeError:  # not weak-referenceable: keep it on the object
        cache = getattr(db, "_rekanan_deadline_cache", None)
        if cache is None:
            cache = DeadlineCache()
            db._rekanan_deadline_cache = cache
        return cache


def show_error(node: DOMNode, error: BaseException) -> None:
    """A sentence in the app's error modal (or a notification), never a traceback."""
    app = app_of(node)
    handler = getattr(app, "show_error", None)
    if callable(handler):
        handler(error)
        return
    message = (
        str(error)
        if isinstance(error, RekananError)
        else tr(
            node,
            "Terjadi kesalahan: {error}. Coba lagi; bila berulang, hubungi admin.",
            error=error,
        )
    )
    app.notify(message, severity="error", timeout=8, markup=False)


def run_db(
    node: DOMNode,
    work: Callable[[], T],
    done: Callable[[T], object],
    *,
    group: str,
    failed: Callable[[BaseException], bool] | None = None,
    exclusive: bool = True,
) -> Worker[None]:
    """Run ``work`` (which opens its own session) in a thread; hand the result to ``done``.

    ``done`` runs on the UI thread, only when no newer worker of the same group replaced
    this one. Errors go to ``failed`` first (return True when handled), then to the
    error modal, so the app keeps running.
    """

    def body() -> None:
        worker = get_current_worker()
        try:
            result = work()
        except Exception as error:
            if not worker.is_cancelled:
                node.app.call_from_thread(_fail, node, error, failed)
            return
        if not worker.is_cancelled:
            node.app.call_from_thread(done, result)

    return node.run_worker(
        body,
        thread=True,
        exclusive=exclusive,
        group=group,
        exit_on_error=False,
        name=group,
    )


def _fail(
    node: DOMNode, error: BaseException, failed: Callable[[BaseException], bool] | None
) -> None:
    if failed is not None and failed(error):
        return
    show_error(node, error)


# ------------------------------------------------------------------------------ cells


def text(value: object) -> Text:
    """User text shown literally (markup such as ``[bold]`` is not interpreted)."""
    return Text("" if value is None else str(value), no_wrap=True, overflow="ellipsis")


def money(node: DOMNode, amount: Decimal | int | None) -> Text:
    """Rupiah, right-aligned."""
    return Text(formatting.rupiah(amount, language(node)), justify="right")


def day(node: DOMNode, value: date | None) -> Text:
    """A medium date (``7 Mar 2026``)."""
    return Text(formatting.medium_date(value, language(node)))


def short_day(node: DOMNode, value: date | None) -> Text:
    """A short date (``07/03/26``) for narrow columns."""
    return Text(formatting.short_date(value, language(node)))


def npwp(value: str | None) -> Text:
    """An NPWP as staff write it."""
    return Text(format_npwp(value))


def days_left(node: DOMNode, days: int | None, horizons: tuple[int, ...] = (90, 60, 30, 7)) -> Text:
    """Days to a deadline, coloured: red when passed or within the shortest horizons."""
    if days is None:
        return Text("-", style="dim")
    shortest = min(horizons) if horizons else 7
    middle = sorted(horizons)[len(horizons) // 2] if horizons else 30
    if days < 0:
        style, label = "bold red", tr(node, "lewat {n} hari", n=-days)
    elif days <= shortest:
        style, label = "bold red", tr(node, "{n} hari", n=days)
    elif days <= middle:
        style, label = "yellow", tr(node, "{n} hari", n=days)
    elif days <= max(horizons or (90,)):
        style, label = "cyan", tr(node, "{n} hari", n=days)
    else:
        style, label = "green", tr(node, "{n} hari", n=days)
    return Text(label, style=style, justify="right")


def yes_no(node: DOMNode, value: bool) -> Text:
    """``Ya`` / ``Tidak``."""
    return Text(tr(node, "Ya") if value else tr(node, "Tidak"))


def N_(text: str) -> str:
    """Mark a string for the catalogue; it is translated where it is shown."""
    return text


# IncidentSeverity shares its values with Criticality; its labels are the same words.


def label(node: DOMNode, value: StrEnum | None) -> str:
    """The person's word for an enum value, in the UI language."""
    if value is None:
        return "-"
    found = enum_label(value)
    return tr(node, found) if found else str(value)


def choices(enum: type[StrEnum]) -> tuple[tuple[str, str], ...]:
    """``(value, label)`` pairs for a choice field (labels translated by the form)."""
    result = []
    for member in enum:
        found = enum_label(member)
        result.append((member.value, found or member.value))
    return tuple(result)


@dataclass(frozen=True, slots=True)
class RiskMap:
    """Blacklist-risk scores of the suppliers that have any ground (others score 0)."""

    stamp: tuple[int, int]
    as_of: date
    scores: dict[int, int]
    warning: int
    critical: int
    sanctioned: frozenset[int] = frozenset()
    """Suppliers under a sanction running on ``as_of`` (G1: shown as such in the list)."""

    def band(self, supplier_id: int) -> str:
        """``critical``, ``warning`` or ``low``."""
        score = self.scores.get(supplier_id, 0)
        if score >= self.critical:
            return "critical"
        if score >= self.warning:
            return "warning"
        return "low"

    def ids(self, band: str) -> frozenset[int]:
        """Suppliers in a band (``low`` is everyone else: use it as an exclusion)."""
        if band == "low":
            return frozenset(s for s in self.scores if self.band(s) != "low")
        return frozenset(s for s in self.scores if self.band(s) == band)


_RISKS: dict[int, RiskMap] = {}
_RISK_LOCK = threading.Lock()


def risk_map(db: Any, day: date, thresholds: Thresholds) -> RiskMap:
    """Scores from ``rekanan.domain.risk``, cached until the next write (run in a worker)."""
    with db.session() as session:
        stamp = data_stamp(session)
        with _RISK_LOCK:
            known = _RISKS.get(id(db))
            if known is not None and known.stamp == stamp and known.as_of == day:
                return known
        data = risk_candidates_slice(session)
        sanctioned = frozenset(s.supplier_id for s in running_sanctions(session, day))
    index = AgencyIndex.build(data)
    scores = {
        supplier.id: supplier_risk(index, supplier.id, day, thresholds).score
        for supplier in data.suppliers
    }
    found = RiskMap(
        stamp,
        day,
        scores,
        thresholds.blacklist_risk_warning,
        thresholds.blacklist_risk_critical,
        sanctioned,
    )
    with _RISK_LOCK:
        _RISKS[id(db)] = found
    return found


def risk_cell(node: DOMNode, risks: RiskMap | None, supplier_id: int) -> Text:
    """The score with its band colour; ``…`` while the scores are being computed."""
    if risks is None:
        return Text("…", style="dim", justify="right")
    score = risks.scores.get(supplier_id, 0)
    band = risks.band(supplier_id)
    style = {"critical": "bold red", "warning": "yellow"}.get(band, "green")
    return Text(str(score), style=style, justify="right")
