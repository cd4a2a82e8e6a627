"""The snoozed view finds an alert by its snooze reason and says who put it aside (G11)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from app_pilot import AS_OF, build, settle
from sqlmodel import select

from rekanan.domain import formatting
from rekanan.domain.thresholds import Thresholds
from rekanan.models import AlertSnooze
from rekanan.screens.alert_data import agency_alerts, snooze_alert
from rekanan.screens.alerts import AlertsScreen
from rekanan.widgets.paged_table import PagedTable

UNTIL = date(2026, 12, 7)


def snooze_two(db: Any) -> tuple[str, str]:
    """Two alerts put aside: one by budi for the PPK letter, one with nobody named."""
    found = agency_alerts(db, AS_OF, Thresholds(), "id")
    first, second = found.active[0].key, found.active[1].key
    snooze_alert(db, first, UNTIL, "menunggu surat PPK", AS_OF, "budi")
    snooze_alert(db, second, UNTIL, "rapat evaluasi Januari", AS_OF, "")
    return first, second


def stored_day(db: Any, reason: str) -> date:
    """The local day the snooze row with ``reason`` was written (stamped in UTC)."""
    with db.session() as session:
        row = session.exec(select(AlertSnooze).where(AlertSnooze.reason == reason)).one()
    moment = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=UTC)
    return moment.astimezone().date()


async def search(pilot: Any, screen: AlertsScreen, words: str) -> list[str]:
    screen.query_one("#search").value = words
    await settle(pilot)
    return [a.key for a in screen.query_one(PagedTable).rows]


async def test_the_snooze_reason_is_searched_and_shown_with_who_and_when(demo_db) -> None:
    first, second = snooze_two(demo_db)
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AlertsScreen)
        await pilot.press("t")
        await settle(pilot)
        assert sorted(await search(pilot, screen, "")) == sorted([first, second])
        assert await search(pilot, screen, "menunggu") == [first]
        assert await search(pilot, screen, "surat ppk") == [first]
        assert await search(pilot, screen, "EVALUASI jan") == [second]
        assert await search(pilot, screen, "menunggu surat PPK 2") == []

        await search(pilot, screen, "surat PPK")
        panel = str(screen.query_one("#alert-reasons").content)
        day = formatting.medium_date(stored_day(demo_db, "menunggu surat PPK"), "id")
        assert f"Ditunda s.d. 7 Des 2026 — Alasan: menunggu surat PPK (oleh budi, {day})" in (
            panel.splitlines()
        )
        await search(pilot, screen, "rapat evaluasi")
        panel = str(screen.query_one("#alert-reasons").content)
        day = formatting.medium_date(stored_day(demo_db, "rapat evaluasi Januari"), "id")
        assert f"Ditunda s.d. 7 Des 2026 — Alasan: rapat evaluasi Januari ({day})" in (
            panel.splitlines()
        ), "nobody named: no 'oleh'"

        # The active view does not list snoozed alerts, whatever the words.
        await pilot.press("t")
        await settle(pilot)
        assert await search(pilot, screen, "menunggu") == []


async def test_the_snooze_line_in_english(demo_db) -> None:
    first, _ = snooze_two(demo_db)
    app = build(demo_db, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        screen = app.screen
        await pilot.press("t")
        await settle(pilot)
        assert await search(pilot, screen, "surat PPK") == [first]
        day = formatting.medium_date(stored_day(demo_db, "menunggu surat PPK"), "en")
        assert f"Snoozed until 7 Dec 2026 — Reason: menunggu surat PPK (by budi, {day})" in str(
            screen.query_one("#alert-reasons").content
        )


def test_the_note_is_the_snooze_the_rules_keep(demo_db) -> None:
    """Two snoozes of one key: the one that runs longest is shown, with its own author."""
    key = agency_alerts(demo_db, AS_OF, Thresholds(), "id").active[0].key
    snooze_alert(demo_db, key, UNTIL, "menunggu surat PPK", AS_OF, "budi")
    snooze_alert(demo_db, key, UNTIL + timedelta(days=7), "rapat Januari", AS_OF, "sari")
    found = agency_alerts(demo_db, AS_OF, Thresholds(), "id")
    alert = found.by_key(key)
    assert alert is not None and alert.snooze_reason == "rapat Januari"
    note = found.note(alert)
    assert note is not None and (note.by, note.until) == ("sari", UNTIL + timedelta(days=7))
    assert note.on == stored_day(demo_db, "rapat Januari")
    # An alert whose snooze is not that row (a review's deferral, say) has no note.
    assert found.note(alert.with_snooze(UNTIL, "ditunda oleh tinjauan")) is None


def test_a_stored_time_is_read_as_utc() -> None:
    from rekanan.screens.alert_data import _local_day

    moment = datetime(2026, 11, 23, 23, 30)
    assert _local_day(moment) == moment.replace(tzinfo=UTC).astimezone().date()
    assert _local_day(None) is None
