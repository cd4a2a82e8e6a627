"""The import orchestrator: read, plan, resolve, write in one transaction, report every row.

The steps, for one file:

1. read the rows (``tabular``) and check the header against the kind's columns; a file
   that cannot be read, or lacks a required column, raises ``FileProblem`` (nothing
   written);
2. plan each row (the kind's ``plan``): a parse problem rejects just that row;
3. inside ``db.writer()`` (one transaction; the rows it reads are the ones it writes
   against): resolve suppliers by NPWP, else by folded name (listed for a person to
   confirm), services by code and contracts by number; find the existing record by the
   kind's natural key; compare, and decide new, updated or unchanged;
4. create new suppliers, then new records (``bulk.insert_many``: the store's rules on
   plain rows, one executemany; a refusal rejects that row with the store's sentence),
   update changed ones (``Writer.update_many``, in chunks), and sync a UC's services. An
   update never erases: an empty cell keeps the stored value, a name written another way
   keeps the stored spelling, and every change is reported as old -> new (``changes``);
5. a dry run rolls the whole transaction back, so what it reports is exactly what a real
   run would do.

Rows of another satker (``satker`` option) are skipped; every row ends in one outcome,
with a sentence (``sentences``). The report names the KLPD and satker the file holds and
warns when they are not the agency's (``origin``), and says which alerts the new contracts
will raise (``effects``). Planning lives in ``planning``, the transaction's work in
``applying``.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rekanan.io.importing.applying import Applier
from rekanan.io.importing.effects import forecast
from rekanan.io.importing.origin import Census
from rekanan.io.importing.planning import ImportOptions, Progress, known_columns, plan_rows
from rekanan.io.importing.registry import KINDS, guess_kind, kind_spec
from rekanan.io.importing.report import ImportReport, Outcome
from rekanan.io.importing.sentences import complete
from rekanan.io.tabular import read_rows
from rekanan.models import Contract

if TYPE_CHECKING:
    from rekanan.store.database import Database


_NOT_TAKEN = (Outcome.SKIPPED, Outcome.REJECTED)


class _Rollback(Exception):
    """Raised inside the writer to roll a dry run back."""


# --------------------------------------------------------------------------- entry points


def run_import(
    db: Database, kind: str | None, path: Path, options: ImportOptions | None = None
) -> ImportReport:
    """Import ``path`` as ``kind`` (guessed from the header when None); report every row.

    Raises ``FileProblem`` when the file cannot be read at all and ``StoreError`` when the
    database refuses the transaction; both carry a sentence, and nothing is written.
    """
    options = options or ImportOptions()
    started = time.perf_counter()
    known = {c for spec in KINDS.values() for c in (*spec.column_names, *spec.aliases)}
    rows = read_rows(path, known if kind is None else known_columns(kind_spec(kind)))
    spec = kind_spec(kind) if kind is not None else kind_spec(guess_kind(rows.columns, path.name))
    report = ImportReport(spec.name, str(path), options.dry_run, row_label=rows.row_label)
    report.notes.extend(rows.notes)
    census = Census()
    planned = plan_rows(spec, rows, options, report, census)
    try:
        with db.writer(options.user) as writer:
            Applier(writer, spec, report, options).apply(planned)
            if options.dry_run:
                raise _Rollback
        report.committed = True
    except _Rollback:
        report.committed = False
    report.rows.sort(key=lambda r: r.row)
    complete(report)
    taken = [r.row for r in report.rows if r.outcome not in _NOT_TAKEN]
    report.origins = census.origins(options.agency, bool(options.satkers), taken, rows.row_label)
    if spec.model is Contract:
        new = {r.row for r in report.rows if r.outcome is Outcome.NEW}
        fields = (p.plan.fields for p in planned if p.row in new)
        report.forecast = forecast(fields, options.as_of or date.today())
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["ImportOptions", "Progress", "run_import"]
