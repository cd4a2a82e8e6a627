"""Who did what on PostgreSQL: without a configured name the audit log records the session user.

Issue 8 point 3: the user name comes from the config (or ``--user``), else from the OS
account, except on PostgreSQL where the login role (``session_user``) is the truth.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pg_support import requires_pg, url_for
from sqlalchemy import select

from rekanan.cli import main
from rekanan.config import current_user, load_settings
from rekanan.models import AuditEntry, Supplier
from rekanan.store.database import Database, open_database


def test_settings_say_when_nobody_named_the_user(tmp_path: Path) -> None:
    settings, _ = load_settings(tmp_path / "none.toml")
    assert settings.user == current_user() and settings.user_from_os
    assert settings.audit_user == ""
    named, _ = load_settings(tmp_path / "none.toml", user="budi")
    assert named.audit_user == "budi" and not named.user_from_os
    config = tmp_path / "config.toml"
    config.write_text('[general]\nuser = "siti"\n', encoding="utf-8")
    configured, _ = load_settings(config)
    assert configured.audit_user == "siti"


def test_sqlite_without_a_name_records_the_os_account(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.db")
    try:
        assert db.user == current_user()
    finally:
        db.close()


def _users(db: Database) -> set[str]:
    with db.session() as s:
        return set(s.execute(select(AuditEntry.user)).scalars())


@requires_pg
def test_postgresql_without_a_name_records_the_session_user(
    shared_pg: Database, pg_database: str, pg_login: Callable[[str], str]
) -> None:
    staff = pg_login("rekanan_app")
    app = open_database(url_for(pg_database, staff))
    try:
        assert app.user == staff
        with app.writer() as w:
            w.create(Supplier(name="PT Dicatat Sesi"))
        assert _users(app) == {staff}
    finally:
        app.close()
    named = open_database(url_for(pg_database, staff), user="Budi Santoso")
    try:
        assert named.user == "Budi Santoso"  # a configured name still wins
    finally:
        named.close()


@requires_pg
def test_cli_import_on_postgresql_records_the_session_user(
    shared_pg: Database,
    pg_database: str,
    pg_login: Callable[[str], str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("REKANAN_DB", raising=False)
    staff = pg_login("rekanan_app")
    rows = tmp_path / "rekanan.csv"
    rows.write_text("nama,kategori\nPT Impor Sesi,operasional\n", encoding="utf-8")
    url = url_for(pg_database, staff)
    assert main(["import", str(rows), "--kind", "rekanan", "--db", url]) == 0
    assert _users(shared_pg) == {staff}


@requires_pg
def test_the_app_names_the_session_user_in_its_forms(
    shared_pg: Database, pg_database: str, pg_login: Callable[[str], str], tmp_path: Path
) -> None:
    from rekanan.cli.common import app_settings

    staff = pg_login("rekanan_app")
    settings, _ = load_settings(tmp_path / "none.toml")
    app = open_database(url_for(pg_database, staff), user=settings.audit_user)
    try:
        assert app_settings(settings, app).user == staff
        named, _ = load_settings(tmp_path / "none.toml", user="Siti")
        assert app_settings(named, app).user == "Siti"
    finally:
        app.close()
