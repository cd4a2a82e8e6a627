"""Exports: supplier scorecards (PDF, XLSX, CSV) and the registers (XLSX, CSV).

The app and the CLI call ``export_scorecards`` (one load of the agency, every scorecard
from it, a progress callback) and the ``registers`` functions; the format modules below
only lay out what the rules computed.
"""

from __future__ import annotations

from rekanan.io.export.batch import (
    FORMATS,
    ExportError,
    ExportOptions,
    export_scorecards,
    export_scorecards_from,
)

__all__ = [
    "FORMATS",
    "ExportError",
    "ExportOptions",
    "export_scorecards",
    "export_scorecards_from",
]
