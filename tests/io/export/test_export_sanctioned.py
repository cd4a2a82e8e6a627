"""A scorecard of a supplier under a running blacklist sanction says so (finding G1): the
head of agency must not read an early-warning score as if the sanction had not happened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from rekanan.cli import main


@pytest.fixture(autouse=True)
def _home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REKANAN_DB", raising=False)


def _pdf(seeded_db: Any, tmp_path: Path, name: str, *extra: str) -> str:
    out = tmp_path / f"{name}.pdf"
    args = ["scorecard", name, "--period", "2026-Q3", "--as-of", "2026-11-23", *extra]
    assert main([*args, "--db", str(seeded_db.url), "-o", str(out)]) == 0
    return " ".join("\n".join(p.extract_text() for p in PdfReader(out).pages).split())


def test_the_blacklisted_supplier_s_scorecard_names_its_sanction(
    seeded_db: Any, tmp_path: Path
) -> None:
    text = _pdf(seeded_db, tmp_path, "Graha Kabel")
    assert "DALAM SANKSI: daftar hitam 1 tahun (lokal, SK" in text
    assert "s.d. 27 Januari 2027" in text
    english = _pdf(seeded_db, tmp_path, "Graha Kabel", "--lang", "en")
    assert "UNDER SANCTION: 1-year blacklist (local, decree" in english


def test_a_supplier_without_a_sanction_has_no_such_line(seeded_db: Any, tmp_path: Path) -> None:
    assert "SANKSI:" not in _pdf(seeded_db, tmp_path, "Arunika")
