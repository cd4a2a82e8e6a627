"""What people type is shown as they typed it: ``[bold red]x[/]`` is text, not markup."""

from __future__ import annotations

from datetime import date

import pytest
from registers_pilot import RegistersHost, open_test_database, seed_small, settle, shown

from rekanan.models import SLA, ContractService, Service
from rekanan.screens.contract_detail import ContractDetailScreen
from rekanan.screens.forms import RecordForm
from rekanan.screens.supplier_detail import SupplierDetailScreen
from rekanan.screens.suppliers import SuppliersScreen

MARKUP = "[bold red]PT Markup[/]"


@pytest.fixture
def small(tmp_path):
    db = open_test_database(tmp_path / "markup.db")
    ids = seed_small(db)
    with db.writer() as w:
        ids["odd"] = w.create(Service(code="[i]ODD[/i]", name="[link=x]Layanan[/link]"))
        w.create(
            SLA(
                service_id=ids["odd"],
                customer="[red]OPD[/red]",
                valid_from=date(2026, 1, 1),
            )
        )
    return db, ids


async def test_supplier_name_with_markup_is_literal(small) -> None:
    db, ids = small
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("PagedTable").table
        assert MARKUP in shown(table)
        app.push_screen(SupplierDetailScreen(ids["markup"]))
        await settle(pilot)
        title = app.screen.query_one("#detail-title")
        assert MARKUP in shown(title)
        assert MARKUP in shown(app.screen.query_one("#profile-body"))


async def test_service_and_customer_with_markup_are_literal(small) -> None:
    db, ids = small
    with db.writer() as w:
        w.create(ContractService(contract_id=ids["link"], service_id=ids["odd"]))
    app = RegistersHost(db, ContractDetailScreen(ids["link"], tab="services"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = shown(app.screen.query_one("#services-body"))
        assert "[i]ODD[/i]" in body
        assert "[link=x]Layanan[/link]" in body
        assert "[red]OPD[/red]" in body
        assert "[i]ODD[/i]" in shown(app.screen.query_one("#links-table"))
        app.screen.query_one("TabbedContent").active = "tab-summary"
        await pilot.pause()
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        services = app.screen.query_one("#field-services")
        services.scroll_visible()
        await pilot.pause()
        assert "[i]ODD[/i] - [link=x]Layanan[/link]" in shown(services)
