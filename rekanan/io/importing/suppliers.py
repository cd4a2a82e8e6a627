"""Kind ``rekanan``: suppliers, matched by NPWP in any spelling, else by a folded name."""

from __future__ import annotations

from rekanan.domain.identifiers import NpwpCheck
from rekanan.io import values as v
from rekanan.io.importing.spec import (
    Cells,
    Column,
    KindSpec,
    Plan,
    cell,
    npwp_warning,
    problem,
    required,
)
from rekanan.models import LegalForm, Supplier, SupplierCategory

COLUMNS = (
    Column("nama", "Nama rekanan (badan usaha atau perorangan).", "PT Jaringan Nusantara", True),
    Column(
        "npwp",
        "NPWP 15 atau 16 angka, boleh dengan titik dan strip. Kosong boleh, tetapi ditandai.",
        "01.234.567.8-901.000",
    ),
    Column("nib", "Nomor Induk Berusaha, 13 angka.", "9120001234567"),
    Column(
        "bentuk_usaha",
        "pt, cv, koperasi, firma, bumn, bumd, perorangan atau lainnya.",
        "pt",
    ),
    Column("kategori", "strategis, taktis, operasional atau komoditas.", "strategis"),
    Column("alamat", "Alamat kantor.", "Jl. Merdeka No. 1, Bandung"),
    Column("kontak", "Nama narahubung.", "Budi Santoso"),
    Column("email", "Surel narahubung.", "budi@contoh.co.id"),
    Column("telepon", "Nomor telepon.", "022-1234567"),
)

LEGAL_FORM_ALIASES: dict[str, LegalForm] = {
    "perseroan_terbatas": LegalForm.PT,
    "perseroan_terbatas_pt": LegalForm.PT,
    "persekutuan_komanditer": LegalForm.CV,
    "commanditaire_vennootschap": LegalForm.CV,
    "perusahaan_perorangan": LegalForm.PERORANGAN,
    "individu": LegalForm.PERORANGAN,
    "orang_perseorangan": LegalForm.PERORANGAN,
    "usaha_dagang": LegalForm.LAINNYA,
    "ud": LegalForm.LAINNYA,
}

CATEGORY_ALIASES: dict[str, SupplierCategory] = {
    "strategic": SupplierCategory.STRATEGIC,
    "tactical": SupplierCategory.TACTICAL,
    "operational": SupplierCategory.OPERATIONAL,
    "commodity": SupplierCategory.COMMODITY,
}


def npwp_flags(npwp: NpwpCheck | None) -> list[str]:
    """The flag of an NPWP whose check digit fails (a missing NPWP is judged on matching).

    Whether "no NPWP" deserves a flag depends on what the row matched: a supplier with an
    NPWP in the database is complete, a new one is not; the applier says which.
    """
    return [npwp_warning(npwp.canonical)] if npwp is not None and npwp.warning else []


def missing_npwp_flag(name: str) -> str:
    """The flag of a supplier that ends up without an NPWP."""
    return f"Rekanan '{name}' tanpa NPWP; lengkapi NPWP-nya."


def plan(row: Cells) -> Plan:
    """One supplier row; empty cells leave the stored values of a known supplier alone."""
    name = required(row, "nama", v.one_line, "nama rekanan")
    npwp = cell(row, "npwp", v.npwp)
    nib_digits = v.digits_only(row.get("nib"))
    if nib_digits and len(nib_digits) != 13:
        problem(row, "nib", f"NIB '{v.text(row.get('nib'))}' harus 13 angka.")
    fields: dict[str, object] = {"name": name, "npwp": npwp.canonical if npwp else None}
    if "nib" in row:
        fields["nib"] = nib_digits or None
    form = cell(row, "bentuk_usaha", lambda r: v.enum_value(r, LegalForm, LEGAL_FORM_ALIASES))
    if form is not None:
        fields["legal_form"] = form
    category = cell(row, "kategori", lambda r: v.enum_value(r, SupplierCategory, CATEGORY_ALIASES))
    if category is not None:
        fields["category"] = category
    for column, field_name in (
        ("alamat", "address"),
        ("kontak", "contact_person"),
        ("email", "email"),
        ("telepon", "phone"),
    ):
        if column in row:
            fields[field_name] = v.one_line(row.get(column))
    result = Plan(fields, name or "", flags=npwp_flags(npwp))
    result.if_empty["npwp"] = missing_npwp_flag(name or "")
    return result


SPEC = KindSpec(
    name="rekanan",
    title="Rekanan",
    model=Supplier,
    columns=COLUMNS,
    keys=(("npwp",), ("name_key",)),
    plan=plan,
    field_columns={
        "name": "nama",
        "npwp": "npwp",
        "nib": "nib",
        "legal_form": "bentuk_usaha",
        "category": "kategori",
        "address": "alamat",
        "contact_person": "kontak",
        "email": "email",
        "phone": "telepon",
    },
    aliases={"nama_rekanan": "nama", "npwp_rekanan": "npwp", "narahubung": "kontak"},
    label_columns=("nama", "npwp"),
)
