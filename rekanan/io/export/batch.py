"""Scorecards for one supplier or for all of them, in one call the CLI and the app share.

A batch loads the agency ONCE (``load_agency``), indexes it once, and computes every
scorecard from that index; the PDF fonts are parsed once per process (``pdf_fonts``). A
progress callback ``on_progress(done, total)`` lets the app drive a progress bar from its
worker. Where the files go:

* PDF of one supplier: ``dest`` if it ends in ``.pdf``, else a file named after the
  supplier inside the folder ``dest``;
* PDF of several suppliers: one file each in the folder ``dest`` (created if needed);
* XLSX or CSV: one file, ``dest`` itself or a default name inside the folder ``dest``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rekanan.config import Settings
from rekanan.domain.index import AgencyIndex
from rekanan.domain.periods import Period, parse_period
from rekanan.domain.records import AgencyData
from rekanan.errors import RekananError
from rekanan.io.export.csv_safe import DecimalMark
from rekanan.io.export.labels import label
from rekanan.io.export.scorecard_csv import write_scorecards_csv
from rekanan.io.export.scorecard_data import ScorecardExport, build_exports, index_of
from rekanan.io.export.scorecard_pdf import PdfContext, Signer, write_scorecard_pdf
from rekanan.io.export.scorecard_xlsx import write_scorecards_xlsx

if TYPE_CHECKING:
    from rekanan.store.database import Database  # type: ignore[import-not-found]

Format = Literal["pdf", "xlsx", "csv"]
FORMATS: tuple[Format, ...] = ("pdf", "xlsx", "csv")
Progress = Callable[[int, int], None]


class ExportError(RekananError):
    """An export cannot be written; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How the files look: language, signer, decimal mark, the as-of day and the clock."""

    language: str = "id"
    as_of: date | None = None
    generated_at: datetime | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    signer_place: str | None = None
    decimal: DecimalMark = "dot"
    jobs: int = 1
    """Processes that write PDFs at once (the CLI uses every core; the app keeps 1)."""


def _slug(text: str, limit: int = 48) -> str:
    """A file-name-safe form of ``text`` (ASCII, lower case, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].strip("-") or "penyedia"


def _period_slug(period: Period) -> str:
    return period.label.replace("..", "_")


def supplier_filename(period: Period, name: str, supplier_id: int, fmt: Format = "pdf") -> str:
    """``kartu-kinerja-2026-Q3-pt-maju-jaya-17.pdf``: sortable and unique per supplier, in
    every format, so one supplier's file never replaces another's (F44)."""
    return f"kartu-kinerja-{_period_slug(period)}-{_slug(name)}-{supplier_id}.{fmt}"


def scorecard_filename(item: ScorecardExport, fmt: Format = "pdf") -> str:
    """The file of one supplier's scorecard (see ``supplier_filename``)."""
    supplier = item.card.supplier
    return supplier_filename(item.card.period, supplier.name, supplier.id, fmt)


def default_filename(period: Period, fmt: Format, count: int) -> str:
    """The file name used when ``dest`` is a folder."""
    return f"kartu-kinerja-{_period_slug(period)}-{count}-penyedia.{fmt}"


def _target_file(
    dest: Path, period: Period, fmt: Format, items: Sequence[ScorecardExport], language: str
) -> Path:
    if dest.suffix.lower() == f".{fmt}":
        return dest
    if dest.exists() and not dest.is_dir():
        raise ExportError(label("error.not_suffix", language, dest=dest, fmt=fmt))
    if len(items) == 1:
        return dest / scorecard_filename(items[0], fmt)
    return dest / default_filename(period, fmt, len(items))


def export_scorecards_from(
    data: AgencyData | AgencyIndex,
    settings: Settings,
    supplier_ids: Sequence[int],
    period: Period | str,
    fmt: Format,
    dest: Path,
    on_progress: Progress | None = None,
    options: ExportOptions | None = None,
) -> list[Path]:
    """Write the scorecards of ``supplier_ids`` from already loaded data; returns the files."""
    opts = options or ExportOptions(language=settings.language)
    if fmt not in FORMATS:
        raise ExportError(label("error.format", opts.language, fmt=fmt))
    chosen = parse_period(period) if isinstance(period, str) else period
    as_of = opts.as_of or date.today()
    index = index_of(data)
    unknown = [i for i in supplier_ids if i not in index.suppliers]
    if unknown:
        ids = ", ".join(map(str, unknown))
        raise ExportError(label("error.unknown_ids", opts.language, ids=ids))
    if not supplier_ids:
        raise ExportError(label("error.none", opts.language))
    total = len(supplier_ids)
    items = build_exports(index, supplier_ids, chosen, as_of, settings.thresholds, opts.language)
    if fmt == "pdf":
        context = PdfContext(
            agency=settings.agency,
            signer=Signer.from_agency(
                settings.agency,
                opts.signer_name,
                opts.signer_title,
                signed_on=as_of,
                place=opts.signer_place,
            ),
            language=opts.language,
            generated_at=opts.generated_at or datetime.now().replace(microsecond=0),
            thresholds=settings.thresholds,
        )
        single = total == 1 and dest.suffix.lower() == ".pdf"
        if not single:
            _make_folder(dest, opts.language)
        chosen_items = list(items)
        paths = [dest if single else dest / scorecard_filename(i) for i in chosen_items]
        return _write_pdfs(chosen_items, context, paths, opts.jobs, on_progress)
    collected = []
    for done, item in enumerate(items, start=1):
        collected.append(item)
        if on_progress is not None:
            on_progress(done, total)
    target = _target_file(dest, chosen, fmt, collected, opts.language)
    if fmt == "xlsx":
        return [write_scorecards_xlsx(collected, target, opts.language)]
    return [write_scorecards_csv(collected, target, opts.language, opts.decimal)]


_PDF_BATCH: tuple[list[ScorecardExport], PdfContext, list[Path]] | None = None
"""The batch a forked worker process reads (inherited at fork, never pickled)."""
_PARALLEL_FROM = 40


def _write_range(bounds: tuple[int, int]) -> int:
    """In a worker process: write the PDFs ``bounds[0]`` up to ``bounds[1]``."""
    assert _PDF_BATCH is not None
    items, context, paths = _PDF_BATCH
    for n in range(*bounds):
        write_scorecard_pdf(items[n], context, paths[n])
    return bounds[1] - bounds[0]


def _write_pdfs(
    items: list[ScorecardExport],
    context: PdfContext,
    paths: list[Path],
    jobs: int,
    on_progress: Progress | None,
) -> list[Path]:
    """Write the PDFs, in ``jobs`` forked processes when the batch is big enough.

    A PDF takes tens of milliseconds of pure Python layout, so a batch of a thousand is
    CPU-bound: forked workers share the computed scorecards and parsed fonts and use every
    core. Where ``fork`` does not exist (Windows) the batch runs in this process.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    total = len(items)
    done = 0
    start = 0
    if total:
        # The first one here: warms the fonts before the fork and fails early on a bad path.
        write_scorecard_pdf(items[0], context, paths[0])
        done = start = 1
        if on_progress is not None:
            on_progress(done, total)
    parallel = jobs > 1 and total >= _PARALLEL_FROM
    if parallel and "fork" in multiprocessing.get_all_start_methods():
        global _PDF_BATCH
        _PDF_BATCH = (items, context, paths)
        chunk = max(5, (total - start) // (jobs * 8))
        ranges = [(n, min(n + chunk, total)) for n in range(start, total, chunk)]
        try:
            context_fork = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context_fork) as pool:
                for future in as_completed([pool.submit(_write_range, r) for r in ranges]):
                    done += future.result()
                    if on_progress is not None:
                        on_progress(done, total)
        finally:
            _PDF_BATCH = None
        return paths
    for n in range(start, total):
        write_scorecard_pdf(items[n], context, paths[n])
        if on_progress is not None:
            on_progress(n + 1, total)
    return paths


def _make_folder(dest: Path, language: str) -> None:
    if dest.exists() and not dest.is_dir():
        raise ExportError(label("error.folder_is_file", language, dest=dest))
    dest.mkdir(parents=True, exist_ok=True)


def export_scorecards(
    db: Database,
    settings: Settings,
    supplier_ids: Sequence[int],
    period: Period | str,
    fmt: Format,
    dest: Path,
    on_progress: Progress | None = None,
    options: ExportOptions | None = None,
) -> list[Path]:
    """Load the agency once from ``db`` and write the scorecards; returns the files written.

    ``period`` is a ``Period`` or its text (``2026-Q3``); ``fmt`` is pdf, xlsx or csv.
    Meant to run in a worker thread: it touches no UI and reports through ``on_progress``.
    """
    from rekanan.store.loaders import load_agency  # type: ignore[import-not-found]

    data = load_agency(db)
    return export_scorecards_from(
        data, settings, supplier_ids, period, fmt, dest, on_progress, options
    )
