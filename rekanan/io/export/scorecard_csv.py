"""Scorecards as CSV: UTF-8, a header row, one row per supplier and period.

``decimal="comma"`` writes ``2,60`` and separates fields with ``;`` (what a spreadsheet in
an Indonesian locale opens directly); ``"dot"`` writes ``2.60`` with ``,``. Percent columns
are in percent (``99.52``). Text that a spreadsheet would run as a formula is neutralised.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rekanan.io.export.csv_safe import DecimalMark
from rekanan.io.export.scorecard_data import ScorecardExport
from rekanan.io.export.scorecard_tables import summary_table
from rekanan.io.export.tables import write_table_csv


def write_scorecards_csv(
    items: Iterable[ScorecardExport],
    path: Path,
    language: str = "id",
    decimal: DecimalMark = "dot",
) -> Path:
    """Write the summary rows of ``items`` as one CSV file."""
    write_table_csv(summary_table(items, language), path, decimal)
    return path
