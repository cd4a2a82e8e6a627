"""Read a CSV, XLSX or JSON file into a header and numbered rows of raw cells.

What a person brings is rarely clean: CSV from Excel in Windows-1252 or UTF-8 with a BOM,
separated by commas or semicolons; XLSX with a title line above the header or an
explanations sheet first; JSON straight from an API. This module turns each into one shape,
``Rows``: the column names as written, and each row with the number a person sees in the
spreadsheet (the header is row 1 in CSV). Rows that cannot be read (more fields than the
header) are kept with a problem so that the import rejects just those rows. A file that
cannot be read at all raises ``FileProblem`` with a sentence.

XLSX is read with openpyxl in read-only mode, so 10 000 rows stream in without loading
styles; numeric cells formatted as percent are turned into percent (0.995 -> 99.5).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from rekanan.errors import RekananError
from rekanan.io.values import Raw

EXPLANATION_SHEETS = {"petunjuk", "penjelasan", "keterangan", "explanations", "help"}
"""Sheets that explain a template rather than hold data (skipped when reading)."""

MAX_BYTES = 200 * 1024 * 1024


class FileProblem(RekananError):
    """The file as a whole cannot be read; nothing is imported."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of the file: its number as a person counts it, and its cells by column."""

    number: int
    cells: dict[str, Raw]
    problem: str | None = None
    trusted: bool = True
    """False when the cells may sit under the wrong columns (a broken CSV row that could
    not be put back together): its key is then not shown as the row's."""


@dataclass(slots=True)
class Rows:
    """What a file holds: column names (normalised), the rows, and notes about the reading."""

    columns: list[str]
    rows: list[SourceRow]
    notes: list[str] = field(default_factory=list)
    row_label: str = "baris"


_HEADER_CLEAN = re.compile(r"[^0-9a-z_]+")


def column_key(header: object) -> str:
    """A header as a column name: ``"Nama Rekanan *"`` -> ``nama_rekanan``."""
    return _column_key(str(header or ""))


@lru_cache(maxsize=2048)
def _column_key(header: str) -> str:
    value = header.strip().lower().replace("\ufeff", "")
    value = re.sub(r"\(.*?\)", "", value)
    return _HEADER_CLEAN.sub("_", value.replace("-", "_").replace(" ", "_")).strip("_")


def read_rows(path: Path, known_columns: Iterable[str] = ()) -> Rows:
    """Read ``path`` by its extension: ``.xlsx``/``.xlsm``, ``.json``, else CSV."""
    if not path.exists():
        raise FileProblem(f"Berkas {path} tidak ada. Periksa nama dan foldernya.")
    if path.is_dir():
        raise FileProblem(f"{path} adalah folder; pilih sebuah berkas CSV, XLSX atau JSON.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise FileProblem(f"Berkas {path.name} terlalu besar ({size // 1_048_576} MB).")
    suffix = path.suffix.lower()
    known = set(known_columns)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, known)
    if suffix == ".xls":
        raise FileProblem(
            f"{path.name} adalah berkas Excel lama (.xls). Simpan ulang sebagai .xlsx atau .csv "
            "dari Excel/LibreOffice, lalu impor lagi."
        )
    data = path.read_bytes()
    if suffix == ".json" or (suffix != ".csv" and data.lstrip()[:1] in (b"[", b"{")):
        return read_json(data, path.name)
    return read_csv(data, path.name, known)


# --------------------------------------------------------------------------- CSV


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Text of a CSV: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    Returns the text and a note when a fallback encoding was used. Binary content is
    refused with a sentence.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as error:
            raise FileProblem(f"{name} tidak dapat dibaca sebagai UTF-16.") from error
    if data.startswith(b"PK\x03\x04"):
        raise FileProblem(
            f"{name} tampaknya berkas XLSX (zip) dengan akhiran lain; ganti akhirannya "
            "menjadi .xlsx lalu impor lagi."
        )
    if b"\x00" in data:
        raise FileProblem(
            f"{name} bukan berkas teks (berisi byte biner). Simpan sebagai CSV UTF-8 dari "
            "spreadsheet Anda, lalu impor lagi."
        )
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        decoded = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileProblem(
            f"{name} bukan teks UTF-8 maupun Windows-1252 (byte {error.start}). Simpan "
            "sebagai 'CSV UTF-8' dari spreadsheet Anda, lalu impor lagi."
        ) from error
    return decoded, (
        f"{name} bukan UTF-8; dibaca sebagai Windows-1252. Periksa huruf beraksen di laporan."
    )


_DELIMITERS = (",", ";", "\t", "|")


def sniff_delimiter(sample: str, known: set[str] | None = None) -> str:
    """The separator of a CSV.

    First the candidate that splits one of the first lines into the most known column names
    (a header is what a person can check); else ``csv.Sniffer``; else the candidate the
    first line holds most of.
    """
    lines = [line for line in sample.splitlines() if line.strip()][:20]
    if not lines:
        return ","
    if known:
        best, best_hits = "", 0
        for line in lines[:10]:
            for candidate in _DELIMITERS:
                hits = sum(column_key(part) in known for part in line.split(candidate))
                if hits > best_hits:
                    best, best_hits = candidate, hits
        if best_hits >= 2 or (best_hits == 1 and best):
            return best
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        pass
    header = lines[0]
    counts = {d: header.count(d) for d in _DELIMITERS}
    top = max(counts, key=lambda d: counts[d])
    return top if counts[top] else ","


def _header_index(records: list[list[str]], known: set[str]) -> int:
    """Which of the first lines is the header: the first that names a known column."""
    if not known:
        return 0
    for index, record in enumerate(records[:10]):
        if {column_key(c) for c in record} & known:
            return index
    return 0


def read_csv(data: bytes, name: str, known: set[str] | None = None) -> Rows:
    """Parse CSV bytes; rows with more fields than the header carry a problem."""
    content, note = decode(data, name)
    if not content.strip():
        raise FileProblem(f"{name} kosong: tidak ada baris judul kolom maupun data.")
    delimiter = sniff_delimiter(content[:20000], known)
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    lines: list[int] = []  # the text line each record ends on
    try:
        for record in reader:
            records.append(record)
            lines.append(reader.line_num)
    except csv.Error as error:
        raise FileProblem(
            f"{name} bukan CSV yang sah di baris {reader.line_num} ({error}). Periksa tanda "
            "kutip di baris itu."
        ) from error
    start = _header_index(records, known or set())
    header = [column_key(c) for c in records[start]]
    if not any(header):
        raise FileProblem(f"{name} tidak punya baris judul kolom di baris {start + 1}.")
    _check_duplicates(header, name)
    rows: list[SourceRow] = []
    for offset, record in enumerate(records[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in record):
            continue
        problem = None
        trusted = True
        if len(record) > len(header) and any(c.strip() for c in record[len(header) :]):
            where = _where(offset, lines[offset - 2] + 1, lines[offset - 1])
            separator = _SEPARATOR_NAMES.get(delimiter, f"'{delimiter}'")
            column = split_column(record, len(header))
            if column is None:
                trusted = False
                problem = (
                    f"berkas ini rusak di {where}: baris ini berisi {len(record)} kolom, "
                    f"sedangkan judulnya {len(header)}; kemungkinan ada {separator} "
                    "tanpa tanda kutip di salah satu isian, sehingga isian sesudahnya bergeser. "
                    "Baris ini tidak diimpor; perbaiki baris itu di berkasnya"
                )
            else:
                pieces = len(record) - len(header) + 1
                problem = (
                    f"berkas ini rusak di {where}: teks kolom '{header[column]}' terpecah "
                    f"di setiap {separator} di dalamnya menjadi {pieces} kolom "
                    f"(baris ini berisi {len(record)} kolom, judulnya {len(header)}), "
                    "karena pembuat berkas tidak mengapit teks itu utuh dengan tanda kutip. "
                    "Baris ini tidak diimpor; perbaiki baris itu di berkasnya, atau impor "
                    "ekspor JSON yang sama bila ada"
                )
                record = _rejoined(record, column, len(header), delimiter)
        cells: dict[str, Raw] = {}
        for key, value in zip(header, record, strict=False):
            if key:
                cells[key] = value
        rows.append(SourceRow(offset, cells, problem, trusted))
    notes = [note] if note else []
    if delimiter != ",":
        notes.append(f"Pemisah kolom: '{delimiter}'.")
    return Rows([h for h in header if h], rows, notes)


_SEPARATOR_NAMES = {",": "koma", ";": "titik koma", "\t": "tab", "|": "garis tegak"}


def _where(number: int, first_line: int, last_line: int) -> str:
    """``baris 21`` (the row as a spreadsheet counts it), with its text lines when they differ."""
    if first_line == last_line == number:
        return f"baris {number}"
    lines = f"{first_line}" if first_line == last_line else f"{first_line}-{last_line}"
    return f"baris {number} (baris teks {lines})"


def split_column(record: list[str], width: int) -> int | None:
    """Which column's text a separator inside it split into several, when only one can be.

    A text cut at each comma leaves pieces that start with the space people write after a
    comma (``"peta bahaya"," peta kerentanan"``: SPSE's CSV export writes a comma inside a
    text as ``","``). The column is the one place where joining the extra fields back gives
    pieces that all start with a space; None when no place, or more than one, fits.
    """
    extra = len(record) - width
    if extra <= 0:
        return None
    fits = [
        start
        for start in range(width)
        if all(piece[:1].isspace() for piece in record[start + 1 : start + extra + 1])
    ]
    return fits[0] if len(fits) == 1 else None


def _rejoined(record: list[str], column: int, width: int, delimiter: str) -> list[str]:
    """``record`` with the pieces of ``column`` joined back, so every cell is under its column."""
    end = column + len(record) - width + 1
    return [*record[:column], delimiter.join(record[column:end]), *record[end:]]


def _check_duplicates(header: list[str], name: str) -> None:
    seen: set[str] = set()
    for key in header:
        if key and key in seen:
            raise FileProblem(
                f"Kolom '{key}' muncul dua kali di baris judul {name}. Hapus salah satunya."
            )
        seen.add(key)


# --------------------------------------------------------------------------- XLSX


def _cell_value(cell: Any) -> Raw:
    value = cell.value
    if value is None or isinstance(value, str | bool | int | float | Decimal | date):
        fmt = getattr(cell, "number_format", "") or ""
        if isinstance(value, int | float) and not isinstance(value, bool) and "%" in fmt:
            return Decimal(repr(value)) * 100
        if isinstance(value, datetime) and value.time() == time() and "h" not in fmt.lower():
            return value.date()
        return value  # type: ignore[no-any-return]
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def read_xlsx(path: Path, known: set[str] | None = None) -> Rows:
    """The first data sheet of a workbook; the header is the first row naming a known column.

    The lean reader (``xlsx_reader``) goes first; a workbook it cannot follow is read again
    with openpyxl, so odd files still import, only slower.
    """
    try:
        title, numbered = _fast_rows(path)
    except FileProblem:
        raise
    except Exception:
        title, numbered = _openpyxl_rows(path)
    return _rows_from(path, title, numbered, known)


def _fast_rows(path: Path) -> tuple[str, list[tuple[int, list[Raw]]]]:
    from rekanan.io.xlsx_reader import FastWorkbook

    with zipfile.ZipFile(path) as handle:
        book = FastWorkbook(handle)
        sheets = [s for s in book.sheets if s.name.strip().lower() not in EXPLANATION_SHEETS]
        if not sheets:
            raise FileProblem(f"{path.name} tidak punya lembar data (hanya lembar petunjuk).")
        return sheets[0].name, list(book.rows(sheets[0]))


def _openpyxl_rows(path: Path) -> tuple[str, list[tuple[int, list[Raw]]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise FileProblem(
            f"{path.name} bukan berkas XLSX yang dapat dibaca ({type(error).__name__}). "
            "Buka di spreadsheet, simpan ulang sebagai .xlsx, lalu impor lagi."
        ) from error
    try:
        sheets = [s for s in book.worksheets if s.title.strip().lower() not in EXPLANATION_SHEETS]
        if not sheets:
            raise FileProblem(f"{path.name} tidak punya lembar data (hanya lembar petunjuk).")
        sheet = sheets[0]
        numbered = [
            (number, [_cell_value(c) for c in cells])
            for number, cells in enumerate(sheet.iter_rows(), start=1)
        ]
        return str(sheet.title), numbered
    finally:
        book.close()


def _rows_from(
    path: Path, title: str, numbered: list[tuple[int, list[Raw]]], known: set[str] | None
) -> Rows:
    header: list[str] | None = None
    header_row = 0
    rows: list[SourceRow] = []
    for number, values in numbered:
        if header is None:
            keys = [column_key(v) if isinstance(v, str) else "" for v in values]
            if not any(keys):
                if number > 20:
                    break
                continue
            if known and not set(keys) & known and number <= 10:
                continue
            header, header_row = keys, number
            _check_duplicates(header, path.name)
            continue
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        problem = None
        extra = values[len(header) :]
        if any(v not in (None, "") for v in extra):
            problem = "baris ini berisi isian di kanan kolom terakhir yang berjudul"
        row = {k: v for k, v in zip(header, values, strict=False) if k}
        rows.append(SourceRow(number, row, problem))
    if header is None:
        raise FileProblem(
            f"{path.name}: lembar '{title}' tidak punya baris judul kolom. Baris pertama "
            "harus berisi nama kolom seperti pada templat (`rekanan template`)."
        )
    notes = [f"Lembar '{title}', judul kolom di baris {header_row}."]
    return Rows([h for h in header if h], rows, notes)


# --------------------------------------------------------------------------- JSON


def read_json(data: bytes, name: str) -> Rows:
    """A JSON list of records (or an object holding one such list, as APIs wrap it)."""
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise FileProblem(f"{name} bukan JSON UTF-8 yang sah.") from error
    except json.JSONDecodeError as error:
        raise FileProblem(
            f"{name} bukan JSON yang sah (baris {error.lineno}, kolom {error.colno}: {error.msg})."
        ) from error
    if isinstance(content, dict):
        lists = [v for v in content.values() if isinstance(v, list)]
        if len(lists) == 1:
            content = lists[0]
    if not isinstance(content, list):
        raise FileProblem(
            f"{name} bukan daftar rekaman JSON: isinya harus berbentuk [{{...}}, {{...}}]."
        )
    columns: dict[str, None] = {}
    rows: list[SourceRow] = []
    for number, record in enumerate(content, start=1):
        if not isinstance(record, dict):
            rows.append(SourceRow(number, {}, "rekaman ini bukan objek JSON {...}"))
            continue
        cells: dict[str, Raw] = {}
        problem = None
        for key, value in record.items():
            column = column_key(key)
            columns.setdefault(column, None)
            if isinstance(value, dict | list):
                problem = problem or f"kolom '{key}' berisi daftar/objek, bukan nilai tunggal"
                continue
            cells[column] = value
        rows.append(SourceRow(number, cells, problem))
    return Rows(list(columns), rows, [], row_label="rekaman")
