"""A writer killed with SIGKILL at random moments leaves a whole database (bench/kill_test.py).

Each round forks a child that writes batches (or creates the schema), kills it after a
random delay, and checks: the database opens, passes the integrity check, and every
transaction is there completely or not at all, with its audit rows. The seeds are fixed so
a failure can be replayed; ``bench/kill_test.py --rounds 500`` runs many more.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_support import admin_execute, requires_pg, url_for
from psycopg import sql

from rekanan.store.database import open_database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import kill_test

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")


def _assert_clean(report: kill_test.KillReport, rounds: int) -> None:
    assert report.problems == []
    assert report.rounds == rounds
    assert report.kills >= rounds // 2  # most rounds really were cut short
    assert report.committed >= report.waited_for  # nothing that committed was lost


def test_killed_sqlite_writer_leaves_whole_transactions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kill.db'}"
    open_database(url).close()
    report = kill_test.kill_rounds(url, 36, max_delay=0.05, seed=20261123)
    _assert_clean(report, 36)
    assert report.waited_for > 10


def test_killed_sqlite_migration_leaves_an_openable_file(tmp_path: Path) -> None:
    report = kill_test.kill_rounds(
        "",
        16,
        max_delay=0.06,
        seed=7,
        child=kill_test.migration_child,
        settle=0,
        fresh_url=lambda n: f"sqlite:///{tmp_path / f'm{n}.db'}",
    )
    _assert_clean(report, 16)


@pytest.fixture
def fresh_pg() -> Iterator[list[str]]:
    made: list[str] = []
    yield made
    for name in made:
        admin_execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _new_pg(made: list[str]) -> str:
    name = f"rekanan_kill_{uuid.uuid4().hex[:8]}"
    admin_execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    made.append(name)
    return url_for(name)


@requires_pg
def test_killed_postgresql_writer_leaves_whole_transactions(fresh_pg: list[str]) -> None:
    url = _new_pg(fresh_pg)
    open_database(url).close()
    report = kill_test.kill_rounds(url, 16, max_delay=0.05, seed=11)
    _assert_clean(report, 16)
    assert report.waited_for > 3


@requires_pg
def test_killed_postgresql_migration_leaves_an_openable_database(fresh_pg: list[str]) -> None:
    report = kill_test.kill_rounds(
        "",
        5,
        max_delay=0.3,
        seed=13,
        child=kill_test.migration_child,
        settle=0,
        fresh_url=lambda n: _new_pg(fresh_pg),
    )
    _assert_clean(report, 5)
