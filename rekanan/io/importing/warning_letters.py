"""Kind ``sp``: warning letters SP1-SP3 under a contract, matched by contract, level, date."""

from __future__ import annotations

from rekanan.io import values as v
from rekanan.io.importing.spec import Cells, Column, KindSpec, Plan, required
from rekanan.models import WarningLetter, WarningLevel

COLUMNS = (
    Column("nomor_kontrak", "Nomor kontrak (harus sudah ada).", "027/015/KTR/DISKOMINFO/2026",
           True),
    Column("tingkat", "SP1, SP2 atau SP3.", "SP1", True),
    Column("tanggal", "Tanggal surat.", "2026-03-07", True),
    Column("alasan", "Alasan peringatan.", "Keterlambatan pemasangan tautan"),
    Column("nomor_surat", "Nomor surat peringatan.", "027/101/SP/DISKOMINFO/2026"),
)  # fmt: skip

_LEVEL_ALIASES = {
    "1": WarningLevel.SP1,
    "2": WarningLevel.SP2,
    "3": WarningLevel.SP3,
    "sp_1": WarningLevel.SP1,
    "sp_2": WarningLevel.SP2,
    "sp_3": WarningLevel.SP3,
    "sp_i": WarningLevel.SP1,
    "sp_ii": WarningLevel.SP2,
    "sp_iii": WarningLevel.SP3,
}


def plan(row: Cells) -> Plan:
    """One warning-letter row."""
    number = required(row, "nomor_kontrak", v.one_line, "nomor kontrak")
    level = required(
        row, "tingkat", lambda r: v.enum_value(r, WarningLevel, _LEVEL_ALIASES), "tingkat SP"
    )
    issued = required(row, "tanggal", v.parse_date, "tanggal surat")
    fields: dict[str, object] = {"level": level, "issued_on": issued}
    if "alasan" in row:
        fields["reason"] = v.strip_html(row.get("alasan"))
    if "nomor_surat" in row:
        fields["letter_number"] = v.one_line(row.get("nomor_surat"))
    return Plan(fields, f"{number} {level} {issued:%d/%m/%Y}", contract_number=number)


SPEC = KindSpec(
    name="sp",
    title="Surat peringatan",
    model=WarningLetter,
    columns=COLUMNS,
    keys=(("contract_id", "level", "issued_on"),),
    plan=plan,
    field_columns={"contract_id": "nomor_kontrak", "level": "tingkat", "issued_on": "tanggal",
                   "reason": "alasan", "letter_number": "nomor_surat"},
)  # fmt: skip
