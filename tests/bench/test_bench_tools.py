"""Smoke tests of the benchmark tools: coherent tiny data, and the results table.

Nothing here is timed: speed is measured by ``bench/run.py``, not asserted in tests.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pytest
from stdnum.id import npwp as stdnum_npwp

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import harness  # noqa: E402
import import_files  # noqa: E402
import make_data  # noqa: E402
import plain_loader  # noqa: E402
import ptyrun  # noqa: E402

TINY = make_data.Size(suppliers=40, contracts=160, evaluations=400, incidents=400)
AS_OF = make_data.DEFAULT_AS_OF


def build(path: Path, seed: int = 3) -> dict[str, int]:
    return make_data.generate(str(path), TINY, seed, AS_OF, quiet=True)


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "tiny.db"
    build(path)
    return path


def rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_counts_match_the_size(tiny_db: Path) -> None:
    counts = dict(rows(tiny_db, "SELECT 'supplier', COUNT(*) FROM supplier"))
    counts.update(rows(tiny_db, "SELECT 'contract', COUNT(*) FROM contract"))
    counts.update(rows(tiny_db, "SELECT 'evaluation', COUNT(*) FROM evaluation"))
    counts.update(rows(tiny_db, "SELECT 'incident', COUNT(*) FROM incident"))
    assert counts == {"supplier": 40, "contract": 160, "evaluation": 400, "incident": 400}


def test_npwps_are_unique_canonical_and_pass_the_check_digit(tiny_db: Path) -> None:
    npwps = [n for (n,) in rows(tiny_db, "SELECT npwp FROM supplier WHERE npwp IS NOT NULL")]
    assert len(npwps) == len(set(npwps)) > 30
    for npwp in npwps:
        assert len(npwp) == 16 and npwp.startswith("0")
        assert stdnum_npwp.is_valid(npwp[1:]), npwp


def test_foreign_keys_hold(tiny_db: Path) -> None:
    assert rows(tiny_db, "PRAGMA foreign_key_check") == []


def test_dates_agree_with_contracts_and_the_as_of_date(tiny_db: Path) -> None:
    assert rows(tiny_db, "SELECT id FROM contract WHERE end_date < start_date") == []
    late = rows(
        tiny_db,
        "SELECT e.id FROM evaluation e JOIN contract c ON c.id = e.contract_id "
        "WHERE e.period_start < c.start_date OR e.period_end < e.period_start "
        f"OR e.period_end > '{AS_OF.isoformat()}'",
    )
    assert late == []
    future = rows(
        tiny_db, f"SELECT id FROM incident WHERE started_at > '{AS_OF.isoformat()} 23:59'"
    )
    assert future == []
    drafts = rows(
        tiny_db, f"SELECT id FROM contract WHERE status = 'draf' AND start_date <= '{AS_OF}'"
    )
    assert drafts == []
    expired = rows(
        tiny_db, f"SELECT id FROM contract WHERE status = 'berakhir' AND end_date >= '{AS_OF}'"
    )
    assert expired == []


def test_warning_letters_escalate_in_order(tiny_db: Path) -> None:
    by_contract: dict[int, list[tuple[str, str]]] = {}
    for cid, level, day in rows(
        tiny_db, "SELECT contract_id, level, issued_on FROM warning_letter"
    ):
        by_contract.setdefault(cid, []).append((day, level))
    for letters in by_contract.values():
        levels = [level for _, level in sorted(letters)]
        assert levels == ["SP1", "SP2", "SP3"][: len(levels)]


def test_the_same_seed_gives_the_same_rows(tmp_path: Path) -> None:
    def digest(path: Path) -> str:
        con = sqlite3.connect(path)
        try:
            h = hashlib.sha256()
            for table in ("supplier", "contract", "evaluation", "incident", "penalty"):
                for row in con.execute(f"SELECT * FROM {table} ORDER BY id"):
                    h.update(repr(row).encode())
            return h.hexdigest()
        finally:
            con.close()

    build(tmp_path / "a.db", seed=11)
    build(tmp_path / "b.db", seed=11)
    build(tmp_path / "c.db", seed=12)
    assert digest(tmp_path / "a.db") == digest(tmp_path / "b.db")
    assert digest(tmp_path / "a.db") != digest(tmp_path / "c.db")


def test_the_rules_can_read_the_data(tiny_db: Path) -> None:
    from rekanan.domain.alerts import compute_alerts

    data = plain_loader.load_plain(tiny_db)
    assert len(data.contracts) == 160
    alerts = compute_alerts(data, AS_OF)
    assert alerts, "a synthetic agency of this size always has something due"


def test_import_files_have_the_template_columns(tiny_db: Path, tmp_path: Path) -> None:
    template = import_files.template_rows(tiny_db, 25, 1, AS_OF)
    path = import_files.write_template_csv(template, tmp_path / "kontrak.csv")
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header) == import_files.TEMPLATE_COLUMNS
    records = import_files.spse_records(tiny_db, 5, 1, AS_OF)
    assert set(records[0]) == set(import_files.SPSE_KEYS)
    assert len({r["no_kontrak"] for r in records}) == 5


def test_table_shows_numbers_floors_ratios_and_missing_features() -> None:
    report = harness.Report(size="M", runs=3, dataset="tiny", machine={"CPU": "test"})
    report.rows = [
        harness.Row(
            "search",
            harness.Measure([0.020, 0.030, 0.025]),
            harness.Measure([0.005, 0.005, 0.004]),
            "SQL alone",
            "≤ 50 ms",
            meets=True,
        ),
        harness.Row("export", note="not available: rekanan.io.export does not exist yet"),
        harness.Row("memory", harness.Measure([2.0 * 2**20], unit="bytes")),
    ]
    text = harness.text_table(report)
    assert "25.0 ms" in text and "5.0x" in text and "≤ 50 ms ✓" in text
    assert "n/a" in text and "not available: rekanan.io.export" in text
    assert "2 MB" in text
    page = harness.markdown(report)
    assert "| search | 25.0 ms | 20.0 ms – 30.0 ms | SQL alone | 5.0 ms | 5.0x |" in page
    assert "- CPU: test" in page


def test_machine_description_names_cpu_python_and_sqlite() -> None:
    info = harness.machine(ROOT)
    assert {"CPU", "Cores", "RAM", "Python", "SQLite", "Date"} <= set(info)


def test_escape_sequences_are_stripped_from_terminal_output() -> None:
    raw = b"\x1b[?1049h\x1b[1;1H\x1b[38;2;255;255;255mRingkasan\x1b[0m \x1b]0;title\x07ok"
    assert ptyrun.visible_text(raw) == "Ringkasan ok"


def test_size_presets_match_issue_9() -> None:
    m, big = make_data.SIZES["M"], make_data.SIZES["L"]
    assert (m.suppliers, m.contracts, m.evaluations + m.incidents) == (2_000, 10_000, 200_000)
    assert (big.suppliers, big.contracts, big.evaluations + big.incidents) == (
        20_000,
        100_000,
        1_000_000,
    )


def test_npwp_helper_makes_valid_numbers() -> None:
    for serial in (1, 123456, 999999):
        assert stdnum_npwp.is_valid(make_data.npwp_for(1, serial, 91)[1:])
    assert date(2026, 11, 2) == AS_OF


def test_bench_data_command_builds_a_database(tmp_path: Path) -> None:
    from rekanan.cli import main

    target = tmp_path / "cli.db"
    code = main(
        [
            "bench-data",
            "--suppliers",
            "12",
            "--contracts",
            "30",
            "--evaluations",
            "40",
            "--incidents",
            "40",
            "--db",
            str(target),
        ]
    )
    assert code == 0
    assert rows(target, "SELECT COUNT(*) FROM contract") == [(30,)]
    assert main(["bench-data", "--suppliers", "12", "--contracts", "30", "--db", str(target)]) == 2


def test_bench_data_command_refuses_without_a_database(capsys: pytest.CaptureFixture[str]) -> None:
    from rekanan.cli import main

    assert main(["bench-data", "--size", "M"]) == 2
    assert "--db" in capsys.readouterr().err
