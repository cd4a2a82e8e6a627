"""`rekanan scorecard` writing files, on the hand-made agency (the loader is replaced)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from export_factories import AGENCY, AS_OF, sample_agency
from openpyxl import load_workbook
from pypdf import PdfReader

from rekanan.cli import export_commands, main
from rekanan.cli.common import CommandError
from rekanan.cli.export_commands import SupplierFinder
from rekanan.config import Settings
from rekanan.domain.records import SupplierRecord

DAY = AS_OF.isoformat()


@pytest.fixture(autouse=True)
def _fake_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        "[agency]\n"
        f'government = "{AGENCY.government}"\n'
        f'place = "{AGENCY.place}"\n'
        f'signer_name = "{AGENCY.signer_name}"\n'
        f'signer_title = "{AGENCY.signer_title}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("REKANAN_CONFIG", str(config))
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REKANAN_DB", raising=False)

    def scorecard_source(settings: Settings, args: Any) -> tuple[object, list[int]]:
        data = sample_agency()
        finder = export_commands.SupplierFinder(data.suppliers, settings.language)
        return data, finder.choose(args.suppliers, args.all, args.category)

    monkeypatch.setattr(export_commands, "scorecard_source", scorecard_source)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_one_pdf_named_by_npwp_with_the_signer_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "net.pdf"
    code = main(
        [
            "scorecard",
            "012345678901000",
            "--period",
            "2026-Q3",
            "--as-of",
            DAY,
            "-o",
            str(out),
            "--signer-name",
            "Siti Rahma, S.Kom.",
            "--signer-title",
            "Plt. Kepala Dinas",
            "--place",
            "Sumber",
        ]
    )
    assert code == 0
    assert str(out) in capsys.readouterr().out
    text = _pdf_text(out)
    for expected in (
        "PT Jaringan Nusantara Andalas",
        "01.234.567.8-901.000",
        "Triwulan III Tahun 2026",
        "Rp1.250.000.000",
        "Siti Rahma, S.Kom.",
        "Plt. Kepala Dinas",
        "Sumber, 15 Oktober 2026",
        "PEMERINTAH KABUPATEN SUKAMAJU",
    ):
        assert expected in text, expected
    assert "NIP" not in text


def test_all_suppliers_as_pdfs_in_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "kartu"
    assert (
        main(["scorecard", "--all", "--period", "2026-Q3", "--as-of", DAY, "-o", str(folder)]) == 0
    )
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 3
    assert all(f.name.startswith("kartu-kinerja-2026-Q3-") for f in files)
    texts = [_pdf_text(f) for f in files]
    assert any("CV Kreasi Digital Sukamaju" in t for t in texts)


def test_several_pdfs_refuse_a_pdf_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["scorecard", "--all", "--period", "2026-Q3", "-o", str(tmp_path / "x.pdf")])
    assert code == 2
    assert "perlu sebuah folder" in capsys.readouterr().err


def test_category_to_xlsx_keeps_numbers_and_neutralises_formulas(tmp_path: Path) -> None:
    out = tmp_path / "kartu.xlsx"
    assert main(["scorecard", "--all", "--period", "2026-Q3", "--as-of", DAY, "-o", str(out)]) == 0
    book = load_workbook(out)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    names = [r[0] for r in rows if r[0]]
    assert "PT Jaringan Nusantara Andalas" in names
    evil = [n for n in names if "HYPERLINK" in str(n)]
    assert evil and all(str(n).startswith("'=") for n in evil)
    assert all(
        not isinstance(c.value, str) or not c.value.startswith("=")
        for row in sheet.iter_rows()
        for c in row
    )

    out_cat = tmp_path / "strategis.xlsx"
    assert (
        main(["scorecard", "--category", "strategis", "--period", "2026-Q3", "-o", str(out_cat)])
        == 0
    )
    rows = list(load_workbook(out_cat).worksheets[0].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows if r[0]] == ["PT Jaringan Nusantara Andalas"]


def test_csv_with_decimal_comma(tmp_path: Path) -> None:
    out = tmp_path / "kartu.csv"
    args = ["scorecard", "Jaringan", "Kreasi", "--period", "2026-Q3", "--as-of", DAY]
    assert main([*args, "-o", str(out), "--decimal-comma"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == 2
    value = header.index("Nilai akhir N")
    assert {r[0] for r in body} == {"PT Jaringan Nusantara Andalas", "CV Kreasi Digital Sukamaju"}
    assert sorted(r[value] for r in body) == ["1,40", "2,60"]


def test_text_of_several_suppliers_to_the_screen(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scorecard", "Jaringan", "Kreasi", "--period", "2026-Q3", "--as-of", DAY]) == 0
    out = capsys.readouterr().out
    assert "PT Jaringan Nusantara Andalas" in out and "CV Kreasi Digital Sukamaju" in out
    assert "=" * 80 in out


def test_nothing_named_is_a_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scorecard", "--period", "2026-Q3"]) == 2
    assert "--all" in capsys.readouterr().err


def test_finder_any_npwp_spelling_and_ambiguity_in_english() -> None:
    suppliers = [
        SupplierRecord(1, "PT Maju Jaya", npwp="0012345678901000"),
        SupplierRecord(2, "CV Maju Jaya Abadi"),
        SupplierRecord(3, "PT. Sinar Terang, Tbk"),
    ]
    finder = SupplierFinder(suppliers, "en")
    for spelling in ("01.234.567.8-901.000", "012345678901000", "0012345678901000"):
        assert finder.find(spelling).id == 1
    assert finder.find("maju jaya").id == 1  # the exact name wins over a longer one
    assert finder.find("sinar terang").id == 3
    with pytest.raises(
        CommandError, match=r"matches 2 suppliers: .*CV Maju Jaya Abadi \(no NPWP\)"
    ):
        finder.find("maju")
    with pytest.raises(CommandError, match="No supplier has NPWP"):
        finder.find("99.999.999.9-999.999")
    assert finder.choose(["abadi"], True, None)[0] == 2  # named first, then the rest once
    assert sorted(finder.choose(["abadi"], True, None)) == [1, 2, 3]


def test_unknown_supplier_points_to_the_rekanan_screen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["scorecard", "nobody", "--period", "2026-Q3"]) == 2
    err = capsys.readouterr().err
    assert "layar Rekanan (tombol 2)" in err and "layar Penyedia" not in err
    assert main(["scorecard", "nobody", "--period", "2026-Q3", "--lang", "en"]) == 2
    assert "Suppliers screen (key 2)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "target",
    ["tidak/ada/net.pdf", "tidak/ada/kartu.xlsx", "tidak/ada/kartu.csv", "tidak/ada/kartu.txt"],
)
def test_a_file_in_a_missing_folder_is_refused(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / target
    code = main(["scorecard", "Jaringan", "--period", "2026-Q3", "--as-of", DAY, "-o", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert f"Folder {tmp_path / 'tidak' / 'ada'} tidak ada" in err
    assert not (tmp_path / "tidak").exists()


def test_a_new_folder_of_pdfs_is_made_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "kartu"
    args = ["scorecard", "--all", "--period", "2026-Q3", "--as-of", DAY, "-o", str(folder)]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[0] == f"Folder {folder} dibuat."
    assert main(args) == 0
    assert "dibuat" not in capsys.readouterr().out
    deep = tmp_path / "tidak" / "kartu"
    assert main([*args[:-1], str(deep)]) == 2
    assert f"Folder {tmp_path / 'tidak'} tidak ada" in capsys.readouterr().err
    assert not deep.parent.exists()
