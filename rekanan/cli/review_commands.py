"""``rekanan review``: the contract review in the app, and its report from the command line.

``rekanan review`` opens the app on the review screen (``--scope`` goes straight to a
queue). ``rekanan review report --since DATE --format pdf|xlsx -o PATH`` writes the review
report (decisions by kind, contracts and values affected, notes) with the agency letterhead
from the config, for the head of agency's signature. Textual is imported only when the app
opens.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from rekanan.cli.common import (
    CommandError,
    add_subcommand,
    app_settings,
    document_settings,
    output_file,
    parse_iso_date,
    pick,
    require_database,
)
from rekanan.config import Settings

FORMATS = ("pdf", "xlsx")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``review`` and ``review report``."""
    review = add_subcommand(
        subparsers, "review", "Review contracts one by one in the app (keyboard only)."
    )
    review.add_argument(
        "--scope",
        default=None,
        metavar="SCOPE",
        help="start a queue at once: due:DAYS, risk, sla_gaps or category:CATEGORY "
        "(strategis, taktis, operasional, komoditas)",
    )
    review.add_argument(
        "--as-of",
        type=parse_iso_date,
        metavar="YYYY-MM-DD",
        default=None,
        help="count deadlines and alerts from this day instead of today",
    )
    review.set_defaults(func=review_command)
    inner = review.add_subparsers(dest="review_command", metavar="{report}")
    report = add_subcommand(inner, "report", "Write the review report as PDF or XLSX.")
    report.add_argument(
        "--since",
        type=parse_iso_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="first day of the decisions to report",
    )
    report.add_argument(
        "--until",
        type=parse_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="last day (default: today)",
    )
    report.add_argument(
        "--session", type=int, default=None, metavar="ID", help="only one review session"
    )
    report.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="pdf or xlsx (default: from the file name, else pdf)",
    )
    report.add_argument("-o", "--output", required=True, metavar="PATH", help="file to write")
    report.add_argument("--signer-name", default=None, help="PDF: who signs (default: config)")
    report.add_argument("--signer-title", default=None, help="PDF: the signer's position")
    report.set_defaults(func=report_command)


def _open(settings: Settings, *, read_only: bool) -> Any:
    from rekanan.store.database import open_database

    url = require_database(settings) if read_only else settings.database_url
    return open_database(url, user=settings.audit_user, read_only=read_only or settings.read_only)


def review_command(args: argparse.Namespace, settings: Settings) -> int:
    """Open the app on the review screen."""
    from rekanan.domain.review import ReviewScope

    scope = None
    if args.scope:
        try:
            scope = ReviewScope.parse(args.scope)
        except ValueError as error:
            raise CommandError(_scope_problem(args.scope, settings.language)) from error
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise CommandError(
            pick(
                "Tinjauan kontrak perlu terminal interaktif; jalankan di terminal. Untuk laporan "
                "dalam skrip pakai `rekanan review report`.",
                "The review needs a terminal; run it in an interactive terminal. For a report "
                "in scripts use `rekanan review report`.",
                settings.language,
            )
        )
    database = _open(settings, read_only=False)
    try:
        from rekanan.app import make_app
        from rekanan.screens.review import ReviewScreen

        settings = app_settings(settings, database)  # letterhead of the demo; who is working
        app = make_app(settings, database, as_of=args.as_of)

        async def open_review(pilot: Any) -> None:
            await pilot.app.push_screen(ReviewScreen(scope=scope))

        app.run(auto_pilot=open_review)
    finally:
        database.close()
    return int(app.return_code or 0)


def _scope_problem(text: str, language: str) -> str:
    """Why ``--scope`` was refused, in ``language``."""
    from rekanan.models.enums import SupplierCategory

    kind, _, parameter = text.partition(":")
    if kind == "category":
        return pick(
            "'{value}' bukan kategori rekanan; pakai salah satu dari {names}.",
            "'{value}' is not a supplier category; use one of {names}.",
            language,
            value=parameter,
            names=", ".join(c.value for c in SupplierCategory),
        )
    return pick(
        "'{value}' bukan lingkup tinjauan; pakai due:HARI, risk, sla_gaps, category:KATEGORI "
        "atau picked.",
        "'{value}' is not a review scope; use due:DAYS, risk, sla_gaps, category:CATEGORY or "
        "picked.",
        language,
        value=text,
    )


def _format(args: argparse.Namespace, path: Path) -> str:
    if args.format:
        return str(args.format)
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "pdf"


def report_command(args: argparse.Namespace, settings: Settings) -> int:
    """Write the review report of the decisions from ``--since`` to ``--until``."""
    from rekanan.io.export.review_report import load_report, write_review_pdf, write_review_xlsx
    from rekanan.io.export.scorecard_pdf import PdfContext, Signer

    language = settings.language
    until: date = args.until or date.today()
    if until < args.since:
        raise CommandError(
            pick(
                "--until ({until}) lebih awal daripada --since ({since}); tulis hari yang lebih "
                "awal dulu.",
                "--until ({until}) is before --since ({since}); write the earlier day first.",
                language,
                until=until.isoformat(),
                since=args.since.isoformat(),
            )
        )
    path = Path(args.output).expanduser()
    fmt = _format(args, path)
    if path.suffix.lower() != f".{fmt}":
        path = path.with_name(path.name + f".{fmt}")
    output_file(path, language)
    database = _open(settings, read_only=True)
    try:
        settings = document_settings(settings, database)  # the demo prints the demo's letterhead
        scope = _session_scope(database, args.session, settings.language)
        report = load_report(
            database,
            args.since,
            until,
            settings.language,
            session_id=args.session,
            scope=scope,
            os_accounts=frozenset({settings.user}) if settings.user_from_os else frozenset(),
        )
    finally:
        database.close()
    now = datetime.now().astimezone()
    try:
        if fmt == "pdf":
            signer = Signer.from_agency(settings.agency, args.signer_name, args.signer_title)
            context = PdfContext(
                settings.agency, signer, settings.language, now, settings.thresholds
            )
            write_review_pdf(report, context, path)
        else:
            write_review_xlsx(report, settings.agency, path, now)
    except OSError as error:
        raise CommandError(
            pick(
                "Berkas {path} tidak dapat ditulis ({error}); pilih folder lain dengan -o.",
                "Cannot write {path} ({error}); choose another folder with -o.",
                language,
                path=path,
                error=error.strerror or error,
            )
        ) from error
    count = len(report.lines)
    print(
        pick(
            "Ditulis: {path} ({count} keputusan).",
            "Written: {path} ({count} decision{s}).",
            language,
            path=path,
            count=count,
            s="s" if count != 1 else "",
        )
    )
    return 0


def _session_scope(database: Any, session_id: int | None, language: str) -> str:
    """The scope of ``--session`` in words (empty without one); refused when it is unknown."""
    if session_id is None:
        return ""
    from rekanan.domain.review import ReviewScope
    from rekanan.store.errors import NotFound
    from rekanan.store.review import load_session

    try:
        state = load_session(database, session_id)
    except NotFound as error:
        raise CommandError(
            pick(
                "Tidak ada sesi tinjauan {id}; hilangkan --session untuk melaporkan semua "
                "keputusan dalam rentang itu.",
                "There is no review session {id}; leave out --session to report every "
                "decision of the span.",
                language,
                id=session_id,
            )
        ) from error
    try:
        return ReviewScope.parse(state.scope).describe(language)
    except ValueError:
        return state.scope
