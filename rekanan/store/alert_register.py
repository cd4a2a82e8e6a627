"""The alert register: the alerts of a day, stored, and brought up to date from the audit trail.

Why: the rules word every alert afresh, and a national agency has some 23 000 of them on a
given day (three seconds through ``alert_slice``). Staff, the dashboard and cron ask many
times a day while only a few records change in between. So the alerts of a day are stored
with the newest audit row they include (the *watermark*); when asked again:

* nothing written since: the stored alerts are read back (a fraction of a second);
* a few records changed: the audit rows after the watermark name them; only the alerts
  those records own (``Alert.owner``: a contract, a service or a supplier) are computed
  again, from an index over just the rows they read, and swapped in
  (``rekanan.store.alert_owners`` says which);
* a new day, other thresholds, language, rules or schema (``register_fingerprint``), a
  change the audit trail cannot place (an agency day off), or many changed records: every
  alert is computed through the alert slice and stored.

Snoozes are applied as the alerts are read, so snoozing writes nothing here. Every write of
rekanan goes through ``Database.writer`` and leaves audit rows; a change made outside
rekanan (SQL by hand) is seen when the contract count no longer matches the audited creates
and deletes, or with ``recompute``.

On PostgreSQL an audit id can be handed out before an earlier one commits; writers hold a
shared advisory lock (``WRITE_LOCK``) for their transaction and the watermark is read under
the exclusive one, so no change below it can still be on its way. The exclusive lock is
tried, never waited for (a waiting one would hold up every writer behind it): while a long
import runs, the alerts are computed and nothing is stored.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from rekanan.domain.alert import Alert, AlertKind, Severity, urgency
from rekanan.domain.records import (
    SnoozeRecord,
)
from rekanan.domain.snoozes import longest_snoozes, snoozed
from rekanan.domain.thresholds import Thresholds
from rekanan.errors import RekananError
from rekanan.models import (
    AlertRegisterDay,
    AlertRegisterEntry,
    AlertSnooze,
    AuditEntry,
    Contract,
)
from rekanan.models.base import utcnow
from rekanan.store.alert_owners import CHUNK, Owners, changed_owners, chunks, owned_alerts
from rekanan.store.database import WRITE_LOCK, Database
from rekanan.store.loaders import records, table_of

if TYPE_CHECKING:
    pass

# The rules (``rekanan.domain.alerts`` and the alert slice) are imported where alerts are
# computed: reading a current register, the common case, does without them.

DAYS_KEPT = 3
"""Stored days per database (today, tomorrow, one other): a day is 10 to 15 MB at size L."""

FULL_ABOVE = 1_500
"""Changed records beyond which computing every alert is quicker than by owner."""

_RULES = Path(__file__).resolve().parents[1] / "domain"


def register_alerts(
    database: Database,
    as_of: date,
    thresholds: Thresholds | None = None,
    language: str = "id",
    *,
    include_snoozed: bool = False,
    recompute: bool = False,
) -> list[Alert]:
    """Every alert as of ``as_of``, most urgent first: what ``compute_alerts`` over the
    whole agency gives, read from the register and brought up to date first.

    A read-only database (or role) cannot keep a register: its alerts are computed.
    ``recompute`` computes every alert again even when the register looks current.
    """
    rows = register_rows(
        database,
        as_of,
        thresholds,
        language,
        include_snoozed=include_snoozed,
        recompute=recompute,
    )
    return [row.alert for row in rows]


def register_rows(
    database: Database,
    as_of: date,
    thresholds: Thresholds | None = None,
    language: str = "id",
    *,
    include_snoozed: bool = False,
    recompute: bool = False,
) -> list[StoredAlert]:
    """``register_alerts`` as the register's rows, each alert decoded only when asked:
    a list or ``--format json`` of 23 000 alerts needs none of them decoded."""
    limits = thresholds or Thresholds()
    fingerprint = register_fingerprint(database, limits, language)
    try:
        found = None
        if not recompute:
            with database.session() as session:
                found = _current(session, as_of, fingerprint)
        if found is None:
            found = _refreshed(database, as_of, limits, language, fingerprint, recompute)
    except (SQLAlchemyError, RekananError):
        # A role not yet granted the register's tables (the roles script not run again
        # after the upgrade): the alerts are still owed, computed whole.
        found = _computed(database, as_of, limits, language)
    with database.session() as session:
        snoozes = longest_snoozes(
            records(session, SnoozeRecord, AlertSnooze, table_of(AlertSnooze).c.until >= as_of)
        )
    shown: list[StoredAlert] = []
    for row in found:
        if row.key in snoozes:
            alert = row.alert
            marked = snoozed(alert, snoozes, as_of)
            if marked is not alert:  # the snooze runs: it outranks a stored deferral
                row = StoredAlert.of(marked)
        if include_snoozed or not row.snoozed:
            shown.append(row)
    return shown


class StoredAlert(NamedTuple):
    """One alert as the register keeps it: what lists, filters and sorts it (the fields of
    ``rekanan.domain.alert.Listed``), and the whole alert as the JSON of ``to_dict``.

    A named tuple: 23 000 of them are built for every read of a national agency's day.
    """

    kind: AlertKind
    severity: Severity
    title: str
    key: str
    due: date | None
    days_left: int | None
    supplier_name: str
    contract_number: str
    service_code: str
    snoozed_until: date | None
    payload: str

    @classmethod
    def of(cls, alert: Alert) -> StoredAlert:
        """The row of ``alert``."""
        return cls(
            alert.kind,
            alert.severity,
            alert.title,
            alert.key,
            alert.due,
            alert.days_left,
            alert.supplier_name,
            alert.contract_number,
            alert.service_code,
            alert.snoozed_until,
            _ENCODER.encode(alert.to_dict()),
        )

    @property
    def alert(self) -> Alert:
        """The whole alert, decoded."""
        return Alert.from_dict(json.loads(self.payload))

    @property
    def snoozed(self) -> bool:
        return self.snoozed_until is not None

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.alert.reasons

    @property
    def rule(self) -> str:
        return self.alert.rule

    def sort_key(self) -> tuple[int, int, str, str]:
        return urgency(self)


_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""The encoder of ``rekanan alerts --format json``: a stored payload is its line as is."""


def register_fingerprint(database: Database, thresholds: Thresholds, language: str) -> str:
    """What the stored alerts were worded under: thresholds, language, the rules' source
    (and rekanan's version, for installs without it), the ``holidays`` calendar and the
    schema. Any of them changing makes a new day."""
    digest = hashlib.sha256()
    digest.update(repr(thresholds).encode())
    digest.update(language.encode())
    digest.update(str(database.revision).encode())
    digest.update(metadata.version("holidays").encode())
    digest.update(_version("rekanan").encode())
    for path in sorted(_RULES.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


# ------------------------------------------------------------------------------ reading


def _current(session: Session, as_of: date, fingerprint: str) -> list[StoredAlert] | None:
    """The stored alerts of the day when nothing was written since, else None."""
    day = _day(session, as_of, fingerprint)
    if day is None or _state(session) != (day.watermark, day.contracts):
        return None
    return _stored(session, day.id)


def _day(session: Session, as_of: date, fingerprint: str) -> Any:
    d = table_of(AlertRegisterDay).c
    return session.execute(
        select(d.id, d.watermark, d.contracts).where(d.as_of == as_of, d.fingerprint == fingerprint)
    ).first()


def _state(session: Session) -> tuple[int, int]:
    """The newest audit row and the number of contracts."""
    newest = session.execute(select(func.max(table_of(AuditEntry).c.id))).scalar_one()
    count = session.execute(select(func.count()).select_from(table_of(Contract))).scalar_one()
    return int(newest or 0), int(count)


def _stored(session: Session, day_id: int) -> list[StoredAlert]:
    """The day's rows, most urgent first."""
    e = table_of(AlertRegisterEntry).c
    columns = (e[name] for name in _COLUMNS)
    rows = session.execute(select(*columns, e.payload).where(e.day_id == day_id)).all()
    kinds, severities = _KINDS, _SEVERITIES
    found = [
        StoredAlert(kinds[kind], severities[severity], *rest) for (kind, severity, *rest) in rows
    ]
    found.sort(key=urgency)
    return found


_COLUMNS = (
    "kind",
    "severity",
    "title",
    "key",
    "due",
    "days_left",
    "supplier_name",
    "contract_number",
    "service_code",
    "snoozed_until",
)
"""The columns of ``StoredAlert`` before its payload, in order."""

_KINDS = {kind.value: kind for kind in AlertKind}
_SEVERITIES = {severity.value: severity for severity in Severity}


# ---------------------------------------------------------------------------- refreshing


def _refreshed(
    database: Database,
    as_of: date,
    thresholds: Thresholds,
    language: str,
    fingerprint: str,
    recompute: bool,
) -> list[StoredAlert]:
    """Bring the day up to date (or compute it whole) and store it; the alerts, sorted."""
    state = None if database.read_only else _watermark(database)
    if state is None:
        return _computed(database, as_of, thresholds, language)
    mark, count = state
    with database.session() as session:
        day = _day(session, as_of, fingerprint)
        owners = None
        if day is not None and not recompute and day.watermark <= mark:
            owners = changed_owners(session, day.watermark, mark)
            if owners is not None and (
                day.contracts + owners.contracts_added != count or _unowned(session, day.id)
            ):
                owners = None  # a change without audit rows, or an alert nobody owns
        if owners is None or len(owners) > FULL_ABOVE:
            fresh = _compute(session, as_of, thresholds, language)
            owners = None
        else:
            fresh = owned_alerts(session, owners, as_of, thresholds, language)
    owned = [(alert.owner or _UNOWNED, StoredAlert.of(alert)) for alert in fresh]
    try:
        with database.derived_writes() as writes:
            if owners is None:
                _store_day(writes, as_of, fingerprint, mark, count, owned)
                return sorted((row for _, row in owned), key=urgency)
            if not _patch_day(writes, day, mark, count, owners, owned):
                raise _Raced()
            return _stored(writes, day.id)
    except (SQLAlchemyError, RekananError, _Raced):
        # Another process moved the day at the same moment, or the register cannot be
        # written here: the alerts are still owed.
        if owners is None:
            return sorted((row for _, row in owned), key=urgency)
        return _computed(database, as_of, thresholds, language)


_UNOWNED = "agency"
"""The owner of an alert ``Alert.owner`` cannot place: a day holding one is computed whole."""


def _unowned(session: Session, day_id: int) -> bool:
    e = table_of(AlertRegisterEntry).c
    found = session.execute(
        select(e.id).where(e.day_id == day_id, e.owner == _UNOWNED).limit(1)
    ).first()
    return found is not None


class _Raced(Exception):
    """Another process moved the day's watermark while this one computed."""


def _computed(
    database: Database, as_of: date, thresholds: Thresholds, language: str
) -> list[StoredAlert]:
    with database.session() as session:
        fresh = _compute(session, as_of, thresholds, language)
    return sorted(map(StoredAlert.of, fresh), key=urgency)


def _compute(session: Session, as_of: date, thresholds: Thresholds, language: str) -> list[Alert]:
    """Every alert, deferrals marked, snoozes not applied (they are, on reading)."""
    from rekanan.domain.alerts import compute_alerts
    from rekanan.store.alert_slice import alert_index

    index = alert_index(session, thresholds, as_of=as_of, snoozes=False)
    return compute_alerts(index, as_of, thresholds, language, include_snoozed=True)


def _watermark(database: Database) -> tuple[int, int] | None:
    """The newest audit row below which every change is committed, and the contracts then.

    On PostgreSQL the exclusive ``WRITE_LOCK`` is free only when no writer is in flight
    (each holds it shared). It is tried, not waited for: a waiting exclusive lock would
    hold up every writer behind it. None when writers stayed busy (a long import): the
    alerts are then computed and nothing is stored. SQLite writers take turns, so the
    newest committed row is the mark.
    """
    if database.dialect != "postgresql":
        with database.session() as session:
            return _state(session)
    for _ in range(_LOCK_TRIES):
        with database.derived_writes() as session:
            free = session.execute(
                text("SELECT pg_try_advisory_xact_lock(:lock)"), {"lock": WRITE_LOCK}
            ).scalar_one()
            if free:
                return _state(session)
        time.sleep(0.05)
    return None


_LOCK_TRIES = 20
"""Tries of the write lock, 50 ms apart: about a second."""


# ------------------------------------------------------------------------------ writing


def _store_day(
    session: Session,
    as_of: date,
    fingerprint: str,
    mark: int,
    count: int,
    alerts: Sequence[tuple[str, StoredAlert]],
) -> None:
    """Replace the day with ``alerts`` (with their owners); keep the ``DAYS_KEPT`` days
    computed last."""
    d = table_of(AlertRegisterDay).c
    e = table_of(AlertRegisterEntry).c
    old = session.execute(
        select(d.id).where(d.as_of == as_of, d.fingerprint == fingerprint)
    ).scalars()
    stale = list(old)
    kept = session.execute(select(d.id).order_by(d.computed_at.desc(), d.id.desc())).scalars()
    stale += [day_id for day_id in list(kept)[DAYS_KEPT - 1 :] if day_id not in stale]
    if stale:
        session.execute(delete(table_of(AlertRegisterEntry)).where(e.day_id.in_(stale)))
        session.execute(delete(table_of(AlertRegisterDay)).where(d.id.in_(stale)))
    day_id = session.execute(
        insert(table_of(AlertRegisterDay))
        .values(as_of=as_of, fingerprint=fingerprint, watermark=mark, contracts=count)
        .returning(d.id)
    ).scalar_one()
    _insert(session, day_id, alerts)


def _patch_day(
    session: Session,
    day: Any,
    mark: int,
    count: int,
    owners: Owners,
    alerts: Sequence[tuple[str, StoredAlert]],
) -> bool:
    """Swap the owners' alerts of the day; False when another process moved it first."""
    d = table_of(AlertRegisterDay).c
    e = table_of(AlertRegisterEntry).c
    moved = session.execute(
        update(table_of(AlertRegisterDay))
        .where(d.id == day.id, d.watermark == day.watermark)
        .values(watermark=mark, contracts=count, computed_at=utcnow())
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        return False
    for chunk in chunks(owners.labels()):
        session.execute(
            delete(table_of(AlertRegisterEntry)).where(e.day_id == day.id, e.owner.in_(chunk))
        )
    _insert(session, day.id, alerts)
    return True


def _insert(session: Session, day_id: int, alerts: Sequence[tuple[str, StoredAlert]]) -> None:
    """Rows of the day for ``alerts``, each with its owner."""
    rows = [
        {
            "day_id": day_id,
            "owner": owner,
            **{name: getattr(alert, name) for name in _COLUMNS},
            "kind": alert.kind.value,
            "severity": alert.severity.value,
            "payload": alert.payload,
        }
        for owner, alert in alerts
    ]
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(table_of(AlertRegisterEntry)), rows[start : start + CHUNK])
