"""Cells that a spreadsheet will not run: formula-injection neutralising for CSV and XLSX.

A spreadsheet treats text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (OWASP "CSV injection"). Supplier names and notes come from imports and
from people, so every *text* cell is neutralised by putting an apostrophe in front; numbers
and dates stay numbers (a negative number is a value, not a formula).

CSV files are UTF-8 with a byte-order mark, so that Excel opens them as UTF-8, a header row,
and dot or comma decimals. With comma decimals the separator becomes a semicolon, as
spreadsheets in Indonesian locales expect.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Literal

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""

DecimalMark = Literal["dot", "comma"]
Cell = str | int | Decimal | float | date | datetime | bool | None


def neutralise(text: str) -> str:
    """``text`` with an apostrophe in front when a spreadsheet would read it as a formula."""
    if text and text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


def csv_value(value: Cell, decimal: DecimalMark = "dot") -> str:
    """One CSV cell: text neutralised, numbers with the chosen decimal mark, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal | float):
        text = format(value, "f") if isinstance(value, Decimal) else repr(value)
        return text.replace(".", ",") if decimal == "comma" else text
    return neutralise(str(value))


def delimiter_for(decimal: DecimalMark) -> str:
    """``;`` with comma decimals (so numbers keep their commas), else ``,``."""
    return ";" if decimal == "comma" else ","


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    decimal: DecimalMark = "dot",
) -> int:
    """Write a UTF-8 CSV with a header row; returns the number of data rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter_for(decimal))
        writer.writerow([neutralise(h) for h in header])
        for row in rows:
            writer.writerow([csv_value(v, decimal) for v in row])
            count += 1
    return count


_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xlsx_value(value: Cell) -> Cell:
    """A value for an openpyxl cell: text neutralised and stripped of control characters
    that XML cannot hold (openpyxl refuses them), everything else untouched."""
    if isinstance(value, str):
        return neutralise(_XML_ILLEGAL.sub("", value))
    return value
