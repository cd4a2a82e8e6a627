"""The real SPSE e-Kontrak export (shared/data/lkpp) imports with the expected counts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from import_helpers import LKPP_CSV, LKPP_JSON, count

from rekanan.domain.alert import AlertKind
from rekanan.domain.alerts import compute_alerts
from rekanan.io.importing import ImportOptions, Outcome, run_import, write_report
from rekanan.models import AuditEntry, Contract, ContractStatus, LegalForm, Supplier
from rekanan.store.database import Database

pytestmark = pytest.mark.skipif(not LKPP_JSON.exists(), reason="shared LKPP data not present")


def test_json_export_imports_every_record(db: Database) -> None:
    report = run_import(db, "lkpp", LKPP_JSON)
    assert report.committed
    assert report.counts[Outcome.NEW] == 52
    assert len(report.rows) == 52
    assert count(db, Contract) == 52
    # one supplier per NPWP, whatever the spelling of its name
    assert count(db, Supplier) == len(report.new_suppliers) == 42
    # every real contract ends the day it starts: taken, and flagged for a person
    assert len(report.flagged) == 52
    with db.session() as s:
        contract = s.execute(
            select(Contract).where(Contract.source_id == "tender:10002513000")
        ).scalar_one()
        assert contract.number == "602.1/09/KTR/Pws.Pemb.Gd.Ktr.Kec.Baleendah/DPUTR/2025"
        assert contract.source == "spse"
        assert contract.satker == "DINAS PEKERJAAN UMUM DAN TATA RUANG"
        assert contract.ppk == "MAULANA ISWIDIANTO,BE"
        assert contract.contract_type == "Lumsum"
        assert contract.status is ContractStatus.ACTIVE
        assert contract.end_date == contract.start_date
        assert "<p>" not in contract.notes
        supplier = s.get(Supplier, contract.supplier_id)
        assert supplier is not None
        assert supplier.npwp == "0664633591429000"
        assert supplier.legal_form is LegalForm.PT
        decimals = s.execute(
            select(Contract.value).where(
                Contract.number == "602.1/13/KTR/Pemb.Gd.Diskop/DPUTR/2025"
            )
        ).scalar_one()
        assert str(decimals) in ("5380803707.15", "5380803707.150")


def test_csv_export_rejects_the_row_with_extra_fields(db: Database, tmp_path: Path) -> None:
    report = run_import(db, "lkpp", LKPP_CSV)
    assert report.counts[Outcome.NEW] == 51
    rejected = [r for r in report.rows if r.outcome is Outcome.REJECTED]
    assert [r.row for r in rejected] == [21]
    assert "59 kolom" in rejected[0].message
    assert sum(report.counts.values()) == 52
    target = write_report(report, tmp_path / "laporan.xlsx")
    book = load_workbook(target, read_only=True)
    assert book.sheetnames == ["Ringkasan", "Laporan impor"]
    lines = list(book["Laporan impor"].iter_rows(values_only=True))
    assert len(lines) == 53  # header + every row read
    assert all(line[1] for line in lines[1:])


def test_reimport_is_idempotent_across_formats(db: Database) -> None:
    run_import(db, "lkpp", LKPP_JSON)
    audits = count(db, AuditEntry)
    again = run_import(db, "lkpp", LKPP_JSON)
    assert again.counts[Outcome.UNCHANGED] == 52
    csv_report = run_import(db, "lkpp", LKPP_CSV)
    assert csv_report.counts[Outcome.UNCHANGED] == 51
    assert count(db, Contract) == 52
    assert count(db, AuditEntry) == audits


def test_newer_export_updates_instead_of_duplicating(db: Database, tmp_path: Path) -> None:
    import json

    run_import(db, "lkpp", LKPP_JSON)
    records = json.loads(LKPP_JSON.read_text(encoding="utf-8"))
    records[0]["tgl_kontrak_akhir"] = "2025-12-31T00:00:00.000000Z"
    records[0]["no_kontrak"] = records[0]["no_kontrak"] + "/ADD1"
    records[0]["versi_addendum"] = 1
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(records), encoding="utf-8")
    report = run_import(db, "lkpp", newer)
    assert report.counts[Outcome.UPDATED] == 1
    assert report.counts[Outcome.UNCHANGED] == 51
    assert count(db, Contract) == 52
    updated = next(r for r in report.rows if r.outcome is Outcome.UPDATED)
    assert "tgl_kontrak_akhir" in updated.message
    assert not updated.flags  # the end date is now after the start


def test_satker_filter_and_dry_run(db: Database) -> None:
    report = run_import(db, None, LKPP_JSON, ImportOptions(dry_run=True, satker="dinas kesehatan"))
    assert report.kind == "lkpp"
    assert not report.committed
    assert report.counts[Outcome.NEW] == 8
    assert report.counts[Outcome.SKIPPED] == 44
    assert count(db, Contract) == 0
    assert count(db, Supplier) == 0
    assert count(db, AuditEntry) == 0


def test_imported_contracts_raise_data_quality_alerts(db: Database) -> None:
    from datetime import date

    from rekanan.domain.thresholds import Thresholds
    from rekanan.store.loaders import load_agency

    run_import(db, "lkpp", LKPP_JSON)
    alerts = compute_alerts(load_agency(db), date(2025, 6, 30), Thresholds())
    same_day = [
        a for a in alerts if a.kind is AlertKind.DATA_INCOMPLETE and "end_equals_start" in a.key
    ]
    assert len(same_day) == 52
