"""Spreadsheet templates for each import kind: a header row, and in XLSX an explanations sheet.

``write_template(kind, path)`` writes an empty template (``.xlsx`` or ``.csv``); with
``rows`` it writes them under the header, which is how ``rekanan template KIND --data``
hands out the current records to edit and import back. The XLSX data sheet comes first
(the importer reads the first sheet that is not the explanations), columns are wide
enough to read, text columns are formatted as text so Excel keeps NPWP's leading zero,
and the second sheet, ``Petunjuk``, says for each column whether it is required, what it
means, and gives an example.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from rekanan.errors import RekananError
from rekanan.io.export.csv_safe import Cell, write_csv, xlsx_value
from rekanan.io.importing.registry import template_kind
from rekanan.io.importing.spec import KindSpec

EXPLANATION_SHEET = "Petunjuk"

VALUE_NOTES = (
    "Tanggal: 2026-03-07, 07/03/2026 atau 7 Maret 2026 (atau sel tanggal Excel).",
    "Uang dan angka: 1250000, 1.250.000, 1.250.000,50 atau Rp1.250.000 (atau sel angka).",
    "Ya/tidak: ya, tidak, y, n, 1 atau 0.",
    "NPWP: 15 atau 16 angka, dengan atau tanpa titik dan strip.",
    "Kolom lain boleh ada: dilaporkan lalu diabaikan. Baris kosong dilewati.",
    "Baris yang cocok dengan data yang sudah ada (NPWP, nomor kontrak, kode layanan) hanya "
    "mengubah sel yang diisi: sel kosong mempertahankan nilai yang tersimpan, juga "
    "kode_layanan dan komponen. Untuk mengosongkan sebuah nilai, ubah di aplikasi.",
    "Nama yang hanya berbeda huruf besar/kecil, tanda baca atau gelar tidak mengubah ejaan "
    "yang tersimpan. NPWP milik rekanan dengan nama lain tidak mengganti namanya: barisnya "
    "ditolak (jenis rekanan) atau ditandai (kontrak) untuk diperiksa.",
    "kode_layanan yang diisi adalah daftar lengkap: layanan yang tidak disebut dilepas dari "
    "kontrak itu, dan laporan menyebutkannya.",
    "Coba dulu dengan `rekanan import BERKAS --kind JENIS --dry-run`: tidak ada yang ditulis.",
)


class TemplateError(RekananError):
    """The template cannot be written (unknown kind, wrong extension, unwritable path)."""


def write_template(kind: str, path: Path, rows: Iterable[Mapping[str, Cell]] | None = None) -> Path:
    """Write the template of ``kind`` to ``path`` (``.xlsx`` or ``.csv``), with ``rows``."""
    spec = template_kind(kind)
    suffix = path.suffix.lower()
    data = [[row.get(c) for c in spec.column_names] for row in rows or ()]
    try:
        if suffix == ".xlsx":
            return _write_xlsx(spec, path, data)
        if suffix == ".csv":
            write_csv(path, spec.column_names, data)
            return path
    except OSError as error:
        raise TemplateError(f"{path} tidak dapat ditulis ({error.strerror}).") from error
    raise TemplateError(
        f"Templat hanya dapat ditulis sebagai .xlsx atau .csv, bukan '{path.suffix or path.name}'."
    )


def _write_xlsx(spec: KindSpec, path: Path, data: Sequence[Sequence[Cell]]) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    path.parent.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    sheet.title = spec.name
    sheet.append(list(spec.column_names))
    required_fill = PatternFill("solid", fgColor="1F4E79")
    optional_fill = PatternFill("solid", fgColor="5B7FA6")
    for cell, column in zip(sheet[1], spec.columns, strict=True):
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = required_fill if column.required else optional_fill
    for row in data:
        sheet.append([xlsx_value(value) for value in row])
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.example) + 4))
        if column.name.startswith(("npwp", "nib", "nomor", "kode", "telepon")):
            for row_number in range(2, max(len(data), 200) + 2):
                sheet.cell(row=row_number, column=index).number_format = "@"
    sheet.freeze_panes = "A2"

    notes = book.create_sheet(EXPLANATION_SHEET)
    notes.append(["Kolom", "Wajib", "Penjelasan", "Contoh"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in spec.columns:
        notes.append(
            [column.name, "ya" if column.required else "", column.explanation, column.example]
        )
    notes.append([])
    for line in VALUE_NOTES:
        notes.append(["", "", line])
    for letter, width in (("A", 28), ("B", 8), ("C", 80), ("D", 34)):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
        row[3].number_format = "@"
    book.save(path)
    return path
