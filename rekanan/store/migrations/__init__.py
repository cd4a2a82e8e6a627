"""Alembic migrations, shipped inside the package (no alembic.ini needed at run time).

``HEAD_REVISION`` and ``KNOWN_REVISIONS`` let ``open_database`` decide in one query whether
a migration is needed, without importing Alembic; a test keeps them equal to the scripts.
"""

from __future__ import annotations

KNOWN_REVISIONS: tuple[str, ...] = ("0001_initial", "0002_alert_register")
"""Every revision this code can read, oldest first."""

HEAD_REVISION: str = KNOWN_REVISIONS[-1]
