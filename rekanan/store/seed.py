"""Load the demo agency (a fictional Dinkominfo Kabupaten Sukamaju) into an empty database.

The rows come from ``rekanan/seed_data/`` through ``rekanan.store.seed_files``, with every
date placed relative to ``today``. They go through the store's writer like any other data:
one transaction, validated, NPWPs normalised, one audit row each. A database that already
holds suppliers is refused, so the demo never mixes with real data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from rekanan.models import (
    SLA,
    AgencyHoliday,
    Contract,
    ContractService,
    Evaluation,
    GraceExtension,
    Incident,
    Penalty,
    ReviewDecision,
    Sanction,
    Service,
    Supplier,
    WarningLetter,
)
from rekanan.store.database import Database
from rekanan.store.errors import StoreError
from rekanan.store.seed_files import TABLE_ORDER, Planned, plan_demo

__all__ = ["SeedRefused", "SeedSummary", "load_demo"]

MODELS: dict[str, type[SQLModel]] = {
    "supplier": Supplier,
    "service": Service,
    "sla": SLA,
    "contract": Contract,
    "contract_service": ContractService,
    "grace_extension": GraceExtension,
    "warning_letter": WarningLetter,
    "penalty": Penalty,
    "sanction": Sanction,
    "evaluation": Evaluation,
    "incident": Incident,
    "review_decision": ReviewDecision,
    "agency_holiday": AgencyHoliday,
}

DEFAULT_SEED_USER = "rekanan-seed"

_LABELS: dict[str, tuple[str, str]] = {
    "supplier": ("rekanan", "suppliers"),
    "service": ("layanan", "services"),
    "sla": ("SLA", "SLAs"),
    "contract": ("kontrak", "contracts"),
    "contract_service": ("kaitan kontrak-layanan", "contract-service links"),
    "grace_extension": ("pemberian kesempatan", "grace extensions"),
    "warning_letter": ("surat peringatan", "warning letters"),
    "penalty": ("denda", "penalties"),
    "sanction": ("sanksi", "sanctions"),
    "evaluation": ("penilaian kinerja", "evaluations"),
    "incident": ("insiden", "incidents"),
    "review_decision": ("keputusan tinjauan", "review decisions"),
    "agency_holiday": ("hari libur dinas", "agency days off"),
}


class SeedRefused(StoreError):
    """The target database already holds data; the demo is only loaded into an empty one."""


@dataclass(frozen=True, slots=True)
class SeedSummary:
    """What ``load_demo`` created: the agency, the load date and the rows per table."""

    agency: str
    today: date
    counts: dict[str, int]

    @property
    def total(self) -> int:
        """All rows created (audit rows not counted)."""
        return sum(self.counts.values())

    def describe(self, language: str = "id") -> str:
        """One sentence for the command line."""
        english = language == "en"
        parts = [
            f"{count} {_LABELS[table][1 if english else 0]}"
            for table, count in self.counts.items()
            if count
        ]
        day = self.today.isoformat()
        if english:
            return f"Demo agency {self.agency} loaded as of {day}: " + ", ".join(parts) + "."
        return f"Data demo {self.agency} dimuat per {day}: " + ", ".join(parts) + "."


def load_demo(db: Database, today: date) -> SeedSummary:
    """Create the whole demo agency, dated around ``today``, in one writer transaction.

    Raises ``SeedRefused`` when the database already holds suppliers, services or
    contracts, and a ``StoreError`` (from the writer) if a row breaks a rule of the schema.
    """
    plan = plan_demo(today)
    user = plan.agency.get("seed_user") or DEFAULT_SEED_USER
    counts: dict[str, int] = {}
    with db.writer(user=user) as writer:
        _refuse_unless_empty(writer.session, db)
        ids: dict[str, dict[str, int]] = {}
        # The session's identity map holds rows weakly; keeping them alive lets the writer's
        # reference checks find suppliers, services and contracts without a query per row.
        created: list[SQLModel] = []
        for table in TABLE_ORDER:
            rows = plan.rows[table]
            model = MODELS[table]
            objects = [model(**resolve(row, ids)) for row in rows]
            new_ids = writer.create_many(objects)
            created.extend(objects)
            keyed = ids.setdefault(table, {})
            for row, new_id in zip(rows, new_ids, strict=True):
                if row.key is not None:
                    keyed[row.key] = new_id
            counts[table] = len(rows)
    return SeedSummary(plan.agency.get("name", ""), today, counts)


def _refuse_unless_empty(session: Session, db: Database) -> None:
    """Refuse a database that already holds suppliers, services or contracts."""
    held = []
    for model, label in ((Supplier, "rekanan"), (Service, "layanan"), (Contract, "kontrak")):
        count = session.execute(select(func.count()).select_from(model)).scalar_one()
        if count:
            held.append(f"{count} {label}")
    if held:
        raise SeedRefused(
            f"Basis data {db.describe()} sudah berisi {', '.join(held)}, jadi data demo tidak "
            "dimuat (agar tidak tercampur dengan data sungguhan). Pakai basis data baru yang "
            "kosong, misalnya `rekanan seed --db demo.db`."
        )


def resolve(row: Planned, ids: dict[str, dict[str, int]]) -> dict[str, Any]:
    """The row's fields with each reference replaced by the id its target was given."""
    fields = dict(row.fields)
    for column, (table, key) in row.refs.items():
        fields[column] = ids[table][key]
    return fields
