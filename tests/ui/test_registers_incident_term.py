"""An incident form starts with a contract in force and says when an incident will not
count in the scorecard (outside the contract's term, or on a contract that is no UC)."""

from __future__ import annotations

from datetime import date

from registers_pilot import RegistersHost, open_test_database, seed_small, settle
from sqlmodel import select
from test_registers_forms import fill, form, message
from textual.widgets import Label

from rekanan.domain.records import ContractRecord
from rekanan.models import ContractStatus, Incident
from rekanan.screens.forms import RecordForm
from rekanan.screens.incident_term import (
    AFTER_END,
    BEFORE_START,
    NOT_UC,
    contract_for_incident,
    term_problem,
)
from rekanan.screens.supplier_detail import SupplierDetailScreen
from rekanan.widgets.form import YesNoBox


def _contract(number: str, start: date, end: date, **kw: object) -> ContractRecord:
    return ContractRecord(
        id=len(number), number=number, title="", supplier_id=1, start_date=start, end_date=end, **kw
    )  # type: ignore[arg-type]


def test_term_problem_before_after_and_not_a_uc() -> None:
    uc = _contract("UC-1", date(2026, 1, 1), date(2026, 11, 3), is_underpinning=True)
    assert term_problem(uc, date(2026, 6, 1), "id") is None
    assert term_problem(uc, date(2026, 11, 3), "id") is None  # the last day counts
    after = term_problem(uc, date(2026, 11, 10), "id")
    assert after is not None and after[0] == AFTER_END
    assert after[1]["end"] == "3 November 2026"
    before = term_problem(uc, date(2025, 12, 31), "en")
    assert before is not None and before[0] == BEFORE_START
    plain = _contract("SPK-2", date(2026, 1, 1), date(2026, 12, 31))
    problem = term_problem(plain, date(2026, 6, 1), "id")
    assert problem is not None and problem[0] == NOT_UC


def test_only_a_contract_in_force_is_offered_uc_first() -> None:
    ended = _contract("ENDED", date(2025, 1, 1), date(2026, 11, 3), is_underpinning=True)
    assert contract_for_incident([ended], date(2026, 11, 23)) is None
    plain = _contract("PLAIN-1", date(2026, 1, 1), date(2026, 12, 31))
    uc = _contract("UC-22", date(2026, 1, 1), date(2026, 12, 31), is_underpinning=True)
    assert contract_for_incident([ended, plain, uc], date(2026, 11, 23)) == uc
    draft = _contract("DRAFT", date(2026, 1, 1), date(2026, 12, 31), status=ContractStatus.DRAFT)
    assert contract_for_incident([draft, plain], date(2026, 11, 23)) == plain


async def test_new_incident_warns_when_outside_the_contract_term(tmp_path) -> None:
    db = open_test_database(tmp_path / "term.db")
    ids = seed_small(db)
    app = RegistersHost(db, SupplierDetailScreen(ids["telkom"], tab="incidents"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        # The UC in force today (ends 31 Aug 2026) and the first service it underpins.
        assert form(app).raw("contract_id") == "602.1/01/KTR/DISKOMINFO/2026"
        assert form(app).raw("service_id") == "NET"
        await fill(pilot, "started_at", "10/09/2026 08:00")
        await fill(pilot, "severity", "")  # leave the date field: the contract is checked
        await settle(pilot)
        said = message(app, "contract_id")
        assert "sudah berakhir 31 Agustus 2026" in said and "tidak masuk kartu kinerja" in said
        assert "tidak tercakup" in said  # no other UC backed NET that day: a coverage gap
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RecordForm)  # a warning, not a refusal
        with db.session() as session:
            saved = session.exec(select(Incident).where(Incident.contract_id == ids["link"]))
            assert len(list(saved)) == 2
        toasts = [n.message for n in app._notifications]
        assert any("tidak masuk kartu kinerja" in text for text in toasts), toasts


async def test_incident_on_an_ended_contract_is_not_prefilled(tmp_path) -> None:
    db = open_test_database(tmp_path / "ended.db")
    ids = seed_small(db)
    app = RegistersHost(db, SupplierDetailScreen(ids["telkom"], tab="incidents"))
    app.as_of = date(2026, 11, 23)  # the link UC ended on 31 Aug 2026
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert form(app).raw("contract_id") == ""
        assert form(app).raw("service_id") == ""


async def test_downtime_box_says_yes_or_no_and_starts_at_no(tmp_path) -> None:
    db = open_test_database(tmp_path / "box.db")
    ids = seed_small(db)
    app = RegistersHost(db, SupplierDetailScreen(ids["telkom"], tab="incidents"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        box = app.screen.query_one("#field-causes_downtime", YesNoBox)
        assert form(app).raw("causes_downtime") is False
        assert str(box.label) == "Tidak" and box.BUTTON_INNER == " "
        label = form(app).row("causes_downtime").query_one(Label)
        assert "Layanan terhenti" in str(label.render())
        assert "Layanan terhenti" not in str(box.label)  # the label is not repeated
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert form(app).raw("causes_downtime") is True
        assert str(box.label) == "Ya" and box.BUTTON_INNER == "X"


def test_the_contract_that_backed_the_service_that_day_is_named(tmp_path) -> None:
    from decimal import Decimal

    from rekanan.models import Contract, ContractService
    from rekanan.screens.incident_term import COVERED_BY, stored_term_problem

    db = open_test_database(tmp_path / "successor.db")
    ids = seed_small(db)
    with db.writer() as w:
        successor = w.create(
            Contract(
                number="602.1/09/KTR/DISKOMINFO/2026",
                title="Internet dan intranet lanjutan",
                supplier_id=ids["telkom"],
                is_underpinning=True,
                value=Decimal("300000000"),
                start_date=date(2026, 9, 1),
                end_date=date(2026, 12, 31),
            )
        )
        w.create(ContractService(contract_id=successor, service_id=ids["net"]))
    with db.session() as session:
        said = stored_term_problem(session, ids["link"], date(2026, 9, 10), "id", ids["net"])
    assert [text for text, _ in said][1] == COVERED_BY
    assert said[1][1]["numbers"] == "602.1/09/KTR/DISKOMINFO/2026"
