"""Who the demo agency is on paper: its letterhead and signer, for documents of the demo.

The config file describes the agency that runs ``rekanan`` (a placeholder until someone
fills it in). The demo database holds a different, fictional agency, Dinkominfo Kabupaten
Sukamaju, so PDFs made from it carry Sukamaju's letterhead and a named signer from
``seed_data/agency.csv`` instead. A database is the demo when it is the file
``rekanan demo`` keeps, or when its rows were written by the seed's user (``rekanan seed``
into any file). The user's own database keeps the config's letterhead untouched.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from rekanan.config import Agency, demo_database_path
from rekanan.models import AuditEntry
from rekanan.store.database import Database
from rekanan.store.seed import DEFAULT_SEED_USER
from rekanan.store.seed_files import read_table


@lru_cache(maxsize=1)
def demo_agency_values() -> dict[str, str]:
    """``seed_data/agency.csv`` as key -> value."""
    return {
        line.text("key"): line.text("value") for line in read_table("agency.csv", ("key", "value"))
    }


def demo_agency() -> Agency:
    """The demo agency's letterhead and signer (defaults where the data file is silent)."""
    values = demo_agency_values()
    base = Agency()
    lines = tuple(
        values[key]
        for key in sorted(values)
        if key.startswith("letterhead_") and key[11:].isdigit()
    )
    return Agency(
        name=values.get("letterhead_name", base.name),
        government=values.get("government", base.government),
        letterhead=lines or base.letterhead,
        place=values.get("place", base.place),
        signer_name=values.get("signer_name", base.signer_name),
        signer_title=values.get("signer_title", base.signer_title),
        signer_id=values.get("signer_id", base.signer_id),
    )


def is_demo_database(db: Database) -> bool:
    """Whether ``db`` holds the demo agency (the demo file, or rows the seed wrote)."""
    path = db.sqlite_path
    if path is not None and path.resolve() == demo_database_path().expanduser().resolve():
        return True
    seed_user = demo_agency_values().get("seed_user") or DEFAULT_SEED_USER
    entry: Any = AuditEntry
    try:
        with db.session() as session:
            found = session.execute(
                select(entry.id).where(entry.user == seed_user).limit(1)
            ).first()
    except SQLAlchemyError:
        return False
    return found is not None


def agency_for(db: Database, configured: Agency) -> Agency:
    """The agency to print on documents made from ``db``: the demo's, else the configured one."""
    return demo_agency() if is_demo_database(db) else configured
