"""Search as you type from memory (``store.search_index``) answers exactly as the SQL search.

The SQL search (``lists._contract_search``: number, title or supplier name holds the text,
ignoring case, LIKE's wildcards literal) is the reference; the in-memory one must give the
same contracts in the same order, on SQLite and PostgreSQL, alone and with filters and sorts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlmodel import Session
from store_rows import contract as contract_row

from rekanan.domain.thresholds import Thresholds
from rekanan.models import Contract, ContractStatus, Supplier, SupplierCategory
from rekanan.store import lists
from rekanan.store.database import Database
from rekanan.store.lists import (
    CONTRACT_SORTS,
    ContractQuery,
    DeadlineCache,
    DeadlineIndex,
    build_deadline_index,
    list_contracts,
)
from rekanan.store.search_index import ContractText, answerable, fold

AS_OF = date(2026, 11, 23)
"""The demo agency's day (``SEED_TODAY`` of the fixtures)."""

TRICKY_SUPPLIERS = [
    "PT İstanbul Jaya",  # İ lowers to an ASCII i on PostgreSQL
    "CV \u212aelvin Data",  # the Kelvin sign lowers to k
    "PT Café Éclair Jaya",
    "CV 100%_Net\\Works",
    "PT STRASSE Straße",
]
TRICKY_CONTRACTS = [
    ("SPK/İ/01", "Sewa \u212aabel Serat"),
    ("027/50%/_X", "Back\\slash dan 100% JAYA"),
    ("Ö-01/ÜBER", "Übertragung jaya Ärger"),
    ("KTR_99/2026", "Pemeliharaan CCTV_Kota"),
]

SEARCH_ALPHABET = "aAjJyYiIkKsSeE%_\\/.0129 -éÉİı\u212aßÜü"


def _add_tricky_rows(db: Database) -> None:
    """Values the in-memory search must treat as the database does (case, wildcards, Unicode)."""
    with Session(db.write_engine) as s:
        suppliers = [
            Supplier(name=name, category=SupplierCategory.OPERATIONAL) for name in TRICKY_SUPPLIERS
        ]
        s.add_all(suppliers)
        s.flush()
        for n, (number, title) in enumerate(TRICKY_CONTRACTS):
            owner = suppliers[n % len(suppliers)]
            assert owner.id is not None
            s.add(
                Contract(
                    number=number,
                    title=title,
                    supplier_id=owner.id,
                    start_date=date(2026, 1, 1),
                    end_date=date(2026, 12, 31 - n),
                    value=Decimal("1000000"),
                    status=ContractStatus.ACTIVE,
                )
            )
        for n, owner in enumerate(suppliers):
            assert owner.id is not None
            s.add(
                Contract(
                    number=f"027/{n}/SPK/TRICKY",
                    title="Pengadaan biasa",
                    supplier_id=owner.id,
                    start_date=date(2026, 2, 1),
                    end_date=date(2027, 1, 1 + n),
                    status=ContractStatus.ACTIVE if n % 2 else ContractStatus.EXPIRED,
                    is_underpinning=bool(n % 2),
                )
            )
        s.commit()


@pytest.fixture
def searchable(seeded_db: Database) -> Iterator[tuple[Database, Session, DeadlineIndex]]:
    """The demo agency plus tricky rows, a session on it and its deadline index."""
    _add_tricky_rows(seeded_db)
    with seeded_db.session() as session:
        yield seeded_db, session, build_deadline_index(session, AS_OF, Thresholds())


def _sql_ids(session: Session, text: str, index: DeadlineIndex) -> list[int]:
    """The reference: the SQL search, in the index's order."""
    stmt = select(Contract.id).where(lists._contract_search(text, with_supplier=False))  # type: ignore[call-overload]
    found = set(session.execute(stmt).scalars())
    return [i for i in index.order if i in found]


def _values(session: Session) -> list[str]:
    numbers = session.execute(select(Contract.number, Contract.title)).all()  # type: ignore[call-overload]
    names = session.execute(select(Supplier.name)).scalars().all()  # type: ignore[call-overload]
    return [v for row in numbers for v in row] + list(names)


@st.composite
def _fragments(draw: st.DrawFn, values: list[str]) -> str:
    """A piece of a stored value with its case changed here and there, or a random text."""
    if draw(st.booleans()):
        value = draw(st.sampled_from(values))
        start = draw(st.integers(0, max(len(value) - 1, 0)))
        piece = value[start : start + draw(st.integers(1, 8))]
        flips = draw(st.lists(st.booleans(), min_size=len(piece), max_size=len(piece)))
        return "".join(c.swapcase() if f else c for c, f in zip(piece, flips, strict=True))
    return draw(st.text(alphabet=SEARCH_ALPHABET, min_size=1, max_size=5))


def test_the_index_gives_the_sql_answer_for_many_texts(
    searchable: tuple[Database, Session, DeadlineIndex],
) -> None:
    """Property: for any search text, the ids (and their order) equal the SQL search's."""
    _, session, index = searchable
    values = _values(session)

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(_fragments(values))
    def check(raw: str) -> None:
        text = raw.strip()
        if not text:
            return
        found = lists._searched_ids(session, text, index)
        if answerable(text):
            assert found is not None  # the index answered, not the database
        if found is not None:
            assert found == _sql_ids(session, text, index), text

    check()


@pytest.mark.parametrize(
    "text",
    [
        *("jaya", "JAYA", "i", "k", "KELVIN", "kabel", "100%", "_", "%_", "\\", "50%/_x", "sse"),
        *("_xback", "rgerpt"),  # across number and title, title and supplier: no match
    ],
)
def test_texts_that_need_care(
    searchable: tuple[Database, Session, DeadlineIndex], text: str
) -> None:
    """Wildcards are literal; İ and the Kelvin sign are asked of the database; case is ignored."""
    _, session, index = searchable
    found = lists._searched_ids(session, text, index)
    assert found is not None
    assert found == _sql_ids(session, text, index)


@pytest.mark.parametrize("word", ["sewa", "jaya", "kelvin", "pt i", "027/", "%_n"])
def test_typing_letter_by_letter_narrows_to_the_sql_answer(
    searchable: tuple[Database, Session, DeadlineIndex], word: str
) -> None:
    """Each keystroke reads only what the one before found, and still answers as SQL does."""
    _, session, index = searchable
    for end in [*range(1, len(word) + 1), 1, len(word)]:  # then back to one letter, and again
        text = word[:end].strip()
        if text:
            assert lists._searched_ids(session, text, index) == _sql_ids(session, text, index)


def test_text_outside_ascii_goes_to_the_database(
    searchable: tuple[Database, Session, DeadlineIndex],
) -> None:
    _, session, index = searchable
    assert lists._searched_ids(session, "café", index) is None
    page = list_contracts(session, ContractQuery(as_of=AS_OF, search="café"), index=index)
    assert [r.id for r in page.rows] == _sql_ids(session, "café", index)


def _reference(
    session: Session, query: ContractQuery, index: DeadlineIndex, offset: int = 0
) -> lists.Page[lists.ContractRow]:
    """The same window with the search in SQL (the index answers nothing)."""
    index.views.clear()
    try:
        with patch.object(lists, "answerable", lambda text: False):
            return list_contracts(session, query, offset, 7, index=index)
    finally:
        index.views.clear()


@pytest.mark.parametrize("sort", CONTRACT_SORTS)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("in_list", [True, False])
def test_search_with_filters_and_every_sort(
    searchable: tuple[Database, Session, DeadlineIndex],
    sort: str,
    descending: bool,
    in_list: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows and totals are the SQL search's, with filters, for every sort both ways.

    SQL sorts get the matches as a list of ids, or (``in_list`` off: too many matches)
    search with LIKE as before.
    """
    _, session, index = searchable
    if not in_list:
        monkeypatch.setattr(lists, "_MAX_SEARCH_IDS", 0)
    queries = [
        ContractQuery(as_of=AS_OF, search="a", sort=sort, descending=descending),
        ContractQuery(as_of=AS_OF, search="JAYA", sort=sort, descending=descending),
        ContractQuery(
            as_of=AS_OF,
            search="k",
            statuses=frozenset({ContractStatus.ACTIVE}),
            sort=sort,
            descending=descending,
        ),
        ContractQuery(as_of=AS_OF, search="/", underpinning=True, sort=sort, descending=descending),
        ContractQuery(
            as_of=AS_OF,
            search="e",
            category=SupplierCategory.OPERATIONAL,
            due_within_days=400,
            sort=sort,
            descending=descending,
        ),
        ContractQuery(as_of=AS_OF, search="zzzz", sort=sort, descending=descending),
    ]
    for query in queries:
        for offset in (0, 5):
            index.views.clear()
            ours = list_contracts(session, query, offset, 7, index=index)
            theirs = _reference(session, query, index, offset)
            assert (ours.total, ours.offset) == (theirs.total, theirs.offset), query
            assert [r.id for r in ours.rows] == [r.id for r in theirs.rows], query


def _a_supplier(session: Session) -> int:
    found = session.execute(select(Supplier.id)).scalars().first()  # type: ignore[call-overload]
    assert isinstance(found, int)
    return found


def test_a_write_makes_a_new_index_that_finds_the_new_contract(
    searchable: tuple[Database, Session, DeadlineIndex],
) -> None:
    db, _, _ = searchable
    cache = DeadlineCache()
    query = ContractQuery(as_of=AS_OF, search="Kontrak Baru Sekali")
    with db.session() as session:
        before = cache.get(session, AS_OF, Thresholds())
        assert before.text is None  # read on the first search, or when asked
        assert lists.prepare_search(session, before) and before.text is not None
        assert list_contracts(session, query, index=before).total == 0
        supplier_id = _a_supplier(session)
    with db.writer() as w:
        new_id = w.create(
            contract_row(supplier_id=supplier_id, number="BARU/1", title="Kontrak baru sekali")
        )
    with db.session() as session:
        after = cache.get(session, AS_OF, Thresholds())
        assert after is not before
        assert [r.id for r in list_contracts(session, query, index=after).rows] == [new_id]


def test_an_index_older_than_the_data_leaves_the_search_to_sql(
    searchable: tuple[Database, Session, DeadlineIndex],
) -> None:
    """Texts are read only while the data is what the index was built from."""
    db, session, index = searchable
    supplier_id = _a_supplier(session)
    with db.writer() as w:
        w.create(contract_row(supplier_id=supplier_id, number="BARU/2", title="Jaya lagi"))
    session.rollback()  # a new snapshot that sees the write
    assert not lists.prepare_search(session, index)
    assert lists._text_of(session, index) is None
    assert lists._searched_ids(session, "jaya", index) is None


def _text(ids: list[int], texts: list[str], owners: list[int]) -> ContractText:
    from array import array

    base = min(ids)
    position = array("i", [-1]) * (max(ids) - base + 1)
    for at, contract_id in enumerate(ids):
        position[contract_id - base] = at
    return ContractText(
        ids=ids,
        texts=texts,
        supplier_of=array("i", owners),
        unsure_contracts=(20,),
        unsure_suppliers=(),
        base=base,
        position=position,
    )


def test_contract_text_matching_keeps_the_order_and_adds_what_sql_found() -> None:
    texts = ["a\x00jaya\x00pt satu", "b\x00lain\x00cv dua", "\x00\x00cv dua"]
    text = _text([30, 10, 20], texts, [1, 2, 2])
    assert text.matching("JAYA") == [30]
    assert text.matching("dua") == [10, 20]
    assert text.matching("x", contracts=[20]) == [20]
    assert text.matching("x", suppliers=[1]) == [30]
    assert text.matching("ya\x00pt") == [30]  # callers never ask: answerable() says no
    assert text.matching("a\x00j") == [30]  # callers never ask: answerable() says no
    assert not answerable("a\x00j")


def test_a_longer_text_reads_only_what_the_last_one_found() -> None:
    """Typing on narrows the last answer when it was small (a quarter of the contracts)."""
    ids = [30, 10, 20, *range(40, 45)]
    text = _text(ids, ["a\x00jaya", "b\x00lain", "", *["c\x00x"] * 5], [1, 2, 2, *[2] * 5])
    assert text.matching("jay") == [30] and text.last == ("jay", (30,))
    text.texts[1] = "b\x00jaya"  # not read again while narrowing
    assert text.matching("jaya") == [30]
    assert text.matching("jayax", contracts=[30]) == [30]
    assert text.matching("jaya") == [30, 10]  # not holding "jayax": everything read again
    assert text.matching("x") == [40, 41, 42, 43, 44] and text.last is None  # too many


def test_fold_lowers_ascii_letters_only() -> None:
    assert fold("PT ÉCLAIR İ \u212a") == "pt Éclair İ \u212a"
    assert fold("ABC") == "abc"
    assert answerable("jaya 100%") and not answerable("café")


def test_values_holding_a_nul_are_asked_of_the_database(sqlite_db: Database) -> None:
    """SQLite stores a NUL in a text (PostgreSQL refuses it); its LIKE decides, not the index."""
    with Session(sqlite_db.write_engine) as s:
        owner = Supplier(name="PT Nol\x00Jaya", category=SupplierCategory.OPERATIONAL)
        s.add(owner)
        s.flush()
        assert owner.id is not None
        for n, title in enumerate(["Sewa\x00jaya", "Sewa jaya", "Lain"]):
            s.add(
                Contract(
                    number=f"NUL/{n}",
                    title=title,
                    supplier_id=owner.id,
                    start_date=date(2026, 1, 1),
                    end_date=date(2026, 12, 1 + n),
                )
            )
        s.commit()
    with sqlite_db.session() as session:
        index = build_deadline_index(session, AS_OF, Thresholds())
        assert lists.prepare_search(session, index) and index.text is not None
        assert index.text.unsure_suppliers and index.text.unsure_contracts
        for text in ("jaya", "sewa", "nol", "a", "lain", "x"):
            assert lists._searched_ids(session, text, index) == _sql_ids(session, text, index)
