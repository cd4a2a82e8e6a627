"""Kind ``insiden``: incidents and SLA breaches of a service, matched by service and start."""

from __future__ import annotations

from rekanan.io import values as v
from rekanan.io.importing.spec import Cells, Column, KindSpec, Plan, cell, required
from rekanan.models import Incident, IncidentSeverity

SEVERITY_ALIASES: dict[str, IncidentSeverity] = {
    "critical": IncidentSeverity.CRITICAL,
    "high": IncidentSeverity.HIGH,
    "medium": IncidentSeverity.MEDIUM,
    "low": IncidentSeverity.LOW,
    "p1": IncidentSeverity.CRITICAL,
    "p2": IncidentSeverity.HIGH,
    "p3": IncidentSeverity.MEDIUM,
    "p4": IncidentSeverity.LOW,
}

COLUMNS = (
    Column("kode_layanan", "Kode layanan yang terganggu (harus sudah ada).", "LAPOR", True),
    Column("nomor_kontrak", "Nomor kontrak rekanan penyebab, bila diketahui.",
           "027/015/KTR/DISKOMINFO/2026"),
    Column("mulai", "Waktu gangguan mulai (tanggal dan jam).", "2026-03-07 08:15", True),
    Column("direspons", "Waktu rekanan merespons.", "2026-03-07 09:00"),
    Column("selesai", "Waktu gangguan selesai.", "07/03/2026 13.30"),
    Column("keparahan", "kritis, tinggi, sedang atau rendah.", "tinggi"),
    Column("uraian", "Uraian singkat.", "Tautan internet putus di pusat data"),
)  # fmt: skip


def plan(row: Cells) -> Plan:
    """One incident row."""
    code = required(row, "kode_layanan", v.one_line, "kode layanan")
    started = required(row, "mulai", v.parse_datetime, "waktu mulai")
    fields: dict[str, object] = {
        "started_at": started,
        "responded_at": cell(row, "direspons", v.parse_datetime),
        "resolved_at": cell(row, "selesai", v.parse_datetime),
        "description": v.strip_html(row.get("uraian")),
    }
    severity = cell(row, "keparahan", lambda r: v.enum_value(r, IncidentSeverity, SEVERITY_ALIASES))
    if severity is not None:
        fields["severity"] = severity
    number = cell(row, "nomor_kontrak", v.one_line) or None
    return Plan(fields, f"{code} {started:%d/%m/%Y %H:%M}", service_code=code,
                contract_number=number)  # fmt: skip


SPEC = KindSpec(
    name="insiden",
    title="Insiden",
    model=Incident,
    columns=COLUMNS,
    keys=(("service_id", "started_at"),),
    plan=plan,
    field_columns={"service_id": "kode_layanan", "contract_id": "nomor_kontrak",
                   "started_at": "mulai", "responded_at": "direspons", "resolved_at": "selesai",
                   "severity": "keparahan", "description": "uraian"},
)  # fmt: skip
