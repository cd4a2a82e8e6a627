"""Kind ``denda``: late-completion penalties on a contract, matched by contract and date."""

from __future__ import annotations

from rekanan.io import values as v
from rekanan.io.importing.spec import Cells, Column, KindSpec, Plan, cell, required
from rekanan.models import Penalty

COLUMNS = (
    Column("nomor_kontrak", "Nomor kontrak (harus sudah ada).", "027/015/KTR/DISKOMINFO/2026",
           True),
    Column("tanggal", "Tanggal denda dikenakan.", "2026-03-07", True),
    Column("hari_terlambat", "Jumlah hari kalender keterlambatan.", "12"),
    Column("dasar_nilai", "Nilai dasar denda (nilai kontrak sebelum PPN atau bagian yang "
           "terlambat), rupiah.", "1.136.363.636"),
    Column("jumlah", "Jumlah denda, rupiah (1 per mil per hari dari dasar nilai).",
           "13.636.364", True),
    Column("catatan", "Catatan.", ""),
)  # fmt: skip


def plan(row: Cells) -> Plan:
    """One penalty row."""
    number = required(row, "nomor_kontrak", v.one_line, "nomor kontrak")
    imposed = required(row, "tanggal", v.parse_date, "tanggal denda")
    fields: dict[str, object] = {
        "imposed_on": imposed,
        "amount": required(row, "jumlah", v.money, "jumlah denda"),
    }
    if "hari_terlambat" in row:
        fields["days_late"] = cell(row, "hari_terlambat", v.integer) or 0
    if "dasar_nilai" in row:
        fields["base_amount"] = cell(row, "dasar_nilai", v.money) or 0
    if "catatan" in row:
        fields["notes"] = v.strip_html(row.get("catatan"))
    return Plan(fields, f"{number} {imposed:%d/%m/%Y}", contract_number=number)


SPEC = KindSpec(
    name="denda",
    title="Denda",
    model=Penalty,
    columns=COLUMNS,
    keys=(("contract_id", "imposed_on"),),
    plan=plan,
    field_columns={"contract_id": "nomor_kontrak", "imposed_on": "tanggal",
                   "days_late": "hari_terlambat", "base_amount": "dasar_nilai",
                   "amount": "jumlah", "notes": "catatan"},
)  # fmt: skip
