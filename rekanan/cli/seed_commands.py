"""``rekanan seed --db X [--today DATE]``: load the demo agency into an empty database.

The target must be named with ``--db`` (or ``REKANAN_DB``/the config file is *not* enough):
the demo is fictional data and must never land in the agency's own database by accident.
The store refuses a database that already holds suppliers anyway.
"""

from __future__ import annotations

import argparse
from datetime import date

from rekanan.cli.common import CommandError, add_subcommand, parse_iso_date
from rekanan.config import Settings

_TEXT: dict[str, tuple[str, str]] = {
    "help": (
        "Muat agensi demo (Dinkominfo Kabupaten Sukamaju, fiktif) ke basis data kosong.",
        "Load the demo agency (a fictional Dinkominfo) into an empty database.",
    ),
    "no_db": (
        "Sebutkan basis data tujuan dengan --db, misalnya `rekanan seed --db demo.db`; "
        "data demo tidak pernah dimuat ke basis data yang tidak disebut.",
        "Name the target database with --db, for example `rekanan seed --db demo.db`; "
        "the demo data is never loaded into a database you did not name.",
    ),
    "next": (
        "Buka dengan: rekanan --db {db}",
        "Open it with: rekanan --db {db}",
    ),
    "read_only": (
        "Basis data dibuka hanya-baca (--read-only), jadi data demo tidak dapat dimuat.",
        "The database is opened read-only (--read-only), so the demo cannot be loaded.",
    ),
}


def _t(language: str, key: str) -> str:
    pair = _TEXT[key]
    return pair[1] if language == "en" else pair[0]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``seed`` to the command line."""
    parser = add_subcommand(subparsers, "seed", _t("en", "help"))
    parser.add_argument(
        "--today",
        type=parse_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day the demo is dated around (default: today)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Open (and migrate) the database named by ``--db``, load the demo, print a summary."""
    language = settings.language
    target = getattr(args, "db", None)
    if not target:
        raise CommandError(_t(language, "no_db"))
    if settings.read_only:
        raise CommandError(_t(language, "read_only"))
    from rekanan.store.database import open_database
    from rekanan.store.seed import load_demo

    today: date = args.today or date.today()
    database = open_database(str(target), user=settings.audit_user)
    try:
        summary = load_demo(database, today)
    finally:
        database.close()
    print(summary.describe(language))
    print(_t(language, "next").format(db=target))
    return 0
