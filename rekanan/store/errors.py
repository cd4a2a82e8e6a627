"""What the store refuses, as sentences a person can act on.

Every error subclasses ``rekanan.errors.RekananError``, so the CLI and the app show
``str(error)`` and never a traceback. Texts are Indonesian, the default language of the app.
"""

from __future__ import annotations

from datetime import datetime

from rekanan.errors import RekananError


class StoreError(RekananError):
    """The database cannot do what was asked (cannot open, wrong schema, refused write)."""


class ValidationFailed(StoreError):
    """A value breaks a rule of the schema; ``field`` names the column for the form."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFound(StoreError):
    """The row is gone (deleted by someone else, or a wrong id)."""


class StaleEdit(StoreError):
    """Somebody saved the row after it was loaded: the edit would overwrite their change."""

    def __init__(
        self,
        entity: str,
        id: int,
        changed_by: str | None,
        changed_at: datetime | None,
        message: str | None = None,
    ) -> None:
        self.entity = entity
        self.id = id
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(message or stale_message(entity, changed_by, changed_at))


def stale_message(entity: str, changed_by: str | None, changed_at: datetime | None) -> str:
    """Who changed the row and when, then what to do."""
    who = changed_by or "pengguna lain"
    when = ""
    if changed_at is not None:
        local = changed_at.astimezone() if changed_at.tzinfo else changed_at
        when = f" pada {local:%d/%m/%Y %H:%M}"
    label = ENTITY_LABELS.get(entity, entity)
    return (
        f"Data {label} ini sudah diubah oleh {who}{when} setelah Anda membukanya. "
        "Muat ulang untuk melihat versi terbaru, lalu simpan lagi perubahan Anda."
    )


class DeleteRefused(StoreError):
    """Deleting would leave rows pointing at nothing; ``dependents`` counts them per table."""

    def __init__(self, message: str, dependents: dict[str, int] | None = None) -> None:
        super().__init__(message)
        self.dependents = dict(dependents or {})


class ReadOnly(StoreError):
    """The database was opened read-only (``--read-only`` or a role without write grants)."""


class DatabaseBusy(StoreError):
    """SQLite stayed locked by another program longer than the busy timeout."""


ENTITY_LABELS: dict[str, str] = {
    "supplier": "rekanan",
    "sanction": "sanksi",
    "service": "layanan",
    "sla": "SLA",
    "contract": "kontrak",
    "contract_service": "layanan yang didukung kontrak",
    "grace_extension": "pemberian kesempatan",
    "evaluation": "penilaian kinerja",
    "incident": "insiden",
    "warning_letter": "surat peringatan",
    "penalty": "denda",
    "review_session": "sesi tinjauan",
    "review_decision": "keputusan tinjauan",
    "alert_snooze": "penundaan peringatan",
    "agency_holiday": "hari libur dinas",
    "audit_log": "jejak audit",
}
"""Table names as a person calls them."""
