"""A read-only session says so on every screen and offers no snooze keys (G28)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app_pilot import AS_OF, build, settle
from sqlmodel import select
from textual.widgets import Input

from rekanan.app import ReadOnlyMark
from rekanan.domain.thresholds import Thresholds
from rekanan.models import AlertSnooze
from rekanan.screens.alert_data import agency_alerts, snooze_alert
from rekanan.screens.alerts import AlertsScreen
from rekanan.screens.contract_detail import ContractDetailScreen
from rekanan.screens.snooze import SnoozeScreen
from rekanan.store.database import open_database
from rekanan.widgets.paged_table import PagedTable

SENTENCE = "Basis data dibuka hanya-baca: penundaan tidak dapat disimpan."


def read_only(db: Any) -> Any:
    """The same database, opened as ``rekanan --read-only`` opens it."""
    return open_database(db.url, user="tamu", read_only=True)


def said(app: Any) -> list[str]:
    return [n.message for n in app._notifications]


def marks(app: Any) -> list[str]:
    return [str(m.content) for m in app.screen.query(ReadOnlyMark)]


def snoozes(db: Any) -> int:
    with db.session() as session:
        return len(session.exec(select(AlertSnooze)).all())


async def to_alerts(pilot: Any) -> AlertsScreen:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AlertsScreen)
    return screen


async def test_every_screen_says_read_only_where_the_title_line_ends(demo_db) -> None:
    app = build(read_only(demo_db))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert marks(app) == ["hanya-baca"]
        assert "hanya-baca" in app.sub_title
        mark = app.screen.query_one(ReadOnlyMark)
        assert mark.region.y == 0 and mark.region.right == 120  # top right, on the title
        await pilot.press("5")
        await settle(pilot)
        assert marks(app) == ["hanya-baca"]
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        assert marks(app) == ["hanya-baca"]
        await pilot.press("escape")
        await settle(pilot)
        assert marks(app) == ["hanya-baca"], "one mark, however often a screen is shown"


async def test_the_mark_moves_nothing(demo_db) -> None:
    """The screen lays out as in a session that can write: the mark is drawn over it."""
    places: list[tuple[Any, Any, Any]] = []
    for db in (demo_db, read_only(demo_db)):
        app = build(db)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await to_alerts(pilot)
            places.append(
                (
                    screen.query_one("#alerts-title").region,
                    screen.query_one(PagedTable).region,
                    screen.query_one("#alert-reasons").region,
                )
            )
    assert places[0] == places[1]


async def test_in_english(demo_db) -> None:
    app = build(read_only(demo_db), "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await to_alerts(pilot)
        assert marks(app) == ["read-only"]
        await pilot.press("z")
        await settle(pilot)
        assert said(app) == ["The database is open read-only: the snooze cannot be saved."]


async def test_a_writable_session_has_no_mark_and_offers_the_snooze_keys(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await to_alerts(pilot)
        assert marks(app) == []
        assert "hanya-baca" not in app.sub_title
        actions = {b.binding.action for b in screen.active_bindings.values()}
        assert {"snooze", "unsnooze"} <= actions


async def test_snooze_keys_are_refused_before_any_dialog(demo_db) -> None:
    key = agency_alerts(demo_db, AS_OF, Thresholds(), "id").active[0].key
    snooze_alert(demo_db, key, date(2026, 12, 7), "menunggu surat PPK", AS_OF, "budi")
    app = build(read_only(demo_db))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await to_alerts(pilot)
        actions = {b.binding.action for b in screen.active_bindings.values()}
        assert "export" in actions and "toggle_snoozed" in actions
        assert not actions & {"snooze", "unsnooze"}, "not in the footer"

        await pilot.press("z")
        await settle(pilot)
        assert app.screen is screen and not isinstance(app.screen, SnoozeScreen)
        assert said(app) == [SENTENCE]
        assert screen.query_one("#search", Input).value == "", "z is no search either"

        # The palette runs the action by name: the same sentence, no dialog.
        await screen.run_action("snooze")
        await settle(pilot)
        assert app.screen is screen
        assert said(app) == [SENTENCE, SENTENCE]

        await pilot.press("t")
        await settle(pilot)
        assert [a.key for a in screen.query_one(PagedTable).rows] == [key]
        await pilot.press("u")
        await settle(pilot)
        assert said(app)[-1] == "Basis data dibuka hanya-baca: penundaan tidak dapat diakhiri."
        assert snoozes(demo_db) == 1
        assert [a.key for a in screen.query_one(PagedTable).rows] == [key]
