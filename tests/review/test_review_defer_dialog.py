"""F33: a deferral defaults to before the contract's next deadline, says when the chosen date
hides a deadline and asks to confirm; Enter saves, as the help line says."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from rekanan.models.enums import ReviewDecisionKind
from rekanan.screens.review_dialog import DecisionDialog, DialogResult

TODAY = date(2026, 11, 23)
END = date(2026, 12, 3)


class Host(App[None]):
    def __init__(self, dialog: DecisionDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: list[DialogResult | None] = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.result.append)


def defer(deadlines: list[tuple[str, date]]) -> DecisionDialog:
    return DecisionDialog(ReviewDecisionKind.DEFER, "000.3.3/221", TODAY, deadlines=deadlines)


def test_default_date_stops_before_the_next_deadline() -> None:
    assert defer([("end", END)]).default_defer() == END - timedelta(days=1)
    assert defer([]).default_defer() == TODAY + timedelta(days=30)
    far = [("decision", TODAY + timedelta(days=90))]
    assert defer(far).default_defer() == TODAY + timedelta(days=30)
    assert defer([("end", TODAY + timedelta(days=1))]).default_defer() == TODAY + timedelta(1)


async def test_a_date_past_the_end_is_said_and_saved_only_once_confirmed() -> None:
    app = Host(defer([("end", END)]))
    async with app.run_test() as pilot:
        await pilot.pause()
        dialog = app.dialog
        assert dialog.query_one("#decision-date", Input).value == "02/12/2026"
        dialog.query_one("#decision-date", Input).value = "23/12/2026"
        dialog.query_one("#decision-notes", Input).value = "menunggu rapat"
        dialog.query_one("#decision-notes", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        warning = str(dialog.query_one("#decision-date-warning", Static).render())
        assert "kontrak berakhir 3 Des 2026" in warning
        assert app.result == []  # not saved yet
        await pilot.press("enter")  # confirmed
        await pilot.pause()
    assert app.result and app.result[0] is not None
    assert app.result[0].when == date(2026, 12, 23)


async def test_enter_in_the_date_field_saves() -> None:
    app = Host(defer([("end", END)]))
    async with app.run_test() as pilot:
        await pilot.pause()
        dialog = app.dialog
        dialog.query_one("#decision-notes", Input).value = "menunggu rapat"
        dialog.query_one("#decision-date", Input).focus()
        await pilot.press("enter")  # the default date is before the end: saved at once
        await pilot.pause()
    assert app.result and app.result[0] is not None
    assert app.result[0].when == END - timedelta(days=1)
