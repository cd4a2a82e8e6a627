"""NPWP and NIB: every spelling maps to one canonical form; words are refused, not dropped."""

from __future__ import annotations

import pytest

from rekanan.domain.identifiers import (
    IdentifierError,
    check_npwp,
    format_npwp,
    name_key,
    normalise_nib,
    normalise_npwp,
    npwp_search_key,
)


@pytest.mark.parametrize(
    "spelling",
    ["01.234.567.8-901.000", "012345678901000", "0012345678901000", " 01 234 567 8 901 000 "],
)
def test_every_spelling_gives_one_canonical_npwp(spelling: str) -> None:
    assert normalise_npwp(spelling) == "0012345678901000"


@pytest.mark.parametrize("unknown", ["", "   ", "-", "0", "00.000.000.0-000.000"])
def test_empty_and_zero_npwp_mean_unknown(unknown: str) -> None:
    assert normalise_npwp(unknown) is None


@pytest.mark.parametrize("words", ["abc", "belum ada", "N/A"])
def test_npwp_in_words_is_refused_with_a_sentence(words: str) -> None:
    with pytest.raises(IdentifierError, match="no digits"):
        normalise_npwp(words)


def test_wrong_length_npwp_says_how_many_digits() -> None:
    with pytest.raises(IdentifierError, match="13 digits"):
        normalise_npwp("1234567890123")


def test_nib_needs_thirteen_digits_and_refuses_words() -> None:
    assert normalise_nib("1234-5678-90123") == "1234567890123"
    assert normalise_nib("") is None
    with pytest.raises(IdentifierError, match="no digits"):
        normalise_nib("belum terbit")
    with pytest.raises(IdentifierError, match="13"):
        normalise_nib("12345")


def test_format_and_search_key_round_trip() -> None:
    canonical = "0012345678901000"
    assert format_npwp(canonical) == "01.234.567.8-901.000"
    assert npwp_search_key(format_npwp(canonical)) == "012345678901000"
    assert format_npwp("3399031708890002") == "3399031708890002"


def test_failed_check_digit_is_a_warning_not_a_refusal() -> None:
    result = check_npwp("01.234.567.8-901.000")
    assert result is not None
    assert result.canonical == "0012345678901000"


def test_name_key_folds_legal_form_case_and_punctuation() -> None:
    assert name_key("PT. Maju Jaya") == name_key("pt maju jaya") == name_key("MAJU  JAYA")


def test_short_contract_numbers_keep_the_sequence_and_the_year() -> None:
    from rekanan.domain.formatting import short_number

    cases = {
        "000.3.3/162/KTR/Diskominfo/2026": "…/162/KTR/…/2026",
        "027/021835/KTR/DISKOMINFO/2025": "027/021835/…/2025",
        "602.1/09/KTR/Pws.Gd.Diskop.UKM/DPUTR/2025": "602.1/09/…/2025",
        "SPK-2026-0001-ABCDEFGHIJKLMNOP": "SPK-2026-0001-AB…",
        "602.1/09/KTR/2026": "602.1/09/KTR/2026",
    }
    for number, shown in cases.items():
        assert short_number(number, 17) == shown
        assert len(short_number(number, 17)) <= 17
