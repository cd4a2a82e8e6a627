"""Register tables (suppliers, contracts, alerts) written as XLSX and CSV."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from export_factories import AS_OF, sample_agency
from openpyxl import load_workbook

from rekanan.domain.alerts import compute_alerts
from rekanan.domain.calendar import WorkingCalendar
from rekanan.domain.contract_dates import contract_dates
from rekanan.domain.records import SupplierRecord
from rekanan.domain.thresholds import Thresholds
from rekanan.io.export.registers import (
    ContractLine,
    SupplierLine,
    alerts_table,
    binding_deadlines,
    contracts_table,
    suppliers_table,
    write_register,
)
from rekanan.io.export.tables import RUPIAH_FORMAT
from rekanan.models.enums import ContractStatus, RenewalKind

SUPPLIERS = [
    SupplierLine(
        1, "PT Maju Jaya", "0012345678901000", "pt", "strategis", True, 2, Decimal("1500000")
    ),
    SupplierLine(2, "@CV Tiba", None, "cv", "komoditas", False, 0, Decimal(0)),
]


def _contract_line(status: ContractStatus | None = None) -> ContractLine:
    contract = sample_agency().contracts[0]
    from dataclasses import replace

    contract = replace(contract, renewal_kind=RenewalKind.TACIT, notice_days=30)
    if status is not None:
        contract = replace(contract, status=status)
    supplier = SupplierRecord(id=1, name="PT Jaringan Nusantara Andalas")
    dates = contract_dates(contract, supplier, AS_OF, Thresholds(), WorkingCalendar())
    notice_due, decision_due = binding_deadlines(contract, dates)
    return ContractLine(
        id=contract.id,
        number=contract.number,
        title=contract.title,
        supplier_name=supplier.name,
        supplier_category="strategis",
        status=str(contract.status),
        is_underpinning=True,
        value=contract.value,
        start_date=contract.start_date,
        renewal_kind=str(contract.renewal_kind),
        notice_days=contract.notice_days,
        dates=dates,
        next_deadline=dates.decision_date,
        deadline_kind="decision",
        days_left=(dates.decision_date - AS_OF).days if dates.decision_date else None,
        notice_due=notice_due,
        decision_due=decision_due,
    )


def test_supplier_register_as_xlsx(tmp_path: Path) -> None:
    path = write_register(suppliers_table(SUPPLIERS), tmp_path / "s.xlsx", "xlsx")
    sheet = load_workbook(path)["Rekanan"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0] == (
        1,
        "PT Maju Jaya",
        "01.234.567.8-901.000",
        "PT",
        "Strategis",
        "ya",
        2,
        1500000,
    )
    assert rows[1][1] == "'@CV Tiba" and rows[1][5] == "tidak"
    assert sheet["H2"].number_format == RUPIAH_FORMAT
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:H3"


def test_contract_register_carries_the_computed_dates(tmp_path: Path) -> None:
    line = _contract_line()
    assert line.dates is not None and line.dates.notice_deadline_working is not None
    path = write_register(contracts_table([line], "en"), tmp_path / "c.csv", "csv", "comma")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    row = rows[0]
    assert row["Contract number"] == "602.1/011/KTR/DISKOMINFO/2026"
    assert row["End"] == "2026-12-31"
    assert row["Notice deadline"] == line.dates.notice_deadline_working.isoformat()
    assert row["Renewal decision due"] == line.dates.decision_date.isoformat()
    assert row["Days left"] == str(line.days_left)
    assert row["Days to end"] == str((date(2026, 12, 31) - AS_OF).days)
    assert row["Contract value (Rp)"] == "1250000000"
    assert row["Renewal"] == "Tacit"


def test_no_stale_notice_or_decision_date_once_notice_is_given_or_terminated(
    tmp_path: Path,
) -> None:
    """A contract in notice or terminated needs neither: the cells stay empty, as in the alerts."""
    for status in (ContractStatus.IN_NOTICE, ContractStatus.TERMINATED):
        line = _contract_line(status)
        assert line.dates is not None and line.dates.decision_date is not None
        path = write_register(contracts_table([line], "en"), tmp_path / "c.csv", "csv", "comma")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            row = next(csv.DictReader(handle, delimiter=";"))
        assert row["Notice deadline"] == "" and row["Renewal decision due"] == "", status
        assert row["End"] == "2026-12-31"


def test_alert_register_from_the_rules(tmp_path: Path) -> None:
    alerts = compute_alerts(sample_agency(), AS_OF)
    assert alerts
    path = write_register(alerts_table(alerts), tmp_path / "a.xlsx", "xlsx")
    rows = list(load_workbook(path)["Peringatan"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(alerts)
    assert rows[0][2] == alerts[0].title
    assert {r[0] for r in rows} <= {"kritis", "waspada", "info"}
