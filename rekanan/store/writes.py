"""Every change to the data: validated, version-checked, audited, in one transaction.

``Database.writer()`` hands out a ``Writer`` for one transaction. Each write checks the row
against the schema's rules (``validation``), bumps ``version`` and ``updated_at``, and adds
an audit row with the before and after values. An update or delete that names the version
the person saw is refused with ``StaleEdit`` (naming who saved in between, and when) if the
row has moved on; on PostgreSQL the row is locked first, so two writers cannot both pass the
check. A delete that would leave rows pointing at nothing is refused with ``DeleteRefused``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel

from rekanan.models import AuditAction, AuditEntry
from rekanan.models.base import utcnow
from rekanan.store.audit import audit_row, aware, record_audit, row_values
from rekanan.store.errors import (
    DeleteRefused,
    NotFound,
    StaleEdit,
    StoreError,
    ValidationFailed,
)
from rekanan.store.validation import (
    MODELS,
    changed_fields,
    describe_row,
    entity_label,
    translate_integrity,
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
            raise NotFound(
                f"Data {entity_label(model.__tablename__)} dengan ID {id} sudah tidak ada "  # type: ignore[arg-type]
                "(mungkin baru dihapus orang lain). Muat ulang daftarnya."
            )
        return row

    def _check_version(self, row: Any, id: int, expected: int | None) -> None:
        if expected is None or row.version == expected:
            return
        table = row.__tablename__
        last = last_change(self.session, table, id)
        raise StaleEdit(table, id, last[0] if last else None, last[1] if last else None)


# ---------------------------------------------------------------------------- helpers


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
