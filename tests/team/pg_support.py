"""Helpers for the team tests: the test PostgreSQL server, scratch databases, admin SQL."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

ROLES_SQL = Path(__file__).resolve().parents[2] / "rekanan" / "store" / "sql" / "postgres_roles.sql"


def pg_admin_url() -> str | None:
    """The superuser URL of the test server (``REKANAN_TEST_PG``), or None."""
    return os.environ.get("REKANAN_TEST_PG") or None


requires_pg = pytest.mark.skipif(pg_admin_url() is None, reason="REKANAN_TEST_PG is not set")


def _plain(url: str) -> str:
    """A libpq URL (psycopg wants ``postgresql://``, not SQLAlchemy's ``+psycopg``)."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def url_for(database: str, role: str | None = None) -> str:
    """The URL of ``database`` on the test server, logged in as ``role`` (default: admin)."""
    admin = pg_admin_url()
    assert admin is not None
    info = psycopg.conninfo.conninfo_to_dict(_plain(admin))
    user = role or info.get("user") or "postgres"
    host = info.get("host") or "127.0.0.1"
    port = info.get("port") or "5432"
    return f"postgresql://{user}@{host}:{port}/{database}"


def admin_execute(*statements: sql.Composable | str, database: str | None = None) -> None:
    """Run statements as the admin, outside a transaction (CREATE DATABASE needs that)."""
    admin = pg_admin_url()
    assert admin is not None
    target = url_for(database) if database else _plain(admin)
    with psycopg.connect(target, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]
