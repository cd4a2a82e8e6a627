"""``Writer.update_many``: the same rows, refusals, versions and audit as ``update`` row by row.

Each comparison runs the same items twice in one transaction that is rolled back in
between: once through ``update`` for each item in order, once through ``update_many``;
the table and the audit rows written must be the same (timestamps and audit ids aside).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel
from store_rows import contract, supplier

from rekanan.models import AuditAction, AuditEntry, Contract, Supplier
from rekanan.store import writes
from rekanan.store.database import Database
from rekanan.store.errors import NotFound, StaleEdit, ValidationFailed
from rekanan.store.writes import UpdatedMany, Writer

Items = Sequence[tuple[int, Mapping[str, Any]]]


class _Rollback(Exception):
    """Leaves the writer without committing."""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _state(w: Writer, model: type[SQLModel], since: int) -> tuple[Any, Any]:
    """Every row of ``model`` (but ``updated_at``) and the audit rows after id ``since``."""
    w.finish()  # the audit row of the last ``update`` is still pending
    table = model.__table__  # type: ignore[attr-defined]
    rows = {
        r.id: {k: _plain(v) for k, v in r._mapping.items() if k != "updated_at"}
        for r in w.session.execute(select(table).order_by(table.c.id))
    }
    audit: Any = AuditEntry
    found = w.session.execute(
        select(
            audit.action,
            audit.entity,
            audit.entity_id,
            audit.user,
            audit.summary,
            audit.before_json,
            audit.after_json,
        )
        .where(audit.id > since)
        .order_by(audit.id)
    )
    return rows, [tuple(r) for r in found]


def _last_audit(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one())


def _one_by_one(w: Writer, model: type[SQLModel], items: Items) -> UpdatedMany:
    versions: list[int | None] = []
    refused: dict[int, ValidationFailed] = {}
    for index, (id, changes) in enumerate(items):
        try:
            versions.append(w.update(model, id, changes))
        except ValidationFailed as why:
            versions.append(None)
            refused[index] = why
    return UpdatedMany(tuple(versions), refused)


def _both(
    db: Database,
    model: type[SQLModel],
    items: Callable[[Writer], Items],
) -> tuple[Any, Any]:
    """(result, state) of the items row by row and in bulk, each rolled back after."""
    since = _last_audit(db)
    seen = []
    for how in (_one_by_one, lambda w, m, i: w.update_many(m, i)):
        with pytest.raises(_Rollback), db.writer() as w:
            done = how(w, model, items(w))
            result = (done.versions, {k: (v.field, str(v)) for k, v in done.refused.items()})
            seen.append((result, _state(w, model, since)))
            raise _Rollback
    return seen[0], seen[1]


def _suppliers(db: Database, count: int) -> list[int]:
    with db.writer() as w:
        return w.create_many(
            supplier(name=f"PT Rekanan {i}", npwp=f"01.234.567.8-90{i}.000", nib=None)
            for i in range(count)
        )


def _contracts(db: Database, supplier_id: int, count: int) -> list[int]:
    with db.writer() as w:
        return w.create_many(
            contract(supplier_id, number=f"KTR/{i:03d}", source_id=f"SRC-{i}") for i in range(count)
        )


def test_a_mixed_batch_gives_what_row_by_row_gives(db: Database) -> None:
    """Changes, no-ops, bad values, taken keys (in the database and within the batch),
    references to nothing, unknown columns: the same outcome, rows and audit either way."""
    sid = _suppliers(db, 1)[0]
    c = _contracts(db, sid, 10)
    items: Items = [
        (c[0], {"value": "1.500", "title": "  Judul baru  "}),  # changed, trimmed
        (c[1], {"value": Decimal("1250000000.50")}),  # the stored value: nothing written
        (c[2], {"value": Decimal("-5")}),  # refused: negative
        (c[3], {"number": "KTR/009"}),  # refused: held by a row outside the batch
        (c[4], {"number": "KTR/005"}),  # refused: c[5] still holds it at this point
        (c[5], {"number": "KTR/105"}),  # lets KTR/005 go
        (c[6], {"number": "KTR/005"}),  # now free: taken
        (c[7], {"supplier_id": 999_999}),  # refused: no such supplier
        (c[8], {"no_such_column": 1}),  # refused: unknown column
        (c[9], {"end_date": date(2025, 1, 1)}),  # refused: before the start
    ]
    one, bulk = _both(db, Contract, lambda w: items)
    assert one == bulk
    (versions, refused), (rows, audit) = bulk
    assert versions[0] == 2 and versions[1] == 1 and versions[6] == 2
    assert set(refused) == {2, 3, 4, 7, 8, 9}
    assert rows[c[0]]["title"] == "Judul baru" and rows[c[6]]["number"] == "KTR/005"
    assert [a[2] for a in audit] == [c[0], c[5], c[6]]
    assert '"value"' in audit[0][5] and '"title"' in audit[0][6]


def test_supplier_changes_renormalise_like_update(db: Database) -> None:
    """A new name moves the name key; an NPWP in another spelling is the same NPWP."""
    s = _suppliers(db, 3)
    items: Items = [
        (s[0], {"name": "CV Baru Sekali", "address": "Jl. Baru 2"}),
        (s[1], {"npwp": "012345678901000"}),  # its own NPWP, bare: nothing to write
        (s[2], {"npwp": "01.234.567.8-900.000"}),  # the NPWP of s[0]: refused
    ]
    one, bulk = _both(db, Supplier, lambda w: items)
    assert one == bulk
    (_, refused), (rows, _) = bulk
    assert set(refused) == {2} and "sudah dipakai" in refused[2][1]
    assert rows[s[0]]["name_key"] != rows[s[1]]["name_key"]


def test_swaps_follow_the_order_of_the_items(db: Database) -> None:
    sid = _suppliers(db, 1)[0]
    c = _contracts(db, sid, 3)
    items: Items = [
        (c[0], {"number": "KTR/001"}),  # refused: c[1] holds it
        (c[1], {"number": "KTR/100", "source_id": "SRC-0"}),  # refused: (manual, SRC-0)
        (c[2], {"number": "KTR/000"}),  # refused: c[0] holds it
    ]
    one, bulk = _both(db, Contract, lambda w: items)
    assert one == bulk
    assert set(bulk[0][1]) == {0, 1, 2}
    items = [
        (c[1], {"number": "KTR/100"}),
        (c[0], {"number": "KTR/001"}),  # c[1] let it go
        (c[2], {"number": "KTR/000", "source_id": "SRC-1"}),  # refused: c[1] holds (manual, SRC-1)
    ]
    one, bulk = _both(db, Contract, lambda w: items)
    assert one == bulk
    assert set(bulk[0][1]) == {2}


def test_the_batch_is_written_and_committed(db: Database) -> None:
    sid = _suppliers(db, 1)[0]
    c = _contracts(db, sid, 5)
    with db.writer() as w:
        held = w.session.get(Contract, c[0])
        assert held is not None and held.value == Decimal("1250000000.50")
        done = w.update_many(Contract, [(cid, {"notice_days": 60}) for cid in c])
        assert done.versions == (2,) * 5 and not done.refused
        assert held.notice_days == 60 and held.version == 2  # the session sees it
        w.update(Contract, c[0], {"notice_days": 90}, expected_version=2)
    with db.session() as s:
        values = s.execute(select(Contract.notice_days, Contract.version)).all()  # type: ignore[call-overload]
        assert sorted(values) == [(60, 2)] * 4 + [(90, 3)]
        count = s.execute(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == AuditAction.UPDATE)  # type: ignore[arg-type]
        ).scalar_one()
    assert count == 6


def test_missing_and_stale_rows_refuse_the_whole_batch(db: Database) -> None:
    sid = _suppliers(db, 1)[0]
    c = _contracts(db, sid, 2)
    before = _last_audit(db)
    with pytest.raises(NotFound), db.writer() as w:
        w.update_many(Contract, [(c[0], {"notice_days": 1}), (999_999, {"notice_days": 1})])
    with pytest.raises(StaleEdit), db.writer() as w:
        w.update_many(Contract, [(c[0], {"notice_days": 1})], expected_versions={c[0]: 7})
    assert _last_audit(db) == before


def test_one_row_twice_goes_row_by_row(db: Database) -> None:
    sid = _suppliers(db, 1)[0]
    c = _contracts(db, sid, 1)
    items: Items = [(c[0], {"notice_days": 10}), (c[0], {"notice_days": 20})]
    one, bulk = _both(db, Contract, lambda w: items)
    assert one == bulk and bulk[0][0] == (2, 3)


def test_what_only_the_database_refuses_falls_back_to_row_by_row(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key the checks miss fails the executemany; the savepoint goes and each row is
    written alone, so only the offending row is refused, with the database's sentence, and
    the transaction goes on."""
    sid = _suppliers(db, 1)[0]
    c = _contracts(db, sid, 3)
    monkeypatch.setattr(writes._Taken, "refusal", lambda self, row: None)
    items: Items = [
        (c[0], {"notice_days": 5}),
        (c[1], {"number": "KTR/002"}),
        (c[2], {"notice_days": 6}),
    ]
    since = _last_audit(db)
    with db.writer() as w:
        done = w.update_many(Contract, items)
        assert done.versions == (2, None, 2)
        assert "sudah dipakai data lain" in str(done.refused[1])
        w.update(Contract, c[1], {"notice_days": 7})
        rows, audit = _state(w, Contract, since)
    assert [a[2] for a in audit] == [c[0], c[2], c[1]]
    assert rows[c[1]]["number"] == "KTR/001" and rows[c[0]]["notice_days"] == 5
