"""The alert register answers what the alert slice computes, after any write, reading less.

Each test writes through ``Database.writer`` (as the app, the importer and the review do)
and then compares the register's alerts with a computation from scratch. A spy counts how
often every alert was computed, so the tests also show the register did not just start
over.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from rekanan.domain.alert import Alert, AlertKind
from rekanan.domain.thresholds import Thresholds
from rekanan.models import (
    SLA,
    AgencyHoliday,
    AlertRegisterDay,
    AlertRegisterEntry,
    AlertSnooze,
    Contract,
    ContractService,
    Evaluation,
    Penalty,
    Sanction,
    Service,
    Supplier,
    WarningLetter,
)
from rekanan.models.enums import ContractStatus
from rekanan.store import alert_register
from rekanan.store.alert_register import StoredAlert, register_alerts, register_rows
from rekanan.store.alert_slice import agency_alerts
from rekanan.store.database import Database, open_database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import make_data

SEED_TODAY = date(2026, 11, 23)


@pytest.fixture
def full_computations(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """The days for which every alert was computed (rather than read or patched)."""
    days: list[date] = []
    original = alert_register._compute

    def counting(session: Any, as_of: date, *args: Any) -> list[Alert]:
        days.append(as_of)
        return original(session, as_of, *args)

    monkeypatch.setattr(alert_register, "_compute", counting)
    return days


def _same(db: Database, as_of: date, language: str = "id", **kwargs: Any) -> list[Alert]:
    """The register's alerts, checked against the slice's, with and without snoozed."""
    limits = kwargs.get("thresholds")
    for include in (True, False):
        stored = register_alerts(db, as_of, limits, language, include_snoozed=include)
        fresh = agency_alerts(db, as_of, limits, language, include_snoozed=include)
        assert stored == fresh
        assert [a.snooze_reason for a in stored] == [a.snooze_reason for a in fresh]
    return stored


def _first(db: Database, model: Any, **where: Any) -> Any:
    with db.session() as session:
        stmt = select(model).order_by(model.id)
        for name, value in where.items():
            stmt = stmt.where(getattr(model, name) == value)
        return session.execute(stmt).scalars().first()


@pytest.mark.parametrize("shift", [0, -200, 120])
@pytest.mark.parametrize("language", ["id", "en"])
def test_first_answer_and_stored_answer_are_the_slices(
    seeded_db: Database, shift: int, language: str, full_computations: list[date]
) -> None:
    as_of = SEED_TODAY + timedelta(days=shift)
    first = _same(seeded_db, as_of, language)
    assert first
    assert full_computations == [as_of]  # the second and later answers were read back


def test_every_alert_has_an_owner(seeded_db: Database) -> None:
    alerts = register_alerts(seeded_db, SEED_TODAY, include_snoozed=True)
    kinds = {a.kind for a in alerts}
    assert kinds >= set(AlertKind) - {AlertKind.GRACE_PERIOD}
    assert all(a.owner is not None for a in alerts)


def test_a_stored_alert_decodes_to_the_same_alert(seeded_db: Database) -> None:
    for alert in register_alerts(seeded_db, SEED_TODAY, include_snoozed=True):
        row = StoredAlert.of(alert)
        assert row.alert == alert and row.alert.snooze_reason == alert.snooze_reason
        assert row.sort_key() == alert.sort_key() and row.snoozed == alert.snoozed


def test_rows_list_what_the_alerts_list(seeded_db: Database) -> None:
    rows = register_rows(seeded_db, SEED_TODAY, include_snoozed=True)
    alerts = agency_alerts(seeded_db, SEED_TODAY, include_snoozed=True)
    assert [row.alert for row in rows] == alerts
    assert [row.payload for row in rows] == [StoredAlert.of(a).payload for a in alerts]


def _rename_supplier(db: Database) -> None:
    supplier = _first(db, Supplier)
    with db.writer() as w:
        w.update(Supplier, supplier.id, {"name": supplier.name + " (baru)", "npwp": None})


def _move_an_end_date(db: Database) -> None:
    contract = _first(db, Contract, is_underpinning=True, status=ContractStatus.ACTIVE)
    with db.writer() as w:
        w.update(Contract, contract.id, {"end_date": SEED_TODAY + timedelta(days=20)})


def _give_a_contract_to_another_supplier(db: Database) -> None:
    contract = _first(db, Contract, status=ContractStatus.ACTIVE)
    other = _first(db, Supplier)
    if other.id == contract.supplier_id:
        other = _first(db, Supplier, id=other.id + 1)
    with db.writer() as w:
        w.update(Contract, contract.id, {"supplier_id": other.id})


def _unlink_a_uc(db: Database) -> None:
    link = _first(db, ContractService)
    with db.writer() as w:
        w.delete(ContractService, link.id)


def _raise_an_sla(db: Database) -> None:
    sla = _first(db, SLA)
    with db.writer() as w:
        w.update(SLA, sla.id, {"availability_pct": Decimal("99.99")})


def _rename_a_service(db: Database) -> None:
    service = _first(db, Service)
    with db.writer() as w:
        w.update(Service, service.id, {"name": service.name + " (baru)"})


def _issue_a_warning_letter(db: Database) -> None:
    letter = _first(db, WarningLetter)
    contract = _first(db, Contract, status=ContractStatus.ACTIVE)
    with db.writer() as w:
        w.create(
            WarningLetter(
                contract_id=contract.id,
                level=letter.level,
                issued_on=SEED_TODAY - timedelta(days=3),
                letter_number="SP/TEST/1",
                reason="Uji register",
            )
        )


def _delete_a_penalty(db: Database) -> None:
    penalty = _first(db, Penalty)
    with db.writer() as w:
        w.delete(Penalty, penalty.id)


def _end_a_sanction_early(db: Database) -> None:
    sanction = _first(db, Sanction)
    with db.writer() as w:
        w.update(Sanction, sanction.id, {"end_date": SEED_TODAY + timedelta(days=3)})


def _evaluate_badly(db: Database) -> None:
    evaluation = _first(db, Evaluation)
    with db.writer() as w:
        w.update(
            Evaluation,
            evaluation.id,
            {"quality": 1, "cost": 1, "timeliness": 1, "service": 1},
        )


def _snooze_the_first_alert(db: Database) -> None:
    alert = register_alerts(db, SEED_TODAY)[0]
    with db.writer() as w:
        w.create(
            AlertSnooze(alert_key=alert.key, until=SEED_TODAY + timedelta(days=5), reason="uji")
        )


CHANGES: dict[str, Callable[[Database], None]] = {
    "supplier renamed, NPWP removed": _rename_supplier,
    "end date moved": _move_an_end_date,
    "contract given to another supplier": _give_a_contract_to_another_supplier,
    "UC unlinked from its service": _unlink_a_uc,
    "SLA target raised": _raise_an_sla,
    "service renamed": _rename_a_service,
    "warning letter issued": _issue_a_warning_letter,
    "penalty deleted": _delete_a_penalty,
    "sanction ends early": _end_a_sanction_early,
    "evaluation lowered": _evaluate_badly,
    "alert snoozed": _snooze_the_first_alert,
}


VISIBLE = {"supplier renamed, NPWP removed", "end date moved", "alert snoozed"}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_is_patched_in_by_owner(
    seeded_db: Database, change: str, full_computations: list[date]
) -> None:
    before = _same(seeded_db, SEED_TODAY)
    CHANGES[change](seeded_db)
    after = _same(seeded_db, SEED_TODAY)
    assert full_computations == [SEED_TODAY], "patched, not computed whole again"
    if change in VISIBLE:
        assert after != before, "the change shows in the alerts"


def test_an_agency_day_off_computes_the_day_again(
    seeded_db: Database, full_computations: list[date]
) -> None:
    _same(seeded_db, SEED_TODAY)
    with seeded_db.writer() as w:
        w.create(AgencyHoliday(day=SEED_TODAY + timedelta(days=2), name="Hari jadi kabupaten"))
    _same(seeded_db, SEED_TODAY)
    assert full_computations == [SEED_TODAY, SEED_TODAY]


def test_other_thresholds_are_another_day(seeded_db: Database) -> None:
    limits = replace(Thresholds(), alert_horizons_days=(120, 60, 14))
    assert _same(seeded_db, SEED_TODAY) != _same(seeded_db, SEED_TODAY, thresholds=limits)


def test_a_change_without_audit_row_is_seen_by_the_contract_count(
    seeded_db: Database, full_computations: list[date]
) -> None:
    _same(seeded_db, SEED_TODAY)
    with seeded_db.derived_writes() as session:
        table: Any = Contract.__table__  # type: ignore[attr-defined]
        session.execute(table.delete().where(table.c.status == ContractStatus.DRAFT.value))
    _same(seeded_db, SEED_TODAY)
    assert len(full_computations) == 2


def test_only_a_few_days_are_kept(seeded_db: Database) -> None:
    for shift in range(5):
        register_alerts(seeded_db, SEED_TODAY + timedelta(days=shift))
    with seeded_db.session() as session:
        days = session.execute(select(func.count()).select_from(AlertRegisterDay)).scalar_one()
        owners = session.execute(
            select(func.count(func.distinct(AlertRegisterEntry.day_id)))  # type: ignore[arg-type]
        ).scalar_one()
    assert days == alert_register.DAYS_KEPT and owners == days


def test_a_read_only_database_computes_and_stores_nothing(
    seeded_db: Database, tmp_path: Path
) -> None:
    if not seeded_db.is_sqlite:
        pytest.skip("the read-only flag of a SQLite file")
    path = seeded_db.sqlite_path
    assert path is not None
    reader = open_database(str(path), read_only=True)
    try:
        assert register_alerts(reader, SEED_TODAY) == agency_alerts(reader, SEED_TODAY)
        with reader.session() as session:
            stored = session.execute(select(func.count()).select_from(AlertRegisterDay))
            assert stored.scalar_one() == 0
    finally:
        reader.close()


def test_a_race_with_another_process_still_answers(
    seeded_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _same(seeded_db, SEED_TODAY)
    _rename_supplier(seeded_db)
    monkeypatch.setattr(alert_register, "_patch_day", lambda *args: False)
    assert register_alerts(seeded_db, SEED_TODAY) == agency_alerts(seeded_db, SEED_TODAY)


@pytest.fixture
def generated_agency(tmp_path: Path) -> Iterator[Database]:
    """A synthetic agency with the mess of size L at a small scale."""
    path = tmp_path / "agency.db"
    size = make_data.Size(suppliers=120, contracts=900, evaluations=2_000, incidents=2_000)
    make_data.generate(str(path), size, 5, make_data.DEFAULT_AS_OF, quiet=True)
    database = open_database(str(path))
    yield database
    database.close()


def test_random_edits_on_generated_data(
    generated_agency: Database, full_computations: list[date]
) -> None:
    """Thirty rounds of a few random edits each; after every round the register is what
    the slice computes."""
    db = generated_agency
    as_of = make_data.DEFAULT_AS_OF
    rng = random.Random(7)
    _same(db, as_of)
    with db.session() as session:
        rows = session.execute(select(Contract.id, Contract.start_date)).all()  # type: ignore[call-overload]
        starts: dict[int, date] = {row[0]: row[1] for row in rows}
        suppliers = list(session.execute(select(Supplier.id)).scalars())  # type: ignore[call-overload]
    contracts = sorted(starts)
    for _ in range(30):
        with db.writer() as w:
            for _ in range(rng.randint(1, 3)):
                contract_id = rng.choice(contracts)
                roll = rng.random()
                if roll < 0.4:
                    end = as_of + timedelta(days=rng.randint(-60, 120))
                    w.update(Contract, contract_id, {"end_date": max(end, starts[contract_id])})
                elif roll < 0.6:
                    w.update(Contract, contract_id, {"supplier_id": rng.choice(suppliers)})
                elif roll < 0.8:
                    status = rng.choice([ContractStatus.ACTIVE, ContractStatus.EXPIRED])
                    w.update(Contract, contract_id, {"status": status})
                else:
                    supplier_id = rng.choice(suppliers)
                    w.update(Supplier, supplier_id, {"name": f"Penyedia Uji {supplier_id}"})
        _same(db, as_of)
    assert full_computations == [as_of]


# ----------------------------------------------------------- cases found in review (helper)


def test_a_risk_alert_naming_another_suppliers_contract_follows_that_contract(
    seeded_db: Database,
) -> None:
    """The evaluation streak may name a contract of another supplier: renaming it must
    reach the alert of the evaluated supplier."""
    from rekanan.models import Evaluation, WarningLetter
    from rekanan.models.enums import WarningLevel

    db = seeded_db
    with db.session() as session:
        stranger = (
            session.execute(
                select(Contract).where(Contract.supplier_id != 6).order_by(Contract.id)  # type: ignore[arg-type]
            )
            .scalars()
            .first()
        )
        letters = (
            session.execute(
                select(WarningLetter.id)  # type: ignore[call-overload]
                .join(Contract, Contract.id == WarningLetter.contract_id)
                .where(Contract.supplier_id == 6)
            )
            .scalars()
            .all()
        )
    assert stranger is not None
    with db.writer() as w:
        for letter_id in letters:
            w.update(WarningLetter, letter_id, {"level": WarningLevel.SP1})
        w.create(
            Evaluation(
                supplier_id=6,
                contract_id=stranger.id,
                period_start=date(2026, 10, 1),
                period_end=date(2026, 10, 31),
                quality=1,
                cost=1,
                timeliness=1,
                service=1,
                evaluated_on=date(2026, 11, 5),
            )
        )
    _same(db, SEED_TODAY)
    with db.writer() as w:
        w.update(Contract, stranger.id, {"number": "RENAMED/003"})
    _same(db, SEED_TODAY)


def test_a_snooze_outranks_a_deferral_ending_the_same_day(seeded_db: Database) -> None:
    from rekanan.models import ReviewDecision
    from rekanan.models.enums import ReviewDecisionKind

    db = seeded_db
    until = SEED_TODAY + timedelta(days=10)
    contract = register_alerts(db, SEED_TODAY)[0].contract_id
    assert contract is not None
    with db.writer() as w:
        w.create(
            ReviewDecision(
                contract_id=contract,
                decided_on=SEED_TODAY,
                decision=ReviewDecisionKind.DEFER,
                defer_until=until,
                notes="ditunda rapat",
            )
        )
    _same(db, SEED_TODAY)
    key = next(
        a.key
        for a in register_alerts(db, SEED_TODAY, include_snoozed=True)
        if a.contract_id == contract and a.snoozed
    )
    with db.writer() as w:
        w.create(AlertSnooze(alert_key=key, until=until, reason="ditunda oleh snooze"))
    marked = [a for a in register_alerts(db, SEED_TODAY, include_snoozed=True) if a.key == key]
    assert [a.snooze_reason for a in marked] == ["ditunda oleh snooze"]
    _same(db, SEED_TODAY)


def test_a_change_by_hand_is_seen_beside_audited_writes(seeded_db: Database) -> None:
    """Contracts deleted by SQL, then a supplier renamed through rekanan: the count no
    longer adds up, so the day is computed again."""
    db = seeded_db
    _same(db, SEED_TODAY)
    with db.derived_writes() as session:
        table: Any = Contract.__table__  # type: ignore[attr-defined]
        session.execute(table.delete().where(table.c.status == ContractStatus.DRAFT.value))
    _rename_supplier(db)
    _same(db, SEED_TODAY)


def test_postgresql_writer_in_flight_does_not_hold_up_the_alerts(seeded_db: Database) -> None:
    """A long write (an import) holds the write lock shared: the alerts are computed
    without waiting for it, and nothing is stored."""
    if seeded_db.dialect != "postgresql":
        pytest.skip("PostgreSQL's advisory lock")
    with seeded_db.writer() as w:
        w.create(AgencyHoliday(day=SEED_TODAY + timedelta(days=40), name="Sedang diimpor"))
        found = register_alerts(seeded_db, SEED_TODAY)
        with seeded_db.session() as session:
            stored = session.execute(select(func.count()).select_from(AlertRegisterDay))
            assert stored.scalar_one() == 0
        assert found == agency_alerts(seeded_db, SEED_TODAY)
