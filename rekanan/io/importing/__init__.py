"""Bring existing data in: spreadsheet templates and SPSE e-Kontrak exports.

``run_import(db, kind, path, ImportOptions(dry_run=...))`` reads a file, plans each row,
and writes the accepted ones in one transaction, returning an ``ImportReport`` that accounts
for every row. ``KINDS`` lists the kinds (``rekanan``, ``layanan``, ``sla``, ``kontrak``,
``penilaian``, ``insiden``, ``sp``, ``denda``, ``sanksi``, ``lkpp``).
"""

from rekanan.io.importing.engine import ImportOptions, run_import
from rekanan.io.importing.registry import KINDS, TEMPLATE_KINDS, guess_kind, kind_spec
from rekanan.io.importing.report import ImportReport, Outcome, RowResult, write_report
from rekanan.io.tabular import FileProblem

__all__ = [
    "KINDS",
    "TEMPLATE_KINDS",
    "FileProblem",
    "ImportOptions",
    "ImportReport",
    "Outcome",
    "RowResult",
    "guess_kind",
    "kind_spec",
    "run_import",
    "write_report",
]
