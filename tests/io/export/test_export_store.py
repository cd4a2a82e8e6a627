"""`rekanan scorecard` and `rekanan export` over the real store: files read back.

The agency is written through the store's ``Writer`` into the ``db`` fixture (SQLite, and
PostgreSQL with REKANAN_TEST_PG set); the commands open the same database by URL, as a
person's shell would. The last test exports every demo supplier (``seeded_db``).
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from rekanan.cli import main
from rekanan.io.export.tables import RUPIAH_FORMAT
from rekanan.models import Contract, Evaluation, Supplier
from rekanan.models.enums import ContractStatus, LegalForm, RenewalKind, SupplierCategory

AS_OF = date(2026, 10, 15)
DAY = AS_OF.isoformat()


@pytest.fixture
def agency(db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Three suppliers (one named like a formula), three contracts, Q3 evaluations."""
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REKANAN_DB", raising=False)
    with db.writer() as w:
        maju = w.create(
            Supplier(
                name="PT Maju Jaya Telekomunikasi",
                npwp="01.234.567.8-901.000",
                legal_form=LegalForm.PT,
                category=SupplierCategory.STRATEGIC,
            )
        )
        abadi = w.create(
            Supplier(
                name="CV Maju Jaya Abadi",
                legal_form=LegalForm.CV,
                category=SupplierCategory.COMMODITY,
            )
        )
        evil = w.create(
            Supplier(
                name="=SUM(1+1)*cmd|' /C calc'!A0",
                legal_form=LegalForm.PERORANGAN,
                category=SupplierCategory.OPERATIONAL,
            )
        )
        contracts = w.create_many(
            [
                Contract(
                    number="602.1/011/KTR/DISKOMINFO/2026",
                    title="Sewa jaringan intranet pemda",
                    supplier_id=maju,
                    is_underpinning=True,
                    value=Decimal("1250000000"),
                    start_date=date(2026, 1, 1),
                    end_date=date(2026, 12, 31),
                    notice_days=30,
                    renewal_kind=RenewalKind.EXPRESS,
                    status=ContractStatus.ACTIVE,
                ),
                Contract(
                    number="602.1/012/KTR/DISKOMINFO/2026",
                    title="Pengadaan ATK",
                    supplier_id=abadi,
                    value=Decimal("15500000.50"),
                    start_date=date(2026, 2, 1),
                    end_date=date(2027, 6, 30),
                    status=ContractStatus.ACTIVE,
                ),
                Contract(
                    number="602.1/013/KTR/DISKOMINFO/2026",
                    title="-Jasa tenaga ahli",
                    supplier_id=evil,
                    value=Decimal("60000000"),
                    start_date=date(2026, 3, 1),
                    end_date=date(2026, 11, 30),
                    status=ContractStatus.ACTIVE,
                ),
            ]
        )
        w.create(
            Evaluation(
                supplier_id=maju,
                contract_id=contracts[0],
                period_start=date(2026, 7, 1),
                period_end=date(2026, 9, 30),
                quality=3,
                cost=2,
                timeliness=3,
                service=2,
                evaluated_on=date(2026, 10, 1),
            )
        )
    return str(db.url)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_scorecard_pdf_of_a_stored_supplier(agency: str, tmp_path: Path) -> None:
    out = tmp_path / "maju.pdf"
    args = ["scorecard", "0012345678901000", "--period", "2026-Q3", "--as-of", DAY]
    assert main([*args, "-o", str(out), "--db", agency]) == 0
    text = _pdf_text(out)
    for expected in (
        "PT Maju Jaya Telekomunikasi",
        "01.234.567.8-901.000",
        "Strategis",
        "Triwulan III Tahun 2026",
        "2,60",
        "Baik",
        "Rp1.250.000.000",
        "602.1/011/KTR/DISKOMINFO/2026",
    ):
        assert expected in text, expected


def test_scorecards_of_all_stored_suppliers_to_xlsx(agency: str, tmp_path: Path) -> None:
    out = tmp_path / "kartu.xlsx"
    args = ["scorecard", "--all", "--period", "2026-Q3", "--as-of", DAY, "--db", agency]
    assert main([*args, "-o", str(out)]) == 0
    sheet = load_workbook(out).worksheets[0]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert "'=SUM(1+1)*cmd|' /C calc'!A0" in rows
    maju = rows["PT Maju Jaya Telekomunikasi"]
    assert maju[1] == "01.234.567.8-901.000"
    assert Decimal(str(maju[11])) == Decimal("2.6")


def test_ambiguous_and_unknown_names_give_candidates(
    agency: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scorecard", "maju", "--period", "2026-Q3", "--db", agency]) == 2
    err = capsys.readouterr().err
    assert "cocok dengan 2 penyedia" in err
    assert "PT Maju Jaya Telekomunikasi (01.234.567.8-901.000)" in err
    assert "CV Maju Jaya Abadi (tanpa NPWP)" in err
    assert main(["--lang", "en", "scorecard", "zzz", "--period", "2026-Q3", "--db", agency]) == 2
    assert "No supplier matches 'zzz'" in capsys.readouterr().err


def test_supplier_register_xlsx_with_a_filter(agency: str, tmp_path: Path) -> None:
    out = tmp_path / "penyedia.xlsx"
    assert main(["export", "suppliers", "--db", agency, "-o", str(out), "--as-of", DAY]) == 0
    sheet = load_workbook(out)["Rekanan"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    names = [r[1] for r in rows]
    assert len(rows) == 3
    assert "'=SUM(1+1)*cmd|' /C calc'!A0" in names
    maju = next(r for r in rows if r[1] == "PT Maju Jaya Telekomunikasi")
    assert maju[2] == "01.234.567.8-901.000" and maju[6] == 1 and maju[7] == 1250000000
    assert sheet["H2"].number_format == RUPIAH_FORMAT
    assert sheet.freeze_panes == "A2"
    filtered = tmp_path / "strategis.xlsx"
    args = ["export", "suppliers", "--category", "strategis", "--with-risk", "--db", agency]
    assert main([*args, "-o", str(filtered)]) == 0
    rows = list(load_workbook(filtered)["Rekanan"].iter_rows(min_row=1, values_only=True))
    assert rows[0][-1] == "Skor risiko daftar hitam"
    assert [r[1] for r in rows[1:]] == ["PT Maju Jaya Telekomunikasi"]


def test_contract_register_csv_due_within_with_decimal_comma(agency: str, tmp_path: Path) -> None:
    out = tmp_path / "kontrak.csv"
    args = ["export", "contracts", "--due-within", "90", "--as-of", DAY, "--db", agency]
    assert main([*args, "-o", str(out), "--decimal-comma"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    numbers = {r["Nomor kontrak"]: r for r in rows}
    # the ATK contract ends in June 2027 with nothing due before: left out
    assert set(numbers) == {"602.1/011/KTR/DISKOMINFO/2026", "602.1/013/KTR/DISKOMINFO/2026"}
    evil = numbers["602.1/013/KTR/DISKOMINFO/2026"]
    assert evil["Pekerjaan"] == "'-Jasa tenaga ahli"
    assert evil["Berakhir"] == "2026-11-30"
    assert evil["Hari sampai berakhir"] == str((date(2026, 11, 30) - AS_OF).days)
    everything = tmp_path / "semua.csv"
    assert (
        main(["export", "contracts", "--db", agency, "-o", str(everything), "--decimal-comma"]) == 0
    )
    with everything.open(encoding="utf-8-sig", newline="") as handle:
        values = {r["Nomor kontrak"]: r for r in csv.DictReader(handle, delimiter=";")}
    assert values["602.1/012/KTR/DISKOMINFO/2026"]["Nilai kontrak (Rp)"] == "15500000,50"


def test_alert_register_xlsx(agency: str, tmp_path: Path) -> None:
    out = tmp_path / "peringatan.xlsx"
    assert main(["export", "alerts", "--as-of", DAY, "--db", agency, "-o", str(out)]) == 0
    rows = list(load_workbook(out)["Peringatan"].iter_rows(min_row=2, values_only=True))
    assert rows
    assert {r[0] for r in rows} <= {"kritis", "waspada", "info"}
    assert all(not (isinstance(c, str) and c.startswith("=")) for r in rows for c in r)


def test_missing_database_is_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "suppliers", "--db", str(tmp_path / "nope.db"), "-o", str(tmp_path)])
    assert code == 2
    assert "Tidak ada basis data" in capsys.readouterr().err


def test_every_demo_supplier_as_pdf_and_csv(seeded_db: Any, tmp_path: Path) -> None:
    from rekanan.store.loaders import load_agency

    suppliers = load_agency(seeded_db).suppliers
    url = str(seeded_db.url)
    args = ["scorecard", "--all", "--period", "2026-Q3", "--as-of", "2026-11-23", "--db", url]
    assert main([*args, "-o", str(tmp_path / "pdf")]) == 0
    files = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(files) == len(suppliers) > 5
    texts = [_pdf_text(f) for f in files]
    assert all("KARTU PENILAIAN KINERJA PENYEDIA" in t for t in texts)
    assert any("Rp" in t for t in texts)  # contracts in force, penalties
    assert main([*args, "-o", str(tmp_path / "semua.csv")]) == 0
    with (tmp_path / "semua.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(suppliers)
