"""``rekanan seed``: loads the demo into a named database, refuses anything else in a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from rekanan.cli import main


def test_seed_then_refuse_a_second_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "demo.db"
    assert main(["seed", "--db", str(target), "--today", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "Data demo Dinas Komunikasi dan Informatika Kabupaten Sukamaju" in out
    assert "31 rekanan" in out and f"rekanan --db {target}" in out
    assert main(["seed", "--db", str(target)]) == 2
    assert "sudah berisi 31 rekanan" in capsys.readouterr().err


def test_seed_needs_a_named_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("REKANAN_DB", raising=False)
    assert main(["seed", "--lang", "en"]) == 2
    assert "Name the target database with --db" in capsys.readouterr().err
    assert not (tmp_path / "rekanan.db").exists()
