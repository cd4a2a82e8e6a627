"""Kind ``kontrak``: contracts from the agency's own spreadsheet, matched by number.

A row names its supplier by NPWP (any spelling) and name; a supplier that is not known yet
is created from them. ``kode_layanan`` lists the services a UC backs, separated by ``;``;
``komponen`` names the component (one for all, or one per service in the same order), and
UCs with the same component for one service are redundant.
"""

from __future__ import annotations

from datetime import date

from rekanan.io import values as v
from rekanan.io.importing.services import service_hours
from rekanan.io.importing.spec import (
    Cells,
    Column,
    KindSpec,
    Plan,
    SupplierRef,
    cell,
    legal_form_of,
    problem,
    required,
)
from rekanan.io.importing.suppliers import npwp_flags
from rekanan.models import Contract, RenewalKind
from rekanan.models.enums import ContractStatus

RENEWAL_ALIASES: dict[str, RenewalKind] = {
    "tidak_ada": RenewalKind.NONE,
    "none": RenewalKind.NONE,
    "no": RenewalKind.NONE,
    "n": RenewalKind.NONE,
    "tacit": RenewalKind.TACIT,
    "auto": RenewalKind.TACIT,
    "otomatis_diam_diam": RenewalKind.TACIT,
    "express": RenewalKind.EXPRESS,
    "explicit": RenewalKind.EXPRESS,
    "eksplisit_tertulis": RenewalKind.EXPRESS,
}

STATUS_ALIASES: dict[str, ContractStatus] = {
    "draft": ContractStatus.DRAFT,
    "active": ContractStatus.ACTIVE,
    "berjalan": ContractStatus.ACTIVE,
    "expired": ContractStatus.EXPIRED,
    "selesai": ContractStatus.EXPIRED,
    "terminated": ContractStatus.TERMINATED,
    "putus": ContractStatus.TERMINATED,
}

COLUMNS = (
    Column("nomor", "Nomor kontrak, unik.", "027/015/KTR/DISKOMINFO/2026", True),
    Column("judul", "Judul atau nama paket pekerjaan.", "Sewa Jaringan Internet 2026", True),
    Column("npwp_rekanan", "NPWP rekanan, ejaan apa pun. Kosong: dicocokkan menurut nama.",
           "01.234.567.8-901.000"),
    Column("nama_rekanan", "Nama rekanan; rekanan baru dibuat bila belum ada.",
           "PT Jaringan Nusantara", True),
    Column("kontrak_pendukung", "ya bila kontrak ini UC yang mendukung layanan, tidak bila bukan.",
           "ya"),
    Column("kode_layanan", "Kode layanan yang didukung, pisahkan dengan ';'. Daftar lengkap: "
           "layanan yang tidak disebut dilepas. Kosong: layanan tersimpan tetap.", "LAPOR;EOFFICE"),
    Column("komponen", "Komponen yang dipasok (UC dengan komponen sama untuk satu layanan "
           "saling cadang). Satu untuk semua, atau satu per layanan dengan ';'. Kosong: "
           "komponen tersimpan tetap.", "internet"),
    Column("nilai", "Nilai kontrak dalam rupiah.", "Rp1.250.000.000"),
    Column("mulai", "Tanggal mulai.", "2026-01-01", True),
    Column("selesai", "Tanggal berakhir. Kosong boleh, tetapi ditandai.", "31/12/2026"),
    Column("pemberitahuan_hari", "Masa pemberitahuan sebelum berakhir, hari.", "30"),
    Column("perpanjangan", "tidak, otomatis (diam-diam) atau eksplisit.", "eksplisit"),
    Column("periode_perpanjangan_bulan", "Lama satu perpanjangan, bulan.", "12"),
    Column("maks_perpanjangan", "Berapa kali boleh diperpanjang.", "1"),
    Column("ketersediaan_persen", "Target ketersediaan yang dijanjikan rekanan, persen.", "99,5"),
    Column("respons_jam", "Waktu respons rekanan, jam.", "2"),
    Column("penyelesaian_jam", "Waktu penyelesaian rekanan, jam.", "8"),
    Column("jam_layanan", "24x7 atau jam_kerja.", "24x7"),
    Column("jaminan_pelaksanaan", "Nilai jaminan pelaksanaan, rupiah.", "62.500.000"),
    Column("batas_denda_persen", "Batas denda keterlambatan, persen nilai kontrak.", "5"),
    Column("ppk", "Pejabat Pembuat Komitmen.", "Budi Santoso, S.Kom."),
)  # fmt: skip

_OPTIONAL = (
    ("nilai", "value", v.money),
    ("pemberitahuan_hari", "notice_days", v.integer),
    ("periode_perpanjangan_bulan", "renewal_period_months", v.integer),
    ("maks_perpanjangan", "max_renewals", v.integer),
    ("ketersediaan_persen", "availability_pct", v.percent),
    ("respons_jam", "response_hours", v.hours),
    ("penyelesaian_jam", "resolution_hours", v.hours),
    ("jaminan_pelaksanaan", "performance_bond", v.money),
    ("batas_denda_persen", "penalty_cap_pct", v.percent),
)

_DEFAULTS: dict[str, object] = {"notice_days": 30, "max_renewals": 0}


def date_flags(plan: Plan, number: str, start: date | None, end: date | None) -> None:
    """Incomplete dates: taken, and flagged for a person (they become data-quality alerts).

    A missing end date is flagged only if the contract ends up without one: an existing
    contract keeps its stored end date when the cell is empty.
    """
    if end is None:
        plan.if_empty["end_date"] = (
            f"Kontrak {number} tanpa tanggal berakhir; lengkapi agar peringatan berjalan."
        )
    elif end == start:
        plan.flags.append(
            f"Kontrak {number} berakhir pada hari yang sama dengan mulainya; periksa lagi."
        )


def service_links(row: Cells) -> list[tuple[str, str | None]] | None:
    """``kode_layanan`` and ``komponen`` as (code, component) pairs; None when not given.

    An empty ``kode_layanan`` is "not given": the contract keeps the services it backs.
    A non-empty one is the whole list, so services it leaves out are let go (and the
    report names them). An empty component keeps the stored one.
    """
    codes = [c.strip() for c in v.text(row.get("kode_layanan")).split(";") if c.strip()]
    if not codes:
        if v.text(row.get("komponen")):
            problem(
                row,
                "komponen",
                "Komponen diisi tetapi kode_layanan kosong; tulis kode layanan yang didukung.",
            )
        return None
    parts = [p.strip() for p in v.text(row.get("komponen")).split(";")]
    if len(parts) > 1 and len(parts) != len(codes):
        problem(
            row,
            "komponen",
            f"Ada {len(parts)} komponen untuk {len(codes)} layanan; tulis satu komponen untuk "
            "semua, atau satu per layanan dengan urutan yang sama.",
        )
        return None
    links: list[tuple[str, str | None]] = []
    for index, code in enumerate(codes):
        component = parts[index] if len(parts) > 1 else parts[0]
        if code in (c for c, _ in links):
            continue
        links.append((code, component or None))
    return links


def plan(row: Cells) -> Plan:
    """One contract row."""
    number = required(row, "nomor", v.one_line, "nomor kontrak")
    title = required(row, "judul", v.one_line, "judul kontrak")
    npwp = cell(row, "npwp_rekanan", v.npwp)
    supplier_name = cell(row, "nama_rekanan", v.one_line)
    if not supplier_name and npwp is None and not v.text(row.get("npwp_rekanan")):
        problem(row, "nama_rekanan", "Isi NPWP atau nama rekanan agar kontrak punya rekanan.")
    start = required(row, "mulai", v.parse_date, "tanggal mulai kontrak")
    end = cell(row, "selesai", v.parse_date)
    fields: dict[str, object] = {
        "number": number,
        "title": title,
        "start_date": start,
        "end_date": end,
    }
    defaulted: set[str] = set()
    for column, name, parse in _OPTIONAL:
        if column in row:
            value = cell(row, column, parse)
            fields[name] = _DEFAULTS.get(name) if value is None else value
            if value is None:
                defaulted.add(name)
    for column, name in (("ppk", "ppk"), ("satker", "satker")):
        if column in row:
            fields[name] = v.one_line(row.get(column))
    renewal = cell(row, "perpanjangan", lambda r: v.enum_value(r, RenewalKind, RENEWAL_ALIASES))
    if "perpanjangan" in row:
        fields["renewal_kind"] = renewal or RenewalKind.NONE
        if renewal is None:
            defaulted.add("renewal_kind")
    if "jam_layanan" in row:
        fields["service_hours"] = cell(row, "jam_layanan", service_hours)
    status = cell(row, "status", lambda r: v.enum_value(r, ContractStatus, STATUS_ALIASES))
    if status is not None:
        fields["status"] = status
    links = service_links(row)
    underpinning = cell(row, "kontrak_pendukung", v.boolean)
    if underpinning is None and "kontrak_pendukung" in row:
        underpinning = bool(links)
        defaulted.add("is_underpinning")
    if underpinning is not None:
        fields["is_underpinning"] = underpinning
    supplier = SupplierRef(
        name=supplier_name or "",
        npwp=npwp.canonical if npwp else None,
        legal_form=legal_form_of(supplier_name or ""),
    )
    result = Plan(fields, number or "", supplier=supplier, links=links, defaulted=defaulted)
    date_flags(result, number, start, end)
    result.flags += npwp_flags(npwp)
    return result


SPEC = KindSpec(
    name="kontrak",
    title="Kontrak",
    model=Contract,
    columns=COLUMNS,
    keys=(("number",),),
    plan=plan,
    field_columns={
        "number": "nomor",
        "title": "judul",
        "supplier_id": "npwp_rekanan",
        "is_underpinning": "kontrak_pendukung",
        "value": "nilai",
        "start_date": "mulai",
        "end_date": "selesai",
        "notice_days": "pemberitahuan_hari",
        "renewal_kind": "perpanjangan",
        "renewal_period_months": "periode_perpanjangan_bulan",
        "max_renewals": "maks_perpanjangan",
        "availability_pct": "ketersediaan_persen",
        "response_hours": "respons_jam",
        "resolution_hours": "penyelesaian_jam",
        "service_hours": "jam_layanan",
        "performance_bond": "jaminan_pelaksanaan",
        "penalty_cap_pct": "batas_denda_persen",
        "ppk": "ppk",
        "satker": "satker",
        "status": "status",
    },
    label_columns=("nomor",),
    aliases={"nomor_kontrak": "nomor", "nama_paket": "judul", "tanggal_mulai": "mulai",
             "tanggal_selesai": "selesai", "nilai_kontrak": "nilai", "uc": "kontrak_pendukung"},
)  # fmt: skip
