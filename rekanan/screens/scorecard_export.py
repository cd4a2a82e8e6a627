"""Palette command "Ekspor scorecard...": the open supplier's scorecard of this quarter as PDF.

Reads only the supplier's slice of the agency (fast on a large database) and hands it to
the export layer (``rekanan.io.export.batch``), which names the file
``kartu-kinerja-<period>-<supplier>-<id>.pdf`` in the folder rekanan was started from.
Runs in a worker; no Textual here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rekanan.config import Settings
from rekanan.domain.periods import Period, quarter
from rekanan.errors import RekananError
from rekanan.io.export.batch import ExportOptions, export_scorecards_from
from rekanan.store.slices import supplier_slice


def current_quarter(day: date) -> Period:
    """The quarter ``day`` falls in."""
    return quarter(day.year, (day.month - 1) // 3 + 1)


def export_supplier_scorecard(
    db: Any, settings: Settings, supplier_id: int, day: date, folder: Path | None = None
) -> Path:
    """Write one supplier's scorecard of the current quarter as PDF; returns the file."""
    with db.session() as session:
        data = supplier_slice(session, supplier_id)
    if data is None:
        raise RekananError("Rekanan ini sudah tidak ada; muat ulang daftarnya.")
    written = export_scorecards_from(
        data,
        settings,
        [supplier_id],
        current_quarter(day),
        "pdf",
        folder or Path.cwd(),
        options=ExportOptions(language=settings.language, as_of=day),
    )
    return written[0]
