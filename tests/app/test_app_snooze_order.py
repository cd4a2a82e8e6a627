"""The snooze dialog is filled in the order of its labels, and nothing typed is lost (G10)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from app_pilot import AS_OF, build, settle
from sqlmodel import select

from rekanan.models import AlertSnooze
from rekanan.screens.alert_data import SnoozeRefused, reason_is_a_date, snooze_alert
from rekanan.screens.alerts import AlertsScreen
from rekanan.screens.snooze import SnoozeScreen


def stored(db: Any) -> list[tuple[str, Any, str]]:
    with db.session() as session:
        return [(s.alert_key, s.until, s.reason) for s in session.exec(select(AlertSnooze))]


async def open_dialog(pilot: Any) -> tuple[AlertsScreen, SnoozeScreen]:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    alerts = pilot.app.screen
    assert isinstance(alerts, AlertsScreen)
    await pilot.press("z")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, SnoozeScreen)
    return alerts, dialog


async def test_days_then_tab_then_reason_stores_both_where_the_labels_say(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        alerts, dialog = await open_dialog(pilot)
        key = dialog.alert.key
        assert dialog.focused is dialog.query_one("#snooze-until")
        await pilot.press(*"14", "tab", *"menunggu surat PPK", "ctrl+s")
        await settle(pilot)
        assert app.screen is alerts
        assert stored(demo_db) == [(key, AS_OF + timedelta(days=14), "menunggu surat PPK")]


async def test_tab_order_follows_the_labels(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        _, dialog = await open_dialog(pilot)
        seen = [dialog.focused.id if dialog.focused else None]
        for _ in range(4):
            await pilot.press("tab")
            seen.append(dialog.focused.id if dialog.focused else None)
        assert seen == [
            "snooze-until",
            "snooze-reason",
            "snooze-save",
            "snooze-cancel",
            "snooze-until",
        ]


async def test_text_typed_on_a_button_goes_into_the_reason(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        alerts, dialog = await open_dialog(pilot)
        await pilot.press("tab", *"menunggu", "tab")
        assert dialog.focused is dialog.query_one("#snooze-save")
        # Digits and r are the app's screen keys: on a button they are text too.
        await pilot.press(*" surat PPK 5r")
        await settle(pilot)
        assert app.screen is dialog, "no key carried the person away"
        assert dialog.query_one("#snooze-reason").value == "menunggu surat PPK 5r"
        await pilot.press("tab", "tab")
        assert dialog.focused is dialog.query_one("#snooze-cancel")
        await pilot.press(*" lagi")  # on Batal, the same
        assert dialog.query_one("#snooze-reason").value == "menunggu surat PPK 5r lagi"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is alerts
        assert [r for _, _, r in stored(demo_db)] == ["menunggu surat PPK 5r lagi"]


@pytest.mark.parametrize("reason", ["14", "14 hari", "07/12/2026", "2026-12-07"])
async def test_a_reason_that_is_only_a_date_is_questioned_and_kept(demo_db, reason) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        _, dialog = await open_dialog(pilot)
        await pilot.press("tab", *reason, "ctrl+s")
        await settle(pilot)
        assert app.screen is dialog
        said = str(dialog.query_one("#snooze-reason-error").content)
        assert said == (
            f"Alasan '{reason}' tampak seperti tanggal atau jumlah hari; tulis mengapa "
            "peringatan ditunda."
        )
        field = dialog.query_one("#snooze-reason")
        assert dialog.focused is field and field.value == reason
        await pilot.press(*" hari, menunggu PPK")  # appended: what was typed stays
        assert field.value == f"{reason} hari, menunggu PPK"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [r for _, _, r in stored(demo_db)] == [f"{reason} hari, menunggu PPK"]


async def test_the_question_in_english(demo_db) -> None:
    app = build(demo_db, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        _, dialog = await open_dialog(pilot)
        await pilot.press("tab", *"14", "ctrl+s")
        await settle(pilot)
        assert str(dialog.query_one("#snooze-reason-error").content) == (
            "The reason '14' looks like a date or a number of days; write why the alert is snoozed."
        )


def test_which_reasons_are_only_a_date() -> None:
    for reason in ("14", " 14 ", "14 hari", "30 days", "7-12-26", "07/12/2026", "2026-12-07"):
        assert reason_is_a_date(reason), reason
    for reason in ("menunggu surat PPK", "SP 14", "tunggu 14 hari", "PPK cuti s.d. 07/12", ""):
        assert not reason_is_a_date(reason), reason


def test_the_store_path_refuses_a_date_for_a_reason_too(seeded_db) -> None:
    with pytest.raises(SnoozeRefused, match="tampak seperti tanggal"):
        snooze_alert(seeded_db, "any-key", AS_OF + timedelta(days=7), "14", AS_OF)
    assert stored(seeded_db) == []


async def test_no_reason_stays_a_refusal_and_keeps_the_date(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        _, dialog = await open_dialog(pilot)
        await pilot.press(*"21", "ctrl+s")
        await settle(pilot)
        assert "alasan" in str(dialog.query_one("#snooze-reason-error").content)
        assert dialog.query_one("#snooze-until").value == "21"
