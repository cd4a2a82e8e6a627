"""Cell values as Indonesian spreadsheets write them, parsed into typed values.

Money and numbers come as ``1250000``, ``1.250.000``, ``1.250.000,50``, ``Rp1.250.000`` or
numeric cells; dates as ``2026-03-07``, ``07/03/2026``, ``7 Maret 2026``, SPSE timestamps
or Excel date cells; yes/no as ``ya``/``tidak``/``y``/``n``/``1``/``0``; enums by their
Indonesian value or a common spelling. Every parser takes the raw cell (``str``, number,
``date`` or None) and either returns the value (None for an empty cell) or raises
``ValueProblem`` with a sentence a person can act on. Nothing here knows about columns.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

from rekanan.domain.identifiers import IdentifierError, NpwpCheck, check_npwp

Raw = str | int | float | Decimal | date | datetime | bool | None
"""What a cell can hold once read from CSV, XLSX or JSON."""


class ValueProblem(ValueError):
    """A cell that cannot be read as the value its column needs; the text is a sentence."""


# --------------------------------------------------------------------------- text


_TAGS = re.compile(r"<[^>]*>")
_BLOCK_TAGS = re.compile(r"<\s*(br|/p|/div|/li|/tr|/h\d)\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_LITERAL_ESCAPES = re.compile(r"\\[rnt]")


def text(raw: Raw) -> str:
    """A cell as trimmed text ('' for empty); numbers keep their exact digits."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "ya" if raw else "tidak"
    if isinstance(raw, float):
        return format(Decimal(repr(raw)).normalize(), "f") if raw == raw else ""
    if isinstance(raw, Decimal):
        return format(raw.normalize(), "f")
    if isinstance(raw, datetime):
        return raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.isoformat()
    value = str(raw).strip()
    if value.startswith("'") and len(value) > 1 and value[1] in "=+-@":
        return value[1:]  # a cell neutralised against formula injection on export
    return value


def strip_html(raw: Raw) -> str:
    """Plain text from the HTML SPSE puts in text fields: tags gone, entities decoded.

    Paragraph ends become line breaks, runs of spaces become one, literal ``\\r\\n``
    escapes (which some exports double-escape) become real line breaks.
    """
    value = text(raw)
    if not value:
        return ""
    value = _LITERAL_ESCAPES.sub(lambda m: {"\\r": "", "\\n": "\n", "\\t": " "}[m.group()], value)
    value = value.replace("\r", "")
    value = _BLOCK_TAGS.sub("\n", value)
    value = html.unescape(_TAGS.sub("", value)).replace("\xa0", " ")
    lines = [_SPACES.sub(" ", line).strip() for line in value.split("\n")]
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def one_line(raw: Raw) -> str:
    """Text on one line with single spaces: names, titles, numbers."""
    return " ".join(strip_html(raw).split()) if "<" in text(raw) else " ".join(text(raw).split())


# --------------------------------------------------------------------------- numbers

_NUMBER_CHARS = re.compile(r"^[+-]?[\d.,]+$")
_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)


def _number_text(value: str, *, money: bool) -> str:
    """Normalise Indonesian separators to a plain ``1234.56`` string.

    With both marks, the last one is the decimal mark. A lone comma is a decimal comma
    (``99,5``). Several dots are thousands (``1.250.000``). A single dot followed by
    exactly three digits is a thousands dot for money (``1.250``) and a decimal point for
    other numbers (``99.950`` percent); any other single dot is a decimal point
    (``5380803707.15`` as SPSE writes values).
    """
    dots, commas = value.count("."), value.count(",")
    if dots and commas:
        if value.rfind(",") > value.rfind("."):
            return value.replace(".", "").replace(",", ".")
        return value.replace(",", "")
    if commas:
        if commas > 1:
            return value.replace(",", "")
        return value.replace(",", ".")
    if dots > 1:
        return value.replace(".", "")
    if dots == 1:
        whole, frac = value.split(".")
        if money and len(frac) == 3 and whole.lstrip("+-") not in ("", "0"):
            return whole + frac
    return value


def decimal(raw: Raw, *, money: bool = False, what: str = "angka") -> Decimal | None:
    """A number as Decimal (None when empty); floats from cells go through their repr."""
    if raw is None or isinstance(raw, bool):
        if isinstance(raw, bool):
            raise ValueProblem(f"'{text(raw)}' bukan {what}.")
        return None
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueProblem(f"Nilai ini bukan {what} yang sah.")
        return Decimal(repr(raw))
    if isinstance(raw, date):
        raise ValueProblem(f"'{text(raw)}' adalah tanggal, bukan {what}.")
    value = _CURRENCY.sub("", text(raw).replace(" ", "").replace("\xa0", ""))
    value = value.rstrip("%").strip()
    if value in ("", "-"):
        return None
    if value.endswith((",-", ".-")):
        value = value[:-2]
    if not _NUMBER_CHARS.match(value):
        raise ValueProblem(
            f"'{text(raw)}' bukan {what}; tulis misalnya 1250000, 1.250.000 atau 1.250.000,50."
        )
    try:
        return Decimal(_number_text(value, money=money))
    except InvalidOperation as error:
        raise ValueProblem(
            f"'{text(raw)}' bukan {what}; tulis misalnya 1250000, 1.250.000 atau 1.250.000,50."
        ) from error


_CENT = Decimal("0.01")


def money(raw: Raw) -> Decimal | None:
    """Rupiah: not negative, at most two decimals (rounded half up to the cent)."""
    value = decimal(raw, money=True, what="jumlah rupiah")
    if value is None:
        return None
    if value < 0:
        raise ValueProblem(f"Jumlah rupiah '{text(raw)}' negatif; tulis jumlah 0 atau lebih.")
    if value >= Decimal("1e16"):
        raise ValueProblem(f"Jumlah rupiah '{text(raw)}' terlalu besar; periksa angkanya.")
    return value.quantize(_CENT)


def percent(raw: Raw) -> Decimal | None:
    """A percentage from 0 to 100 (``99,5``, ``99.5%``); three decimals at most."""
    value = decimal(raw, what="persen")
    if value is None:
        return None
    if not Decimal(0) <= value <= Decimal(100):
        raise ValueProblem(f"Persen '{text(raw)}' harus antara 0 dan 100.")
    return _at_most(value, 3)


def _at_most(value: Decimal, places: int) -> Decimal:
    """``value`` rounded to ``places`` decimals when it has more (the column keeps no more)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:
        return value.quantize(Decimal(1).scaleb(-places))
    return value


def hours(raw: Raw) -> Decimal | None:
    """A duration in hours (``4``, ``0,5``), not negative."""
    value = decimal(raw, what="jumlah jam")
    if value is None:
        return None
    if value < 0 or value >= Decimal("1000000"):
        raise ValueProblem(f"Jumlah jam '{text(raw)}' harus 0 atau lebih (dan masuk akal).")
    return _at_most(value, 2)


def integer(raw: Raw, *, what: str = "bilangan bulat", minimum: int | None = 0) -> int | None:
    """A whole number (``30``, ``30,0``, ``1.000``)."""
    value = decimal(raw, money=True, what=what)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise ValueProblem(f"'{text(raw)}' harus {what} tanpa pecahan.")
    result = int(value)
    if minimum is not None and result < minimum:
        raise ValueProblem(f"'{text(raw)}' harus {minimum} atau lebih.")
    if abs(result) > 2_000_000_000:
        raise ValueProblem(f"'{text(raw)}' terlalu besar untuk {what}.")
    return result


# --------------------------------------------------------------------------- dates

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
"""Indonesian and English month names and their usual abbreviations."""

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?")
_DMY = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$"
)
_LONG = re.compile(
    r"^(?:[a-z]+,\s*)?(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})"
    r"(?:,?\s+(?:pukul\s+|jam\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$",
    re.IGNORECASE,
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_HINT = "tulis misalnya 2026-03-07, 07/03/2026 atau 7 Maret 2026"


def _build(raw: Raw, y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    try:
        return datetime(y, m, d, hh, mm, ss)
    except ValueError as error:
        raise ValueProblem(f"Tanggal '{text(raw)}' tidak ada di kalender; {_DATE_HINT}.") from error


def _year(two_or_four: str) -> int:
    year = int(two_or_four)
    return 2000 + year if len(two_or_four) == 2 else year


def _parse_moment(raw: Raw) -> tuple[datetime, bool] | None:
    """The moment in a cell and whether it carried a time of day."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return raw.replace(tzinfo=None), True
    if isinstance(raw, date):
        return datetime.combine(raw, time()), False
    if isinstance(raw, bool):
        raise ValueProblem(f"'{text(raw)}' bukan tanggal; {_DATE_HINT}.")
    if isinstance(raw, int | float | Decimal):
        serial = Decimal(str(raw)) if not isinstance(raw, Decimal) else raw
        if serial.is_finite() and 1 <= serial < 2958466:  # an Excel serial day number
            days = int(serial)
            seconds = int((serial - days) * 86400)
            base = datetime.combine(_EXCEL_EPOCH, time()) + timedelta(days=days)
            return base + timedelta(seconds=seconds), seconds != 0
        raise ValueProblem(f"'{text(raw)}' bukan tanggal; {_DATE_HINT}.")
    value = " ".join(text(raw).split())
    if not value or value == "-":
        return None
    match = _ISO.match(value)
    if match:
        y, m, d, hh, mm, ss = match.groups()
        moment = _build(raw, int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        return moment, hh is not None and (int(hh) or int(mm) or int(ss or 0)) != 0
    match = _DMY.match(value)
    if match:
        d, m, y, hh, mm, ss = match.groups()
        moment = _build(raw, _year(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        return moment, hh is not None
    match = _LONG.match(value)
    if match:
        d, month_name, y, hh, mm, ss = match.groups()
        month = MONTHS.get(month_name.lower())
        if month is None:
            raise ValueProblem(f"'{month_name}' bukan nama bulan di '{value}'; {_DATE_HINT}.")
        moment = _build(raw, int(y), month, int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        return moment, hh is not None
    match = _COMPACT.match(value)
    if match:
        y, m, d = match.groups()
        return _build(raw, int(y), int(m), int(d)), False
    raise ValueProblem(f"'{value}' bukan tanggal; {_DATE_HINT}.")


def parse_date(raw: Raw) -> date | None:
    """A day (None when empty); a time of day, if any, is dropped."""
    parsed = _parse_moment(raw)
    if parsed is None:
        return None
    day = parsed[0].date()
    if not date(1900, 1, 1) <= day <= date(2200, 12, 31):
        raise ValueProblem(f"Tanggal '{text(raw)}' di luar rentang yang masuk akal.")
    return day


def parse_datetime(raw: Raw) -> datetime | None:
    """A moment (None when empty): ``2026-03-07 14:30``, ``07/03/2026 14.30``, cells."""
    parsed = _parse_moment(raw)
    if parsed is None:
        return None
    if not datetime(1900, 1, 1) <= parsed[0] <= datetime(2200, 12, 31):
        raise ValueProblem(f"Waktu '{text(raw)}' di luar rentang yang masuk akal.")
    return parsed[0]


# --------------------------------------------------------------------------- yes/no, enums

_TRUE = {"ya", "y", "1", "yes", "true", "benar", "iya", "v", "x", "✓"}
_FALSE = {"tidak", "t", "n", "0", "no", "false", "salah", "tdk", "bukan"}


def boolean(raw: Raw) -> bool | None:
    """``ya``/``tidak`` and their usual spellings (None when empty)."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float | Decimal) and raw in (0, 1):
        return bool(raw)
    value = text(raw).lower().rstrip(".")
    if not value:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueProblem(f"'{text(raw)}' bukan ya/tidak; tulis 'ya' atau 'tidak'.")


E = TypeVar("E", bound=StrEnum)
_FOLD = re.compile(r"[\s\-/.]+")


def fold(value: str) -> str:
    """Lower case with spaces, dashes, slashes and dots as underscores, for matching words."""
    return _FOLD.sub("_", value.strip().lower()).strip("_")


def enum_value(raw: Raw, enum: type[E], aliases: dict[str, E] | None = None) -> E | None:
    """A member of ``enum`` by its Indonesian value, its name, or an alias (None when empty)."""
    value = text(raw)
    if not value:
        return None
    key = fold(value)
    for member in enum:
        if key in (fold(member.value), member.name.lower()):
            return member
    if aliases and key in aliases:
        return aliases[key]
    allowed = ", ".join(f"'{m.value}'" for m in enum)
    raise ValueProblem(f"'{value}' tidak dikenal; pilih salah satu dari {allowed}.")


# --------------------------------------------------------------------------- identifiers


def npwp(raw: Raw) -> NpwpCheck | None:
    """The canonical NPWP and a check-digit warning, if any (None when empty)."""
    value = text(raw)
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        value = value.split(".")[0].zfill(15)  # a numeric cell lost its leading zero
    try:
        return _checked_npwp(value)
    except IdentifierError as error:
        count = len(re.sub(r"\D", "", value))
        raise ValueProblem(
            f"NPWP '{value}' berisi {count} angka; tulis 15 angka (99.999.999.9-999.999) "
            "atau 16 angka."
        ) from error


@lru_cache(maxsize=4096)
def _checked_npwp(value: str) -> NpwpCheck | None:
    """``check_npwp`` remembered: one supplier's NPWP recurs on many rows of a file."""
    return check_npwp(value)


def digits_only(raw: Raw) -> str:
    """The digits of a cell (numeric cells without a trailing ``.0``)."""
    value = text(raw)
    if isinstance(raw, float | Decimal):
        value = value.split(".")[0]
    return re.sub(r"\D", "", value)


def boolean_or_none(raw: Raw) -> bool | None:
    """Like ``boolean`` but an unreadable value counts as unknown instead of an error."""
    try:
        return boolean(raw)
    except ValueProblem:
        return None
