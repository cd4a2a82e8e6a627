"""The demo agency's data files: read the CSVs, turn day offsets into dates, plan the rows.

The story lives in ``rekanan/seed_data/*.csv`` (its README.md tells it). Every date there is
a number of days from the day the demo is loaded (``start_offset=-400``), so the agency
looks current whenever it is loaded: contracts due for decision in the coming weeks, a
grace period about to run out, a sanction still running. Evaluations are written as plans
(every month, every quarter, or once per contract, with a cycle of scores) and expanded
here into calendar periods before the load date.

Nothing here touches the database: ``plan_demo`` returns ``Planned`` rows (the fields of one
table row and the keys of the rows it points at) in an order in which they can be created;
``rekanan.store.seed`` writes them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from importlib import resources
from typing import Any

from rekanan.domain.periods import Period, month, quarter
from rekanan.store.errors import StoreError

SEED_PACKAGE = "rekanan"
SEED_FOLDER = "seed_data"

TABLE_ORDER: tuple[str, ...] = (
    "supplier",
    "service",
    "sla",
    "contract",
    "contract_service",
    "grace_extension",
    "warning_letter",
    "penalty",
    "sanction",
    "evaluation",
    "incident",
    "review_decision",
    "agency_holiday",
)
"""Tables in an order where every row's references already exist."""

WIB = timezone(timedelta(hours=7), "WIB")
"""Office clock of the agency, for the few timestamps the demo carries (review decisions)."""

EVALUATION_LAG_DAYS = 7
"""Periodic evaluations are written a week after the period ends (never after the load date)."""

CONTRACT_EVALUATION_LAG_DAYS = 14
"""A contract's final evaluation follows its end by two weeks."""

PERIODS_BACK = {"bulan": 24, "triwulan": 8}
"""Two years of monthly or quarterly evaluations unless a plan says otherwise."""

_CENT = Decimal("0.01")
_THOUSAND = Decimal(1000)
_HUNDRED = Decimal(100)


class SeedDataError(StoreError):
    """A demo data file is broken: names the file, the line and what is wrong."""


@dataclass(frozen=True, slots=True)
class Planned:
    """One row to create: its fields, and for foreign keys the (table, key) it points at."""

    table: str
    fields: dict[str, Any]
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)
    key: str | None = None


@dataclass(frozen=True, slots=True)
class DemoPlan:
    """Every row of the demo agency as of ``today``, grouped by table."""

    today: date
    agency: dict[str, str]
    rows: dict[str, list[Planned]]

    def count(self, table: str) -> int:
        """How many rows of ``table`` the plan creates."""
        return len(self.rows.get(table, ()))


# ---------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class Line:
    """One CSV record with its file and line number, for error messages."""

    file: str
    number: int
    values: dict[str, str]

    def text(self, column: str) -> str:
        """The stripped text of ``column`` ('' when empty)."""
        return (self.values.get(column) or "").strip()

    def fail(self, message: str) -> SeedDataError:
        """An error naming this line."""
        return SeedDataError(f"Berkas data demo {self.file} baris {self.number}: {message}")


def read_text(name: str) -> str:
    """The text of one data file shipped inside the package."""
    try:
        return resources.files(SEED_PACKAGE).joinpath(SEED_FOLDER, name).read_text("utf-8")
    except (FileNotFoundError, OSError) as error:
        raise SeedDataError(
            f"Berkas data demo {name} tidak ditemukan di paket rekanan ({error}); "
            "pasang ulang paketnya."
        ) from error


def read_table(name: str, required: tuple[str, ...]) -> list[Line]:
    """Read a CSV data file; refuse missing columns and rows with too many fields."""
    reader = csv.DictReader(io.StringIO(read_text(name)))
    header = reader.fieldnames or []
    missing = [column for column in required if column not in header]
    if missing:
        raise SeedDataError(f"Berkas data demo {name} tidak punya kolom {', '.join(missing)}.")
    lines = []
    for values in reader:
        line = Line(name, reader.line_num, values)
        if None in values:
            raise line.fail("ada lebih banyak nilai daripada kolom di baris judul.")
        lines.append(line)
    return lines


def _parse(line: Line, column: str, convert: Callable[[str], Any], what: str) -> Any:
    text = line.text(column)
    if not text:
        return None
    try:
        return convert(text)
    except (ValueError, InvalidOperation):
        raise line.fail(f"kolom {column} berisi '{text}', padahal harus {what}.") from None


def offset_day(line: Line, column: str, today: date) -> date | None:
    """A day written as an offset from the load date (None when empty)."""
    days = _parse(line, column, int, "selisih hari (bilangan bulat, misalnya -400)")
    return None if days is None else today + timedelta(days=days)


def required_day(line: Line, column: str, today: date) -> date:
    """Like ``offset_day`` but the value must be there."""
    value = offset_day(line, column, today)
    if value is None:
        raise line.fail(f"kolom {column} wajib diisi.")
    return value


def decimal_of(line: Line, column: str) -> Decimal | None:
    """A decimal number (money, percent, hours) or None."""
    value: Decimal | None = _parse(line, column, Decimal, "angka (titik desimal)")
    return value


def int_of(line: Line, column: str, default: int | None = None) -> int | None:
    """A whole number, or ``default`` when empty."""
    value: int | None = _parse(line, column, int, "bilangan bulat")
    return default if value is None else value


def bool_of(line: Line, column: str) -> bool:
    """1/0 (empty is 0)."""
    text = line.text(column)
    if text not in ("", "0", "1"):
        raise line.fail(f"kolom {column} berisi '{text}', padahal harus 1 atau 0.")
    return text == "1"


def with_year(template: str, day: date) -> str:
    """A document number with ``{year}`` replaced by the year of ``day``."""
    return template.replace("{year}", str(day.year))


# ---------------------------------------------------------------------------- the plan


@dataclass
class _Builder:
    """Collects planned rows and remembers what later tables need (keys, spans, values)."""

    today: date
    agency: dict[str, str] = field(default_factory=dict)
    rows: dict[str, list[Planned]] = field(default_factory=dict)
    ppk: dict[str, str] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)
    contracts: dict[str, dict[str, Any]] = field(default_factory=dict)
    contract_supplier: dict[str, str] = field(default_factory=dict)

    def add(self, row: Planned) -> None:
        self.rows.setdefault(row.table, []).append(row)
        if row.key is not None:
            known = self.keys.setdefault(row.table, set())
            if row.key in known:
                raise SeedDataError(f"Kunci {row.key} dipakai dua kali untuk tabel {row.table}.")
            known.add(row.key)

    def ref(self, line: Line, column: str, table: str) -> tuple[str, str]:
        key = line.text(column)
        if key not in self.keys.get(table, set()):
            raise line.fail(f"kolom {column} menyebut '{key}', yang tidak ada di data {table}.")
        return (table, key)

    def contract_ref(self, line: Line, column: str = "contract") -> tuple[str, str]:
        return self.ref(line, column, "contract")


def plan_demo(today: date) -> DemoPlan:
    """Read every data file and plan the rows of the demo agency as of ``today``."""
    builder = _Builder(today)
    builder.agency = {
        line.text("key"): line.text("value") for line in read_table("agency.csv", ("key", "value"))
    }
    builder.ppk = {
        line.text("key"): line.text("name")
        for line in read_table("ppk.csv", ("key", "name", "position"))
    }
    for step in (
        _suppliers,
        _services,
        _slas,
        _contracts,
        _contract_services,
        _graces,
        _letters,
        _penalties,
        _sanctions,
        _evaluations,
        _incidents,
        _reviews,
        _holidays,
    ):
        step(builder)
    rows = {table: builder.rows.get(table, []) for table in TABLE_ORDER}
    return DemoPlan(today, builder.agency, rows)


def _suppliers(b: _Builder) -> None:
    columns = ("key", "name", "legal_form", "category", "npwp", "nib", "active")
    for line in read_table("suppliers.csv", columns):
        fields: dict[str, Any] = {
            name: line.text(name)
            for name in (
                "name",
                "legal_form",
                "category",
                "address",
                "contact_person",
                "email",
                "phone",
                "notes",
            )
        }
        fields["npwp"] = line.text("npwp") or None
        fields["nib"] = line.text("nib") or None
        fields["active"] = bool_of(line, "active")
        b.add(Planned("supplier", fields, key=line.text("key")))


def _services(b: _Builder) -> None:
    columns = ("code", "name", "owner_unit", "criticality", "service_hours", "description")
    for line in read_table("services.csv", columns):
        fields = {name: line.text(name) for name in columns}
        b.add(Planned("service", fields, key=line.text("code")))


def _slas(b: _Builder) -> None:
    columns = (
        "service",
        "customer",
        "availability_pct",
        "response_hours",
        "resolution_hours",
        "service_hours",
        "valid_from_offset",
        "valid_until_offset",
    )
    for line in read_table("slas.csv", columns):
        fields = {
            "customer": line.text("customer"),
            "availability_pct": decimal_of(line, "availability_pct"),
            "response_hours": decimal_of(line, "response_hours"),
            "resolution_hours": decimal_of(line, "resolution_hours"),
            "service_hours": line.text("service_hours"),
            "valid_from": required_day(line, "valid_from_offset", b.today),
            "valid_until": offset_day(line, "valid_until_offset", b.today),
        }
        b.add(Planned("sla", fields, {"service_id": b.ref(line, "service", "service")}))


_CONTRACT_COLUMNS = (
    "key",
    "number",
    "title",
    "supplier",
    "ppk",
    "contract_type",
    "is_uc",
    "value",
    "bond",
    "start_offset",
    "end_offset",
    "status",
    "notice_days",
    "renewal_kind",
    "renewal_months",
    "max_renewals",
    "renewals_used",
    "lead_days",
    "cap_pct",
    "completed_offset",
    "termination_offset",
    "fault",
    "termination_reason",
    "availability_pct",
    "response_hours",
    "resolution_hours",
    "service_hours",
    "notes",
)


def _contracts(b: _Builder) -> None:
    for line in read_table("contracts.csv", _CONTRACT_COLUMNS):
        start = required_day(line, "start_offset", b.today)
        ppk_key = line.text("ppk")
        if ppk_key not in b.ppk:
            raise line.fail(f"kolom ppk menyebut '{ppk_key}', yang tidak ada di ppk.csv.")
        fields: dict[str, Any] = {
            "number": with_year(line.text("number"), start),
            "title": line.text("title"),
            "is_underpinning": bool_of(line, "is_uc"),
            "value": decimal_of(line, "value") or Decimal(0),
            "performance_bond": decimal_of(line, "bond"),
            "start_date": start,
            "end_date": offset_day(line, "end_offset", b.today),
            "status": line.text("status") or "aktif",
            "notice_days": int_of(line, "notice_days", 30),
            "renewal_kind": line.text("renewal_kind") or "tidak",
            "renewal_period_months": int_of(line, "renewal_months"),
            "max_renewals": int_of(line, "max_renewals", 0),
            "renewals_used": int_of(line, "renewals_used", 0),
            "procurement_lead_days": int_of(line, "lead_days"),
            "penalty_cap_pct": decimal_of(line, "cap_pct") or Decimal(5),
            "penalty_rate_per_mille": Decimal(1),
            "ppk": b.ppk[ppk_key],
            "satker": b.agency.get("satker", ""),
            "contract_type": line.text("contract_type"),
            "completed_on": offset_day(line, "completed_offset", b.today),
            "termination_date": offset_day(line, "termination_offset", b.today),
            "terminated_for_fault": bool_of(line, "fault"),
            "termination_reason": line.text("termination_reason"),
            "availability_pct": decimal_of(line, "availability_pct"),
            "response_hours": decimal_of(line, "response_hours"),
            "resolution_hours": decimal_of(line, "resolution_hours"),
            "service_hours": line.text("service_hours") or None,
            "source": "demo",
            "notes": line.text("notes"),
        }
        supplier = b.ref(line, "supplier", "supplier")
        key = line.text("key")
        b.add(Planned("contract", fields, {"supplier_id": supplier}, key=key))
        b.contracts[key] = fields
        b.contract_supplier[key] = supplier[1]


def _contract_services(b: _Builder) -> None:
    for line in read_table("contract_services.csv", ("contract", "service", "component")):
        refs = {
            "contract_id": b.contract_ref(line),
            "service_id": b.ref(line, "service", "service"),
        }
        if not b.contracts[line.text("contract")]["is_underpinning"]:
            raise line.fail("hanya kontrak pendukung (is_uc=1) yang boleh menopang layanan.")
        b.add(Planned("contract_service", {"component": line.text("component") or None}, refs))


def _graces(b: _Builder) -> None:
    for line in read_table("grace_extensions.csv", ("contract", "granted_offset", "days")):
        fields = {
            "granted_on": required_day(line, "granted_offset", b.today),
            "days": int_of(line, "days"),
            "reason": line.text("reason"),
        }
        b.add(Planned("grace_extension", fields, {"contract_id": b.contract_ref(line)}))


def _letters(b: _Builder) -> None:
    columns = ("contract", "level", "issued_offset", "letter_number", "reason")
    for line in read_table("warning_letters.csv", columns):
        issued = required_day(line, "issued_offset", b.today)
        fields = {
            "level": line.text("level"),
            "issued_on": issued,
            "letter_number": with_year(line.text("letter_number"), issued),
            "reason": line.text("reason"),
        }
        b.add(Planned("warning_letter", fields, {"contract_id": b.contract_ref(line)}))


def penalty_cap(contract: dict[str, Any]) -> Decimal:
    """The contract's penalty cap: its performance bond, else ``cap %`` of its value."""
    bond: Decimal | None = contract.get("performance_bond")
    if bond:
        return bond
    value: Decimal = contract["value"] * contract["penalty_cap_pct"] / _HUNDRED
    return value.quantize(_CENT, ROUND_HALF_UP)


def _penalties(b: _Builder) -> None:
    """Penalties are computed from the days late (Pasal 79) and never pass the cap."""
    columns = ("contract", "imposed_offset", "days_late", "base_amount", "amount", "notes")
    so_far: dict[str, Decimal] = {}
    for line in read_table("penalties.csv", columns):
        key = b.contract_ref(line)[1]
        contract = b.contracts[key]
        days = int_of(line, "days_late", 0) or 0
        base = decimal_of(line, "base_amount")
        rate: Decimal = contract["penalty_rate_per_mille"]
        computed = ((base or contract["value"]) * rate / _THOUSAND * days).quantize(
            _CENT, ROUND_HALF_UP
        )
        cap = penalty_cap(contract)
        room = cap - so_far.get(key, Decimal(0))
        amount = decimal_of(line, "amount")
        if amount is None:
            amount = min(computed, room)
        elif amount > room:
            raise line.fail(f"denda {amount} melewati batas denda kontrak ({cap}).")
        so_far[key] = so_far.get(key, Decimal(0)) + amount
        fields = {
            "imposed_on": required_day(line, "imposed_offset", b.today),
            "days_late": days,
            "base_amount": base or Decimal(0),
            "amount": amount,
            "notes": line.text("notes"),
        }
        b.add(Planned("penalty", fields, {"contract_id": ("contract", key)}))


def _sanctions(b: _Builder) -> None:
    columns = (
        "supplier",
        "kind",
        "decree_number",
        "start_offset",
        "end_offset",
        "status",
        "source",
        "reason",
    )
    for line in read_table("sanctions.csv", columns):
        start = required_day(line, "start_offset", b.today)
        fields = {
            "kind": line.text("kind"),
            "decree_number": with_year(line.text("decree_number"), start),
            "start_date": start,
            "end_date": offset_day(line, "end_offset", b.today),
            "status": line.text("status"),
            "source": line.text("source"),
            "reason": line.text("reason"),
        }
        b.add(Planned("sanction", fields, {"supplier_id": b.ref(line, "supplier", "supplier")}))


def contract_stop(contract: dict[str, Any], today: date) -> date:
    """The last day a contract ran as of ``today``: terminated, completed, ended, or today.

    A live tacit renewal runs on past the end of its first term, so it runs until today.
    """
    if contract.get("renewal_kind") == "otomatis" and contract.get("status") in (
        "aktif",
        "diperpanjang",
    ):
        return today
    stop: date = (
        contract.get("termination_date")
        or contract.get("completed_on")
        or contract.get("end_date")
        or today
    )
    return min(stop, today)


def past_periods(every: str, today: date, first_back: int, last_back: int) -> list[Period]:
    """Complete months or quarters before ``today``, ``first_back`` to ``last_back`` ago,
    oldest first (1 = the last complete one)."""
    if every == "bulan":
        current = month(today.year, today.month)
    else:
        current = quarter(today.year, (today.month - 1) // 3 + 1)
    found = []
    period = current
    for back in range(1, first_back + 1):
        period = period.previous()
        if back >= last_back:
            found.append(period)
    return list(reversed(found))


def _scores(line: Line) -> list[tuple[int, int, int, int]]:
    cycle = []
    for code in line.text("scores").split():
        if len(code) != 4 or any(ch not in "0123" for ch in code):
            raise line.fail(
                f"nilai '{code}' bukan empat angka 0-3 (kualitas, biaya, waktu, layanan)."
            )
        q, c, t, s = (int(ch) for ch in code)
        cycle.append((q, c, t, s))
    if not cycle:
        raise line.fail("kolom scores kosong.")
    return cycle


def _evaluation_periods(
    line: Line, contract: dict[str, Any], today: date
) -> Iterator[tuple[date, date, date]]:
    """(period start, period end, evaluated on) of one plan line."""
    every = line.text("every")
    start: date = contract["start_date"]
    stop = contract_stop(contract, today)
    if every == "kontrak":
        if stop < today:
            yield start, stop, min(stop + timedelta(days=CONTRACT_EVALUATION_LAG_DAYS), today)
        return
    if every not in PERIODS_BACK:
        raise line.fail(f"kolom every berisi '{every}'; pilih bulan, triwulan atau kontrak.")
    first_back = int_of(line, "from_back", PERIODS_BACK[every]) or PERIODS_BACK[every]
    last_back = int_of(line, "to_back", 1) or 1
    terminated: date | None = contract.get("termination_date")
    for period in past_periods(every, today, first_back, last_back):
        # A terminated contract's last, partial period is judged by its final evaluation.
        if period.overlaps(start, stop) and (terminated is None or period.end <= terminated):
            lag = period.end + timedelta(days=EVALUATION_LAG_DAYS)
            yield period.start, period.end, min(lag, today)


def _evaluations(b: _Builder) -> None:
    columns = ("contract", "every", "from_back", "to_back", "scores", "notes")
    for line in read_table("evaluation_plans.csv", columns):
        key = b.contract_ref(line)[1]
        contract = b.contracts[key]
        cycle = _scores(line)
        refs = {
            "contract_id": ("contract", key),
            "supplier_id": ("supplier", b.contract_supplier[key]),
        }
        for index, (first, last, on) in enumerate(_evaluation_periods(line, contract, b.today)):
            q, c, t, s = cycle[index % len(cycle)]
            fields = {
                "period_start": first,
                "period_end": last,
                "quality": q,
                "cost": c,
                "timeliness": t,
                "service": s,
                "evaluator": contract["ppk"],
                "evaluated_on": on,
                "notes": line.text("notes"),
            }
            b.add(Planned("evaluation", fields, dict(refs)))


def _clock(line: Line, column: str) -> time:
    text = line.text(column)
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise line.fail(
            f"kolom {column} berisi '{text}', padahal harus jam seperti 08:30."
        ) from None


def _incidents(b: _Builder) -> None:
    columns = (
        "service",
        "contract",
        "start_offset",
        "start_time",
        "response_minutes",
        "resolution_minutes",
        "severity",
        "downtime",
        "description",
    )
    for line in read_table("incidents.csv", columns):
        started = datetime.combine(
            required_day(line, "start_offset", b.today), _clock(line, "start_time")
        )
        response = int_of(line, "response_minutes")
        resolution = int_of(line, "resolution_minutes")
        fields = {
            "started_at": started,
            "responded_at": None if response is None else started + timedelta(minutes=response),
            "resolved_at": None if resolution is None else started + timedelta(minutes=resolution),
            "severity": line.text("severity") or "sedang",
            "causes_downtime": bool_of(line, "downtime"),
            "description": line.text("description"),
        }
        refs = {"service_id": b.ref(line, "service", "service")}
        if line.text("contract"):
            refs["contract_id"] = b.contract_ref(line)
        b.add(Planned("incident", fields, refs))


def _reviews(b: _Builder) -> None:
    columns = ("contract", "decided_offset", "decision", "reviewer", "notes")
    for line in read_table("reviews.csv", columns):
        decided = required_day(line, "decided_offset", b.today)
        reviewer = line.text("reviewer")
        fields = {
            "decided_on": decided,
            "decided_at": datetime.combine(decided, time(10, 0), tzinfo=WIB),
            "decision": line.text("decision"),
            "reviewer": b.ppk.get(reviewer, reviewer),
            "notes": line.text("notes"),
        }
        b.add(Planned("review_decision", fields, {"contract_id": b.contract_ref(line)}))


def _holidays(b: _Builder) -> None:
    """Yearly agency days off (``MM-DD``) from two years back to next year."""
    for line in read_table("agency_holidays.csv", ("month_day", "name")):
        text = line.text("month_day")
        try:
            mon, day_of_month = (int(part) for part in text.split("-"))
            days = [
                date(year, mon, day_of_month) for year in range(b.today.year - 2, b.today.year + 2)
            ]
        except ValueError:
            raise line.fail(
                f"kolom month_day berisi '{text}', padahal harus seperti 05-19."
            ) from None
        for day in days:
            b.add(Planned("agency_holiday", {"day": day, "name": line.text("name")}))
