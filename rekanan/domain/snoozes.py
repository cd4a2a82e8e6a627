"""Snoozes: an alert put aside until a date, marked rather than lost.

Kept apart from the rules so that reading stored alerts (``rekanan.store.alert_register``)
can apply snoozes without loading every rule module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from rekanan.domain.alert import Alert
from rekanan.domain.records import SnoozeRecord


def longest_snoozes(rows: Iterable[SnoozeRecord]) -> dict[str, SnoozeRecord]:
    """The snooze each alert key obeys: of several, the one that runs longest."""
    snoozes: dict[str, SnoozeRecord] = {}
    for snooze in rows:
        known = snoozes.get(snooze.alert_key)
        if known is None or snooze.until > known.until:
            snoozes[snooze.alert_key] = snooze
    return snoozes


def snoozed(alert: Alert, snoozes: Mapping[str, SnoozeRecord], as_of: date) -> Alert:
    """``alert`` marked with its snooze when one runs on ``as_of`` (a snooze outranks a
    review's deferral, which the alert may already carry)."""
    snooze = snoozes.get(alert.key)
    if snooze is not None and snooze.until >= as_of:
        return alert.with_snooze(snooze.until, snooze.reason)
    return alert
