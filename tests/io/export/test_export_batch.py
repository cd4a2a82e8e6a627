"""Batches: one load, every scorecard, files where the person asked, progress reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_factories import AGENCY, AS_OF, GENERATED, PERIOD, sample_agency
from pypdf import PdfReader

from rekanan.config import Settings
from rekanan.io.export.batch import ExportError, ExportOptions, export_scorecards_from

SETTINGS = Settings(agency=AGENCY)
OPTIONS = ExportOptions(as_of=AS_OF, generated_at=GENERATED)


def test_pdfs_of_several_suppliers_go_into_a_folder(tmp_path: Path) -> None:
    progress: list[tuple[int, int]] = []
    files = export_scorecards_from(
        sample_agency(),
        SETTINGS,
        [1, 2, 3],
        PERIOD,
        "pdf",
        tmp_path / "out",
        lambda done, total: progress.append((done, total)),
        OPTIONS,
    )
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert [f.parent for f in files] == [tmp_path / "out"] * 3
    assert files[0].name == "kartu-kinerja-2026-Q3-pt-jaringan-nusantara-andalas-1.pdf"
    assert files[2].name.startswith("kartu-kinerja-2026-Q3-hyperlink-http-x-example-klik-3")
    for f in files:
        assert PdfReader(f).pages


def test_one_pdf_to_a_named_file(tmp_path: Path) -> None:
    files = export_scorecards_from(
        sample_agency(), SETTINGS, [2], PERIOD, "pdf", tmp_path / "web.pdf", None, OPTIONS
    )
    assert files == [tmp_path / "web.pdf"]
    assert "CV Kreasi Digital Sukamaju" in PdfReader(files[0]).pages[0].extract_text()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_spreadsheets_are_one_file(tmp_path: Path, fmt: str) -> None:
    files = export_scorecards_from(
        sample_agency(),
        SETTINGS,
        [1, 2, 3],
        "2026-Q3",
        fmt,
        tmp_path,
        None,
        OPTIONS,  # type: ignore[arg-type]
    )
    assert files == [tmp_path / f"kartu-kinerja-2026-Q3-3-penyedia.{fmt}"]
    assert files[0].stat().st_size > 0


def test_unknown_supplier_and_wrong_destination_are_sentences(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Tidak ada rekanan dengan id 99"):
        export_scorecards_from(sample_agency(), SETTINGS, [99], PERIOD, "csv", tmp_path)
    english = ExportOptions(language="en")
    with pytest.raises(ExportError, match="No supplier with id 99"):
        export_scorecards_from(
            sample_agency(), SETTINGS, [99], PERIOD, "csv", tmp_path, None, english
        )
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ExportError, match="adalah berkas; beberapa kartu kinerja perlu"):
        export_scorecards_from(
            sample_agency(), SETTINGS, [1, 2], PERIOD, "pdf", tmp_path / "file.txt", None, OPTIONS
        )


def test_a_big_batch_is_written_by_two_processes(tmp_path: Path) -> None:
    from dataclasses import replace

    base = sample_agency()
    template = base.suppliers[1]
    extra = tuple(
        replace(template, id=100 + n, name=f"CV Rekanan Uji {n:02d}", npwp=None) for n in range(44)
    )
    data = replace(base, suppliers=base.suppliers + extra)
    ids = [s.id for s in data.suppliers]
    progress: list[int] = []
    options = ExportOptions(as_of=AS_OF, generated_at=GENERATED, jobs=2)
    files = export_scorecards_from(
        data,
        SETTINGS,
        ids,
        PERIOD,
        "pdf",
        tmp_path / "semua",
        lambda done, total: progress.append(done),
        options,
    )
    assert len(files) == len(ids) == 47 and len(set(files)) == 47
    assert progress[-1] == 47 and progress == sorted(progress)
    assert all(f.exists() for f in files)
    assert "CV Rekanan Uji 43" in PdfReader(files[-1]).pages[0].extract_text()
