"""The history tab of a detail screen: who changed what, when (the store's audit log)."""

from __future__ import annotations

import importlib
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
        records = tuple(found)[:_LIMIT]
        remember_names(session, records)
        return records
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


_NAMES: dict[tuple[str, int], str] = {}
"""Names of the records the loaded entries point at (filled by ``load_audit`` in its worker,
read when the rows are drawn); only ever grows by what the history tabs showed."""


def _known_name(table: str, row_id: int) -> str | None:
    return _NAMES.get((table, row_id))


def remember_names(session: Session, records: tuple[AuditRecord, ...]) -> None:
    """Read the names the entries refer to (a contract's number, a service's code)."""
    from rekanan.store.audit_text import NAME_COLUMNS, session_names

    names = session_names(session, records)
    for record in records:
        for key in _referenced(record):
            if key[0] in NAME_COLUMNS:
                found = names(*key)
                if found:
                    _NAMES[key] = found


def _referenced(record: AuditRecord) -> list[tuple[str, int]]:
    from rekanan.store.audit_text import json_object, ref_table

    keys = [(record.entity, record.entity_id)]
    for values in (json_object(record.before_json), json_object(record.after_json)):
        for field, value in values.items():
            target = ref_table(record.entity, field)
            if target is not None and isinstance(value, int):
                keys.append((target, value))
    return keys


def changes_text(record: AuditRecord, lang: str = "id") -> str:
    """``Label: before → after`` for each field an update changed, with values as the screens
    show them; a create or delete in one sentence that names the record (G20)."""
    from rekanan.store.audit_text import entry_changes, entry_headline

    if record.action == "update":
        parts = [
            f"{change.label}: {change.before} → {change.after}"
            for change in entry_changes(record, lang, _known_name)
        ]
        if parts:
            return "; ".join(parts)
    return entry_headline(record, lang, _known_name)


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
        Column("what", N_("Perubahan"), lambda r: text(changes_text(r, language(node))), width=70),
    ]
