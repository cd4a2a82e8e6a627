"""Kind ``penilaian``: SIKaP-style evaluations of a supplier, per contract and period."""

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
    required,
)
from rekanan.models import Evaluation

COLUMNS = (
    Column("npwp_rekanan", "NPWP rekanan yang dinilai (kosong: rekanan kontraknya).",
           "01.234.567.8-901.000"),
    Column("nomor_kontrak", "Nomor kontrak yang dinilai (harus sudah ada).",
           "027/015/KTR/DISKOMINFO/2026"),
    Column("periode_mulai", "Awal periode penilaian.", "2026-01-01", True),
    Column("periode_selesai", "Akhir periode penilaian.", "2026-03-31", True),
    Column("kualitas", "Kualitas dan kuantitas: 1 Cukup, 2 Baik, 3 Sangat Baik (0: diputus).",
           "3", True),
    Column("biaya", "Biaya: 1, 2 atau 3.", "2", True),
    Column("waktu", "Waktu: 3 tepat waktu, 2 terlambat s.d. 50 hari, 1 lebih.", "3", True),
    Column("layanan", "Layanan: 1, 2 atau 3.", "2", True),
    Column("penilai", "Nama penilai.", "Budi Santoso"),
    Column("tanggal", "Tanggal penilaian (kosong: akhir periode).", "2026-04-05"),
)  # fmt: skip

_WORDS = {"buruk": 0, "cukup": 1, "baik": 2, "sangat_baik": 3}


def score(raw: v.Raw) -> int | None:
    """A score 0-3, as a number or its word (Cukup, Baik, Sangat Baik)."""
    word = v.fold(v.text(raw))
    if word in _WORDS:
        return _WORDS[word]
    value = v.integer(raw, what="nilai 0 sampai 3")
    if value is not None and not 0 <= value <= 3:
        raise v.ValueProblem(
            f"Nilai '{v.text(raw)}' harus 1 (Cukup), 2 (Baik) atau 3 (Sangat Baik)."
        )
    return value


def plan(row: Cells) -> Plan:
    """One evaluation row."""
    npwp = cell(row, "npwp_rekanan", v.npwp)
    number = cell(row, "nomor_kontrak", v.one_line) or None
    name = cell(row, "nama_rekanan", v.one_line)
    if npwp is None and number is None and not name:
        raise RowRejected("npwp_rekanan", "Isi NPWP rekanan atau nomor kontrak yang dinilai.")
    start = required(row, "periode_mulai", v.parse_date, "awal periode")
    end = required(row, "periode_selesai", v.parse_date, "akhir periode")
    fields: dict[str, object] = {"period_start": start, "period_end": end}
    for column, name_ in (
        ("kualitas", "quality"),
        ("biaya", "cost"),
        ("waktu", "timeliness"),
        ("layanan", "service"),
    ):
        fields[name_] = required(row, column, score, "nilai 1 sampai 3")
    fields["evaluator"] = v.one_line(row.get("penilai"))
    fields["evaluated_on"] = cell(row, "tanggal", v.parse_date) or end
    supplier = SupplierRef(name or "", npwp.canonical if npwp else None) if npwp or name else None
    label = f"{number or (npwp.canonical if npwp else name)} {start:%d/%m/%Y}-{end:%d/%m/%Y}"
    return Plan(fields, label, supplier=supplier, contract_number=number)


SPEC = KindSpec(
    name="penilaian",
    title="Penilaian kinerja",
    model=Evaluation,
    columns=COLUMNS,
    keys=(("supplier_id", "contract_id", "period_start", "period_end"),),
    plan=plan,
    field_columns={"supplier_id": "npwp_rekanan", "contract_id": "nomor_kontrak",
                   "period_start": "periode_mulai", "period_end": "periode_selesai",
                   "quality": "kualitas", "cost": "biaya", "timeliness": "waktu",
                   "service": "layanan", "evaluator": "penilai", "evaluated_on": "tanggal"},
)  # fmt: skip
