"""Which contract an incident counts against, and a sentence when it will not count.

The supplier scorecard measures a UC's service level only inside the contract's term (its
start date to its coverage end, ``rekanan.domain.service_levels.uc_level``), and only for
underpinning contracts. An incident blamed on a contract outside that term, or on a
contract that underpins nothing, is stored but never shows in the scorecard: the forms
say so in a sentence instead of letting the numbers look wrong (F28).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from rekanan.domain import formatting
from rekanan.domain.contract_dates import coverage_end
from rekanan.domain.coverage import in_force
from rekanan.domain.records import ContractRecord
from rekanan.i18n import N_
from rekanan.models import Contract, ContractService
from rekanan.store.slices import to_record

_C: Any = Contract
_CS: Any = ContractService

Sentence = tuple[str, dict[str, object]]
"""A catalogue id and its values, translated where it is shown."""

BEFORE_START = N_(
    "Kontrak {number} baru mulai {start}, sesudah insiden ini ({day}); insiden ini tidak "
    "masuk kartu kinerja rekanan. Pilih kontrak yang berlaku pada tanggal itu."
)
AFTER_END = N_(
    "Kontrak {number} sudah berakhir {end}, sebelum insiden ini ({day}); insiden ini tidak "
    "masuk kartu kinerja rekanan. Pilih kontrak yang berlaku pada tanggal itu."
)
NOT_UC = N_(
    "Kontrak {number} bukan kontrak pendukung (UC) layanan, jadi insiden ini tidak masuk "
    "kartu kinerja rekanan."
)


def term_problem(contract: ContractRecord, started: date, language: str) -> Sentence | None:
    """Why an incident on ``started`` blamed on ``contract`` stays out of the scorecard."""
    values: dict[str, object] = {
        "number": contract.number,
        "day": formatting.long_date(started, language),
    }
    if started < contract.start_date:
        start = formatting.long_date(contract.start_date, language)
        return BEFORE_START, {**values, "start": start}
    end = coverage_end(contract)
    if end is not None and started > end:
        return AFTER_END, {**values, "end": formatting.long_date(end, language)}
    if not contract.is_underpinning:
        return NOT_UC, values
    return None


COVERED_BY = N_("Kontrak pendukung layanan ini pada tanggal itu: {numbers}.")
NOT_COVERED = N_(
    "Tidak ada kontrak pendukung layanan ini yang berlaku pada tanggal itu: layanan itu "
    "tidak tercakup (celah cakupan)."
)


def covering_numbers(session: Session, service_id: int, day: date) -> list[str]:
    """Numbers of the UCs of a service whose term covers ``day`` (as the scorecard counts)."""
    rows: Any = session.execute(
        select(Contract).join(_CS, _CS.contract_id == _C.id).where(_CS.service_id == service_id)
    ).scalars()
    found = []
    for row in rows:
        record = to_record(ContractRecord, row, services=())
        if record.is_underpinning and term_problem(record, day, "id") is None:
            found.append(record.number)
    return sorted(set(found))


def stored_term_problem(
    session: Session,
    contract_id: int,
    started: date,
    language: str,
    service_id: int | None = None,
) -> list[Sentence]:
    """Why an incident stays out of the scorecard, then (knowing the service) which
    contract backed the service that day or that none did; empty when it counts."""
    row: Any = session.get(Contract, contract_id)
    if row is None:
        return []
    problem = term_problem(to_record(ContractRecord, row, services=()), started, language)
    if problem is None:
        return []
    said = [problem]
    if service_id is not None:
        numbers = [n for n in covering_numbers(session, service_id, started) if n != row.number]
        said.append((COVERED_BY, {"numbers": ", ".join(numbers)}) if numbers else (NOT_COVERED, {}))
    return said


def contract_for_incident(contracts: Iterable[ContractRecord], on: date) -> ContractRecord | None:
    """The contract a new incident on ``on`` most likely belongs to: in force that day.

    A UC that underpins a service comes first; a contract that ended or has not started
    is never offered, so a form is not pre-filled with a contract the scorecard ignores.
    """
    running = [c for c in contracts if in_force(c, on)]
    running.sort(key=lambda c: (not (c.is_underpinning and c.services), not c.is_underpinning))
    return running[0] if running else None
