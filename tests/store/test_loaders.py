"""load_agency and the audit readers: rows come back as the plain records, on both backends."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from store_rows import contract, every_row, row_id, service, supplier

from rekanan.domain.records import AgencyData, AuditRecord, ContractRecord, ServiceLink
from rekanan.models import ContractService, ServiceHours, Supplier
from rekanan.store.audit import audit_entries, list_audit
from rekanan.store.database import Database
from rekanan.store.loaders import load_agency
from rekanan.store.slices import contract_slice


def test_an_empty_database_loads_as_empty_agency(db: Database) -> None:
    assert load_agency(db) == AgencyData()


def test_every_table_the_rules_read_is_loaded(db: Database) -> None:
    with db.writer() as w:
        made = every_row(w)
    data = load_agency(db)
    for name in (f.name for f in fields(AgencyData)):
        assert len(getattr(data, name)) == 1, name
    record = data.contracts[0]
    assert isinstance(record, ContractRecord)
    assert record.number == "602.1/09/KTR/DISKOMINFO/2026"
    assert record.value == Decimal("1250000000.50")
    assert record.availability_pct == Decimal("99.5")
    assert record.service_hours is ServiceHours.ALWAYS
    assert record.end_date == date(2026, 12, 31)
    assert record.version == 1 and record.id == row_id(made["contract"])
    assert record.services == (ServiceLink(row_id(made["service"]), "link utama"),)
    assert data.incidents[0].started_at == datetime(2026, 5, 1, 8, 30)
    assert data.agency_holidays == (date(2026, 8, 18),)
    assert data.suppliers[0].npwp == "0012345678901000"


def test_load_agency_agrees_with_the_slices(db: Database) -> None:
    with db.writer() as w:
        made = every_row(w)
    data = load_agency(db)
    with db.session() as s:
        one = contract_slice(s, row_id(made["contract"]))
    assert one is not None
    assert one.contracts == data.contracts
    assert one.suppliers == data.suppliers
    assert one.penalties == data.penalties


def test_load_agency_inside_a_writer_sees_its_own_changes(db: Database) -> None:
    with db.writer() as w:
        sid = w.create(supplier())
        w.create_many(
            [contract(sid, number=f"K/{i}", source_id=None, end_date=None) for i in range(3)]
        )
        inside = load_agency(w.session)
        assert [c.number for c in inside.contracts] == ["K/0", "K/1", "K/2"]
        svid = w.create(service())
        w.create(ContractService(contract_id=inside.contracts[1].id, service_id=svid))
    data = load_agency(db)
    assert [len(c.services) for c in data.contracts] == [0, 1, 0]


def test_audit_readers_filter_and_order_newest_first(db: Database) -> None:
    with db.writer(user="ani") as w:
        sid = w.create(supplier())
    with db.writer(user="budi") as w:
        w.update(Supplier, sid, {"phone": "1"}, expected_version=1)
        w.create(service())
    everything = audit_entries(db)
    assert [(a.user, a.action, a.entity) for a in everything] == [
        ("budi", "create", "service"),
        ("budi", "update", "supplier"),
        ("ani", "create", "supplier"),
    ]
    assert all(isinstance(a, AuditRecord) and a.at.tzinfo is not None for a in everything)
    assert [a.action for a in audit_entries(db, "supplier", entity_id=sid)] == [
        "update",
        "create",
    ]
    assert [a.user for a in audit_entries(db, user="ani")] == ["ani"]
    assert len(audit_entries(db, limit=1)) == 1
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    assert audit_entries(db, since=tomorrow) == ()
    assert len(audit_entries(db, since=date(2000, 1, 1))) == 3
    with db.session() as s:
        assert [a.action for a in list_audit(s, entity="supplier", entity_id=sid, limit=5)] == [
            "update",
            "create",
        ]
