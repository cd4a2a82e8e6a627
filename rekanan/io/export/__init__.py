"""Exports: supplier scorecards (PDF, XLSX, CSV) and the registers (XLSX, CSV).

The app and the CLI call ``export_scorecards`` (one load of the agency, every scorecard
from it, a progress callback) and the ``registers`` functions; the format modules below
only lay out what the rules computed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """The batch exporter on first use: it imports fpdf2, fontTools and openpyxl (~0.25 s),
    which the CLI and the app do not need to start (``csv_safe`` imports this package)."""
    if name in __all__:
        from rekanan.io.export import batch

        return getattr(batch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
