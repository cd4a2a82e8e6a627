"""Reporting periods: parsing, labels and the period before."""

from datetime import date

import pytest

from rekanan.domain.periods import PeriodKind, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "kind", "label"),
    [
        ("2026-09", date(2026, 9, 1), date(2026, 9, 30), PeriodKind.MONTH, "2026-09"),
        ("2028-2", date(2028, 2, 1), date(2028, 2, 29), PeriodKind.MONTH, "2028-02"),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), PeriodKind.QUARTER, "2026-Q3"),
        ("2026q1", date(2026, 1, 1), date(2026, 3, 31), PeriodKind.QUARTER, "2026-Q1"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), PeriodKind.YEAR, "2026"),
        (
            " 2026-01-01..2026-06-30 ",
            date(2026, 1, 1),
            date(2026, 6, 30),
            PeriodKind.RANGE,
            "2026-01-01..2026-06-30",
        ),
    ],
)
def test_parse(text, start, end, kind, label) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.kind, period.label) == (start, end, kind, label)


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("2026-01", "2025-12"),
        ("2026-03", "2026-02"),
        ("2026-Q1", "2025-Q4"),
        ("2026-Q3", "2026-Q2"),
        ("2026", "2025"),
        ("2026-01-01..2026-01-10", "2025-12-22..2025-12-31"),
    ],
)
def test_previous(text, previous) -> None:
    assert parse_period(text).previous().label == previous


def test_last_six_months_oldest_first() -> None:
    labels = [p.label for p in parse_period("2026-03").last(6)]
    assert labels == ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]


@pytest.mark.parametrize(
    "text", ["", "2026-13", "2026-Q5", "Q3 2026", "2026-02-30..2026-03-01", "kemarin"]
)
def test_bad_text_is_a_sentence(text) -> None:
    with pytest.raises(ValueError, match="is not a period; write a month"):
        parse_period(text)


def test_range_backwards() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_period("2026-06-30..2026-01-01")


def test_contains_and_overlaps() -> None:
    q3 = parse_period("2026-Q3")
    assert q3.contains(date(2026, 9, 30)) and not q3.contains(date(2026, 10, 1))
    assert q3.overlaps(date(2026, 1, 1), None)
    assert not q3.overlaps(date(2026, 1, 1), date(2026, 6, 30))
    assert q3.days == 92
