"""Forms: create and edit each kind of record, refused values keep what was typed, stale
edits say who saved first, deletes that would orphan records are refused."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import pytest
from registers_pilot import RegistersHost, open_test_database, seed_small, settle, shown
from sqlmodel import select
from textual.binding import Binding, BindingType
from textual.widgets import Input

from rekanan.models import (
    SLA,
    Contract,
    ContractService,
    Evaluation,
    Incident,
    Penalty,
    Sanction,
    Service,
    Supplier,
    WarningLetter,
)
from rekanan.screens.confirm import ConfirmScreen, MessageScreen
from rekanan.screens.contract_detail import ContractDetailScreen
from rekanan.screens.contracts import ContractsScreen
from rekanan.screens.forms import RecordForm
from rekanan.screens.service_detail import ServiceDetailScreen
from rekanan.screens.services import ServicesScreen
from rekanan.screens.supplier_detail import SupplierDetailScreen
from rekanan.screens.suppliers import SuppliersScreen
from rekanan.store.database import open_database
from rekanan.widgets.form import FormView


@pytest.fixture
def small(tmp_path):
    db = open_test_database(tmp_path / "forms.db")
    ids = seed_small(db)
    return db, ids


def form(app) -> FormView:
    assert isinstance(app.screen, RecordForm), app.screen
    return app.screen.query_one(FormView)


async def fill(pilot, name: str, value: str) -> None:
    """Type into a field the way a person does: focus it, clear it, type."""
    control = pilot.app.screen.query_one(f"#field-{name}")
    control.focus()
    await pilot.pause()
    if isinstance(control, Input):
        control.value = ""
        await pilot.press(*value) if value else None
    await pilot.pause()


def message(app, name: str) -> str:
    return str(form(app).row(name).query_one(".field-message").render())


def rows(db, model, *where):
    with db.session() as session:
        return list(session.exec(select(model).where(*where)).all())


async def test_new_supplier_refused_npwp_keeps_typing_then_saves(small) -> None:
    db, _ = small
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "name", "PT Data Nusantara")
        await fill(pilot, "npwp", "12.345")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)  # not saved
        assert "5 angka" in message(app, "npwp")
        assert form(app).raw("name") == "PT Data Nusantara"
        assert form(app).raw("npwp") == "12.345"
        await fill(pilot, "npwp", "03.111.222.3-444.555")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SuppliersScreen)
        saved = rows(db, Supplier, Supplier.name == "PT Data Nusantara")
        assert len(saved) == 1 and saved[0].npwp == "0031112223444555"


async def test_edit_contract_store_refusal_shows_next_to_field(small) -> None:
    db, ids = small
    app = RegistersHost(db, ContractDetailScreen(ids["ta"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "title", "Tenaga ahli pemrograman dan basis data")
        await fill(pilot, "end_date", "01/01/2025")  # before the start: the store refuses
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        assert "sebelum tanggal mulai" in message(app, "end_date")
        assert form(app).raw("title") == "Tenaga ahli pemrograman dan basis data"
        assert form(app).raw("end_date") == "01/01/2025"
        await fill(pilot, "end_date", "31/12/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        contract = rows(db, Contract, Contract.id == ids["ta"])[0]
        assert contract.title == "Tenaga ahli pemrograman dan basis data"
        assert contract.version == 2


async def test_stale_edit_says_so_and_reloads(small) -> None:
    db, ids = small
    app = RegistersHost(db, SupplierDetailScreen(ids["telkom"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await fill(pilot, "phone", "022-123456")
        # Someone else saves first.
        with db.writer() as w:
            w.user = "siti"
            w.update(Supplier, ids["telkom"], {"email": "am@telkom.co.id"}, expected_version=1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        status = (
            str(app.screen.query_one("#form-status").render())
            if isinstance(app.screen, RecordForm)
            else ""
        )
        assert isinstance(app.screen, ConfirmScreen), (status, app.errors)
        assert "lebih dulu" in app.screen.question
        assert "siti" in app.screen.detail  # who saved first
        both = shown(app.screen.query_one("#confirm-extra Static"))
        assert "022-123456" in both and "am@telkom.co.id" in both  # both versions
        await pilot.press("y")  # reload
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        assert form(app).raw("email") == "am@telkom.co.id"
        await fill(pilot, "phone", "022-123456")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = rows(db, Supplier, Supplier.id == ids["telkom"])[0]
        assert (saved.phone, saved.email, saved.version) == ("022-123456", "am@telkom.co.id", 3)


async def test_delete_refused_when_it_would_orphan_records(small) -> None:
    db, ids = small
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # CV Maju Jaya Web, which has contracts
        await pilot.press("d")
        await settle(pilot)
        # Said before asking (G25): no question whose yes would only be refused.
        assert isinstance(app.screen, MessageScreen)
        assert "tidak dapat dihapus karena masih dirujuk oleh" in app.screen.sentence
        await pilot.press("escape")
        await settle(pilot)
        assert rows(db, Supplier, Supplier.id == ids["maju"])
        # A supplier without records can go.
        table_rows = app.screen.query_one("PagedTable").rows
        markup = [r.name for r in table_rows].index("[bold red]PT Markup[/]")
        app.screen.query_one("PagedTable").table.move_cursor(row=markup)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("left", "enter")  # the Yes button: no y on a delete
        await settle(pilot)
        assert not rows(db, Supplier, Supplier.id == ids["markup"])
        assert "[bold red]PT Markup[/]" not in [
            r.name for r in app.screen.query_one("PagedTable").rows
        ]


async def test_new_contract_with_services(small) -> None:
    db, ids = small
    app = RegistersHost(db, ContractsScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "number", "602.1/07/KTR/2026")
        await fill(pilot, "title", "Colocation pusat data")
        await fill(pilot, "supplier_id", "01.000.000.0-093.000")
        await fill(pilot, "value", "250.000.000")
        await fill(pilot, "end_date", "31/12/2026")
        app.screen.query_one("#field-is_underpinning").value = True
        services = app.screen.query_one("#field-services")
        services.select(str(ids["net"]))
        await fill(pilot, "availability_pct", "99,9")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractsScreen), getattr(app.screen, "query_one", None)
        saved = rows(db, Contract, Contract.number == "602.1/07/KTR/2026")[0]
        assert saved.supplier_id == ids["telkom"]
        assert saved.value == Decimal("250000000")
        assert saved.availability_pct == Decimal("99.9")
        links = rows(db, ContractService, ContractService.contract_id == saved.id)
        assert [link.service_id for link in links] == [ids["net"]]


async def test_unknown_supplier_is_said_next_to_the_field(small) -> None:
    db, _ = small
    app = RegistersHost(db, ContractsScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "number", "X-1")
        await fill(pilot, "title", "Uji")
        await fill(pilot, "supplier_id", "PT Tidak Ada")
        await fill(pilot, "value", "1000")
        await settle(pilot)
        assert "Tidak ada rekanan bernama PT Tidak Ada" in message(app, "supplier_id")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        assert "Tidak ada rekanan bernama PT Tidak Ada" in message(app, "supplier_id")
        assert not rows(db, Contract, Contract.number == "X-1")


async def test_service_and_sla(small) -> None:
    db, _ids = small
    app = RegistersHost(db, ServicesScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "code", "EOFFICE")
        await fill(pilot, "name", "e-Office")
        await pilot.press("ctrl+s")
        await settle(pilot)
        service = rows(db, Service, Service.code == "EOFFICE")[0]
        app.screen.open_service(service.id)
        await settle(pilot)
        assert isinstance(app.screen, ServiceDetailScreen)
        await pilot.press("n")  # a new SLA for this service
        await settle(pilot)
        assert form(app).raw("service_id") == "EOFFICE"
        await fill(pilot, "customer", "Sekretariat Daerah")
        await fill(pilot, "availability_pct", "101")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "0 dan 100" in message(app, "availability_pct")
        await fill(pilot, "availability_pct", "99,5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ServiceDetailScreen)
        sla = rows(db, SLA, SLA.service_id == service.id)[0]
        assert sla.availability_pct == Decimal("99.5") and sla.customer == "Sekretariat Daerah"
        # Edit the service itself from the summary tab.
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "owner_unit", "Bidang Aptika")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(db, Service, Service.id == service.id)[0].owner_unit == "Bidang Aptika"


async def test_records_of_a_contract_letter_penalty_incident(small) -> None:
    db, ids = small
    app = RegistersHost(db, ContractDetailScreen(ids["webdev"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert form(app).raw("contract_id") == "027/15/SPK/2025"
        assert form(app).raw("level") == "SP3"  # after SP1 and SP2, the next level
        app.screen.query_one("#field-level").value = "SP3"
        await fill(pilot, "letter_number", "800/SP3/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(db, WarningLetter, WarningLetter.letter_number == "800/SP3/2026")
        await pilot.press("p")
        await settle(pilot)
        await fill(pilot, "amount", "Rp 450.000")
        await fill(pilot, "days_late", "10")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(db, Penalty, Penalty.amount == Decimal("450000"))
        await pilot.press("i")
        await settle(pilot)
        await fill(pilot, "service_id", "WEB")
        await fill(pilot, "started_at", "01/03/2026 08:15")
        await fill(pilot, "resolved_at", "01/03/2026 7:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        incident = rows(db, Incident, Incident.description == "")
        # The store (or its check constraint) refuses a resolution before the start.
        if isinstance(app.screen, RecordForm):
            await fill(pilot, "resolved_at", "01/03/2026 11:00")
            await pilot.press("ctrl+s")
            await settle(pilot)
        incident = rows(db, Incident, Incident.contract_id == ids["webdev"])
        assert len(incident) == 1 and incident[0].resolved_at.hour == 11
        # The letters tab lists the new SP3 and the penalty.
        assert app.screen.view is not None
        kinds = [item.kind for item in app.screen.view.letters_and_penalties]
        assert kinds.count("letter") == 3 and kinds.count("penalty") == 2


async def test_supplier_records_evaluation_and_sanction(small) -> None:
    db, ids = small
    app = RegistersHost(db, SupplierDetailScreen(ids["maju"], tab="performance"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = app.screen.view.scorecard
        await pilot.press("n")
        await settle(pilot)
        assert form(app).raw("supplier_id") == "CV Maju Jaya Web"
        await fill(pilot, "period_start", "01/01/2026")
        await fill(pilot, "period_end", "28/02/2026")
        for name in ("quality", "cost", "timeliness", "service"):
            app.screen.query_one(f"#field-{name}").value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SupplierDetailScreen)
        assert rows(db, Evaluation, Evaluation.supplier_id == ids["maju"], Evaluation.quality == 3)
        after = app.screen.view.scorecard
        assert after.value != before.value
        app.screen.query_one("TabbedContent").active = "tab-sanctions"
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "decree_number", "027/KEP/2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(db, Sanction, Sanction.decree_number == "027/KEP/2026")
        assert len(app.screen.view.sanctions) == 1


async def test_read_only_offers_no_edit_keys(tmp_path) -> None:
    path = tmp_path / "ro.db"
    seed_small(open_test_database(path))
    db = open_database(str(path), user="tamu", read_only=True)
    app = RegistersHost(db, SuppliersScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        keys = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "export" in keys and "clear_filters" in keys
        assert not keys & {"new", "edit", "delete"}
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SuppliersScreen)  # no form on a read-only database
        search = app.screen.query_one("#search", Input)
        assert search.value == "n"  # a letter no key claims starts a search
        search.value = ""
        app.screen.query_one("PagedTable").focus()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SupplierDetailScreen)
        keys = {b.binding.action for b in app.screen.active_bindings.values()}
        assert not keys & {"new", "edit", "delete", "new_penalty"}
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, SupplierDetailScreen)


async def test_contract_services_with_components(small) -> None:
    db, ids = small
    app = RegistersHost(db, ContractDetailScreen(ids["link"], tab="services"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        links = app.screen.query_one("#links-table")
        assert [r.service.code for r in links.records] == ["NET", "LAPOR"]
        await pilot.press("e")  # the first link: NET
        await settle(pilot)
        assert form(app).raw("service_id") == "NET"
        await fill(pilot, "component", "link utama")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContractDetailScreen)
        saved = rows(db, ContractService, ContractService.contract_id == ids["link"])
        assert {(s.service_id, s.component) for s in saved} == {
            (ids["net"], "link utama"),
            (ids["lapor"], None),
        }
        assert "link utama" in [r.component for r in app.screen.view.services]
        await pilot.press("n")
        await settle(pilot)
        assert form(app).raw("contract_id") == "602.1/01/KTR/DISKOMINFO/2026"
        await fill(pilot, "service_id", "WEB")
        await fill(pilot, "component", "hosting")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(app.screen.view.services) == 3
        links = app.screen.query_one("#links-table")
        links.focus()
        links.move_cursor(row=2)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("left", "enter")  # the Yes button: no y on a delete
        await settle(pilot)
        assert len(app.screen.view.services) == 2
        assert not rows(db, ContractService, ContractService.service_id == ids["web"])


async def test_duplicate_contract_number_is_said_next_to_the_number(small) -> None:
    db, _ = small
    app = RegistersHost(db, ContractsScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "number", "027/15/SPK/2025")  # already used
        await fill(pilot, "title", "Pemeliharaan situs resmi tahap 2")
        await fill(pilot, "supplier_id", "CV Maju Jaya Web")
        await fill(pilot, "value", "10.000.000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RecordForm)
        assert "027/15/SPK/2025" in message(app, "number") or "nomor" in message(app, "number")
        assert form(app).raw("title") == "Pemeliharaan situs resmi tahap 2"
        assert len(rows(db, Contract, Contract.number == "027/15/SPK/2025")) == 1


class SwitchingHost(RegistersHost):
    """A host with the app's screen-switching digit, to prove a form holds it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("1", "away", "Ringkasan")]

    def action_away(self) -> None:
        self.went_away = True


async def test_digits_typed_off_an_input_do_not_leave_the_form(small) -> None:
    db, _ = small
    app = SwitchingHost(db, SuppliersScreen())
    app.went_away = False
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        assert app.went_away  # on a list the digit switches screens
        app.went_away = False
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "name", "PT 1 Data")
        app.screen.query_one("#field-active").focus()
        await pilot.press("1")
        await settle(pilot)
        assert not app.went_away
        assert isinstance(app.screen, RecordForm)
        assert form(app).raw("name") == "PT 1 Data"


EDITS = {
    "supplier": (Supplier, "notes", "Mitra utama"),
    "contract": (Contract, "ppk", "Drs. Bambang"),
    "contract_service": (ContractService, "component", "cadangan"),
    "service": (Service, "owner_unit", "Bidang Aptika"),
    "sla": (SLA, "customer", "Bupati"),
    "evaluation": (Evaluation, "evaluator", "Sri"),
    "incident": (Incident, "description", "Uji"),
    "warning_letter": (WarningLetter, "letter_number", "800/X/2026"),
    "penalty": (Penalty, "notes", "Denda uji"),
    "sanction": (Sanction, "decree_number", "027/KEP/X"),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
async def test_every_kind_opens_saves_unchanged_and_edits_one_field(small, kind) -> None:
    db, _ = small
    model, name, value = EDITS[kind]
    first = rows(db, model)[0]
    app = RegistersHost(db, RecordForm(kind, first.id))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")  # nothing changed: saved without a new version
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm), message(app, name)
        assert rows(db, model, model.id == first.id)[0].version == first.version
        app.push_screen(RecordForm(kind, first.id))
        await settle(pilot)
        control = app.screen.query_one(f"#field-{name}")
        if isinstance(control, Input):
            control.value = value
        else:
            control.text = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm), app.screen.query_one("#form-status")
    saved = rows(db, model, model.id == first.id)[0]
    assert getattr(saved, name) == value
    assert saved.version == first.version + 1
