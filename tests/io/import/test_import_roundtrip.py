"""Each template kind round-trips: template -> filled -> import -> current rows -> same data."""

from __future__ import annotations

import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from import_helpers import write_csv

from rekanan.io import values as v
from rekanan.io.importing import KINDS, TEMPLATE_KINDS, Outcome, run_import
from rekanan.io.importing.current import current_rows
from rekanan.io.templates import write_template
from rekanan.store.database import Database

ROWS: dict[str, list[dict[str, Any]]] = {
    "rekanan": [
        {
            "nama": "PT Jaringan Nusantara",
            "npwp": "01.234.567.8-901.000",
            "nib": "9120001234567",
            "bentuk_usaha": "pt",
            "kategori": "strategis",
            "alamat": "Jl. Merdeka No. 1, Bandung",
            "kontak": "Budi Santoso",
            "email": "budi@jn.co.id",
            "telepon": "022-1234567",
        },
        {
            "nama": "Andi Wijaya",
            "npwp": "3273012345670001",
            "nib": None,
            "bentuk_usaha": "perorangan",
            "kategori": "operasional",
            "alamat": "",
            "kontak": "",
            "email": "",
            "telepon": "",
        },
    ],
    "layanan": [
        {
            "kode": "LAPOR",
            "nama": "LAPOR! / SP4N",
            "unit_pemilik": "Bidang Aptika",
            "kritikalitas": "tinggi",
            "jam_layanan": "24x7",
        },
        {
            "kode": "EOFFICE",
            "nama": "e-Office",
            "unit_pemilik": "Sekretariat",
            "kritikalitas": "sedang",
            "jam_layanan": "jam_kerja",
        },
    ],
    "sla": [
        {
            "kode_layanan": "LAPOR",
            "pelanggan": "Seluruh OPD",
            "ketersediaan_persen": Decimal("99.5"),
            "respons_jam": Decimal("1"),
            "penyelesaian_jam": Decimal("4"),
            "jam_layanan": "24x7",
            "berlaku_mulai": date(2026, 1, 1),
            "berlaku_sampai": date(2026, 12, 31),
        },
    ],
    "kontrak": [
        {
            "nomor": "027/015/KTR/DISKOMINFO/2026",
            "judul": "Sewa Jaringan Internet 2026",
            "npwp_rekanan": "01.234.567.8-901.000",
            "nama_rekanan": "PT Jaringan Nusantara",
            "kontrak_pendukung": "ya",
            "kode_layanan": "LAPOR;EOFFICE",
            "komponen": "internet",
            "nilai": Decimal("1250000000.50"),
            "mulai": date(2026, 1, 1),
            "selesai": date(2026, 12, 31),
            "pemberitahuan_hari": 60,
            "perpanjangan": "eksplisit",
            "periode_perpanjangan_bulan": 12,
            "maks_perpanjangan": 1,
            "ketersediaan_persen": Decimal("99.9"),
            "respons_jam": Decimal("2"),
            "penyelesaian_jam": Decimal("8"),
            "jam_layanan": "24x7",
            "jaminan_pelaksanaan": Decimal("62500000"),
            "batas_denda_persen": Decimal("5"),
            "ppk": "Budi Santoso, S.Kom.",
        },
        {
            "nomor": "027/016/KTR/DISKOMINFO/2026",
            "judul": "Tenaga Ahli Programmer",
            "npwp_rekanan": "3273012345670001",
            "nama_rekanan": "Andi Wijaya",
            "kontrak_pendukung": "tidak",
            "kode_layanan": "",
            "komponen": "",
            "nilai": Decimal("96000000"),
            "mulai": date(2026, 2, 1),
            "selesai": None,
            "pemberitahuan_hari": 30,
            "perpanjangan": "tidak",
            "periode_perpanjangan_bulan": None,
            "maks_perpanjangan": 0,
            "ketersediaan_persen": None,
            "respons_jam": None,
            "penyelesaian_jam": None,
            "jam_layanan": None,
            "jaminan_pelaksanaan": None,
            "batas_denda_persen": Decimal("5"),
            "ppk": "Budi Santoso, S.Kom.",
        },
    ],
    "penilaian": [
        {
            "npwp_rekanan": "01.234.567.8-901.000",
            "nomor_kontrak": "027/015/KTR/DISKOMINFO/2026",
            "periode_mulai": date(2026, 1, 1),
            "periode_selesai": date(2026, 3, 31),
            "kualitas": 3,
            "biaya": 2,
            "waktu": 3,
            "layanan": 2,
            "penilai": "Budi",
            "tanggal": date(2026, 4, 5),
        },
    ],
    "insiden": [
        {
            "kode_layanan": "LAPOR",
            "nomor_kontrak": "027/015/KTR/DISKOMINFO/2026",
            "mulai": datetime(2026, 3, 7, 8, 15),
            "direspons": datetime(2026, 3, 7, 9, 0),
            "selesai": datetime(2026, 3, 7, 13, 30),
            "keparahan": "tinggi",
            "uraian": "Tautan internet putus",
        },
        {
            "kode_layanan": "EOFFICE",
            "nomor_kontrak": "",
            "mulai": datetime(2026, 3, 9, 10, 0),
            "direspons": None,
            "selesai": None,
            "keparahan": "rendah",
            "uraian": "",
        },
    ],
    "sp": [
        {
            "nomor_kontrak": "027/015/KTR/DISKOMINFO/2026",
            "tingkat": "SP1",
            "tanggal": date(2026, 3, 10),
            "alasan": "Keterlambatan",
            "nomor_surat": "027/101/SP",
        },
    ],
    "denda": [
        {
            "nomor_kontrak": "027/015/KTR/DISKOMINFO/2026",
            "tanggal": date(2026, 4, 1),
            "hari_terlambat": 12,
            "dasar_nilai": Decimal("1136363636"),
            "jumlah": Decimal("13636364"),
            "catatan": "",
        },
    ],
    "sanksi": [
        {
            "npwp_rekanan": "01.234.567.8-901.000",
            "nama_rekanan": "PT Jaringan Nusantara",
            "jenis": "daftar_hitam_1_tahun",
            "nomor_sk": "027/12/SK/2026",
            "mulai": date(2026, 5, 1),
            "selesai": date(2027, 4, 30),
            "status": "tayang",
            "sumber": "lokal",
            "alasan": "Tidak menyelesaikan pekerjaan",
        },
    ],
}


def _norm(value: Any) -> str:
    """Values as text, so a CSV's strings and a database's types compare."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format(Decimal(value).normalize(), "f")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return v.text(value)


def _normalised(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> list[dict[str, str]]:
    return [{c: _norm(row.get(c)) for c in columns} for row in rows]


def test_every_template_kind_has_rows() -> None:
    assert set(ROWS) == set(TEMPLATE_KINDS)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip(db: Database, tmp_path: Path, suffix: str) -> None:
    for kind in TEMPLATE_KINDS:
        spec = KINDS[kind]
        path = tmp_path / f"{kind}{suffix}"
        if suffix == ".xlsx":
            write_template(kind, path, ROWS[kind])
        else:
            write_csv(
                path, spec.column_names, [{k: _norm(x) for k, x in r.items()} for r in ROWS[kind]]
            )
        report = run_import(db, kind, path)
        assert report.counts[Outcome.REJECTED] == 0, report.text_lines()
        assert report.counts[Outcome.NEW] == len(ROWS[kind]) or kind == "rekanan"
        with db.session() as session:
            back = current_rows(session, kind)
        assert _normalised(back, spec.column_names) == _normalised(ROWS[kind], spec.column_names)
        again = run_import(db, kind, path)
        assert again.counts[Outcome.UNCHANGED] == len(ROWS[kind]), again.text_lines()


def test_empty_template_imports_nothing(db: Database, tmp_path: Path) -> None:
    for kind in TEMPLATE_KINDS:
        path = write_template(kind, tmp_path / f"{kind}.xlsx")
        report = run_import(db, kind, path)
        assert report.rows == []
        assert report.committed
