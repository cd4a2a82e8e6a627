"""Kind ``sanksi``: sanctions (mostly blacklist decrees), local or from the national list.

A sanction names its supplier by NPWP and name; a supplier not known yet is created, since
the national blacklist names companies the agency may meet in its next tender.
"""

from __future__ import annotations

from rekanan.io import values as v
from rekanan.io.importing.spec import (
    Cells,
    Column,
    KindSpec,
    Plan,
    RowRejected,
    SupplierRef,
    cell,
    legal_form_of,
    required,
)
from rekanan.io.importing.suppliers import npwp_flags
from rekanan.models import Sanction, SanctionKind, SanctionSource, SanctionStatus

COLUMNS = (
    Column("npwp_rekanan", "NPWP rekanan.", "01.234.567.8-901.000"),
    Column("nama_rekanan", "Nama rekanan; dibuat bila belum ada.", "CV Maju Terus", True),
    Column("jenis", "daftar_hitam_1_tahun, daftar_hitam_2_tahun atau lainnya.",
           "daftar_hitam_1_tahun", True),
    Column("nomor_sk", "Nomor surat keputusan.", "027/12/SK/DISKOMINFO/2026"),
    Column("mulai", "Tanggal mulai berlaku (tanggal SK).", "2026-03-07", True),
    Column("selesai", "Tanggal berakhir.", "2027-03-06"),
    Column("status", "tayang, penundaan atau pembatalan.", "tayang"),
    Column("sumber", "lokal (dinas ini) atau nasional (Daftar Hitam Nasional).", "lokal"),
    Column("alasan", "Alasan sanksi.", "Tidak menyelesaikan pekerjaan"),
)  # fmt: skip

KIND_ALIASES = {
    "1_tahun": SanctionKind.BLACKLIST_1Y,
    "2_tahun": SanctionKind.BLACKLIST_2Y,
    "daftar_hitam_1": SanctionKind.BLACKLIST_1Y,
    "daftar_hitam_2": SanctionKind.BLACKLIST_2Y,
    "blacklist_1y": SanctionKind.BLACKLIST_1Y,
    "blacklist_2y": SanctionKind.BLACKLIST_2Y,
}
STATUS_ALIASES = {"published": SanctionStatus.PUBLISHED, "postponed": SanctionStatus.POSTPONED,
                  "cancelled": SanctionStatus.CANCELLED, "batal": SanctionStatus.CANCELLED,
                  "ditunda": SanctionStatus.POSTPONED}  # fmt: skip
SOURCE_ALIASES = {"local": SanctionSource.LOCAL, "national": SanctionSource.NATIONAL,
                  "dhn": SanctionSource.NATIONAL, "inaproc": SanctionSource.NATIONAL}  # fmt: skip


def plan(row: Cells) -> Plan:
    """One sanction row."""
    npwp = cell(row, "npwp_rekanan", v.npwp)
    name = cell(row, "nama_rekanan", v.one_line)
    if not name and npwp is None:
        raise RowRejected("nama_rekanan", "Isi NPWP atau nama rekanan yang dikenai sanksi.")
    kind = required(
        row, "jenis", lambda r: v.enum_value(r, SanctionKind, KIND_ALIASES), "jenis sanksi"
    )
    start = required(row, "mulai", v.parse_date, "tanggal mulai sanksi")
    fields: dict[str, object] = {
        "kind": kind,
        "decree_number": v.one_line(row.get("nomor_sk")),
        "start_date": start,
        "end_date": cell(row, "selesai", v.parse_date),
    }
    status = cell(row, "status", lambda r: v.enum_value(r, SanctionStatus, STATUS_ALIASES))
    if status is not None:
        fields["status"] = status
    source = cell(row, "sumber", lambda r: v.enum_value(r, SanctionSource, SOURCE_ALIASES))
    if source is not None:
        fields["source"] = source
    if "alasan" in row:
        fields["reason"] = v.strip_html(row.get("alasan"))
    supplier = SupplierRef(name or "", npwp.canonical if npwp else None, legal_form_of(name or ""))
    flags = npwp_flags(npwp)
    label = fields["decree_number"] or f"{name} {start:%d/%m/%Y}"
    return Plan(fields, str(label), supplier=supplier, flags=flags)


SPEC = KindSpec(
    name="sanksi",
    title="Sanksi",
    model=Sanction,
    columns=COLUMNS,
    keys=(("supplier_id", "decree_number"), ("supplier_id", "kind", "start_date")),
    plan=plan,
    field_columns={"supplier_id": "npwp_rekanan", "kind": "jenis", "decree_number": "nomor_sk",
                   "start_date": "mulai", "end_date": "selesai", "status": "status",
                   "source": "sumber", "reason": "alasan"},
)  # fmt: skip
