"""One tabular shape for every CSV and XLSX export: typed columns, plain rows, two writers.

Scorecards and registers build a ``Table``; ``write_table_csv`` and ``add_table_sheet`` turn
it into a file. Keeping the column *kind* next to its header is what lets the XLSX carry real
numbers with Rupiah and percent formats while the CSV carries the same numbers as text with
the chosen decimal mark. Percent columns hold values in percent (99.5); the XLSX stores the
fraction (0.995) under a percent format, as spreadsheets expect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from rekanan.io.export.csv_safe import Cell, DecimalMark, write_csv, xlsx_value


class Kind(StrEnum):
    """How a column's values are stored and formatted."""

    TEXT = "text"
    INT = "int"
    DECIMAL = "decimal"
    RUPIAH = "rupiah"
    PERCENT = "percent"
    DATE = "date"
    DATETIME = "datetime"


RUPIAH_FORMAT = '"Rp"#,##0'
PERCENT_FORMAT = "0.00%"
DECIMAL_FORMAT = "0.00"
INT_FORMAT = "0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"

_FORMATS = {
    Kind.RUPIAH: RUPIAH_FORMAT,
    Kind.PERCENT: PERCENT_FORMAT,
    Kind.DECIMAL: DECIMAL_FORMAT,
    Kind.INT: INT_FORMAT,
    Kind.DATE: DATE_FORMAT,
    Kind.DATETIME: DATETIME_FORMAT,
}
_HUNDRED = Decimal(100)
_MAX_WIDTH = 60
_MIN_WIDTH = 6


@dataclass(frozen=True, slots=True)
class Column:
    """A header and the kind of its values."""

    header: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True, slots=True)
class Table:
    """A titled table: the title names the XLSX sheet."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def headers(self) -> list[str]:
        """The header row."""
        return [c.header for c in self.columns]


def write_table_csv(table: Table, path: Path, decimal: DecimalMark = "dot") -> int:
    """The table as a UTF-8 CSV; returns the number of rows written."""
    return write_csv(path, table.headers, table.rows, decimal)


def _xlsx_cell(value: Cell, kind: Kind) -> Cell:
    if value is None:
        return None
    if kind == Kind.PERCENT and isinstance(value, Decimal | int | float):
        return Decimal(value) / _HUNDRED
    return xlsx_value(value)


def _display_width(value: Cell, kind: Kind) -> int:
    if value is None:
        return 0
    if kind == Kind.RUPIAH and isinstance(value, Decimal | int | float):
        return len(f"Rp{int(value):,}") + 1
    if kind == Kind.PERCENT:
        return 8
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def add_table_sheet(workbook: Any, table: Table, *, first: bool = False) -> Any:
    """Add ``table`` as a sheet: bold frozen header, autofilter, number formats, widths.

    ``first`` reuses the workbook's initial empty sheet.
    """
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = _sheet_title(table.title, workbook)
    sheet.append([xlsx_value(h) for h in table.headers])
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [min(_MAX_WIDTH, max(_MIN_WIDTH, len(h) + 2)) for h in table.headers]
    for row in table.rows:
        sheet.append([_xlsx_cell(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
        for i, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            widths[i] = max(widths[i], min(_MAX_WIDTH, _display_width(value, column.kind) + 2))
    for i, column in enumerate(table.columns, start=1):
        fmt = _FORMATS.get(column.kind)
        if fmt is not None and table.rows:
            for (cell,) in sheet.iter_rows(
                min_row=2, max_row=len(table.rows) + 1, min_col=i, max_col=i
            ):
                cell.number_format = fmt
        sheet.column_dimensions[get_column_letter(i)].width = widths[i - 1]
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(1, len(table.columns)))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    return sheet


_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_title(title: str, workbook: Any) -> str:
    """A legal, unique sheet name (31 characters, none of ``[]:*?/\\``)."""
    base = (title.translate(_SHEET_FORBIDDEN).strip() or "Sheet")[:31]
    existing = {ws.title for ws in workbook.worksheets}
    name, n = base, 2
    while name in existing:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    return name


def save_workbook(tables: Sequence[Table], path: Path) -> Path:
    """Write ``tables`` as the sheets of one XLSX file."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    for i, table in enumerate(tables):
        add_table_sheet(workbook, table, first=i == 0)
    workbook.save(path)
    return path
