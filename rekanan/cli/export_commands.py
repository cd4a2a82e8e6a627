"""``rekanan scorecard`` and ``rekanan export``: scorecards and registers leave the terminal.

``scorecard`` makes the scorecards of one supplier, several, a category or all of them for
a period, as text (the default, on screen), PDF (one file per supplier), XLSX or CSV.
``export suppliers|contracts|alerts`` writes a register to XLSX or CSV with the same
filters as its screen. Both load what they need once and hand the layout to
``rekanan.io.export``; the store is imported only when a command runs, so the command line
stays quick to start.

A supplier is named by its NPWP in any spelling (15 or 16 digits, dotted or not) or by a
part of its name that only it has; an unknown or ambiguous name ends the command with a
sentence listing the candidates.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rekanan.cli import alerts_commands
from rekanan.cli.common import (
    CommandError,
    add_subcommand,
    document_settings,
    folder_made,
    output_file,
    output_folder,
    parse_days,
    parse_iso_date,
    pick,
    require_database,
)
from rekanan.config import Settings
from rekanan.domain.alert import AlertKind, Severity
from rekanan.domain.identifiers import format_npwp, name_key, npwp_search_key
from rekanan.domain.periods import Period, last_complete_quarter, parse_period
from rekanan.domain.records import AgencyData, SupplierRecord
from rekanan.models.enums import ContractStatus, SupplierCategory

if TYPE_CHECKING:
    from rekanan.io.export.batch import Format
    from rekanan.io.export.csv_safe import DecimalMark
    from rekanan.io.export.registers import RegisterFormat

SCORECARD_FORMATS = ("text", "pdf", "xlsx", "csv")
REGISTER_FORMATS = ("xlsx", "csv")
_SHOWN_CANDIDATES = 10

_MESSAGES: dict[str, tuple[str, str]] = {
    "npwp_unknown": (
        "Tidak ada penyedia dengan NPWP {wanted}. Periksa nomornya, atau sebutkan sebagian "
        "nama penyedia.",
        "No supplier has NPWP {wanted}. Check the number, or give part of the name.",
    ),
    "name_unknown": (
        "Tidak ada penyedia yang cocok dengan '{wanted}'. Sebutkan sebagian nama atau NPWP-nya; "
        "daftar penyedia ada di layar Rekanan (tombol 2) atau `rekanan export suppliers`.",
        "No supplier matches '{wanted}'. Give part of the name or the NPWP; the Suppliers "
        "screen (key 2) or `rekanan export suppliers` lists them.",
    ),
    "ambiguous": (
        "'{wanted}' cocok dengan {count} penyedia: {shown}{more}. Sebutkan lebih banyak "
        "bagian nama, atau NPWP-nya.",
        "'{wanted}' matches {count} suppliers: {shown}{more}. Give more of the name, or the NPWP.",
    ),
    "more": (" dan {count} lainnya", " and {count} more"),
    "no_npwp": ("tanpa NPWP", "no NPWP"),
    "nothing_chosen": (
        "Sebutkan penyedia (nama atau NPWP), atau pakai --all atau --category.",
        "Name a supplier (name or NPWP), or use --all or --category.",
    ),
    "none_in_category": (
        "Tidak ada penyedia dalam kategori {category}.",
        "No supplier in category {category}.",
    ),
    "pdf_needs_folder": (
        "{count} kartu kinerja PDF perlu sebuah folder, bukan berkas {path}. Beri -o nama folder.",
        "{count} PDF scorecards need a folder, not the file {path}. Give -o a folder name.",
    ),
    "wrong_suffix": (
        "{path} tidak berakhiran .{fmt}; beri nama berkas .{fmt} atau sebuah folder.",
        "{path} does not end in .{fmt}; give a .{fmt} file name or a folder.",
    ),
    "written_one": ("Ditulis: {path}", "Written: {path}"),
    "written_many": (
        "{count} kartu kinerja ditulis ke {path}",
        "{count} scorecards written to {path}",
    ),
    "register_written": ("{count} baris ditulis ke {path}", "{count} rows written to {path}"),
    "bad_sort": (
        "Kolom urut '{sort}' tidak dikenal; pakai salah satu dari {choices}.",
        "Unknown sort column '{sort}'; use one of {choices}.",
    ),
    "cannot_write": (
        "Berkas {path} tidak dapat ditulis ({error}). Periksa foldernya dan hak tulisnya.",
        "Cannot write {path} ({error}). Check the folder and that you may write there.",
    ),
}


def _m(language: str, key: str, **params: object) -> str:
    pair = _MESSAGES[key]
    text = pair[1] if language == "en" else pair[0]
    return text.format(**params) if params else text


# --------------------------------------------------------------------------- arguments


def _period(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueError as error:
        cleaned = text.strip()
        if "ends before it starts" in str(error):
            raise argparse.ArgumentTypeError(
                pick(
                    "periode '{text}' berakhir sebelum dimulai; tulis tanggal yang lebih awal "
                    "dulu.",
                    "the period '{text}' ends before it starts; write the earlier date first.",
                    text=cleaned,
                )
            ) from error
        raise argparse.ArgumentTypeError(
            pick(
                "'{text}' bukan periode; tulis bulan (2026-09), triwulan (2026-Q3), tahun "
                "anggaran (2026) atau rentang tanggal (2026-01-01..2026-06-30).",
                "'{text}' is not a period; write a month (2026-09), a quarter (2026-Q3), a "
                "fiscal year (2026) or a range (2026-01-01..2026-06-30).",
                text=cleaned,
            )
        ) from error


def _add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=parse_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day to judge (default: today)",
    )


def _add_output(parser: argparse.ArgumentParser, formats: Sequence[str], default: str) -> None:
    parser.add_argument(
        "--format",
        choices=formats,
        default=None,
        help=f"file format (default: from the -o suffix, else {default})",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="PATH",
        help="file or folder to write (default: the current folder)",
    )
    parser.add_argument(
        "--decimal-comma",
        action="store_true",
        help="CSV: decimal comma and ';' between fields, as Indonesian spreadsheets expect",
    )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``scorecard`` and ``export`` to the command line."""
    card = add_subcommand(
        subparsers,
        "scorecard",
        "Supplier scorecards for a period (SIKaP value, KPIs, band, trend): on screen, or "
        "as PDF, XLSX or CSV files.",
    )
    card.add_argument(
        "suppliers",
        nargs="*",
        metavar="SUPPLIER",
        help="NPWP (any spelling) or a unique part of the name; several allowed",
    )
    card.add_argument("--all", action="store_true", help="every supplier")
    card.add_argument(
        "--category",
        choices=[c.value for c in SupplierCategory],
        default=None,
        help="every supplier of this category (with --all: only this category)",
    )
    card.add_argument(
        "--period",
        default=None,
        type=_period,
        help="2026-09 (month), 2026-Q3 (quarter), 2026 (fiscal year) or "
        "2026-01-01..2026-06-30 (default: the last complete quarter, as in the app)",
    )
    _add_as_of(card)
    _add_output(card, SCORECARD_FORMATS, "text on screen; pdf with -o")
    card.add_argument("--signer-name", default=None, help="PDF: who signs (default: config)")
    card.add_argument("--signer-title", default=None, help="PDF: the signer's position")
    card.add_argument("--place", default=None, help="PDF: place of signing (default: config)")
    card.set_defaults(func=run_scorecard)

    export = add_subcommand(
        subparsers,
        "export",
        "Write a register (suppliers, contracts, alerts) to XLSX or CSV, with the filters "
        "of its screen.",
    )
    registers = export.add_subparsers(dest="register", metavar="REGISTER", required=True)
    _register_suppliers(registers)
    _register_contracts(registers)
    _register_alerts(registers)


def _register_suppliers(registers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_subcommand(registers, "suppliers", "The supplier register.")
    p.add_argument("--search", default="", help="part of a name, an NPWP or a contract number")
    p.add_argument("--category", choices=[c.value for c in SupplierCategory], default=None)
    state = p.add_mutually_exclusive_group()
    state.add_argument("--active", dest="active", action="store_const", const=True)
    state.add_argument("--inactive", dest="active", action="store_const", const=False)
    running = p.add_mutually_exclusive_group()
    running.add_argument(
        "--with-active-contracts", dest="has_active", action="store_const", const=True
    )
    running.add_argument(
        "--without-active-contracts", dest="has_active", action="store_const", const=False
    )
    p.add_argument(
        "--risk",
        choices=("critical", "warning", "low"),
        default=None,
        help="only suppliers in this blacklist-risk band (adds the risk column)",
    )
    p.add_argument("--with-risk", action="store_true", help="add the blacklist-risk column")
    p.add_argument("--sort", default="name", help="name, npwp, category, active_value, risk, ...")
    p.add_argument("--desc", action="store_true", help="sort descending")
    _add_as_of(p)
    _add_output(p, REGISTER_FORMATS, "xlsx")
    p.set_defaults(func=run_export_suppliers)


def _register_contracts(registers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_subcommand(registers, "contracts", "The contract register with computed dates.")
    p.add_argument("--search", default="", help="part of a number, a title or a supplier name")
    p.add_argument(
        "--status",
        action="append",
        choices=[s.value for s in ContractStatus],
        default=None,
        help="only this status (repeat for several)",
    )
    p.add_argument("--open", action="store_true", help="only contracts still running (or draft)")
    uc = p.add_mutually_exclusive_group()
    uc.add_argument("--uc", dest="underpinning", action="store_const", const=True)
    uc.add_argument("--not-uc", dest="underpinning", action="store_const", const=False)
    p.add_argument("--category", choices=[c.value for c in SupplierCategory], default=None)
    p.add_argument(
        "--due-within",
        type=parse_days,
        default=None,
        metavar="DAYS",
        help="only open contracts whose next deadline is within DAYS days",
    )
    p.add_argument(
        "--include-overdue", action="store_true", help="with --due-within: also overdue ones"
    )
    p.add_argument("--supplier", default=None, help="only this supplier's (NPWP or name)")
    p.add_argument("--sort", default="deadline", help="deadline, number, supplier, value, ...")
    p.add_argument("--desc", action="store_true", help="sort descending")
    _add_as_of(p)
    _add_output(p, REGISTER_FORMATS, "xlsx")
    p.set_defaults(func=run_export_contracts)


def _register_alerts(registers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = add_subcommand(registers, "alerts", "The alerts as of a day.")
    p.add_argument(
        "--within",
        type=parse_days,
        default=None,
        metavar="DAYS",
        help="only alerts due within DAYS days (overdue and undated ones always show)",
    )
    p.add_argument("--severity", choices=[s.value for s in Severity], default=None)
    p.add_argument("--kind", action="append", choices=[k.value for k in AlertKind], default=None)
    p.add_argument("--include-snoozed", action="store_true")
    _add_as_of(p)
    _add_output(p, REGISTER_FORMATS, "xlsx")
    p.set_defaults(func=run_export_alerts)


# --------------------------------------------------------------------------- suppliers


class SupplierFinder:
    """Finds suppliers by NPWP (any spelling) or by a unique part of the name.

    The keys are computed once, so naming a thousand suppliers costs a thousand lookups.
    """

    def __init__(self, suppliers: Iterable[SupplierRecord], language: str = "id") -> None:
        self.language = language
        self.suppliers = list(suppliers)
        self._by_npwp: dict[str, SupplierRecord] = {}
        self._by_name: dict[str, list[SupplierRecord]] = {}
        self._keys: list[tuple[SupplierRecord, str, str, str]] = []
        for s in self.suppliers:
            npwp = npwp_search_key(s.npwp) if s.npwp else ""
            if npwp:
                self._by_npwp.setdefault(npwp, s)
            key = name_key(s.name)
            self._by_name.setdefault(key, []).append(s)
            self._keys.append((s, key, s.name.lower(), npwp))

    def find(self, text: str) -> SupplierRecord:
        """The one supplier ``text`` names; ``CommandError`` with the candidates otherwise."""
        language = self.language
        wanted = text.strip()
        digits = npwp_search_key(wanted)
        if len(digits) >= 15:
            found = self._by_npwp.get(digits)
            if found is None:
                raise CommandError(_m(language, "npwp_unknown", wanted=wanted))
            return found
        key = name_key(wanted) or wanted.lower()
        exact = self._by_name.get(key, [])
        if len(exact) == 1:
            return exact[0]
        lowered = wanted.lower()
        matches = [s for s, k, low, _ in self._keys if key in k or lowered in low]
        if digits and not matches:
            matches = [s for s, _, _, npwp in self._keys if npwp and digits in npwp]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise CommandError(_m(language, "name_unknown", wanted=wanted))
        none = _m(language, "no_npwp")
        shown = "; ".join(
            f"{s.name} ({format_npwp(s.npwp) or none})" for s in matches[:_SHOWN_CANDIDATES]
        )
        extra = len(matches) - _SHOWN_CANDIDATES
        more = _m(language, "more", count=extra) if extra > 0 else ""
        raise CommandError(
            _m(language, "ambiguous", wanted=wanted, count=len(matches), shown=shown, more=more)
        )

    def choose(self, names: Sequence[str], every: bool, category: str | None) -> list[int]:
        """Ids of the named suppliers, then (with ``every`` or ``category``) the rest, once."""
        chosen: dict[int, None] = {}
        for name in names:
            chosen.setdefault(self.find(name).id, None)
        if every or category:
            for s in sorted(self.suppliers, key=lambda s: (name_key(s.name), s.id)):
                if category is None or str(s.category) == category:
                    chosen.setdefault(s.id, None)
            if category and not chosen:
                raise CommandError(_m(self.language, "none_in_category", category=category))
        if not chosen:
            raise CommandError(_m(self.language, "nothing_chosen"))
        return list(chosen)


def find_supplier(
    suppliers: Sequence[SupplierRecord], text: str, language: str = "id"
) -> SupplierRecord:
    """The one supplier ``text`` names (see ``SupplierFinder.find``)."""
    return SupplierFinder(suppliers, language).find(text)


# --------------------------------------------------------------------------- scorecard


def _format_of(args: argparse.Namespace, default: str) -> str:
    """``--format``, else what the ``-o`` suffix names, else ``default``.

    A scorecard with ``-o`` and no known suffix goes to PDF (a folder of them, or one file
    in it); text goes to the screen, or to a ``.txt`` file.
    """
    if args.format:
        return str(args.format)
    if args.output is None:
        return default
    suffix = args.output.suffix.lower().lstrip(".")
    if default == "text":
        return "text" if suffix == "txt" else suffix if suffix in SCORECARD_FORMATS else "pdf"
    return suffix if suffix in REGISTER_FORMATS else default


def _file_format(fmt: str) -> Format:
    return "pdf" if fmt == "pdf" else "csv" if fmt == "csv" else "xlsx"


def _register_format(args: argparse.Namespace) -> RegisterFormat:
    return "csv" if _format_of(args, "xlsx") == "csv" else "xlsx"


def _decimal(args: argparse.Namespace) -> DecimalMark:
    return "comma" if args.decimal_comma else "dot"


def _progress(total: int) -> Callable[[int, int], None] | None:
    """A counter on the terminal for long batches; nothing when stderr is not a terminal."""
    if total < 20 or not sys.stderr.isatty():
        return None

    def show(done: int, all_: int) -> None:
        end = "\n" if done == all_ else ""
        print(f"\r{done}/{all_}", end=end, file=sys.stderr, flush=True)

    return show


SLICE_UP_TO = 50
"""Up to this many suppliers, their scorecards read a slice of the agency around them
(under a second at national scale); beyond, one read of the whole agency is cheaper."""


def scorecard_source(settings: Settings, args: argparse.Namespace) -> tuple[AgencyData, list[int]]:
    """The data the chosen suppliers' scorecards read, and their ids in order."""
    url = require_database(settings)
    from rekanan.models import Supplier
    from rekanan.store.database import open_database
    from rekanan.store.loaders import load_agency, records
    from rekanan.store.slices import suppliers_slice

    database = open_database(url, user=settings.audit_user, read_only=True)
    try:
        with database.session() as session:
            suppliers = records(session, SupplierRecord, Supplier)
            finder = SupplierFinder(suppliers, settings.language)
            ids = finder.choose(args.suppliers, args.all, args.category)
            if len(ids) <= SLICE_UP_TO:
                return suppliers_slice(session, ids), ids
        data: AgencyData = load_agency(database)
        return data, ids
    finally:
        database.close()


def run_scorecard(args: argparse.Namespace, settings: Settings) -> int:
    """Scorecards of the chosen suppliers, on screen or written to files."""
    language = settings.language
    as_of: date = args.as_of or date.today()
    fmt = _format_of(args, "text")
    if args.period is None:
        args.period = last_complete_quarter(as_of)
    data, ids = scorecard_source(settings, args)
    if fmt == "text":
        return _scorecard_text(data, ids, args, settings, as_of)
    from rekanan.io.export import ExportError, ExportOptions, export_scorecards_from

    dest: Path = args.output if args.output is not None else Path.cwd()
    if fmt == "pdf" and len(ids) > 1 and dest.suffix.lower() == ".pdf":
        raise CommandError(_m(language, "pdf_needs_folder", count=len(ids), path=dest))
    if fmt != "pdf" and dest.suffix and dest.suffix.lower() != f".{fmt}" and not dest.is_dir():
        raise CommandError(_m(language, "wrong_suffix", path=dest, fmt=fmt))
    new_folder = False
    if dest.suffix.lower() == f".{fmt}" and not dest.is_dir():
        output_file(dest, language)  # one file: its folder must exist
    else:
        new_folder = output_folder(dest, language)  # a folder of files: it may be new
    if fmt == "pdf":
        settings = document_settings(settings)  # the demo prints the demo's letterhead
    options = ExportOptions(
        language=language,
        as_of=as_of,
        signer_name=args.signer_name,
        signer_title=args.signer_title,
        signer_place=args.place,
        decimal=_decimal(args),
        jobs=os.cpu_count() or 1,
    )
    try:
        written = export_scorecards_from(
            data, settings, ids, args.period, _file_format(fmt), dest, _progress(len(ids)), options
        )
    except ExportError as error:
        raise CommandError(str(error)) from error
    except OSError as error:
        raise CommandError(_m(language, "cannot_write", path=dest, error=error)) from error
    if new_folder:
        print(folder_made(dest, language))
    if len(written) == 1:
        print(_m(language, "written_one", path=written[0]))
    else:
        print(_m(language, "written_many", count=len(written), path=dest))
    return 0


def _scorecard_text(
    data: AgencyData,
    ids: Sequence[int],
    args: argparse.Namespace,
    settings: Settings,
    as_of: date,
) -> int:
    from rekanan.domain.index import AgencyIndex
    from rekanan.domain.scorecard import supplier_scorecard

    index = AgencyIndex.build(data)
    numbers = {c.id: c.number for c in data.contracts}
    parts = []
    for supplier_id in ids:
        card = supplier_scorecard(
            index, supplier_id, args.period, as_of, settings.thresholds, settings.language
        )
        parts.append(alerts_commands.scorecard_text(card, settings.language, numbers))
    text = ("\n" + "=" * alerts_commands.WIDTH + "\n\n").join(parts)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    output_file(args.output, settings.language)
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CommandError(
            _m(settings.language, "cannot_write", path=args.output, error=error)
        ) from error
    print(_m(settings.language, "written_one", path=args.output))
    return 0


# --------------------------------------------------------------------------- registers


def open_store(settings: Settings) -> Any:
    """The configured database, read-only; a missing SQLite file is a sentence."""
    from rekanan.store.database import open_database

    url = require_database(settings)
    return open_database(url, user=settings.audit_user, read_only=True)


def _register_path(
    args: argparse.Namespace, stem: str, fmt: str, as_of: date, language: str
) -> tuple[Path, bool]:
    """Where the register goes, and whether its folder is new (``-o`` names a new folder).

    A file's folder must exist; a folder given with ``-o`` may be new, but not its parent.
    """
    name = f"{stem}-{as_of.isoformat()}.{fmt}"
    dest: Path | None = args.output
    if dest is None:
        return Path.cwd() / name, False
    if dest.is_dir() or not dest.suffix:
        return dest / name, output_folder(dest, language)
    return output_file(dest, language), False


def _written(settings: Settings, count: int, path: Path, new_folder: bool = False) -> int:
    if new_folder:
        print(folder_made(path.parent, settings.language))
    print(_m(settings.language, "register_written", count=count, path=path))
    return 0


def _check_sort(language: str, sort: str, choices: Sequence[str]) -> None:
    if sort not in choices:
        raise CommandError(_m(language, "bad_sort", sort=sort, choices=", ".join(choices)))


def _writing(language: str, path: Path, write: Callable[[], int]) -> int:
    try:
        return write()
    except OSError as error:
        raise CommandError(_m(language, "cannot_write", path=path, error=error)) from error


def run_export_suppliers(args: argparse.Namespace, settings: Settings) -> int:
    """The supplier register with the screen's filters."""
    from rekanan.io.export.registers import export_suppliers, risk_scores
    from rekanan.store.lists import SUPPLIER_SORTS, SupplierQuery

    language = settings.language
    as_of: date = args.as_of or date.today()
    _check_sort(language, args.sort, SUPPLIER_SORTS)
    fmt = _register_format(args)
    stem = "penyedia" if language == "id" else "suppliers"
    path, new_folder = _register_path(args, stem, fmt, as_of, language)
    db = open_store(settings)
    try:
        risks: dict[int, int] | None = None
        if args.risk or args.with_risk or args.sort == "risk":
            with db.session() as session:
                risks = risk_scores(session, as_of, settings.thresholds)
        only: frozenset[int] | None = None
        exclude: frozenset[int] | None = None
        if args.risk and risks is not None:
            band = _risk_bands(risks, settings)
            if args.risk == "low":
                exclude = frozenset(i for i, b in band.items() if b != "low")
            else:
                only = frozenset(i for i, b in band.items() if b == args.risk)
        query = SupplierQuery(
            search=args.search,
            category=SupplierCategory(args.category) if args.category else None,
            active=args.active,
            has_active_contracts=args.has_active,
            only_ids=only,
            exclude_ids=exclude,
            risk_rank=risks or {},
            sort=args.sort,
            descending=args.desc,
        )
        count = _writing(
            language,
            path,
            lambda: export_suppliers(
                db, query, path, fmt, language, _decimal(args), risks, as_of=as_of
            ),
        )
    finally:
        db.close()
    return _written(settings, count, path, new_folder)


def _risk_bands(risks: dict[int, int], settings: Settings) -> dict[int, str]:
    limits = settings.thresholds
    return {
        i: "critical"
        if score >= limits.blacklist_risk_critical
        else "warning"
        if score >= limits.blacklist_risk_warning
        else "low"
        for i, score in risks.items()
    }


def run_export_contracts(args: argparse.Namespace, settings: Settings) -> int:
    """The contract register with the screen's filters and the computed dates."""
    from sqlalchemy import select

    from rekanan.io.export.registers import export_contracts
    from rekanan.models import Supplier
    from rekanan.store.lists import CONTRACT_SORTS, OPEN_STATUSES, ContractQuery

    language = settings.language
    as_of: date = args.as_of or date.today()
    _check_sort(language, args.sort, CONTRACT_SORTS)
    fmt = _register_format(args)
    stem = "kontrak" if language == "id" else "contracts"
    path, new_folder = _register_path(args, stem, fmt, as_of, language)
    statuses: set[ContractStatus] = {ContractStatus(s) for s in args.status or ()}
    if args.open:
        statuses |= set(OPEN_STATUSES)
    db = open_store(settings)
    try:
        supplier_id: int | None = None
        if args.supplier:
            model: Any = Supplier
            with db.session() as session:
                rows = session.execute(
                    select(model.id, model.name, model.npwp, model.category)
                ).all()
            finder = SupplierFinder(
                (SupplierRecord(r.id, r.name, npwp=r.npwp, category=r.category) for r in rows),
                language,
            )
            supplier_id = finder.find(args.supplier).id
        query = ContractQuery(
            as_of=as_of,
            search=args.search,
            statuses=frozenset(statuses) if statuses else None,
            underpinning=args.underpinning,
            category=SupplierCategory(args.category) if args.category else None,
            due_within_days=args.due_within,
            include_overdue=args.include_overdue,
            supplier_id=supplier_id,
            sort=args.sort,
            descending=args.desc,
        )
        count = _writing(
            language,
            path,
            lambda: export_contracts(
                db,
                query,
                path,
                fmt,
                language,
                _decimal(args),
                settings.thresholds,
            ),
        )
    finally:
        db.close()
    return _written(settings, count, path, new_folder)


def run_export_alerts(args: argparse.Namespace, settings: Settings) -> int:
    """The alerts as of a day, filtered as in ``rekanan alerts``."""
    from rekanan.domain.alerts import filter_alerts
    from rekanan.io.export.register_filters import alert_filters
    from rekanan.io.export.registers import RegisterNote, export_alerts

    language = settings.language
    as_of: date = args.as_of or date.today()
    fmt = _register_format(args)
    stem = "peringatan" if language == "id" else "alerts"
    path, new_folder = _register_path(args, stem, fmt, as_of, language)
    alerts = alerts_commands.agency_alerts(settings, as_of, args.include_snoozed)
    shown = filter_alerts(
        alerts,
        within_days=args.within,
        severity=Severity(args.severity) if args.severity else None,
        kinds=[AlertKind(k) for k in args.kind] if args.kind else None,
    )
    note = RegisterNote(
        as_of,
        alert_filters(
            language,
            severity=args.severity or None,
            with_snoozed=args.include_snoozed,
            within_days=args.within,
            kinds=args.kind or (),
        ),
        language,
    )
    count = _writing(
        language,
        path,
        lambda: export_alerts(shown, path, fmt, language, _decimal(args), note),
    )
    return _written(settings, count, path, new_folder)
