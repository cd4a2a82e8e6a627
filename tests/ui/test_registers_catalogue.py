"""Every sentence the register screens show has an English translation in registers.po."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file
from registers_pilot import _english

ROOT = Path(__file__).parents[2] / "rekanan"
FILES = [
    *(
        ROOT / "screens" / f"{name}.py"
        for name in (
            "suppliers",
            "contracts",
            "services",
            "supplier_detail",
            "contract_detail",
            "service_detail",
            "detail_base",
            "list_base",
            "forms",
            "confirm",
            "audit_view",
            "register_support",
            "export_dialog",
            "incident_term",
            "award_check",
            "scorecard_dialog",
            "help",
        )
    ),
    ROOT / "domain" / "enum_words.py",
    ROOT / "widgets" / "paged_table.py",
    ROOT / "widgets" / "form.py",
]
KEYWORDS = {"tr": (2,), "N_": None, "translate": (2,), "_t": None, "FieldError": (1,), "t": None}


def test_every_register_text_is_translated() -> None:
    english = _english()
    missing = set()
    for path in FILES:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords=KEYWORDS
        ):
            if isinstance(message, str) and message and message not in english:
                missing.add((path.name, message))
    assert not missing, sorted(missing)


def test_english_keeps_the_placeholders() -> None:
    for source, target in _english().items():
        for name in ("{n}", "{name}", "{path}", "{noun}", "{total}", "{day}"):
            assert (name in source) == (name in target), (source, target)
