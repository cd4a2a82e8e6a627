"""The history tab of a detail screen: who changed what, when (the store's audit log)."""

from __future__ import annotations

import importlib
import json
from typing import Any

from rich.text import Text
from sqlalchemy import select
from sqlalchemy.orm import Session
from textual.dom import DOMNode

from rekanan.domain.records import AuditRecord
from rekanan.models import AuditEntry
from rekanan.screens.register_support import N_, language, text, tr
from rekanan.widgets.paged_table import Column

_A: Any = AuditEntry
_LIMIT = 200


def load_audit(session: Session, entity: str, entity_id: int) -> tuple[AuditRecord, ...]:
    """The newest changes of one record, via ``rekanan.store.audit.list_audit``.

    Until the store offers it, read the table directly (newest first, at most 200).
    """
    try:
        module = importlib.import_module("rekanan.store.audit")
    except ImportError:
        module = None
    lister = getattr(module, "list_audit", None)
    if callable(lister):
        try:
            found = lister(session, entity=entity, entity_id=entity_id, limit=_LIMIT)
        except TypeError:
            found = lister(session, entity, entity_id)
        return tuple(found)[:_LIMIT]
    rows = session.execute(
        select(AuditEntry)
        .where(_A.entity == entity, _A.entity_id == entity_id)
        .order_by(_A.at.desc(), _A.id.desc())
        .limit(_LIMIT)
    ).scalars()
    return tuple(
        AuditRecord(
            id=row.id or 0,
            at=row.at,
            user=row.user,
            action=str(row.action),
            entity=row.entity,
            entity_id=row.entity_id,
            summary=row.summary,
            before_json=row.before_json,
            after_json=row.after_json,
        )
        for row in rows
    )


ACTION_LABEL = {"create": N_("dibuat"), "update": N_("diubah"), "delete": N_("dihapus")}


def changes_text(record: AuditRecord) -> str:
    """``field: before → after`` for each changed field, or the summary."""
    try:
        before = json.loads(record.before_json or "{}")
        after = json.loads(record.after_json or "{}")
    except ValueError:
        return record.summary
    if record.action == "update" and isinstance(after, dict):
        parts = [
            f"{name}: {before.get(name, '') if isinstance(before, dict) else ''} → {value}"
            for name, value in after.items()
            if name not in ("version", "updated_at")
        ]
        if parts:
            return "; ".join(parts)
    return record.summary


def audit_columns(node: DOMNode) -> list[Column[AuditRecord]]:
    """Columns of the history table."""

    def when(record: AuditRecord) -> Text:
        local = record.at.astimezone() if record.at.tzinfo else record.at
        lang = language(node)
        fmt = "%d/%m/%Y %H:%M" if lang == "id" else "%Y-%m-%d %H:%M"
        return Text(local.strftime(fmt))

    return [
        Column("at", N_("Waktu"), when, width=17),
        Column("user", N_("Oleh"), lambda r: text(r.user), width=14),
        Column(
            "action",
            N_("Tindakan"),
            lambda r: text(tr(node, ACTION_LABEL.get(str(r.action), str(r.action)))),
        ),
        Column("what", N_("Perubahan"), lambda r: text(changes_text(r)), width=70),
    ]
