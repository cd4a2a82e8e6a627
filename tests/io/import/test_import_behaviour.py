"""Every import: counts add up, one transaction, name matches listed, hostile rows refused."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))

from import_helpers import count, write_csv

from rekanan.io.importing import KINDS, FileProblem, ImportOptions, Outcome, run_import
from rekanan.models import AuditEntry, Contract, ContractService, Service, Supplier
from rekanan.store.database import Database

KONTRAK = KINDS["kontrak"].column_names


def _contract(i: int, **extra: Any) -> dict[str, Any]:
    row = {
        "nomor": f"K/{i:04d}/2026",
        "judul": f"Pekerjaan {i}",
        "npwp_rekanan": f"01.234.567.8-{i % 7:03d}.000",
        "nama_rekanan": f"PT Rekanan {i % 7}",
        "nilai": "Rp1.250.000",
        "mulai": "2026-01-01",
        "selesai": "31/12/2026",
    }
    row.update(extra)
    return row


def test_counts_add_up_and_each_rejection_names_column_and_row(
    db: Database, tmp_path: Path
) -> None:
    rows = [
        _contract(1),
        _contract(2, mulai="besok"),
        _contract(3, selesai="2025-01-01"),
        _contract(4, nilai="-5"),
        _contract(1, judul="duplikat"),
        _contract(5, selesai=""),
        _contract(6, npwp_rekanan="", nama_rekanan="CV Tanpa NPWP"),
        _contract(7, perpanjangan="kadang"),
        _contract(8, kode_layanan="TIDAKADA"),
    ]
    path = write_csv(tmp_path / "k.csv", KONTRAK, rows)
    report = run_import(db, "kontrak", path)
    by_row = {r.row: r for r in report.rows}
    assert sum(report.counts.values()) == len(rows) == len(report.rows)
    assert by_row[2].outcome is Outcome.NEW
    assert by_row[3].outcome is Outcome.REJECTED and by_row[3].column == "mulai"
    assert by_row[4].outcome is Outcome.REJECTED and by_row[4].column == "selesai"
    assert "sebelum" in by_row[4].message
    assert by_row[5].outcome is Outcome.REJECTED and by_row[5].column == "nilai"
    assert by_row[6].outcome is Outcome.REJECTED and "baris 2" in by_row[6].message
    assert by_row[7].outcome is Outcome.NEW and by_row[7].flags  # no end date: taken, flagged
    assert by_row[8].outcome is Outcome.NEW and by_row[8].flags  # no NPWP: taken, flagged
    assert by_row[9].outcome is Outcome.REJECTED and by_row[9].column == "perpanjangan"
    assert by_row[10].outcome is Outcome.REJECTED and by_row[10].column == "kode_layanan"
    assert count(db, Contract) == report.counts[Outcome.NEW] == 3
    for result in report.rows:
        if result.outcome is Outcome.REJECTED:
            assert result.message.endswith(".")


def test_dry_run_reports_what_a_real_run_does(db: Database, tmp_path: Path) -> None:
    rows = [_contract(i) for i in range(20)] + [_contract(99, mulai="x")]
    path = write_csv(tmp_path / "k.csv", KONTRAK, rows)
    dry = run_import(db, "kontrak", path, ImportOptions(dry_run=True))
    assert not dry.committed
    assert count(db, Contract) == count(db, Supplier) == count(db, AuditEntry) == 0
    real = run_import(db, "kontrak", path)
    assert [(r.row, r.outcome) for r in dry.rows] == [(r.row, r.outcome) for r in real.rows]
    assert count(db, Contract) == 20
    assert count(db, Supplier) == 7


def test_supplier_matched_by_name_is_listed_for_confirmation(db: Database, tmp_path: Path) -> None:
    suppliers = write_csv(
        tmp_path / "r.csv", KINDS["rekanan"].column_names, [{"nama": "PT. Maju Jaya, Tbk"}]
    )
    first = run_import(db, "rekanan", suppliers)
    assert first.counts[Outcome.NEW] == 1 and first.rows[0].flags  # no NPWP: flagged
    path = write_csv(
        tmp_path / "k.csv",
        KONTRAK,
        [_contract(1, npwp_rekanan="", nama_rekanan="MAJU JAYA")],
    )
    report = run_import(db, "kontrak", path)
    assert report.counts[Outcome.NEW] == 1
    assert [r.row for r in report.to_confirm] == [2]
    assert count(db, Supplier) == 1


def test_npwp_in_any_spelling_is_one_supplier(db: Database, tmp_path: Path) -> None:
    rows = [
        _contract(1, npwp_rekanan="01.234.567.8-901.000", nama_rekanan="PT Satu"),
        _contract(2, npwp_rekanan="012345678901000", nama_rekanan="PT. SATU"),
        _contract(3, npwp_rekanan="0012345678901000", nama_rekanan="Satu PT"),
    ]
    report = run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, rows))
    assert report.counts[Outcome.NEW] == 3
    assert count(db, Supplier) == 1


def test_services_of_a_uc_are_synced(db: Database, tmp_path: Path) -> None:
    services = write_csv(
        tmp_path / "l.csv",
        KINDS["layanan"].column_names,
        [{"kode": "A", "nama": "Layanan A"}, {"kode": "B", "nama": "Layanan B"}],
    )
    run_import(db, "layanan", services)
    path = write_csv(tmp_path / "k.csv", KONTRAK, [_contract(1, kode_layanan="A;B")])
    assert run_import(db, "kontrak", path).counts[Outcome.NEW] == 1
    assert count(db, ContractService) == 2
    path = write_csv(tmp_path / "k2.csv", KONTRAK, [_contract(1, kode_layanan="B")])
    report = run_import(db, "kontrak", path)
    assert report.counts[Outcome.UPDATED] == 1
    assert count(db, ContractService) == 1
    assert count(db, Service) == 2


def test_interruption_leaves_the_database_as_before(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_import(db, "layanan", write_csv(tmp_path / "l.csv", KINDS["layanan"].column_names,
                                        [{"kode": "A", "nama": "Layanan A"}]))  # fmt: skip
    before = (count(db, Supplier), count(db, Contract), count(db, AuditEntry))
    rows = [_contract(i, kode_layanan="A") for i in range(10)]
    from rekanan.io.importing import applying

    real_insert = applying.insert_many

    def interrupted(session: Any, user: str, model: Any, rows: Any) -> Any:
        if model is ContractService:
            raise KeyboardInterrupt
        return real_insert(session, user, model, rows)

    monkeypatch.setattr(applying, "insert_many", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, rows))
    assert (count(db, Supplier), count(db, Contract), count(db, AuditEntry)) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("k.csv", b"\x00\x01binary", "bukan berkas teks"),
        ("k.csv", b"judul,nilai\nA,1\n", "Kolom wajib"),
        ("k.json", b'{"a": 1}', "daftar rekaman"),
        ("k.xlsx", b"PK\x03\x04broken", "XLSX"),
    ],
)
def test_malformed_files_write_nothing(
    db: Database, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FileProblem, match=message):
        run_import(db, "kontrak", path)
    assert count(db, AuditEntry) == 0


def test_spse_columns_under_kind_kontrak_get_a_hint(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", ["no_kontrak", "nama_paket"], [{"no_kontrak": "1"}])
    with pytest.raises(FileProblem, match="--kind lkpp"):
        run_import(db, "kontrak", path)


def test_concurrent_imports_lose_nothing(db: Database, tmp_path: Path) -> None:
    files = [
        write_csv(tmp_path / f"k{n}.csv", KONTRAK, [_contract(n * 1000 + i) for i in range(150)])
        for n in range(3)
    ]
    errors: list[BaseException] = []

    def work(path: Path) -> None:
        try:
            run_import(db, "kontrak", path)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(p,)) for p in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert count(db, Contract) == 450
    assert count(db, Supplier) == 7


_CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "ya", "tidak", "2026-02-30", "31/12/2026", "Rp1.000", "-1", "99,5",
                     "=cmd|' /C calc'!A0", "<b>x</b>", "1e400", "NaN", "0" * 40, "x" * 600]),
)  # fmt: skip


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), kind=st.sampled_from(sorted(KINDS)))
def test_hostile_rows_never_raise_nor_half_write(
    sqlite_db: Database, tmp_path: Path, data: st.DataObject, kind: str
) -> None:
    spec = KINDS[kind]
    columns = spec.column_names
    rows = data.draw(st.lists(st.fixed_dictionaries({c: _CELL for c in columns}), max_size=5))
    model = spec.model
    before = (count(sqlite_db, model), count(sqlite_db, AuditEntry))
    path = write_csv(tmp_path / "h.csv", columns, rows)
    try:
        report = run_import(sqlite_db, kind, path)
    except FileProblem as problem:  # a NUL byte makes it a binary file: refused whole
        assert str(problem).endswith(".")
        assert (count(sqlite_db, model), count(sqlite_db, AuditEntry)) == before
        return
    assert sum(report.counts.values()) == len(report.rows)
    if model is not Supplier:
        assert count(sqlite_db, model) == before[0] + report.counts[Outcome.NEW]
    for result in report.rows:
        if result.outcome is Outcome.REJECTED:
            assert result.message


_JSON_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=2),
    st.sampled_from(["2025-03-21T00:00:00.000000Z", "0664633591429000", "<p>x</p>", "Tidak"]),
)
_SPSE_KEYS = ("kd_tender", "no_kontrak", "nama_paket", "nama_satker", "tgl_kontrak_awal",
              "tgl_kontrak_akhir", "nama_penyedia", "npwp_16_penyedia", "nilai_kontrak",
              "status_kontrak", "versi_addendum", "apakah_addendum", "tipe_penyedia")  # fmt: skip


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    records=st.lists(
        st.one_of(st.dictionaries(st.sampled_from(_SPSE_KEYS), _JSON_VALUE), _JSON_VALUE),
        max_size=5,
    )
)
def test_hostile_spse_json_never_raises(
    sqlite_db: Database, tmp_path: Path, records: list[Any]
) -> None:
    import json

    path = tmp_path / "spse.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    before = count(sqlite_db, Contract)
    report = run_import(sqlite_db, "lkpp", path)
    assert len(report.rows) == len(records)
    assert count(sqlite_db, Contract) == before + report.counts[Outcome.NEW]


def test_unknown_columns_are_reported_and_ignored(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "k.csv", [*KONTRAK, "warna"], [{**_contract(1), "warna": "biru"}])
    report = run_import(db, "kontrak", path)
    assert report.counts[Outcome.NEW] == 1
    assert any("warna" in note for note in report.notes)


def test_evaluation_must_name_the_contracts_supplier(db: Database, tmp_path: Path) -> None:
    run_import(db, "kontrak", write_csv(tmp_path / "k.csv", KONTRAK, [_contract(1)]))
    columns = KINDS["penilaian"].column_names
    base = {"nomor_kontrak": "K/0001/2026", "periode_mulai": "2026-01-01",
            "periode_selesai": "2026-03-31", "kualitas": "3", "biaya": "Baik", "waktu": 3,
            "layanan": "Sangat Baik"}  # fmt: skip
    rows = [
        base,
        {**base, "periode_mulai": "2026-04-01", "periode_selesai": "2026-06-30",
         "npwp_rekanan": "01.234.567.8-001.000"},
        {**base, "periode_mulai": "2026-07-01", "periode_selesai": "2026-09-30",
         "npwp_rekanan": "09.999.999.9-999.000"},
    ]  # fmt: skip
    report = run_import(db, "penilaian", write_csv(tmp_path / "p.csv", columns, rows))
    outcomes = [r.outcome for r in report.rows]
    assert outcomes == [Outcome.NEW, Outcome.NEW, Outcome.REJECTED]
    assert report.rows[2].column == "npwp_rekanan"
    assert count(db, Supplier) == 1
