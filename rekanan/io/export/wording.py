"""Periods, categories, bands and trends written out for people, in either language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from rekanan.domain.formatting import locale_for, long_date
from rekanan.domain.periods import Period, PeriodKind
from rekanan.domain.records import SanctionRecord
from rekanan.domain.scorecard import Band, Scorecard, Trend
from rekanan.domain.text import enum_label
from rekanan.io.export.labels import code_label, label

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_text(period: Period, language: str = "id") -> str:
    """``Triwulan III Tahun 2026``, ``September 2026``, ``Tahun Anggaran 2026`` or a range."""
    if period.kind == PeriodKind.MONTH:
        return format_date(period.start, format="MMMM y", locale=locale_for(language))
    if period.kind == PeriodKind.QUARTER:
        number_ = (period.start.month - 1) // 3 + 1
        shown = _ROMAN[number_] if language != "en" else str(number_)
        return label("period.quarter", language, number=shown, year=period.start.year)
    if period.kind == PeriodKind.YEAR:
        return label("period.year", language, year=period.start.year)
    return label(
        "period.range",
        language,
        start=long_date(period.start, language),
        end=long_date(period.end, language),
    )


def period_span(period: Period, language: str = "id") -> str:
    """``1 Juli 2026 s.d. 30 September 2026``."""
    return label(
        "period.range",
        language,
        start=long_date(period.start, language),
        end=long_date(period.end, language),
    )


def category_text(category: str | None, language: str = "id") -> str:
    """The SIKaP category in the language (``Baik`` / ``Good``); ``-`` when not scored."""
    if not category:
        return "-"
    return code_label("category", category, language)


def band_text(band: Band, language: str = "id") -> str:
    """``Hijau`` / ``Green``."""
    return label(f"band.{band.value}", language)


def score_text(value: Decimal | None, language: str = "id") -> str:
    """A score with two decimals in the language's style (``2,35``)."""
    if value is None:
        return "-"
    return format_decimal(value, format="0.00", locale=locale_for(language))


def trend_text(card: Scorecard, language: str = "id") -> str:
    """``naik dari 2,10`` / ``up from 2.10``, or that there is nothing to compare with."""
    if card.trend is None or card.previous_value is None:
        return label("trend.none", language)
    previous = score_text(card.previous_value, language)
    key = {Trend.UP: "trend.up", Trend.DOWN: "trend.down", Trend.FLAT: "trend.flat"}[card.trend]
    return label(key, language, previous=previous)


def day_text(day: date | None, language: str = "id") -> str:
    """``7 Maret 2025``."""
    return long_date(day, language)


def sanction_line(sanction: SanctionRecord, language: str = "id") -> str:
    """``DALAM SANKSI: daftar hitam 1 tahun (lokal, SK ...), berlaku ... s.d. ...``."""
    return label(
        "risk.sanctioned",
        language,
        kind=enum_label("sanction_kind", sanction.kind, language),
        source=enum_label("sanction_source", sanction.source, language),
        decree=sanction.decree_number or "-",
        start=long_date(sanction.start_date, language),
        end=long_date(sanction.end_date, language)
        if sanction.end_date
        else label("sanction.open", language),
    )
