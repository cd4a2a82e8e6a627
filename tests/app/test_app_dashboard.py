"""Every dashboard number opens the list behind it, and the list shows the same number."""

from __future__ import annotations

from app_pilot import AS_OF, build, settle

from rekanan.domain.alert import Severity
from rekanan.screens.alerts import AlertsScreen
from rekanan.screens.contract_detail import ContractDetailScreen
from rekanan.screens.contracts import ContractsScreen
from rekanan.screens.dashboard import DashboardScreen, FigureList
from rekanan.screens.services import ServicesScreen
from rekanan.screens.suppliers import SuppliersScreen
from rekanan.widgets.paged_table import PagedTable


def figure_value(app, option_id: str) -> int:
    """The number shown on one line of a dashboard panel."""
    for panel in app.screen.query(FigureList):
        for option in panel.options:
            if option.id == option_id:
                return int(str(option.prompt).split()[-1].replace(".", ""))
    raise AssertionError(f"no figure {option_id}")


async def open_figure(pilot, option_id: str) -> None:
    app = pilot.app
    app.screen.open_target(option_id)
    await settle(pilot)


async def test_figures_match_their_lists(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        quick = dashboard.quick
        assert quick is not None and quick.as_of == AS_OF
        assert quick.due[30] <= quick.due[60] <= quick.due[90]
        assert quick.due[30] > 0, "the demo has decisions due in the coming weeks"

        checks = [
            ("due:30", ContractsScreen),
            ("due:90", ContractsScreen),
            ("alerts:critical", AlertsScreen),
            ("alerts:warning", AlertsScreen),
            ("risk:critical", SuppliersScreen),
            ("services:gaps", ServicesScreen),
            ("value:strategis", ContractsScreen),
        ]
        for option_id, kind in checks:
            if option_id.startswith("value:"):
                shown = next(v.contracts for v in quick.values if v.category == "strategis")
            else:
                shown = figure_value(app, option_id)
            await open_figure(pilot, option_id)
            assert isinstance(app.screen, kind), option_id
            total = app.screen.query_one(PagedTable).total
            assert total == shown, f"{option_id}: dashboard {shown}, list {total}"
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is dashboard
        assert figure_value(app, "risk:critical") >= 1, "the demo has a supplier at risk"
        assert app.errors == []


async def test_keys_open_a_figure_and_the_timeline(demo_db) -> None:
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # The alerts panel has the focus: Enter on its first line opens the critical alerts.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AlertsScreen)
        assert app.screen.query_state.severity == Severity.CRITICAL
        await pilot.press("escape")
        await settle(pilot)
        # Tab to the timeline: Enter opens the contract with the soonest deadline.
        timeline = app.screen.query_one("#dash-timeline", FigureList)
        while app.focused is not timeline:
            await pilot.press("tab")
        first = app.screen.quick.timeline[0]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        assert app.screen.contract_id == first.contract_id
        assert first.days_left < 0  # a missed deadline heads the timeline


async def test_week_chart_fits_80_columns(demo_db) -> None:
    """At 80x24 the bars, counts and dates stay on their own lines (F26)."""
    app = build(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.quick is not None
        room = screen.query_one("#dash-weeks").content_region.width
        lines = screen._weeks(screen.quick).plain.split("\n")
        assert len(lines) == 5 and max(len(line) for line in lines) <= room, (room, lines)
        assert len(lines[3].split()) == len(screen.quick.weeks)  # one count per week
        values = screen.query_one("#dash-values", FigureList)
        room = values.content_region.width
        prompts = [values.get_option_at_index(i).prompt for i in range(values.option_count)]
        assert all(len(str(p)) <= room for p in prompts), (room, prompts)
