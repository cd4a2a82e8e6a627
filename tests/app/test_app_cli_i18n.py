"""``rekanan open`` / ``rekanan demo`` without a terminal, and the translation catalogues."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from rekanan import i18n
from rekanan.cli import build_parser, main
from rekanan.cli.app_commands import remove_sqlite, seed_if_empty

ROOT = Path(__file__).parents[2]
APP_FILES = [
    ROOT / "rekanan" / "app.py",
    *(
        ROOT / "rekanan" / "screens" / f"{name}.py"
        for name in ("dashboard", "alerts", "snooze", "welcome", "help", "error", "palette")
    ),
]


def test_open_is_the_default_and_needs_a_terminal(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    parser = build_parser()
    assert parser.parse_args(["demo", "--reset"]).reset is True
    assert parser.parse_args(["open", "--start", "kontrak"]).start == "kontrak"
    code = main(["--db", str(tmp_path / "x.db")])
    assert code == 2
    assert "perlu terminal" in capsys.readouterr().err
    assert (tmp_path / "x.db").exists(), "the database was opened (and migrated) first"


def test_demo_seeds_once_and_reset_removes_the_files(sqlite_db, tmp_path) -> None:
    assert seed_if_empty(sqlite_db, i18n_day()) is True
    assert seed_if_empty(sqlite_db, i18n_day()) is False
    files = [tmp_path / "demo.db", tmp_path / "demo.db-wal", tmp_path / "demo.db-shm"]
    for path in files:
        path.write_text("x")
    remove_sqlite(tmp_path / "demo.db")
    assert not any(path.exists() for path in files)


def i18n_day():
    from datetime import date

    return date(2026, 11, 23)


def test_catalogues_merge_every_po_file(tmp_path) -> None:
    folder = tmp_path / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "a.po").write_text('msgid "Rekanan"\nmsgstr "Suppliers"\n', encoding="utf-8")
    (tmp_path / "en" / "b.po").write_text(
        'msgid "Kontrak"\nmsgstr "Contracts"\n\n#, fuzzy\nmsgid "Tunda"\nmsgstr "Later"\n',
        encoding="utf-8",
    )
    (folder / "broken.po").write_text('msgid "x\n', encoding="utf-8")
    found = i18n.catalogue("en", tmp_path)
    assert found == {"Rekanan": "Suppliers", "Kontrak": "Contracts"}
    assert i18n.catalogue("id", tmp_path) == {}


def test_translate_fills_placeholders_and_falls_back() -> None:
    assert i18n.translate("en", "≤ {n} hari", n=30) == "≤ 30 days"
    assert i18n.translate("id", "≤ {n} hari", n=30) == "≤ 30 hari"
    assert i18n.translate("en", "Kalimat yang belum diterjemahkan") == (
        "Kalimat yang belum diterjemahkan"
    )
    assert i18n.translate("en", "{missing} hari") == "{missing} hari"


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_every_app_string_has_an_english_translation(path: Path) -> None:
    keywords = {"tr": (2,), "N_": None, "t": None}
    english = i18n.catalogue("en")
    missing = [
        message
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords=keywords
        )
        if isinstance(message, str) and message and message not in english
    ]
    assert missing == []
