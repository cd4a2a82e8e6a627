"""Kind ``sla``: what the agency promises a customer for a service, per validity period."""

from __future__ import annotations

from rekanan.io import values as v
from rekanan.io.importing.services import service_hours
from rekanan.io.importing.spec import Cells, Column, KindSpec, Plan, cell, required
from rekanan.models import SLA

COLUMNS = (
    Column("kode_layanan", "Kode layanan (harus sudah ada).", "LAPOR", True),
    Column("pelanggan", "Pelanggan layanan (OPD, masyarakat).", "Seluruh OPD", True),
    Column("ketersediaan_persen", "Target ketersediaan dalam persen.", "99,5"),
    Column("respons_jam", "Target waktu respons, jam.", "1"),
    Column("penyelesaian_jam", "Target waktu penyelesaian, jam.", "4"),
    Column("jam_layanan", "24x7 atau jam_kerja.", "24x7"),
    Column("berlaku_mulai", "Tanggal mulai berlaku.", "2026-01-01", True),
    Column("berlaku_sampai", "Tanggal akhir berlaku (kosong: tanpa batas).", "31/12/2026"),
)


def plan(row: Cells) -> Plan:
    """One SLA row."""
    code = required(row, "kode_layanan", v.one_line, "kode layanan")
    customer = required(row, "pelanggan", v.one_line, "nama pelanggan")
    start = required(row, "berlaku_mulai", v.parse_date, "tanggal mulai berlaku")
    fields: dict[str, object] = {"customer": customer, "valid_from": start}
    for column, name, parse in (
        ("ketersediaan_persen", "availability_pct", v.percent),
        ("respons_jam", "response_hours", v.hours),
        ("penyelesaian_jam", "resolution_hours", v.hours),
        ("berlaku_sampai", "valid_until", v.parse_date),
    ):
        if column in row:
            fields[name] = cell(row, column, parse)
    hours = cell(row, "jam_layanan", service_hours)
    if hours is not None:
        fields["service_hours"] = hours
    return Plan(fields, f"{code} / {customer}", service_code=code)


SPEC = KindSpec(
    name="sla",
    title="SLA",
    model=SLA,
    columns=COLUMNS,
    keys=(("service_id", "customer", "valid_from"),),
    plan=plan,
    field_columns={
        "service_id": "kode_layanan",
        "customer": "pelanggan",
        "availability_pct": "ketersediaan_persen",
        "response_hours": "respons_jam",
        "resolution_hours": "penyelesaian_jam",
        "service_hours": "jam_layanan",
        "valid_from": "berlaku_mulai",
        "valid_until": "berlaku_sampai",
    },
)
