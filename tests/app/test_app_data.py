"""The dashboard's and the alerts screen's data, headless, on every backend (PostgreSQL too)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from app_pilot import AS_OF

from rekanan.domain.thresholds import Thresholds
from rekanan.screens.alert_data import SnoozeRefused, agency_alerts, end_snooze, snooze_alert
from rekanan.screens.dashboard_data import DUE_WINDOWS, TIMELINE_DAYS, quick_figures
from rekanan.store.lists import ContractQuery, DeadlineCache, list_contracts


def test_quick_figures_agree_with_the_contract_register(seeded_db) -> None:
    cache = DeadlineCache()
    quick = quick_figures(seeded_db, cache, AS_OF, Thresholds())
    assert not quick.empty
    missed = [item for item in quick.timeline if item.days_left < 0]
    assert missed, "the demo has overdue decisions: they head the timeline"
    assert quick.timeline[: len(missed)] == tuple(missed)
    assert sum(quick.weeks) == quick.timeline_total - len(missed)  # the chart looks ahead
    assert all(item.days_left <= TIMELINE_DAYS for item in quick.timeline)
    assert [i.day for i in quick.timeline] == sorted(i.day for i in quick.timeline)
    with seeded_db.session() as session:
        index = cache.get(session, AS_OF, Thresholds())
        for days in DUE_WINDOWS:
            page = list_contracts(
                session, ContractQuery(AS_OF, due_within_days=days), 0, 500, index
            )
            assert page.total == quick.due[days]
    assert sum(v.contracts for v in quick.values) > 0
    assert all(v.value >= 0 for v in quick.values)


def test_snooze_hides_an_alert_until_its_date(seeded_db) -> None:
    thresholds = Thresholds()
    found = agency_alerts(seeded_db, AS_OF, thresholds, "id")
    assert found.active and not found.snoozed
    target = found.active[0]
    with pytest.raises(SnoozeRefused):
        snooze_alert(seeded_db, target.key, AS_OF + timedelta(days=7), "  ", AS_OF)
    with pytest.raises(SnoozeRefused):
        snooze_alert(seeded_db, target.key, AS_OF, "menunggu", AS_OF)
    snooze_alert(seeded_db, target.key, AS_OF + timedelta(days=7), "menunggu PPK", AS_OF, "budi")
    after = agency_alerts(seeded_db, AS_OF, thresholds, "id")
    assert [a.key for a in after.snoozed] == [target.key]
    assert after.snoozed[0].snooze_reason == "menunggu PPK"
    later = agency_alerts(seeded_db, AS_OF + timedelta(days=8), thresholds, "id")
    assert target.key not in {a.key for a in later.snoozed}
    assert end_snooze(seeded_db, target.key, AS_OF) == 1
    assert not agency_alerts(seeded_db, AS_OF, thresholds, "id").snoozed
