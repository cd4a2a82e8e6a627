"""Every change to the data: validated, version-checked, audited, in one transaction.

``Database.writer()`` hands out a ``Writer`` for one transaction. Each write checks the row
against the schema's rules (``validation``), bumps ``version`` and ``updated_at``, and adds
an audit row with the before and after values. An update or delete that names the version
the person saw is refused with ``StaleEdit`` (naming who saved in between, and when) if the
row has moved on; on PostgreSQL the row is locked first, so two writers cannot both pass the
check. A delete that would leave rows pointing at nothing is refused with ``DeleteRefused``.
``update_many`` gives what ``update`` gives row by row, for many rows of one table at once
(an import's changed rows): read in chunks, written and audited with executemany.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from types import SimpleNamespace
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, func, insert, inspect, select, tuple_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel

from rekanan.models import AuditAction, AuditEntry
from rekanan.models.base import utcnow
from rekanan.store.audit import audit_row, aware, json_value, record_audit, row_values
from rekanan.store.errors import (
    DeleteRefused,
    NotFound,
    StaleEdit,
    StoreError,
    ValidationFailed,
)
from rekanan.store.validation import (
    MODELS,
    _missing_sentence,
    changed_fields,
    check_row,
    describe_row,
    duplicate_sentence,
    entity_label,
    translate_integrity,
    unique_keys,
    validate,
    validate_many,
)

M = TypeVar("M", bound=SQLModel)

_A: Any = AuditEntry


class Writer:
    """The writes of one transaction, made by ``user``; ``session`` is there for reads."""

    def __init__(self, session: Session, user: str) -> None:
        self.session = session
        self.user = user

    # -- create ----------------------------------------------------------------------

    def create(self, obj: SQLModel) -> int:
        """Validate and insert ``obj``; returns its new id."""
        _refuse_audit(type(obj))
        validate(self.session, obj)
        now = utcnow()
        _stamp_new(obj, now)
        self._flush_one(lambda: self.session.add(obj))
        record_audit(self.session, self.user, AuditAction.CREATE, obj, {}, row_values(obj), now)
        return int(obj.id)  # type: ignore[attr-defined]

    def create_many(self, objs: Iterable[SQLModel]) -> list[int]:
        """Validate and insert many rows with one flush (imports, the demo seed)."""
        rows = list(objs)
        for obj in rows:
            _refuse_audit(type(obj))
        validate_many(self.session, rows)
        now = utcnow()
        for obj in rows:
            _stamp_new(obj, now)
        self._flush_one(lambda: self.session.add_all(rows))
        if rows:
            self.session.execute(
                insert(AuditEntry),
                [
                    audit_row(self.user, AuditAction.CREATE, obj, {}, row_values(obj), now)
                    for obj in rows
                ],
            )
        return [int(obj.id) for obj in rows]  # type: ignore[attr-defined]

    # -- update ----------------------------------------------------------------------

    def update(
        self,
        model: type[M],
        id: int,
        changes: Mapping[str, Any],
        expected_version: int | None = None,
    ) -> int:
        """Apply ``changes`` to one row; returns its new version.

        ``expected_version`` is the version the person saw; ``None`` skips the check (for
        code that does not show the row to anyone first). Changes that leave every value as
        it was write nothing.
        """
        _refuse_audit(model)
        changed_fields(model, changes)
        row = self._locked(model, id)
        self._check_version(row, id, expected_version)
        before_all = row_values(row)
        for name, value in changes.items():
            setattr(row, name, value)
        try:
            validate(self.session, row, fields=changes.keys())
        except ValidationFailed:
            self.session.expire(row)
            raise
        after_all = row_values(row)
        names = [name for name in changes if before_all.get(name) != after_all.get(name)]
        if not names:
            self.session.expire(row)
            return int(row.version)  # type: ignore[attr-defined]
        now = utcnow()
        row.version += 1  # type: ignore[attr-defined]
        row.updated_at = now  # type: ignore[attr-defined]
        self._flush_one(lambda: None)
        record_audit(
            self.session,
            self.user,
            AuditAction.UPDATE,
            row,
            {name: before_all.get(name) for name in names},
            {name: after_all.get(name) for name in names},
            now,
        )
        return int(row.version)  # type: ignore[attr-defined]

    def update_many(
        self,
        model: type[M],
        items: Sequence[tuple[int, Mapping[str, Any]]],
        *,
        expected_versions: Mapping[int, int] | None = None,
    ) -> UpdatedMany:
        """``update`` for many rows of one table (an import's changed rows), in bulk.

        The result is what calling ``update`` for each item in order gives: the same checks
        and sentences (unique keys against the database and against the items before it),
        ``version`` bumped, an audit row with the before and after values of exactly the
        changed fields, nothing written for changes that change nothing. But the rows are
        read (and locked) with one query per chunk, written with one executemany per set of
        changed columns, and audited with one executemany. A row the rules refuse is left
        as it was and named in ``refused`` while the others are written; a missing row
        raises ``NotFound`` and one whose version is not in ``expected_versions`` raises
        ``StaleEdit``, refusing the whole batch, as ``update`` does.
        """
        _refuse_audit(model)
        ids = [int(id) for id, _ in items]
        if len(set(ids)) != len(ids):  # one row changed twice: the order matters, go one by one
            return self._update_each(model, items, expected_versions)
        self.finish()  # what is pending goes first, so the audit log keeps the order
        rows = self._read_many(model, ids)
        versions: list[int | None] = [None] * len(items)
        refused: dict[int, ValidationFailed] = {}
        checked: list[tuple[int, Any, dict[str, Any], dict[str, Any]]] = []
        names_of = _column_names(model)
        for index, (id, changes) in enumerate(items):
            try:
                changed_fields(model, changes)
            except ValidationFailed as why:
                refused[index] = why
                continue
            row = rows.get(int(id))
            if row is None:
                raise _not_found(model, int(id))
            expected = expected_versions.get(int(id)) if expected_versions else None
            self._check_version(row, int(id), expected)
            stored = _raw(row, names_of)
            before = {name: json_value(stored[name]) for name in changes}
            for name, value in changes.items():
                setattr(row, name, value)
            try:
                check_row(row, changes.keys())
            except ValidationFailed as why:
                refused[index] = why
                continue
            checked.append((index, row, stored, before))
        now = utcnow()
        batch = _Batch(model)
        taken = _Taken(self.session, model, [row for _, row, _, _ in checked])
        missing = _missing_references(self.session, model, [row for _, row, _, _ in checked])
        for index, row, stored, before in checked:
            refusal = taken.refusal(row) or _reference_refusal(missing, row)
            if refusal is not None:
                refused[index] = refusal
                continue
            after = {name: json_value(getattr(row, name)) for name in before}
            names = [name for name in before if before[name] != after[name]]
            if not names:
                versions[index] = int(row.version)
                continue
            taken.move(row, stored)
            row.version += 1
            row.updated_at = now
            versions[index] = int(row.version)
            batch.add(
                index,
                row,
                stored,
                names,
                audit_row(
                    self.user,
                    AuditAction.UPDATE,
                    row,
                    {name: before[name] for name in names},
                    {name: after[name] for name in names},
                    now,
                ),
            )
        try:
            with self.session.begin_nested():
                batch.write(self.session)
        except SQLAlchemyError as error:
            if translate_integrity(error) is None:
                raise
            # the database refused what the checks let through (a rule only it knows, a
            # race): the savepoint is undone; write row by row, refusing just those rows
            for index, refusal in batch.write_each(self.session).items():
                refused[index] = refusal
                versions[index] = None
        self._forget(model, batch.ids)
        return UpdatedMany(tuple(versions), refused)

    def _update_each(
        self,
        model: type[M],
        items: Sequence[tuple[int, Mapping[str, Any]]],
        expected_versions: Mapping[int, int] | None,
    ) -> UpdatedMany:
        """``update_many`` the slow way: ``update`` for each item, refusals collected."""
        versions: list[int | None] = [None] * len(items)
        refused: dict[int, ValidationFailed] = {}
        for index, (id, changes) in enumerate(items):
            expected = expected_versions.get(int(id)) if expected_versions else None
            try:
                versions[index] = self.update(model, id, changes, expected)
            except ValidationFailed as why:
                refused[index] = why
        return UpdatedMany(tuple(versions), refused)

    def _read_many(self, model: type[M], ids: Sequence[int]) -> dict[int, Any]:
        """The current rows, locked like ``_locked`` does, as objects outside the session.

        A scratch session on the writer's connection reads them, so changing them touches
        nothing the writer's session holds; they are written back with Core statements.
        """
        mapped: Any = model
        found: dict[int, Any] = {}
        with Session(
            bind=self.session.connection(),
            autoflush=False,
            expire_on_commit=False,
            join_transaction_mode="rollback_only",
        ) as scratch:
            for chunk in _chunks(sorted(ids)):
                stmt = select(mapped).where(mapped.id.in_(chunk)).with_for_update()
                for row in scratch.execute(stmt).scalars():
                    found[int(row.id)] = row
            scratch.expunge_all()
        return found

    def _forget(self, model: type[SQLModel], ids: Iterable[int]) -> None:
        """Expire what the writer's session holds of rows written around it."""
        identities = self.session.identity_map
        mapper = inspect(model)
        for id in ids:
            held = identities.get(mapper.identity_key_from_primary_key([id]))
            if held is not None:
                self.session.expire(held)

    # -- delete ----------------------------------------------------------------------

    def delete(self, model: type[SQLModel], id: int, expected_version: int | None = None) -> None:
        """Delete one row; rows that belong to it (``ON DELETE CASCADE``) go with it, audited.

        Refused with ``DeleteRefused`` when other rows still point at it.
        """
        _refuse_audit(model)
        row = self._locked(model, id)
        self._check_version(row, id, expected_version)
        table: str = model.__tablename__  # type: ignore[assignment]
        blocking, owned = dependents(self.session, table, id)
        if blocking:
            raise DeleteRefused(refusal_sentence(table, row, blocking), blocking)
        for child_model, child_id in owned:
            self.delete(child_model, child_id)
        before = row_values(row)
        now = utcnow()
        self._flush_one(lambda: self.session.delete(row))
        record_audit(self.session, self.user, AuditAction.DELETE, row, before, {}, now, row_id=id)

    # -- the transaction -------------------------------------------------------------

    def finish(self) -> None:
        """Flush what is pending before the commit (``Database.writer`` calls it)."""
        self._flush_one(lambda: None)

    def _flush_one(self, change: Any) -> None:
        """Apply ``change`` and flush inside a savepoint, so a refusal leaves the rest usable."""
        try:
            with self.session.begin_nested():
                change()
                self.session.flush()
        except SQLAlchemyError as error:
            translated = translate_integrity(error)
            if translated is not None:
                raise translated from error
            raise

    def _locked(self, model: type[M], id: int) -> M:
        """The current row, locked against other writers until the commit (PostgreSQL)."""
        row = self.session.get(model, id, with_for_update=True, populate_existing=True)
        if row is None:
            raise _not_found(model, id)
        return row

    def _check_version(self, row: Any, id: int, expected: int | None) -> None:
        if expected is None or row.version == expected:
            return
        table = row.__tablename__
        last = last_change(self.session, table, id)
        raise StaleEdit(table, id, last[0] if last else None, last[1] if last else None)


# ---------------------------------------------------------------------------- many rows


@dataclass(frozen=True, slots=True)
class UpdatedMany:
    """What ``Writer.update_many`` did, item by item (indexes into the items given)."""

    versions: tuple[int | None, ...]
    """Each row's version afterwards (unchanged when nothing changed); None where refused."""
    refused: Mapping[int, ValidationFailed]
    """Why each refused item was refused; those rows are left as they were."""


class _Batch:
    """The rows of one ``update_many`` to write, in the order of the items."""

    def __init__(self, model: type[SQLModel]) -> None:
        self.table = _table(model)
        self.unique = {name for key in unique_keys(model) for name in key}
        self.rows: list[tuple[int, tuple[str, ...], dict[str, Any], dict[str, Any]]] = []
        self.ids: list[int] = []

    def add(
        self,
        index: int,
        row: Any,
        stored: Mapping[str, Any],
        names: Sequence[str],
        audit: dict[str, Any],
    ) -> None:
        """A row to write: the columns the change moved (normalised ones too) and its audit."""
        current = _raw(row, stored)
        columns = tuple(
            name
            for name in stored
            if name != "id" and (name in names or not _equal(current[name], stored[name]))
        )
        params = {"_id": int(row.id), **{name: getattr(row, name) for name in columns}}
        self.rows.append((index, columns, params, audit))
        self.ids.append(int(row.id))

    def write(self, session: Session) -> None:
        """One executemany per set of changed columns, then one for the audit rows.

        When a unique column changes, rows are written in their order (consecutive rows
        with the same columns share a statement): a number let go by one row may be taken
        by a later one, as the checks allowed.
        """
        if not self.rows:
            return
        ordered = any(self.unique.intersection(columns) for _, columns, _, _ in self.rows)
        groups: list[tuple[tuple[str, ...], list[dict[str, Any]]]] = []
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for _, columns, params, _ in self.rows:
            if ordered:
                if not groups or groups[-1][0] != columns:
                    groups.append((columns, []))
                groups[-1][1].append(params)
            else:
                by_columns.setdefault(columns, []).append(params)
        for _, params_list in groups or list(by_columns.items()):
            session.execute(self._statement(), params_list)
        session.execute(insert(_table(AuditEntry)), [audit for _, _, _, audit in self.rows])

    def write_each(self, session: Session) -> dict[int, ValidationFailed]:
        """Each row and its audit in a savepoint of its own; what the database refuses, by
        item index, with its sentence (the rest is written)."""
        refused: dict[int, ValidationFailed] = {}
        for index, _, params, audit in self.rows:
            try:
                with session.begin_nested():
                    session.execute(self._statement(), [params])
                    session.execute(insert(_table(AuditEntry)), [audit])
            except SQLAlchemyError as error:
                translated = translate_integrity(error)
                if not isinstance(translated, ValidationFailed):
                    raise
                refused[index] = translated
        return refused

    def _statement(self) -> Any:
        table = self.table
        return update(table).where(table.c.id == bindparam("_id"))


class _Taken:
    """Who holds each unique key, as the rows of a batch are written one after the other.

    It starts from the database (the holders of every value the batch asks for) and moves
    a key to its new holder as each row is written, so the answers are those ``validate``
    gives when the rows are updated one by one in the same order.
    """

    def __init__(self, session: Session, model: type[SQLModel], rows: Sequence[Any]) -> None:
        self.table: str = model.__tablename__  # type: ignore[assignment]
        self.keys = unique_keys(model)
        # (key, values) -> (id, the holding row: described only when a refusal names it)
        self.holders: dict[tuple[tuple[str, ...], tuple[Any, ...]], tuple[int, Any]] = {}
        mapped: Any = model
        shown = [
            getattr(mapped, n)
            for n in ("name", "number", "code", "title", "customer")
            if hasattr(mapped, n)
        ]
        for key in self.keys:
            wanted = sorted(
                {k for row in rows if (k := _key(row, key)) is not None},
                key=repr,
            )
            columns = [getattr(mapped, name) for name in key]
            for chunk in _chunks(wanted):
                if len(key) == 1:
                    condition = columns[0].in_([values[0] for values in chunk])
                else:
                    condition = tuple_(*columns).in_(list(chunk))
                stmt = select(*columns, *shown, mapped.id).where(condition)
                with session.no_autoflush:
                    for found in session.execute(stmt):
                        values = tuple(found[: len(key)])
                        holder = SimpleNamespace(**found._mapping)
                        self.holders[(key, _plain(values))] = (int(found.id), holder)

    def refusal(self, row: Any) -> ValidationFailed | None:
        """Why ``row`` cannot have its keys: another row holds one of them now."""
        for key in self.keys:
            values = _key(row, key)
            if values is None:
                continue
            held = self.holders.get((key, _plain(values)))
            if held is not None and held[0] != int(row.id):
                return ValidationFailed(
                    key[-1], duplicate_sentence(self.table, key, values, describe_row(held[1]))
                )
        return None

    def move(self, row: Any, stored: Mapping[str, Any]) -> None:
        """``row`` is written: it lets go of its old keys and holds its new ones."""
        own = int(row.id)
        for key in self.keys:
            old = tuple(stored[name] for name in key)
            if all(part is not None for part in old):
                spot = (key, _plain(old))
                if self.holders.get(spot, (None,))[0] == own:
                    del self.holders[spot]
            new = _key(row, key)
            if new is not None:
                self.holders[(key, _plain(new))] = (own, row)


def _missing_references(
    session: Session, model: type[SQLModel], rows: Sequence[Any]
) -> dict[str, set[Any]]:
    """Per foreign-key column, the values ``rows`` point at that no row has (one query per
    chunk instead of one ``get`` per row)."""
    missing: dict[str, set[Any]] = {}
    for column in _table(model).columns:
        if not column.foreign_keys:
            continue
        target_table = next(iter(column.foreign_keys)).column.table.name
        target = MODELS.get(target_table)
        if target is None:
            continue
        wanted = sorted({v for row in rows if (v := getattr(row, column.name)) is not None})
        target_id = _table(target).c.id
        found: set[Any] = set()
        for chunk in _chunks(wanted):
            with session.no_autoflush:
                found.update(
                    session.execute(select(target_id).where(target_id.in_(chunk))).scalars()
                )
        missing[column.name] = {v for v in wanted if v not in found}
    return missing


def _reference_refusal(missing: Mapping[str, set[Any]], row: Any) -> ValidationFailed | None:
    """The first reference of ``row`` to a row that does not exist, as ``validate`` says it."""
    table = _table(type(row))
    for name, gone in missing.items():
        value = getattr(row, name)
        if value is not None and value in gone:
            target = next(iter(table.c[name].foreign_keys)).column.table.name
            return ValidationFailed(name, _missing_sentence(target, value))
    return None


def _key(row: Any, key: tuple[str, ...]) -> tuple[Any, ...] | None:
    values = tuple(getattr(row, name) for name in key)
    return None if any(part is None for part in values) else values


def _plain(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """Key values as the database compares them: Decimal by value, times in UTC, enums as text."""
    out: list[Any] = []
    for value in values:
        if isinstance(value, Decimal):
            value = value.normalize()
        elif isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        elif isinstance(value, Enum):
            value = value.value
        out.append(value)
    return tuple(out)


@cache
def _column_names(model: type[SQLModel]) -> tuple[str, ...]:
    return tuple(c.name for c in _table(model).columns)


def _raw(row: Any, names: Iterable[str]) -> dict[str, Any]:
    """The values of ``names`` on a loaded row, read from its dict (much faster than
    ``getattr`` through the mapped attributes)."""
    held = row.__dict__
    return {name: held[name] if name in held else getattr(row, name) for name in names}


def _equal(a: Any, b: Any) -> bool:
    try:
        return a is b or bool(a == b)
    except (TypeError, ArithmeticError):
        return False


def _table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


# ---------------------------------------------------------------------------- helpers


def _not_found(model: type[SQLModel], id: int) -> NotFound:
    return NotFound(
        f"Data {entity_label(model.__tablename__)} dengan ID {id} sudah tidak ada "  # type: ignore[arg-type]
        "(mungkin baru dihapus orang lain). Muat ulang daftarnya."
    )


def _refuse_audit(model: type[SQLModel]) -> None:
    if model is AuditEntry:
        raise StoreError("Jejak audit hanya ditulis oleh aplikasi dan tidak dapat diubah.")


def _stamp_new(obj: SQLModel, now: datetime) -> None:
    if hasattr(obj, "version"):
        obj.version = 1  # type: ignore[attr-defined]
        obj.created_at = now  # type: ignore[attr-defined]
        obj.updated_at = now  # type: ignore[attr-defined]


def last_change(session: Session, table: str, id: int) -> tuple[str, datetime] | None:
    """Who last wrote the row and when, from the audit log."""
    found = session.execute(
        select(_A.user, _A.at)
        .where(_A.entity == table, _A.entity_id == id)
        .order_by(_A.id.desc())
        .limit(1)
    ).first()
    return (str(found[0]), aware(found[1])) if found is not None else None


def dependents(
    session: Session, table: str, id: int
) -> tuple[dict[str, int], list[tuple[type[SQLModel], int]]]:
    """Rows that point at ``table`` row ``id``: counts of those that block a delete, and
    the (model, id) of those that belong to it and go with it (``ON DELETE CASCADE``)."""
    blocking: dict[str, int] = {}
    owned: list[tuple[type[SQLModel], int]] = []
    for child_table, model in MODELS.items():
        for column in model.__table__.columns:  # type: ignore[attr-defined]
            for key in column.foreign_keys:
                if key.column.table.name != table:
                    continue
                ref = getattr(model, column.name)
                if (key.ondelete or "").upper() == "CASCADE":
                    ids = session.execute(select(model.id).where(ref == id)).scalars()  # type: ignore[attr-defined]
                    owned.extend((model, int(child)) for child in ids)
                else:
                    count = session.execute(
                        select(func.count()).select_from(model).where(ref == id)
                    ).scalar_one()
                    if count:
                        blocking[child_table] = blocking.get(child_table, 0) + int(count)
    return blocking, owned


def refusal_sentence(table: str, row: Any, blocking: Mapping[str, int]) -> str:
    """Why a delete is refused: what still points at the row, counted."""
    parts = [f"{count} {entity_label(child)}" for child, count in sorted(blocking.items())]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " dan " + parts[-1]
    return (
        f"{entity_label(table).capitalize()} {describe_row(row)} tidak dapat dihapus karena "
        f"masih dirujuk oleh {listed}. Hapus atau pindahkan data itu lebih dulu"
        + (", atau tandai rekanan ini tidak aktif." if table == "supplier" else ".")
    )
