"""``rekanan template`` and ``rekanan import``: bring spreadsheets and SPSE exports in.

``rekanan template KIND -o FILE.xlsx|.csv`` writes an empty template (``--data`` fills it
with the current records, to edit and import back). ``rekanan import FILE --kind KIND``
(or ``rekanan import KIND FILE``; the kind is guessed from the header when not given)
imports in one transaction, prints the counts and the first rows of each outcome, and with
``--report`` writes every row to CSV or XLSX. ``--dry-run`` shows the same without writing.
An SPSE export holds a whole KLPD: the report names its satker and warns when they are not
the agency's (the demo's in the demo, else the ``[agency]`` config); ``--satker NAME``
(repeatable) takes only those rows.
Exit codes: 0 all rows taken, 1 some rows rejected, 2 nothing imported (a sentence says why).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rekanan.cli.common import CommandError, add_subcommand, document_settings, output_file
from rekanan.config import Settings
from rekanan.errors import RekananError

if TYPE_CHECKING:
    from rekanan.io.importing.report import ImportReport

KIND_HELP = "rekanan, layanan, sla, kontrak, penilaian, insiden, sp, denda, sanksi, lkpp (SPSE)"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``template`` and ``import``."""
    template = add_subcommand(
        subparsers,
        "template",
        "Write an empty import template (XLSX with an explanation sheet, or CSV) "
        "for one kind of record.",
    )
    template.add_argument("kind", help="rekanan, layanan, sla, kontrak, penilaian, insiden, "
                          "sp, denda, sanksi")  # fmt: skip
    template.add_argument("-o", "--output", required=True, metavar="FILE.xlsx|FILE.csv")
    template.add_argument(
        "--data", action="store_true", help="fill the template with the current records"
    )
    template.set_defaults(func=template_command)

    parser = add_subcommand(
        subparsers,
        "import",
        "Import a filled template or an SPSE e-Kontrak export, "
        "with a dry run and a row-by-row report.",
    )
    parser.add_argument("first", metavar="KIND_OR_FILE", help="the file, or its kind then the file")
    parser.add_argument("second", nargs="?", metavar="FILE", help="the file, after its kind")
    parser.add_argument("--kind", "-k", help=KIND_HELP)
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would happen; write nothing"
    )
    parser.add_argument("--report", metavar="FILE.csv|FILE.xlsx", help="write every row's outcome")
    parser.add_argument(
        "--satker",
        action="append",
        metavar="NAME",
        help="only rows of this satker (part of its name, any case; repeat for several)",
    )
    parser.add_argument("--rows", type=int, default=5, help="rows shown per outcome (default 5)")
    parser.set_defaults(func=import_command)


def _kind_and_file(args: argparse.Namespace) -> tuple[str | None, Path]:
    if args.second is None:
        return args.kind, Path(args.first)
    if args.kind:
        raise CommandError("Sebutkan jenisnya sekali saja: `import JENIS BERKAS` atau --kind.")
    return args.first, Path(args.second)


def import_command(args: argparse.Namespace, settings: Settings) -> int:
    """Run one import (or dry run) and print the report."""
    from rekanan.io.importing import ImportOptions, run_import, write_report
    from rekanan.store.database import open_database

    kind, path = _kind_and_file(args)
    if args.report:
        output_file(Path(args.report), settings.language)  # before the import, not after
    if settings.read_only and not args.dry_run:
        raise CommandError(
            "Basis data dibuka hanya-baca; jalankan dengan --dry-run atau tanpa --read-only."
        )
    database = open_database(settings.database_url, user=settings.audit_user)
    try:
        # the agency whose rows these should be: the demo's in the demo, else the config's
        agency = document_settings(settings, database).agency
        options = ImportOptions(
            dry_run=args.dry_run, satker=args.satker, user=database.user, agency=agency
        )
        report = run_import(database, kind, path, options)
    except RekananError as error:
        raise CommandError(str(error)) from error
    finally:
        database.close()
    for line in report.text_lines(settings.language, first=max(0, args.rows)):
        print(line)
    if args.report:
        target = Path(args.report)
        try:
            write_report(report, target)
        except OSError as error:
            raise CommandError(
                f"Laporan tidak dapat ditulis ke {target} ({error.strerror})."
            ) from error
        print(f"Laporan: {target}")
    return _exit_code(report)


def _exit_code(report: ImportReport) -> int:
    from rekanan.io.importing import Outcome

    return 1 if report.count(Outcome.REJECTED) else 0


def template_command(args: argparse.Namespace, settings: Settings) -> int:
    """Write an empty template, or one filled with the current records."""
    from rekanan.io.templates import write_template

    output = output_file(Path(args.output), settings.language)
    try:
        if args.data:
            from rekanan.io.importing.current import current_rows
            from rekanan.store.database import open_database

            database = open_database(
                settings.database_url, user=settings.audit_user, read_only=True
            )
            try:
                with database.session() as session:
                    rows = current_rows(session, args.kind)
            finally:
                database.close()
            write_template(args.kind, output, rows)
            print(f"{output}: {len(rows)} baris {args.kind}.", file=sys.stdout)
        else:
            write_template(args.kind, output)
            print(f"{output}: templat {args.kind}.", file=sys.stdout)
    except RekananError as error:
        raise CommandError(str(error)) from error
    return 0
