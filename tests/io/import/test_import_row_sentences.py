"""Every row of an import report says what was done with it (G17), and a CSV row broken by
its exporter is named as such, with its row number and contract number."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from import_helpers import LKPP_CSV, LKPP_JSON, write_csv

from rekanan.io.importing import ImportOptions, Outcome, run_import
from rekanan.io.tabular import read_rows, split_column
from rekanan.store.database import Database

needs_lkpp = pytest.mark.skipif(not LKPP_JSON.exists(), reason="shared LKPP data not present")


@needs_lkpp
def test_every_row_of_the_spse_export_has_a_sentence(db: Database) -> None:
    report = run_import(db, "lkpp", LKPP_JSON, _dry())
    assert all(r.explanation for r in report.rows)
    fifth = next(r for r in report.rows if r.row == 5)
    assert fifth.explanation == (
        "Kontrak baru untuk rekanan 'PT. MARGA BHUANA JAYA' (dibuat di rekaman 1)."
    )
    first = next(r for r in report.rows if r.row == 1)
    assert first.explanation == "Rekanan baru 'PT. MARGA BHUANA JAYA' dibuat."


@needs_lkpp
def test_a_reimport_says_each_row_is_unchanged(db: Database) -> None:
    run_import(db, "lkpp", LKPP_JSON)
    again = run_import(db, "lkpp", LKPP_JSON, _dry())
    assert again.counts[Outcome.UNCHANGED] == 52
    assert {r.explanation for r in again.rows} == {
        "Kontrak ini sudah tersimpan sama persis; tidak ada yang diubah."
    }


def test_a_contract_of_a_known_supplier_says_so(db: Database, tmp_path: Path) -> None:
    columns = ("nomor", "judul", "npwp_rekanan", "nama_rekanan", "mulai", "selesai")
    first = {"nomor": "K/1", "judul": "Internet", "npwp_rekanan": "01.234.567.8-901.000",
             "nama_rekanan": "PT Jaringan Nusantara", "mulai": "2026-01-01",
             "selesai": "2026-12-31"}  # fmt: skip
    run_import(db, "kontrak", write_csv(tmp_path / "a.csv", columns, [first]))
    second = {**first, "nomor": "K/2", "judul": "Colocation"}
    report = run_import(db, "kontrak", write_csv(tmp_path / "b.csv", columns, [first, second]))
    by_row = {r.row: r for r in report.rows}
    assert by_row[2].outcome is Outcome.UNCHANGED
    assert (
        by_row[2].explanation == "Kontrak ini sudah tersimpan sama persis; tidak ada yang diubah."
    )
    assert by_row[3].outcome is Outcome.NEW
    assert by_row[3].explanation == (
        "Kontrak baru untuk rekanan 'PT Jaringan Nusantara' (sudah terdaftar)."
    )


def test_a_supplier_row_that_changes_nothing_says_so(db: Database, tmp_path: Path) -> None:
    columns = ("nama", "npwp")
    rows = [{"nama": "CV Sinar", "npwp": "01.234.567.8-901.000"}]
    run_import(db, "rekanan", write_csv(tmp_path / "a.csv", columns, rows))
    report = run_import(db, "rekanan", write_csv(tmp_path / "a.csv", columns, rows))
    assert report.rows[0].explanation.startswith("Rekanan ini sudah tersimpan sama persis")


@needs_lkpp
def test_the_broken_csv_row_is_named_with_its_contract_number(db: Database) -> None:
    report = run_import(db, "lkpp", LKPP_CSV, _dry())
    rejected = [r for r in report.rows if r.outcome is Outcome.REJECTED]
    assert [r.row for r in rejected] == [21]
    row = rejected[0]
    assert row.key == "027/002/KONTRAK/KRB/BPBD/2025"
    assert "rusak di baris 21" in row.message
    assert "'lingkup_pekerjaan' terpecah" in row.message
    assert "59 kolom" in row.message and "judulnya 47" in row.message
    assert row.message.endswith("(no_kontrak): 027/002/KONTRAK/KRB/BPBD/2025.")
    assert all(r.explanation for r in report.rows)


@needs_lkpp
def test_the_broken_row_is_put_back_together_for_its_cells() -> None:
    rows = read_rows(LKPP_CSV, {"no_kontrak", "nama_paket"})
    broken = next(r for r in rows.rows if r.number == 21)
    assert broken.trusted
    assert broken.cells["no_kontrak"] == "027/002/KONTRAK/KRB/BPBD/2025"
    assert broken.cells["nama_penyedia"] == "PT. METAFORMA CONSULTANS"
    assert "(peta bahaya, peta kerentanan" in str(broken.cells["lingkup_pekerjaan"])


def test_split_column_finds_the_one_text_cut_at_its_commas() -> None:
    record = ["A/1", "Sewa", "bahaya", " kerentanan", " kapasitas", "2026-01-01"]
    assert split_column(record, 4) == 2
    # two places fit (both pieces start with a space after either column): not guessed
    assert split_column(["A/1", "x", " y", " z"], 3) is None
    assert split_column(["A/1", "x"], 2) is None


def test_a_row_that_cannot_be_put_back_has_no_key(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text(
        "nomor,judul,nama_rekanan,mulai\n"
        "K/1,Internet,PT A,2026-01-01\n"
        "K/2,Sewa,gedung,PT B,2026-01-01\n",
        encoding="utf-8",
    )
    report = run_import(db, "kontrak", path, _dry())
    bad = next(r for r in report.rows if r.row == 3)
    assert bad.outcome is Outcome.REJECTED
    assert bad.key == ""
    assert "rusak di baris 3" in bad.message and "5 kolom" in bad.message


def test_a_row_spanning_lines_names_its_text_lines(tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    path.write_text(
        'nomor,judul,nama_rekanan\nK/1,"Sewa\nGedung",PT A\nK/2,Internet, kantor, PT B,x\n',
        encoding="utf-8",
    )
    rows = read_rows(path)
    assert rows.rows[0].problem is None
    assert rows.rows[1].number == 3
    assert rows.rows[1].problem is not None
    assert "baris 3 (baris teks 4)" in rows.rows[1].problem


def _dry() -> ImportOptions:
    return ImportOptions(dry_run=True)
