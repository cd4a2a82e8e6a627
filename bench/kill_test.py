"""Kill a writing process at random moments and check that nothing is lost or half-written.

A child process (forked, so it starts in milliseconds) opens the database and writes in a
loop: each transaction is one ``Writer.create_many`` of ``BATCH`` suppliers that share a tag.
The parent kills it with SIGKILL after a random delay, then checks that the database opens,
passes ``PRAGMA integrity_check`` (SQLite), and holds every tag either ``BATCH`` times (with
one audit row per supplier) or not at all. A second mode kills ``open_database`` while it
creates the schema (the Alembic migration) and checks the next open still works.

    .venv/bin/python bench/kill_test.py --rounds 500              # SQLite, writes
    .venv/bin/python bench/kill_test.py --rounds 100 --migrations # SQLite, migrations
    .venv/bin/python bench/kill_test.py --rounds 300 --pg postgresql://postgres@127.0.0.1/postgres

tests/team/test_kill.py runs the same rounds, fewer of them.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import signal
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from rekanan.models import AuditEntry, Supplier
from rekanan.store.database import open_database
from rekanan.store.migrations import HEAD_REVISION

BATCH = 20
"""Suppliers per transaction: a transaction is whole when its tag has exactly this many."""

CTX = mp.get_context("fork")


@dataclass
class KillReport:
    """What the rounds did: kills, and how many transactions had committed by the end."""

    rounds: int = 0
    kills: int = 0
    before_ready: int = 0
    committed: int = 0
    waited_for: int = 0
    """Commits the parent waited for before killing: at least this many must be there."""
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- children


def writer_child(url: str, seed: int, ready: Any, progress: Any) -> None:
    """Write tagged batches until killed (runs in the forked child); ``progress`` counts
    commits, so the parent can let a few land before it picks its moment."""
    db = open_database(url, user=f"child{seed}")
    ready.set()
    number = 0
    while True:
        tag = f"{seed}-{number}"
        with db.writer() as w:
            w.create_many(
                Supplier(name=f"PT Uji {tag} {k}", notes=tag, address="Jl. " + "x" * k)
                for k in range(BATCH)
            )
        progress.release()
        number += 1


def migration_child(url: str, seed: int, ready: Any, progress: Any) -> None:
    """Create the schema from nothing (runs in the forked child)."""
    ready.set()
    db = open_database(url, user=f"migrator{seed}")
    db.close()
    os._exit(0)


# ---------------------------------------------------------------------------- checks


def check_database(url: str) -> tuple[int, list[str]]:
    """Open, integrity-check and count whole transactions; returns (whole tags, problems)."""
    problems: list[str] = []
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        conn = sqlite3.connect(path)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
        if result != ["ok"]:
            problems.append(f"integrity_check: {result[:3]}")
    try:
        db = open_database(url, user="checker")
    except Exception as error:
        return 0, [*problems, f"cannot open: {error}"]
    try:
        if db.revision != HEAD_REVISION:
            problems.append(f"revision {db.revision}")
        with db.session() as s:
            counts = s.execute(select(Supplier.notes, func.count()).group_by(Supplier.notes)).all()
            suppliers = s.execute(select(func.count()).select_from(Supplier)).scalar_one()
            audited = s.execute(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.entity == "supplier", AuditEntry.action == "create")
            ).scalar_one()
            orphans = s.execute(
                text(
                    "SELECT count(*) FROM audit_log a WHERE a.entity = 'supplier' "
                    "AND NOT EXISTS (SELECT 1 FROM supplier s WHERE s.id = a.entity_id)"
                )
            ).scalar_one()
    finally:
        db.close()
    partial = [(tag, n) for tag, n in counts if n != BATCH]
    if partial:
        problems.append(f"half-written transactions: {partial[:5]}")
    if audited != suppliers or orphans:
        problems.append(f"{suppliers} suppliers but {audited} audit rows ({orphans} orphans)")
    return len(counts), problems


# ---------------------------------------------------------------------------- rounds


def kill_rounds(
    url: str,
    rounds: int,
    *,
    max_delay: float = 0.08,
    seed: int = 0,
    check_every: int = 10,
    child: Callable[[str, int, Any, Any], None] = writer_child,
    settle: int = 2,
    fresh_url: Callable[[int], str] | None = None,
) -> KillReport:
    """Start a child, kill it at a random moment, ``rounds`` times; check as we go.

    With ``fresh_url`` each round gets its own (empty) database, for killing migrations.
    One round in five is killed before the child says it is ready (while it connects);
    otherwise the parent lets 0 to ``settle`` commits land first, so the moment of the kill
    falls anywhere in a transaction however fast or loaded the machine is.
    """
    rng = random.Random(seed)
    report = KillReport()
    start = time.perf_counter()
    for number in range(rounds):
        target = fresh_url(number) if fresh_url else url
        ready = CTX.Event()
        progress = CTX.Semaphore(0)
        process = CTX.Process(target=child, args=(target, seed * 100_000 + number, ready, progress))
        process.start()
        if rng.random() < 0.2:
            report.before_ready += 1
        else:
            ready.wait(10)
            for _ in range(rng.randint(0, settle)):
                if progress.acquire(timeout=10):
                    report.waited_for += 1
        time.sleep(rng.uniform(0, max_delay))
        if process.pid is not None and process.exitcode is None:
            os.kill(process.pid, signal.SIGKILL)
            report.kills += 1
        process.join(10)
        report.rounds += 1
        last = number == rounds - 1
        if fresh_url or last or (check_every and number % check_every == 0):
            whole, problems = check_database(target)
            report.committed = whole
            report.problems += [f"round {number}: {p}" for p in problems]
            if problems:
                break
    report.seconds = time.perf_counter() - start
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--max-delay", type=float, default=0.08, help="seconds")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--migrations", action="store_true", help="kill schema creation")
    parser.add_argument("--pg", metavar="ADMIN_URL", help="run against PostgreSQL instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        made: list[str] = []
        if args.pg:
            import psycopg

            def fresh(number: int) -> str:
                name = f"rekanan_kill_{uuid.uuid4().hex[:8]}"
                with psycopg.connect(args.pg, autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{name}"')
                made.append(name)
                return args.pg.rsplit("/", 1)[0] + "/" + name

        else:

            def fresh(number: int) -> str:
                return f"sqlite:///{Path(folder) / f'kill{number}.db'}"

        try:
            if args.migrations:
                report = kill_rounds(
                    "",
                    args.rounds,
                    max_delay=args.max_delay,
                    seed=args.seed,
                    child=migration_child,
                    settle=0,
                    fresh_url=fresh,
                )
            else:
                url = fresh(0)
                open_database(url).close()
                report = kill_rounds(url, args.rounds, max_delay=args.max_delay, seed=args.seed)
        finally:
            if args.pg:
                import psycopg

                with psycopg.connect(args.pg, autocommit=True) as conn:
                    for name in made:
                        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    kind = "migrations" if args.migrations else f"transactions of {BATCH} rows"
    print(
        f"{report.rounds} rounds, {report.kills} SIGKILLs ({report.before_ready} while "
        f"connecting) during {kind} in {report.seconds:.1f} s; {report.committed} whole "
        f"transactions at the last check; seed {args.seed}"
    )
    for problem in report.problems:
        print("PROBLEM:", problem)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
