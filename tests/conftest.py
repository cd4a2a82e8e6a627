"""Shared fixtures: fresh migrated databases on SQLite and, when asked, on PostgreSQL.

``db`` is parametrised over the backends: always SQLite (a file under ``tmp_path``), and
PostgreSQL too when ``REKANAN_TEST_PG`` holds a server URL, for example
``postgresql://postgres@127.0.0.1:5432/postgres``; each test then gets a throw-away
database, dropped afterwards.

Running the migrations for every test would dominate the suite, so each backend is migrated
once per session into a template, and every test gets a copy (SQLite's backup API; for
PostgreSQL ``CREATE DATABASE ... TEMPLATE``). ``seeded_db`` does the same with the demo
agency loaded as of ``SEED_TODAY``.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from rekanan.config import database_url
from rekanan.store.database import Database, open_database

PG_URL = os.environ.get("REKANAN_TEST_PG", "")
"""The PostgreSQL server to test against (an admin role that may create databases)."""

BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]

SEED_TODAY = date(2026, 11, 23)
"""The day the demo agency of ``seeded_db`` is loaded as of."""

TEST_USER = "tester"


# ---------------------------------------------------------------------------- backends


class Backend:
    """Makes, copies and drops test databases of one kind; returns their URLs."""

    name = ""

    def empty(self, tmp: Path) -> str:
        raise NotImplementedError

    def clone(self, template: str, tmp: Path) -> str:
        raise NotImplementedError

    def drop(self, url: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Release what the backend holds (an admin connection pool)."""


class SqliteBackend(Backend):
    name = "sqlite"

    def empty(self, tmp: Path) -> str:
        tmp.mkdir(parents=True, exist_ok=True)
        return str(tmp / f"rekanan-{uuid.uuid4().hex[:8]}.db")

    def clone(self, template: str, tmp: Path) -> str:
        target = self.empty(tmp)
        source = sqlite3.connect(template)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target

    def drop(self, url: str) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(url + suffix).unlink(missing_ok=True)


class PostgresBackend(Backend):
    """One throw-away database per test, created from a migrated template database."""

    name = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = make_url(database_url(url))
        self._admin: Engine | None = None

    @property
    def admin(self) -> Engine:
        if self._admin is None:
            self._admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        return self._admin

    def _url(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _create(self, template: str | None = None) -> str:
        name = f"rekanan_test_{uuid.uuid4().hex[:12]}"
        suffix = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
        return self._url(name)

    def empty(self, tmp: Path) -> str:
        return self._create()

    def clone(self, template: str, tmp: Path) -> str:
        return self._create(make_url(template).database)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def close(self) -> None:
        if self._admin is not None:
            self._admin.dispose()


@pytest.fixture(scope="session")
def backends() -> Iterator[dict[str, Backend]]:
    """The backends of this run, by name."""
    found: dict[str, Backend] = {"sqlite": SqliteBackend()}
    if PG_URL:
        found["postgresql"] = PostgresBackend(PG_URL)
    yield found
    for backend in found.values():
        backend.close()


def _template(
    backend: Backend, tmp: Path, prepare: Callable[[Database], None] | None = None
) -> Iterator[str]:
    """A migrated (and optionally prepared) database to copy; dropped at the end."""
    url = backend.empty(tmp)
    try:
        database = open_database(url, user=TEST_USER)
        try:
            if prepare is not None:
                prepare(database)
        finally:
            database.close()
        yield url
    finally:
        backend.drop(url)


@pytest.fixture(scope="session")
def migrated_templates(
    backends: dict[str, Backend], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """Per backend, a database migrated to head with nothing in it."""
    tmp = tmp_path_factory.mktemp("templates")
    makers = {name: _template(backend, tmp) for name, backend in backends.items()}
    yield {name: next(maker) for name, maker in makers.items()}
    for maker in makers.values():
        next(maker, None)


def _load_demo() -> Callable[[Database, date], object]:
    """The seed's ``load_demo``, or a skip saying why it is missing."""
    try:
        from rekanan.store.seed import load_demo
    except ImportError as error:
        pytest.skip(f"rekanan.store.seed.load_demo is not available yet ({error})")
    return load_demo  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def seeded_templates(
    backends: dict[str, Backend], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """Per backend, a migrated database with the demo agency loaded as of ``SEED_TODAY``."""
    load_demo = _load_demo()
    tmp = tmp_path_factory.mktemp("seeded")
    makers = {
        name: _template(backend, tmp, lambda database: _ignore(load_demo(database, SEED_TODAY)))
        for name, backend in backends.items()
    }
    yield {name: next(maker) for name, maker in makers.items()}
    for maker in makers.values():
        next(maker, None)


def _ignore(_: object) -> None:
    """Drop a result (what ``load_demo`` returns is not needed here)."""


def _open_copy(
    backend: Backend, template: str, tmp: Path, read_only: bool = False
) -> Iterator[Database]:
    url = backend.clone(template, tmp)
    database = open_database(url, user=TEST_USER, read_only=read_only)
    try:
        yield database
    finally:
        database.close()
        backend.drop(url)


# ---------------------------------------------------------------------------- fixtures


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that uses ``db`` (or ``backend_name``) once per backend."""
    if "backend_name" in metafunc.fixturenames:
        metafunc.parametrize("backend_name", BACKENDS, indirect=True)


@pytest.fixture
def backend_name(request: pytest.FixtureRequest) -> str:
    """``sqlite``, and ``postgresql`` when ``REKANAN_TEST_PG`` is set.

    Parametrised by ``pytest_generate_tests`` rather than ``params=`` so that a fixture
    asking for ``db`` through ``request.getfixturevalue`` still gets one (on SQLite).
    """
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def db(
    backend_name: str,
    backends: dict[str, Backend],
    migrated_templates: dict[str, str],
    tmp_path: Path,
) -> Iterator[Database]:
    """A fresh, empty database migrated to head (SQLite, and PostgreSQL when configured)."""
    yield from _open_copy(backends[backend_name], migrated_templates[backend_name], tmp_path)


@pytest.fixture
def sqlite_db(
    backends: dict[str, Backend], migrated_templates: dict[str, str], tmp_path: Path
) -> Iterator[Database]:
    """A fresh, empty SQLite database migrated to head (for SQLite-only behaviour)."""
    yield from _open_copy(backends["sqlite"], migrated_templates["sqlite"], tmp_path)


@pytest.fixture
def seeded_db(
    backend_name: str,
    backends: dict[str, Backend],
    seeded_templates: dict[str, str],
    tmp_path: Path,
) -> Iterator[Database]:
    """``db`` with the demo agency loaded as of ``SEED_TODAY`` (2026-11-23)."""
    yield from _open_copy(backends[backend_name], seeded_templates[backend_name], tmp_path)


@pytest.fixture
def empty_database_url(
    backend_name: str, backends: dict[str, Backend], tmp_path: Path
) -> Iterator[str]:
    """The URL (or SQLite path) of a database with no tables at all, dropped afterwards."""
    backend = backends[backend_name]
    url = backend.empty(tmp_path)
    try:
        yield url
    finally:
        backend.drop(url)
