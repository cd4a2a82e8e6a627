"""Money, percentages and dates as Indonesian (or English) readers expect them (Babel/CLDR)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

_LOCALES = {"id": "id_ID", "en": "en_US"}


def locale_for(language: str) -> str:
    """The Babel locale of a UI language code (``id`` or ``en``)."""
    return _LOCALES.get(language, "id_ID")


def rupiah(amount: Decimal | int | None, language: str = "id", *, cents: bool = False) -> str:
    """``Rp1.250.000`` (or with ``,00`` when ``cents``); English keeps Indonesian money style.

    Indonesian readers see ``Rp1.250.000,00`` in both languages, because the amounts are
    Rupiah and the staff copy them into Indonesian letters.
    """
    if amount is None:
        return "-"
    pattern = "¤#,##0.00" if cents else "¤#,##0"
    return format_currency(
        Decimal(amount), "IDR", format=pattern, locale="id_ID", currency_digits=False
    )


def number(value: Decimal | int | float | None, language: str = "id", digits: int = 2) -> str:
    """A plain number with the language's separators, up to ``digits`` decimals."""
    if value is None:
        return "-"
    fmt = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=fmt, locale=locale_for(language))


def percent(value: Decimal | float | None, language: str = "id", digits: int = 2) -> str:
    """``99,5 %`` in Indonesian, ``99.5%`` in English; ``value`` is already in percent."""
    if value is None:
        return "-"
    text = number(value, language, digits)
    return f"{text} %" if language == "id" else f"{text}%"


@lru_cache(maxsize=4096)
def long_date(day: date | None, language: str = "id") -> str:
    """``7 Maret 2025``."""
    if day is None:
        return "-"
    return format_date(day, format="d MMMM y", locale=locale_for(language))


@lru_cache(maxsize=4096)
def medium_date(day: date | None, language: str = "id") -> str:
    """``7 Mar 2025``."""
    if day is None:
        return "-"
    return format_date(day, format="d MMM y", locale=locale_for(language))


@lru_cache(maxsize=4096)
def short_date(day: date | None, language: str = "id") -> str:
    """``07/03/25``."""
    if day is None:
        return "-"
    return format_date(day, format="dd/MM/yy", locale=locale_for(language))


def short_number(number: str, width: int) -> str:
    """A contract number that fits ``width`` and still tells contracts apart.

    Numbers such as ``000.3.3/162/KTR/Diskominfo/2026`` differ in their sequence and year
    while the agency code repeats, so an ellipsis at the end (``000.3.3/162/KTR/…``) loses
    what matters. Parts without digits go first (longest first), then the first part, then
    other middle parts; parts dropped on the way are put back when they fit
    (``…/162/KTR/…/2026``). Only a number without such parts is cut at the end.
    """
    if len(number) <= width:
        return number
    parts: list[str | None] = list(number.split("/"))
    if len(parts) < 3:
        return number[: max(width - 1, 0)] + "…"
    middle = range(1, len(parts) - 1)
    words = sorted(
        (i for i in middle if not any(c.isdigit() for c in parts[i] or "")),
        key=lambda i: -len(parts[i] or ""),
    )
    numbers = sorted((i for i in middle if i not in words), key=lambda i: -len(parts[i] or ""))
    original = list(parts)
    dropped: list[int] = []
    for index in [*words, 0, *numbers]:
        parts[index] = None
        dropped.append(index)
        if len(_joined(parts)) <= width:
            for back in reversed(dropped[:-1]):
                parts[back] = original[back]
                if len(_joined(parts)) > width:
                    parts[back] = None
            return _joined(parts)
    return number[: max(width - 1, 0)] + "…"


def _joined(parts: list[str | None]) -> str:
    """Parts joined by ``/``, each run of dropped parts shown as one ``…``."""
    out: list[str] = []
    for part in parts:
        if part is None:
            if not out or out[-1] != "…":
                out.append("…")
        else:
            out.append(part)
    return "/".join(out)
