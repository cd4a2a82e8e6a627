"""Fixtures for the team tests: scratch PostgreSQL databases and login roles, cleaned up after.

The shared ``db`` fixture (tests/conftest.py) gives one fresh database per test; the tests
here also need a second connection as another person, whole databases to drop, and
cluster-wide roles, so they make their own where needed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from pg_support import ROLES_SQL, admin_execute, pg_admin_url, url_for
from psycopg import sql

from rekanan.store.database import Database, open_database


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database; yields its name and drops it afterwards."""
    if pg_admin_url() is None:
        pytest.skip("REKANAN_TEST_PG is not set")
    name = f"rekanan_team_{uuid.uuid4().hex[:10]}"
    admin_execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        admin_execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def pg_login() -> Iterator[Callable[[str], str]]:
    """Make login roles that belong to a group (``rekanan_app``/``rekanan_reader``)."""
    made: list[str] = []

    def make(group: str) -> str:
        name = f"rk_{group.removeprefix('rekanan_')}_{uuid.uuid4().hex[:8]}"
        admin_execute(
            sql.SQL("CREATE ROLE {} LOGIN IN ROLE {}").format(
                sql.Identifier(name), sql.Identifier(group)
            )
        )
        made.append(name)
        return name

    yield make
    for name in made:
        admin_execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture
def shared_pg(pg_database: str) -> Iterator[Database]:
    """A migrated PostgreSQL database with the roles script applied (as the admin)."""
    db = open_database(url_for(pg_database), user="admin")
    admin_execute(ROLES_SQL.read_text(encoding="utf-8"), database=pg_database)
    try:
        yield db
    finally:
        db.close()
