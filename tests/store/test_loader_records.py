"""load_agency builds records positionally and shares equal values: the same records as the ORM."""

from __future__ import annotations

from collections import defaultdict

from rekanan.domain.records import SupplierRecord
from rekanan.models import Supplier
from rekanan.store.database import Database
from rekanan.store.loaders import load_agency
from rekanan.store.slices import contract_slice, to_record


def test_records_equal_what_the_orm_reads(seeded_db: Database) -> None:
    data = load_agency(seeded_db)
    assert data.contracts
    with seeded_db.session() as session:
        for contract in data.contracts:
            sliced = contract_slice(session, contract.id)
            assert sliced is not None
            assert [c for c in sliced.contracts if c.id == contract.id] == [contract]
        for supplier in data.suppliers:
            row = session.get(Supplier, supplier.id)
            assert to_record(SupplierRecord, row) == supplier


def test_equal_values_of_a_column_are_one_object(seeded_db: Database) -> None:
    by_day = defaultdict(list)
    for contract in load_agency(seeded_db).contracts:
        by_day[contract.start_date].append(contract)
    shared = [group for group in by_day.values() if len(group) > 1]
    assert shared, "the demo has contracts that start on the same day"
    for group in shared:
        assert all(c.start_date is group[0].start_date for c in group)
