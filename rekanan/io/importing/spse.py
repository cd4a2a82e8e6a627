"""Kind ``lkpp``: SPSE e-Kontrak "Kontrak" datasets that LKPP publishes (tender, non-tender).

The mapping keeps the source id (``kd_tender`` or ``kd_nontender``) so importing the same
export again, or a newer one, finds each contract and updates it. Text fields carry HTML
and are stripped; NPWP comes as ``npwp_16_penyedia``, ``npwp16_penyedia`` or
``npwp_penyedia`` in any spelling; individuals are recognised from ``tipe_penyedia``. The
real export (``shared/data/lkpp``) has end dates equal to start dates: such contracts are
taken and flagged, as are those without an end date or an NPWP.
"""

from __future__ import annotations

from rekanan.io import values as v
from rekanan.io.importing.contracts import date_flags
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
from rekanan.io.importing.suppliers import LEGAL_FORM_ALIASES, npwp_flags
from rekanan.models import Contract, ContractStatus, LegalForm

SOURCE = "spse"

COLUMNS = (
    Column("kd_tender", "Kode tender SPSE (atau kd_nontender).", "10002513000"),
    Column("no_kontrak", "Nomor kontrak.", "602.1/09/KTR/.../2025", True),
    Column("nama_paket", "Nama paket.", "Sewa Jaringan Internet", True),
    Column("nama_satker", "Satuan kerja.", "DINAS KOMUNIKASI DAN INFORMATIKA"),
    Column("tgl_kontrak_awal", "Tanggal mulai kontrak.", "2025-03-21T00:00:00.000000Z"),
    Column("tgl_kontrak_akhir", "Tanggal akhir kontrak.", "2025-12-31T00:00:00.000000Z"),
    Column("nama_penyedia", "Nama penyedia.", "PT. MARGA BHUANA JAYA"),
    Column("npwp_16_penyedia", "NPWP penyedia, 16 angka.", "0664633591429000"),
    Column("nilai_kontrak", "Nilai kontrak.", "334110000"),
)

_NPWP_COLUMNS = ("npwp_16_penyedia", "npwp16_penyedia", "npwp_penyedia")


def status_of(raw: v.Raw) -> tuple[ContractStatus, str | None]:
    """SPSE's ``status_kontrak`` as a lifecycle status, with a note when it is unknown."""
    word = v.fold(v.text(raw))
    if not word:
        return ContractStatus.ACTIVE, None
    if "putus" in word or "batal" in word:
        return ContractStatus.TERMINATED, None
    if "selesai" in word or "berakhir" in word:
        return ContractStatus.EXPIRED, None
    if "draf" in word or "draft" in word:
        return ContractStatus.DRAFT, None
    if "berjalan" in word or "aktif" in word:
        return ContractStatus.ACTIVE, None
    return ContractStatus.ACTIVE, f"Status SPSE '{v.text(raw)}' tidak dikenal; dicatat aktif."


def legal_form_spse(row: Cells, name: str) -> LegalForm | None:
    """Legal form from ``tipe_penyedia`` (individuals), ``bentuk_usaha_penyedia`` or the name."""
    kind = v.fold(v.text(row.get("tipe_penyedia")))
    if "perorangan" in kind or "perseorangan" in kind or "individu" in kind:
        return LegalForm.PERORANGAN
    form = v.fold(v.text(row.get("bentuk_usaha_penyedia")))
    if form:
        for key, value in LEGAL_FORM_ALIASES.items():
            if form.startswith(key):
                return value
        for member in LegalForm:
            if form == member.value or form.endswith(f"_{member.value}"):
                return member
        if "koperasi" in form:
            return LegalForm.KOPERASI
        if "firma" in form:
            return LegalForm.FIRMA
        if "perorangan" in form:
            return LegalForm.PERORANGAN
    return legal_form_of(name)


def source_id(row: Cells) -> str | None:
    """``tender:<kd_tender>`` or ``nontender:<kd_nontender>``; None when neither is there."""
    for column, prefix in (("kd_tender", "tender"), ("kd_nontender", "nontender")):
        digits = v.digits_only(row.get(column))
        if digits:
            return f"{prefix}:{digits}"
    return None


def plan(row: Cells) -> Plan:
    """One SPSE e-Kontrak record."""
    number = required(row, "no_kontrak", v.one_line, "nomor kontrak")
    title = v.one_line(row.get("nama_paket")) or number
    start = cell(row, "tgl_kontrak_awal", v.parse_date) or cell(row, "tgl_kontrak", v.parse_date)
    if start is None:
        raise RowRejected(
            "tgl_kontrak_awal", "Tanggal kontrak kosong; kontrak perlu tanggal mulai."
        )
    end = cell(row, "tgl_kontrak_akhir", v.parse_date)
    if end is not None and end < start:
        raise RowRejected(
            "tgl_kontrak_akhir",
            f"Tanggal akhir {end:%d/%m/%Y} sebelum tanggal mulai {start:%d/%m/%Y}; "
            "perbaiki di SPSE atau di berkasnya.",
        )
    npwp = None
    for column in _NPWP_COLUMNS:
        if v.text(row.get(column)):
            npwp = cell(row, column, v.npwp)
            if npwp is not None:
                break
    name = v.one_line(row.get("nama_penyedia"))
    if not name and npwp is None:
        raise RowRejected("nama_penyedia", "Penyedia tanpa nama dan tanpa NPWP.")
    status, status_note = status_of(row.get("status_kontrak"))
    scope = v.strip_html(row.get("lingkup_pekerjaan"))
    fields: dict[str, object] = {
        "number": number,
        "title": title,
        "start_date": start,
        "end_date": end,
        "value": cell(row, "nilai_kontrak", v.money) or 0,
        "satker": v.one_line(row.get("nama_satker")),
        "ppk": v.one_line(row.get("nama_ppk")),
        "contract_type": v.one_line(row.get("jenis_kontrak")),
        "status": status,
        "addendum_version": cell(row, "versi_addendum", v.integer) or 0,
        "source": SOURCE,
        "source_id": source_id(row),
        "notes": scope if scope and scope != title else "",
    }
    notes = [status_note] if status_note else []
    if v.boolean_or_none(row.get("apakah_addendum")):
        notes.append(f"Kontrak ini sudah diadendum (versi {fields['addendum_version']}).")
    supplier = SupplierRef(name, npwp.canonical if npwp else None, legal_form_spse(row, name),
                           column="npwp_16_penyedia")  # fmt: skip
    defaulted = {
        name_
        for name_, column in (("value", "nilai_kontrak"), ("addendum_version", "versi_addendum"),
                              ("title", "nama_paket"))
        if not v.text(row.get(column))
    }  # fmt: skip
    result = Plan(fields, number, supplier=supplier, flags=npwp_flags(npwp), notes=notes,
                  defaulted=defaulted)  # fmt: skip
    date_flags(result, number, start, end)
    return result


SPEC = KindSpec(
    name="lkpp",
    title="SPSE e-Kontrak",
    model=Contract,
    columns=COLUMNS,
    keys=(("source", "source_id"), ("number",)),
    plan=plan,
    field_columns={"number": "no_kontrak", "title": "nama_paket", "start_date": "tgl_kontrak_awal",
                   "end_date": "tgl_kontrak_akhir", "value": "nilai_kontrak",
                   "satker": "nama_satker", "ppk": "nama_ppk", "contract_type": "jenis_kontrak",
                   "status": "status_kontrak", "addendum_version": "versi_addendum",
                   "supplier_id": "npwp_16_penyedia", "source_id": "kd_tender"},
    aliases={"npwp16_penyedia": "npwp_16_penyedia"},
    template=False,
    label_columns=("no_kontrak",),
)  # fmt: skip
