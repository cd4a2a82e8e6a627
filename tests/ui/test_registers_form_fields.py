"""Parsing what staff type into form fields, and the sentences when it is wrong."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekanan.widgets.form import (
    FieldError,
    FieldSpec,
    format_value,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_field,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250.000", Decimal("1250000")),
        ("1.250.000,50", Decimal("1250000.50")),
        ("1,250,000.50", Decimal("1250000.50")),
        ("Rp1.250.000", Decimal("1250000")),
        ("Rp 45.000.000,00", Decimal("45000000.00")),
        ("1250000", Decimal("1250000")),
        ("99,5", Decimal("99.5")),
        ("99.5", Decimal("99.5")),
        ("-3", Decimal("-3")),
    ],
)
def test_money_and_numbers(text: str, expected: Decimal) -> None:
    assert parse_decimal(text) == expected


def test_percent_keeps_three_decimals() -> None:
    spec = FieldSpec("availability_pct", "Ketersediaan", kind="percent")
    assert parse_field(spec, "99,950").value == Decimal("99.950")
    assert parse_field(spec, "0.125").value == Decimal("0.125")
    with pytest.raises(FieldError) as caught:
        parse_field(spec, "100,5")
    assert "0 dan 100" in caught.value.render(str)


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_money_round_trips_in_both_languages(value: Decimal) -> None:
    spec = FieldSpec("value", "Nilai", kind="money")
    for language in ("id", "en"):
        shown = format_value(spec, value, language)
        assert parse_field(spec, shown).value == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/03/2026", date(2026, 3, 7)),
        ("7-3-26", date(2026, 3, 7)),
        ("2026-03-07", date(2026, 3, 7)),
        ("7.3.2026", date(2026, 3, 7)),
    ],
)
def test_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_bad_dates_say_how_to_write_them() -> None:
    with pytest.raises(FieldError) as caught:
        parse_date("besok")
    assert "07/03/2026" in caught.value.render(str)
    with pytest.raises(FieldError) as caught:
        parse_date("31/02/2026")
    assert "31/02/2026" in caught.value.render(str)


def test_datetimes() -> None:
    assert parse_datetime("07/03/2026 14:30") == datetime(2026, 3, 7, 14, 30)
    assert parse_datetime("2026-03-07T08:05") == datetime(2026, 3, 7, 8, 5)
    with pytest.raises(FieldError):
        parse_datetime("07/03/2026 25:00")


def test_required_and_length() -> None:
    spec = FieldSpec("name", "Nama", required=True, max_length=5)
    with pytest.raises(FieldError) as caught:
        parse_field(spec, "  ")
    assert caught.value.render(str) == "Wajib diisi."
    with pytest.raises(FieldError):
        parse_field(spec, "abcdef")
    assert parse_field(spec, " abc ").value == "abc"


def test_npwp_any_spelling_and_warning() -> None:
    spec = FieldSpec("npwp", "NPWP", kind="npwp")
    assert parse_field(spec, "01.000.000.0-093.000").value == "0010000000093000"
    with pytest.raises(FieldError) as caught:
        parse_field(spec, "12345")
    assert "5 angka" in caught.value.render(str)
    assert parse_field(spec, "").value is None


def test_int_range() -> None:
    spec = FieldSpec("notice_days", "Hari", kind="int", minimum=Decimal(0))
    assert parse_field(spec, "30").value == 30
    with pytest.raises(FieldError):
        parse_field(spec, "-1")
    with pytest.raises(FieldError):
        parse_field(spec, "2,5")
