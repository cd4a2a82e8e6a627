"""Backups are verified, restores refuse strangers, and a migration backs up first."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_support import requires_pg, url_for
from sqlmodel import select

from rekanan.cli import main
from rekanan.models import AuditEntry, Supplier
from rekanan.store import backup as backup_module
from rekanan.store import database as database_module
from rekanan.store.backup import (
    backup_database,
    restore_database,
    sqlite_backup,
    sqlite_restore,
    verify_backup,
    verify_sqlite,
)
from rekanan.store.database import Database, SchemaState, open_database
from rekanan.store.errors import StoreError
from rekanan.store.migrations import HEAD_REVISION


def _names(db: Database) -> list[str]:
    with db.session() as s:
        return sorted(row.name for row in s.exec(select(Supplier)))


def _add(db: Database, *names: str) -> None:
    with db.writer() as w:
        w.create_many(Supplier(name=name) for name in names)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "kantor.db", user="budi")
    _add(db, "PT Satu", "CV Dua")
    yield db
    db.close()


def test_backup_then_restore_brings_the_data_back(sqlite_db: Database, tmp_path: Path) -> None:
    path = sqlite_db.sqlite_path
    assert path is not None
    copy = tmp_path / "cadangan" / "kantor.bak"
    info = sqlite_backup(path, copy)
    assert info.revision == HEAD_REVISION and info.size > 0
    assert not list(copy.parent.glob(".*.tmp"))  # the temporary file is gone
    _add(sqlite_db, "PT Tiga Sesudah Cadangan")
    kept = sqlite_restore(copy, path)
    assert _names(sqlite_db) == ["CV Dua", "PT Satu"]  # an open connection sees the restore
    assert kept.path.name.startswith("kantor.db.before-restore-")
    assert "PT Tiga Sesudah Cadangan" in _names(open_database(kept.path))


def test_backup_is_consistent_while_someone_is_writing(sqlite_db: Database, tmp_path: Path) -> None:
    path = sqlite_db.sqlite_path
    assert path is not None
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE supplier SET name = 'belum disimpan'")
        info = sqlite_backup(path, tmp_path / "online.bak")  # not blocked by the writer
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    copy = open_database(info.path, read_only=True)
    try:
        assert _names(copy) == ["CV Dua", "PT Satu"]
    finally:
        copy.close()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 not a database" * 50), "bukan basis data SQLite"),
        (lambda p: p.write_text("", encoding="utf-8"), "bukan basis data SQLite"),
        (lambda p: _foreign(p), "bukan basis data rekanan"),
        (lambda p: _newer(p), "lebih baru"),
        (lambda p: _truncated(p), "rusak"),
    ],
    ids=["zip", "empty", "foreign", "newer", "truncated"],
)
def test_restore_refuses_files_that_are_not_good_backups(
    sqlite_db: Database, tmp_path: Path, make: object, words: str
) -> None:
    bad = tmp_path / "bad.bak"
    make(bad)  # type: ignore[operator]
    path = sqlite_db.sqlite_path
    assert path is not None
    with pytest.raises(StoreError) as refused:
        sqlite_restore(bad, path)
    assert words in str(refused.value)
    assert _names(sqlite_db) == ["CV Dua", "PT Satu"]  # nothing replaced


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    db = open_database(path)
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()


def _truncated(path: Path) -> None:
    db = open_database(path)
    with db.writer() as w:
        w.create_many(Supplier(name=f"PT {n} " + "x" * 200) for n in range(300))
    db.close()
    data = path.read_bytes()
    page = 4096
    # keep the header page, scribble over the middle of the file
    path.write_bytes(data[:page] + b"\xff" * (len(data) // 2) + data[page + len(data) // 2 :])


def test_verify_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="tidak ada"):
        verify_sqlite(tmp_path / "nothing.bak")


def test_backup_into_itself_or_a_folder_is_refused(sqlite_db: Database, tmp_path: Path) -> None:
    path = sqlite_db.sqlite_path
    assert path is not None
    with pytest.raises(StoreError, match="berkas lain"):
        sqlite_backup(path, path)
    with pytest.raises(StoreError, match="folder"):
        sqlite_backup(path, tmp_path)


def test_restore_over_a_corrupt_database_sets_it_aside(tmp_path: Path) -> None:
    good = open_database(tmp_path / "good.db")
    _add(good, "PT Baik")
    good.close()
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"garbage" * 1000)
    kept = restore_database(tmp_path / "good.db", f"sqlite:///{broken}")
    assert kept.path == broken  # no copy could be made of garbage ...
    assert list(tmp_path.glob("broken.db.before-restore-*.bak"))  # ... so it was set aside
    assert _names(open_database(broken)) == ["PT Baik"]


def test_migration_backs_up_the_old_file_first(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``upgrade`` copies the file (verified) before running the migrations."""
    from rekanan.store.migrations import runner

    ran: list[str] = []
    monkeypatch.setattr(runner, "run_upgrade", lambda engine: ran.append(str(engine.url)))
    states = iter([SchemaState("0001_initial", head="0002_next"), SchemaState(HEAD_REVISION)])
    monkeypatch.setattr(sqlite_db, "refresh_state", lambda: next(states))
    made = database_module.upgrade(sqlite_db)
    assert made is not None and ran
    assert verify_sqlite(Path(made)).revision == HEAD_REVISION  # the file as it was


def test_cli_backup_check_and_restore(sqlite_db: Database, tmp_path: Path, capsys) -> None:
    path = sqlite_db.sqlite_path
    copy = tmp_path / "cli.bak"
    assert main(["backup", str(copy), "--db", str(path)]) == 0
    assert "sudah diperiksa" in capsys.readouterr().out
    assert main(["backup", "--check", str(copy), "--db", str(path)]) == 0
    _add(sqlite_db, "PT Hilang Setelah Pulih")
    assert main(["restore", str(copy), "--db", str(path)]) == 2  # no --yes, no terminal
    assert "--yes" in capsys.readouterr().err
    assert main(["restore", str(copy), "--yes", "--db", str(path), "--lang", "en"]) == 0
    assert "restored" in capsys.readouterr().out
    assert _names(sqlite_db) == ["CV Dua", "PT Satu"]
    assert main(["restore", str(copy), "--yes", "--read-only", "--db", str(path)]) == 2


def test_cli_restore_of_garbage_is_a_sentence(sqlite_db: Database, tmp_path: Path, capsys) -> None:
    junk = tmp_path / "junk.bak"
    junk.write_text("DROP TABLE supplier;", encoding="utf-8")
    assert main(["restore", str(junk), "--yes", "--db", str(sqlite_db.sqlite_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rekanan: ") and "Traceback" not in err


def test_audit_rows_survive_a_backup(sqlite_db: Database, tmp_path: Path) -> None:
    info = backup_database(sqlite_db.url, tmp_path / "audit.bak")
    copy = open_database(info.path, read_only=True)
    try:
        with copy.session() as s:
            assert len(list(s.exec(select(AuditEntry)))) == 2
    finally:
        copy.close()


# ---------------------------------------------------------------------------- PostgreSQL


@requires_pg
def test_pg_dump_and_restore_round_trip(pg_database: str, tmp_path: Path) -> None:
    db = open_database(url_for(pg_database), user="admin")
    try:
        _add(db, "PT Server", "CV Jaringan")
        info = backup_database(db.url, tmp_path / "server.dump")
        assert info.revision == HEAD_REVISION
        assert verify_backup(info.path).revision == HEAD_REVISION
        _add(db, "PT Sesudah")
        restore_database(info.path, db.url)
        assert _names(db) == ["CV Jaringan", "PT Server"]
        sqlite_file = tmp_path / "lokal.db"
        open_database(sqlite_file).close()
        with pytest.raises(StoreError, match="bukan arsip pg_dump"):
            restore_database(sqlite_file, db.url)
        with pytest.raises(StoreError, match="cadangan PostgreSQL"):
            restore_database(info.path, f"sqlite:///{tmp_path / 'x.db'}")
    finally:
        db.close()


@requires_pg
def test_pg_archive_of_another_database_is_refused(pg_database: str, tmp_path: Path) -> None:
    from pg_support import admin_execute

    admin_execute("CREATE TABLE orders (id int)", database=pg_database)
    target = tmp_path / "foreign.dump"
    backup_module._run_pg_tool(
        "pg_dump", ["--format=custom", f"--file={target}"], url_for(pg_database)
    )
    with pytest.raises(StoreError, match="bukan basis data rekanan"):
        verify_backup(target)


def test_missing_pg_tools_are_a_sentence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(backup_module.shutil, "which", lambda name: None)
    with pytest.raises(StoreError) as refused:
        backup_database("postgresql+psycopg://u@127.0.0.1:5432/rekanan", tmp_path / "x.dump")
    assert "postgresql-client" in str(refused.value)


def test_pg_password_is_not_on_the_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: dict[str, object] = {}

    def fake_run(command: list[str], **kwargs: object) -> object:
        seen["command"] = command
        seen["env"] = kwargs["env"]
        raise OSError("stop here")

    monkeypatch.setattr(backup_module.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(backup_module.subprocess, "run", fake_run)
    with pytest.raises(StoreError):
        backup_database("postgresql+psycopg://budi:rahasia@db.dinas:5432/rekanan", tmp_path / "x")
    assert "rahasia" not in " ".join(seen["command"])  # type: ignore[arg-type]
    assert seen["env"]["PGPASSWORD"] == "rahasia"  # type: ignore[index]


def test_copy_of_the_database_file_next_to_it_is_still_a_backup(
    sqlite_db: Database, tmp_path: Path
) -> None:
    """A plain file copy (after closing) passes the same check, so people can use cp too."""
    path = sqlite_db.sqlite_path
    assert path is not None
    sqlite_db.close()
    shutil.copy(path, tmp_path / "cp.bak")
    assert verify_sqlite(tmp_path / "cp.bak").revision == HEAD_REVISION


@requires_pg
def test_postgresql_migration_dumps_first(
    pg_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rekanan.store.migrations import runner

    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path / "data"))
    db = open_database(url_for(pg_database), user="admin")
    try:
        _add(db, "PT Sebelum Migrasi")
        monkeypatch.setattr(runner, "run_upgrade", lambda engine: None)
        states = iter([SchemaState("0001_initial", head="0002_next"), SchemaState(HEAD_REVISION)])
        monkeypatch.setattr(db, "refresh_state", lambda: next(states))
        made = database_module.upgrade(db)
    finally:
        db.close()
    assert made is not None
    dump = Path(made)
    assert dump.parent == tmp_path / "data" / "backups"
    assert dump.name.startswith(f"{pg_database}.before-0001_initial-")
    assert verify_backup(dump).revision == HEAD_REVISION  # the database as it was


def test_cli_backup_never_replaces_a_file_unasked(
    sqlite_db: Database, tmp_path: Path, capsys
) -> None:
    path = sqlite_db.sqlite_path
    copy = tmp_path / "cli.bak"
    assert main(["backup", str(copy), "--db", str(path)]) == 0
    first = copy.read_bytes()
    _add(sqlite_db, "PT Sesudah Cadangan")
    assert main(["backup", str(copy), "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert "sudah ada" in err and "--overwrite" in err
    assert copy.read_bytes() == first
    assert main(["backup", str(copy), "--overwrite", "--db", str(path)]) == 0
    assert copy.read_bytes() != first
