"""The words for the stored codes of the model's enums, as staff read them.

One table for everyone who shows a code: the screens (``label``, ``choices``), the audit
trail (``rekanan.store.audit_text``). The Indonesian word is the catalogue's message id;
English comes from the ``.po`` catalogues (``rekanan.i18n``).
"""

from __future__ import annotations

from enum import StrEnum

from rekanan.i18n import N_, translate
from rekanan.models.enums import (
    ContractStatus,
    Criticality,
    IncidentSeverity,
    LegalForm,
    RenewalKind,
    ReviewDecisionKind,
    SanctionKind,
    SanctionSource,
    SanctionStatus,
    ServiceHours,
    SupplierCategory,
    WarningLevel,
)

ENUM_LABELS: tuple[tuple[StrEnum, str], ...] = (
    (SupplierCategory.STRATEGIC, N_("Strategis")),
    (SupplierCategory.TACTICAL, N_("Taktis")),
    (SupplierCategory.OPERATIONAL, N_("Operasional")),
    (SupplierCategory.COMMODITY, N_("Komoditas")),
    (LegalForm.PT, N_("PT")),
    (LegalForm.CV, N_("CV")),
    (LegalForm.KOPERASI, N_("Koperasi")),
    (LegalForm.FIRMA, N_("Firma")),
    (LegalForm.BUMN, N_("BUMN")),
    (LegalForm.BUMD, N_("BUMD")),
    (LegalForm.PERORANGAN, N_("Perorangan")),
    (LegalForm.LAINNYA, N_("Lainnya")),
    (ContractStatus.DRAFT, N_("Draf")),
    (ContractStatus.ACTIVE, N_("Aktif")),
    (ContractStatus.IN_NOTICE, N_("Masa pemberitahuan")),
    (ContractStatus.RENEWED, N_("Diperpanjang")),
    (ContractStatus.EXPIRED, N_("Berakhir")),
    (ContractStatus.TERMINATED, N_("Diputus")),
    (RenewalKind.NONE, N_("Tidak diperpanjang")),
    (RenewalKind.TACIT, N_("Otomatis (diam-diam)")),
    (RenewalKind.EXPRESS, N_("Eksplisit")),
    (ServiceHours.ALWAYS, N_("24x7")),
    (ServiceHours.OFFICE, N_("Jam kerja")),
    (Criticality.CRITICAL, N_("Kritis")),
    (Criticality.HIGH, N_("Tinggi")),
    (Criticality.MEDIUM, N_("Sedang")),
    (Criticality.LOW, N_("Rendah")),
    (WarningLevel.SP1, N_("SP1")),
    (WarningLevel.SP2, N_("SP2")),
    (WarningLevel.SP3, N_("SP3")),
    (SanctionKind.BLACKLIST_1Y, N_("Daftar hitam 1 tahun")),
    (SanctionKind.BLACKLIST_2Y, N_("Daftar hitam 2 tahun")),
    (SanctionKind.OTHER, N_("Sanksi lain")),
    (SanctionStatus.PUBLISHED, N_("Tayang")),
    (SanctionStatus.POSTPONED, N_("Penundaan")),
    (SanctionStatus.CANCELLED, N_("Pembatalan")),
    (SanctionSource.LOCAL, N_("Lokal")),
    (SanctionSource.NATIONAL, N_("Nasional")),
    (ReviewDecisionKind.RENEW, N_("Perpanjang")),
    (ReviewDecisionKind.RENEGOTIATE, N_("Negosiasi ulang")),
    (ReviewDecisionKind.RETENDER, N_("Tender ulang")),
    (ReviewDecisionKind.TERMINATE, N_("Putus")),
    (ReviewDecisionKind.ESCALATE, N_("Eskalasi")),
    (ReviewDecisionKind.DEFER, N_("Tunda keputusan")),
    (ReviewDecisionKind.SKIP, N_("Lewati")),
)
"""Each enum member with its word. Pairs, not a dict: members of different enums with the
same value (``LegalForm.LAINNYA`` and ``SanctionKind.OTHER`` are both ``"lainnya"``) are
equal as ``StrEnum`` keys and would overwrite each other."""

_LABEL_OF = {(type(member), member.value): text for member, text in ENUM_LABELS}


def enum_label(value: StrEnum) -> str | None:
    """The Indonesian word of an enum member (IncidentSeverity shares Criticality's)."""
    found = _LABEL_OF.get((type(value), value.value))
    if found is None and isinstance(value, IncidentSeverity):
        found = _LABEL_OF.get((Criticality, value.value))
    return found


def enum_word(kind: type[StrEnum], code: str, language: str) -> str:
    """A stored code of ``kind`` as the screens show it; an unknown code comes back as is."""
    try:
        found = enum_label(kind(code))
    except ValueError:
        return code
    return translate(language, found) if found else code
