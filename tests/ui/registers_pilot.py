"""Pilot helpers of the register tests: a small agency, a host app, waiting for workers.

The screens only need ``app.db`` (``session()`` and ``writer()``), ``settings``, ``as_of``,
``language`` and ``t``. ``RegistersHost`` provides them around one screen, so the register
screens are tested on their own; the app-level tests drive the real ``RekananApp``.

The store is the real one (``open_database`` on a temporary SQLite file), so the screens
meet the real refusals: ``ValidationFailed``, ``StaleEdit``, ``DeleteRefused``, ``ReadOnly``.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import WorkerCancelled, WorkerState

from rekanan.app import translate_bindings
from rekanan.config import Settings
from rekanan.models import (
    SLA,
    Contract,
    ContractService,
    ContractStatus,
    Criticality,
    Evaluation,
    Incident,
    IncidentSeverity,
    Penalty,
    RenewalKind,
    Sanction,
    SanctionKind,
    Service,
    ServiceHours,
    Supplier,
    SupplierCategory,
    WarningLetter,
    WarningLevel,
)
from rekanan.store.database import Database, open_database

TODAY = date(2026, 3, 2)


async def settle(pilot: Any, rounds: int = 50) -> None:
    """Wait until no worker runs and every message they caused has been handled.

    ``wait_for_complete`` raises when an exclusive worker was cancelled by a newer one
    (search as you type does that on purpose), so wait again until all are done.
    """
    app = pilot.app
    for _ in range(rounds):
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            await pilot.pause()
            return
    raise AssertionError("workers still running after many rounds")


def shown(widget: Any) -> str:
    """The plain text a widget draws, line by line (markup already applied or not)."""
    height = max(widget.size.height, 1)
    return "\n".join(widget.render_line(y).text for y in range(height))


# ------------------------------------------------------------------------------ store


def open_test_database(path: Path, user: str = "tester") -> Database:
    """A fresh migrated store in a temporary SQLite file."""
    return open_database(str(path), user=user)


# ------------------------------------------------------------------------------ agency


def seed_small(db: Any, today: date = TODAY) -> dict[str, int]:
    """A small agency that exercises every tab: returns ids by name."""
    ids: dict[str, int] = {}
    with db.writer() as w:
        ids["telkom"] = w.create(
            Supplier(
                name="PT Telkom Indonesia (Persero) Tbk",
                name_key="telkom indonesia",
                npwp="0010000000093000",
                category=SupplierCategory.STRATEGIC,
                address="Jl. Japati No. 1, Bandung",
                contact_person="Account Manager",
            )
        )
        ids["maju"] = w.create(
            Supplier(
                name="CV Maju Jaya Web",
                name_key="maju jaya web",
                npwp="0021234567890123",
                category=SupplierCategory.OPERATIONAL,
            )
        )
        ids["markup"] = w.create(
            Supplier(
                name="[bold red]PT Markup[/]",
                name_key="markup",
                category=SupplierCategory.COMMODITY,
            )
        )
        ids["budi"] = w.create(
            Supplier(
                name="Budi Santoso",
                name_key="budi santoso",
                legal_form="perorangan",
                category=SupplierCategory.COMMODITY,
                active=False,
            )
        )
        ids["net"] = w.create(
            Service(
                code="NET",
                name="Intranet pemerintah",
                criticality=Criticality.CRITICAL,
                service_hours=ServiceHours.ALWAYS,
            )
        )
        ids["lapor"] = w.create(
            Service(code="LAPOR", name="LAPOR! SP4N", criticality=Criticality.HIGH)
        )
        ids["web"] = w.create(Service(code="WEB", name="Situs resmi"))
        w.create(
            SLA(
                service_id=ids["net"],
                customer="Semua OPD",
                availability_pct=Decimal("99.5"),
                resolution_hours=Decimal("4"),
                service_hours=ServiceHours.ALWAYS,
                valid_from=date(2026, 1, 1),
                valid_until=date(2026, 12, 31),
            )
        )
        w.create(
            SLA(
                service_id=ids["lapor"],
                customer="Masyarakat",
                availability_pct=Decimal("98"),
                service_hours=ServiceHours.OFFICE,
                valid_from=date(2026, 1, 1),
            )
        )
        ids["link"] = w.create(
            Contract(
                number="602.1/01/KTR/DISKOMINFO/2026",
                title="Internet dan intranet",
                supplier_id=ids["telkom"],
                is_underpinning=True,
                value=Decimal("900000000"),
                start_date=date(2025, 3, 1),
                end_date=date(2026, 8, 31),
                notice_days=30,
                renewal_kind=RenewalKind.EXPRESS,
                performance_bond=Decimal("45000000"),
                availability_pct=Decimal("99.0"),
                resolution_hours=Decimal("8"),
                service_hours=ServiceHours.ALWAYS,
                ppk="Ir. Sri Wahyuni",
            )
        )
        ids["webdev"] = w.create(
            Contract(
                number="027/15/SPK/2025",
                title="Pemeliharaan situs resmi",
                supplier_id=ids["maju"],
                value=Decimal("45000000"),
                start_date=date(2025, 4, 1),
                end_date=today + timedelta(days=20),
                notice_days=14,
                procurement_lead_days=0,
            )
        )
        ids["old"] = w.create(
            Contract(
                number="027/03/SPK/2024",
                title="Desain ulang situs",
                supplier_id=ids["maju"],
                value=Decimal("30000000"),
                start_date=date(2024, 1, 2),
                end_date=date(2024, 12, 20),
                status=ContractStatus.EXPIRED,
            )
        )
        ids["ta"] = w.create(
            Contract(
                number="KTR-TA-01/2026",
                title="Tenaga ahli pemrograman",
                supplier_id=ids["budi"],
                value=Decimal("12000000"),
                start_date=date(2026, 1, 5),
                end_date=date(2026, 12, 31),
            )
        )
        w.create(ContractService(contract_id=ids["link"], service_id=ids["net"]))
        w.create(ContractService(contract_id=ids["link"], service_id=ids["lapor"]))
        w.create(
            WarningLetter(
                contract_id=ids["webdev"],
                level=WarningLevel.SP1,
                issued_on=today - timedelta(days=20),
                letter_number="800/SP1/2026",
                reason="Pembaruan konten terlambat",
            )
        )
        w.create(
            WarningLetter(
                contract_id=ids["webdev"],
                level=WarningLevel.SP2,
                issued_on=today - timedelta(days=6),
                letter_number="800/SP2/2026",
                reason="Belum ada perbaikan",
            )
        )
        w.create(
            Penalty(
                contract_id=ids["webdev"],
                imposed_on=today - timedelta(days=3),
                days_late=30,
                base_amount=Decimal("45000000"),
                amount=Decimal("1350000"),
                notes="Denda keterlambatan 30 hari",
            )
        )
        w.create(
            Evaluation(
                supplier_id=ids["maju"],
                contract_id=ids["old"],
                period_start=date(2024, 1, 2),
                period_end=date(2024, 12, 20),
                quality=1,
                cost=2,
                timeliness=1,
                service=1,
                evaluator="Budi",
                evaluated_on=date(2025, 1, 10),
            )
        )
        w.create(
            Evaluation(
                supplier_id=ids["telkom"],
                contract_id=ids["link"],
                period_start=date(2025, 10, 1),
                period_end=date(2025, 12, 31),
                quality=3,
                cost=2,
                timeliness=3,
                service=3,
                evaluated_on=date(2026, 1, 10),
            )
        )
        w.create(
            Incident(
                service_id=ids["net"],
                contract_id=ids["link"],
                started_at=datetime(2026, 2, 10, 9, 0),
                responded_at=datetime(2026, 2, 10, 9, 30),
                resolved_at=datetime(2026, 2, 10, 19, 0),
                severity=IncidentSeverity.HIGH,
                description="Link utama putus",
            )
        )
        w.create(
            Sanction(
                supplier_id=ids["budi"],
                kind=SanctionKind.BLACKLIST_1Y,
                decree_number="027/KEP/2025",
                start_date=date(2025, 6, 1),
                end_date=date(2026, 5, 31),
            )
        )
    return ids


# ------------------------------------------------------------------------------ host app


class RegistersHost(App[None]):
    """The attributes the register screens read from the app, around one first screen."""

    CSS = "Screen { background: $background; }"

    def __init__(self, db: Any, first: Screen[Any] | None = None, *, language: str = "id") -> None:
        super().__init__()
        self.db = db
        self.settings = Settings(language=language, user="tester")
        self.as_of = TODAY
        self.language = language
        self.first = first
        self.errors: list[BaseException] = []
        self.catalogue: dict[str, str] = _english() if language == "en" else {}
        translate_bindings(self.t)  # footers in the host's language, as the real app does
        if first is not None and type(first)._merged_bindings is not None:
            first._bindings = type(first)._merged_bindings.copy()  # built before the host

    def t(self, text: str) -> str:
        return self.catalogue.get(text, text)

    def show_error(self, error: BaseException) -> None:
        self.errors.append(error)
        self.notify(str(error), severity="error")

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        if self.first is not None:
            self.push_screen(self.first)


def _english() -> dict[str, str]:
    """The English catalogues (msgid -> msgstr) of every ``.po`` file under locale/en."""
    root = Path(__file__).parents[2] / "rekanan" / "locale" / "en"
    catalogue: dict[str, str] = {}
    for path in sorted(root.rglob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id and isinstance(message.id, str) and message.string:
                    catalogue[message.id] = str(message.string)
    return catalogue
