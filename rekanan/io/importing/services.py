"""Kind ``layanan``: the agency's IT services, matched by their code."""

from __future__ import annotations

from rekanan.io import values as v
from rekanan.io.importing.spec import Cells, Column, KindSpec, Plan, cell, required
from rekanan.models import Criticality, Service, ServiceHours

SERVICE_HOURS_ALIASES: dict[str, ServiceHours] = {
    "24_7": ServiceHours.ALWAYS,
    "24/7": ServiceHours.ALWAYS,
    "24jam": ServiceHours.ALWAYS,
    "24_jam": ServiceHours.ALWAYS,
    "always": ServiceHours.ALWAYS,
    "office": ServiceHours.OFFICE,
    "office_hours": ServiceHours.OFFICE,
    "jam_kantor": ServiceHours.OFFICE,
    "hari_kerja": ServiceHours.OFFICE,
}

CRITICALITY_ALIASES: dict[str, Criticality] = {
    "critical": Criticality.CRITICAL,
    "high": Criticality.HIGH,
    "medium": Criticality.MEDIUM,
    "low": Criticality.LOW,
    "sangat_penting": Criticality.CRITICAL,
}

COLUMNS = (
    Column("kode", "Kode singkat layanan, unik.", "LAPOR", True),
    Column("nama", "Nama layanan.", "LAPOR! / SP4N", True),
    Column("unit_pemilik", "Unit yang memiliki layanan.", "Bidang Aplikasi Informatika"),
    Column("kritikalitas", "kritis, tinggi, sedang atau rendah.", "tinggi"),
    Column("jam_layanan", "24x7 atau jam_kerja.", "24x7"),
)


def service_hours(raw: v.Raw) -> ServiceHours | None:
    """``24x7`` or ``jam_kerja`` in their usual spellings."""
    return v.enum_value(raw, ServiceHours, SERVICE_HOURS_ALIASES)


def plan(row: Cells) -> Plan:
    """One service row."""
    code = required(row, "kode", v.one_line, "kode layanan")
    fields: dict[str, object] = {
        "code": code,
        "name": required(row, "nama", v.one_line, "nama layanan"),
    }
    if "unit_pemilik" in row:
        fields["owner_unit"] = v.one_line(row.get("unit_pemilik"))
    crit = cell(row, "kritikalitas", lambda r: v.enum_value(r, Criticality, CRITICALITY_ALIASES))
    if crit is not None:
        fields["criticality"] = crit
    hours = cell(row, "jam_layanan", service_hours)
    if hours is not None:
        fields["service_hours"] = hours
    return Plan(fields, code)


SPEC = KindSpec(
    name="layanan",
    title="Layanan",
    model=Service,
    columns=COLUMNS,
    keys=(("code",),),
    plan=plan,
    field_columns={
        "code": "kode",
        "name": "nama",
        "owner_unit": "unit_pemilik",
        "criticality": "kritikalitas",
        "service_hours": "jam_layanan",
    },
    aliases={"kode_layanan": "kode", "nama_layanan": "nama", "kekritisan": "kritikalitas"},
)
