"""The schema's rules, checked before the database sees a row, with sentences for a person.

The database enforces the same rules (checks, unique keys, foreign keys); checking here
first means a bad value is refused with a sentence that names the field, instead of an
``IntegrityError``. ``validate`` also coerces and normalises what forms and importers hand
over (text to Decimal, dates or enums; NPWP in any spelling to its canonical 16 digits), and
``translate_integrity`` turns whatever still slips through (a race between two writers) into
a sentence as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import cache
from typing import Any

from annotated_types import Ge, Gt, Le, MaxLen, MinLen
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    select,
    tuple_,
)
from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel

from rekanan.domain.identifiers import (
    IdentifierError,
    format_npwp,
    name_key,
    normalise_nib,
    normalise_npwp,
)
from rekanan.models import (
    SLA,
    AgencyHoliday,
    AlertSnooze,
    AuditEntry,
    Contract,
    ContractService,
    Evaluation,
    GraceExtension,
    Incident,
    Penalty,
    ReviewDecision,
    ReviewSession,
    Sanction,
    Service,
    Supplier,
    WarningLetter,
)
from rekanan.models.base import EnumText
from rekanan.store.errors import ENTITY_LABELS, StoreError, ValidationFailed

MODELS: dict[str, type[SQLModel]] = {
    model.__tablename__: model  # type: ignore[misc]
    for model in (
        Supplier,
        Sanction,
        Service,
        SLA,
        Contract,
        ContractService,
        GraceExtension,
        Evaluation,
        Incident,
        WarningLetter,
        Penalty,
        ReviewSession,
        ReviewDecision,
        AlertSnooze,
        AgencyHoliday,
        AuditEntry,
    )
}
"""Every table by name: the store's map from ``__tablename__`` to its model."""

MANAGED = frozenset({"id", "version", "created_at", "updated_at"})
"""Columns the writer sets itself; a change to them is refused."""

FIELD_LABELS: dict[str, str] = {
    "name": "Nama",
    "npwp": "NPWP",
    "nib": "NIB",
    "legal_form": "Bentuk usaha",
    "category": "Kategori",
    "address": "Alamat",
    "contact_person": "Narahubung",
    "email": "Surel",
    "phone": "Telepon",
    "active": "Status aktif",
    "notes": "Catatan",
    "supplier_id": "Rekanan",
    "contract_id": "Kontrak",
    "service_id": "Layanan",
    "session_id": "Sesi tinjauan",
    "kind": "Jenis",
    "decree_number": "Nomor SK",
    "start_date": "Tanggal mulai",
    "end_date": "Tanggal berakhir",
    "status": "Status",
    "source": "Sumber",
    "source_id": "Kode sumber",
    "reason": "Alasan",
    "code": "Kode",
    "owner_unit": "Unit pemilik",
    "criticality": "Kekritisan",
    "service_hours": "Jam layanan",
    "description": "Uraian",
    "customer": "Pelanggan",
    "availability_pct": "Ketersediaan (%)",
    "response_hours": "Waktu respons (jam)",
    "resolution_hours": "Waktu penyelesaian (jam)",
    "valid_from": "Berlaku mulai",
    "valid_until": "Berlaku sampai",
    "number": "Nomor kontrak",
    "title": "Judul",
    "is_underpinning": "Kontrak pendukung",
    "value": "Nilai kontrak",
    "notice_days": "Masa pemberitahuan (hari)",
    "renewal_kind": "Jenis perpanjangan",
    "renewal_period_months": "Masa perpanjangan (bulan)",
    "max_renewals": "Perpanjangan maksimal",
    "renewals_used": "Perpanjangan terpakai",
    "procurement_lead_days": "Waktu pengadaan (hari)",
    "performance_bond": "Jaminan pelaksanaan",
    "penalty_rate_per_mille": "Denda per hari (per mil)",
    "penalty_cap_pct": "Batas denda (%)",
    "ppk": "PPK",
    "satker": "Satuan kerja",
    "contract_type": "Jenis kontrak",
    "completed_on": "Tanggal selesai",
    "termination_date": "Tanggal pemutusan",
    "termination_reason": "Alasan pemutusan",
    "terminated_for_fault": "Diputus karena kesalahan penyedia",
    "addendum_version": "Versi adendum",
    "component": "Komponen",
    "granted_on": "Tanggal pemberian",
    "days": "Jumlah hari",
    "period_start": "Awal periode",
    "period_end": "Akhir periode",
    "quality": "Nilai kualitas dan kuantitas",
    "cost": "Nilai biaya",
    "timeliness": "Nilai waktu",
    "service": "Nilai layanan",
    "evaluator": "Penilai",
    "evaluated_on": "Tanggal penilaian",
    "started_at": "Waktu mulai",
    "responded_at": "Waktu respons",
    "resolved_at": "Waktu selesai",
    "severity": "Tingkat keparahan",
    "causes_downtime": "Menyebabkan layanan mati",
    "level": "Tingkat surat",
    "issued_on": "Tanggal surat",
    "letter_number": "Nomor surat",
    "imposed_on": "Tanggal denda",
    "days_late": "Hari keterlambatan",
    "base_amount": "Dasar denda",
    "amount": "Jumlah denda",
    "decided_on": "Tanggal keputusan",
    "decided_at": "Waktu keputusan",
    "decision": "Keputusan",
    "reviewer": "Peninjau",
    "defer_until": "Ditunda sampai",
    "alert_key": "Peringatan",
    "until": "Ditunda sampai",
    "snoozed_by": "Ditunda oleh",
    "day": "Tanggal",
    "scope": "Cakupan",
    "position": "Posisi",
    "finished_at": "Waktu selesai",
}
"""Column names as the forms call them."""


def label(field: str) -> str:
    """A column as a person calls it."""
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def entity_label(table: str) -> str:
    return ENTITY_LABELS.get(table, table)


# ---------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Order:
    """``later`` must not be before ``earlier`` (both optional: a missing one passes)."""

    earlier: str
    later: str
    sentence: str


NON_NEGATIVE: dict[type[SQLModel], tuple[str, ...]] = {
    Contract: (
        "value",
        "notice_days",
        "renewal_period_months",
        "max_renewals",
        "renewals_used",
        "procurement_lead_days",
        "performance_bond",
        "penalty_rate_per_mille",
        "response_hours",
        "resolution_hours",
        "addendum_version",
    ),
    SLA: ("response_hours", "resolution_hours"),
    Penalty: ("days_late", "base_amount", "amount"),
    ReviewSession: ("position",),
}
"""Money, counts and durations that cannot be below zero."""

POSITIVE: dict[type[SQLModel], tuple[str, ...]] = {GraceExtension: ("days",)}

PERCENTAGES: dict[type[SQLModel], tuple[str, ...]] = {
    Contract: ("availability_pct", "penalty_cap_pct"),
    SLA: ("availability_pct",),
}
"""Percentages: 0 to 100."""

ORDERS: dict[type[SQLModel], tuple[Order, ...]] = {
    Contract: (
        Order("start_date", "end_date", "Tanggal berakhir tidak boleh sebelum tanggal mulai."),
        Order(
            "start_date",
            "termination_date",
            "Tanggal pemutusan tidak boleh sebelum tanggal mulai kontrak.",
        ),
    ),
    Sanction: (
        Order(
            "start_date", "end_date", "Tanggal berakhir sanksi tidak boleh sebelum tanggal mulai."
        ),
    ),
    SLA: (
        Order(
            "valid_from",
            "valid_until",
            "Tanggal 'berlaku sampai' tidak boleh sebelum 'berlaku mulai'.",
        ),
    ),
    Evaluation: (
        Order("period_start", "period_end", "Akhir periode tidak boleh sebelum awal periode."),
    ),
    Incident: (
        Order("started_at", "responded_at", "Waktu respons tidak boleh sebelum insiden mulai."),
        Order("started_at", "resolved_at", "Waktu selesai tidak boleh sebelum insiden mulai."),
    ),
}

INT_LIMIT = 2_147_483_647
"""The largest INTEGER PostgreSQL stores."""

_NUL = "\x00"


# ---------------------------------------------------------------------------- validate


def validate(
    session: Session,
    obj: SQLModel,
    *,
    fields: Iterable[str] | None = None,
    claimed: dict[tuple[str, tuple[str, ...]], dict[tuple[Any, ...], str]] | None = None,
) -> None:
    """Coerce, normalise and check ``obj`` in place; raise ``ValidationFailed`` on a problem.

    ``fields`` limits the per-column checks to what changed (an update), while the rules
    across columns (dates in order, unique keys, references) always run on the whole row.
    ``claimed`` collects unique keys of rows not yet flushed, so two rows of one batch
    cannot share an NPWP either (``validate_many`` does this for a whole batch at once).
    """
    check_row(obj, fields)
    _check_unique(session, obj, claimed)
    _check_references(session, obj)


def validate_many(session: Session, objs: Sequence[SQLModel]) -> None:
    """``validate`` for a batch of new rows, with one query per key instead of per row.

    Unique keys are checked against each other and, with ``IN`` queries, against the
    database; references likewise. The first problem found is raised.
    """
    for obj in objs:
        check_row(obj)
    by_model: dict[type[SQLModel], list[SQLModel]] = {}
    for obj in objs:
        by_model.setdefault(type(obj), []).append(obj)
    for model, rows in by_model.items():
        _check_unique_batch(session, model, rows)
    for model, rows in by_model.items():
        _check_references_batch(session, model, rows)


def check_row(obj: SQLModel, fields: Iterable[str] | None = None) -> None:
    """The checks that need no database: types, spelling, required, lengths, ranges, order."""
    model = type(obj)
    names = set(fields) if fields is not None else None
    columns = _columns(model)
    for column, _ in columns:
        if names is None or column.name in names:
            value = getattr(obj, column.name, None)
            coerced = coerce(column, value, model)
            if coerced is not value:
                setattr(obj, column.name, coerced)
    _normalise(obj)
    for column, metadata in columns:
        if names is None or column.name in names:
            _check_column(column, metadata, getattr(obj, column.name))
    _check_rules(obj)


@cache
def _columns(model: type[SQLModel]) -> tuple[tuple[Column[Any], tuple[Any, ...]], ...]:
    """The columns a row's checks look at (all but the key), with their pydantic rules."""
    found = []
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        if column.primary_key:
            continue
        info = model.model_fields.get(column.name)
        found.append((column, tuple(info.metadata) if info is not None else ()))
    return tuple(found)


def coerce(column: Column[Any], value: Any, model: type[SQLModel]) -> Any:
    """Turn what a form or a file gives into the column's Python type, or refuse it."""
    if value is None:
        return None
    name = column.name
    kind = base_type(column)
    try:
        if isinstance(kind, EnumText):
            enum: type[StrEnum] = kind.enum
            if isinstance(value, enum):
                return value
            try:
                return enum(str(value).strip())
            except ValueError:
                allowed = ", ".join(member.value for member in enum)
                raise ValidationFailed(
                    name, f"{label(name)} '{value}' tidak dikenal; pilih salah satu: {allowed}."
                ) from None
        if isinstance(kind, Boolean):
            if isinstance(value, bool):
                return value
            if isinstance(value, int) and value in (0, 1):
                return bool(value)
            text = str(value).strip().lower()
            if text in {"ya", "y", "yes", "true", "1"}:
                return True
            if text in {"tidak", "t", "n", "no", "false", "0"}:
                return False
            raise ValueError(value)
        if isinstance(kind, Numeric):
            if isinstance(value, bool):
                raise ValueError(value)
            number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
            if not number.is_finite():
                raise ValueError(value)
            return number
        if isinstance(kind, Integer):
            if isinstance(value, bool):
                raise ValueError(value)
            if isinstance(value, int):
                return value
            number = Decimal(str(value).strip())
            if number != number.to_integral_value():
                raise ValueError(value)
            return int(number)
        if isinstance(kind, DateTime):
            if isinstance(value, datetime):
                return value
            if isinstance(value, date):
                return datetime(value.year, value.month, value.day)
            return datetime.fromisoformat(str(value).strip())
        if isinstance(kind, Date):
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            return date.fromisoformat(str(value).strip())
        if isinstance(kind, String):
            return value if isinstance(value, str) else str(value)
    except (ValueError, TypeError, InvalidOperation, ArithmeticError):
        raise ValidationFailed(
            name, f"{label(name)}: '{value}' bukan {_kind_word(kind)}."
        ) from None
    return value


def base_type(column: Column[Any]) -> Any:
    """The column's type, looking through decorators such as SQLModel's ``AutoString``."""
    kind = column.type
    if isinstance(kind, TypeDecorator) and not isinstance(kind, EnumText):
        return kind.impl_instance
    return kind


def _kind_word(kind: Any) -> str:
    if isinstance(kind, Boolean):
        return "ya atau tidak"
    if isinstance(kind, Numeric | Integer):
        return "angka yang sah"
    if isinstance(kind, DateTime):
        return "waktu yang sah (TTTT-BB-HH JJ:MM)"
    if isinstance(kind, Date):
        return "tanggal yang sah (TTTT-BB-HH)"
    return "nilai yang sah"


@cache
def _trimmed(model: type[SQLModel]) -> tuple[Column[Any], ...]:
    """Short text columns (names, numbers, codes): surrounding spaces are dropped."""
    return tuple(
        column
        for column, _ in _columns(model)
        if isinstance(base_type(column), String) and base_type(column).length
    )


def _normalise(obj: SQLModel) -> None:
    """Per-model spelling rules: NPWP and NIB canonical, names trimmed, name key derived."""
    for column in _trimmed(type(obj)):
        value = getattr(obj, column.name, None)
        if isinstance(value, str):
            trimmed = value.strip()
            if trimmed != value:
                setattr(obj, column.name, trimmed)
    if isinstance(obj, Supplier):
        try:
            obj.npwp = normalise_npwp(obj.npwp or "")
        except IdentifierError:
            digits = len(re.sub(r"\D", "", obj.npwp or ""))
            raise ValidationFailed(
                "npwp",
                f"NPWP '{obj.npwp}' berisi {digits} angka; tulis 15 angka "
                "(99.999.999.9-999.999) atau 16 angka.",
            ) from None
        try:
            obj.nib = normalise_nib(obj.nib or "")
        except IdentifierError:
            raise ValidationFailed("nib", f"NIB '{obj.nib}' harus terdiri dari 13 angka.") from None
        obj.name_key = name_key(obj.name or "")
    if isinstance(obj, Contract) and obj.source_id == "":
        obj.source_id = None


def _check_column(column: Column[Any], metadata: tuple[Any, ...], value: Any) -> None:
    """Required, length, range and size of one column."""
    name = column.name
    if name in MANAGED:
        return
    if value is None:
        if not column.nullable:
            raise ValidationFailed(name, f"{label(name)} wajib diisi.")
        return
    if isinstance(value, str):
        if _NUL in value:
            raise ValidationFailed(
                name, f"{label(name)} berisi karakter NUL yang tidak dapat disimpan; hapus dulu."
            )
        for rule in metadata:
            if isinstance(rule, MinLen) and len(value.strip()) < rule.min_length:
                raise ValidationFailed(name, f"{label(name)} wajib diisi.")
        limit = getattr(column.type, "length", None)
        if limit and len(value) > limit:
            raise ValidationFailed(
                name,
                f"{label(name)} terlalu panjang ({len(value)} karakter); "
                f"paling banyak {limit} karakter.",
            )
        return
    if isinstance(value, bool):
        return
    kind = base_type(column)
    if isinstance(value, int) and isinstance(kind, Integer) and abs(value) > INT_LIMIT:
        raise ValidationFailed(name, f"{label(name)} terlalu besar.")
    if isinstance(value, Decimal) and isinstance(kind, Numeric):
        precision, scale = kind.precision, kind.scale
        if (
            precision is not None
            and scale is not None
            and abs(value) >= Decimal(10) ** (precision - scale)
        ):
            raise ValidationFailed(name, f"{label(name)} terlalu besar.")
    if isinstance(value, int | Decimal):
        for rule in metadata:
            if isinstance(rule, Ge) and value < rule.ge:  # type: ignore[operator]
                raise ValidationFailed(name, f"{label(name)} tidak boleh kurang dari {rule.ge}.")
            if isinstance(rule, Le) and value > rule.le:  # type: ignore[operator]
                raise ValidationFailed(name, f"{label(name)} tidak boleh lebih dari {rule.le}.")
            if isinstance(rule, Gt) and value <= rule.gt:  # type: ignore[operator]
                raise ValidationFailed(name, f"{label(name)} harus lebih dari {rule.gt}.")
            if isinstance(rule, MaxLen):
                continue


def _check_rules(obj: SQLModel) -> None:
    """Rules across the row: money not negative, percentages 0-100, dates in order."""
    model = type(obj)
    for name in NON_NEGATIVE.get(model, ()):
        value = getattr(obj, name)
        if value is not None and value < 0:
            raise ValidationFailed(name, f"{label(name)} tidak boleh negatif.")
    for name in POSITIVE.get(model, ()):
        value = getattr(obj, name)
        if value is not None and value <= 0:
            raise ValidationFailed(name, f"{label(name)} harus lebih dari 0.")
    for name in PERCENTAGES.get(model, ()):
        value = getattr(obj, name)
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            raise ValidationFailed(name, f"{label(name)} harus antara 0 dan 100.")
    if isinstance(obj, Evaluation):
        for name in ("quality", "cost", "timeliness", "service"):
            value = getattr(obj, name)
            if value is not None and not 0 <= value <= 3:
                raise ValidationFailed(
                    name,
                    f"{label(name)} harus 1 (Cukup), 2 (Baik) atau 3 (Sangat Baik); "
                    "0 hanya untuk kontrak yang diputus karena kesalahan penyedia.",
                )
    for order in ORDERS.get(model, ()):
        earlier, later = getattr(obj, order.earlier), getattr(obj, order.later)
        if earlier is not None and later is not None and _comparable(later) < _comparable(earlier):
            raise ValidationFailed(order.later, order.sentence)


def broken_orders(model: type[SQLModel], values: Mapping[str, Any]) -> tuple[Order, ...]:
    """Every date order of ``ORDERS`` that ``values`` (field name -> parsed value) break.

    Pure and total, unlike ``check_row`` which stops at the first problem: a form calls it
    before saving so a person sees every cross-field problem at once, next to the field
    they changed. A missing or unparsed value (not a date) breaks nothing.
    """
    return tuple(
        order
        for order in ORDERS.get(model, ())
        if isinstance(earlier := values.get(order.earlier), date)
        and isinstance(later := values.get(order.later), date)
        and _comparable(later) < _comparable(earlier)
    )


def _comparable(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)


def unique_keys(model: type[SQLModel]) -> tuple[tuple[str, ...], ...]:
    """The column sets the table keeps unique (single columns and composite constraints)."""
    from sqlalchemy import UniqueConstraint

    table = model.__table__  # type: ignore[attr-defined]
    keys: list[tuple[str, ...]] = [(c.name,) for c in table.columns if c.unique]
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            names = tuple(c.name for c in constraint.columns)
            if names not in keys:
                keys.append(names)
    return tuple(keys)


def _check_unique(
    session: Session,
    obj: SQLModel,
    claimed: dict[tuple[str, tuple[str, ...]], dict[tuple[Any, ...], str]] | None,
) -> None:
    model = type(obj)
    table_name: str = model.__tablename__  # type: ignore[assignment]
    own_id = getattr(obj, "id", None)
    for key in unique_keys(model):
        values = tuple(getattr(obj, name) for name in key)
        if any(value is None for value in values):
            continue
        holder: str | None = None
        if claimed is not None:
            seen = claimed.setdefault((table_name, key), {})
            if values in seen:
                holder = seen[values]
            else:
                seen[values] = describe_row(obj)
        if holder is None:
            stmt = select(model).where(
                *(getattr(model, name) == value for name, value in zip(key, values, strict=True))
            )
            if own_id is not None:
                stmt = stmt.where(model.id != own_id)  # type: ignore[attr-defined]
            with session.no_autoflush:
                other = session.execute(stmt.limit(1)).scalars().first()
            if other is not None:
                holder = describe_row(other)
        if holder is not None:
            raise ValidationFailed(key[-1], duplicate_sentence(table_name, key, values, holder))


def _chunks(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _check_unique_batch(session: Session, model: type[SQLModel], rows: Sequence[SQLModel]) -> None:
    table_name: str = model.__tablename__  # type: ignore[assignment]
    for key in unique_keys(model):
        first: dict[tuple[Any, ...], SQLModel] = {}
        for row in rows:
            values = tuple(getattr(row, name) for name in key)
            if any(value is None for value in values):
                continue
            if values in first:
                raise ValidationFailed(
                    key[-1],
                    duplicate_sentence(table_name, key, values, describe_row(first[values])),
                )
            first[values] = row
        columns = [getattr(model, name) for name in key]
        wanted = list(first)
        for chunk in _chunks(wanted):
            if len(key) == 1:
                condition = columns[0].in_([values[0] for values in chunk])
            else:
                condition = tuple_(*columns).in_(list(chunk))
            with session.no_autoflush:
                other = session.execute(select(model).where(condition).limit(1)).scalars().first()
            if other is not None:
                values = tuple(getattr(other, name) for name in key)
                raise ValidationFailed(
                    key[-1], duplicate_sentence(table_name, key, values, describe_row(other))
                )


def _check_references_batch(
    session: Session, model: type[SQLModel], rows: Sequence[SQLModel]
) -> None:
    for column, _ in _columns(model):
        if not column.foreign_keys:
            continue
        target_table = next(iter(column.foreign_keys)).column.table.name
        target = MODELS.get(target_table)
        if target is None:
            continue
        wanted = sorted({v for row in rows if (v := getattr(row, column.name)) is not None})
        found: set[Any] = set()
        target_id = target.__table__.c.id  # type: ignore[attr-defined]
        for chunk in _chunks(wanted):
            found.update(session.execute(select(target_id).where(target_id.in_(chunk))).scalars())
        missing = [value for value in wanted if value not in found]
        if missing:
            raise ValidationFailed(column.name, _missing_sentence(target_table, missing[0]))


def _missing_sentence(target_table: str, value: Any) -> str:
    what = entity_label(target_table)
    return (
        f"{what.capitalize()} dengan ID {value} tidak ada (mungkin sudah dihapus); "
        f"pilih {what} lain."
    )


def duplicate_sentence(
    table: str, key: tuple[str, ...], values: tuple[Any, ...], holder: str
) -> str:
    """Which value is taken, by whom, and what to do."""
    if table == "supplier" and key == ("npwp",):
        return (
            f"NPWP {format_npwp(str(values[0]))} sudah dipakai rekanan {holder}. "
            "Satu NPWP hanya untuk satu rekanan: buka rekanan itu, atau periksa NPWP-nya."
        )
    if table == "contract" and key == ("number",):
        return (
            f"Nomor kontrak '{values[0]}' sudah dipakai kontrak {holder}. "
            "Nomor kontrak harus unik; periksa nomornya."
        )
    if table == "contract" and key == ("source", "source_id"):
        return f"Kontrak dari sumber '{values[0]}' dengan kode '{values[1]}' sudah ada ({holder})."
    if table == "contract_service":
        return "Kontrak ini sudah tercatat mendukung layanan itu."
    if table == "agency_holiday":
        return f"Tanggal {values[0]} sudah tercatat sebagai hari libur dinas ({holder})."
    shown = ", ".join(str(v) for v in values)
    return (
        f"{label(key[-1])} '{shown}' sudah dipakai {entity_label(table)} lain ({holder}); "
        "pilih nilai lain."
    )


def describe_row(row: Any) -> str:
    """A row as a person recognises it: its name, number or code, and its id."""
    for name in ("name", "number", "code", "title", "customer"):
        value = getattr(row, name, None)
        if isinstance(value, str) and value:
            row_id = getattr(row, "id", None)
            return f"'{value}'" + (f" (ID {row_id})" if row_id is not None else "")
    row_id = getattr(row, "id", None)
    return f"ID {row_id}" if row_id is not None else "yang baru"


def _check_references(session: Session, obj: SQLModel) -> None:
    """Every foreign key points at a row that exists."""
    for column in type(obj).__table__.columns:  # type: ignore[attr-defined]
        value = getattr(obj, column.name, None)
        if value is None or not column.foreign_keys:
            continue
        target_table = next(iter(column.foreign_keys)).column.table.name
        target = MODELS.get(target_table)
        if target is None:
            continue
        with session.no_autoflush:
            found = session.get(target, value)
        if found is None:
            raise ValidationFailed(column.name, _missing_sentence(target_table, value))


# ---------------------------------------------------------------------------- database errors

_CHECK_SENTENCES: dict[str, tuple[str, str]] = {
    "contract_end_after_start": ("end_date", "Tanggal berakhir tidak boleh sebelum tanggal mulai."),
    "contract_value_not_negative": ("value", "Nilai kontrak tidak boleh negatif."),
    "contract_notice_not_negative": ("notice_days", "Masa pemberitahuan tidak boleh negatif."),
    "contract_renewals_used_not_negative": (
        "renewals_used",
        "Perpanjangan terpakai tidak boleh negatif.",
    ),
    "contract_max_renewals_not_negative": (
        "max_renewals",
        "Perpanjangan maksimal tidak boleh negatif.",
    ),
    "contract_bond_not_negative": ("performance_bond", "Jaminan pelaksanaan tidak boleh negatif."),
    "contract_penalty_cap_range": ("penalty_cap_pct", "Batas denda harus antara 0 dan 100 %."),
    "contract_penalty_rate_not_negative": (
        "penalty_rate_per_mille",
        "Denda per hari tidak boleh negatif.",
    ),
    "contract_availability_range": ("availability_pct", "Ketersediaan harus antara 0 dan 100 %."),
    "sanction_end_after_start": ("end_date", "Tanggal berakhir sanksi tidak boleh sebelum mulai."),
    "sla_availability_range": ("availability_pct", "Ketersediaan harus antara 0 dan 100 %."),
    "sla_response": ("response_hours", "Waktu respons tidak boleh negatif."),
    "sla_resolution": ("resolution_hours", "Waktu penyelesaian tidak boleh negatif."),
    "sla_until_after_from": (
        "valid_until",
        "'Berlaku sampai' tidak boleh sebelum 'berlaku mulai'.",
    ),
    "evaluation_period_order": ("period_end", "Akhir periode tidak boleh sebelum awal periode."),
    "evaluation_quality_range": ("quality", "Nilai kualitas harus antara 0 dan 3."),
    "evaluation_cost_range": ("cost", "Nilai biaya harus antara 0 dan 3."),
    "evaluation_timeliness_range": ("timeliness", "Nilai waktu harus antara 0 dan 3."),
    "evaluation_service_range": ("service", "Nilai layanan harus antara 0 dan 3."),
    "incident_response_order": ("responded_at", "Waktu respons tidak boleh sebelum insiden mulai."),
    "incident_resolution_order": (
        "resolved_at",
        "Waktu selesai tidak boleh sebelum insiden mulai.",
    ),
    "penalty_days_not_negative": ("days_late", "Hari keterlambatan tidak boleh negatif."),
    "penalty_base_not_negative": ("base_amount", "Dasar denda tidak boleh negatif."),
    "penalty_amount_not_negative": ("amount", "Jumlah denda tidak boleh negatif."),
    "grace_days_positive": ("days", "Jumlah hari pemberian kesempatan harus lebih dari 0."),
}

_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)")
_SQLITE_NOT_NULL = re.compile(r"NOT NULL constraint failed: (\w+)\.(\w+)")
_PG_NOT_NULL = re.compile(r'null value in column "(\w+)"')
_PG_UNIQUE = re.compile(r"Key \(([^)]*)\)=")


def translate_integrity(error: SQLAlchemyError) -> StoreError | None:
    """A sentence for a constraint the database refused (None when it is not one)."""
    if not isinstance(error, IntegrityError | DataError):
        return None
    detail = str(getattr(error, "orig", None) or error)
    if isinstance(error, DataError):
        return ValidationFailed(
            None,
            "Basis data menolak salah satu nilai (terlalu besar, terlalu panjang atau berisi "
            "karakter yang tidak dapat disimpan). Periksa isian lalu simpan lagi.",
        )
    for name, (field, sentence) in _CHECK_SENTENCES.items():
        if name in detail:
            return ValidationFailed(field, sentence)
    if "foreign key" in detail.lower():
        key = _PG_UNIQUE.search(detail)
        return ValidationFailed(
            key.group(1) if key else None,
            "Data ini merujuk ke data yang sudah tidak ada, atau masih dirujuk oleh data lain. "
            "Muat ulang lalu coba lagi.",
        )
    match = _SQLITE_UNIQUE.search(detail) or _PG_UNIQUE.search(detail)
    if match is not None or "unique constraint" in detail.lower():
        columns = (
            [part.split(".")[-1].strip() for part in match.group(1).split(",")] if match else []
        )
        column: str | None = columns[-1] if columns else None
        what = label(column) if column else "Nilai ini"
        return ValidationFailed(
            column,
            f"{what} sudah dipakai data lain (mungkin baru saja disimpan orang lain). "
            "Muat ulang lalu periksa isiannya.",
        )
    match = _SQLITE_NOT_NULL.search(detail) or _PG_NOT_NULL.search(detail)
    if match is not None:
        field = match.group(match.lastindex or 1)
        return ValidationFailed(field, f"{label(field)} wajib diisi.")
    return ValidationFailed(
        None, "Basis data menolak perubahan ini karena melanggar aturan data. Periksa isiannya."
    )


def changed_fields(model: type[SQLModel], changes: Mapping[str, Any]) -> None:
    """Refuse changes to columns that do not exist or that the writer manages itself."""
    columns = {c.name for c in model.__table__.columns}  # type: ignore[attr-defined]
    for name in changes:
        if name not in columns:
            raise ValidationFailed(
                name,
                f"Kolom '{name}' tidak ada pada data {entity_label(model.__tablename__)}.",  # type: ignore[arg-type]
            )
        if name in MANAGED:
            raise ValidationFailed(name, f"Kolom '{name}' diatur oleh aplikasi, bukan diisi.")
