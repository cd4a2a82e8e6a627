"""Migrations against the models, the constraints in the database itself, and upgrades."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError
from store_rows import contract, supplier

from rekanan.models import Contract, Penalty, Supplier, metadata
from rekanan.store.database import Database, open_database, upgrade
from rekanan.store.errors import ValidationFailed
from rekanan.store.migrations import HEAD_REVISION, KNOWN_REVISIONS
from rekanan.store.migrations.runner import run_downgrade, run_upgrade, script_revisions
from rekanan.store.validation import translate_integrity


def _diffs(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_known_revisions_are_the_shipped_scripts() -> None:
    assert list(KNOWN_REVISIONS) == script_revisions()
    assert script_revisions()[-1] == HEAD_REVISION


def test_migrating_an_empty_database_gives_the_schema_of_the_models(
    empty_database_url: str,
) -> None:
    db = open_database(empty_database_url, user="tester")
    try:
        assert db.revision == HEAD_REVISION
        assert _diffs(db.engine) == []
    finally:
        db.close()


def test_an_empty_database_is_left_alone_without_migrate(empty_database_url: str) -> None:
    db = open_database(empty_database_url, user="tester", migrate=False)
    try:
        assert db.state.empty and not db.up_to_date
        upgrade(db)
        assert db.revision == HEAD_REVISION
    finally:
        db.close()


def test_reopening_keeps_the_data(db: Database) -> None:
    with db.writer() as w:
        w.create(contract(w.create(supplier())))
    again = open_database(db.url, user="lain")
    try:
        assert again.revision == HEAD_REVISION
        with again.session() as s:
            assert s.execute(select(func.count()).select_from(Contract)).scalar_one() == 1
    finally:
        again.close()


def _steps() -> list[tuple[str, str]]:
    revisions = list(KNOWN_REVISIONS)
    return list(itertools.pairwise(revisions))


@pytest.mark.parametrize("step", _steps() or [None])
def test_each_upgrade_keeps_the_data(empty_database_url: str, step: tuple[str, str] | None) -> None:
    """Data written at one revision is still there after upgrading to the next."""
    if step is None:
        pytest.skip("only one revision so far: no upgrade step to test yet")
    older, newer = step
    db = open_database(empty_database_url, user="tester")
    try:
        run_downgrade(db.write_engine, older)
        with db.write_engine.begin() as conn:
            conn.execute(insert(Supplier.__table__).values(name="PT Lama", name_key="lama"))  # type: ignore[attr-defined]
        run_upgrade(db.write_engine, newer)
        with db.session() as s:
            names = s.execute(select(Supplier.__table__.c.name)).scalars()  # type: ignore[attr-defined]
            assert names.all() == ["PT Lama"]
    finally:
        db.close()


# ---------------------------------------------------------------------------- constraints


@pytest.fixture
def raw(db: Database) -> Iterator[tuple[Database, int]]:
    """A database with one supplier, for inserts that bypass the writer."""
    with db.writer() as w:
        sid = w.create(supplier())
    yield db, sid


CHECKS = [
    ({"end_date": date(2025, 1, 1)}, "end_date"),
    ({"value": -1}, "value"),
    ({"penalty_cap_pct": 150}, "penalty_cap_pct"),
    ({"availability_pct": 101}, "availability_pct"),
    ({"notice_days": -1}, "notice_days"),
    ({"performance_bond": -1}, "performance_bond"),
]


@pytest.mark.parametrize(("bad", "field"), CHECKS)
def test_the_database_itself_refuses_bad_contracts_and_says_why(
    raw: tuple[Database, int], bad: dict[str, Any], field: str
) -> None:
    db, sid = raw
    values = {
        "number": "X/1",
        "title": "Uji",
        "supplier_id": sid,
        "start_date": date(2026, 1, 1),
        "value": 0,
        "notice_days": 30,
        "renewal_kind": "tidak",
        "max_renewals": 0,
        "renewals_used": 0,
        "penalty_rate_per_mille": 1,
        "penalty_cap_pct": 5,
        "status": "aktif",
        "termination_reason": "",
        "terminated_for_fault": False,
        "source": "manual",
        "addendum_version": 0,
        "notes": "",
        "is_underpinning": False,
        "ppk": "",
        "satker": "",
        "contract_type": "",
        "version": 1,
        "created_at": date(2026, 1, 1),
        "updated_at": date(2026, 1, 1),
    }
    values.update(bad)
    with pytest.raises(IntegrityError) as caught, db.write_engine.begin() as conn:
        conn.execute(insert(Contract.__table__).values(**values))  # type: ignore[attr-defined]
    translated = translate_integrity(caught.value)
    assert isinstance(translated, ValidationFailed)
    assert translated.field == field
    assert "IntegrityError" not in str(translated) and str(translated).endswith(".")


def test_the_database_refuses_duplicates_and_missing_references(
    raw: tuple[Database, int],
) -> None:
    db, _ = raw
    with db.session() as s:
        npwp = s.execute(select(Supplier.npwp)).scalar_one()
    row = {"name": "PT Kembar", "name_key": "kembar", "npwp": npwp, "legal_form": "pt"}
    row |= {"category": "taktis", "address": "", "contact_person": "", "email": ""}
    row |= {"phone": "", "active": True, "notes": "", "version": 1}
    row |= {"created_at": date(2026, 1, 1), "updated_at": date(2026, 1, 1)}
    with pytest.raises(IntegrityError) as caught, db.write_engine.begin() as conn:
        conn.execute(insert(Supplier.__table__).values(**row))  # type: ignore[attr-defined]
    translated = translate_integrity(caught.value)
    assert isinstance(translated, ValidationFailed) and translated.field == "npwp"
    penalty = {"contract_id": 999, "imposed_on": date(2026, 1, 1), "days_late": 0}
    penalty |= {"base_amount": 0, "amount": 0, "notes": "", "version": 1}
    penalty |= {"created_at": date(2026, 1, 1), "updated_at": date(2026, 1, 1)}
    with pytest.raises(IntegrityError) as caught, db.write_engine.begin() as conn:
        conn.execute(insert(Penalty.__table__).values(**penalty))  # type: ignore[attr-defined]
    translated = translate_integrity(caught.value)
    assert isinstance(translated, ValidationFailed) and "tidak ada" in str(translated)
