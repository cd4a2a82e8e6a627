"""``rekanan open`` (what plain ``rekanan`` runs) and ``rekanan demo``: the terminal app.

``open`` opens the configured database (migrating it first when needed). ``demo`` keeps a
seeded demo agency in the user data folder, seeds it on first use (``--reset`` rebuilds
it) and opens it. Textual is imported only here, inside the handlers, so the headless
commands stay quick to start.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from rekanan.cli.common import (
    CommandError,
    add_subcommand,
    app_settings,
    parse_iso_date,
    pick,
    settings_from,
)
from rekanan.config import Settings, demo_database_path

START_SCREENS = ("ringkasan", "rekanan", "kontrak", "layanan", "peringatan")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``open`` and ``demo``."""
    opener = add_subcommand(
        subparsers, "open", "Open the app on the database (the default command)."
    )
    _app_options(opener)
    opener.set_defaults(func=open_command)
    demo = add_subcommand(
        subparsers, "demo", "Open the app on the demo agency, seeded in the user data folder."
    )
    _app_options(demo)
    demo.add_argument(
        "--reset", action="store_true", help="delete the demo database and seed it again"
    )
    demo.set_defaults(func=demo_command)


def _app_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--start",
        choices=START_SCREENS,
        default="ringkasan",
        help="the first screen (default: ringkasan, the dashboard)",
    )
    parser.add_argument(
        "--as-of",
        type=parse_iso_date,
        metavar="YYYY-MM-DD",
        default=None,
        help="count deadlines and alerts from this day instead of today",
    )


def _open_database(settings: Settings, target: str) -> Any:
    from rekanan.store.database import open_database

    return open_database(target, user=settings.audit_user, read_only=settings.read_only)


def _run(settings: Settings, database: Any, args: argparse.Namespace) -> int:
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise CommandError(
            pick(
                "Aplikasi perlu terminal interaktif; jalankan di terminal, atau pakai perintah "
                "tanpa layar (rekanan --help) dalam skrip.",
                "The app needs a terminal; run it in an interactive terminal, or use the "
                "headless commands (rekanan --help) in scripts.",
                settings.language,
            )
        )
    from rekanan.app import make_app

    settings = app_settings(settings, database)  # letterhead of the demo; who is working
    # Config problems were printed before the app took the screen; show them in it too.
    _settings, problems = settings_from(args)
    app = make_app(
        settings,
        database,
        start=getattr(args, "start", "ringkasan"),
        as_of=getattr(args, "as_of", None),
        notices=problems,
    )
    try:
        app.run()
    finally:
        database.close()
    return int(app.return_code or 0)


def open_command(args: argparse.Namespace, settings: Settings) -> int:
    """Open the app on the configured database."""
    database = _open_database(settings, settings.database_url)
    return _run(settings, database, args)


def demo_command(args: argparse.Namespace, settings: Settings) -> int:
    """Seed the demo database when needed, then open the app on it.

    The demo lives in the user data folder unless ``--db`` names another place (a file or a
    PostgreSQL database to try the demo on): then the demo is seeded there if it is empty.
    """
    target = getattr(args, "db", None) or str(demo_database_path())
    is_file = "://" not in target
    if getattr(args, "reset", False):
        if not is_file:
            raise CommandError(
                pick(
                    "--reset hanya untuk berkas SQLite; kosongkan basis data PostgreSQL itu "
                    "sendiri, atau pakai berkas.",
                    "--reset only works on a SQLite file; empty that PostgreSQL database "
                    "yourself, or use a file.",
                    settings.language,
                )
            )
        remove_sqlite(Path(target))
    if is_file:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    settings = replace(settings, database=target, read_only=False)
    database = _open_database(settings, target)
    try:
        seed_if_empty(database, getattr(args, "as_of", None) or date.today())
    except BaseException:
        database.close()
        raise
    return _run(settings, database, args)


def seed_if_empty(database: Any, today: date) -> bool:
    """Load the demo agency into an empty database; True when it did."""
    from sqlalchemy import func, select

    from rekanan.models import Supplier

    with database.session() as session:
        count = session.execute(select(func.count()).select_from(Supplier)).scalar_one()
    if count:
        return False
    try:
        from rekanan.store.seed import load_demo  # type: ignore[import-not-found,unused-ignore]
    except ImportError as error:
        raise CommandError(
            pick(
                "Agensi demo tidak ada dalam instalasi ini (rekanan.store.seed tidak ada); "
                "pasang ulang rekanan, atau buka basis data Anda dengan `rekanan open`.",
                "The demo agency is not part of this installation (rekanan.store.seed is "
                "missing); reinstall rekanan, or open your own database with `rekanan open`.",
            )
        ) from error
    print("rekanan: " + pick("memuat agensi demo…", "loading the demo agency…"), file=sys.stderr)
    load_demo(database, today)
    return True


def remove_sqlite(path: Path) -> None:
    """Delete a SQLite file with its WAL and shared-memory companions."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            candidate.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise CommandError(
                pick(
                    "{path} tidak dapat dihapus ({error}); tutup rekanan lain yang membukanya "
                    "lalu coba lagi.",
                    "Cannot delete {path} ({error}); close any rekanan that has it open and "
                    "try again.",
                    path=candidate,
                    error=error.strerror,
                )
            ) from error
