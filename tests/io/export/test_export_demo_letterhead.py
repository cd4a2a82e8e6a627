"""Documents of the demo agency carry Sukamaju's letterhead and a named signer (F15).

The config's placeholder letterhead ("Kabupaten Contoh", no signer) stays for the user's own
database; the demo database (the ``rekanan demo`` file, or any database the seed loaded)
prints the demo agency's, from ``seed_data/agency.csv``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from rekanan.cli import main
from rekanan.config import Agency
from rekanan.models import Supplier
from rekanan.store.database import open_database
from rekanan.store.seed_agency import agency_for, demo_agency, is_demo_database

SUKAMAJU = (
    "PEMERINTAH KABUPATEN SUKAMAJU",
    "DINAS KOMUNIKASI DAN INFORMATIKA",
    "Jl. Merdeka No. 17, Sukamaju 45111",
    "Drs. Bambang Sutrisno, M.Si.",
    "NIP. 19700101 199503 1 001",
)


@pytest.fixture(autouse=True)
def _home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REKANAN_DB", raising=False)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_demo_agency_has_a_real_letterhead_and_signer() -> None:
    agency = demo_agency()
    assert agency.government == "Pemerintah Kabupaten Sukamaju"
    assert agency.place == "Sukamaju" and agency.signer_name
    assert "Contoh" not in " ".join((agency.government, *agency.letterhead, agency.place))


def test_only_the_demo_database_gets_the_demo_letterhead(seeded_db: Any, db: Any) -> None:
    own = Agency(government="Pemerintah Kota Bandung", signer_name="Ibu Kepala")
    assert is_demo_database(seeded_db)
    assert agency_for(seeded_db, own) == demo_agency()
    with db.writer() as w:
        w.create(Supplier(name="PT Sendiri"))
    assert not is_demo_database(db)
    assert agency_for(db, own) is own


def test_the_demo_file_is_the_demo_even_before_it_is_seeded(tmp_path: Path) -> None:
    demo = tmp_path / "data" / "demo.db"
    demo.parent.mkdir()
    database = open_database(demo)
    try:
        assert is_demo_database(database)
    finally:
        database.close()


def test_scorecard_pdf_of_the_demo_has_sukamajus_letterhead(seeded_db: Any, tmp_path: Path) -> None:
    out = tmp_path / "kartu.pdf"
    args = ["scorecard", "Arunika", "--period", "2026-Q3", "--as-of", "2026-11-23"]
    assert main([*args, "--db", str(seeded_db.url), "-o", str(out)]) == 0
    text = _pdf_text(out)
    for expected in (*SUKAMAJU, "Sukamaju, 23 November 2026"):
        assert expected in text, expected
    assert "CONTOH" not in text.upper()


def test_review_report_pdf_of_the_demo_has_sukamajus_letterhead(
    seeded_db: Any, tmp_path: Path
) -> None:
    out = tmp_path / "tinjauan.pdf"
    args = ["review", "report", "--since", "2025-01-01", "--until", "2026-11-23"]
    assert main([*args, "--db", str(seeded_db.url), "-o", str(out)]) == 0
    text = _pdf_text(out)
    for expected in SUKAMAJU:
        assert expected in text, expected
    assert "CONTOH" not in text.upper()


def test_the_users_own_database_keeps_the_configured_letterhead(
    db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[agency]\ngovernment = "Pemerintah Kota Bandung"\nplace = "Bandung"\n'
        'signer_name = "Ir. Asep Sunandar"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("REKANAN_CONFIG", str(config))
    with db.writer() as w:
        w.create(Supplier(name="PT Sendiri Jaya"))
    out = tmp_path / "kartu.pdf"
    args = ["scorecard", "Sendiri", "--period", "2026-Q3", "--as-of", "2026-11-23"]
    assert main([*args, "--db", str(db.url), "-o", str(out)]) == 0
    text = _pdf_text(out)
    assert "PEMERINTAH KOTA BANDUNG" in text and "Ir. Asep Sunandar" in text
    assert "SUKAMAJU" not in text.upper()
