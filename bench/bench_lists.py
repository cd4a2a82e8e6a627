"""Time the register queries on a large synthetic agency (20 000 suppliers, 100 000 contracts).

Run: ``.venv/bin/python bench/bench_lists.py [--db URL_OR_PATH]``. Builds the database once
(bulk inserts, not through the store) and prints the median time of each query in ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, func, insert, select
from sqlmodel import Session, SQLModel

from rekanan.config import database_url
from rekanan.models import Contract, ContractStatus, Supplier, SupplierCategory
from rekanan.store.lists import (
    ContractQuery,
    DeadlineCache,
    SupplierQuery,
    list_contracts,
    list_suppliers,
)

TODAY = date(2026, 3, 2)
WORDS = [
    "maju",
    "jaya",
    "abadi",
    "sentosa",
    "mitra",
    "data",
    "nusantara",
    "teknologi",
    "karya",
    "solusi",
    "digital",
]


def build(url: str, suppliers: int = 20_000, contracts: int = 100_000) -> None:
    engine = create_engine(url)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as s:
        if s.execute(select(func.count()).select_from(Contract)).scalar_one() >= contracts:
            return
    rnd = random.Random(7)
    cats = list(SupplierCategory)
    statuses = [ContractStatus.ACTIVE] * 6 + [ContractStatus.EXPIRED] * 3 + [ContractStatus.RENEWED]
    with engine.begin() as conn:
        conn.execute(
            insert(Supplier),
            [
                {
                    "name": f"PT {rnd.choice(WORDS).title()} {rnd.choice(WORDS).title()} {i}",
                    "name_key": f"k{i}",
                    "npwp": f"0{rnd.randrange(10**14, 10**15)}",
                    "category": rnd.choice(cats).value,
                    "legal_form": "pt",
                    "active": rnd.random() > 0.1,
                }
                for i in range(suppliers)
            ],
        )
        conn.execute(
            insert(Contract),
            [
                {
                    "number": f"602.{i % 9}/{i}/KTR/{2020 + i % 7}",
                    "start_date": (start := TODAY - timedelta(days=rnd.randrange(1, 900))),
                    "end_date": max(start, TODAY + timedelta(days=rnd.randrange(-400, 900))),
                    "title": f"Pengadaan {rnd.choice(WORDS)} {rnd.choice(WORDS)}",
                    "supplier_id": 1 + rnd.randrange(suppliers),
                    "value": Decimal(rnd.randrange(10**7, 10**10)),
                    "status": rnd.choice(statuses).value,
                    "is_underpinning": rnd.random() < 0.2,
                    "notice_days": 30,
                }
                for i in range(contracts)
            ],
        )


def timed(label: str, fn: Callable[[], object], repeat: int = 7) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:<55} {statistics.median(times):7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(Path("/tmp/rekanan-bench-lists.db")))
    args = parser.parse_args()
    url = database_url(args.db)
    build(url)
    engine = create_engine(url)
    with Session(engine) as s:
        q = SupplierQuery()
        timed("suppliers: first window by name", lambda: list_suppliers(s, q))
        timed("suppliers: window at offset 19 000", lambda: list_suppliers(s, q, 19_000))
        for text in ("m", "maju", "maju jaya 1", "0123", "602.3/14", "zzz"):
            sq = SupplierQuery(search=text)
            timed(f"suppliers: search {text!r}", lambda sq=sq: list_suppliers(s, sq))
        for sort in ("category", "active_contracts", "active_value"):
            sq = SupplierQuery(sort=sort, descending=True)
            timed(f"suppliers: sort by {sort}", lambda sq=sq: list_suppliers(s, sq))
        sq = SupplierQuery(has_active_contracts=False, category=SupplierCategory.STRATEGIC)
        timed("suppliers: strategic without active contracts", lambda: list_suppliers(s, sq))
        cache = DeadlineCache()
        from rekanan.domain.thresholds import Thresholds

        th = Thresholds()
        start = time.perf_counter()
        idx = cache.get(s, TODAY, th)
        built_ms = (time.perf_counter() - start) * 1000
        print(f"{'contracts: build the deadline index (once)':<55} {built_ms:7.1f} ms")
        timed(
            "contracts: deadline index still fresh (stamp check)", lambda: cache.get(s, TODAY, th)
        )
        cq = ContractQuery(as_of=TODAY)
        timed(
            "contracts: first window by next deadline",
            lambda: (idx.views.clear(), list_contracts(s, cq, index=idx)),
        )
        timed(
            "contracts: window at offset 90 000", lambda: list_contracts(s, cq, 90_000, index=idx)
        )
        start = time.perf_counter()
        list_contracts(s, ContractQuery(as_of=TODAY, search="j"), index=idx)
        first_ms = (time.perf_counter() - start) * 1000
        print(f"{'contracts: first search (reads the contract texts once)':<55} {first_ms:7.1f} ms")

        def search(query: ContractQuery) -> None:
            """A new text each time: no memoised view, no narrowing from the same text."""
            idx.views.clear()
            if idx.text is not None:
                idx.text.last = None
            list_contracts(s, query, index=idx)

        for text in ("602.3/1", "j", "jaya", "zzz"):
            c2 = ContractQuery(as_of=TODAY, search=text)
            timed(f"contracts: search {text!r}", lambda c2=c2: search(c2))
        for text in ("jaya", "sentosa"):
            c2 = ContractQuery(as_of=TODAY, search=text, sort="value", descending=True)
            timed(f"contracts: search {text!r}, sort by value", lambda c2=c2: search(c2))
        c3 = ContractQuery(
            as_of=TODAY, due_within_days=30, statuses=frozenset({ContractStatus.ACTIVE})
        )
        timed(
            "contracts: active, due within 30 days",
            lambda: (idx.views.clear(), list_contracts(s, c3, index=idx)),
        )
        for sort in ("number", "value", "end_date", "supplier"):
            c4 = ContractQuery(as_of=TODAY, sort=sort, descending=True)
            timed(f"contracts: sort by {sort}", lambda c4=c4: list_contracts(s, c4, index=idx))
        c5 = ContractQuery(as_of=TODAY, supplier_id=123)
        timed("contracts: of one supplier", lambda: list_contracts(s, c5, index=idx))


if __name__ == "__main__":
    main()
