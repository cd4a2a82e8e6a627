"""Cell values as Indonesian spreadsheets write them."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekanan.io import values as v
from rekanan.models import RenewalKind


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1250000", Decimal("1250000")),
        ("1.250.000", Decimal("1250000")),
        ("1.250.000,50", Decimal("1250000.50")),
        ("Rp1.250.000", Decimal("1250000")),
        ("Rp 1.250.000,00", Decimal("1250000")),
        ("Rp. 1.250.000,-", Decimal("1250000")),
        ("IDR 1,250,000.00", Decimal("1250000")),
        ("1.250", Decimal("1250")),
        ("5380803707.15", Decimal("5380803707.15")),
        (1250000, Decimal("1250000")),
        (5380803707.15, Decimal("5380803707.15")),
        ("", None),
        (None, None),
    ],
)
def test_money(raw: v.Raw, expected: Decimal | None) -> None:
    assert v.money(raw) == expected


@pytest.mark.parametrize("raw", ["satu juta", "1.2.3,4,5", "-5", "12abc"])
def test_money_refused_with_a_sentence(raw: str) -> None:
    with pytest.raises(v.ValueProblem) as info:
        v.money(raw)
    assert info.value.args[0].endswith(".")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("99,5", "99.5"), ("99.5%", "99.5"), ("99.950", "99.95"), ("100", "100"), (99.9, "99.9")],
)
def test_percent(raw: v.Raw, expected: str) -> None:
    assert v.percent(raw) == Decimal(expected)


def test_percent_out_of_range() -> None:
    with pytest.raises(v.ValueProblem, match="antara 0 dan 100"):
        v.percent("120")


@pytest.mark.parametrize(
    "raw",
    [
        "2026-03-07",
        "07/03/2026",
        "7/3/2026",
        "07-03-2026",
        "07/03/26",
        "7 Maret 2026",
        "7 Mar 2026",
        "Sabtu, 7 Maret 2026",
        "2026-03-07T00:00:00.000000Z",
        "20260307",
        date(2026, 3, 7),
        datetime(2026, 3, 7),
        46088,
    ],
)
def test_dates(raw: v.Raw) -> None:
    assert v.parse_date(raw) == date(2026, 3, 7)


@pytest.mark.parametrize("raw", ["31/02/2026", "7 Brumaire 2026", "besok", "2026-13-01"])
def test_bad_dates(raw: str) -> None:
    with pytest.raises(v.ValueProblem):
        v.parse_date(raw)


def test_datetimes() -> None:
    assert v.parse_datetime("07/03/2026 14.30") == datetime(2026, 3, 7, 14, 30)
    assert v.parse_datetime("2026-03-07 14:30") == datetime(2026, 3, 7, 14, 30)
    assert v.parse_datetime("7 Maret 2026 pukul 08:15") == datetime(2026, 3, 7, 8, 15)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ya", True), ("Y", True), ("1", True), (1, True), ("tidak", False), ("n", False),
     ("0", False), ("", None)],
)  # fmt: skip
def test_booleans(raw: v.Raw, expected: bool | None) -> None:
    assert v.boolean(raw) is expected


def test_enum_by_value_name_and_alias() -> None:
    assert v.enum_value("otomatis", RenewalKind) is RenewalKind.TACIT
    assert v.enum_value("TACIT", RenewalKind) is RenewalKind.TACIT
    assert v.enum_value("Eksplisit", RenewalKind) is RenewalKind.EXPRESS
    with pytest.raises(v.ValueProblem, match="pilih salah satu"):
        v.enum_value("kadang", RenewalKind)


@pytest.mark.parametrize(
    "raw", ["01.234.567.8-901.000", "012345678901000", "0012345678901000", 12345678901000]
)
def test_npwp_any_spelling(raw: v.Raw) -> None:
    found = v.npwp(raw)
    assert found is not None
    assert found.canonical == "0012345678901000"


def test_npwp_wrong_length_is_a_sentence_in_indonesian() -> None:
    with pytest.raises(v.ValueProblem, match="angka"):
        v.npwp("12.345")


def test_strip_html() -> None:
    html = "<p>Pengawasan &amp; Pembangunan\\r\\n</p><p><br></p><p>Tahap 2</p>"
    assert v.strip_html(html) == "Pengawasan & Pembangunan\nTahap 2"


_PARSERS = [v.money, v.percent, v.hours, v.integer, v.parse_date, v.parse_datetime, v.boolean,
            v.npwp, lambda raw: v.enum_value(raw, RenewalKind)]  # fmt: skip

_RAW = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.booleans(),
)


@given(raw=_RAW)
def test_parsers_only_raise_value_problems(raw: v.Raw) -> None:
    for parse in _PARSERS:
        with contextlib.suppress(v.ValueProblem):
            parse(raw)
