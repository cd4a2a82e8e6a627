"""Scorecard files read back: PDF text, XLSX values and formats, CSV rows."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from export_factories import AGENCY, AS_OF, EVIL, GENERATED, NET, WEB
from openpyxl import load_workbook
from pypdf import PdfReader

from rekanan.domain.scorecard import Band
from rekanan.domain.thresholds import Thresholds
from rekanan.io.export.scorecard_csv import write_scorecards_csv
from rekanan.io.export.scorecard_data import ScorecardExport
from rekanan.io.export.scorecard_pdf import PdfContext, Signer, write_scorecard_pdf
from rekanan.io.export.scorecard_xlsx import write_scorecards_xlsx
from rekanan.io.export.tables import PERCENT_FORMAT, RUPIAH_FORMAT


def _by_id(items: list[ScorecardExport], supplier_id: int) -> ScorecardExport:
    return next(i for i in items if i.card.supplier.id == supplier_id)


def _pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() for page in reader.pages)


def _context(language: str = "id", **signer: str) -> PdfContext:
    return PdfContext(
        AGENCY,
        Signer.from_agency(AGENCY, signer.get("name"), signer.get("title"), AS_OF),
        language,
        GENERATED,
        Thresholds(),
    )


# ----------------------------------------------------------------------------- the rules


def test_the_sample_agency_scores_as_the_rules_say(items_id: list[ScorecardExport]) -> None:
    net, web = _by_id(items_id, NET), _by_id(items_id, WEB)
    assert net.card.value == Decimal("2.60") and net.card.category == "Baik"
    assert web.card.value == Decimal("1.40") and web.card.category == "Cukup"
    assert web.card.band == Band.AMBER
    assert [str(w.level) for w in web.card.letters] == ["SP1", "SP2"]
    assert web.risk.score > 0 and web.risk.reasons
    assert [c.contract.number for c in net.contracts_in_force] == [
        "602.1/011/KTR/DISKOMINFO/2026",
        "602.1/012/KTR/DISKOMINFO/2026",
    ]
    assert len(net.incidents) == 2


# ----------------------------------------------------------------------------- PDF


def test_pdf_shows_supplier_period_scores_and_category(
    items_id: list[ScorecardExport], tmp_path: Path
) -> None:
    path = write_scorecard_pdf(_by_id(items_id, NET), _context(), tmp_path / "net.pdf")
    reader = PdfReader(path)
    text = _pdf_text(path)
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4 portrait
    for expected in (
        "PEMERINTAH KABUPATEN SUKAMAJU",
        "DINAS KOMUNIKASI DAN INFORMATIKA",
        "KARTU PENILAIAN KINERJA PENYEDIA",
        "PT Jaringan Nusantara Andalas",
        "01.234.567.8-901.000",
        "Strategis",
        "Triwulan III Tahun 2026",
        "2026-Q3",
        "Kualitas dan Kuantitas",
        "2,60",
        "Baik",
        "Rp1.250.000.000",
        "99,52 %",
        "Drs. Bambang Sutrisno, M.Si.",
        "NIP. 19700101 199503 1 001",
        "Sukamaju, 15 Oktober 2026",
        "Dicetak dengan aplikasi “rekanan” pada 15 Oktober 2026 09:30",
    ):
        assert expected in text, expected
    assert f"Halaman 1 dari {len(reader.pages)}" in text


def test_pdf_embeds_its_fonts(items_id: list[ScorecardExport], tmp_path: Path) -> None:
    path = write_scorecard_pdf(_by_id(items_id, WEB), _context(), tmp_path / "web.pdf")
    fonts = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor
            fonts.add(str(font["/BaseFont"]))
    assert any("DejaVuSans" in f for f in fonts)


def test_pdf_lists_penalties_letters_and_risk_reasons(
    items_id: list[ScorecardExport], tmp_path: Path
) -> None:
    item = _by_id(items_id, WEB)
    text = _pdf_text(write_scorecard_pdf(item, _context(), tmp_path / "web.pdf"))
    assert "800/101/SP1/2026" in text and "800/131/SP2/2026" in text
    assert "Rp2.220.000" in text
    assert "Cukup" in text and "Kuning" in text
    assert f"{item.risk.score} dari 100" in text
    assert "SP2" in item.risk.explain("id")[0] and "SP2" in text


def test_pdf_in_english_with_signer_from_the_command_line(
    items_en: list[ScorecardExport], tmp_path: Path
) -> None:
    context = _context("en", name="Siti Rahma, S.Kom.", title="Plt. Kepala Dinas")
    text = _pdf_text(write_scorecard_pdf(_by_id(items_en, NET), context, tmp_path / "en.pdf"))
    for expected in (
        "SUPPLIER PERFORMANCE SCORECARD",
        "Quarter 3 of 2026",
        "Final value (N)",
        "2.60",
        "Good",
        "Siti Rahma, S.Kom.",
        "Plt. Kepala Dinas",
        "Page 1 of",
    ):
        assert expected in text, expected
    assert "NIP" not in text  # the configured staff id belongs to the configured signer


def test_pdf_of_a_name_outside_latin_uses_the_full_font(
    items_id: list[ScorecardExport], tmp_path: Path
) -> None:
    from dataclasses import replace

    item = _by_id(items_id, NET)
    card = replace(item.card, supplier=replace(item.card.supplier, name="PT Ελληνικά Ωμέγα"))
    path = write_scorecard_pdf(replace(item, card=card), _context(), tmp_path / "greek.pdf")
    assert "PT Ελληνικά Ωμέγα" in _pdf_text(path)


# ----------------------------------------------------------------------------- XLSX


def test_xlsx_summary_has_numbers_with_formats(
    items_id: list[ScorecardExport], tmp_path: Path
) -> None:
    path = write_scorecards_xlsx(items_id, tmp_path / "all.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Ringkasan"]  # several suppliers: no detail sheets
    sheet = book["Ringkasan"]
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}4"
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    net = rows["PT Jaringan Nusantara Andalas"]
    col = {name: i for i, name in enumerate(header)}
    assert net[col["Nilai akhir N"]].value == pytest.approx(2.6)
    assert net[col["Kategori SIKaP"]].value == "Baik"
    assert net[col["Periode"]].value == "2026-Q3"
    assert net[col["NPWP"]].value == "01.234.567.8-901.000"
    availability = net[col["Ketersediaan (%)"]]
    assert availability.value == pytest.approx(0.99524)
    assert availability.number_format == PERCENT_FORMAT
    value = net[col["Nilai kontrak berjalan (Rp)"]]
    assert value.value == 1_560_500_000 and value.number_format == RUPIAH_FORMAT
    web = rows["CV Kreasi Digital Sukamaju"]
    assert web[col["Total denda (Rp)"]].value == 2_220_000
    assert web[col["SP tertinggi"]].value == "SP2"
    width = sheet.column_dimensions["A"].width
    assert width >= len("PT Jaringan Nusantara Andalas")


def test_xlsx_neutralises_a_formula_name(items_id: list[ScorecardExport], tmp_path: Path) -> None:
    path = write_scorecards_xlsx(items_id, tmp_path / "all.xlsx")
    sheet = load_workbook(path)["Ringkasan"]
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://x.example","klik")' in names
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_of_one_supplier_has_detail_sheets(
    items_id: list[ScorecardExport], tmp_path: Path
) -> None:
    path = write_scorecards_xlsx([_by_id(items_id, WEB)], tmp_path / "web.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == [
        "Ringkasan",
        "Aspek",
        "KPI",
        "Insiden",
        "Denda",
        "Surat Peringatan",
    ]
    aspects = list(book["Aspek"].iter_rows(min_row=2, values_only=True))
    assert aspects[0][0] == "Kualitas dan Kuantitas"
    assert aspects[0][1] == pytest.approx(0.30) and aspects[0][2] == 1
    assert book["Aspek"]["B2"].number_format == PERCENT_FORMAT
    final = next(r for r in aspects if r[0] == "Nilai akhir (N)")
    assert final[3] == pytest.approx(1.4)
    penalties = list(book["Denda"].iter_rows(min_row=2, values_only=True))
    assert penalties[0][2] == 12 and penalties[0][4] == 2_220_000
    assert penalties[0][5] == "'+denda tahap 1"  # notes neutralised too
    assert book["Denda"]["E2"].number_format == RUPIAH_FORMAT
    letters = list(book["Surat Peringatan"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in letters] == ["SP1", "SP2"]


def test_xlsx_detail_of_incidents(items_id: list[ScorecardExport], tmp_path: Path) -> None:
    path = write_scorecards_xlsx([_by_id(items_id, NET)], tmp_path / "net.xlsx")
    book = load_workbook(path)
    incidents = list(book["Insiden"].iter_rows(min_row=2, values_only=True))
    assert len(incidents) == 2
    assert incidents[0][1] == "NET" and incidents[0][6] == pytest.approx(2.5)
    assert incidents[1][9] == "'-Gangguan perangkat di POP"
    kpis = list(book["KPI"].iter_rows(min_row=2, values_only=True))
    assert kpis[0][0] == "602.1/011/KTR/DISKOMINFO/2026"
    assert kpis[0][2] == pytest.approx(0.995)


# ----------------------------------------------------------------------------- CSV


def _read_csv(path: Path, delimiter: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def test_csv_with_dot_decimals(items_id: list[ScorecardExport], tmp_path: Path) -> None:
    path = write_scorecards_csv(items_id, tmp_path / "all.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _read_csv(path, ",")
    assert len(rows) == 3
    net = next(r for r in rows if r["Penyedia"] == "PT Jaringan Nusantara Andalas")
    assert net["Nilai akhir N"] == "2.60"
    assert net["Ketersediaan (%)"] == "99.524"
    assert net["Nilai kontrak berjalan (Rp)"] == "1560500000"
    assert net["Periode"] == "2026-Q3" and net["Awal periode"] == "2026-07-01"
    assert net["Kategori SIKaP"] == "Baik"


def test_csv_with_comma_decimals_in_english(
    items_en: list[ScorecardExport], tmp_path: Path
) -> None:
    path = write_scorecards_csv(items_en, tmp_path / "all.csv", "en", "comma")
    rows = _read_csv(path, ";")
    web = next(r for r in rows if r["Supplier"] == "CV Kreasi Digital Sukamaju")
    assert web["Final value N"] == "1,40"
    assert web["SIKaP category"] == "Fair"
    assert web["Colour band"] == "Amber"


def test_csv_neutralises_a_formula_name(items_id: list[ScorecardExport], tmp_path: Path) -> None:
    rows = _read_csv(write_scorecards_csv(items_id, tmp_path / "all.csv"), ",")
    evil = [r["Penyedia"] for r in rows if "HYPERLINK" in r["Penyedia"]]
    assert evil == ['\'=HYPERLINK("http://x.example","klik")']
    assert EVIL == 3
