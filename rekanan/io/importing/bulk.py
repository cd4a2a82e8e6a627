"""Insert many new rows fast, inside the writer's transaction, checked by the store's rules.

``Writer.create_many`` builds an ORM object per row and checks each unique key and each
reference with its own query: right for a form, but 10 000 contracts take tens of seconds.
An import knows its rows up front, so this module checks the same rules on plain dicts
(the store's own ``coerce``, rule tables, labels and sentences from
``rekanan.store.validation``), checks unique keys and references with one ``IN`` query per
key for the whole batch, and inserts rows and their audit entries with one executemany
each, on the writer's session, so it all stays in the import's one transaction. The
database constraints remain the last guard: anything that slips through fails the flush
and rolls the whole file back with a sentence.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from types import SimpleNamespace
from typing import Any

from annotated_types import Ge, Gt, Le, MinLen
from pydantic_core import PydanticUndefined
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    any_,
    bindparam,
    insert,
    select,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlmodel import Session, SQLModel

from rekanan.domain.identifiers import IdentifierError, name_key, normalise_nib, normalise_npwp
from rekanan.models import AuditAction, AuditEntry, Contract, Evaluation, Supplier
from rekanan.models.base import EnumText, utcnow
from rekanan.store.audit import json_value
from rekanan.store.errors import ValidationFailed
from rekanan.store.validation import (
    INT_LIMIT,
    MANAGED,
    MODELS,
    NON_NEGATIVE,
    ORDERS,
    PERCENTAGES,
    POSITIVE,
    coerce,
    describe_row,
    duplicate_sentence,
    entity_label,
    label,
    unique_keys,
)

CHUNK = 500


@dataclass(frozen=True, slots=True)
class _Col:
    """What the checks need to know about one column, computed once per model."""

    name: str
    column: Column[Any]
    nullable: bool
    length: int | None
    min_length: int | None
    ge: Any
    le: Any
    gt: Any
    integer: bool
    numeric_limit: Decimal | None
    strip: bool


@cache
def _columns(model: type[SQLModel]) -> tuple[_Col, ...]:
    cols = []
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        if column.primary_key:
            continue
        info = model.model_fields.get(column.name)
        metadata = list(info.metadata) if info is not None else []
        kind = column.type
        limit = None
        if isinstance(kind, Numeric) and kind.precision is not None and kind.scale is not None:
            limit = Decimal(10) ** (kind.precision - kind.scale)
        length = getattr(kind, "length", None) if isinstance(kind, String) else None
        cols.append(
            _Col(
                name=column.name,
                column=column,
                nullable=bool(column.nullable),
                length=length,
                min_length=next((m.min_length for m in metadata if isinstance(m, MinLen)), None),
                ge=next((m.ge for m in metadata if isinstance(m, Ge)), None),
                le=next((m.le for m in metadata if isinstance(m, Le)), None),
                gt=next((m.gt for m in metadata if isinstance(m, Gt)), None),
                integer=isinstance(kind, Integer),
                numeric_limit=limit,
                strip=bool(isinstance(kind, String) and length),
            )
        )
    return tuple(cols)


def defaults(model: type[SQLModel], now: datetime) -> dict[str, Any]:
    """The values a new row of ``model`` starts with (its field defaults, stamped ``now``)."""
    values: dict[str, Any] = {}
    for col in _columns(model):
        info = model.model_fields.get(col.name)
        if info is None:
            values[col.name] = None
        elif info.default_factory is not None:
            values[col.name] = info.default_factory()  # type: ignore[call-arg]
        elif info.default is PydanticUndefined:
            values[col.name] = None
        else:
            values[col.name] = info.default
    if "version" in values:
        values.update(version=1, created_at=now, updated_at=now)
    return values


def check_row(model: type[SQLModel], values: dict[str, Any]) -> None:
    """Coerce, normalise and check one row in place, as ``validation.validate`` does."""
    for col in _columns(model):
        value = values.get(col.name)
        if value is not None:
            value = coerce(col.column, value, model)
            if col.strip and isinstance(value, str):
                value = value.strip()
            values[col.name] = value
    _normalise(model, values)
    for col in _columns(model):
        if col.name not in MANAGED:
            _check_column(col, values.get(col.name))
    _check_rules(model, values)


def _normalise(model: type[SQLModel], values: dict[str, Any]) -> None:
    if model is Supplier:
        raw = values.get("npwp") or ""
        try:
            values["npwp"] = normalise_npwp(raw)
        except IdentifierError:
            digits = sum(ch.isdigit() for ch in raw)
            raise ValidationFailed(
                "npwp",
                f"NPWP '{raw}' berisi {digits} angka; tulis 15 angka (99.999.999.9-999.999) "
                "atau 16 angka.",
            ) from None
        try:
            values["nib"] = normalise_nib(values.get("nib") or "")
        except IdentifierError:
            raise ValidationFailed(
                "nib", f"NIB '{values.get('nib')}' harus terdiri dari 13 angka."
            ) from None
        values["name_key"] = name_key(values.get("name") or "")
    if model is Contract and values.get("source_id") == "":
        values["source_id"] = None


def _check_column(col: _Col, value: Any) -> None:
    name = col.name
    if value is None:
        if not col.nullable:
            raise ValidationFailed(name, f"{label(name)} wajib diisi.")
        return
    if isinstance(value, str):
        if "\x00" in value:
            raise ValidationFailed(
                name, f"{label(name)} berisi karakter NUL yang tidak dapat disimpan; hapus dulu."
            )
        if col.min_length is not None and len(value.strip()) < col.min_length:
            raise ValidationFailed(name, f"{label(name)} wajib diisi.")
        if col.length and len(value) > col.length:
            raise ValidationFailed(
                name,
                f"{label(name)} terlalu panjang ({len(value)} karakter); "
                f"paling banyak {col.length} karakter.",
            )
        return
    if isinstance(value, bool):
        return
    if col.integer and isinstance(value, int) and abs(value) > INT_LIMIT:
        raise ValidationFailed(name, f"{label(name)} terlalu besar.")
    limit = col.numeric_limit
    if limit is not None and isinstance(value, Decimal) and abs(value) >= limit:
        raise ValidationFailed(name, f"{label(name)} terlalu besar.")
    if isinstance(value, int | Decimal):
        if col.ge is not None and value < col.ge:
            raise ValidationFailed(name, f"{label(name)} tidak boleh kurang dari {col.ge}.")
        if col.le is not None and value > col.le:
            raise ValidationFailed(name, f"{label(name)} tidak boleh lebih dari {col.le}.")
        if col.gt is not None and value <= col.gt:
            raise ValidationFailed(name, f"{label(name)} harus lebih dari {col.gt}.")


def _check_rules(model: type[SQLModel], values: dict[str, Any]) -> None:
    for name in NON_NEGATIVE.get(model, ()):
        value = values.get(name)
        if value is not None and value < 0:
            raise ValidationFailed(name, f"{label(name)} tidak boleh negatif.")
    for name in POSITIVE.get(model, ()):
        value = values.get(name)
        if value is not None and value <= 0:
            raise ValidationFailed(name, f"{label(name)} harus lebih dari 0.")
    for name in PERCENTAGES.get(model, ()):
        value = values.get(name)
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            raise ValidationFailed(name, f"{label(name)} harus antara 0 dan 100.")
    if model is Evaluation:
        for name in ("quality", "cost", "timeliness", "service"):
            value = values.get(name)
            if value is not None and not 0 <= value <= 3:
                raise ValidationFailed(
                    name,
                    f"{label(name)} harus 1 (Cukup), 2 (Baik) atau 3 (Sangat Baik); "
                    "0 hanya untuk kontrak yang diputus karena kesalahan penyedia.",
                )
    for order in ORDERS.get(model, ()):
        earlier, later = values.get(order.earlier), values.get(order.later)
        if earlier is not None and later is not None and _moment(later) < _moment(earlier):
            raise ValidationFailed(order.later, order.sentence)


def _moment(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)


# --------------------------------------------------------------------------- the batch


def insert_many(
    session: Session, user: str, model: type[SQLModel], rows: Sequence[dict[str, Any]]
) -> tuple[list[int | None], dict[int, ValidationFailed]]:
    """Check and insert ``rows`` (field values of new ``model`` rows) with audit entries.

    Returns the new id of each row (None where refused) and the refusals by row index.
    """
    now = utcnow()
    base = defaults(model, now)
    full: list[dict[str, Any] | None] = []
    refused: dict[int, ValidationFailed] = {}
    for index, row in enumerate(rows):
        values = dict(base)
        values.update((k, v) for k, v in row.items() if k in base)
        try:
            check_row(model, values)
        except ValidationFailed as why:
            refused[index] = why
            full.append(None)
            continue
        full.append(values)
    _check_unique(session, model, full, refused)
    _check_references(session, model, full, refused)
    ids: list[int | None] = [None] * len(rows)
    good = [(i, values) for i, values in enumerate(full) if values is not None]
    if not good:
        return ids, refused
    table = model.__table__  # type: ignore[attr-defined]
    reserved = reserve_ids(session, table.name, len(good))
    if reserved is not None:
        for (index, values), new_id in zip(good, reserved, strict=True):
            ids[index] = values["id"] = new_id
        session.execute(insert(table), [values for _, values in good])
    else:  # another database: let it number the rows, one batch at a time
        for start in range(0, len(good), CHUNK):
            part = good[start : start + CHUNK]
            stmt = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            new_ids = session.execute(stmt, [values for _, values in part]).scalars().all()
            for (index, values), new_id in zip(part, new_ids, strict=True):
                ids[index] = values["id"] = int(new_id)
    audit = AuditEntry.__table__  # type: ignore[attr-defined]
    session.execute(insert(audit), [_audit(user, model, values, now) for _, values in good])
    return ids, refused


def reserve_ids(session: Session, table: str, count: int) -> list[int] | None:
    """``count`` fresh ids for ``table``, so rows go in with one executemany.

    SQLite: the writer holds the write lock from its first statement (``BEGIN
    IMMEDIATE``), so the ids after ``MAX(id)`` stay free until the commit. PostgreSQL: the
    table's own sequence hands them out. Other databases: None (the caller lets the
    database number the rows).
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        top = session.execute(text(f'SELECT COALESCE(MAX(id), 0) FROM "{table}"')).scalar_one()
        return list(range(int(top) + 1, int(top) + 1 + count))
    if dialect == "postgresql":
        stmt = text(
            "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"
        )
        return [int(i) for i in session.execute(stmt, {"table": table, "n": count}).scalars()]
    return None


def _audit(
    user: str, model: type[SQLModel], values: dict[str, Any], now: datetime
) -> dict[str, Any]:
    """The audit entry of one created row, as ``store.audit.audit_row`` writes it."""
    table: str = model.__tablename__  # type: ignore[assignment]
    after = {col.name: json_value(values.get(col.name)) for col in _columns(model)}
    after = {"id": values["id"], **after}
    summary = f"{entity_label(table).capitalize()} {describe_row(SimpleNamespace(**values))} dibuat"
    return {
        "at": now,
        "user": user[:200],
        "action": AuditAction.CREATE,
        "entity": table,
        "entity_id": values["id"],
        "summary": summary[:500],
        "before_json": "{}",
        "after_json": json.dumps(after, ensure_ascii=False, default=str),
    }


def one_of(session: Session, column: Any, values: Sequence[Any]) -> Any:
    """``column IN values``; on PostgreSQL one array parameter (``= ANY(:values)``).

    PostgreSQL compares a row against an ``IN`` list of 500 parameters one by one when no
    index fits; an array parameter is hashed, which keeps a re-import of 10 000 rows fast.
    """
    kind = column.type
    if session.get_bind().dialect.name == "postgresql" and not isinstance(kind, EnumText):
        base = getattr(kind, "impl_instance", kind)
        if isinstance(base, String | Integer | Date | DateTime):
            return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(base)))
    return column.in_(values)


def _check_unique(
    session: Session,
    model: type[SQLModel],
    full: list[dict[str, Any] | None],
    refused: dict[int, ValidationFailed],
) -> None:
    """Every unique key: not taken in the database, and not twice in the batch."""
    table: str = model.__tablename__  # type: ignore[assignment]
    mapped: Any = model
    for key in unique_keys(model):
        seen: dict[tuple[Any, ...], str] = {}
        wanted: dict[tuple[Any, ...], list[int]] = {}
        for index, values in enumerate(full):
            if values is None:
                continue
            k = tuple(values.get(name) for name in key)
            if any(part is None for part in k):
                continue
            if k in seen:
                why = ValidationFailed(key[-1], duplicate_sentence(table, key, k, seen[k]))
                refused[index] = why
                full[index] = None
                continue
            seen[k] = describe_row(SimpleNamespace(**values))
            wanted.setdefault(k, []).append(index)
        if not wanted:
            continue
        first = getattr(mapped, key[0])
        firsts = sorted({k[0] for k in wanted}, key=repr)
        for start in range(0, len(firsts), CHUNK):
            chunk = firsts[start : start + CHUNK]
            columns = [getattr(mapped, name) for name in key]
            stmt = select(
                *columns,
                *(
                    getattr(mapped, n)
                    for n in ("name", "number", "code", "title")
                    if hasattr(mapped, n)
                ),
                mapped.id,
            ).where(one_of(session, first, chunk))
            for found in session.execute(stmt):
                k = tuple(found[: len(key)])
                for index in wanted.get(k, []):
                    holder = describe_row(SimpleNamespace(**found._mapping))
                    refused[index] = ValidationFailed(
                        key[-1], duplicate_sentence(table, key, k, holder)
                    )
                    full[index] = None


def _check_references(
    session: Session,
    model: type[SQLModel],
    full: list[dict[str, Any] | None],
    refused: dict[int, ValidationFailed],
) -> None:
    """Every foreign key points at a row that exists (one query per referenced table)."""
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        if not column.foreign_keys:
            continue
        target_table = next(iter(column.foreign_keys)).column.table.name
        target: Any = MODELS.get(target_table)
        if target is None:
            continue
        ids = {values[column.name] for values in full if values and values.get(column.name)}
        existing: set[Any] = set()
        ordered = sorted(ids)
        for start in range(0, len(ordered), CHUNK):
            chunk = ordered[start : start + CHUNK]
            existing.update(
                session.execute(
                    select(target.id).where(one_of(session, target.id, chunk))
                ).scalars()
            )
        for index, values in enumerate(full):
            if values is None:
                continue
            value = values.get(column.name)
            if value is not None and value not in existing:
                what = entity_label(target_table)
                refused[index] = ValidationFailed(
                    column.name,
                    f"{what.capitalize()} nomor {value} tidak ada (mungkin sudah dihapus); "
                    f"pilih {what} lain.",
                )
                full[index] = None
