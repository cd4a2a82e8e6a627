"""`rekanan audit`: every create, update and delete, by whom, filtered, shown safely."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from rekanan.cli import main
from rekanan.cli.common import CommandError
from rekanan.cli.team_commands import audit_text, entity_name, printable
from rekanan.domain.records import AuditRecord
from rekanan.models import Contract, Supplier
from rekanan.store.database import Database, open_database


def _history(db: Database) -> None:
    budi = open_database(db.url, user="budi")
    sari = open_database(db.url, user="sari")
    try:
        with budi.writer() as w:
            supplier = w.create(Supplier(name="PT Awal"))
            contract = w.create(
                Contract(
                    number="602.1/77/KTR/2026",
                    title="Pemeliharaan CCTV",
                    supplier_id=supplier,
                    start_date=date(2026, 1, 1),
                    end_date=date(2026, 6, 30),
                )
            )
        with sari.writer() as w:
            w.update(Contract, contract, {"end_date": date(2026, 12, 31)}, expected_version=1)
            w.update(Supplier, supplier, {"name": '=HYPERLINK("x")'}, expected_version=1)
        with budi.writer() as w:
            w.delete(Contract, contract, expected_version=2)
    finally:
        budi.close()
        sari.close()


def _run(db: Database, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["audit", "--db", db.url.replace("postgresql+psycopg", "postgresql"), *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out


def test_audit_shows_who_did_what_newest_first(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _history(db)
    code, out = _run(db, capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Waktu")
    records = [line for line in lines[1:] if not line.startswith("    ")]
    assert len(records) == 5
    assert "hapus" in records[0] and "budi" in records[0]
    assert any("sari" in line and "ubah" in line for line in records)
    assert "    Tanggal berakhir: 30 Jun 2026 → 31 Des 2026" in lines


def test_audit_filters_by_entity_person_and_day(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _history(db)
    _, out = _run(db, capsys, "--entity", "kontrak", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["action"] for row in rows] == ["delete", "update", "create"]
    _, out = _run(db, capsys, "--user", "sari", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["user"] for row in rows} == {"sari"} and len(rows) == 2
    assert all(not row["after"].startswith("=") for row in rows)  # formula neutralised
    _, out = _run(db, capsys, "--by", "budi", "--entity", "supplier", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 1
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    code, out = _run(db, capsys, "--since", tomorrow, "--lang", "en")
    assert code == 0 and "No matching audit entries." in out
    _, out = _run(db, capsys, "--limit", "2")
    assert "--limit 0" in out


def test_audit_refuses_unknown_things_with_sentences(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _run(db, capsys, "--entity", "kucing")
    assert code == 2
    with pytest.raises(SystemExit):
        main(["audit", "--since", "kemarin"])
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_entity_names_in_either_language() -> None:
    assert entity_name("Kontrak") == "contract"
    assert entity_name("warning-letter") == "warning_letter"
    assert entity_name("surat peringatan") == "warning_letter"
    with pytest.raises(CommandError):
        entity_name("")


def test_terminal_output_escapes_control_and_direction_characters() -> None:
    hostile = "PT \x1b[2J\u202eevil\u200f\n" + "x" * 200
    shown = printable(hostile, 60)
    assert "\x1b" not in shown and "\u202e" not in shown and "\n" not in shown
    assert "\\x1b" in shown and "\\u202e" in shown
    assert len(shown) == 60
    from datetime import UTC, datetime

    entry = AuditRecord(
        1, datetime(2026, 1, 1, tzinfo=UTC), "x\ty", "update", "supplier", 1, "s", '{"a": 1}', "[]"
    )
    text = audit_text([entry], "en")
    assert "\t" not in text and "A: 1 → -" in text
