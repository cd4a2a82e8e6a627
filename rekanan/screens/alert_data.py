"""The agency's alerts for the screens: computed once per data change, shared, snoozable.

Computing every alert means reading what the rules look at (``rekanan.store.alert_slice``)
and running every rule: seconds on a 100 000-contract database. The dashboard and the
alerts screen both need the result, so it is cached per database and kept while nobody
writes (the data stamp changes with every audited write, a snooze included). Call these
from a worker. No Textual here: the CLI and tests can use it headless.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from rekanan.domain.alert import Alert, Severity
from rekanan.domain.thresholds import Thresholds
from rekanan.errors import RekananError
from rekanan.models import AlertSnooze
from rekanan.store.lists import data_stamp

SEVERITIES: tuple[Severity, ...] = (Severity.CRITICAL, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True, slots=True)
class SnoozeNote:
    """Who put an alert aside and on which day, as the snooze row stored them."""

    until: date
    reason: str
    by: str = ""
    on: date | None = None


@dataclass(frozen=True, slots=True)
class AlertSet:
    """Every alert as of one day, snoozed ones included and marked."""

    stamp: tuple[int, int]
    as_of: date
    language: str
    alerts: tuple[Alert, ...]
    notes: Mapping[str, SnoozeNote] = field(default_factory=dict)
    """The running snooze of each snoozed key (a review's deferral has none)."""

    @property
    def active(self) -> tuple[Alert, ...]:
        """The alerts nobody has put aside."""
        return tuple(a for a in self.alerts if not a.snoozed)

    @property
    def snoozed(self) -> tuple[Alert, ...]:
        """The alerts put aside until a later date."""
        return tuple(a for a in self.alerts if a.snoozed)

    def count(self, severity: Severity) -> int:
        """Active alerts of one severity."""
        return sum(1 for a in self.alerts if a.severity == severity and not a.snoozed)

    def by_key(self, key: str) -> Alert | None:
        """The alert with this key, if it still stands."""
        return next((a for a in self.alerts if a.key == key), None)

    def note(self, alert: Alert) -> SnoozeNote | None:
        """Who snoozed ``alert`` and when, if the snooze it shows is a stored row."""
        found = self.notes.get(alert.key)
        if (
            found is None
            or found.until != alert.snoozed_until
            or found.reason != alert.snooze_reason
        ):
            return None
        return found


_CACHE: dict[int, AlertSet] = {}
_LOCK = threading.Lock()


def _compute(db: Any, as_of: date, thresholds: Thresholds, language: str) -> list[Alert]:
    """From the store's alert register: the day's stored alerts, patched for what changed
    since (the same alerts as computing them all)."""
    from rekanan.store.alert_register import register_alerts

    return register_alerts(db, as_of, thresholds, language, include_snoozed=True)


def agency_alerts(db: Any, as_of: date, thresholds: Thresholds, language: str) -> AlertSet:
    """All alerts (snoozed ones marked), from the cache when the data has not changed."""
    with db.session() as session:
        stamp = data_stamp(session)
    with _LOCK:
        known = _CACHE.get(id(db))
        if (
            known is not None
            and known.stamp == stamp
            and known.as_of == as_of
            and known.language == language
        ):
            return known
    alerts = _compute(db, as_of, thresholds, language)
    found = AlertSet(stamp, as_of, language, tuple(alerts), snooze_notes(db, as_of))
    with _LOCK:
        _CACHE[id(db)] = found
    return found


def snooze_notes(db: Any, as_of: date) -> dict[str, SnoozeNote]:
    """The snooze that holds each key on ``as_of``: the one that runs longest (as the rules
    pick it), with who stored it and the day, in the local time zone."""
    from sqlmodel import select

    notes: dict[str, SnoozeNote] = {}
    with db.session() as session:
        table: Any = AlertSnooze  # its columns, typed loosely for SQLAlchemy's operators
        rows = session.exec(
            select(AlertSnooze).where(table.until >= as_of).order_by(table.id)
        ).all()
        for row in rows:
            known = notes.get(row.alert_key)
            if known is None or row.until > known.until:
                notes[row.alert_key] = SnoozeNote(
                    row.until, row.reason, row.snoozed_by.strip(), _local_day(row.created_at)
                )
    return notes


def _local_day(moment: datetime | None) -> date | None:
    """The day of a stored timestamp where the person is (SQLite gives it back in UTC,
    without its zone)."""
    if moment is None:
        return None
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone().date()


def forget(db: Any) -> None:
    """Drop the cached alerts of a database (after loading the demo, say)."""
    with _LOCK:
        _CACHE.pop(id(db), None)


class SnoozeRefused(RekananError):
    """A snooze that cannot be stored; the message says why."""


_DATE_OR_DAYS = re.compile(r"[\d\s./,:-]*\d[\d\s./,:-]*(hari|days?)?\.?", re.IGNORECASE)


def reason_is_a_date(reason: str) -> bool:
    """True when a reason is only a number or a date (``14``, ``14 hari``, ``07/12/2026``).

    The snooze dialog asks for a date first and a reason second; a date or a count of days
    in the reason was meant for the date field (G10) and says nothing about why.
    """
    return bool(_DATE_OR_DAYS.fullmatch(reason.strip()))


def snooze_alert(db: Any, key: str, until: date, reason: str, as_of: date, user: str = "") -> int:
    """Put an alert aside until ``until`` with a reason; returns the snooze's id."""
    reason = reason.strip()
    if not reason:
        raise SnoozeRefused("Tulis alasan penundaan, misalnya 'menunggu surat PPK'.")
    if reason_is_a_date(reason):
        raise SnoozeRefused(
            "Alasan tampak seperti tanggal atau jumlah hari; tulis mengapa peringatan ditunda."
        )
    if until <= as_of:
        raise SnoozeRefused("Tanggal tunda harus sesudah hari ini.")
    with db.writer() as writer:
        new_id = writer.create(
            AlertSnooze(alert_key=key, until=until, reason=reason, snoozed_by=user)
        )
    forget(db)
    return int(new_id)


def end_snooze(db: Any, key: str, as_of: date) -> int:
    """Bring a snoozed alert back today: every running snooze of the key ends yesterday.

    Returns how many snoozes were ended.
    """
    from sqlmodel import select

    ended = 0
    with db.writer() as writer:
        rows = writer.session.exec(
            select(AlertSnooze).where(AlertSnooze.alert_key == key, AlertSnooze.until >= as_of)
        ).all()
        for row in rows:
            writer.delete(AlertSnooze, row.id, expected_version=row.version)
            ended += 1
    forget(db)
    return ended
