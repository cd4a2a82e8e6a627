"""The alert slice gives exactly the alerts of ``compute_alerts(load_agency(db))``, reading less."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from rekanan.domain.alerts import compute_alerts, risk_reads_all_history
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import ContractStatus
from rekanan.store.alert_slice import agency_alerts, alert_index
from rekanan.store.database import Database
from rekanan.store.loaders import load_agency

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
