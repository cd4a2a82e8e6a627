"""Search as you type over the contract register, answered from memory (issue 9).

A fragment search (``LIKE '%jaya%'``) cannot use a B-tree index, so each keystroke made the
database read every contract number and title and every supplier name: 40-60 ms at
national scale (100 000 contracts). ``ContractText`` keeps those texts lower-cased in
memory, in the deadline index's order, and answers a keystroke with Python's substring test
in a few milliseconds, already in register order. It costs about 15 MB at that scale, read
on the first search (about 0.2 s), not at start.

It answers exactly as the SQL search (``lists._contains``) does. SQLite's LIKE ignores the
case of ASCII letters only; PostgreSQL's ILIKE lowers both sides by Unicode rules, which
agree with ASCII on ASCII letters. So a search text in plain ASCII finds the same rows on
both when values are folded on ASCII letters only, except where a value holds a character
whose lower case is an ASCII letter (``İ``, the Kelvin sign) or a NUL: such values are
"unsure" and the caller asks the database about them. A search text outside ASCII is left
to the database altogether (``answerable``).
"""

from __future__ import annotations

import string
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import contains, or_
from typing import Any

from sqlalchemy import Connection, Select

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_SEPARATOR = "\x00"
"""Between number, title and supplier name; a search text holding it goes to the database."""
_UNSURE = frozenset("\u0130\u212a")
"""Characters whose lower case is an ASCII letter on some database (NUL is unsure as well)."""


def fold(text: str) -> str:
    """Lower-case the ASCII letters of ``text`` and nothing else, as SQLite's LIKE compares."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


def answerable(text: str) -> bool:
    """Whether the in-memory search gives the database's answer for this search text."""
    return text.isascii() and _SEPARATOR not in text


def _sure(value: str) -> bool:
    """Whether folding ``value`` on ASCII letters matches as both databases do."""
    return _SEPARATOR not in value and (value.isascii() or _UNSURE.isdisjoint(value))


@dataclass(slots=True, eq=False)
class ContractText:
    """Folded ``number NUL title NUL supplier name`` of every contract, in ``ids`` order.

    One string a contract: a keystroke is one substring test each, run in C. Unsure values
    (see the module) are left out of the string and their ids listed, for the caller to test
    in SQL; ``supplier_of`` holds each position's supplier id, to add the contracts of unsure
    suppliers the database found. ``position`` gives the position of contract id
    ``base + n`` at ``n`` (-1: none). ``last`` remembers the last search when it found few
    contracts: typing on narrows it instead of reading everything again.
    """

    ids: Sequence[int]
    texts: list[str]
    supplier_of: array[int]
    unsure_contracts: tuple[int, ...]
    unsure_suppliers: tuple[int, ...]
    base: int = 0
    position: array[int] = field(default_factory=lambda: array("i"))
    last: tuple[str, tuple[int, ...]] | None = None

    def matching(
        self,
        text: str,
        suppliers: Iterable[int] = (),
        contracts: Iterable[int] = (),
    ) -> list[int]:
        """Ids, in ``ids`` order, whose number, title or supplier's name holds ``text``.

        ``suppliers`` and ``contracts`` are unsure ones the database found matching. About
        5-12 ms for 100 000 contracts. A text that holds the last one can only match what
        that matched, so when that was a quarter or less of the contracts only those are
        read again (4 ms instead of 13).
        """
        needle = fold(text)
        wanted = set(suppliers)
        extra = set(contracts)
        ids: Sequence[int] = self.ids
        texts: Iterable[str] = self.texts
        owners: Iterable[int] = self.supplier_of
        last = self.last
        if last is not None and last[0] in needle:
            ids = last[1]
            at = [self.position[i - self.base] for i in ids]
            texts = map(self.texts.__getitem__, at)
            owners = map(self.supplier_of.__getitem__, at)
        hits: Iterable[Any] = map(contains, texts, repeat(needle))
        if wanted:
            hits = map(or_, hits, map(wanted.__contains__, owners))
        if extra:
            hits = map(or_, hits, map(extra.__contains__, ids))
        found = list(compress(ids, hits))
        self.last = (needle, tuple(found)) if len(found) * 4 <= len(self.ids) else None
        return found


def _raw_rows(conn: Connection, stmt: Select[Any]) -> Iterable[tuple[Any, ...]]:
    """Rows as plain tuples from the DBAPI cursor: a third faster than SQLAlchemy rows.

    The statement has no parameters; it runs on the session's connection, so it sees the
    same snapshot as the rest of the call.
    """
    sql = str(stmt.compile(dialect=conn.dialect))
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(4096):
            yield from rows
    finally:
        cursor.close()


def build_contract_text(
    conn: Connection,
    order: Sequence[int],
    contracts: Select[Any],
    suppliers: Select[Any],
) -> ContractText:
    """Read ``suppliers`` (id, name) and ``contracts`` (id, supplier id, number, title).

    ``order`` is the deadline index's order; contracts outside it (written after the index
    was built) are left out, and the caller checks that none were.
    """
    names: dict[int, str] = {}
    unsure_suppliers: list[int] = []
    for supplier_id, name in _raw_rows(conn, suppliers):
        if _sure(name or ""):
            names[supplier_id] = name or ""
        else:
            unsure_suppliers.append(supplier_id)
    base = min(order) if order else 0
    position = array("i", [-1]) * ((max(order) - base + 1) if order else 0)
    for at, contract_id in enumerate(order):
        position[contract_id - base] = at
    texts = [""] * len(order)
    supplier_of = array("i", [0]) * len(order)
    unsure_contracts: list[int] = []
    slots = len(position)
    for contract_id, supplier_id, number, title in _raw_rows(conn, contracts):
        slot = contract_id - base
        if not 0 <= slot < slots or position[slot] < 0:
            continue
        at = position[slot]
        supplier_of[at] = supplier_id
        name = names.get(supplier_id, "")
        text = f"{number or ''}{_SEPARATOR}{title or ''}{_SEPARATOR}{name}"
        if text.count(_SEPARATOR) != 2 or not (text.isascii() or _UNSURE.isdisjoint(text)):
            unsure_contracts.append(contract_id)  # the name is sure: number or title is not
            text = f"{_SEPARATOR}{_SEPARATOR}{name}"
        texts[at] = text
    del names
    # Fold the texts in register order: a search walks them in that order, and strings laid
    # out in memory the way they are read take half the time (5-8 ms, not 12-16 ms). (Bytes
    # would be 16 bytes smaller each, but ``in`` on bytes is three times slower.)
    texts = [fold(text) for text in texts]
    return ContractText(
        ids=order,
        texts=texts,
        supplier_of=supplier_of,
        unsure_contracts=tuple(unsure_contracts),
        unsure_suppliers=tuple(unsure_suppliers),
        base=base,
        position=position,
    )
