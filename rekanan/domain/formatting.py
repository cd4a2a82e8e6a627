"""Money, percentages and dates as Indonesian (or English) readers expect them (Babel/CLDR)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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


def long_date(day: date | None, language: str = "id") -> str:
    """``7 Maret 2025``."""
    if day is None:
        return "-"
    return format_date(day, format="d MMMM y", locale=locale_for(language))


def medium_date(day: date | None, language: str = "id") -> str:
    """``7 Mar 2025``."""
    if day is None:
        return "-"
    return format_date(day, format="d MMM y", locale=locale_for(language))


def short_date(day: date | None, language: str = "id") -> str:
    """``07/03/25``."""
    if day is None:
        return "-"
    return format_date(day, format="dd/MM/yy", locale=locale_for(language))
