"""``rekanan template`` and ``rekanan import`` from the command line."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parent))

from import_helpers import LKPP_CSV, write_csv

from rekanan.cli import main
from rekanan.io.importing import KINDS


def test_template_xlsx_has_a_header_and_an_explanations_sheet(tmp_path: Path) -> None:
    target = tmp_path / "kontrak.xlsx"
    assert main(["template", "kontrak", "-o", str(target)]) == 0
    book = load_workbook(target, read_only=True)
    assert book.sheetnames == ["kontrak", "Petunjuk"]
    header = next(book["kontrak"].iter_rows(values_only=True))
    assert tuple(header) == KINDS["kontrak"].column_names
    explained = {row[0] for row in book["Petunjuk"].iter_rows(min_row=2, values_only=True)}
    assert set(KINDS["kontrak"].column_names) <= explained


def test_template_csv_and_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "rekanan.csv"
    assert main(["template", "rekanan", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8-sig").strip() == ",".join(KINDS["rekanan"].column_names)
    assert main(["template", "lkpp", "-o", str(tmp_path / "x.xlsx")]) == 2
    assert main(["template", "kontrak", "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["template", "apa", "-o", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "tidak punya templat" in err and ".xlsx atau .csv" in err and "tidak dikenal" in err


def test_import_dry_run_then_real_run_with_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cli.db"
    rows = [
        {"nomor": "K/1", "judul": "A", "nama_rekanan": "PT A", "mulai": "2026-01-01",
         "selesai": "2026-12-31", "npwp_rekanan": "01.234.567.8-901.000"},
        {"nomor": "K/2", "judul": "B", "nama_rekanan": "PT A", "mulai": "kemarin"},
    ]  # fmt: skip
    path = write_csv(tmp_path / "k.csv", KINDS["kontrak"].column_names, rows)
    code = main(["import", "kontrak", str(path), "--dry-run", "--db", str(db)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Uji coba" in out and "1 baru" in out and "1 ditolak" in out
    report = tmp_path / "laporan.csv"
    code = main(
        ["import", str(path), "--kind", "kontrak", "--report", str(report), "--db", str(db)]
    )
    assert code == 1
    lines = list(csv.reader(report.open(encoding="utf-8-sig")))
    assert lines[0] == ["Baris", "Hasil", "Kunci", "Kolom", "Keterangan", "Tanda"]
    assert [line[:2] for line in lines[1:]] == [["2", "baru"], ["3", "ditolak"]]
    assert lines[2][3] == "mulai"
    again = main(["import", str(path), "--db", str(db)])  # kind guessed from the header
    assert again == 1
    assert "1 tidak berubah" in capsys.readouterr().out


def test_import_lkpp_with_satker_filter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not LKPP_CSV.exists():
        pytest.skip("shared LKPP data not present")
    db = tmp_path / "cli.db"
    code = main(["import", str(LKPP_CSV), "--kind", "lkpp", "--satker", "DINAS KESEHATAN",
                 "--db", str(db)])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "8 baru" in out and "44 dilewati" in out


def test_unreadable_file_is_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "k.json"
    path.write_text("[1, 2", encoding="utf-8")
    code = main(["import", str(path), "--kind", "lkpp", "--db", str(tmp_path / "x.db")])
    assert code == 2
    err = capsys.readouterr().err
    assert "bukan JSON yang sah" in err and "Traceback" not in err


def test_filled_template_imports_back_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not LKPP_CSV.exists():
        pytest.skip("shared LKPP data not present")
    db = str(tmp_path / "cli.db")
    assert main(["import", str(LKPP_CSV), "--kind", "lkpp", "--db", db]) == 1
    for kind in ("rekanan", "kontrak"):
        filled = tmp_path / f"{kind}.xlsx"
        assert main(["template", kind, "-o", str(filled), "--data", "--db", db]) == 0
        capsys.readouterr()
        assert main(["import", str(filled), "--kind", kind, "--db", db]) == 0
        out = capsys.readouterr().out
        assert "tidak berubah" in out and "baru" not in out.split(":", 1)[1].split(".")[0]
