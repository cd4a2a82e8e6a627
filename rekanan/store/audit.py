"""The audit trail: written by the writer on every change, read by the history tab and CLI.

Audit rows are append-only: ``Writer`` refuses to touch ``AuditEntry`` and nothing else in
the store writes it. ``before_json``/``after_json`` hold the changed columns (all columns
for a create or a delete) as JSON, with money and dates as text so nothing is rounded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rekanan.domain.records import AuditRecord
from rekanan.models import AuditAction, AuditEntry

if TYPE_CHECKING:
    from rekanan.store.database import Database

_A: Any = AuditEntry

SUMMARY_LIMIT = 500

_VERBS = {AuditAction.CREATE: "dibuat", AuditAction.UPDATE: "diubah", AuditAction.DELETE: "dihapus"}


def json_value(value: Any) -> Any:
    """A column value as JSON: Decimal and dates as text, enums as their code."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in {"-0", "0"} else text
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float):
        return value
    return str(value)


def row_values(row: Any) -> dict[str, Any]:
    """Every column of an ORM row, as JSON values."""
    return {
        column.name: json_value(getattr(row, column.name, None))
        for column in type(row).__table__.columns
    }


def audit_row(
    user: str,
    action: AuditAction,
    row: Any,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    at: datetime,
    row_id: int | None = None,
) -> dict[str, Any]:
    """The values of one audit row for a change to ``row``."""
    from rekanan.store.audit_text import SUBJECT_PARTS, headline, object_names
    from rekanan.store.validation import describe_row, entity_label, label

    table: str = type(row).__tablename__
    entity_id = row_id if row_id is not None else int(row.id)
    if action is AuditAction.UPDATE and table in SUBJECT_PARTS:
        # A row without a name (an incident) is named by its own values; no look-ups, as
        # ``update_many`` audits rows outside the session and must write what ``update`` does.
        summary = headline(table, "update", row_values(row), entity_id, "id", None, after)
    elif action is AuditAction.UPDATE:
        # The fields as the forms call them ("tanggal berakhir", not "end_date").
        summary = f"{entity_label(table).capitalize()} {describe_row(row)} {_VERBS[action]}"
        if after:
            summary += ": " + ", ".join(_lower_first(label(name)) for name in after)
    else:
        # A created or deleted row holds every column: name what it is about (G20), e.g.
        # "Insiden layanan EKIN – e-Kinerja, kontrak 000.3/1/SPK, Kritis, … (ID 78) dibuat".
        values = after if action is AuditAction.CREATE else before
        summary = headline(table, action.value, values, entity_id, "id", object_names(row))
    if len(summary) > SUMMARY_LIMIT:
        summary = summary[: SUMMARY_LIMIT - 1] + "…"
    return {
        "at": at,
        "user": user[:200],
        "action": action,
        "entity": table,
        "entity_id": entity_id,
        "summary": summary,
        "before_json": json.dumps(dict(before), ensure_ascii=False, default=str),
        "after_json": json.dumps(dict(after), ensure_ascii=False, default=str),
    }


def _lower_first(text: str) -> str:
    """``Tanggal berakhir`` -> ``tanggal berakhir``; ``NPWP`` and ``SLA`` stay as written."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def record_audit(
    session: Session,
    user: str,
    action: AuditAction,
    row: Any,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    at: datetime,
    *,
    row_id: int | None = None,
) -> None:
    """Add the audit row of one change to the current transaction."""
    session.add(AuditEntry(**audit_row(user, action, row, before, after, at, row_id)))


# ---------------------------------------------------------------------------- reading


def aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def to_audit_record(row: AuditEntry) -> AuditRecord:
    return AuditRecord(
        id=row.id or 0,
        at=aware(row.at),
        user=row.user,
        action=str(row.action),
        entity=row.entity,
        entity_id=row.entity_id,
        summary=row.summary,
        before_json=row.before_json,
        after_json=row.after_json,
    )


def list_audit(
    session: Session,
    entity: str | None = None,
    entity_id: int | None = None,
    *,
    since: datetime | date | None = None,
    user: str | None = None,
    limit: int | None = 200,
) -> tuple[AuditRecord, ...]:
    """Audit rows, newest first, filtered by table, row, time and person."""
    stmt = select(AuditEntry)
    if entity is not None:
        stmt = stmt.where(_A.entity == entity)
    if entity_id is not None:
        stmt = stmt.where(_A.entity_id == entity_id)
    if since is not None:
        if not isinstance(since, datetime):
            since = datetime(since.year, since.month, since.day, tzinfo=UTC)
        stmt = stmt.where(_A.at >= aware(since))
    if user is not None:
        stmt = stmt.where(_A.user == user)
    stmt = stmt.order_by(_A.at.desc(), _A.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return tuple(to_audit_record(row) for row in session.execute(stmt).scalars())


def audit_entries(
    db: Database,
    entity: str | None = None,
    since: datetime | date | None = None,
    limit: int | None = 200,
    *,
    entity_id: int | None = None,
    user: str | None = None,
) -> tuple[AuditRecord, ...]:
    """``list_audit`` in a session of its own (for ``rekanan audit``)."""
    with db.session() as session:
        return list_audit(session, entity, entity_id, since=since, user=user, limit=limit)
