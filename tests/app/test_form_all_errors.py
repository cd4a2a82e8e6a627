"""Record forms say every error on the first save, the dates out of order included, and say
the order as soon as the person leaves the date they changed, under that date (G9).

Before the fix the first Ctrl+S showed only the per-field errors ("15O.000.000 bukan
angka"); the date order came from the store on a second Ctrl+S, under "Tanggal berakhir"
even when the person had changed "Tanggal mulai", and leaving the date showed nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app_pilot import build, settle
from textual.widgets import Input

from rekanan.models import SLA, Contract, Incident, Sanction
from rekanan.screens.contract_detail import ContractDetailScreen
from rekanan.screens.forms import RecordForm
from rekanan.store.validation import broken_orders
from rekanan.widgets.form import FormView

ORDER = "Tanggal berakhir tidak boleh sebelum tanggal mulai."
NOT_A_NUMBER = "15O.000.000 bukan angka"


async def open_contract_edit(pilot: Any) -> RecordForm:
    """3 → the first contract → u, as a person does."""
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ContractDetailScreen)
    await pilot.press("u")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, RecordForm) and form.record_id is not None
    return form


async def fill(pilot: Any, name: str, text: str) -> None:
    """Focus a field, empty it and type ``text`` key by key."""
    control = pilot.app.screen.query_one(f"#field-{name}", Input)
    control.focus()
    await pilot.pause()
    control.value = ""
    await pilot.press(*text)
    await pilot.pause()


def message(form: RecordForm, name: str) -> str:
    return str(form.query_one(FormView).row(name).query_one(".field-message").render())


def raw(form: RecordForm, name: str) -> Any:
    return form.query_one(FormView).raw(name)


def stored(db: Any, contract_id: int) -> Contract:
    with db.session() as session:
        row = session.get(Contract, contract_id)
        assert row is not None
        session.expunge(row)
        return row


def day_after(text: str) -> str:
    """The day after a date written HH/BB/TTTT, written the same way."""
    day, month, year = (int(p) for p in text.split("/"))
    return (date(year, month, day) + timedelta(days=1)).strftime("%d/%m/%Y")


async def test_first_save_shows_the_bad_value_and_the_dates_out_of_order(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_contract_edit(pilot)
        before = stored(demo_db, form.record_id)
        end = str(raw(form, "end_date"))
        await fill(pilot, "value", "15O.000.000")
        await fill(pilot, "start_date", day_after(end))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert NOT_A_NUMBER in message(form, "value")
        assert message(form, "start_date") == ORDER  # under the date the person changed
        assert ORDER not in message(form, "end_date")
        assert "Periksa kolom" in str(form.query_one("#form-status").render())
        assert form.focused is form.query_one("#field-value")  # the first wrong field
        assert (raw(form, "value"), raw(form, "start_date"), raw(form, "end_date")) == (
            "15O.000.000",
            day_after(end),
            end,
        )
        assert stored(demo_db, form.record_id).version == before.version


async def test_leaving_the_changed_date_says_the_order_under_it(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_contract_edit(pilot)
        end = str(raw(form, "end_date"))
        start = str(raw(form, "start_date"))
        await fill(pilot, "start_date", day_after(end))
        await pilot.press("tab")  # leave it
        await settle(pilot)
        assert message(form, "start_date") == ORDER
        assert ORDER not in message(form, "end_date")
        await fill(pilot, "start_date", start)  # mended: the sentence goes on leaving
        await pilot.press("tab")
        await settle(pilot)
        assert ORDER not in message(form, "start_date")


async def test_both_dates_changed_both_say_it_and_mending_saves(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_contract_edit(pilot)
        contract_id = form.record_id
        before = stored(demo_db, contract_id)
        await fill(pilot, "start_date", "08/01/2031")
        await fill(pilot, "end_date", "07/01/2031")
        await fill(pilot, "value", "15O.000.000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message(form, "start_date") == ORDER
        assert message(form, "end_date") == ORDER
        assert NOT_A_NUMBER in message(form, "value")
        await fill(pilot, "value", "151.000.000")  # the value mended, the dates not yet
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert form.focused is form.query_one("#field-start_date")
        assert stored(demo_db, contract_id).version == before.version  # refused before saving
        await fill(pilot, "end_date", "07/01/2032")
        await pilot.press("tab")
        await settle(pilot)
        assert ORDER not in message(form, "start_date") + message(form, "end_date")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        after = stored(demo_db, contract_id)
        assert (after.start_date, after.end_date) == (date(2031, 1, 8), date(2032, 1, 7))
        assert after.value == Decimal("151000000")


def test_broken_orders_lists_every_broken_order_and_ignores_missing_values() -> None:
    start = date(2027, 1, 8)
    both = broken_orders(
        Contract,
        {"start_date": start, "end_date": date(2027, 1, 7), "termination_date": date(2027, 1, 1)},
    )
    assert [(o.earlier, o.later) for o in both] == [
        ("start_date", "end_date"),
        ("start_date", "termination_date"),
    ]
    assert broken_orders(Contract, {"start_date": start, "end_date": None}) == ()
    assert broken_orders(Contract, {"start_date": start, "end_date": "07/01/2027"}) == ()
    assert broken_orders(Contract, {"start_date": start, "end_date": start}) == ()
    assert [
        o.later
        for o in broken_orders(Sanction, {"start_date": start, "end_date": date(2027, 1, 1)})
    ] == ["end_date"]
    assert [
        o.later for o in broken_orders(SLA, {"valid_from": start, "valid_until": date(2026, 1, 1)})
    ] == ["valid_until"]
    started = {"started_at": date(2027, 1, 8), "resolved_at": date(2027, 1, 7)}
    assert [o.later for o in broken_orders(Incident, started)] == ["resolved_at"]
