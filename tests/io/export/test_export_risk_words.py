"""The blacklist-risk band has the same words in the PDF as in the app (F16)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from export_factories import AGENCY, AS_OF, GENERATED, WEB
from pypdf import PdfReader

from rekanan.domain.thresholds import Thresholds
from rekanan.i18n import translate
from rekanan.io.export.labels import label
from rekanan.io.export.scorecard_data import ScorecardExport
from rekanan.io.export.scorecard_pdf import PdfContext, Signer, write_scorecard_pdf

APP_WORDS = {"risk.level_high": "kritis", "risk.level_medium": "perlu perhatian"}
"""The words of the supplier detail screen (rekanan/screens/supplier_detail.py)."""


def test_band_words_are_the_apps_in_both_languages() -> None:
    for key, word in {**APP_WORDS, "risk.level_low": "rendah"}.items():
        assert label(key, "id") == word
        assert label(key, "en") == translate("en", word)


def test_pdf_names_a_critical_risk_kritis(items_id: list[ScorecardExport], tmp_path: Path) -> None:
    item = next(i for i in items_id if i.card.supplier.id == WEB)
    # a critical limit below the supplier's score makes its band the critical one
    limits = replace(Thresholds(), blacklist_risk_critical=1, blacklist_risk_warning=1)
    context = PdfContext(
        AGENCY, Signer.from_agency(AGENCY, None, None, AS_OF), "id", GENERATED, limits
    )
    path = write_scorecard_pdf(item, context, tmp_path / "web.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert f"{item.risk.score} dari 100 (kritis)" in text
    assert "(tinggi)" not in text


def test_alert_severities_are_the_apps_words() -> None:
    # rekanan/screens/alerts.py: Kritis, Waspada, Info; "peringatan" names every alert
    assert [label(f"severity.{s}", "id") for s in ("critical", "warning", "info")] == [
        "kritis",
        "waspada",
        "info",
    ]
    assert label("severity.warning", "en") == translate("en", "Waspada").lower()


def test_risk_heading_says_the_data_position_date(
    items_id: list[ScorecardExport], tmp_path: Path
) -> None:
    """Section D cites facts up to the data date, not the card's period: its heading says so."""
    item = next(i for i in items_id if i.card.supplier.id == WEB)
    for language, heading in (
        ("id", "D. Risiko Daftar Hitam (posisi 15 Oktober 2026)"),
        ("en", "D. Blacklist risk (as of 15 October 2026)"),
    ):
        context = PdfContext(
            AGENCY, Signer.from_agency(AGENCY, None, None, AS_OF), language, GENERATED, Thresholds()
        )
        path = write_scorecard_pdf(item, context, tmp_path / f"web-{language}.pdf")
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        assert heading in text
