"""An exported register says its filters and its day in the XLSX; the CSV stays rows only (F44)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from rekanan.domain.alert import AlertKind, Severity
from rekanan.io.export.register_filters import alert_filters, contract_filters, supplier_filters
from rekanan.io.export.registers import RegisterNote, suppliers_table, write_register
from rekanan.models.enums import ContractStatus, SupplierCategory
from rekanan.store.lists import ContractQuery, SupplierQuery

DAY = date(2026, 11, 23)


def test_xlsx_has_a_note_sheet_with_the_day_and_the_filters(tmp_path: Path) -> None:
    filters = supplier_filters(SupplierQuery(search="awan", category=SupplierCategory("strategis")))
    note = RegisterNote(DAY, filters, "id")
    path = write_register(suppliers_table([]), tmp_path / "s.xlsx", "xlsx", note=note)
    book = load_workbook(path)
    assert book.sheetnames == ["Rekanan", "Keterangan"]
    rows = list(book["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert rows == [
        ("Posisi data per", "23 November 2026"),
        ("Filter", 'cari "awan"'),
        ("Filter", "kategori Strategis"),
    ]


def test_an_unfiltered_export_says_so_in_english(tmp_path: Path) -> None:
    note = RegisterNote(DAY, (), "en")
    path = write_register(suppliers_table([], "en"), tmp_path / "s.xlsx", "xlsx", note=note)
    rows = list(load_workbook(path)["About"].iter_rows(min_row=2, values_only=True))
    assert rows == [("Data as of", "23 November 2026"), ("Filter", "none (every row)")]


def test_csv_stays_machine_readable(tmp_path: Path) -> None:
    note = RegisterNote(DAY, ('cari "awan"',), "id")
    with_note = write_register(suppliers_table([]), tmp_path / "a.csv", "csv", note=note)
    without = write_register(suppliers_table([]), tmp_path / "b.csv", "csv")
    assert with_note.read_bytes() == without.read_bytes()


def test_contract_and_alert_filters_in_words() -> None:
    query = ContractQuery(
        as_of=DAY,
        statuses=frozenset({ContractStatus.ACTIVE}),
        underpinning=True,
        due_within_days=90,
        include_overdue=True,
    )
    assert contract_filters(query) == (
        "status Aktif",
        "kontrak pendukung (UC): ya",
        "tenggat dalam 90 hari",
        "termasuk yang sudah lewat",
    )
    assert contract_filters(ContractQuery(as_of=DAY)) == ()
    words = alert_filters(
        "en",
        severity=Severity.CRITICAL,
        with_snoozed=True,
        within_days=30,
        kinds=[AlertKind.NOTICE_DEADLINE],
        search="elang",
    )
    assert words == (
        "severity critical",
        "including snoozed",
        "within 30 days",
        "kind Notice deadline",
        'search "elang"',
    )
