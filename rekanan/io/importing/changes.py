"""How an import says what it changes: names compared, and each change as old -> new.

A person reading a dry run must see what a real run would overwrite, so an update is
listed field by field with the stored value and the file's value (``alamat: 'Jl. Gatot
Subroto No. 88' -> 'Jl. Melati 3'``), and a name is compared the way people write names:
``pt telekomunikasi arunika nusantara`` is the stored "PT Telekomunikasi Arunika
Nusantara" typed in lower case (same ``name_key``; the stored spelling stays), while "PT
Cakra Data Mandiri" is clearly another company than "CV. Sinar Data Abadi".
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from rekanan.domain.identifiers import format_npwp, name_key, person_key

EMPTY = "kosong"
"""How an empty value reads in a change."""

_LONGEST = 40


def same_name(a: str, b: str) -> bool:
    """Whether two spellings name one supplier (case, punctuation, legal form, titles)."""
    return name_key(a) == name_key(b) or person_key(a) == person_key(b)


def clearly_different(stored: str, written: str) -> bool:
    """Whether ``written`` names another supplier than ``stored`` (not a longer spelling).

    Names whose words are a subset of the other's (``Arunika Nusantara`` and ``PT
    Telekomunikasi Arunika Nusantara``) are the same supplier written shorter or longer.
    """
    if not stored or not written or same_name(stored, written):
        return False
    a, b = set(person_key(stored).split()), set(person_key(written).split())
    return not (a <= b or b <= a)


def shown(value: Any, field: str = "") -> str:
    """A stored or read value as a person reads it in a change ('kosong' when empty)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, Enum):
        return f"'{value.value}'"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if field == "npwp":
        text = format_npwp(text)
    if len(text) > _LONGEST:
        text = text[: _LONGEST - 1].rstrip() + "…"
    return f"'{text}'"


def change(column: str, old: Any, new: Any, field: str = "") -> str:
    """``column: old → new``."""
    return f"{column}: {shown(old, field)} → {shown(new, field)}"
