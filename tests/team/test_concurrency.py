"""Two people at once: stale edits are refused naming who, busy files say so, nothing is lost.

Each "person" is a separate ``Database`` (its own engine and connections) on the same file or
server, run in its own thread; a barrier makes them save at the same moment.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import func, select

from rekanan.models import AuditEntry, Contract, Supplier
from rekanan.store import database as database_module
from rekanan.store.database import Database, open_database
from rekanan.store.errors import DatabaseBusy, StaleEdit


def _contract(db: Database) -> int:
    with db.writer() as w:
        supplier = w.create(Supplier(name="PT Jaringan Andal", npwp="01.234.567.8-901.000"))
        return w.create(
            Contract(
                number="602.1/01/KTR/2026",
                title="Sewa link internet",
                supplier_id=supplier,
                value=Decimal("120000000"),
                start_date=date(2026, 1, 1),
                end_date=date(2026, 12, 31),
            )
        )


@pytest.fixture
def other(db: Database) -> Iterator[Callable[[str], Database]]:
    """Open the same database again as another person."""
    opened: list[Database] = []

    def open_as(user: str) -> Database:
        second = open_database(db.url, user=user)
        opened.append(second)
        return second

    yield open_as
    for second in opened:
        second.close()


def _race(*jobs: Callable[[], Any]) -> list[Any]:
    """Run the jobs in threads that start together; results or exceptions, in order."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int, job: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = job()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_second_edit_of_the_same_version_is_refused_naming_who(
    db: Database, other: Callable[[str], Database]
) -> None:
    contract_id = _contract(db)
    budi, sari = other("budi"), other("sari")
    with budi.writer() as w:
        w.update(Contract, contract_id, {"end_date": date(2027, 1, 31)}, expected_version=1)
    with pytest.raises(StaleEdit) as refused, sari.writer() as w:
        w.update(Contract, contract_id, {"value": Decimal("1")}, expected_version=1)
    assert refused.value.changed_by == "budi"
    assert refused.value.changed_at is not None
    assert "budi" in str(refused.value)
    with db.session() as s:
        row = s.get(Contract, contract_id)
        assert row is not None
        assert row.end_date == date(2027, 1, 31)  # budi's edit kept
        assert row.value == Decimal("120000000")  # sari's not applied
        assert row.version == 2


def test_two_saves_at_the_same_moment_one_wins_one_is_told(
    db: Database, other: Callable[[str], Database]
) -> None:
    contract_id = _contract(db)
    people = {"budi": other("budi"), "sari": other("sari")}

    def save(user: str, day: int) -> int:
        with people[user].writer() as w:
            return w.update(
                Contract, contract_id, {"end_date": date(2027, 1, day)}, expected_version=1
            )

    results = _race(lambda: save("budi", 10), lambda: save("sari", 20))
    winners = [r for r in results if r == 2]
    refusals = [r for r in results if isinstance(r, StaleEdit)]
    assert len(winners) == 1 and len(refusals) == 1, results
    loser = "sari" if results[0] == 2 else "budi"
    winner = "budi" if loser == "sari" else "sari"
    assert refusals[0].changed_by == winner
    with db.session() as s:
        row = s.get(Contract, contract_id)
        assert row is not None and row.version == 2
        assert row.end_date == date(2027, 1, 10 if winner == "budi" else 20)
        updates = s.exec(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.entity == "contract", AuditEntry.action == "update")
        ).one()
        assert updates == 1


def test_concurrent_creates_lose_nothing(db: Database, other: Callable[[str], Database]) -> None:
    people = [other(f"staf{n}") for n in range(4)]

    def import_batch(n: int) -> list[int]:
        ids: list[int] = []
        for batch in range(3):
            with people[n].writer() as w:
                ids += w.create_many(Supplier(name=f"CV Batch {n}-{batch}-{k}") for k in range(10))
        return ids

    results = _race(*(lambda n=n: import_batch(n) for n in range(4)))
    assert all(isinstance(r, list) for r in results), results
    all_ids = [i for r in results for i in r]
    assert len(set(all_ids)) == 120
    with db.session() as s:
        assert s.exec(select(func.count()).select_from(Supplier)).one() == 120
        audited = s.exec(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "supplier")
        ).one()
        assert audited == 120


def test_locked_sqlite_file_gives_a_sentence(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite file locking")
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 200)
    impatient = open_database(db.url, user="sari")
    path = db.sqlite_path
    assert path is not None
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        with pytest.raises(DatabaseBusy) as busy, impatient.writer() as w:
            w.create(Supplier(name="PT Tidak Sabar"))
        assert "Tunggu" in str(busy.value)
        assert "Traceback" not in str(busy.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        impatient.close()
    with db.writer() as w:  # free again: the write goes through
        w.create(Supplier(name="PT Tidak Sabar"))
