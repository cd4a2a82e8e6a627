"""One supplier's scorecard to a file, for the scorecard dialog (``e`` on a supplier, or
"Ekspor scorecard..." in the palette).

Reads only the supplier's slice of the agency (fast on a large database) and hands it to
the export layer (``rekanan.io.export.batch``), which names the file
``kartu-kinerja-<period>-<supplier>-<id>.pdf``. The period defaults to the last complete
quarter (the running one has no evaluations yet) and the folder to the person's documents
folder, never the folder the program was started from. Runs in a worker; no Textual here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from rekanan.config import Settings
from rekanan.domain.periods import Period, last_complete_quarter
from rekanan.errors import RekananError
from rekanan.io.export.batch import ExportOptions, Format, export_scorecards_from
from rekanan.screens.export_folder import documents_folder
from rekanan.store.slices import supplier_slice


def export_supplier_scorecard(
    db: Any,
    settings: Settings,
    supplier_id: int,
    day: date,
    folder: Path | None = None,
    period: Period | None = None,
    fmt: Format = "pdf",
) -> Path:
    """Write one supplier's scorecard (last complete quarter, PDF by default); the file."""
    with db.session() as session:
        data = supplier_slice(session, supplier_id)
    if data is None:
        raise RekananError("Rekanan ini sudah tidak ada; muat ulang daftarnya.")
    written = export_scorecards_from(
        data,
        settings,
        [supplier_id],
        period or last_complete_quarter(day),
        fmt,
        folder or documents_folder(),
        options=ExportOptions(
            language=settings.language,
            as_of=day,
            decimal="comma" if settings.language == "id" else "dot",
        ),
    )
    return written[0]
