"""The signature block never stands alone on a page, and reviewer names get room (F17).

Reports of 1 to 14 decisions (and scorecards with a growing list of contracts) are rendered
and read back page by page: the page that carries the signer's name also carries the last
row of the table above it, and a reviewer's name with degrees is on one line.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from export_factories import AGENCY, AS_OF, GENERATED, NET
from pypdf import PdfReader

from rekanan.domain.records import ContractRecord, ReviewDecisionRecord
from rekanan.domain.thresholds import Thresholds
from rekanan.io.export.review_report import (
    ReportLine,
    ReviewReport,
    load_report,
    render_review_pdf,
)
from rekanan.io.export.scorecard_data import ContractInForce, ScorecardExport
from rekanan.io.export.scorecard_pdf import PdfContext, Signer, render_scorecard_pdf
from rekanan.models.enums import ReviewDecisionKind

REVIEWER = "Dra. Lestari Handayani, M.Si."
NOTE = (
    "Pemberitahuan penghentian dikirim; produksi video berikutnya dilelang ulang dengan "
    "spesifikasi baru dan jadwal yang lebih ketat."
)


def _context(language: str = "id") -> PdfContext:
    signer = Signer.from_agency(AGENCY, None, None, AS_OF)
    return PdfContext(AGENCY, signer, language, GENERATED, Thresholds())


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(data)).pages]


def _report(count: int) -> ReviewReport:
    kinds = list(ReviewDecisionKind)
    lines = tuple(
        ReportLine(
            ReviewDecisionRecord(
                n,
                n,
                date(2026, 11, 2),
                kinds[n % len(kinds)],
                datetime(2026, 11, 2, 9, 0),
                reviewer=REVIEWER,
                notes=NOTE,
            ),
            f"000.3.3/{n:03d}/SPK/Diskominfo/2026",
            "Produksi Konten Video Informasi Publik",
            "CV Kreasi Media Sukamaju",
            Decimal(72_000_000 + n),
            "",
        )
        for n in range(1, count + 1)
    )
    return ReviewReport(date(2026, 1, 1), date(2026, 11, 23), "id", lines)


def _signed_page(pages: list[str]) -> int:
    signed = [i for i, text in enumerate(pages) if AGENCY.signer_name in text]
    assert len(signed) == 1
    return signed[0]


@pytest.mark.parametrize("count", range(1, 15))
def test_review_report_keeps_the_signature_with_the_last_decision(count: int) -> None:
    report = _report(count)
    pages = _pages(render_review_pdf(report, _context()))
    page = _signed_page(pages)
    assert page == len(pages) - 1
    assert report.lines[-1].number in pages[page]


def test_the_demo_report_signs_beside_its_last_row(seeded_db: Any) -> None:
    """The product test's case: the demo's decisions, the signature was alone on page 2."""
    report = load_report(seeded_db, date(2025, 1, 1), date(2026, 11, 23))
    assert len(report.lines) >= 4
    pages = _pages(render_review_pdf(report, _context()))
    page = _signed_page(pages)
    assert report.lines[-1].number in pages[page]
    assert "Keputusan" in pages[page]  # the table heading, repeated above the row


def test_reviewer_names_are_on_one_line() -> None:
    for language in ("id", "en"):
        pages = _pages(render_review_pdf(_report(3), _context(language)))
        lines = [line.strip() for text in pages for line in text.splitlines()]
        word = "oleh" if language == "id" else "by"
        assert lines.count(f"{word} {REVIEWER}") == 3, lines


def _with_contracts(item: ScorecardExport, count: int) -> ScorecardExport:
    from dataclasses import replace

    base = item.contracts_in_force[0]
    contracts = tuple(
        replace(
            base,
            contract=replace(base.contract, id=100 + n, number=f"602.1/{n:03d}/KTR/2026"),
        )
        for n in range(count)
    )
    return replace(item, contracts_in_force=contracts)


@pytest.mark.parametrize("count", [0, 1, 4, 8, 12, 16, 20, 24])
def test_scorecard_keeps_the_signature_with_its_last_contracts(
    items_id: list[ScorecardExport], count: int
) -> None:
    item = next(i for i in items_id if i.card.supplier.id == NET)
    assert isinstance(item.contracts_in_force[0], ContractInForce)
    assert isinstance(item.contracts_in_force[0].contract, ContractRecord)
    grown = _with_contracts(item, count)
    pages = _pages(render_scorecard_pdf(grown, _context()))
    page = _signed_page(pages)
    if count:
        assert grown.contracts_in_force[-1].contract.number in pages[page]
    else:
        assert "F. Kontrak Berjalan" in pages[page]


def test_a_table_heading_never_stands_alone_at_the_foot_of_a_page() -> None:
    from fpdf import FPDF

    from rekanan.io.export.pdf_fonts import install_fonts
    from rekanan.io.export.scorecard_pdf import _table

    pdf = FPDF(format="A4")
    install_fonts(pdf)
    pdf.add_page()
    pdf.set_y(pdf.page_break_trigger - 9)  # room for the heading, not for a row under it
    _table(pdf, ["Kepala A", "Kepala B"], [["baris 1", "satu\ndua"]], (1, 1), ("L", "L"))
    pages = _pages(bytes(pdf.output()))
    assert len(pages) == 2
    assert "Kepala A" not in pages[0]
    assert "Kepala A" in pages[1] and "baris 1" in pages[1]


def test_scorecard_services_sit_under_the_contract_number(
    items_id: list[ScorecardExport],
) -> None:
    item = next(i for i in items_id if i.card.supplier.id == NET)
    contract, _level = item.card.kpis.levels[0]
    services = item.services_of(contract)
    assert services
    text = _pages(render_scorecard_pdf(item, _context()))[0]
    lines = [line.strip() for line in text.splitlines()]
    assert "Kontrak dan layanan yang didukung" in text
    number_at = next(i for i, line in enumerate(lines) if line.startswith(contract.number))
    assert lines[number_at + 1].startswith(services[:20])  # one wide cell, not a column
