"""Scorecards as an XLSX workbook: a summary sheet, and detail sheets for a single supplier.

The summary has one row per supplier and period, with numbers as numbers under Rupiah and
percent formats, a frozen header, filters and fitting widths (``tables.add_table_sheet``).
A workbook of one supplier adds its aspects, KPIs, incidents, penalties and warning letters.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rekanan.io.export.scorecard_data import ScorecardExport
from rekanan.io.export.scorecard_tables import detail_tables, summary_table
from rekanan.io.export.tables import save_workbook


def write_scorecards_xlsx(
    items: Sequence[ScorecardExport], path: Path, language: str = "id"
) -> Path:
    """Write the workbook; detail sheets only when ``items`` holds one supplier."""
    tables = [summary_table(items, language)]
    if len({item.card.supplier.id for item in items}) == 1:
        tables.extend(detail_tables(items[0]))
    return save_workbook(tables, path)
