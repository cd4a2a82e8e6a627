"""The writer: round trips, refusals with sentences, versions, audit rows, deletes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlmodel import SQLModel
from store_rows import NPWP_CANONICAL, contract, every_row, row_id, service, supplier

from rekanan.models import (
    SLA,
    AuditAction,
    AuditEntry,
    Contract,
    ContractService,
    Evaluation,
    GraceExtension,
    Incident,
    Penalty,
    Sanction,
    Service,
    Supplier,
)
from rekanan.store.database import Database, open_database
from rekanan.store.errors import (
    DeleteRefused,
    NotFound,
    ReadOnly,
    StaleEdit,
    StoreError,
    ValidationFailed,
)
from rekanan.store.validation import MODELS


def _plain(value: Any) -> Any:
    """Values comparable across backends: aware times in UTC without zone, Decimals exact."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _columns(row: SQLModel) -> dict[str, Any]:
    return {c.name: _plain(getattr(row, c.name)) for c in row.__table__.columns}  # type: ignore[attr-defined]


def _count(db: Database, model: type[SQLModel]) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def _audit(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars())  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- round trips


def test_every_table_round_trips(db: Database) -> None:
    with db.writer() as w:
        made = every_row(w)
        expected = {table: _columns(row) for table, row in made.items()}
    assert set(expected) == set(MODELS) - {"audit_log"}
    with db.session() as s:
        for table, values in expected.items():
            stored = s.get(MODELS[table], values["id"])
            assert stored is not None, table
            assert _columns(stored) == values, table


def test_values_are_coerced_and_normalised(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier(name="  CV Maju  ", npwp="012345678901000", nib="1234-5678-90123"))
        cid = w.create(contract(sid, value="1500000,00".replace(",", "."), start_date="2026-02-01"))
    with db.session() as s:
        row = s.get(Supplier, sid)
        assert row is not None
        assert (row.name, row.npwp, row.nib, row.name_key) == (
            "CV Maju",
            NPWP_CANONICAL,
            "1234567890123",
            "maju",
        )
        c = s.get(Contract, cid)
        assert c is not None
        assert c.value == Decimal("1500000") and c.start_date == date(2026, 2, 1)


# ---------------------------------------------------------------------------- refusals


def _valid_rows(sid: int, svid: int, cid: int) -> dict[str, SQLModel]:
    return {
        "contract": contract(sid, number="BARU/1", source_id=None),
        "sla": SLA(service_id=svid, customer="Bappeda", valid_from=date(2026, 1, 1)),
        "evaluation": Evaluation(
            supplier_id=sid,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 3, 31),
            quality=2,
            cost=2,
            timeliness=2,
            service=2,
            evaluated_on=date(2026, 4, 1),
        ),
        "penalty": Penalty(contract_id=cid, imposed_on=date(2026, 5, 1)),
        "grace": GraceExtension(contract_id=cid, granted_on=date(2026, 5, 1), days=10),
        "incident": Incident(service_id=svid, started_at=datetime(2026, 5, 1, 8, 0)),
        "sanction": Sanction(supplier_id=sid, start_date=date(2026, 1, 1)),
        "supplier": supplier(name="PT Lain", npwp=None),
    }


BAD = [
    # (row kind, field, bad value, words the sentence must contain)
    ("contract", "end_date", date(2025, 1, 1), "tidak boleh sebelum tanggal mulai"),
    ("contract", "termination_date", date(2025, 1, 1), "pemutusan"),
    ("contract", "value", Decimal("-1"), "Nilai kontrak tidak boleh negatif"),
    ("contract", "performance_bond", Decimal("-5"), "Jaminan pelaksanaan"),
    ("contract", "notice_days", -1, "Masa pemberitahuan"),
    ("contract", "max_renewals", -1, "Perpanjangan maksimal"),
    ("contract", "renewals_used", -2, "Perpanjangan terpakai"),
    ("contract", "penalty_cap_pct", Decimal("100.5"), "antara 0 dan 100"),
    ("contract", "penalty_rate_per_mille", Decimal("-0.1"), "Denda per hari"),
    ("contract", "availability_pct", Decimal("-1"), "antara 0 dan 100"),
    ("contract", "value", Decimal("1e17"), "terlalu besar"),
    ("contract", "value", "sejuta", "bukan angka"),
    ("contract", "start_date", "kemarin", "bukan tanggal"),
    ("contract", "status", "hilang", "tidak dikenal"),
    ("contract", "title", "   ", "Judul wajib diisi"),
    ("contract", "number", "x" * 201, "terlalu panjang"),
    ("contract", "notes", "a\x00b", "NUL"),
    ("contract", "supplier_id", 9999, "Rekanan dengan ID 9999 tidak ada"),
    ("contract", "start_date", None, "Tanggal mulai wajib diisi"),
    ("sla", "availability_pct", Decimal("101"), "antara 0 dan 100"),
    ("sla", "response_hours", Decimal("-1"), "Waktu respons"),
    ("sla", "valid_until", date(2025, 1, 1), "berlaku"),
    ("sla", "service_id", 9999, "Layanan dengan ID 9999"),
    ("evaluation", "quality", 4, "tidak boleh lebih dari 3"),
    ("evaluation", "period_end", date(2025, 1, 1), "Akhir periode"),
    ("penalty", "amount", Decimal("-1"), "Jumlah denda"),
    ("penalty", "days_late", -3, "Hari keterlambatan"),
    ("grace", "days", 0, "lebih dari 0"),
    ("incident", "resolved_at", datetime(2026, 4, 30), "Waktu selesai"),
    ("incident", "responded_at", datetime(2026, 4, 30), "Waktu respons"),
    ("sanction", "end_date", date(2025, 1, 1), "sanksi"),
    ("supplier", "npwp", "12.345", "15 angka"),
    ("supplier", "nib", "123", "13 angka"),
    ("supplier", "name", "", "Nama wajib diisi"),
    ("supplier", "active", "mungkin", "ya atau tidak"),
]


@pytest.mark.parametrize(("kind", "field", "value", "words"), BAD)
def test_bad_values_are_refused_with_a_sentence_naming_the_field(
    db: Database, kind: str, field: str, value: Any, words: str
) -> None:
    with db.writer() as w:
        sid = w.create(supplier())
        svid = w.create(service())
        cid = w.create(contract(sid))
    before = len(_audit(db))
    row = _valid_rows(sid, svid, cid)[kind]
    setattr(row, field, value)
    with pytest.raises(ValidationFailed) as caught, db.writer() as w:
        w.create(row)
    assert caught.value.field == field
    assert words in str(caught.value)
    assert len(_audit(db)) == before


@pytest.mark.parametrize(("kind", "field", "value", "words"), BAD[:12])
def test_bad_values_are_refused_on_update_too(
    db: Database, kind: str, field: str, value: Any, words: str
) -> None:
    with db.writer() as w:
        sid = w.create(supplier())
        cid = w.create(contract(sid))
    with pytest.raises(ValidationFailed) as caught, db.writer() as w:
        w.update(Contract, cid, {field: value}, expected_version=1)
    assert words in str(caught.value)
    with db.session() as s:
        row = s.get(Contract, cid)
        assert row is not None and row.version == 1


def test_valid_rows_of_the_refusal_table_are_accepted(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier())
        svid = w.create(service())
        cid = w.create(contract(sid))
        for row in _valid_rows(sid, svid, cid).values():
            w.create(row)


def test_unknown_or_managed_columns_cannot_be_changed(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier())
    for changes in ({"warna": "merah"}, {"version": 9}, {"id": 5}):
        with pytest.raises(ValidationFailed), db.writer() as w:
            w.update(Supplier, sid, changes)


# ---------------------------------------------------------------------------- uniqueness


@pytest.mark.parametrize(
    "spelling",
    ["01.234.567.8-901.000", "012345678901000", "0012345678901000", " 01 234 567 8 901 000 "],
)
def test_every_spelling_of_an_npwp_is_one_supplier(db: Database, spelling: str) -> None:
    with db.writer() as w:
        w.create(supplier(name="PT Pertama", npwp="0012345678901000"))
    with pytest.raises(ValidationFailed) as caught, db.writer() as w:
        w.create(supplier(name="PT Kedua", npwp=spelling))
    assert caught.value.field == "npwp"
    assert "PT Pertama" in str(caught.value)
    assert "01.234.567.8-901.000" in str(caught.value)
    assert _count(db, Supplier) == 1


def test_a_supplier_may_keep_its_own_npwp_in_another_spelling(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier(npwp="012345678901000"))
        w.update(Supplier, sid, {"npwp": "01.234.567.8-901.000", "phone": "1"}, expected_version=1)
    with db.session() as s:
        row = s.get(Supplier, sid)
        assert row is not None and row.npwp == NPWP_CANONICAL and row.version == 2


def test_suppliers_without_npwp_do_not_clash(db: Database) -> None:
    with db.writer() as w:
        w.create(supplier(name="Tenaga ahli A", npwp=""))
        w.create(supplier(name="Tenaga ahli B", npwp="00.000.000.0-000.000"))
    assert _count(db, Supplier) == 2


def test_duplicates_inside_one_batch_are_refused(db: Database) -> None:
    with pytest.raises(ValidationFailed) as caught, db.writer() as w:
        w.create_many([supplier(name="PT A"), supplier(name="PT B", npwp="012345678901000")])
    assert "PT A" in str(caught.value)
    assert _count(db, Supplier) == 0


def test_contract_numbers_and_service_codes_are_unique(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier())
        w.create(contract(sid))
        w.create(service())
    with pytest.raises(ValidationFailed) as caught, db.writer() as w:
        w.create(contract(sid, source_id="lain"))
    assert caught.value.field == "number"
    assert "602.1/09/KTR/DISKOMINFO/2026" in str(caught.value)
    with pytest.raises(ValidationFailed) as caught, db.writer() as w:
        w.create(service(name="Lain"))
    assert caught.value.field == "code"


def test_a_refusal_caught_inside_the_writer_leaves_the_transaction_usable(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier())
        with pytest.raises(ValidationFailed):
            w.create(supplier(name="Kembar"))
        w.create(contract(sid))
    assert _count(db, Contract) == 1


def test_an_exception_rolls_back_every_write_and_its_audit(db: Database) -> None:
    with pytest.raises(RuntimeError), db.writer() as w:
        w.create(supplier())
        raise RuntimeError("gagal")
    assert _count(db, Supplier) == 0
    assert _audit(db) == []


# ---------------------------------------------------------------------------- versions


def test_stale_update_is_refused_naming_who_and_when(db: Database) -> None:
    with db.writer() as w:
        cid = w.create(contract(w.create(supplier())))
    with db.writer(user="ani") as w:
        assert w.update(Contract, cid, {"title": "Baru"}, expected_version=1) == 2
    with pytest.raises(StaleEdit) as caught, db.writer(user="budi") as w:
        w.update(Contract, cid, {"title": "Tertimpa"}, expected_version=1)
    error = caught.value
    assert error.changed_by == "ani" and error.changed_at is not None
    assert "ani" in str(error) and "kontrak" in str(error)
    with db.session() as s:
        row = s.get(Contract, cid)
        assert row is not None and row.title == "Baru" and row.version == 2


def test_stale_delete_is_refused(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier())
        w.update(Supplier, sid, {"phone": "2"}, expected_version=1)
    with pytest.raises(StaleEdit), db.writer() as w:
        w.delete(Supplier, sid, expected_version=1)
    assert _count(db, Supplier) == 1


def test_update_bumps_version_and_updated_at_but_not_for_no_change(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier())
    with db.session() as s:
        first = s.get(Supplier, sid)
        assert first is not None
        stamp = first.updated_at
    with db.writer() as w:
        assert w.update(Supplier, sid, {"name": "PT Jaringan Nusantara Abadi"}, 1) == 1
        assert w.update(Supplier, sid, {"phone": "9"}, expected_version=1) == 2
    with db.session() as s:
        row = s.get(Supplier, sid)
        assert row is not None and row.version == 2 and row.updated_at > stamp
    assert [a.action for a in _audit(db)] == ["create", "update"]


def test_missing_rows_are_not_found(db: Database) -> None:
    with pytest.raises(NotFound), db.writer() as w:
        w.update(Supplier, 42, {"phone": "1"})
    with pytest.raises(NotFound), db.writer() as w:
        w.delete(Supplier, 42)


# ---------------------------------------------------------------------------- audit


def test_every_write_leaves_an_audit_row_with_before_and_after(db: Database) -> None:
    with db.writer(user="ani") as w:
        sid = w.create(supplier())
        cid = w.create(contract(sid))
        w.update(Contract, cid, {"end_date": date(2027, 1, 31)}, expected_version=1)
        svid = w.create(service())
        link = w.create(ContractService(contract_id=cid, service_id=svid))
        w.delete(ContractService, link, expected_version=1)
    rows = _audit(db)
    assert [(a.action, a.entity) for a in rows] == [
        ("create", "supplier"),
        ("create", "contract"),
        ("update", "contract"),
        ("create", "service"),
        ("create", "contract_service"),
        ("delete", "contract_service"),
    ]
    assert {a.user for a in rows} == {"ani"}
    created = json.loads(rows[1].after_json)
    assert created["number"] == "602.1/09/KTR/DISKOMINFO/2026"
    assert created["value"] == "1250000000.5"
    update = rows[2]
    assert json.loads(update.before_json) == {"end_date": "2026-12-31"}
    assert json.loads(update.after_json) == {"end_date": "2027-01-31"}
    assert update.entity_id == cid and "tanggal berakhir" in update.summary
    deleted = json.loads(rows[5].before_json)
    assert deleted["contract_id"] == cid and json.loads(rows[5].after_json) == {}


def test_create_many_audits_every_row(db: Database) -> None:
    with db.writer() as w:
        ids = w.create_many([service(code=f"S{i}", name=f"Layanan {i}") for i in range(5)])
    assert len(ids) == 5 == len(set(ids))
    assert sorted(a.entity_id for a in _audit(db)) == sorted(ids)


def test_the_audit_log_cannot_be_written_through_the_writer(db: Database) -> None:
    with db.writer() as w:
        w.create(supplier())
    entry = _audit(db)[0]
    with pytest.raises(StoreError), db.writer() as w:
        w.update(AuditEntry, entry.id or 0, {"user": "palsu"})
    with pytest.raises(StoreError), db.writer() as w:
        w.delete(AuditEntry, entry.id or 0)
    with pytest.raises(StoreError), db.writer() as w:
        w.create(AuditEntry(user="x", action=AuditAction.CREATE, entity="supplier", entity_id=1))
    assert [a.user for a in _audit(db)] == ["tester"]


# ---------------------------------------------------------------------------- deletes


def test_delete_that_would_orphan_rows_is_refused_with_counts(db: Database) -> None:
    with db.writer() as w:
        made = every_row(w)
    sid = row_id(made["supplier"])
    with pytest.raises(DeleteRefused) as caught, db.writer() as w:
        w.delete(Supplier, sid)
    assert caught.value.dependents == {"contract": 1, "sanction": 1, "evaluation": 1}
    text = str(caught.value)
    assert "1 kontrak" in text and "1 sanksi" in text and "PT Jaringan Nusantara Abadi" in text
    cid = row_id(made["contract"])
    with pytest.raises(DeleteRefused) as caught, db.writer() as w:
        w.delete(Contract, cid)
    assert caught.value.dependents == {
        "evaluation": 1,
        "incident": 1,
        "warning_letter": 1,
        "penalty": 1,
        "review_decision": 1,
    }
    with pytest.raises(DeleteRefused), db.writer() as w:
        w.delete(Service, row_id(made["service"]))


def test_deleting_a_contract_takes_its_links_and_graces_with_audit(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier())
        cid = w.create(contract(sid))
        svid = w.create(service())
        w.create(ContractService(contract_id=cid, service_id=svid))
        w.create(GraceExtension(contract_id=cid, granted_on=date(2026, 3, 1), days=5))
    with db.writer() as w:
        w.delete(Contract, cid, expected_version=1)
    assert _count(db, ContractService) == _count(db, GraceExtension) == _count(db, Contract) == 0
    deletes = [a.entity for a in _audit(db) if a.action == "delete"]
    assert sorted(deletes) == ["contract", "contract_service", "grace_extension"]


# ---------------------------------------------------------------------------- read-only


def test_read_only_database_refuses_every_write(db: Database) -> None:
    with db.writer() as w:
        w.create(supplier())
    reader = open_database(db.url, user="tamu", read_only=True)
    try:
        with pytest.raises(ReadOnly) as caught, reader.writer() as w:
            w.create(service())
        assert "hanya-baca" in str(caught.value)
        with reader.session() as s:
            assert s.execute(select(func.count()).select_from(Supplier)).scalar_one() == 1
    finally:
        reader.close()


def test_batches_are_checked_against_the_stored_rows_too(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier(name="PT Tersimpan"))
        w.create(contract(sid, number="ADA/1", source_id=None))
    batch = [supplier(name="PT Baru", npwp="01.111.111.1-111.111"), supplier(name="PT Ulang")]
    with pytest.raises(ValidationFailed) as caught, db.writer() as w:
        w.create_many(batch)
    assert caught.value.field == "npwp" and "PT Tersimpan" in str(caught.value)
    numbers = [contract(sid, number=f"B/{i}", source_id=None) for i in range(3)]
    numbers.append(contract(sid, number="ADA/1", source_id=None))
    with pytest.raises(ValidationFailed) as caught, db.writer() as w:
        w.create_many(numbers)
    assert caught.value.field == "number" and "ADA/1" in str(caught.value)
    orphans = [contract(sid, number="C/1", source_id=None), contract(777, number="C/2")]
    with pytest.raises(ValidationFailed) as caught, db.writer() as w:
        w.create_many(orphans)
    assert caught.value.field == "supplier_id" and "777" in str(caught.value)
    assert _count(db, Supplier) == 1 and _count(db, Contract) == 1
