"""Re-importing over known records: nothing is lost silently, every change reads old -> new.

Findings F39-F41: an empty cell keeps the stored value; a name written another way keeps
the stored spelling; an NPWP of a differently named supplier is refused, not a rename; a
UC's services change only when the row lists them, and each change is named; a supplier
named without titles or with a mistyped NPWP is not created twice; a row reports every
problem it has, and keeps its key when rejected.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from import_helpers import count, write_csv

from rekanan.domain.identifiers import person_key
from rekanan.io.importing import KINDS, ImportOptions, Outcome, run_import
from rekanan.io.importing.changes import clearly_different
from rekanan.models import Contract, ContractService, Service, Supplier
from rekanan.store.database import Database

REKANAN = KINDS["rekanan"].column_names
KONTRAK = KINDS["kontrak"].column_names
ARUNIKA = "00.225.817.6-342.100"
SINAR = "02.876.543.6-427.000"
DAYA = "03.711.316.4-445.000"


def _supplier(db: Database, **where: Any) -> Supplier:
    with db.session() as session:
        model: Any = Supplier
        clauses = [getattr(model, k) == value for k, value in where.items()]
        return session.execute(select(Supplier).where(*clauses)).scalars().one()


def _contract(db: Database, number: str) -> Contract:
    with db.session() as session:
        stmt = select(Contract).where(Contract.number == number)  # type: ignore[arg-type]
        return session.execute(stmt).scalars().one()


def _links(db: Database, number: str) -> dict[str, str | None]:
    with db.session() as session:
        rows = session.execute(
            select(Service.code, ContractService.component)  # type: ignore[call-overload]
            .join(Service, Service.id == ContractService.service_id)
            .join(Contract, Contract.id == ContractService.contract_id)
            .where(Contract.number == number)
        )
        return {code: component for code, component in rows}


def _known_suppliers(db: Database, tmp_path: Path) -> None:
    rows = [
        {
            "nama": "PT Telekomunikasi Arunika Nusantara",
            "npwp": ARUNIKA,
            "bentuk_usaha": "pt",
            "kategori": "strategis",
            "alamat": "Jl. Gatot Subroto No. 88, Sukamaju",
            "kontak": "Hadi Susanto",
            "email": "enterprise.sukamaju@arunika.co.id",
            "telepon": "0265-7301188",
        },
        {"nama": "CV. Sinar Data Abadi", "npwp": SINAR, "alamat": "Jl. Mawar 1"},
        {"nama": "PT Daya Prima Energi", "npwp": DAYA},
    ]
    report = run_import(db, "rekanan", write_csv(tmp_path / "known.csv", REKANAN, rows))
    assert report.counts[Outcome.NEW] == 3


# --------------------------------------------------------------------------- F39 suppliers


def test_blank_cells_and_another_spelling_keep_the_stored_supplier(
    db: Database, tmp_path: Path
) -> None:
    _known_suppliers(db, tmp_path)
    row = {
        "nama": "pt telekomunikasi arunika nusantara",
        "npwp": "002258176-342100",
        "bentuk_usaha": "pt",
        "kategori": "strategis",
    }
    path = write_csv(tmp_path / "r.csv", REKANAN, [row])
    dry = run_import(db, "rekanan", path, ImportOptions(dry_run=True))
    assert dry.rows[0].outcome is Outcome.UNCHANGED, dry.rows[0].message
    report = run_import(db, "rekanan", path)
    assert report.rows[0].outcome is Outcome.UNCHANGED
    stored = _supplier(db, npwp="0002258176342100")
    assert stored.name == "PT Telekomunikasi Arunika Nusantara"
    assert stored.address == "Jl. Gatot Subroto No. 88, Sukamaju"
    assert stored.contact_person == "Hadi Susanto"
    assert stored.email == "enterprise.sukamaju@arunika.co.id"
    assert stored.phone == "0265-7301188"


def test_a_change_reads_old_to_new(db: Database, tmp_path: Path) -> None:
    _known_suppliers(db, tmp_path)
    row = {"nama": "PT Telekomunikasi Arunika Nusantara", "npwp": ARUNIKA, "kategori": "taktis",
           "kontak": "Rina"}  # fmt: skip
    path = write_csv(tmp_path / "r.csv", REKANAN, [row])
    dry = run_import(db, "rekanan", path, ImportOptions(dry_run=True))
    message = dry.rows[0].message
    assert dry.rows[0].outcome is Outcome.UPDATED
    assert "kategori: 'strategis' → 'taktis'" in message
    assert "kontak: 'Hadi Susanto' → 'Rina'" in message
    assert "alamat" not in message and "nama" not in message
    assert "kategori: 'strategis' → 'taktis'" in "\n".join(dry.text_lines())


def test_npwp_of_a_differently_named_supplier_is_refused_not_a_rename(
    db: Database, tmp_path: Path
) -> None:
    _known_suppliers(db, tmp_path)
    row = {"nama": "PT Cakra Data Mandiri", "npwp": SINAR, "bentuk_usaha": "pt",
           "kategori": "komoditas", "alamat": "Jl. Melati 3", "kontak": "Dewi"}  # fmt: skip
    report = run_import(db, "rekanan", write_csv(tmp_path / "r.csv", REKANAN, [row]))
    result = report.rows[0]
    assert result.outcome is Outcome.REJECTED
    assert "milik 'CV. Sinar Data Abadi'" in result.message
    assert "'PT Cakra Data Mandiri'" in result.message
    assert result.key  # the rejected row still says which supplier it was
    stored = _supplier(db, npwp="0028765436427000")
    assert (stored.name, stored.address, stored.contact_person) == (
        "CV. Sinar Data Abadi",
        "Jl. Mawar 1",
        "",
    )


def test_supplier_row_without_npwp_matching_one_with_npwp_is_not_flagged(
    db: Database, tmp_path: Path
) -> None:
    _known_suppliers(db, tmp_path)
    row = {"nama": "PT DAYA PRIMA ENERGI", "telepon": "0265-1"}
    report = run_import(db, "rekanan", write_csv(tmp_path / "r.csv", REKANAN, [row]))
    result = report.rows[0]
    assert result.outcome is Outcome.UPDATED
    assert not result.flags
    assert _supplier(db, npwp="0037113164445000").name == "PT Daya Prima Energi"


# --------------------------------------------------------------------------- F39 contracts


def _services_and_uc(db: Database, tmp_path: Path) -> None:
    codes = ["LAPOR", "WEB", "INTRA", "CC", "HOSTING"]
    services = [{"kode": c, "nama": f"Layanan {c}"} for c in codes]
    run_import(
        db, "layanan", write_csv(tmp_path / "l.csv", KINDS["layanan"].column_names, services)
    )
    row = {
        "nomor": "000.3.3/013/KTR/Diskominfo/2026",
        "judul": "Jaringan",
        "npwp_rekanan": ARUNIKA,
        "nama_rekanan": "PT Telekomunikasi Arunika Nusantara",
        "kontrak_pendukung": "ya",
        "kode_layanan": "LAPOR;WEB;INTRA;CC;HOSTING",
        "komponen": "akses internet;akses internet;jaringan metro;jaringan metro;akses internet",
        "nilai": "1.250.000.000",
        "mulai": "2026-01-01",
        "selesai": "2026-12-31",
        "pemberitahuan_hari": "60",
        "perpanjangan": "eksplisit",
        "ppk": "Budi Santoso, S.Kom.",
    }
    report = run_import(db, "kontrak", write_csv(tmp_path / "k0.csv", KONTRAK, [row]))
    assert report.counts[Outcome.NEW] == 1


def test_fewer_services_are_named_and_blank_components_are_kept(
    db: Database, tmp_path: Path
) -> None:
    _services_and_uc(db, tmp_path)
    number = "000.3.3/013/KTR/Diskominfo/2026"
    row = {"nomor": number, "judul": "Jaringan", "npwp_rekanan": ARUNIKA,
           "nama_rekanan": "PT Telekomunikasi Arunika Nusantara", "kode_layanan": "LAPOR;WEB;INTRA",
           "mulai": "2026-01-01"}  # fmt: skip
    path = write_csv(tmp_path / "k.csv", KONTRAK, [row])
    dry = run_import(db, "kontrak", path, ImportOptions(dry_run=True))
    result = dry.rows[0]
    assert result.outcome is Outcome.UPDATED
    assert "layanan dilepas: CC, HOSTING" in result.message
    assert any("CC, HOSTING" in f for f in result.flags)
    assert "komponen" not in result.message
    run_import(db, "kontrak", path)
    assert _links(db, number) == {
        "LAPOR": "akses internet",
        "WEB": "akses internet",
        "INTRA": "jaringan metro",
    }
    stored = _contract(db, number)
    assert stored.end_date is not None and stored.value == Decimal("1250000000")
    assert stored.notice_days == 60 and stored.ppk == "Budi Santoso, S.Kom."
    assert str(stored.renewal_kind) == "eksplisit"


def test_empty_service_codes_keep_the_links(db: Database, tmp_path: Path) -> None:
    _services_and_uc(db, tmp_path)
    number = "000.3.3/013/KTR/Diskominfo/2026"
    row = {"nomor": number, "judul": "Jaringan", "npwp_rekanan": ARUNIKA,
           "nama_rekanan": "PT Telekomunikasi Arunika Nusantara", "mulai": "2026-01-01",
           "kontrak_pendukung": ""}  # fmt: skip
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, [row]))
    result = report.rows[0]
    assert result.outcome is Outcome.UNCHANGED, result.message
    assert not result.flags  # no "without an end date": the stored one stays
    assert len(_links(db, number)) == 5
    assert _contract(db, number).is_underpinning


def test_component_changes_and_new_services_read_old_to_new(db: Database, tmp_path: Path) -> None:
    _services_and_uc(db, tmp_path)
    number = "000.3.3/013/KTR/Diskominfo/2026"
    row = {"nomor": number, "judul": "Jaringan", "npwp_rekanan": ARUNIKA,
           "nama_rekanan": "x", "kode_layanan": "LAPOR;WEB;INTRA;CC;HOSTING",
           "komponen": "serat optik;;;;", "mulai": "2026-01-01",
           "nilai": "2.000.000.000"}  # fmt: skip
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, [row]))
    message = report.rows[0].message
    assert "komponen LAPOR: 'akses internet' → 'serat optik'" in message
    assert "nilai: 1250000000 → 2000000000" in message
    assert "WEB" not in message
    assert _links(db, number)["WEB"] == "akses internet"


# --------------------------------------------------------------------------- F40


def test_person_key_drops_academic_titles() -> None:
    same = ["Rudi Hartono, S.Kom.", "Rudi Hartono", "Ir. Rudi Hartono, M.T.", "Dr. RUDI HARTONO"]
    assert {person_key(name) for name in same} == {"rudi hartono"}
    assert person_key("Dra. Sri Wahyuni, M.Si.") == "sri wahyuni"
    assert person_key("Drs. H. Ahmad Yani, S.E., M.M.") == "ahmad yani"
    assert person_key("PT. Maju Jaya, Tbk") == "maju jaya"
    assert person_key("PT Maju, Cabang Bandung") == "maju cabang bandung"
    assert clearly_different("CV. Sinar Data Abadi", "PT Cakra Data Mandiri")
    assert not clearly_different("PT Telekomunikasi Arunika Nusantara", "Arunika Nusantara")


def test_name_without_titles_matches_the_known_person(db: Database, tmp_path: Path) -> None:
    rows = [
        {"nama": "Rudi Hartono, S.Kom.", "npwp": "3399011503900007", "bentuk_usaha": "perorangan"}
    ]
    run_import(db, "rekanan", write_csv(tmp_path / "r.csv", REKANAN, rows))
    row = {"nomor": "K/1", "judul": "Tenaga ahli", "nama_rekanan": "Rudi Hartono",
           "mulai": "2026-01-01", "selesai": "2026-12-31"}  # fmt: skip
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, [row]))
    result = report.rows[0]
    assert result.outcome is Outcome.NEW
    assert count(db, Supplier) == 1
    assert "Rudi Hartono, S.Kom." in result.explanation and "menurut nama" in result.explanation
    assert "dibuat" not in result.explanation
    assert not result.flags  # the supplier has an NPWP: nothing to complete
    assert [r.row for r in report.to_confirm] == [2]


def test_mistyped_npwp_with_a_known_name_creates_no_second_supplier(
    db: Database, tmp_path: Path
) -> None:
    _known_suppliers(db, tmp_path)
    row = {"nomor": "K/2", "judul": "Lisensi", "npwp_rekanan": "03.711.316.4-445.0001",
           "nama_rekanan": "PT Daya Prima Energi", "mulai": "2026-01-01"}  # fmt: skip
    wrong_digit = {**row, "nomor": "K/3", "npwp_rekanan": "03.711.316.5-445.000"}
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, [row, wrong_digit]))
    assert [r.outcome for r in report.rows] == [Outcome.REJECTED, Outcome.REJECTED]
    for result in report.rows:  # one digit too many reads as a 16-digit NPWP
        assert "sama dengan rekanan yang sudah ada" in result.message
    assert report.rows[0].key == "K/2"
    assert count(db, Supplier) == 3


def test_flags_say_what_happened_to_the_supplier(db: Database, tmp_path: Path) -> None:
    _known_suppliers(db, tmp_path)
    rows = [
        {"nomor": "K/4", "judul": "Listrik", "nama_rekanan": "PT Daya Prima Energi",
         "mulai": "2026-01-01", "selesai": "2026-12-31"},
        {"nomor": "K/5", "judul": "Ahli", "nama_rekanan": "Budi Baru",
         "mulai": "2026-01-01", "selesai": "2026-12-31"},
    ]  # fmt: skip
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, rows))
    matched, created = report.rows
    assert (
        "Baris tanpa NPWP" in matched.explanation and "03.711.316.4-445.000" in matched.explanation
    )
    assert not matched.flags
    assert "Rekanan baru 'Budi Baru' dibuat tanpa NPWP" in created.explanation
    assert "menurut nama" not in created.explanation
    assert created.flags == ["Rekanan 'Budi Baru' tanpa NPWP; lengkapi NPWP-nya."]


def test_contract_npwp_of_a_differently_named_supplier_is_flagged(
    db: Database, tmp_path: Path
) -> None:
    _known_suppliers(db, tmp_path)
    row = {"nomor": "K/6", "judul": "Data", "npwp_rekanan": SINAR,
           "nama_rekanan": "PT Cakra Data Mandiri", "mulai": "2026-01-01",
           "selesai": "2026-12-31"}  # fmt: skip
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, [row]))
    assert report.rows[0].outcome is Outcome.NEW
    assert any("milik 'CV. Sinar Data Abadi'" in f for f in report.rows[0].flags)
    assert _supplier(db, npwp="0028765436427000").name == "CV. Sinar Data Abadi"


# --------------------------------------------------------------------------- F41


def test_every_problem_of_a_row_is_reported_with_its_key(db: Database, tmp_path: Path) -> None:
    row = {"nomor": "027/105/SPK/2026", "judul": "Tiga masalah",
           "npwp_rekanan": "01.234.567.8-901.00012",
           "nama_rekanan": "PT X", "mulai": "kemarin", "selesai": "31/02/2027",
           "nilai": "sejuta", "perpanjangan": "kadang"}  # fmt: skip
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, [row]))
    result = report.rows[0]
    assert result.outcome is Outcome.REJECTED
    assert result.key == "027/105/SPK/2026"
    for column in ("npwp_rekanan", "mulai", "selesai", "nilai", "perpanjangan"):
        assert column in (result.column or ""), column
        assert f"{column}:" in result.message, column


def test_rejected_supplier_row_still_shows_the_check_digit_warning(
    db: Database, tmp_path: Path
) -> None:
    row = {"nama": "PT Salah Dua", "npwp": "03.111.222.9-427.000", "kategori": "sangat penting"}
    report = run_import(db, "rekanan", write_csv(tmp_path / "r.csv", REKANAN, [row]))
    result = report.rows[0]
    assert result.outcome is Outcome.REJECTED and result.column == "kategori"
    assert result.key.startswith("PT Salah Dua")
    assert any("angka pemeriksanya tidak cocok" in f for f in result.flags)


def test_template_says_an_empty_cell_keeps_the_stored_value(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from rekanan.io.templates import EXPLANATION_SHEET, write_template

    book = load_workbook(write_template("rekanan", tmp_path / "r.xlsx"), read_only=True)
    text = " ".join(
        str(cell) for row in book[EXPLANATION_SHEET].iter_rows(values_only=True) for cell in row
    )
    assert "sel kosong mempertahankan nilai yang tersimpan" in text


def test_a_longer_spelling_renames_with_a_flag(db: Database, tmp_path: Path) -> None:
    _known_suppliers(db, tmp_path)
    row = {"nama": "PT Daya Prima Energi Nusantara", "npwp": DAYA}
    report = run_import(db, "rekanan", write_csv(tmp_path / "r.csv", REKANAN, [row]))
    result = report.rows[0]
    assert result.outcome is Outcome.UPDATED
    assert "nama: 'PT Daya Prima Energi' → 'PT Daya Prima Energi Nusantara'" in result.message
    assert any("diubah dari 'PT Daya Prima Energi'" in f for f in result.flags)


def test_every_unknown_service_code_is_named(db: Database, tmp_path: Path) -> None:
    row = {"nomor": "K/7", "judul": "UC", "npwp_rekanan": DAYA, "nama_rekanan": "PT Daya",
           "kode_layanan": "AAA;BBB", "mulai": "2026-01-01"}  # fmt: skip
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, [row]))
    assert "'AAA', 'BBB'" in report.rows[0].message
