"""Forms to create and edit every kind of record, and deleting with a confirmation.

One ``RecordForm`` screen serves suppliers, contracts (with the services they underpin
and their targets), services, SLAs, evaluations, incidents, warning letters, penalties
and sanctions: a ``Kind`` lists its fields. Saving runs in a thread worker through the
store's writer (one transaction, version check, audit row); what the store refuses comes
back as a sentence next to the field it names, with everything typed left in place. A
stale edit says who saved first and offers to reload; a delete that would orphan records
is refused with the store's sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer, Input, Select, Static

from rekanan.domain import formatting
from rekanan.domain.identifiers import normalise_npwp, npwp_search_key
from rekanan.errors import RekananError
from rekanan.models import (
    SLA,
    Contract,
    ContractService,
    ContractStatus,
    Criticality,
    Evaluation,
    Incident,
    IncidentSeverity,
    LegalForm,
    Penalty,
    RenewalKind,
    Sanction,
    SanctionKind,
    SanctionSource,
    SanctionStatus,
    Service,
    ServiceHours,
    Supplier,
    SupplierCategory,
    WarningLetter,
    WarningLevel,
)
from rekanan.screens.award_check import AwardQuestion, award_question, needs_asking
from rekanan.screens.confirm import ConfirmScreen, MessageScreen
from rekanan.screens.error import stale_sentence
from rekanan.screens.incident_term import Sentence, stored_term_problem
from rekanan.screens.register_support import (
    HOLD_KEYS,
    HOLD_TEXT,
    N_,
    as_of,
    choices,
    db_of,
    language,
    run_db,
    show_error,
    tr,
    user_of,
    writable,
)
from rekanan.store.errors import DeleteRefused, StaleEdit, ValidationFailed
from rekanan.store.validation import Order, broken_orders
from rekanan.store.writes import dependents, refusal_sentence
from rekanan.widgets.form import (
    FieldError,
    FieldSpec,
    FormView,
    format_value,
    parse_datetime,
    parse_field,
)

D = Decimal

# ------------------------------------------------------------------------------ kinds


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of record a form edits."""

    key: str
    model: Any
    noun: str
    fields: tuple[FieldSpec, ...]
    refs: Mapping[str, str] = field(default_factory=dict)
    title_field: str = ""


_SCORES = (
    ("3", N_("3 - Sangat baik")),
    ("2", N_("2 - Baik")),
    ("1", N_("1 - Cukup")),
    ("0", N_("0 - Diputus karena kesalahan penyedia")),
)


def _f(name: str, label: str, kind: str = "text", **kw: Any) -> FieldSpec:
    return FieldSpec(name, label, kind, **kw)


KINDS: dict[str, Kind] = {
    "supplier": Kind(
        "supplier",
        Supplier,
        N_("data rekanan"),
        (
            _f("name", N_("Nama"), required=True, max_length=300),
            _f("npwp", N_("NPWP"), "npwp", hint=N_("15 atau 16 angka; tulisan apa pun diterima.")),
            _f("nib", N_("NIB"), "nib"),
            _f(
                "legal_form",
                N_("Bentuk usaha"),
                "choice",
                required=True,
                choices=choices(LegalForm),
            ),
            _f(
                "category",
                N_("Kategori"),
                "choice",
                required=True,
                choices=choices(SupplierCategory),
            ),
            _f("address", N_("Alamat"), max_length=500),
            _f("contact_person", N_("Narahubung"), max_length=200),
            _f("email", N_("Surel"), max_length=200),
            _f("phone", N_("Telepon"), max_length=50),
            _f("active", N_("Aktif (boleh diberi pekerjaan)"), "bool"),
            _f("notes", N_("Catatan"), "area"),
        ),
        title_field="name",
    ),
    "contract": Kind(
        "contract",
        Contract,
        N_("kontrak"),
        (
            _f("number", N_("Nomor kontrak"), required=True, max_length=200),
            _f("title", N_("Judul pekerjaan"), required=True, max_length=500),
            _f(
                "supplier_id",
                N_("Nama rekanan"),
                "ref",
                required=True,
                hint=N_("Nama atau NPWP rekanan."),
            ),
            _f("status", N_("Status"), "choice", required=True, choices=choices(ContractStatus)),
            _f("value", N_("Nilai kontrak (sebelum PPN)"), "money", required=True),
            _f("start_date", N_("Tanggal mulai"), "date", required=True),
            _f("end_date", N_("Tanggal berakhir"), "date"),
            _f(
                "notice_days",
                N_("Masa pemberitahuan (hari kalender)"),
                "int",
                required=True,
                minimum=D(0),
            ),
            _f(
                "procurement_lead_days",
                N_("Waktu pengadaan (hari; kosong = bawaan kategori)"),
                "int",
                minimum=D(0),
            ),
            _f(
                "renewal_kind",
                N_("Perpanjangan"),
                "choice",
                required=True,
                choices=choices(RenewalKind),
            ),
            _f("renewal_period_months", N_("Lama perpanjangan (bulan)"), "int", minimum=D(1)),
            _f(
                "max_renewals",
                N_("Perpanjangan paling banyak (0 = tanpa batas)"),
                "int",
                minimum=D(0),
            ),
            _f("renewals_used", N_("Perpanjangan terpakai"), "int", minimum=D(0)),
            _f("performance_bond", N_("Jaminan pelaksanaan"), "money"),
            _f("penalty_rate_per_mille", N_("Denda per hari (per mil)"), "decimal", minimum=D(0)),
            _f("penalty_cap_pct", N_("Batas denda (% nilai kontrak)"), "percent"),
            _f("is_underpinning", N_("Kontrak pendukung (UC) layanan"), "bool"),
            _f("services", N_("Layanan yang didukung"), "multi"),
            _f("availability_pct", N_("Target ketersediaan UC (%)"), "percent"),
            _f("response_hours", N_("Target waktu respons (jam)"), "decimal", minimum=D(0)),
            _f("resolution_hours", N_("Target waktu penyelesaian (jam)"), "decimal", minimum=D(0)),
            _f(
                "service_hours", N_("Jam layanan penyedia"), "choice", choices=choices(ServiceHours)
            ),
            _f("ppk", N_("PPK"), max_length=200),
            _f("satker", N_("Satuan kerja"), max_length=300),
            _f("contract_type", N_("Jenis kontrak"), max_length=100),
            _f("completed_on", N_("Tanggal selesai"), "date"),
            _f("termination_date", N_("Tanggal pemutusan"), "date"),
            _f("termination_reason", N_("Alasan pemutusan")),
            _f("terminated_for_fault", N_("Diputus karena kesalahan penyedia"), "bool"),
            _f("notes", N_("Catatan"), "area"),
        ),
        refs={"supplier_id": "supplier"},
        title_field="number",
    ),
    "contract_service": Kind(
        "contract_service",
        ContractService,
        N_("layanan yang didukung kontrak"),
        (
            _f("contract_id", N_("Nomor kontrak"), "ref", required=True, hint=N_("Nomor kontrak.")),
            _f(
                "service_id",
                N_("Kode layanan"),
                "ref",
                required=True,
                hint=N_("Kode atau nama layanan."),
            ),
            _f(
                "component",
                N_("Komponen"),
                max_length=200,
                hint=N_(
                    "Bagian layanan yang didukung, misalnya 'link utama'. Dua kontrak dengan "
                    "komponen yang sama saling mencadangkan; komponen berbeda berangkai."
                ),
            ),
        ),
        refs={"contract_id": "contract", "service_id": "service"},
        title_field="component",
    ),
    "service": Kind(
        "service",
        Service,
        N_("layanan"),
        (
            _f("code", N_("Kode"), required=True, max_length=40),
            _f("name", N_("Nama layanan"), required=True, max_length=300),
            _f("owner_unit", N_("Unit pemilik"), max_length=200),
            _f(
                "criticality",
                N_("Kekritisan"),
                "choice",
                required=True,
                choices=choices(Criticality),
            ),
            _f(
                "service_hours",
                N_("Jam layanan"),
                "choice",
                required=True,
                choices=choices(ServiceHours),
            ),
            _f("description", N_("Uraian"), "area"),
        ),
        title_field="code",
    ),
    "sla": Kind(
        "sla",
        SLA,
        N_("SLA"),
        (
            _f(
                "service_id",
                N_("Kode layanan"),
                "ref",
                required=True,
                hint=N_("Kode atau nama layanan."),
            ),
            _f("customer", N_("Pelanggan"), required=True, max_length=200),
            _f("availability_pct", N_("Target ketersediaan (%)"), "percent"),
            _f("response_hours", N_("Target waktu respons (jam)"), "decimal", minimum=D(0)),
            _f("resolution_hours", N_("Target waktu penyelesaian (jam)"), "decimal", minimum=D(0)),
            _f(
                "service_hours",
                N_("Jam layanan"),
                "choice",
                required=True,
                choices=choices(ServiceHours),
            ),
            _f("valid_from", N_("Berlaku sejak"), "date", required=True),
            _f("valid_until", N_("Berlaku sampai"), "date"),
        ),
        refs={"service_id": "service"},
        title_field="customer",
    ),
    "evaluation": Kind(
        "evaluation",
        Evaluation,
        N_("penilaian"),
        (
            _f(
                "supplier_id",
                N_("Nama rekanan"),
                "ref",
                required=True,
                hint=N_("Nama atau NPWP rekanan."),
            ),
            _f("contract_id", N_("Nomor kontrak"), "ref", hint=N_("Nomor kontrak (boleh kosong).")),
            _f("period_start", N_("Periode dari"), "date", required=True),
            _f("period_end", N_("Periode sampai"), "date", required=True),
            _f(
                "quality",
                N_("Kualitas dan kuantitas (30 %)"),
                "choice",
                required=True,
                choices=_SCORES,
            ),
            _f("cost", N_("Biaya (20 %)"), "choice", required=True, choices=_SCORES),
            _f("timeliness", N_("Waktu (30 %)"), "choice", required=True, choices=_SCORES),
            _f("service", N_("Layanan (20 %)"), "choice", required=True, choices=_SCORES),
            _f("evaluator", N_("Penilai"), max_length=200),
            _f("evaluated_on", N_("Tanggal penilaian"), "date", required=True),
            _f("notes", N_("Catatan"), "area"),
        ),
        refs={"supplier_id": "supplier", "contract_id": "contract"},
    ),
    "incident": Kind(
        "incident",
        Incident,
        N_("insiden"),
        (
            _f(
                "service_id",
                N_("Kode layanan"),
                "ref",
                required=True,
                hint=N_("Kode atau nama layanan."),
            ),
            _f(
                "contract_id",
                N_("Kontrak penyebab"),
                "ref",
                hint=N_("Nomor kontrak (boleh kosong)."),
            ),
            _f("started_at", N_("Mulai"), "datetime", required=True),
            _f("responded_at", N_("Direspons"), "datetime"),
            _f("resolved_at", N_("Selesai"), "datetime"),
            _f(
                "severity",
                N_("Tingkat"),
                "choice",
                required=True,
                choices=choices(IncidentSeverity),
            ),
            _f("causes_downtime", N_("Layanan terhenti (dihitung dalam ketersediaan)"), "bool"),
            _f("description", N_("Uraian"), "area"),
        ),
        refs={"service_id": "service", "contract_id": "contract"},
    ),
    "warning_letter": Kind(
        "warning_letter",
        WarningLetter,
        N_("surat peringatan"),
        (
            _f("contract_id", N_("Nomor kontrak"), "ref", required=True, hint=N_("Nomor kontrak.")),
            _f(
                "level", N_("Tingkat surat"), "choice", required=True, choices=choices(WarningLevel)
            ),
            _f("issued_on", N_("Tanggal surat"), "date", required=True),
            _f("letter_number", N_("Nomor surat"), max_length=200),
            _f("reason", N_("Alasan"), "area"),
        ),
        refs={"contract_id": "contract"},
        title_field="letter_number",
    ),
    "penalty": Kind(
        "penalty",
        Penalty,
        N_("denda"),
        (
            _f("contract_id", N_("Nomor kontrak"), "ref", required=True, hint=N_("Nomor kontrak.")),
            _f("imposed_on", N_("Tanggal dikenakan"), "date", required=True),
            _f("days_late", N_("Hari terlambat"), "int", minimum=D(0)),
            _f("base_amount", N_("Dasar perhitungan (nilai bagian yang terlambat)"), "money"),
            _f("amount", N_("Jumlah denda"), "money", required=True),
            _f("notes", N_("Catatan"), "area"),
        ),
        refs={"contract_id": "contract"},
    ),
    "sanction": Kind(
        "sanction",
        Sanction,
        N_("sanksi"),
        (
            _f(
                "supplier_id",
                N_("Nama rekanan"),
                "ref",
                required=True,
                hint=N_("Nama atau NPWP rekanan."),
            ),
            _f("kind", N_("Jenis sanksi"), "choice", required=True, choices=choices(SanctionKind)),
            _f("decree_number", N_("Nomor keputusan"), max_length=200),
            _f("start_date", N_("Berlaku sejak"), "date", required=True),
            _f("end_date", N_("Berlaku sampai"), "date"),
            _f(
                "status",
                N_("Status di Daftar Hitam Nasional"),
                "choice",
                required=True,
                choices=choices(SanctionStatus),
            ),
            _f("source", N_("Sumber"), "choice", required=True, choices=choices(SanctionSource)),
            _f("reason", N_("Alasan"), "area"),
        ),
        refs={"supplier_id": "supplier"},
        title_field="decree_number",
    ),
}

_SCORE_FIELDS = frozenset({"quality", "cost", "timeliness", "service"})


def defaults(node: DOMNode, kind: str) -> dict[str, Any]:
    """Values a new record of ``kind`` starts with."""
    today = as_of(node)
    table: dict[str, dict[str, Any]] = {
        "supplier": {
            "legal_form": LegalForm.PT,
            "category": SupplierCategory.OPERATIONAL,
            "active": True,
        },
        "contract": {
            "status": ContractStatus.ACTIVE,
            "notice_days": 30,
            "renewal_kind": RenewalKind.NONE,
            "max_renewals": 0,
            "renewals_used": 0,
            "penalty_rate_per_mille": D("1"),
            "penalty_cap_pct": D("5"),
            "start_date": today,
        },
        "contract_service": {},
        "service": {"criticality": Criticality.MEDIUM, "service_hours": ServiceHours.OFFICE},
        "sla": {"service_hours": ServiceHours.OFFICE, "valid_from": today},
        "evaluation": {"evaluated_on": today, "evaluator": user_of(node)},
        "incident": {"severity": IncidentSeverity.MEDIUM, "causes_downtime": False},
        "warning_letter": {"issued_on": today},
        "penalty": {"imposed_on": today, "days_late": 0},
        "sanction": {
            "kind": SanctionKind.BLACKLIST_1Y,
            "status": SanctionStatus.PUBLISHED,
            "source": SanctionSource.LOCAL,
            "start_date": today,
        },
    }
    return dict(table[kind])


# ------------------------------------------------------------------------------ references


class FieldProblem(RekananError):
    """A field's value cannot be used; shown next to the field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


_S: Any = Supplier
_C: Any = Contract
_SV: Any = Service
_CS: Any = ContractService


def ref_label(session: Session, target: str, ref_id: int | None) -> str:
    """How a reference is written in its field: supplier name, contract number, service code."""
    if ref_id is None:
        return ""
    if target == "supplier":
        row = session.get(Supplier, ref_id)
        return row.name if row else ""
    if target == "contract":
        row_c = session.get(Contract, ref_id)
        return row_c.number if row_c else ""
    row_s = session.get(Service, ref_id)
    return row_s.code if row_s else ""


def resolve_ref(session: Session, target: str, text: str, node: DOMNode) -> tuple[int, str]:
    """Find the one record ``text`` names; a sentence (``ValueError``) when none or several."""
    cleaned = text.strip()
    if cleaned.startswith("#") and cleaned[1:].isdigit():
        found_id = int(cleaned[1:])
        label = ref_label(session, target, found_id)
        if label:
            return found_id, label
    if target == "supplier":
        try:
            canonical = normalise_npwp(cleaned)
        except ValueError:
            canonical = None
        if canonical:
            rows = session.execute(select(_S.id, _S.name).where(_S.npwp == canonical)).all()
            if len(rows) == 1:
                return int(rows[0][0]), str(rows[0][1])
        rows = session.execute(
            select(_S.id, _S.name).where(func.lower(_S.name) == cleaned.lower()).limit(5)
        ).all()
        if len(rows) == 1:
            return int(rows[0][0]), str(rows[0][1])
        if len(rows) > 1:
            raise ValueError(
                tr(node, "Ada beberapa rekanan bernama {name}; tulis NPWP-nya.", name=cleaned)
            )
        digits = npwp_search_key(cleaned)
        hint = (
            tr(node, " (NPWP {digits} juga tidak dikenal)", digits=digits)
            if len(digits) >= 15
            else ""
        )
        raise ValueError(
            tr(
                node,
                "Tidak ada rekanan bernama {name}{hint}; tulis nama lengkap atau NPWP-nya.",
                name=cleaned,
                hint=hint,
            )
        )
    if target == "contract":
        rows = session.execute(
            select(_C.id, _C.number).where(func.lower(_C.number) == cleaned.lower())
        ).all()
        if len(rows) == 1:
            return int(rows[0][0]), str(rows[0][1])
        raise ValueError(
            tr(node, "Tidak ada kontrak bernomor {number}; tulis nomornya persis.", number=cleaned)
        )
    rows = session.execute(
        select(_SV.id, _SV.code).where(
            (func.lower(_SV.code) == cleaned.lower()) | (func.lower(_SV.name) == cleaned.lower())
        )
    ).all()
    if len(rows) == 1:
        return int(rows[0][0]), str(rows[0][1])
    raise ValueError(tr(node, "Tidak ada layanan dengan kode atau nama {name}.", name=cleaned))


# ------------------------------------------------------------------------------ loading


@dataclass(frozen=True, slots=True)
class Loaded:
    """What a form opens with: stored values, their version, and the labels of references.

    ``stored`` keeps, for an edit opened with proposed values (a renewal's new end date),
    what the record holds for those fields: saving compares with it, so a proposed value
    the person keeps is written, not mistaken for "unchanged".
    """

    values: dict[str, Any]
    version: int | None
    ref_ids: dict[str, int | None]
    service_choices: tuple[tuple[str, str], ...] = ()
    links: dict[int, tuple[int, int]] = field(default_factory=dict)
    stored: dict[str, Any] = field(default_factory=dict)


_W: Any = WarningLetter
_LEVELS = (WarningLevel.SP1, WarningLevel.SP2, WarningLevel.SP3)


def next_letter_level(session: Session, contract_id: Any) -> WarningLevel:
    """The level after the contract's highest letter so far (SP1 first, SP3 at most)."""
    if not isinstance(contract_id, int):
        return WarningLevel.SP1
    issued = set(session.execute(select(_W.level).where(_W.contract_id == contract_id)).scalars())
    highest = max((_LEVELS.index(WarningLevel(x)) for x in issued if x in _LEVELS), default=-1)
    return _LEVELS[min(highest + 1, len(_LEVELS) - 1)]


def load_for_form(
    session: Session, kind: Kind, record_id: int | None, start: Mapping[str, Any]
) -> Loaded:
    """Read a record (or the starting values of a new one) as form values."""
    values: dict[str, Any] = {}
    version: int | None = None
    stored: dict[str, Any] = {}
    if record_id is not None:
        row = session.get(kind.model, record_id)
        if row is None:
            raise RekananError(
                "Data ini sudah tidak ada; mungkin dihapus orang lain. Tutup formulir ini."
            )
        for spec in kind.fields:
            if hasattr(row, spec.name):
                values[spec.name] = getattr(row, spec.name)
        version = row.version
        stored = {name: values[name] for name in start if name in values}
    values.update(start)
    if kind.key == "warning_letter" and record_id is None and "level" not in start:
        values["level"] = next_letter_level(session, values.get("contract_id"))
    ref_ids: dict[str, int | None] = {}
    for name, target in kind.refs.items():
        ref_id = values.get(name)
        ref_ids[name] = ref_id if isinstance(ref_id, int) else None
        if isinstance(ref_id, int):
            values[name] = ref_label(session, target, ref_id)
    for name in _SCORE_FIELDS & {s.name for s in kind.fields}:
        if isinstance(values.get(name), int):
            values[name] = str(values[name])
    service_choices: tuple[tuple[str, str], ...] = ()
    links: dict[int, tuple[int, int]] = {}
    if kind.key == "contract":
        service_choices = tuple(
            (str(sid), f"{code} - {name}")
            for sid, code, name in session.execute(
                select(_SV.id, _SV.code, _SV.name).order_by(_SV.code)
            ).all()
        )
        if record_id is not None:
            for link in session.execute(
                select(ContractService).where(_CS.contract_id == record_id)
            ).scalars():
                assert link.id is not None
                links[link.service_id] = (link.id, link.version)
        values["services"] = tuple(str(sid) for sid in links) or tuple(
            str(s) for s in start.get("services", ())
        )
    return Loaded(values, version, ref_ids, service_choices, links, stored)


# ------------------------------------------------------------------------------ the screen


class RecordForm(Screen[int | None]):
    """Create or edit one record; dismisses with its id once saved, None when cancelled."""

    CSS_PATH = "forms.tcss"
    HELP = N_(
        "Isi kolom lalu simpan dengan Ctrl+S. Kesalahan ditulis di bawah kolomnya; "
        "yang sudah diketik tidak hilang. Esc menutup formulir."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", N_("Simpan"), id="form.save", priority=True),
        Binding("escape", "cancel", N_("Batal"), id="form.cancel"),
        Binding("ctrl+r", "reload", N_("Muat ulang"), id="form.reload", show=False),
        Binding(HOLD_KEYS, "hold", HOLD_TEXT, show=False),
    ]

    def __init__(
        self,
        kind: str,
        record_id: int | None = None,
        start: Mapping[str, Any] | None = None,
        *,
        note: str = "",
        focus: str | None = None,
    ) -> None:
        super().__init__()
        self.focus_field = focus  # the field to start on (say, the new end of a renewal)
        self.opened_raw: dict[str, Any] = {}  # what the fields held when shown
        self.kind = KINDS[kind]
        self.record_id = record_id
        self.start = dict(start or {})
        self.note = note  # why the form opened with proposed values, shown above the fields
        self.loaded: Loaded | None = None
        self.saving = False
        self.saved_note: list[Sentence] = []
        self.stale_seen = False  # a newer version was found: the caller shows it on close
        self.award_confirmed = False  # yes given to saving for a sanctioned supplier
        self.order_shown: set[str] = set()  # fields showing a date-order sentence (G9)

    def compose(self) -> ComposeResult:
        noun = tr(self, self.kind.noun)
        title = (
            tr(self, "Ubah {noun}", noun=noun)
            if self.record_id is not None
            else tr(self, "{noun} baru", noun=noun)
        )
        title = title[:1].upper() + title[1:]
        yield Static(Text(title), classes="screen-title", id="form-title")
        yield Static(Text(tr(self, "Memuat…")), id="form-status")
        yield Footer()

    def on_mount(self) -> None:
        start = {**defaults(self, self.kind.key), **self.start} if self.record_id is None else {}
        if self.record_id is not None:
            start = dict(self.start)
        db = db_of(self)
        kind, record_id = self.kind, self.record_id

        def work() -> Loaded:
            with db.session() as session:
                return load_for_form(session, kind, record_id, start)

        run_db(self, work, self._show_form, group="form-load")

    def _specs(self, loaded: Loaded) -> list[FieldSpec]:
        specs = []
        for spec in self.kind.fields:
            if spec.kind == "multi" and spec.name == "services":
                spec = FieldSpec(
                    spec.name,
                    spec.label,
                    "multi",
                    choices=loaded.service_choices,
                    hint=N_(
                        "Spasi memilih; hanya berlaku bila kontrak ini kontrak pendukung (UC)."
                    ),
                )
            specs.append(spec)
        return specs

    async def _show_form(self, loaded: Loaded) -> None:
        self.loaded = loaded
        await self.query(FormView).remove()
        form = FormView(self._specs(loaded), loaded.values, id="record-form")
        await self.mount(form, before=self.query_one(Footer))
        self._status(self.note)
        self.call_after_refresh(self._focus_first)

    def _focus_first(self) -> None:
        self.opened_raw = {spec.name: self.form.raw(spec.name) for spec in self.form.specs}
        if self.focus_field is not None:
            for control in self.query(f"#record-form #field-{self.focus_field}"):
                control.focus()
                return
        if self.record_id is None:  # a new record: start on the first required field to fill
            for spec in self.form.specs:  # (G8: typing replaced a prefilled service code)
                if spec.required and self.form.raw(spec.name) in ("", None, Select.BLANK):
                    for control in self.query(f"#record-form #field-{spec.name}"):
                        control.focus()
                        return
        for control in self.query("#record-form Input, #record-form Select"):
            control.focus()
            return

    def _untouched(self) -> bool:
        """Every field still holds what it was shown with (nothing typed to lose)."""
        return bool(self.opened_raw) and all(
            self.form.raw(name) == value for name, value in self.opened_raw.items()
        )

    def _status(self, message: str, error: bool = False) -> None:
        status = self.query_one("#form-status", Static)
        status.set_class(error, "-error")
        status.update(Text(message))

    @property
    def form(self) -> FormView:
        """The fields."""
        return self.query_one(FormView)

    # -- references checked on the spot ----------------------------------------------

    @on(Input.Blurred)
    def _ref_blurred(self, event: Input.Blurred) -> None:
        name = (event.input.id or "").removeprefix("field-")
        self._check_orders()  # after FormView's own check of the field just left
        self._check_ref(name, event.value)
        if name == "started_at" and "contract_id" in self.kind.refs:
            raw = self.form.raw("contract_id")
            if isinstance(raw, str):
                self._check_ref("contract_id", raw)

    def _incident_day(self) -> date | None:
        """The day an incident started, when the form is for an incident and it parses."""
        if self.kind.key != "incident" or not self.form.is_mounted:
            return None
        try:
            return parse_datetime(str(self.form.raw("started_at") or "")).date()
        except FieldError:
            return None

    # -- dates in order, said on leaving a date and on saving (G9) -------------------

    def _dates(self) -> dict[str, Any]:
        """The date and time fields that parse now; a wrong one says its own sentence."""
        found: dict[str, Any] = {}
        for spec in self.form.specs:
            if spec.kind in ("date", "datetime"):
                try:
                    found[spec.name] = parse_field(spec, self.form.raw(spec.name)).value
                except FieldError:
                    continue
        return found

    def _order_fields(self, order: Order) -> tuple[str, ...]:
        """Where an order's sentence goes: the field(s) of the pair the person changed,
        else the later one (the store's choice)."""
        pair = (order.earlier, order.later)
        changed = tuple(n for n in pair if self.form.raw(n) != self.opened_raw.get(n))
        return changed or (order.later,)

    def _check_orders(self) -> list[str]:
        """Show every broken date order under its field(s), clear the mended ones; the
        names of the fields that now show one."""
        if self.loaded is None or not self.query(FormView) or not self.form.is_mounted:
            return []
        wanted: dict[str, str] = {}
        for order in broken_orders(self.kind.model, self._dates()):
            for name in self._order_fields(order):
                wanted.setdefault(name, tr(self, order.sentence))
        for name in self.order_shown - set(wanted):
            self.form.check(name)  # back to the field's own sentence, warning or hint
        for name, sentence in wanted.items():
            self.form.row(name).show(sentence, "error")
        self.order_shown = set(wanted)
        return list(wanted)

    def _check_refs(self) -> None:
        """Check every reference field now (when saving stopped on another field)."""
        for name in self.kind.refs:
            raw = self.form.raw(name)
            if isinstance(raw, str):
                self._check_ref(name, raw)

    def _check_ref(self, name: str, text_value: str) -> None:
        """Look the named supplier, contract or service up; say so under the field."""
        target = self.kind.refs.get(name)
        if not target or not text_value.strip() or not self.form.is_mounted:
            return
        db = db_of(self)
        started = self._incident_day() if name == "contract_id" else None
        service = str(self.form.raw("service_id") or "") if started else ""
        lang = language(self)

        def work() -> tuple[int, str, list[Sentence]] | str:
            with db.session() as session:
                try:
                    found, shown = resolve_ref(session, target, text_value, self)
                except ValueError as error:
                    return str(error)
                if not started:
                    return found, shown, []
                try:
                    service_id: int | None = resolve_ref(session, "service", service, self)[0]
                except ValueError:
                    service_id = None
                return found, shown, stored_term_problem(session, found, started, lang, service_id)

        def done(result: tuple[int, str, list[Sentence]] | str) -> None:
            if not self.is_mounted or self.form.raw(name) != text_value:
                return
            row = self.form.row(name)
            if isinstance(result, str):
                row.show(result, "error")
            elif result[2]:
                row.show(
                    " ".join(tr(self, text, **values) for text, values in result[2]), "warning"
                )
            else:
                row.show("→ " + result[1], "hint")

        run_db(self, work, done, group=f"ref-{name}")

    # -- saving ------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.saving or self.loaded is None:
            return
        values = self.form.read()  # every field's own sentence, focus on the first wrong
        out_of_order = self._check_orders()  # and, at once, every date out of order (G9)
        if values is None or out_of_order:
            self._status(tr(self, "Periksa kolom yang ditandai merah."), error=True)
            self._check_refs()
            if values is not None:
                self.form.row(out_of_order[0]).control.focus()
            return
        self.saving = True
        self._status(tr(self, "Menyimpan…"))
        db, kind, record_id, loaded = db_of(self), self.kind, self.record_id, self.loaded
        initial = self._initial_model_values(loaded)
        self.saved_note = []
        lang = language(self)

        day, asked = as_of(self), self.award_confirmed

        def work() -> int:
            with db.writer() as writer:
                if kind.key == "contract" and not asked:
                    self._ask_before_award(writer.session, record_id, values, initial, day)
                saved = save_record(writer, kind, record_id, values, initial, loaded, self)
                if kind.key == "incident":
                    self.saved_note = incident_note(writer.session, saved, lang)
                return saved

        run_db(self, work, self._saved, group="form-save", failed=self._save_failed)

    def _ask_before_award(
        self,
        session: Session,
        record_id: int | None,
        values: Mapping[str, Any],
        initial: Mapping[str, Any],
        day: date,
    ) -> None:
        """Raise ``AwardQuestion`` when the contract goes to a sanctioned supplier (worker)."""
        text_value = str(values.get("supplier_id") or "")
        if not text_value:
            return
        try:
            supplier_id, name = resolve_ref(session, "supplier", text_value, self)
        except ValueError:
            return  # save_record says what is wrong with the supplier field
        if needs_asking(record_id, values, initial, supplier_id):
            question = award_question(session, supplier_id, name, day, self)
            if question is not None:
                raise question

    def _answer_award(self, question: AwardQuestion) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.award_confirmed = True
                self.action_save()
            else:
                self._status(tr(self, "Belum tersimpan; isian Anda masih di formulir."), error=True)

        self.app.push_screen(
            ConfirmScreen(
                question.question,
                detail=question.detail,
                yes=N_("Tetap simpan"),
                no=N_("Kembali ke formulir"),
                danger=True,
            ),
            answered,
        )

    def _initial_model_values(self, loaded: Loaded) -> dict[str, Any]:
        values = dict(loaded.values)
        values.update(loaded.ref_ids)
        values.update(loaded.stored)  # proposed start values count as changes
        for name in _SCORE_FIELDS & set(values):
            if isinstance(values[name], str) and values[name].isdigit():
                values[name] = int(values[name])
        return values

    def _saved(self, record_id: int) -> None:
        self.saving = False
        note = self.saved_note
        if note:
            said = " ".join([tr(self, "Tersimpan."), *(tr(self, t, **v) for t, v in note)])
            self.app.notify(said, severity="warning", timeout=12, markup=False)
        else:
            self.app.notify(tr(self, "Tersimpan."), timeout=3)
        self.dismiss(record_id)

    def _save_failed(self, error: BaseException) -> bool:
        self.saving = False
        if isinstance(error, FieldProblem) and self.form.show_error(error.field, str(error)):
            self._status(tr(self, "Periksa kolom yang ditandai merah."), error=True)
            return True
        if isinstance(error, ValidationFailed):
            name = getattr(error, "field", None)
            if self.form.show_error(name, str(error)):
                self._status(tr(self, "Periksa kolom yang ditandai merah."), error=True)
                return True
            self._status(str(error), error=True)
            return True
        if isinstance(error, StaleEdit):
            self._stale(error)
            return True
        if isinstance(error, AwardQuestion):
            self._status("")
            self._answer_award(error)
            return True
        if isinstance(error, RekananError):
            self._status(str(error), error=True)
            self.app.push_screen(MessageScreen(tr(self, "Belum tersimpan"), str(error)))
            return True
        return False

    def _stale(self, error: StaleEdit) -> None:
        """Say who saved first; show both versions side by side; offer to reload."""
        self.stale_seen = True
        self._status(stale_sentence(self._t, error), error=True)
        db, kind, record_id = db_of(self), self.kind, self.record_id

        def work() -> Loaded:
            with db.session() as session:
                return load_for_form(session, kind, record_id, {})

        def failed(_error: BaseException) -> bool:
            self._ask_stale(error, None)
            return True

        run_db(
            self,
            work,
            lambda stored: self._ask_stale(error, stored),
            group="form-stale",
            failed=failed,
        )

    def _ask_stale(self, error: StaleEdit, stored: Loaded | None) -> None:

        def answer(reload: bool | None) -> None:
            if reload:
                self.on_mount()
            else:
                self._status(
                    tr(
                        self,
                        "Perubahan Anda masih di formulir tetapi belum tersimpan; "
                        "muat ulang (Ctrl+R) untuk melihat versi terbaru.",
                    ),
                    error=True,
                )

        self.app.push_screen(
            ConfirmScreen(
                tr(self, "Orang lain sudah menyimpan data ini lebih dulu."),
                detail=stale_sentence(self._t, error, advice=False)
                + "\n\n"
                + tr(
                    self,
                    "Muat ulang untuk melihat versi terbaru (yang Anda ketik akan diganti), "
                    "atau lanjut mengedit untuk menyalin isian Anda lebih dulu.",
                ),
                yes=N_("Muat ulang"),
                no=N_("Lanjut mengedit"),
                extra=self._both_versions(error, stored) if stored is not None else None,
            ),
            answer,
        )

    def _both_versions(self, error: StaleEdit, stored: Loaded) -> Table:
        """The fields where what the person typed differs from the version saved first."""
        lang = language(self)
        who = error.changed_by or tr(self, "pengguna lain")
        table = Table(show_edge=False, pad_edge=False, expand=True)
        table.add_column(tr(self, "Kolom"), style="dim", no_wrap=True)
        table.add_column(tr(self, "Isian Anda"))
        table.add_column(Text(tr(self, "Versi tersimpan ({who})", who=who)))
        for spec in self._specs(stored):
            yours = _shown(self, spec, self.form.raw(spec.name))
            value = stored.values.get(spec.name)
            theirs = _shown(
                self, spec, value if spec.kind in _FORMATTED else format_value(spec, value, lang)
            )
            if yours != theirs:
                table.add_row(Text(tr(self, spec.label)), Text(yours), Text(theirs, style="bold"))
        if not table.row_count:
            table.add_row("", Text(tr(self, "Isian Anda sama dengan versi tersimpan.")), "")
        return table

    def _t(self, text: str, **values: object) -> str:
        return tr(self, text, **values)

    def action_hold(self) -> None:
        """Screen switching is held while a form is open (see ``HOLD_KEYS``)."""

    def action_reload(self) -> None:
        """Reload the stored record (after a stale edit)."""
        if self.record_id is not None and not self.saving:
            self.on_mount()

    def action_cancel(self) -> None:
        if self.loaded is None or not self.form.dirty or self._untouched():
            self.dismiss(None)
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                tr(self, "Tutup formulir tanpa menyimpan?"),
                detail=tr(self, "Yang sudah Anda ketik akan hilang."),
                yes=N_("Tutup tanpa menyimpan"),
                no=N_("Kembali ke formulir"),
                danger=True,
            ),
            answer,
        )


_FORMATTED = frozenset({"money", "decimal", "percent", "int", "date", "datetime"})
"""Kinds shown as the app shows them (``Rp97.000.000``, ``7 Mar 2026``), not as typed."""


def _formatted(node: DOMNode, spec: FieldSpec, raw: Any) -> str | None:
    """A number or date as the app shows it; None when it cannot be read."""
    value = raw
    if isinstance(raw, str):
        try:
            value = parse_field(spec, raw).value
        except FieldError:
            return None
    lang = language(node)
    if value is None or value == "":
        return "-"
    if spec.kind == "money":
        return formatting.rupiah(value, lang)
    if spec.kind == "percent":
        return formatting.percent(value, lang, 3)
    if spec.kind in ("decimal", "int"):
        return formatting.number(value, lang, 3)
    if isinstance(value, datetime):
        return f"{formatting.medium_date(value.date(), lang)} {value:%H:%M}"
    if isinstance(value, date):
        return formatting.medium_date(value, lang)
    return None


def _shown(node: DOMNode, spec: FieldSpec, raw: Any) -> str:
    """A field's value as a person reads it (choice labels, Ya/Tidak, chosen services)."""
    if spec.kind in _FORMATTED:
        said = _formatted(node, spec, raw)
        if said is not None:
            return said
    if spec.kind == "bool":
        return tr(node, "Ya") if raw else tr(node, "Tidak")
    if spec.kind in ("choice", "multi"):
        labels = dict(spec.choices)
        keys = raw if isinstance(raw, tuple | list) else (() if raw in (None, "") else (raw,))
        shown = [tr(node, labels.get(str(k), str(k))) for k in keys if k is not Select.NULL]
        return ", ".join(sorted(shown)) or "-"
    return str(raw).strip() or "-"


def save_record(
    writer: Any,
    kind: Kind,
    record_id: int | None,
    values: Mapping[str, Any],
    initial: Mapping[str, Any],
    loaded: Loaded,
    node: DOMNode,
) -> int:
    """Write a form's values through the store (runs in a worker, inside one writer)."""
    session = writer.session
    data = dict(values)
    services = data.pop("services", None)
    for name, target in kind.refs.items():
        text_value = data.get(name)
        if not text_value:
            data[name] = None
            continue
        try:
            data[name] = resolve_ref(session, target, str(text_value), node)[0]
        except ValueError as error:
            raise FieldProblem(name, str(error)) from error
    for name in _SCORE_FIELDS & set(data):
        data[name] = int(data[name])
    for name, value in data.items():
        if value == "" and _nullable(kind.model, name):
            data[name] = None  # an emptied optional text is "not given", not ""
    if record_id is None:
        clean = {k: v for k, v in data.items() if v is not None or k in kind.refs}
        new_id = int(writer.create(kind.model(**clean)))
    else:
        changes = {k: v for k, v in data.items() if _comparable(initial.get(k)) != _comparable(v)}
        if changes:
            writer.update(kind.model, record_id, changes, expected_version=loaded.version)
        new_id = record_id
    if kind.key == "contract" and services is not None:
        _sync_links(writer, new_id, {int(s) for s in services}, loaded.links)
    return new_id


def incident_note(session: Session, incident_id: int, language: str) -> list[Sentence]:
    """Why a saved incident stays out of its supplier's scorecard (empty: it counts)."""
    row: Any = session.get(Incident, incident_id)
    if row is None or row.contract_id is None:
        return []
    day = row.started_at.date()
    return stored_term_problem(session, row.contract_id, day, language, row.service_id)


def _nullable(model: Any, name: str) -> bool:
    """True when the column's default is None (an optional value, not a text)."""
    field_info = getattr(model, "model_fields", {}).get(name)
    return field_info is not None and field_info.default is None


def _comparable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.normalize()
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        return value.value
    return value


def _sync_links(
    writer: Any, contract_id: int, wanted: set[int], links: Mapping[int, tuple[int, int]]
) -> None:
    """Add and remove the services a contract underpins, each through the writer."""
    for service_id, (link_id, version) in links.items():
        if service_id not in wanted:
            writer.delete(ContractService, link_id, expected_version=version)
    for service_id in sorted(wanted - set(links)):
        writer.create(ContractService(contract_id=contract_id, service_id=service_id))


# ------------------------------------------------------------------------------ entry points

READ_ONLY_SENTENCE = N_(
    "Basis data dibuka hanya-baca, jadi data tidak dapat diubah. "
    "Buka tanpa --read-only untuk mengubah data."
)


def open_form(
    node: DOMNode,
    kind: str,
    record_id: int | None,
    *,
    on_saved: Callable[[int], None] | None = None,
    start: Mapping[str, Any] | None = None,
    note: str = "",
    on_stale: Callable[[], None] | None = None,
) -> None:
    """Push a form; ``on_saved(id)`` runs after a successful save; ``note`` says why it
    opened (shown above the fields); ``on_stale()`` runs when it closes unsaved after
    finding a newer version (the caller shows that version)."""

    if not writable(node):
        node.app.notify(tr(node, READ_ONLY_SENTENCE), severity="warning", markup=False)
        return

    form = RecordForm(kind, record_id, start, note=note)

    def done(result: int | None) -> None:
        if result is not None and on_saved is not None:
            on_saved(result)
        elif result is None and form.stale_seen and on_stale is not None:
            on_stale()

    node.app.push_screen(form, done)


def confirm_delete(
    node: DOMNode,
    kind: str,
    record_id: int,
    description: str,
    version: int,
    after: Callable[[], None],
) -> None:
    """Ask, then delete through the store; a refusal (it would orphan records) is explained."""
    if not writable(node):
        node.app.notify(tr(node, READ_ONLY_SENTENCE), severity="warning", markup=False)
        return
    spec = KINDS[kind]
    noun = tr(node, spec.noun)

    def answer(yes: bool | None) -> None:
        if not yes:
            return
        db = db_of(node)

        def work() -> None:
            with db.writer() as writer:
                writer.delete(spec.model, record_id, expected_version=version)

        def failed(error: BaseException) -> bool:
            if isinstance(error, DeleteRefused | StaleEdit | RekananError):
                said = (
                    stale_sentence(partial(tr, node), error)
                    if isinstance(error, StaleEdit)
                    else str(error)
                )
                node.app.push_screen(MessageScreen(tr(node, "Tidak dihapus"), said))
                return True
            return False

        def done(_: None) -> None:
            said = tr(node, "{noun} dihapus.", noun=noun)
            node.app.notify(said[:1].upper() + said[1:], markup=False)
            after()

        run_db(node, work, done, group="delete", failed=failed)

    def refusal() -> str:
        """Why the delete would be refused, said before asking (G25); '' when it can go."""
        table: str = spec.model.__tablename__  # type: ignore[attr-defined]
        with db_of(node).session() as session:
            row = session.get(spec.model, record_id)
            if row is None:
                return ""
            blocking, _owned = dependents(session, table, record_id)
            return refusal_sentence(table, row, blocking) if blocking else ""

    def ask(refused: str) -> None:
        if refused:
            node.app.push_screen(MessageScreen(tr(node, "Tidak dapat dihapus"), refused))
            return
        node.app.push_screen(
            ConfirmScreen(
                tr(node, "Hapus {noun} ini?", noun=noun),
                detail=description,
                yes=N_("Hapus"),
                no=N_("Batal"),
                danger=True,
                yes_key=False,
            ),
            answer,
        )

    run_db(node, refusal, ask, group="delete-check")


__all__ = ["KINDS", "FieldProblem", "RecordForm", "confirm_delete", "open_form", "show_error"]
