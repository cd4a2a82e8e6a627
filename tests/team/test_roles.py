"""Read-only mode and PostgreSQL roles: writes are refused with a sentence, audit rows stay put."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import psycopg
import pytest
from pg_support import ROLES_SQL, admin_execute, url_for
from sqlalchemy import text

from rekanan.models import AuditEntry, Supplier
from rekanan.store.database import Database, open_database
from rekanan.store.errors import ReadOnly, StoreError


def _one_supplier(db: Database) -> int:
    with db.writer() as w:
        return w.create(Supplier(name="PT Baca Saja"))


def test_read_only_mode_refuses_writes_and_still_reads(db: Database) -> None:
    supplier_id = _one_supplier(db)
    reader = open_database(db.url, user="tamu", read_only=True)
    try:
        assert reader.read_only
        with pytest.raises(ReadOnly) as refused, reader.writer() as w:
            w.update(Supplier, supplier_id, {"name": "PT Diubah"})
        assert "hanya-baca" in str(refused.value)
        with reader.session() as s:
            row = s.get(Supplier, supplier_id)
            assert row is not None and row.name == "PT Baca Saja"
    finally:
        reader.close()


def test_read_only_connection_refuses_raw_sql_too(db: Database) -> None:
    """Even a session used for reads cannot write in read-only mode (query_only, or the
    PostgreSQL read-only transaction)."""
    _one_supplier(db)
    reader = open_database(db.url, user="tamu", read_only=True)
    try:
        with pytest.raises(Exception) as refused, reader.session() as s:
            s.execute(text("DELETE FROM supplier"))
            s.commit()
        assert "read" in str(refused.value).lower()
    finally:
        reader.close()
    with db.session() as s:
        assert s.get(Supplier, 1) is not None


def test_read_only_on_a_missing_sqlite_file_is_a_sentence(tmp_path: object) -> None:
    from pathlib import Path

    missing = Path(str(tmp_path)) / "tidak-ada.db"
    with pytest.raises(StoreError) as refused:
        open_database(missing, read_only=True)
    assert "Tidak ada basis data" in str(refused.value)
    assert not missing.exists()


# ---------------------------------------------------------------------------- PostgreSQL roles


def test_roles_script_is_idempotent(shared_pg: Database, pg_database: str) -> None:
    admin_execute(ROLES_SQL.read_text(encoding="utf-8"), database=pg_database)


def test_roles_script_refuses_an_empty_database(pg_database: str) -> None:
    with pytest.raises(psycopg.Error) as refused:
        admin_execute(ROLES_SQL.read_text(encoding="utf-8"), database=pg_database)
    assert "rekanan db upgrade" in str(refused.value)


def test_app_role_writes_and_is_recorded_by_name(
    shared_pg: Database, pg_database: str, pg_login: Callable[[str], str]
) -> None:
    staff = pg_login("rekanan_app")
    app = open_database(url_for(pg_database, staff), user=staff)
    try:
        assert not app.read_only
        with app.writer() as w:
            supplier_id = w.create(Supplier(name="PT Ditulis Staf"))
            w.update(Supplier, supplier_id, {"address": "Jl. Merdeka 1"}, expected_version=1)
        with app.session() as s:
            users = {row.user for row in s.query(AuditEntry).all()}
        assert users == {staff}
    finally:
        app.close()


def test_app_role_cannot_change_or_delete_audit_rows(
    shared_pg: Database, pg_database: str, pg_login: Callable[[str], str]
) -> None:
    _one_supplier(shared_pg)
    staff = pg_login("rekanan_app")
    with psycopg.connect(url_for(pg_database, staff), autocommit=True) as conn:
        for statement in (
            "UPDATE audit_log SET \"user\" = 'someone else'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "UPDATE alembic_version SET version_num = 'x'",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        count = conn.execute("SELECT count(*) FROM audit_log").fetchone()
        assert count is not None and count[0] == 1


def test_even_the_owner_cannot_rewrite_audit_rows_while_the_trigger_stands(
    shared_pg: Database, pg_database: str
) -> None:
    _one_supplier(shared_pg)
    with pytest.raises(psycopg.Error) as refused:
        admin_execute("DELETE FROM audit_log", database=pg_database)
    assert "append-only" in str(refused.value)


def test_reader_role_opens_read_only_and_refuses_writes_with_a_sentence(
    shared_pg: Database, pg_database: str, pg_login: Callable[[str], str]
) -> None:
    supplier_id = _one_supplier(shared_pg)
    reader_role = pg_login("rekanan_reader")
    reader = open_database(url_for(pg_database, reader_role), user=reader_role)
    try:
        with reader.session() as s:
            row = s.get(Supplier, supplier_id)
            assert row is not None
        with pytest.raises(ReadOnly) as refused, reader.writer() as w:
            w.update(Supplier, supplier_id, {"name": "PT Dicoba"}, expected_version=1)
        assert "Traceback" not in str(refused.value)
    finally:
        reader.close()
    with shared_pg.session() as s:
        row = s.get(Supplier, supplier_id)
        assert row is not None and row.name == "PT Baca Saja"


def test_reader_role_is_reported_read_only_when_opened(
    shared_pg: Database, pg_database: str, pg_login: Callable[[str], str]
) -> None:
    """The app hides edit actions when ``Database.read_only`` is set: a role without write
    grants must set it, not only fail at the first save."""
    reader_role = pg_login("rekanan_reader")
    reader = open_database(url_for(pg_database, reader_role), user=reader_role)
    try:
        assert reader.read_only
    finally:
        reader.close()


def test_a_role_without_any_grant_gets_a_sentence(shared_pg: Database, pg_database: str) -> None:
    stranger = f"rk_stranger_{date.today():%Y%m%d}"
    admin_execute(f"DROP ROLE IF EXISTS {stranger}", f"CREATE ROLE {stranger} LOGIN")
    try:
        admin_execute(f"REVOKE CONNECT ON DATABASE {pg_database} FROM PUBLIC")
        with pytest.raises(StoreError) as refused:
            open_database(url_for(pg_database, stranger))
        assert "Traceback" not in str(refused.value)
    finally:
        admin_execute(f"DROP ROLE IF EXISTS {stranger}")


# ---------------------------------------------------------------------------- alert register


def test_app_role_keeps_the_alert_register_and_the_reader_still_gets_alerts(
    shared_pg: Database, pg_database: str, pg_login: Callable[[str], str]
) -> None:
    from sqlmodel import select

    from rekanan.models import AlertRegisterDay
    from rekanan.store.alert_register import register_alerts
    from rekanan.store.alert_slice import agency_alerts

    with shared_pg.writer() as w:
        w.create(Supplier(name="PT Tanpa NPWP"))  # an alert: a supplier without NPWP
    today = date(2026, 11, 23)
    expected = agency_alerts(shared_pg, today)
    assert expected
    staff = pg_login("rekanan_app")
    app = open_database(url_for(pg_database, staff), user=staff)
    reader_role = pg_login("rekanan_reader")
    reader = open_database(url_for(pg_database, reader_role), user=reader_role)
    try:
        assert register_alerts(app, today) == expected
        with app.session() as s:
            assert len(s.exec(select(AlertRegisterDay)).all()) == 1
        assert register_alerts(reader, today) == expected
    finally:
        app.close()
        reader.close()


def test_a_role_not_yet_granted_the_register_still_gets_alerts(
    shared_pg: Database, pg_database: str, pg_login: Callable[[str], str]
) -> None:
    """After an upgrade adds the register's tables and before the roles script runs again."""
    from rekanan.store.alert_register import register_alerts
    from rekanan.store.alert_slice import agency_alerts

    with shared_pg.writer() as w:
        w.create(Supplier(name="PT Tanpa NPWP"))
    admin_execute(
        "REVOKE ALL ON alert_register_day, alert_register_entry FROM rekanan_app",
        database=pg_database,
    )
    staff = pg_login("rekanan_app")
    app = open_database(url_for(pg_database, staff), user=staff)
    try:
        today = date(2026, 11, 23)
        assert register_alerts(app, today) == agency_alerts(shared_pg, today)
    finally:
        app.close()
