"""The alerts screen: reasons, open the record, snooze with a reason and a date, bring back."""

from __future__ import annotations

from datetime import timedelta

from app_pilot import AS_OF, build, settle
from sqlmodel import select

from rekanan.domain.alert import Alert
from rekanan.models import AlertSnooze, AuditEntry
from rekanan.screens.alerts import AlertsScreen
from rekanan.screens.contract_detail import ContractDetailScreen
from rekanan.screens.service_detail import ServiceDetailScreen
from rekanan.screens.snooze import SnoozeScreen, parse_until
from rekanan.screens.supplier_detail import SupplierDetailScreen
from rekanan.widgets.paged_table import PagedTable


def snoozes(db) -> list[AlertSnooze]:
    with db.session() as session:
        return list(session.exec(select(AlertSnooze)).all())


async def test_snooze_an_alert_then_bring_it_back(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlertsScreen)
        table = screen.query_one(PagedTable)
        before = table.total
        first = screen.current
        assert isinstance(first, Alert) and first.reasons
        reasons = str(screen.query_one("#alert-reasons").content)
        assert first.reasons[0] in reasons

        # A snooze without a reason is refused next to the field; nothing is stored.
        await pilot.press("z")
        await settle(pilot)
        assert isinstance(app.screen, SnoozeScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SnoozeScreen)
        assert "alasan" in str(app.screen.query_one("#snooze-reason-error").content)
        assert snoozes(demo_db) == []

        # A past date is refused too, and what was typed stays.
        until = app.screen.query_one("#snooze-until")
        until.value = "01/01/2020"
        app.screen.query_one("#snooze-reason").focus()
        await pilot.press(*"menunggu surat PPK")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "sesudah hari ini" in str(app.screen.query_one("#snooze-until-error").content)
        assert app.screen.query_one("#snooze-reason").value == "menunggu surat PPK"

        until.value = "14"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        stored = snoozes(demo_db)
        assert [(s.alert_key, s.until, s.reason, s.snoozed_by) for s in stored] == [
            (first.key, AS_OF + timedelta(days=14), "menunggu surat PPK", "tester")
        ]
        with demo_db.session() as session:
            audited = session.exec(
                select(AuditEntry).where(AuditEntry.entity == "alert_snooze")
            ).all()
        assert audited, "the snooze went through the store's audited writer"
        assert table.total == before - 1
        assert first.key not in {a.key for a in table.rows}

        # The snoozed view shows it with its reason; u brings it back.
        await pilot.press("t")
        await settle(pilot)
        assert [a.key for a in table.rows] == [first.key]
        assert "menunggu surat PPK" in str(screen.query_one("#alert-reasons").content)
        await pilot.press("u")
        await settle(pilot)
        assert snoozes(demo_db) == []
        assert table.total == 0
        await pilot.press("t")
        await settle(pilot)
        assert table.total == before


async def test_enter_opens_the_record_behind_an_alert(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        alert = app.screen.current
        await pilot.press("enter")
        await settle(pilot)
        if alert.contract_id is not None:
            assert isinstance(app.screen, ContractDetailScreen)
            assert app.screen.contract_id == alert.contract_id
        elif alert.service_id is not None:
            assert isinstance(app.screen, ServiceDetailScreen)
        else:
            assert isinstance(app.screen, SupplierDetailScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)


async def test_search_and_severity_filter(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(PagedTable)
        everything = table.total
        screen.query_one("#filter-severity").value = "critical"
        await settle(pilot)
        assert 0 < table.total < everything
        assert {a.severity for a in table.rows} == {"critical"}
        await pilot.press("x")
        await settle(pilot)
        assert table.total == everything
        await pilot.press("slash")
        await pilot.press(*"daftar hitam")
        await settle(pilot)
        assert 0 < table.total < everything
        assert all("daftar hitam" in (a.title + " ".join(a.reasons)).lower() for a in table.rows)


def test_snooze_date_accepts_days_and_dates() -> None:
    assert parse_until("14", AS_OF) == AS_OF + timedelta(days=14)
    assert parse_until("07/03/2027", AS_OF).isoformat() == "2027-03-07"
    assert parse_until("2027-03-07", AS_OF).isoformat() == "2027-03-07"
