"""The demo agency loads through the store's writer, on SQLite and PostgreSQL, once only."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlmodel import col

from rekanan.domain.identifiers import check_npwp
from rekanan.models import AuditEntry, Service, Supplier
from rekanan.store.database import Database
from rekanan.store.loaders import load_agency
from rekanan.store.seed import SeedRefused, load_demo

TODAY = date(2026, 11, 23)


def _count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_loads_everything_in_one_audited_transaction(db: Database) -> None:
    started = time.perf_counter()
    summary = load_demo(db, TODAY)
    elapsed = time.perf_counter() - started
    data = load_agency(db)
    assert summary.today == TODAY
    assert summary.agency == "Dinas Komunikasi dan Informatika Kabupaten Sukamaju"
    assert summary.counts["supplier"] == len(data.suppliers)
    assert summary.counts["contract"] == len(data.contracts)
    assert summary.counts["evaluation"] == len(data.evaluations)
    assert summary.counts["incident"] == len(data.incidents)
    assert 28 <= len(data.suppliers) <= 35
    assert len(data.services) == 10
    assert 45 <= len(data.contracts) <= 60
    assert len(data.slas) >= 10
    # Every row was written by the writer, so every row has its audit entry.
    assert _count(db, AuditEntry) == summary.total
    with db.session() as session:
        users = set(session.execute(select(col(AuditEntry.user)).distinct()).scalars())
    assert users == {"rekanan-seed"}
    # A guard against pathological slowness (a commit per row, say); the real number is in
    # the seed engineer's report and bench/ (load_demo is size S there).
    assert elapsed < 15


def test_second_load_is_refused_and_changes_nothing(db: Database) -> None:
    load_demo(db, TODAY)
    before = _count(db, Supplier), _count(db, AuditEntry)
    with pytest.raises(SeedRefused) as caught:
        load_demo(db, TODAY)
    message = str(caught.value)
    assert "sudah berisi" in message and "rekanan seed --db" in message
    assert (_count(db, Supplier), _count(db, AuditEntry)) == before


def test_a_database_with_services_only_is_refused_too(db: Database) -> None:
    with db.writer() as writer:
        writer.create(Service(code="WEB", name="Portal"))
    with pytest.raises(SeedRefused, match="1 layanan"):
        load_demo(db, TODAY)
    assert _count(db, Supplier) == 0


def test_npwps_are_stored_canonical_and_well_formed(db: Database) -> None:
    load_demo(db, TODAY)
    suppliers = load_agency(db).suppliers
    npwps = [s.npwp for s in suppliers]
    assert all(npwps), "every demo supplier has an NPWP (or NIK as NPWP)"
    assert len(set(npwps)) == len(npwps)
    for supplier in suppliers:
        assert supplier.npwp is not None and len(supplier.npwp) == 16
        checked = check_npwp(supplier.npwp)
        assert checked is not None and checked.warning is None, supplier.name
    individuals = [s for s in suppliers if s.legal_form == "perorangan"]
    assert len(individuals) >= 5
    assert all(not s.npwp.startswith("0") for s in individuals if s.npwp)  # NIK as NPWP
