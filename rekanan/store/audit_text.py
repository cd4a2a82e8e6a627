"""The audit trail as a person reads it: labels, values as on screen, entries that name the thing.

Why (finding G20): the log stores columns and codes (``status: aktif -> masa_pemberitahuan``,
``npwp: 0013340832611000``) and older summaries such as "Insiden ID 78 dibuat". The stored
rows are append-only and never rewritten; this module words them at display time from their
before/after JSON, in Indonesian or English, and ``rekanan.store.audit.audit_row`` uses the
same wording for the summaries of new rows. Names of referenced records (a contract's
number, a service's code) come from a ``Names`` lookup: the writer's session when a row is
written, one batched read per table when the log is shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, Numeric, select
from sqlalchemy.orm import Session, object_session

from rekanan.domain.enum_words import enum_word
from rekanan.domain.formatting import medium_date, number, percent, rupiah
from rekanan.domain.identifiers import format_npwp
from rekanan.domain.records import AuditRecord
from rekanan.domain.review import ReviewScope
from rekanan.models.base import EnumText
from rekanan.store.audit import row_values
from rekanan.store.audit_words import (
    WORDS,
    alert_kind_word,
    entity_word,
    field_label,
    word,
)
from rekanan.store.validation import MODELS, describe_row

Names = Callable[[str, int], str | None]
"""``names(table, id)``: how a person recognises that record (``None`` when unknown)."""

HIDDEN = frozenset(
    {"id", "version", "created_at", "updated_at", "name_key", "queue_json"}
    | {"snapshot_json", "effect_json"}
)
"""Columns the writer or the app keeps for itself; nobody typed them."""

MONEY = frozenset({"value", "performance_bond", "base_amount", "amount"})

NAMED = frozenset({"supplier", "contract", "service"})
"""Tables whose rows have a name of their own: ``Rekanan 'PT X' (ID 3)``, as before."""

SUBJECT_PARTS: dict[str, tuple[str, ...]] = {
    "sanction": ("kind", "supplier_id", "start_date"),
    "sla": ("service_id", "customer"),
    "contract_service": ("contract_id", "service_id", "component"),
    "grace_extension": ("contract_id", "days", "granted_on"),
    "evaluation": ("supplier_id", "contract_id", "period_end"),
    "incident": ("service_id", "contract_id", "severity", "started_at"),
    "warning_letter": ("level", "contract_id", "issued_on"),
    "penalty": ("contract_id", "amount", "imposed_on"),
    "review_session": ("scope",),
    "review_decision": ("contract_id", "decision", "defer_until"),
    "alert_snooze": ("alert_key", "until", "reason"),
    "agency_holiday": ("day", "name"),
}
"""What names a row that has no name: the records it belongs to and its key facts."""

NAME_COLUMNS: dict[str, tuple[str, ...]] = {
    "supplier": ("name",),
    "contract": ("number",),
    "service": ("code", "name"),
    "sla": ("customer",),
    "sanction": ("decree_number",),
    "review_session": ("scope",),
    "agency_holiday": ("name",),
}
"""The columns that name a referenced record (``EKIN – e-Kinerja``)."""


def no_names(table: str, row_id: int) -> str | None:
    """A ``Names`` that knows nobody (records then show as ``ID 12``)."""
    return None


# ---------------------------------------------------------------------------- values


@cache
def _column(table: str, field: str) -> Any:
    model = MODELS.get(table)
    if model is None:
        return None
    return model.__table__.columns.get(field)  # type: ignore[attr-defined]


def ref_table(table: str, field: str) -> str | None:
    """The table a foreign-key column points at (``contract_id`` -> ``contract``)."""
    column = _column(table, field)
    if column is None:
        return None
    for key in column.foreign_keys:
        return str(key.column.table.name)
    return None


def show_value(
    table: str, field: str, value: Any, language: str = "id", names: Names | None = None
) -> str:
    """A stored JSON value as the screens show it: words for codes, NPWP with its dots,
    rupiah, ``8 Des 2026``; a referenced record by its name."""
    names = names or no_names
    if value is None or value == "":
        return word("empty", language)
    if field == "npwp":
        return format_npwp(str(value)) or str(value)
    if field == "alert_key":
        return alert_text(str(value), language, names)
    if table == "review_session" and field == "scope":
        try:
            return f"'{ReviewScope.parse(str(value)).describe(language)}'"
        except ValueError:
            return str(value)
    column = _column(table, field)
    if column is None:
        return _plain(value)
    target = ref_table(table, field)
    if target is not None and isinstance(value, int):
        return names(target, value) or word("id", language, id=value)
    kind = column.type
    try:
        if isinstance(kind, EnumText):
            return enum_word(kind.enum, str(value), language)
        if isinstance(kind, Boolean):
            return word("yes" if value else "no", language)
        if isinstance(kind, DateTime):
            return _moment(datetime.fromisoformat(str(value)), language)
        if isinstance(kind, Date):
            return medium_date(date.fromisoformat(str(value)), language)
        if isinstance(kind, Numeric) and not isinstance(value, bool):
            amount = Decimal(str(value))
            if field in MONEY:
                return rupiah(amount, language)
            if field.endswith("_pct"):
                return percent(amount, language, 3)
            return number(amount, language, 3)
        if isinstance(kind, Integer) and isinstance(value, int):
            return str(value)
    except (ValueError, InvalidOperation):
        return _plain(value)
    return _plain(value)


def _moment(moment: datetime, language: str) -> str:
    """``12 Nov 2026 10:00``; a stored UTC time in local time, an office-clock time as is."""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{medium_date(moment.date(), language)} {moment:%H:%M}"


def _plain(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def alert_text(key: str, language: str = "id", names: Names | None = None) -> str:
    """An alert key as its kind and record: ``'Keputusan perpanjangan' kontrak 000.3/041/SPK``."""
    names = names or no_names
    parts = key.split(":")
    text = f"'{alert_kind_word(parts[0], language)}'"
    if len(parts) >= 3 and parts[2].isdigit():
        table, row_id = parts[1], int(parts[2])
        name = names(table, row_id) or word("id", language, id=row_id)
        ref = f"ref.{table}"
        text += " " + (word(ref, language, v=name) if ref in WORDS else f"{table} {name}")
    return text


# ---------------------------------------------------------------------------- headlines


def subject(
    table: str,
    values: Mapping[str, Any],
    row_id: int,
    language: str = "id",
    names: Names | None = None,
) -> str:
    """How a row is named in a sentence: ``'PT X' (ID 3)`` or, for a row without a name,
    its records and facts: ``layanan EKIN, kontrak 000.3/041/SPK, Kritis, … (ID 78)``."""
    names = names or no_names
    if table in NAMED or table not in SUBJECT_PARTS or set(values) == {"name"}:
        return describe_row(SimpleNamespace(**{**values, "id": row_id}))
    parts: list[str] = []
    for field in SUBJECT_PARTS[table]:
        value = values.get(field)
        if value is None or value == "":
            continue
        shown = show_value(table, field, value, language, names)
        target = ref_table(table, field)
        if target is not None and f"ref.{target}" in WORDS:
            shown = word(f"ref.{target}", language, v=shown)
        elif f"part.{field}" in WORDS:
            shown = word(f"part.{field}", language, v=shown)
        parts.append(shown)
    ident = word("id", language, id=row_id)
    return f"{', '.join(parts)} ({ident})" if parts else ident


def headline(
    table: str,
    action: str,
    values: Mapping[str, Any],
    row_id: int,
    language: str = "id",
    names: Names | None = None,
    fields: Iterable[str] = (),
) -> str:
    """``Insiden layanan EKIN, … (ID 78) dibuat``; an update adds the fields it changed."""
    names = names or no_names
    entity = entity_word(table, language)
    text = f"{entity[:1].upper()}{entity[1:]} {subject(table, values, row_id, language, names)}"
    text += f" {word(action, language) if action in WORDS else action}"
    shown = [_lower_first(field_label(f, language)) for f in fields if f not in HIDDEN]
    if action == "update" and shown:
        text += ": " + ", ".join(shown)
    return text


def _lower_first(text: str) -> str:
    """``Tanggal berakhir`` -> ``tanggal berakhir``; ``NPWP`` and ``SLA`` stay as written."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------------------- entries


@dataclass(frozen=True, slots=True)
class Change:
    """One changed field of an update, worded."""

    field: str
    label: str
    before: str
    after: str


def json_object(text: str) -> dict[str, Any]:
    """A stored before/after JSON object (anything else comes back under ``?``)."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {"?": text}
    return value if isinstance(value, dict) else {"?": value}


def entry_changes(
    entry: AuditRecord, language: str = "id", names: Names | None = None
) -> tuple[Change, ...]:
    """The fields an entry records, in the order of the form; writer-kept columns left out."""
    names = names or no_names
    before = json_object(entry.before_json)
    after = json_object(entry.after_json)
    order = {name: index for index, name in enumerate(_columns(entry.entity))}
    fields = sorted(set(before) | set(after), key=lambda f: (order.get(f, len(order)), f))
    return tuple(
        Change(
            field,
            field_label(field, language),
            show_value(entry.entity, field, before[field], language, names)
            if field in before
            else "-",
            show_value(entry.entity, field, after[field], language, names)
            if field in after
            else "-",
        )
        for field in fields
        if field not in HIDDEN
    )


def _columns(table: str) -> tuple[str, ...]:
    model = MODELS.get(table)
    if model is None:
        return ()
    return tuple(c.name for c in model.__table__.columns)  # type: ignore[attr-defined]


def entry_headline(entry: AuditRecord, language: str = "id", names: Names | None = None) -> str:
    """The entry in one sentence that names the record, worded afresh from its JSON.

    A create or delete holds every column, so even an old "Insiden ID 78 dibuat" now reads
    with its service, contract and start. An update holds only what changed: a row without
    a name of its own (an incident) is named by its values as they are now, when ``names``
    read them; otherwise, in Indonesian, its stored summary names the record as it was then,
    and in English it is worded with the record's name as it is now.
    """
    names = names or no_names
    before = json_object(entry.before_json)
    after = json_object(entry.after_json)
    if entry.action == "create":
        return headline(entry.entity, "create", after, entry.entity_id, language, names)
    if entry.action == "delete":
        return headline(entry.entity, "delete", before, entry.entity_id, language, names)
    fields = after or before
    current = names.current(entry.entity, entry.entity_id) if isinstance(names, NameBook) else None
    if current is not None and entry.entity in SUBJECT_PARTS:
        # a row without a name of its own: name it by what it is now (its service, contract)
        return headline(entry.entity, "update", current, entry.entity_id, language, names, fields)
    if language != "en" and entry.summary:
        return entry.summary
    name = names(entry.entity, entry.entity_id)
    values = {"name": name} if name else {}
    return headline(entry.entity, "update", values, entry.entity_id, language, names, fields)


# ---------------------------------------------------------------------------- names


def _name(row: Any, table: str) -> str | None:
    parts = [str(getattr(row, c)) for c in NAME_COLUMNS.get(table, ()) if getattr(row, c, None)]
    return " – ".join(parts) or None


def object_names(row: Any) -> Names:
    """Names read through the session ``row`` belongs to (the writer's), or none."""
    session = object_session(row)
    if session is None:
        return no_names
    found: dict[tuple[str, int], str | None] = {}

    def names(table: str, row_id: int) -> str | None:
        key = (table, row_id)
        if key not in found:
            model = MODELS.get(table)
            if model is None or table not in NAME_COLUMNS:
                return None
            with session.no_autoflush:
                target = session.get(model, row_id)
            found[key] = _name(target, table) if target is not None else None
        return found[key]

    return names


class NameBook:
    """``Names`` read ahead for a page of entries, plus the current values of the rows
    without a name of their own that the entries changed (to name an old update)."""

    def __init__(
        self,
        found: Mapping[tuple[str, int], str],
        rows: Mapping[tuple[str, int], Mapping[str, Any]],
    ) -> None:
        self._found = dict(found)
        self._rows = dict(rows)

    def __call__(self, table: str, row_id: int) -> str | None:
        return self._found.get((table, row_id))

    def current(self, table: str, row_id: int) -> Mapping[str, Any] | None:
        """The row as it is now (JSON values), when it still exists."""
        return self._rows.get((table, row_id))


def session_names(session: Session, entries: Iterable[AuditRecord]) -> NameBook:
    """Names of every record the entries point at, read with one query per table."""
    entries = list(entries)
    wanted: dict[str, set[int]] = {}
    updated: dict[str, set[int]] = {}
    for entry in entries:
        wanted.setdefault(entry.entity, set()).add(entry.entity_id)
        if entry.action == "update" and entry.entity in SUBJECT_PARTS:
            updated.setdefault(entry.entity, set()).add(entry.entity_id)
        for values in (json_object(entry.before_json), json_object(entry.after_json)):
            _want_refs(entry.entity, values, wanted)
    rows: dict[tuple[str, int], dict[str, Any]] = {}
    for table, ids in updated.items():
        model: Any = MODELS[table]
        for chunk in _chunks(sorted(ids)):
            for row in session.execute(select(model).where(model.id.in_(chunk))).scalars():
                values = row_values(row)
                rows[(table, int(row.id))] = values
                _want_refs(table, values, wanted)
    found: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        columns = NAME_COLUMNS.get(table)
        model = MODELS.get(table)
        if not columns or model is None:
            continue
        chosen = [model.id, *(getattr(model, c) for c in columns)]
        for chunk in _chunks(sorted(ids)):
            for row in session.execute(select(*chosen).where(model.id.in_(chunk))):
                name = _name(SimpleNamespace(**dict(zip(columns, row[1:], strict=True))), table)
                if name:
                    found[(table, int(row[0]))] = name
    return NameBook(found, rows)


def _want_refs(table: str, values: Mapping[str, Any], wanted: dict[str, set[int]]) -> None:
    """Note the records ``values`` point at (foreign keys, an alert key's record)."""
    for field, value in values.items():
        target = ref_table(table, field)
        if target is not None and isinstance(value, int):
            wanted.setdefault(target, set()).add(value)
        elif field == "alert_key" and isinstance(value, str):
            parts = value.split(":")
            if len(parts) >= 3 and parts[2].isdigit():
                wanted.setdefault(parts[1], set()).add(int(parts[2]))


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]
