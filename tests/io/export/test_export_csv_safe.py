"""Formula-injection neutralising and CSV cells."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from rekanan.io.export.csv_safe import csv_value, neutralise, xlsx_value


@pytest.mark.parametrize(
    "text", ["=1+1", "+62 812", "-5", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x")']
)
def test_dangerous_text_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert csv_value(text) == "'" + text
    assert xlsx_value(text) == "'" + text


@pytest.mark.parametrize("text", ["", "PT Maju", "CV 3=2", "a-b", "'=already"])
def test_plain_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_numbers_stay_numbers_even_when_negative() -> None:
    assert csv_value(-3) == "-3"
    assert csv_value(Decimal("-2.50")) == "-2.50"
    assert csv_value(Decimal("-2.50"), "comma") == "-2,50"
    assert xlsx_value(-3) == -3


def test_dates_booleans_and_none() -> None:
    assert csv_value(date(2026, 3, 7)) == "2026-03-07"
    assert csv_value(datetime(2026, 3, 7, 8, 5)) == "2026-03-07 08:05"
    assert csv_value(True) == "1"
    assert csv_value(None) == ""


def test_xlsx_drops_control_characters_openpyxl_refuses() -> None:
    assert xlsx_value("PT\x00 Maju\x07") == "PT Maju"
    assert xlsx_value("\x01=1+1") == "'=1+1"
