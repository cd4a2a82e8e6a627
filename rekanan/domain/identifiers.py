"""NPWP, NIK and NIB: normalising and checking Indonesian identifiers.

Every spelling of one NPWP (15 digits with dots and dashes, 15 digits bare, the 16-digit
form since 2024 that prefixes a 0) normalises to the same canonical 16 digits, which is what
the store keeps. The check digit is Luhn-like but unpublished, so a failed check is a
warning for a person to look at, never a rejection (DOMAIN.md 3.6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.exceptions import ValidationError
from stdnum.id import npwp as stdnum_npwp

_NON_DIGITS = re.compile(r"\D")


class IdentifierError(ValueError):
    """The text cannot be an identifier at all (wrong length, letters)."""


@dataclass(frozen=True, slots=True)
class NpwpCheck:
    """The canonical NPWP and, when the check digit fails, a warning sentence."""

    canonical: str
    warning: str | None = None


def normalise_npwp(text: str) -> str | None:
    """Return the canonical 16-digit NPWP for ``text``, or None when it is empty.

    Raises ``IdentifierError`` with a sentence when ``text`` has the wrong number of digits
    or is words rather than a number (so "belum ada" is not silently stored as no NPWP).
    Zero-only values and bare dashes, which real exports use for "unknown", count as empty.
    """
    digits = _digits(text, "NPWP", "15 digits (99.999.999.9-999.999) or 16 digits")
    if not digits or set(digits) == {"0"}:
        return None
    if len(digits) == 15:
        return "0" + digits
    if len(digits) == 16:
        return digits
    raise IdentifierError(
        f"NPWP '{text.strip()}' has {len(digits)} digits; write 15 digits "
        "(99.999.999.9-999.999) or 16 digits."
    )


def _digits(text: str, label: str, expected: str) -> str:
    """The digits of ``text``; words without any digit are refused rather than dropped."""
    digits = _NON_DIGITS.sub("", text or "")
    if not digits and any(char.isalpha() for char in text or ""):
        raise IdentifierError(
            f"{label} '{text.strip()}' has no digits; write {expected}, or leave it empty."
        )
    return digits


def check_npwp(text: str) -> NpwpCheck | None:
    """Normalise ``text`` and check its check digit; a failed check is only a warning."""
    canonical = normalise_npwp(text)
    if canonical is None:
        return None
    candidate = canonical[1:] if canonical.startswith("0") else canonical
    try:
        stdnum_npwp.validate(candidate)
    except ValidationError:
        return NpwpCheck(canonical, f"NPWP {format_npwp(canonical)}: check digit does not match.")
    return NpwpCheck(canonical)


def format_npwp(canonical: str | None) -> str:
    """Write an NPWP as staff read it: ``99.999.999.9-999.999`` for companies, else 16 digits."""
    if not canonical:
        return ""
    if len(canonical) == 16 and canonical.startswith("0"):
        return stdnum_npwp.format(canonical[1:])
    return canonical


def npwp_search_key(text: str) -> str:
    """The digits of ``text`` with a leading zero of the 16-digit form dropped, for LIKE search."""
    digits = _NON_DIGITS.sub("", text or "")
    return digits[1:] if len(digits) == 16 and digits.startswith("0") else digits


def normalise_nib(text: str) -> str | None:
    """Return the 13 digits of an NIB, or None when empty; refuse other lengths."""
    digits = _digits(text, "NIB", "its 13 digits")
    if not digits:
        return None
    if len(digits) != 13:
        raise IdentifierError(f"NIB '{text.strip()}' has {len(digits)} digits; an NIB has 13.")
    return digits


_LEGAL_PREFIX = re.compile(
    r"^(pt|cv|ud|fa|firma|koperasi|kop|pd|perum|persero|tbk)\b\.?\s*", re.IGNORECASE
)
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """Fold a supplier name for matching: case, punctuation and legal-form prefixes go.

    ``"PT. Maju Jaya, Tbk"``, ``"pt maju jaya"`` and ``"MAJU JAYA"`` share one key.
    """
    folded = _SPACES.sub(" ", _PUNCT.sub(" ", name or "")).strip().lower()
    previous = None
    while previous != folded:
        previous = folded
        folded = _LEGAL_PREFIX.sub("", folded).strip()
    folded = re.sub(r"\b(tbk|persero)\b", "", folded)
    return _SPACES.sub(" ", folded).strip()


_TITLE_BEFORE = re.compile(
    r"^(?:(?:prof|dr|drs|dra|ir|hj|h|apt|ns|drg|ust|kh)\.\s*|(?:prof|drs|dra|ir|hj|drg)\s+)+",
    re.IGNORECASE,
)
_DEGREE = re.compile(r"^[a-z]{1,4}(?:\.\s?[a-z]{1,5})+\.?$|^[a-z]{1,4}\.$", re.IGNORECASE)
_BARE_DEGREES = frozenset(
    {"mba", "mm", "mt", "msc", "bsc", "phd", "se", "st", "sh", "mh", "msi", "ssi", "skom",
     "mkom", "spd", "mpd", "ssos", "amd", "sked", "ak", "cpa", "mpa", "map", "sip", "ssn"}
)  # fmt: skip


def person_key(name: str) -> str:
    """``name_key`` of a person's name without academic and religious titles.

    Individual suppliers (tenaga ahli) are written with their degrees in one sheet and
    without them in the next: ``"Rudi Hartono, S.Kom., M.T."``, ``"Ir. Rudi Hartono"`` and
    ``"Rudi Hartono"`` share one key. Titles are recognised only where people write them:
    before the name (``Dr.``, ``Ir.``, ``Drs.``, ``Dra.``, ``Prof.``, ``H.``) and after it,
    after a comma or as dotted abbreviations (``S.Kom.``, ``M.T.``, ``S.E.``, ``A.Md.``);
    ``name_key`` itself is unchanged, since the store keeps it for every supplier.
    """
    text = _TITLE_BEFORE.sub("", (name or "").strip())
    head, _, tail = text.partition(",")
    # after the first comma: degrees only (", S.Kom., M.T."); otherwise keep the comma part
    if tail and all(_is_degree(part) for part in tail.split(",") if part.strip()):
        text = head
    words = text.split()
    while len(words) > 1 and _is_degree(words[-1]):
        words.pop()
    return name_key(" ".join(words))


def _is_degree(word: str) -> bool:
    word = word.strip()
    if not word:
        return True
    bare = word.replace(".", "").replace(" ", "").lower()
    return bool(_DEGREE.match(word)) or bare in _BARE_DEGREES
