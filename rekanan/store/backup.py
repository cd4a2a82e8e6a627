"""Backups that are checked before anyone relies on them, and restores that refuse strangers.

SQLite uses the online backup API (``sqlite3.Connection.backup``): the copy is consistent
even while somebody else is writing, and it lands in a temporary file next to the target
that is renamed into place only after ``PRAGMA integrity_check`` and the schema revision
have been checked. A restore runs the same check on the backup first, keeps a copy of the
database it replaces, and copies with the backup API *into* the live file, so other
connections never see half a database.

PostgreSQL is backed up with the server's own tools, ``pg_dump`` (custom format) and
``pg_restore --single-transaction``; a missing tool is a sentence, not a traceback.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from rekanan.store.errors import StoreError
from rekanan.store.migrations import HEAD_REVISION, KNOWN_REVISIONS

SQLITE_HEADER = b"SQLite format 3\x00"
PG_TIMEOUT_S = 600
"""How long pg_dump / pg_restore may run before we give up."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a verified backup holds: where it is, its schema revision and its size."""

    path: Path
    revision: str
    size: int

    @property
    def up_to_date(self) -> bool:
        """True when the backup has the schema this code writes (older ones get migrated)."""
        return self.revision == HEAD_REVISION


# ---------------------------------------------------------------------------- SQLite


def sqlite_backup(source: Path, target: Path) -> BackupInfo:
    """Copy the SQLite database ``source`` to ``target`` online, then verify the copy.

    The copy is written to a temporary file in the target's folder and renamed over
    ``target`` only when it passes the check, so a failed backup never leaves a file that
    looks like a good one. The copy uses the rollback journal (one self-contained file).
    """
    source = Path(source)
    target = Path(target)
    if not source.is_file():
        raise StoreError(f"Tidak ada basis data di {source} untuk dicadangkan.")
    if target.resolve() == source.resolve():
        raise StoreError("Cadangan harus disimpan di berkas lain, bukan di basis data itu sendiri.")
    if target.is_dir():
        raise StoreError(
            f"{target} adalah folder; tulis nama berkas cadangan, misalnya {target}/rekanan.db."
        )
    _make_parent(target)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _remove_quietly(temp)
    try:
        src = _connect(source, read_only=False)
        try:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                dst.commit()
            finally:
                dst.close()
        finally:
            src.close()
        info = verify_sqlite(temp)
        os.replace(temp, target)
    except sqlite3.Error as error:
        raise _sqlite_failure(source, target, error) from error
    except OSError as error:
        raise StoreError(
            f"Cadangan {target} tidak dapat ditulis ({error.strerror or error}). "
            "Periksa ruang disk dan izin folder."
        ) from error
    finally:
        _remove_quietly(temp)
    return BackupInfo(target, info.revision, target.stat().st_size)


def verify_sqlite(path: Path) -> BackupInfo:
    """Check that ``path`` is a whole, readable rekanan database of a schema this code knows.

    Refuses (with a sentence) a file that is not SQLite, fails ``PRAGMA integrity_check``,
    has no rekanan schema, or has a newer schema revision than this code.
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"Berkas {path} tidak ada.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"Berkas {path} tidak dapat dibaca ({error.strerror}).") from error
    if header != SQLITE_HEADER:
        raise StoreError(
            f"Berkas {path} bukan basis data SQLite (mungkin rusak, terpotong, atau berkas lain)."
        )
    try:
        conn = _connect(path, read_only=True)
        try:
            problems = [str(row[0]) for row in conn.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise StoreError(
                    f"Berkas {path} rusak: pemeriksaan integritas SQLite menemukan masalah "
                    f"({'; '.join(problems)[:300]}). Gunakan cadangan lain."
                )
            tables = {
                str(row[0])
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables or "audit_log" not in tables:
                raise StoreError(
                    f"Berkas {path} adalah basis data SQLite, tetapi bukan basis data rekanan."
                )
            rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise StoreError(
            f"Berkas {path} rusak atau tidak dapat dibaca sebagai basis data rekanan ({error}). "
            "Gunakan cadangan lain."
        ) from error
    revision = str(rows[0][0]) if rows else ""
    check_revision(revision, str(path))
    return BackupInfo(path, revision, path.stat().st_size)


def sqlite_restore(backup: Path, target: Path) -> BackupInfo:
    """Replace the database ``target`` with the verified ``backup``.

    Returns the information of the copy kept of the replaced database (``target`` renamed
    ``<name>.before-restore-<time>.bak``), or of the restored file when there was none.
    The copy into a readable target runs through the backup API under SQLite's own lock, so
    it is all-or-nothing even with other connections open; a target that is not a readable
    database is set aside and replaced as a file.
    """
    backup = Path(backup)
    target = Path(target)
    info = verify_sqlite(backup)
    if target.exists() and target.resolve() == backup.resolve():
        raise StoreError("Berkas cadangan dan basis data tujuan adalah berkas yang sama.")
    _make_parent(target)
    kept: BackupInfo | None = None
    if target.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        keep = target.with_name(f"{target.name}.before-restore-{stamp}.bak")
        try:
            kept = sqlite_backup(target, keep)
        except StoreError:
            kept = None  # not a readable rekanan database: set the file aside as it is
        if kept is None:
            _set_aside(target, keep)
    try:
        src = _connect(backup, read_only=True)
        try:
            dst = sqlite3.connect(target, timeout=30)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = WAL")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as error:
        raise StoreError(
            f"Basis data {target} tidak dapat dipulihkan ({error}). "
            + (f"Salinan sebelum pemulihan ada di {kept.path}." if kept else "")
        ) from error
    verify_sqlite(target)
    return kept if kept is not None else BackupInfo(target, info.revision, target.stat().st_size)


def check_revision(revision: str, where: str) -> None:
    """Refuse a schema revision that this code does not know (usually a newer version)."""
    if not revision:
        raise StoreError(
            f"{where} tidak mencatat versi skema, jadi bukan cadangan rekanan yang utuh."
        )
    if revision not in KNOWN_REVISIONS:
        raise StoreError(
            f"{where} memakai skema revisi {revision}, yang lebih baru atau tidak dikenal oleh "
            "versi rekanan ini. Perbarui aplikasi rekanan sebelum memulihkannya."
        )


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    """A plain sqlite3 connection with a busy timeout (read-only via a URI when asked)."""
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=30)
    else:
        conn = sqlite3.connect(path, timeout=30)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


def _sqlite_failure(source: Path, target: Path, error: sqlite3.Error) -> StoreError:
    text = str(error)
    if "locked" in text or "busy" in text:
        return StoreError(
            f"Basis data {source} sedang dikunci program lain; cadangan belum dibuat. "
            "Coba lagi sebentar lagi."
        )
    return StoreError(
        f"Cadangan {source} ke {target} gagal ({text}). Periksa berkas sumber dan ruang disk."
    )


def _make_parent(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"Folder {target.parent} tidak dapat dibuat ({error.strerror}). Pilih lokasi lain."
        ) from error


def _set_aside(target: Path, keep: Path) -> None:
    """Rename an unreadable database (and its WAL files) out of the way."""
    try:
        os.replace(target, keep)
    except OSError as error:
        raise StoreError(
            f"Berkas {target} tidak dapat dipindahkan sebelum pemulihan ({error.strerror})."
        ) from error
    for suffix in ("-wal", "-shm", "-journal"):
        _remove_quietly(target.with_name(target.name + suffix))


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


# ---------------------------------------------------------------------------- PostgreSQL


def pg_backup(url: str, target: Path) -> BackupInfo:
    """``pg_dump --format=custom`` of the database at ``url`` into ``target``, then verify."""
    target = Path(target)
    _make_parent(target)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    _remove_quietly(temp)
    try:
        _run_pg_tool(
            "pg_dump",
            ["--format=custom", "--no-owner", f"--file={temp}"],
            url,
        )
        info = verify_pg_dump(temp)
        os.replace(temp, target)
    finally:
        _remove_quietly(temp)
    return BackupInfo(target, info.revision, target.stat().st_size)


def pre_migration_dump(url: str, revision: str) -> Path:
    """Where the automatic dump before a PostgreSQL migration goes (the user data folder)."""
    from rekanan.config import default_data_dir

    name = make_url(url).database or "rekanan"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return default_data_dir() / "backups" / f"{name}.before-{revision}-{stamp}.dump"


def verify_pg_dump(path: Path) -> BackupInfo:
    """Check that ``path`` is a pg_dump archive of a rekanan database of a known revision."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"Berkas {path} tidak ada.")
    listing = _run_pg_tool("pg_restore", ["--list", str(path)], None, what=path)
    if not re.search(r"TABLE DATA \S+ alembic_version ", listing) or " audit_log " not in listing:
        raise StoreError(f"Berkas {path} adalah arsip pg_dump, tetapi bukan basis data rekanan.")
    data = _run_pg_tool(
        "pg_restore",
        ["--data-only", "--table=alembic_version", "--file=-", str(path)],
        None,
        what=path,
    )
    revision = _copy_value(data)
    check_revision(revision, str(path))
    return BackupInfo(path, revision, path.stat().st_size)


def pg_restore(backup: Path, url: str) -> BackupInfo:
    """Replace the contents of the database at ``url`` with the verified archive, atomically."""
    info = verify_pg_dump(backup)
    try:
        _restore_archive(backup, url)
    except StoreError as error:
        raise StoreError(
            f"{error} Pemulihan berjalan dalam satu transaksi, jadi basis data tidak berubah. "
            "Jalankan sebagai peran pemilik basis data, dan pastikan peran rekanan_app dan "
            "rekanan_reader sudah ada (skrip `rekanan db roles-sql`)."
        ) from error
    return info


def _restore_archive(backup: Path, url: str) -> None:
    """``pg_restore --clean --single-transaction``: all of the archive, or nothing."""
    _run_pg_tool(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            str(backup),
        ],
        url,
        what=Path(backup),
    )


def is_pg_dump(path: Path) -> bool:
    """True when the file starts like a pg_dump custom-format archive."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(5) == b"PGDMP"
    except OSError:
        return False


def _copy_value(sql: str) -> str:
    """The single value of the ``COPY ... FROM stdin`` block pg_restore prints."""
    lines = sql.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and index + 1 < len(lines):
            value = lines[index + 1].strip()
            return "" if value == "\\." else value
    return ""


def _run_pg_tool(tool: str, args: list[str], url: str | None, *, what: Path | None = None) -> str:
    """Run a PostgreSQL client tool; the password travels in the environment, not argv."""
    program = shutil.which(tool)
    if program is None:
        raise StoreError(
            f"Program {tool} tidak ditemukan. Pasang klien PostgreSQL (di Debian: "
            "`sudo apt install postgresql-client`) dengan versi yang sama atau lebih baru "
            "dari servernya, lalu coba lagi."
        )
    env = dict(os.environ)
    command = [program, *args]
    if url is not None:
        sa_url = make_url(url)
        if sa_url.password:
            env["PGPASSWORD"] = str(sa_url.password)
        plain = URL.create(
            "postgresql",
            username=sa_url.username,
            host=sa_url.host,
            port=sa_url.port,
            database=sa_url.database,
            query=sa_url.query,
        )
        command.append(f"--dbname={plain.render_as_string(hide_password=False)}")
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=PG_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise StoreError(f"{tool} tidak dapat dijalankan ({error}).") from error
    if done.returncode != 0:
        detail = _first_error_line(done.stderr) or f"kode keluar {done.returncode}"
        if what is not None and url is None:
            raise StoreError(f"{tool} tidak dapat membaca berkas {what} ({detail}).")
        raise StoreError(f"{tool} gagal ({detail}).")
    return done.stdout


def _first_error_line(stderr: str) -> str:
    for line in stderr.splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("pg_dump: ").removeprefix("pg_restore: ")[:300]
    return ""


# ---------------------------------------------------------------------------- either kind


def backup_database(url: str, target: Path) -> BackupInfo:
    """Back up the database at ``url`` (SQLite file or PostgreSQL) to ``target``, verified."""
    path = _sqlite_file(url)
    if path is not None:
        return sqlite_backup(path, Path(target))
    return pg_backup(url, Path(target))


def verify_backup(path: Path) -> BackupInfo:
    """Verify a backup of either kind: a SQLite file or a pg_dump archive."""
    if is_pg_dump(Path(path)):
        return verify_pg_dump(Path(path))
    return verify_sqlite(Path(path))


def restore_database(backup: Path, url: str) -> BackupInfo:
    """Restore ``backup`` into the database at ``url``, refusing a mismatched kind of file."""
    backup = Path(backup)
    path = _sqlite_file(url)
    archive = is_pg_dump(backup)
    if path is not None:
        if archive:
            raise StoreError(
                f"{backup} adalah cadangan PostgreSQL (pg_dump); pulihkan ke server PostgreSQL "
                "dengan --db postgresql://..., bukan ke berkas SQLite."
            )
        return sqlite_restore(backup, path)
    if not archive:
        raise StoreError(
            f"{backup} bukan arsip pg_dump; basis data PostgreSQL hanya dapat dipulihkan dari "
            "cadangan yang dibuat `rekanan backup` terhadap server PostgreSQL."
        )
    return pg_restore(backup, url)


def _sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL; refuses in-memory databases and unknown back ends."""
    sa_url = make_url(url)
    backend = sa_url.get_backend_name()
    if backend == "sqlite":
        if not sa_url.database or sa_url.database == ":memory:":
            raise StoreError("Basis data di memori tidak dapat dicadangkan atau dipulihkan.")
        return Path(sa_url.database)
    if backend == "postgresql":
        return None
    raise StoreError(f"Jenis basis data '{backend}' tidak didukung untuk cadangan.")
