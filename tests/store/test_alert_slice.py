"""The alert slice gives exactly the alerts of ``compute_alerts(load_agency(db))``, reading less."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from rekanan.domain.alerts import compute_alerts, risk_reads_all_history
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus
from rekanan.store.alert_slice import agency_alerts, alert_index
from rekanan.store.database import Database, open_database
from rekanan.store.loaders import load_agency

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import make_data
import store_rows

SEED_TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("shift", [0, -200, 120])
@pytest.mark.parametrize("language", ["id", "en"])
def test_same_alerts_as_the_whole_agency(seeded_db: Database, shift: int, language: str) -> None:
    as_of = SEED_TODAY + timedelta(days=shift)
    slow = compute_alerts(load_agency(seeded_db), as_of, None, language, include_snoozed=True)
    fast = agency_alerts(seeded_db, as_of, None, language, include_snoozed=True)
    assert slow, "the demo agency has alerts to compare"
    assert fast == slow


def test_the_demo_exercises_the_risk_history(seeded_db: Database) -> None:
    """Risk alerts come from evaluations and incidents the slice reads on demand."""
    fast = agency_alerts(seeded_db, SEED_TODAY)
    assert any(a.kind == "blacklist_risk" for a in fast)


def test_points_that_make_every_supplier_a_candidate_read_everything(
    seeded_db: Database,
) -> None:
    points = dict(Thresholds().risk_points, evaluations_3=40, evaluations_2=30)
    limits = replace(Thresholds(), risk_points=points)
    assert risk_reads_all_history(limits)
    assert not risk_reads_all_history(Thresholds())
    slow = compute_alerts(load_agency(seeded_db), SEED_TODAY, limits, include_snoozed=True)
    assert agency_alerts(seeded_db, SEED_TODAY, limits, include_snoozed=True) == slow
    with seeded_db.session() as session:
        index = alert_index(session, limits)
        assert len(index.data.contracts) == len(load_agency(seeded_db).contracts)


def test_ended_contracts_nobody_looks_at_are_left_out(seeded_db: Database) -> None:
    everything = load_agency(seeded_db)
    with seeded_db.session() as session:
        index = alert_index(session)
        read = {c.id for c in index.data.contracts}
        assert not index.data.evaluations and not index.data.incidents
        left_out = [c for c in everything.contracts if c.id not in read]
        for contract in left_out:
            assert contract.status in (ContractStatus.EXPIRED, ContractStatus.TERMINATED)
            assert not contract.is_underpinning and not contract.terminated_for_fault
        # what the history hands out is what the whole agency holds, row for row
        suppliers = {e.supplier_id for e in everything.evaluations}
        assert index.history is not None
        assert tuple(index.history.evaluations(suppliers)) == everything.evaluations
        blamed = {i.contract_id for i in everything.incidents if i.contract_id is not None}
        assert tuple(index.history.incidents(blamed)) == tuple(
            i for i in everything.incidents if i.contract_id is not None
        )


def test_contracts_far_from_their_dates_are_left_out_on_a_day(seeded_db: Database) -> None:
    """With the day known, live contracts whose dates are all beyond the horizons and the
    UCs that ended before the last of their dependency are not read."""
    as_of = SEED_TODAY
    everything = load_agency(seeded_db)
    with seeded_db.session() as session:
        every_day = {c.id for c in alert_index(session).data.contracts}
        on_the_day = {c.id for c in alert_index(session, as_of=as_of).data.contracts}
    assert on_the_day < every_day
    for contract in everything.contracts:
        if contract.id in every_day - on_the_day and contract.status == ContractStatus.ACTIVE:
            assert contract.end_date is not None and contract.end_date > as_of


@pytest.fixture(scope="module")
def generated_agency(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A synthetic agency with the mess of size L at a small scale: ended UCs by the
    dozen per service, tacit renewals, terminations, letters, sanctions, streaks."""
    path = tmp_path_factory.mktemp("generated") / "agency.db"
    size = make_data.Size(suppliers=150, contracts=1_200, evaluations=3_000, incidents=3_000)
    make_data.generate(str(path), size, 11, make_data.DEFAULT_AS_OF, quiet=True)
    database = open_database(str(path))
    yield database
    database.close()


@pytest.mark.parametrize("shift", [0, -400, -90, 45, 200])
def test_same_alerts_as_the_whole_agency_on_generated_data(
    generated_agency: Database, shift: int
) -> None:
    as_of = make_data.DEFAULT_AS_OF + timedelta(days=shift)
    whole = load_agency(generated_agency)
    slow = compute_alerts(whole, as_of, include_snoozed=True)
    fast = agency_alerts(generated_agency, as_of, include_snoozed=True)
    assert slow
    if shift == 0:
        kinds = {a.kind for a in slow}
        assert kinds >= {"renewal_decision", "sla_target_gap", "blacklist_risk", "coverage_gap"}
    assert fast == slow
    with generated_agency.session() as session:
        read = len(alert_index(session, as_of=as_of).data.contracts)
    assert read < len(whole.contracts) / 2


@pytest.mark.parametrize("lead", [10, None])
def test_contracts_at_the_edge_of_the_furthest_horizon(db: Database, lead: int | None) -> None:
    """Decision dates 89 to 99 days away: the database keeps exactly those the rule needs
    (90 days: an alert; beyond: nothing), with its own lead time or its category's."""
    as_of = date(2026, 11, 2)
    category_lead = Thresholds().lead_days_by_category[store_rows.SupplierCategory.STRATEGIC]
    with db.writer() as writer:
        supplier_id = writer.create(store_rows.supplier())
        for away in range(89, 100):
            end = as_of + timedelta(days=away + 30 + (category_lead if lead is None else lead))
            writer.create(
                store_rows.contract(
                    supplier_id,
                    number=f"602.1/{away}/KTR/2026",
                    source_id=f"KTR-{away}",
                    is_underpinning=False,
                    status=ContractStatus.ACTIVE,
                    notice_days=30,
                    procurement_lead_days=lead,
                    termination_date=None,
                    start_date=date(2026, 1, 1),
                    end_date=end,
                )
            )
    slow = compute_alerts(load_agency(db), as_of, include_snoozed=True)
    decisions = sorted(a.days_left for a in slow if a.kind == "renewal_decision")
    assert decisions == [89, 90]
    assert agency_alerts(db, as_of, include_snoozed=True) == slow
