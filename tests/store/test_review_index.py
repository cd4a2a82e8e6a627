"""The review screen's index (the contracts a queue can hold, history read on demand)
gives every scope the same queue as the whole agency loaded in memory."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from rekanan.domain.review import ReviewContext, ReviewScope, ScopeKind, build_queue
from rekanan.models.enums import ContractStatus, SupplierCategory
from rekanan.store.alert_slice import review_index
from rekanan.store.database import Database, open_database
from rekanan.store.loaders import load_agency

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import make_data

SCOPES = ["due:30", "due:90", "due:200", "risk", "sla_gaps"] + [
    f"category:{c.value}" for c in SupplierCategory
]


def _both(database: Database, as_of: date) -> tuple[ReviewContext, ReviewContext]:
    whole = ReviewContext.build(load_agency(database), as_of)
    sliced = ReviewContext.from_index(review_index(database), as_of)
    return whole, sliced


@pytest.mark.parametrize("shift", [0, -150, 60])
def test_every_scope_queues_the_same_contracts_on_the_demo(seeded_db: Database, shift: int) -> None:
    as_of = date(2026, 11, 23) + timedelta(days=shift)
    whole, sliced = _both(seeded_db, as_of)
    assert sliced.alerts == whole.alerts
    for code in SCOPES:
        scope = ReviewScope.parse(code)
        assert build_queue(sliced, scope) == build_queue(whole, scope), code


def test_a_picked_ended_contract_is_read_and_queued(seeded_db: Database) -> None:
    as_of = date(2026, 11, 23)
    whole, sliced = _both(seeded_db, as_of)
    ended = [
        c.id
        for c in whole.index.data.contracts
        if c.status == ContractStatus.EXPIRED and not c.is_underpinning
    ]
    assert ended and ended[0] not in sliced.index.contracts
    sliced.index.read_contracts(set(ended))
    scope = ReviewScope(ScopeKind.PICKED, contract_ids=tuple(ended))
    assert build_queue(sliced, scope) == build_queue(whole, scope)
    assert len(build_queue(sliced, scope)) == len(ended)


@pytest.fixture(scope="module")
def generated_agency(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("generated") / "agency.db"
    size = make_data.Size(suppliers=120, contracts=900, evaluations=2_500, incidents=2_500)
    make_data.generate(str(path), size, 5, make_data.DEFAULT_AS_OF, quiet=True)
    database = open_database(str(path))
    yield database
    database.close()


@pytest.mark.parametrize("shift", [0, -60])
def test_every_scope_queues_the_same_contracts_on_generated_data(
    generated_agency: Database, shift: int
) -> None:
    as_of = make_data.DEFAULT_AS_OF + timedelta(days=shift)
    whole, sliced = _both(generated_agency, as_of)
    for code in SCOPES:
        scope = ReviewScope.parse(code)
        expected = build_queue(whole, scope)
        assert build_queue(sliced, scope) == expected, code
    assert build_queue(whole, ReviewScope.parse("risk"))
    assert build_queue(whole, ReviewScope.parse("sla_gaps"))
