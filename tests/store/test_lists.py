"""The register queries: search, filters, sort and windows, on SQLite (and PostgreSQL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from rekanan.domain.thresholds import Thresholds
from rekanan.models import (
    SLA,
    Contract,
    ContractService,
    ContractStatus,
    Criticality,
    RenewalKind,
    Service,
    Supplier,
    SupplierCategory,
)
from rekanan.store.lists import (
    ContractQuery,
    ServiceQuery,
    SupplierQuery,
    count_contracts_due,
    list_contracts,
    list_services,
    list_suppliers,
)

TODAY = date(2026, 3, 2)
PG_URL = os.environ.get("REKANAN_TEST_PG")


def _pg_engine() -> Iterator[Engine]:
    assert PG_URL
    base = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    name = f"rekanan_lists_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(base.rsplit("/", 1)[0] + "/" + name)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}"'))
        admin.dispose()


@pytest.fixture(params=["sqlite", *(["postgresql"] if PG_URL else [])])
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = create_engine(f"sqlite:///{tmp_path / 'lists.db'}")
        SQLModel.metadata.create_all(eng)
        yield eng
        eng.dispose()
    else:
        for eng in _pg_engine():
            SQLModel.metadata.create_all(eng)
            yield eng


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as s:
        _populate(s)
        s.commit()
        yield s


def _populate(s: Session) -> None:
    """Three suppliers, five contracts, two services: small enough to reason about."""
    telkom = Supplier(
        name="PT Telkom Indonesia (Persero) Tbk",
        npwp="0010000000093000",
        category=SupplierCategory.STRATEGIC,
    )
    cv = Supplier(
        name="CV Maju_Jaya 100%", npwp="0021234567890123", category=SupplierCategory.OPERATIONAL
    )
    budi = Supplier(name="Budi Santoso", category=SupplierCategory.COMMODITY, active=False)
    s.add_all([telkom, cv, budi])
    s.flush()
    assert telkom.id and cv.id and budi.id

    def contract(number: str, supplier: Supplier, end: date | None, **kw: object) -> Contract:
        assert supplier.id
        return Contract(
            number=number,
            title=kw.pop("title", f"Pekerjaan {number}"),  # type: ignore[arg-type]
            supplier_id=supplier.id,
            start_date=TODAY - timedelta(days=300),
            end_date=end,
            **kw,
        )

    links = contract(
        "602.1/01/KTR/2026",
        telkom,
        TODAY + timedelta(days=200),
        title="Internet dan intranet",
        is_underpinning=True,
        value=Decimal("900000000"),
        notice_days=30,
    )
    dc = contract(
        "602.1/02/KTR/2026",
        telkom,
        TODAY + timedelta(days=400),
        is_underpinning=True,
        value=Decimal("500000000"),
    )
    web = contract(
        "027/15/SPK/2025",
        cv,
        TODAY + timedelta(days=20),
        value=Decimal("45000000"),
        notice_days=14,
        procurement_lead_days=0,
    )
    old = contract("027/03/SPK/2024", cv, TODAY - timedelta(days=40), status=ContractStatus.EXPIRED)
    open_end = contract("KTR-TA-01", budi, None, value=Decimal("12000000"))
    s.add_all([links, dc, web, old, open_end])
    portal = Service(code="LAPOR", name="LAPOR! SP4N", criticality=Criticality.HIGH)
    intranet = Service(code="NET", name="Intranet", criticality=Criticality.CRITICAL)
    s.add_all([portal, intranet])
    s.flush()
    assert links.id and dc.id and portal.id and intranet.id
    s.add_all(
        [
            ContractService(contract_id=links.id, service_id=intranet.id),
            ContractService(contract_id=dc.id, service_id=intranet.id),
            ContractService(contract_id=links.id, service_id=portal.id),
            SLA(service_id=intranet.id, customer="Semua OPD", valid_from=TODAY),
        ]
    )


def names(page) -> list[str]:
    return [row.name for row in page.rows]


def test_suppliers_default_sort_and_aggregates(session: Session) -> None:
    page = list_suppliers(session, SupplierQuery())
    assert page.total == 3
    assert names(page) == ["Budi Santoso", "CV Maju_Jaya 100%", "PT Telkom Indonesia (Persero) Tbk"]
    telkom = page.rows[2]
    assert telkom.active_contracts == 2
    assert telkom.active_value == Decimal("1400000000")
    cv = page.rows[1]
    assert cv.active_contracts == 1  # the expired one does not count


@pytest.mark.parametrize(
    "search",
    ["01.000.000.0-093.000", "010000000093000", "0010000000093000", "0093", "telkom", "TELKOM"],
)
def test_supplier_search_by_name_and_any_npwp_spelling(session: Session, search: str) -> None:
    page = list_suppliers(session, SupplierQuery(search=search))
    assert names(page) == ["PT Telkom Indonesia (Persero) Tbk"]


def test_supplier_search_by_contract_number(session: Session) -> None:
    assert names(list_suppliers(session, SupplierQuery(search="027/03"))) == ["CV Maju_Jaya 100%"]
    assert names(list_suppliers(session, SupplierQuery(search="ktr-ta-01"))) == ["Budi Santoso"]


def test_like_wildcards_are_literal(session: Session) -> None:
    assert names(list_suppliers(session, SupplierQuery(search="_"))) == ["CV Maju_Jaya 100%"]
    assert names(list_suppliers(session, SupplierQuery(search="a 100%"))) == ["CV Maju_Jaya 100%"]
    assert list_suppliers(session, SupplierQuery(search="%")).total == 1


def test_supplier_filters(session: Session) -> None:
    strategic = list_suppliers(session, SupplierQuery(category=SupplierCategory.STRATEGIC))
    assert names(strategic) == ["PT Telkom Indonesia (Persero) Tbk"]
    inactive = list_suppliers(session, SupplierQuery(active=False))
    assert names(inactive) == ["Budi Santoso"]
    with_active = list_suppliers(session, SupplierQuery(has_active_contracts=True))
    assert with_active.total == 3  # Budi's open-ended contract is active too
    without = list_suppliers(session, SupplierQuery(has_active_contracts=False))
    assert without.total == 0
    ids = {row.id for row in list_suppliers(session, SupplierQuery()).rows}
    one = min(ids)
    assert list_suppliers(session, SupplierQuery(only_ids=frozenset({one}))).total == 1
    assert list_suppliers(session, SupplierQuery(only_ids=frozenset())).total == 0
    assert list_suppliers(session, SupplierQuery(exclude_ids=frozenset({one}))).total == 2


@pytest.mark.parametrize(
    "sort",
    [
        "name",
        "npwp",
        "legal_form",
        "category",
        "active",
        "active_contracts",
        "active_value",
        "risk",
    ],
)
def test_supplier_every_sort_both_ways(session: Session, sort: str) -> None:
    up = list_suppliers(session, SupplierQuery(sort=sort))
    down = list_suppliers(session, SupplierQuery(sort=sort, descending=True))
    assert up.total == down.total == 3
    assert {r.id for r in up.rows} == {r.id for r in down.rows}


def test_supplier_sort_by_value_and_risk(session: Session) -> None:
    by_value = list_suppliers(session, SupplierQuery(sort="active_value", descending=True))
    assert by_value.rows[0].name.startswith("PT Telkom")
    cv_id = next(r.id for r in by_value.rows if r.name.startswith("CV"))
    by_risk = list_suppliers(
        session, SupplierQuery(sort="risk", descending=True, risk_rank={cv_id: 2})
    )
    assert by_risk.rows[0].id == cv_id


def test_supplier_windows(session: Session) -> None:
    first = list_suppliers(session, SupplierQuery(), offset=0, limit=2)
    second = list_suppliers(session, SupplierQuery(), offset=2, limit=2)
    assert len(first.rows) == 2 and len(second.rows) == 1
    assert first.total == second.total == 3
    beyond = list_suppliers(session, SupplierQuery(), offset=99, limit=2)
    assert beyond.offset == 2 and len(beyond.rows) == 1
    empty = list_suppliers(session, SupplierQuery(search="nothing like this"))
    assert empty.total == 0 and empty.rows == () and empty.offset == 0


def test_unknown_sort_is_refused(session: Session) -> None:
    with pytest.raises(ValueError):
        list_suppliers(session, SupplierQuery(sort="drop table"))
    with pytest.raises(ValueError):
        list_contracts(session, ContractQuery(as_of=TODAY, sort="x"))


def numbers(page) -> list[str]:
    return [row.number for row in page.rows]


def test_contracts_sorted_by_next_deadline(session: Session) -> None:
    page = list_contracts(session, ContractQuery(as_of=TODAY))
    # web: end in 20 days, no renewal clause and no services: no decision is due (the alerts
    # raise none), so its end is next (F35).
    # links: end in 200, notice 30, strategic lead 120 -> decision in 50 days.
    # dc: end in 400 -> decision in 400-30-120 = 250 days. Open end last, expired after open.
    assert numbers(page) == [
        "027/15/SPK/2025",
        "602.1/01/KTR/2026",
        "602.1/02/KTR/2026",
        "KTR-TA-01",
        "027/03/SPK/2024",
    ]
    web = page.rows[0]
    assert web.days_left == 20 and web.deadline_kind == "end"
    assert web.next_deadline == TODAY + timedelta(days=20)
    links = page.rows[1]
    assert links.days_left == 50 and links.deadline_kind == "decision"
    assert page.rows[3].next_deadline is None and page.rows[3].days_left is None
    expired = page.rows[4]
    assert expired.days_left is None and expired.deadline_kind == ""  # closed: history


def test_contract_overdue_decision_stays_next_until_the_end(session: Session) -> None:
    # 60 days on, the decision date of the links contract (day 50) has passed and nobody
    # decided: the overdue decision is still the next deadline, as its critical alert says
    # (F35); the UC renews only by addendum, so no notice deadline binds it.
    later = TODAY + timedelta(days=60)
    page = list_contracts(session, ContractQuery(as_of=later, search="602.1/01"))
    row = page.rows[0]
    assert row.deadline_kind == "decision" and row.days_left == -10
    page = list_contracts(
        session, ContractQuery(as_of=TODAY + timedelta(days=201), search="602.1/01")
    )
    assert page.rows[0].deadline_kind == "end" and page.rows[0].days_left == -1


def test_contract_being_terminated_has_its_termination_date_next(session: Session) -> None:
    # F35: the register and the dashboard read the termination date, as the alerts do.
    session.execute(
        update(Contract)
        .where(Contract.number == "602.1/02/KTR/2026")  # type: ignore[arg-type]
        .values(
            status=ContractStatus.IN_NOTICE,
            termination_date=TODAY + timedelta(days=14),
            renewal_kind=RenewalKind.TACIT,
        )
    )
    session.commit()
    page = list_contracts(session, ContractQuery(as_of=TODAY, search="602.1/02"))
    row = page.rows[0]
    assert (row.deadline_kind, row.days_left) == ("end", 14)


def test_an_overdue_decision_counts_as_due(session: Session) -> None:
    # F35: 60 days on, the links contract's decision (day 50) is overdue while it runs: the
    # "due within 30 days" filter and the dashboard count keep it, ended contracts not.
    later = TODAY + timedelta(days=60)
    due = list_contracts(session, ContractQuery(as_of=later, due_within_days=30))
    assert "602.1/01/KTR/2026" in numbers(due)
    assert "027/15/SPK/2025" not in numbers(due)  # ended on day 20: only with overdue


def test_contract_lead_days_follow_thresholds(session: Session) -> None:
    thresholds = Thresholds(lead_days_by_category={SupplierCategory.STRATEGIC: 10})
    page = list_contracts(
        session, ContractQuery(as_of=TODAY, search="602.1/01"), 0, 10, thresholds=thresholds
    )
    assert page.rows[0].days_left == 160


def test_contract_filters(session: Session) -> None:
    q = ContractQuery(as_of=TODAY)
    assert list_contracts(session, q).total == 5
    due = ContractQuery(as_of=TODAY, due_within_days=30)
    assert numbers(list_contracts(session, due)) == ["027/15/SPK/2025"]
    due60 = ContractQuery(as_of=TODAY, due_within_days=60)
    assert numbers(list_contracts(session, due60)) == ["027/15/SPK/2025", "602.1/01/KTR/2026"]
    overdue = ContractQuery(as_of=TODAY, due_within_days=30, include_overdue=True)
    assert "027/03/SPK/2024" not in numbers(list_contracts(session, overdue))  # closed
    session.execute(
        update(Contract).where(Contract.number == "027/03/SPK/2024").values(status="aktif")
    )
    assert numbers(list_contracts(session, overdue)) == ["027/03/SPK/2024", "027/15/SPK/2025"]
    session.rollback()
    uc = list_contracts(session, ContractQuery(as_of=TODAY, underpinning=True))
    assert uc.total == 2
    not_uc = list_contracts(session, ContractQuery(as_of=TODAY, underpinning=False))
    assert not_uc.total == 3
    active = list_contracts(
        session, ContractQuery(as_of=TODAY, statuses=frozenset({ContractStatus.EXPIRED}))
    )
    assert numbers(active) == ["027/03/SPK/2024"]
    commodity = list_contracts(
        session, ContractQuery(as_of=TODAY, category=SupplierCategory.COMMODITY)
    )
    assert numbers(commodity) == ["KTR-TA-01"]
    assert count_contracts_due(session, TODAY, 30) == 1


def test_contract_search_number_title_supplier(session: Session) -> None:
    assert list_contracts(session, ContractQuery(as_of=TODAY, search="intranet")).total == 1
    assert list_contracts(session, ContractQuery(as_of=TODAY, search="telkom")).total == 2
    assert list_contracts(session, ContractQuery(as_of=TODAY, search="/spk/")).total == 2


def test_contracts_of_a_supplier_and_of_a_service(session: Session) -> None:
    telkom = list_suppliers(session, SupplierQuery(search="telkom")).rows[0]
    assert list_contracts(session, ContractQuery(as_of=TODAY, supplier_id=telkom.id)).total == 2
    net = list_services(session, ServiceQuery(search="NET")).rows[0]
    assert list_contracts(session, ContractQuery(as_of=TODAY, service_id=net.id)).total == 2


@pytest.mark.parametrize(
    "sort",
    [
        "deadline",
        "number",
        "title",
        "supplier",
        "category",
        "status",
        "is_underpinning",
        "value",
        "start_date",
        "end_date",
    ],
)
def test_contract_every_sort_both_ways(session: Session, sort: str) -> None:
    up = list_contracts(session, ContractQuery(as_of=TODAY, sort=sort))
    down = list_contracts(session, ContractQuery(as_of=TODAY, sort=sort, descending=True))
    assert up.total == down.total == 5
    assert {r.id for r in up.rows} == {r.id for r in down.rows}


def test_contract_sort_by_value(session: Session) -> None:
    page = list_contracts(session, ContractQuery(as_of=TODAY, sort="value", descending=True))
    assert page.rows[0].value == Decimal("900000000")


def test_services(session: Session) -> None:
    page = list_services(session, ServiceQuery())
    assert [r.code for r in page.rows] == ["LAPOR", "NET"]
    net = page.rows[1]
    assert net.sla_count == 1 and net.uc_count == 2
    by_crit = list_services(session, ServiceQuery(sort="criticality"))
    assert by_crit.rows[0].code == "NET"
    assert list_services(session, ServiceQuery(search="sp4n")).total == 1
    assert list_services(session, ServiceQuery(criticality=Criticality.HIGH)).total == 1
    for sort in ("name", "owner_unit", "service_hours", "sla_count", "uc_count"):
        assert list_services(session, ServiceQuery(sort=sort, descending=True)).total == 2


def test_coded_column_reads_like_a_dict() -> None:
    """The compact deadline-index column answers as the dictionary it replaced (issue 9)."""
    from array import array

    from rekanan.store.lists import CodedColumn

    column = CodedColumn(10, array("b", [0, -1, 1, 0]), ["a", "b"], 3)
    assert dict(column) == {10: "a", 12: "b", 13: "a"}
    assert column.get(11) is None and column.get(9) is None and column.get(14) is None
    assert 12 in column and 11 not in column and len(column) == 3
    with pytest.raises(KeyError):
        column[11]
    assert column.codes_where(lambda v: v == "b") == frozenset({1})


def test_sort_key_orders_like_the_tuples_it_packs() -> None:
    """Open by day (none last), then closed by latest end (none last), ties by id."""
    from rekanan.store.lists import _sort_key

    days = [None, date(2020, 1, 1), date(2026, 11, 2), date(2031, 5, 6)]
    cases = [(g, d, cid) for g in (0, 1) for d in days for cid in (1, 7, 2**39)]

    def as_tuple(case: tuple[int, date | None, int]) -> tuple[int, bool, int, int]:
        group, day, cid = case
        ordinal = day.toordinal() if day else 0
        return (group, day is None, ordinal if group == 0 else -ordinal, cid)

    assert sorted(cases, key=lambda c: _sort_key(*c)) == sorted(cases, key=as_tuple)
