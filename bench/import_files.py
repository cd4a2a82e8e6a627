"""Files to import in the benchmark: the ``kontrak`` template (CSV and XLSX) and an SPSE export.

The rows look like what an agency brings: contract numbers that are new to the database,
suppliers that are half already known (the NPWP of an existing supplier, spelled 15 or 16
digits, dotted or bare) and half new, Indonesian money and dates. The SPSE export has every
field of the real LKPP e-Kontrak dataset (``shared/data/lkpp``), with HTML in
``lingkup_pekerjaan`` and timestamps in ISO form, as the real one does.
"""

from __future__ import annotations

import csv
import json
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from stdnum.id import npwp as stdnum_npwp

TEMPLATE_COLUMNS = (
    "nomor",
    "judul",
    "npwp_rekanan",
    "nama_rekanan",
    "kontrak_pendukung",
    "kode_layanan",
    "komponen",
    "nilai",
    "mulai",
    "selesai",
    "pemberitahuan_hari",
    "perpanjangan",
    "periode_perpanjangan_bulan",
    "maks_perpanjangan",
    "ketersediaan_persen",
    "respons_jam",
    "penyelesaian_jam",
    "jam_layanan",
    "jaminan_pelaksanaan",
    "batas_denda_persen",
    "ppk",
)

SPSE_KEYS = (
    "tahun_anggaran",
    "kd_klpd",
    "nama_klpd",
    "jenis_klpd",
    "kd_satker",
    "kd_satker_str",
    "nama_satker",
    "alamat_satker",
    "kd_lpse",
    "kd_tender",
    "nama_paket",
    "lingkup_pekerjaan",
    "no_sppbj",
    "no_kontrak",
    "tgl_kontrak",
    "tgl_kontrak_awal",
    "tgl_kontrak_akhir",
    "kota_kontrak",
    "nip_ppk",
    "nama_ppk",
    "jabatan_ppk",
    "no_sk_ppk",
    "kd_penyedia",
    "nama_penyedia",
    "npwp_penyedia",
    "npwp_16_penyedia",
    "bentuk_usaha_penyedia",
    "tipe_penyedia",
    "anggota_kso",
    "wakil_sah_penyedia",
    "jabatan_wakil_penyedia",
    "nama_rek_bank",
    "no_rek_bank",
    "nama_pemilik_rek_bank",
    "nilai_kontrak",
    "alasan_ubah_nilai_kontrak",
    "alasan_nilai_kontrak_10_persen",
    "nilai_pdn_kontrak",
    "nilai_umk_kontrak",
    "jenis_kontrak",
    "informasi_lainnya",
    "status_kontrak",
    "tgl_penetapan_status_kontrak",
    "alasan_penetapan_status_kontrak",
    "apakah_addendum",
    "versi_addendum",
    "alasan_addendum",
)


def _rupiah(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _known_suppliers(db_path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    con = sqlite3.connect(db_path)
    try:
        suppliers = [
            (name, npwp)
            for name, npwp in con.execute("SELECT name, npwp FROM supplier WHERE npwp IS NOT NULL")
        ]
        services = [code for (code,) in con.execute("SELECT code FROM service")]
    finally:
        con.close()
    return suppliers, services


def _new_npwp(rnd: random.Random) -> str:
    head = f"0{rnd.randrange(4, 7)}{rnd.randrange(10**6):06d}"
    from stdnum import luhn

    return f"{head}{luhn.calc_check_digit(head)}{rnd.randrange(1000):03d}000"


def template_rows(db_path: Path, count: int, seed: int, as_of: date) -> list[dict[str, str]]:
    """``count`` rows of the ``kontrak`` template, as strings the way a spreadsheet has them."""
    rnd = random.Random(seed)
    known, services = _known_suppliers(db_path)
    rows = []
    for i in range(count):
        if known and rnd.random() < 0.5:
            name, canonical = rnd.choice(known)
            digits = canonical[1:]
            npwp = stdnum_npwp.format(digits) if rnd.random() < 0.5 else canonical
        else:
            name = f"CV Impor Data {i}"
            digits = _new_npwp(rnd)
            npwp = stdnum_npwp.format(digits) if rnd.random() < 0.5 else digits
        start = as_of - timedelta(days=rnd.randrange(0, 700))
        end = start + timedelta(days=rnd.choice((90, 180, 364, 729)))
        uc = rnd.random() < 0.3
        rows.append(
            {
                "nomor": f"IMP/{i:06d}/KTR/DISKOMINFO/{start.year}",
                "judul": f"Sewa Jaringan Internet Lokasi {i}",
                "npwp_rekanan": npwp,
                "nama_rekanan": name,
                "kontrak_pendukung": "ya" if uc else "tidak",
                "kode_layanan": ";".join(rnd.sample(services, min(2, len(services))))
                if uc and services
                else "",
                "komponen": "internet" if uc else "",
                "nilai": _rupiah(rnd.randrange(10, 2000) * 1_000_000),
                "mulai": start.isoformat() if rnd.random() < 0.5 else start.strftime("%d/%m/%Y"),
                "selesai": end.isoformat(),
                "pemberitahuan_hari": str(rnd.choice((14, 30, 60))),
                "perpanjangan": rnd.choice(("tidak", "otomatis", "eksplisit")),
                "periode_perpanjangan_bulan": "12",
                "maks_perpanjangan": str(rnd.randrange(0, 3)),
                "ketersediaan_persen": "99,5" if uc else "",
                "respons_jam": "2" if uc else "",
                "penyelesaian_jam": "8" if uc else "",
                "jam_layanan": "24x7" if uc else "",
                "jaminan_pelaksanaan": "",
                "batas_denda_persen": "5",
                "ppk": "Budi Santoso, S.Kom.",
            }
        )
    return rows


def changed_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The same rows with another value in every one (Rp500.000 more): a re-import of them
    updates every contract."""
    changed = []
    for row in rows:
        amount = int(row["nilai"].replace(".", "")) + 500_000
        changed.append({**row, "nilai": _rupiah(amount)})
    return changed


def read_template_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_template_csv(rows: list[dict[str, str]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=TEMPLATE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_template_xlsx(rows: list[dict[str, str]], path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("kontrak")
    sheet.append(list(TEMPLATE_COLUMNS))
    for row in rows:
        sheet.append([row[c] for c in TEMPLATE_COLUMNS])
    book.save(path)
    return path


def spse_records(db_path: Path, count: int, seed: int, as_of: date) -> list[dict[str, object]]:
    """``count`` records shaped like the LKPP e-Kontrak dataset, one satker's worth and more."""
    rnd = random.Random(seed + 1)
    known, _ = _known_suppliers(db_path)
    records: list[dict[str, object]] = []
    for i in range(count):
        if known and rnd.random() < 0.5:
            name, canonical = rnd.choice(known)
            npwp15 = canonical[1:]
        else:
            name = f"PT. SPSE PENYEDIA {i}"
            npwp15 = _new_npwp(rnd)
        start = as_of - timedelta(days=rnd.randrange(0, 700))
        end = start + timedelta(days=rnd.choice((0, 60, 120, 240)))
        value = rnd.randrange(50, 5000) * 1_000_000
        satker = (
            "DINAS KOMUNIKASI DAN INFORMATIKA"
            if rnd.random() < 0.3
            else rnd.choice(("DINAS PEKERJAAN UMUM DAN TATA RUANG", "DINAS KESEHATAN"))
        )
        record: dict[str, object] = dict.fromkeys(SPSE_KEYS)
        record.update(
            {
                "tahun_anggaran": start.year,
                "kd_klpd": "D107",
                "nama_klpd": "Kab. Contoh",
                "jenis_klpd": "KABUPATEN",
                "kd_satker": str(12335000 + rnd.randrange(100)),
                "nama_satker": satker,
                "kd_lpse": 93,
                "kd_tender": 20_000_000_000 + i * 1000,
                "nama_paket": f"Belanja Jasa Layanan {i}",
                "lingkup_pekerjaan": f"<p>Belanja Jasa Layanan {i}\r\n</p><p><br></p>",
                "no_kontrak": f"602.1/{i:05d}/KTR/SPSE/{start.year}",
                "tgl_kontrak": f"{start.isoformat()}T00:00:00.000000Z",
                "tgl_kontrak_awal": f"{start.isoformat()}T00:00:00.000000Z",
                "tgl_kontrak_akhir": f"{end.isoformat()}T00:00:00.000000Z",
                "kota_kontrak": "Contoh",
                "nama_ppk": "MAULANA ISWIDIANTO,BE",
                "kd_penyedia": 600000 + i,
                "nama_penyedia": name.upper(),
                "npwp_penyedia": npwp15 if rnd.random() < 0.5 else stdnum_npwp.format(npwp15),
                "npwp_16_penyedia": "0" + npwp15,
                "bentuk_usaha_penyedia": "Perseroan Terbatas (PT)",
                "tipe_penyedia": "Penyedia Badan Usaha Non KSO",
                "nilai_kontrak": value,
                "nilai_pdn_kontrak": value,
                "nilai_umk_kontrak": value,
                "jenis_kontrak": "Lumsum",
                "status_kontrak": "Kontrak Sedang Berjalan",
                "apakah_addendum": "Tidak",
                "versi_addendum": 0,
            }
        )
        records.append(record)
    return records


def write_spse_json(records: list[dict[str, object]], path: Path) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_spse_csv(records: list[dict[str, object]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=SPSE_KEYS)
        writer.writeheader()
        for record in records:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return path
