"""Fixtures of the app tests: the demo agency on SQLite, an app on it, a fixed day."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def demo_db(request: pytest.FixtureRequest) -> Iterator[Any]:
    """The seeded demo agency, on SQLite only (the UI does not depend on the backend)."""
    yield request.getfixturevalue("seeded_db")


@pytest.fixture
def empty_db(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A migrated, empty SQLite database."""
    yield request.getfixturevalue("sqlite_db")
