"""What the command line says when something is wrong: sentences, in the run's language.

Findings F11-F14 of the product test: the missing-database advice names the demo file, the
argparse errors are one translated sentence (exit 2, no usage dump, no traceback), the
audit entity list shows words a person types, and an output path in a folder that does not
exist is refused instead of making the folder tree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rekanan.cli import main
from rekanan.cli.common import argparse_sentence
from rekanan.store.database import open_database


@pytest.fixture(autouse=True)
def _home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("REKANAN_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REKANAN_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def agency(tmp_path: Path) -> str:
    """An empty, migrated SQLite database."""
    path = tmp_path / "agency.db"
    open_database(path).close()
    return str(path)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(args)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ---------------------------------------------------------------------------- F11


@pytest.mark.parametrize(
    "command",
    [
        ["alerts"],
        ["scorecard", "x", "--period", "2026"],
        ["export", "contracts"],
        ["audit"],
        ["backup", "copy.db"],
        ["review", "report", "--since", "2026-01-01", "-o", "r.pdf"],
    ],
    ids=lambda c: "-".join(c[:2]),
)
def test_missing_database_names_the_demo_file(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "data" / "demo.db"
    demo.parent.mkdir()
    open_database(demo).close()
    code, _out, err = _run(command, capsys)
    assert code == 2
    assert err.startswith(f"rekanan: Tidak ada basis data di {tmp_path / 'data' / 'rekanan.db'}")
    assert f"Agensi demo ada di {demo}" in err and f"`--db {demo}`" in err
    assert not (tmp_path / "data" / "rekanan.db").exists()  # nothing made on the way


def test_missing_database_without_demo_says_how_to_make_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(["alerts", "--lang", "en"], capsys)
    demo = tmp_path / "data" / "demo.db"
    assert code == 2
    assert err.startswith("rekanan: There is no database at ")
    assert "`rekanan demo`" in err and f"`--db {demo}`" in err


# ---------------------------------------------------------------------------- F12


BAD_ARGUMENTS = [
    (["frob"], "Perintah 'frob' tidak dikenal"),
    (["alerts", "--as-of", "kemarin"], "--as-of: 'kemarin' bukan tanggal"),
    (["alerts", "--within", "-1"], "--within: '-1' bukan jumlah hari"),
    (["alerts", "--severity", "parah"], "--severity: 'parah' bukan pilihan yang ada"),
    (["alerts", "--nope"], "Argumen tidak dikenal: --nope"),
    (["scorecard", "x", "--period", "2026-Q5"], "--period: '2026-Q5' bukan periode"),
    (["scorecard", "x", "--period", "2026-06-30..2026-01-01"], "berakhir sebelum dimulai"),
    (["export"], "Argumen wajib belum diberikan: REGISTER"),
    (["export", "vendors"], "Perintah 'vendors' tidak dikenal"),
    (["export", "contracts", "--due-within", "x"], "--due-within: 'x' bukan jumlah hari"),
    (["export", "suppliers", "--risk"], "--risk: perlu satu nilai sesudahnya"),
    (["audit", "--limit", "banyak"], "--limit: 'banyak' bukan bilangan bulat"),
    (["audit", "--limit", "-5"], "--limit: batasnya tidak boleh negatif"),
    (["review", "report", "--since", "2026-13-01", "-o", "x.pdf"], "--since: '2026-13-01'"),
    (["review", "report"], "Argumen wajib belum diberikan: --since, -o/--output"),
    (["backup"], "Argumen wajib belum diberikan: PATH"),
    (["db", "turun"], "action: 'turun' bukan pilihan yang ada"),
    (["audit", "--id", "x"], "--id: 'x' bukan bilangan bulat"),
    (["--lang", "fr"], "--lang: 'fr' bukan pilihan yang ada"),
]


@pytest.mark.parametrize(("args", "words"), BAD_ARGUMENTS, ids=lambda v: str(v)[:40])
def test_bad_arguments_are_one_indonesian_sentence(
    args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(args, capsys)
    assert code == 2 and out == ""
    assert err.startswith("rekanan: ") and words in err, err
    assert err.count("\n") == 1  # one line: no usage dump, no traceback
    assert "usage:" not in err and "error:" not in err and "Traceback" not in err
    assert "Bantuan: `rekanan" in err


def test_bad_arguments_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run(["--lang", "en", "scorecard", "x", "--period", "2026-Q5"], capsys)
    assert code == 2
    assert "--period: '2026-Q5' is not a period" in err and "Help: `rekanan scorecard" in err
    code, _out, err = _run(["alerts", "--as-of", "kemarin", "--lang=en"], capsys)
    assert "'kemarin' is not a date; write it as YYYY-MM-DD" in err


def test_language_from_the_config_file_reaches_argparse_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[general]\nlanguage = "en"\n', encoding="utf-8")
    monkeypatch.setenv("REKANAN_CONFIG", str(config))
    _code, _out, err = _run(["alerts", "--within", "x"], capsys)
    assert "'x' is not a number of days" in err


def test_argparse_sentence_leaves_unknown_messages_alone() -> None:
    assert argparse_sentence("something new", "id") == "something new"
    assert argparse_sentence("argument -o/--output: expected one argument", "en") == (
        "--output: needs one value after it."
    )


def test_audit_entity_list_is_words_people_type(
    agency: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _run(["audit", "--entity", "foo", "--db", agency], capsys)
    assert code == 2
    assert "'foo' bukan jenis data yang dicatat" in err
    assert "kontrak" in err and "surat peringatan" in err
    assert "audit_log" not in err and "jejak audit" not in err and "_" not in err
    code, _out, err = _run(["audit", "--entity", "foo", "--db", agency, "--lang", "en"], capsys)
    assert "'foo' is not a kind of record" in err and "warning letter" in err
    assert "audit_log" not in err and "audit log" not in err


def test_review_report_says_written_in_indonesian(
    agency: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "laporan.xlsx"
    args = ["review", "report", "--since", "2026-01-01", "-o", str(target), "--db", agency]
    code, out, _err = _run(args, capsys)
    assert code == 0 and target.exists()
    assert out == f"Ditulis: {target} (0 keputusan).\n"
    code, out, _err = _run([*args, "--lang", "en"], capsys)
    assert out == f"Written: {target} (0 decisions).\n"


# ---------------------------------------------------------------------------- F14


@pytest.mark.parametrize(
    "command",
    [
        ["export", "contracts", "--format", "xlsx", "-o", "{missing}/x.xlsx"],
        ["export", "suppliers", "-o", "{missing}/x.csv"],
        ["export", "alerts", "-o", "{missing}/x.xlsx"],
        ["backup", "{missing}/x.db"],
        ["review", "report", "--since", "2026-01-01", "-o", "{missing}/r.pdf"],
        ["audit", "--output", "{missing}/audit.txt"],
        ["export", "suppliers", "-o", "{missing}/folder"],
        ["template", "rekanan", "-o", "{missing}/rekanan.xlsx"],
        ["import", "{data}", "--kind", "rekanan", "--dry-run", "--report", "{missing}/r.csv"],
    ],
    ids=lambda c: "-".join(c[:2]),
)
def test_output_in_a_missing_folder_is_refused(
    command: list[str], agency: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "tidak" / "ada"
    data = tmp_path / "rekanan.csv"
    data.write_text("nama,kategori\nPT Baru,operasional\n", encoding="utf-8")
    args = [word.format(missing=missing, data=data) for word in command]
    code, out, err = _run([*args, "--db", agency], capsys)
    assert code == 2 and out == ""
    assert f"Folder {missing}" in err and "tidak ada" in err, err
    assert not (tmp_path / "tidak").exists()


def test_register_into_a_new_folder_says_it_was_made(
    agency: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "laporan"
    code, out, _err = _run(["export", "contracts", "-o", str(folder), "--db", agency], capsys)
    assert code == 0 and folder.is_dir()
    assert out.splitlines()[0] == f"Folder {folder} dibuat."
    code, out, _err = _run(["export", "contracts", "-o", str(folder), "--db", agency], capsys)
    assert "dibuat" not in out  # the second time it is there already


# ---------------------------------------------------------------------------- config problems


def test_config_problems_are_warnings_in_the_runs_language(
    agency: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[general\nlanguage = 'id'\n", encoding="utf-8")
    monkeypatch.setenv("REKANAN_CONFIG", str(config))
    code, _out, err = _run(["audit", "--db", agency], capsys)
    assert code == 0
    assert err.startswith(f"rekanan: peringatan: Berkas konfigurasi {config} bukan TOML yang sah")
    _code, _out, err = _run(["audit", "--db", agency, "--lang", "en"], capsys)
    assert err.startswith(f"rekanan: warning: The config file {config} is not valid TOML")
    config.write_text("[thresholds]\ngrace_days_max = -3\n", encoding="utf-8")
    _code, _out, err = _run(["audit", "--db", agency], capsys)
    assert "'grace_days_max' harus bilangan bulat 0 atau lebih, bukan -3." in err
    assert "Bagian itu memakai nilai bawaan." in err


def test_review_scope_problems_are_sentences_in_the_runs_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _out, err = _run(["review", "--scope", "semua"], capsys)
    assert code == 2 and "'semua' bukan lingkup tinjauan" in err
    _code, _out, err = _run(["review", "--scope", "category:emas", "--lang", "en"], capsys)
    assert "'emas' is not a supplier category" in err
