"""Open the database: engine, connection settings, schema check and migration on start.

``open_database`` accepts a SQLite file path or a URL. A new database is created by running
the Alembic migrations (never ``create_all``), an older one is backed up and upgraded, and a
database this code cannot understand (newer schema, another program's tables, a corrupt
file, a server that does not answer) is refused with a sentence. Checking the revision is
one small query, and Alembic is imported only when a migration has to run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlmodel import Session

from rekanan.config import current_user, database_url
from rekanan.store.errors import DatabaseBusy, ReadOnly, StoreError
from rekanan.store.migrations import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from rekanan.store.writes import Writer

BUSY_TIMEOUT_MS = 5000
"""How long SQLite waits for another writer before giving up with ``DatabaseBusy``."""

WRITE_LOCK = 0x72656B62
"""PostgreSQL advisory lock: every write transaction holds it shared, the alert register
takes it exclusive to read a watermark no uncommitted change lies below."""

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class SchemaState:
    """Where a database stands against the migrations this code ships."""

    revision: str | None
    """The Alembic revision stored in the database, or None for an empty database."""

    head: str = HEAD_REVISION

    @property
    def up_to_date(self) -> bool:
        return self.revision == self.head

    @property
    def empty(self) -> bool:
        return self.revision is None


class Database:
    """One database: an engine for reads, one for writes, and who is writing."""

    def __init__(
        self, url: str, engine: Engine, write_engine: Engine, *, user: str, read_only: bool
    ) -> None:
        self.url = url
        self.engine = engine
        self.write_engine = write_engine
        self.user = user
        self.read_only = read_only
        self.state = SchemaState(None)

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """The file of a SQLite database, else None."""
        return sqlite_path(self.url)

    @property
    def revision(self) -> str | None:
        return self.state.revision

    @property
    def up_to_date(self) -> bool:
        return self.state.up_to_date

    def describe(self) -> str:
        """The database for messages, without a password."""
        return describe_url(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reads; anything left uncommitted is rolled back."""
        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
        except OperationalError as error:
            raise translate_operational(error, self.url) from error
        except DBAPIError as error:
            refused = translate_privilege(error, self.url)
            if refused is None:
                raise
            raise refused from error
        finally:
            session.close()

    @contextmanager
    def writer(self, user: str | None = None) -> Iterator[Writer]:
        """One transaction: commit on exit, roll back on any exception."""
        from rekanan.store.validation import translate_integrity
        from rekanan.store.writes import Writer

        if self.read_only:
            raise ReadOnly(
                "Basis data dibuka hanya-baca, jadi perubahan tidak dapat disimpan. "
                "Buka tanpa --read-only (atau dengan peran yang boleh menulis) untuk mengubah data."
            )
        session = Session(self.write_engine, expire_on_commit=False, autoflush=False)
        writer = Writer(session, user or self.user)
        try:
            if self.dialect == "postgresql":
                # the alert register reads its watermark under the exclusive lock
                session.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": WRITE_LOCK})
            yield writer
            writer.finish()
            session.commit()
        except BaseException as error:
            session.rollback()
            session.close()
            if isinstance(error, OperationalError):
                raise translate_operational(error, self.url) from error
            refused = translate_privilege(error, self.url)
            if refused is not None:
                raise refused from error
            if isinstance(error, SQLAlchemyError):
                translated = translate_integrity(error)
                if translated is not None:
                    raise translated from error
            raise
        session.close()

    @contextmanager
    def derived_writes(self) -> Iterator[Session]:
        """One transaction for rows derived from the others (the alert register): no
        checks and no audit, as nobody edits them; commit on exit, roll back on error."""
        if self.read_only:
            raise ReadOnly("Basis data dibuka hanya-baca.")
        session = Session(self.write_engine, expire_on_commit=False, autoflush=False)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        """Close every pooled connection (SQLite then checkpoints its WAL)."""
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()

    def refresh_state(self) -> SchemaState:
        """Read the stored revision again (after an upgrade, say)."""
        self.state = read_state(self.engine, self.url)
        return self.state


def open_database(
    url_or_path: str | os.PathLike[str],
    *,
    user: str = "",
    read_only: bool = False,
    migrate: bool = True,
) -> Database:
    """Open (and if needed create or upgrade) the database at a path or URL.

    ``migrate=False`` leaves an empty or older database as it is (``Database.state`` says
    where it stands), for ``rekanan db current``. A newer or foreign database is always
    refused with a ``StoreError``. Without a ``user`` the audit log records PostgreSQL's
    session user, or the OS account for SQLite.
    """
    url = database_url(str(url_or_path))
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path, create=not read_only)
    db = Database(
        url,
        make_engine(url, read_only=read_only),
        make_engine(url, read_only=read_only, for_writes=True),
        user=user or current_user(),
        read_only=read_only,
    )
    try:
        state = db.refresh_state()
        if not user and db.dialect == "postgresql":
            db.user = session_user(db.engine) or db.user  # who the server says is connected
        if not state.up_to_date and migrate:
            if read_only:
                raise StoreError(
                    f"Basis data {db.describe()} perlu diperbarui ke skema terbaru, tetapi "
                    "dibuka hanya-baca. Jalankan `rekanan db upgrade` sekali dengan hak tulis."
                )
            upgrade(db)
        if not read_only and db.dialect == "postgresql" and not can_write(db.engine):
            db.read_only = True  # a role without write grants: show everything, edit nothing
    except BaseException:
        db.close()
        raise
    return db


def upgrade(db: Database) -> str | None:
    """Back up an existing database (SQLite copy, or pg_dump), then migrate to the newest schema.

    Returns the path of the backup copy, if one was made.
    """
    from rekanan.store.migrations.runner import run_upgrade

    backup: str | None = None
    state = db.refresh_state()
    if state.up_to_date:
        return None
    path = db.sqlite_path
    if path is not None and state.revision is not None:
        from rekanan.store.backup import sqlite_backup

        target = path.with_name(f"{path.name}.before-{state.revision}.bak")
        sqlite_backup(path, target)
        backup = str(target)
    elif db.dialect == "postgresql" and state.revision is not None:
        from rekanan.store.backup import pg_backup, pre_migration_dump

        backup = str(pg_backup(db.url, pre_migration_dump(db.url, state.revision)).path)
    try:
        run_upgrade(db.write_engine)
    except OperationalError as error:
        raise translate_operational(error, db.url) from error
    except SQLAlchemyError as error:
        raise StoreError(
            f"Pembaruan skema basis data {db.describe()} gagal ({first_line(error)}). "
            + (f"Salinan sebelum pembaruan ada di {backup}." if backup else "")
        ) from error
    db.refresh_state()
    return backup


# ---------------------------------------------------------------------------- engines


def make_engine(url: str, *, read_only: bool = False, for_writes: bool = False) -> Engine:
    """An engine with the settings every connection needs (WAL, foreign keys, timeouts)."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        _sqlite_events(engine, read_only=read_only, immediate=for_writes)
        return engine
    if sa_url.get_backend_name() == "postgresql":
        args: dict[str, Any] = {"connect_timeout": 5}
        if read_only:
            args["options"] = "-c default_transaction_read_only=on"
        return create_engine(url, connect_args=args, pool_pre_ping=True)
    raise StoreError(
        f"Jenis basis data '{sa_url.get_backend_name()}' tidak didukung; "
        "gunakan berkas SQLite atau URL postgresql://."
    )


def _sqlite_events(engine: Engine, *, read_only: bool, immediate: bool) -> None:
    """Per connection: WAL, foreign keys, busy timeout; writers take the lock up front."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not read_only:
                mode = cursor.execute("PRAGMA journal_mode").fetchone()
                if mode and str(mode[0]).lower() != "wal":
                    cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
            else:
                cursor.execute("PRAGMA query_only = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


# ---------------------------------------------------------------------------- schema state


def read_state(engine: Engine, url: str) -> SchemaState:
    """The stored revision; refuses newer and foreign databases with a sentence."""
    where = describe_url(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision: str | None = None
            if "alembic_version" in tables:
                rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
                revision = str(rows[0][0]) if rows else None
            conn.rollback()
    except OperationalError as error:
        raise translate_operational(error, url) from error
    except DBAPIError as error:
        raise StoreError(
            f"{where} tidak dapat dibaca sebagai basis data rekanan ({first_line(error)}). "
            "Periksa berkasnya, atau pulihkan dari cadangan dengan `rekanan restore`."
        ) from error
    if revision is None:
        if tables - {"alembic_version"}:
            raise StoreError(
                f"{where} berisi tabel lain dan bukan basis data rekanan. "
                "Pilih berkas atau basis data lain dengan --db."
            )
        return SchemaState(None)
    if revision not in KNOWN_REVISIONS:
        raise StoreError(
            f"{where} memakai skema yang lebih baru (revisi {revision}) daripada versi rekanan "
            "ini. Perbarui aplikasi rekanan sebelum membukanya."
        )
    return SchemaState(revision)


def session_user(engine: Engine) -> str:
    """PostgreSQL's ``session_user`` (the login role), or empty when it cannot be asked."""
    try:
        with engine.connect() as conn:
            return str(conn.execute(text("SELECT session_user")).scalar() or "")
    except DBAPIError:
        return ""


def can_write(engine: Engine) -> bool:
    """Whether the PostgreSQL role may insert rows (``rekanan_reader`` may not)."""
    try:
        with engine.connect() as conn:
            allowed = conn.execute(text("SELECT has_table_privilege('supplier', 'INSERT')"))
            return bool(allowed.scalar())
    except DBAPIError:
        return False


PRIVILEGE_STATES = {"42501": "permission", "25006": "read-only transaction"}
"""PostgreSQL SQLSTATEs that mean "this role or transaction may not write"."""


def translate_privilege(error: BaseException, url: str) -> ReadOnly | None:
    """A role without the grant, or a read-only transaction: ``ReadOnly`` with a sentence."""
    orig = getattr(error, "orig", None)
    if getattr(orig, "sqlstate", None) not in PRIVILEGE_STATES:
        return None
    return ReadOnly(
        f"Peran basis data Anda di {describe_url(url)} tidak berhak mengubah data ini "
        f"({first_line(error)}). Minta pengelola basis data memberi hak tulis "
        "(peran rekanan_app), atau buka dengan --read-only."
    )


def check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse a file that is not SQLite before SQLite itself says something obscure."""
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path} adalah folder, bukan berkas basis data. Pilih berkas lain.")
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as error:
            raise StoreError(f"Berkas {path} tidak dapat dibaca ({error.strerror}).") from error
        if header and header != SQLITE_HEADER:
            raise StoreError(
                f"Berkas {path} bukan basis data SQLite (mungkin rusak atau berkas lain). "
                "Pilih berkas lain dengan --db, atau pulihkan dari cadangan dengan "
                "`rekanan restore`."
            )
        return
    if not create:
        raise StoreError(
            f"Tidak ada basis data di {path}. Periksa --db atau REKANAN_DB, "
            "atau buat yang baru dengan membukanya tanpa --read-only."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"Folder {path.parent} tidak dapat dibuat ({error.strerror}). Pilih lokasi lain."
        ) from error


def translate_operational(error: OperationalError, url: str) -> StoreError:
    """Locked, unreachable, refused: a sentence instead of the driver's text."""
    detail = first_line(error)
    lowered = detail.lower()
    where = describe_url(url)
    if "locked" in lowered or "busy" in lowered:
        return DatabaseBusy(
            f"Basis data {where} sedang dipakai program lain lebih dari "
            f"{BUSY_TIMEOUT_MS // 1000} detik. Tunggu sebentar lalu coba lagi; "
            "jika terus terjadi, tutup program lain yang membuka berkas itu."
        )
    if "read-only" in lowered or "readonly" in lowered or "attempt to write" in lowered:
        return ReadOnly(
            f"Basis data {where} hanya boleh dibaca ({detail}); perubahan tidak disimpan."
        )
    if make_url(url).get_backend_name() == "postgresql":
        return StoreError(
            f"Server PostgreSQL {where} tidak dapat dihubungi atau menolak koneksi ({detail}). "
            "Periksa bahwa server berjalan, alamat dan nama basis data benar, serta peran "
            "dan kata sandinya."
        )
    return StoreError(
        f"Basis data {where} tidak dapat dibuka ({detail}). Periksa berkas dan izinnya."
    )


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL (None for memory databases and servers)."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() != "sqlite" or not sa_url.database:
        return None
    if sa_url.database == ":memory:":
        return None
    return Path(sa_url.database)


def describe_url(url: str) -> str:
    """A URL or file path fit for a message: never the password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return make_url(url).render_as_string(hide_password=True)


def first_line(error: BaseException) -> str:
    """The driver's own message, first line only (no SQL, no parameters)."""
    orig = getattr(error, "orig", None)
    source = orig if orig is not None else error
    lines = str(source).strip().splitlines()
    return lines[0] if lines else type(source).__name__
