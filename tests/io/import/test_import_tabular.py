"""Reading CSV, XLSX and JSON files into numbered rows, and refusing what cannot be read."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from rekanan.io.tabular import FileProblem, column_key, read_rows


def test_column_key() -> None:
    assert column_key("Nama Rekanan *") == "nama_rekanan"
    assert column_key("\ufeffnomor") == "nomor"
    assert column_key("Nilai (Rp)") == "nilai"


def test_csv_utf8_bom_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("nama;npwp\nPT Élan;01.234.567.8-901.000\n".encode("utf-8-sig"))
    rows = read_rows(path)
    assert rows.columns == ["nama", "npwp"]
    assert rows.rows[0].number == 2
    assert rows.rows[0].cells["npwp"] == "01.234.567.8-901.000"


def test_csv_windows_1252_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("nama,alamat\nCV Jaya,Jl. Cafe\xe9 1\n".encode("latin-1"))
    rows = read_rows(path)
    assert rows.rows[0].cells["alamat"] == "Jl. Cafeé 1"
    assert any("Windows-1252" in n for n in rows.notes)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"\x00\x01\x02garbage\x00")
    with pytest.raises(FileProblem, match="bukan berkas teks"):
        read_rows(path)


def test_row_with_more_fields_than_the_header_carries_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("nama,npwp\nPT A,1\nPT B,2,extra\n\nPT C,3\n", encoding="utf-8")
    rows = read_rows(path)
    assert [r.number for r in rows.rows] == [2, 3, 5]
    assert rows.rows[1].problem is not None and "3 kolom" in rows.rows[1].problem
    assert rows.rows[0].problem is None


def test_title_line_above_the_header_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Daftar rekanan 2026\nnama,npwp\nPT A,1\n", encoding="utf-8")
    rows = read_rows(path, {"nama", "npwp"})
    assert rows.columns == ["nama", "npwp"]
    assert rows.rows[0].number == 3


def test_xlsx_cells_keep_their_types(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["nomor", "mulai", "nilai", "ketersediaan_persen"])
    sheet.append(["K/1", date(2026, 3, 7), 1250000, 0.995])
    sheet["D2"].number_format = "0.00%"
    path = tmp_path / "a.xlsx"
    book.save(path)
    rows = read_rows(path, {"nomor"})
    cells = rows.rows[0].cells
    assert cells["mulai"] == date(2026, 3, 7)
    assert cells["nilai"] == 1250000
    assert cells["ketersediaan_persen"] == Decimal("99.500")


def test_xlsx_without_header_is_refused(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append([1, 2, 3])
    path = tmp_path / "a.xlsx"
    book.save(path)
    with pytest.raises(FileProblem, match="judul kolom"):
        read_rows(path, {"nomor"})


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(FileProblem, match="XLSX"):
        read_rows(path)


def test_json_must_be_a_list_of_records(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"a": 1}), encoding="utf-8")
    with pytest.raises(FileProblem, match="daftar rekaman"):
        read_rows(path)
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(FileProblem, match="bukan JSON"):
        read_rows(path)


def test_json_wrapped_list_and_bad_records(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"data": [{"no_kontrak": "A"}, 5]}), encoding="utf-8")
    rows = read_rows(path)
    assert rows.rows[0].cells == {"no_kontrak": "A"}
    assert rows.rows[1].problem is not None


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileProblem, match="tidak ada"):
        read_rows(tmp_path / "nope.csv")


def test_lean_xlsx_reader_agrees_with_openpyxl(tmp_path: Path) -> None:
    from datetime import datetime

    from rekanan.io.tabular import _fast_rows, _openpyxl_rows

    book = Workbook()
    sheet = book.active
    sheet.title = "kontrak"
    sheet.append(["nomor", "mulai", "waktu", "nilai", "persen", "aktif", "teks", "kosong"])
    sheet.append(["K/1", date(2026, 3, 7), datetime(2026, 3, 7, 14, 30), 1250000.5, 0.995,
                  True, "0123", None])  # fmt: skip
    sheet.append(["K/2", date(2025, 1, 1), None, 7, 1, False, "=1+1", "x"])
    sheet["E2"].number_format = "0.00%"
    sheet["E3"].number_format = "0%"
    sheet["C2"].number_format = "dd/mm/yyyy hh:mm"
    book.create_sheet("Petunjuk").append(["Kolom", "Penjelasan"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    fast_title, fast = _fast_rows(path)
    slow_title, slow = _openpyxl_rows(path)
    assert fast_title == slow_title == "kontrak"

    def same(rows: list[tuple[int, list[object]]]) -> list[list[object]]:
        out = []
        for _, values in rows:
            cleaned = [Decimal(str(v)) if isinstance(v, float) else v for v in values]
            while cleaned and cleaned[-1] is None:
                cleaned.pop()
            out.append(cleaned)
        return out

    assert same(fast) == same(slow)


def test_delimiter_follows_the_known_header(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "nama;npwp;alamat\nPT A, Tbk;01.234.567.8-901.000;Jl. A, No. 1, Bandung\n"
        "CV B, Cab. 2;;Jl. B, No. 2\n",
        encoding="utf-8",
    )
    rows = read_rows(path, {"nama", "npwp", "alamat"})
    assert rows.columns == ["nama", "npwp", "alamat"]
    assert rows.rows[0].cells["nama"] == "PT A, Tbk"
    assert rows.rows[1].cells["alamat"] == "Jl. B, No. 2"
