"""The export catalog: both languages filled in, codes named."""

from rekanan.io.export.labels import both, code_label, keys, label
from rekanan.models.enums import ContractStatus, LegalForm, SupplierCategory


def test_every_key_has_both_languages() -> None:
    for key in keys():
        indonesian, english = both(key)
        assert indonesian.strip() and english.strip(), key


def test_every_enum_code_has_a_name() -> None:
    for prefix, enum in (
        ("legal", LegalForm),
        ("supcat", SupplierCategory),
        ("status", ContractStatus),
    ):
        for member in enum:
            assert f"{prefix}.{member.value}" in keys(), (prefix, member)
    assert code_label("supcat", SupplierCategory.STRATEGIC, "en") == "Strategic"
    assert code_label("supcat", "unknown") == "unknown"


def test_label_fills_parameters_and_falls_back() -> None:
    assert label("doc.page", "id", page=1, pages=2) == "Halaman 1 dari 2"
    assert label("doc.page", "xx", page=1, pages=2) == "Halaman 1 dari 2"
    assert label("no.such.key") == "no.such.key"
