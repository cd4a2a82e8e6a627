"""Closed vocabularies of the domain.

Values are the short Indonesian codes that the staff, the templates and the database use;
member names are English so that code reads the same everywhere.
"""

from __future__ import annotations

from enum import StrEnum


class LegalForm(StrEnum):
    """Bentuk usaha of a supplier."""

    PT = "pt"
    CV = "cv"
    KOPERASI = "koperasi"
    FIRMA = "firma"
    BUMN = "bumn"
    BUMD = "bumd"
    PERORANGAN = "perorangan"
    LAINNYA = "lainnya"


class SupplierCategory(StrEnum):
    """ITIL supplier category, by value and impact."""

    STRATEGIC = "strategis"
    TACTICAL = "taktis"
    OPERATIONAL = "operasional"
    COMMODITY = "komoditas"


class ServiceHours(StrEnum):
    """When a service (or a supplier) is committed to work."""

    ALWAYS = "24x7"
    OFFICE = "jam_kerja"


class Criticality(StrEnum):
    """How much the agency suffers when a service is down."""

    CRITICAL = "kritis"
    HIGH = "tinggi"
    MEDIUM = "sedang"
    LOW = "rendah"


class RenewalKind(StrEnum):
    """Tacit renewals run on unless notice is given; express ones end unless renewed."""

    NONE = "tidak"
    TACIT = "otomatis"
    EXPRESS = "eksplisit"


class ContractStatus(StrEnum):
    """Lifecycle of a contract."""

    DRAFT = "draf"
    ACTIVE = "aktif"
    IN_NOTICE = "masa_pemberitahuan"
    RENEWED = "diperpanjang"
    EXPIRED = "berakhir"
    TERMINATED = "diputus"


class IncidentSeverity(StrEnum):
    """Severity of an incident or SLA breach."""

    CRITICAL = "kritis"
    HIGH = "tinggi"
    MEDIUM = "sedang"
    LOW = "rendah"


class WarningLevel(StrEnum):
    """Surat peringatan, escalating from SP1 to SP3."""

    SP1 = "SP1"
    SP2 = "SP2"
    SP3 = "SP3"


class SanctionKind(StrEnum):
    """Perpres 16/2018 Pasal 78 blacklist durations, or another sanction."""

    BLACKLIST_1Y = "daftar_hitam_1_tahun"
    BLACKLIST_2Y = "daftar_hitam_2_tahun"
    OTHER = "lainnya"


class SanctionStatus(StrEnum):
    """Status of an entry in the Daftar Hitam Nasional."""

    PUBLISHED = "tayang"
    POSTPONED = "penundaan"
    CANCELLED = "pembatalan"


class SanctionSource(StrEnum):
    """Who imposed the sanction: this agency or the national list."""

    LOCAL = "lokal"
    NATIONAL = "nasional"


class ReviewDecisionKind(StrEnum):
    """What a reviewer decides about a contract."""

    RENEW = "perpanjang"
    RENEGOTIATE = "negosiasi_ulang"
    RETENDER = "tender_ulang"
    TERMINATE = "putus"
    ESCALATE = "eskalasi"
    DEFER = "tunda"
    SKIP = "lewati"


class AuditAction(StrEnum):
    """What a write did."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
