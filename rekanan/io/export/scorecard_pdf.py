"""The scorecard as an A4 PDF an Indonesian agency signs: letterhead, tables, chart, signature.

Layout, top to bottom: the *kop surat* (government, agency, address lines, a thick and a
thin rule), the title and period, the supplier's identity, then sections A-F (SIKaP
aspects, objective KPIs, penalties and warning letters, blacklist risk, the trend chart,
contracts in force) and the signature block. Every page carries the page number and the
generated-on line. Fonts are embedded (``pdf_fonts``), so the Rupiah amounts and Indonesian
text print the same everywhere. Numbers come from the rules; nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from fpdf import FPDF

from rekanan.config import Agency
from rekanan.domain.formatting import long_date, medium_date, number, percent, rupiah
from rekanan.domain.identifiers import format_npwp
from rekanan.domain.scorecard import ASPECTS, Band
from rekanan.domain.thresholds import Thresholds
from rekanan.io.export.labels import code_label, label
from rekanan.io.export.pdf_fonts import FAMILY, install_fonts
from rekanan.io.export.scorecard_data import ScorecardExport
from rekanan.io.export.wording import (
    band_text,
    category_text,
    period_span,
    period_text,
    sanction_line,
    score_text,
    trend_text,
)

BAND_RGB = {
    Band.RED: (192, 57, 43),
    Band.AMBER: (230, 162, 0),
    Band.GREEN: (46, 125, 50),
}
_INK = (20, 20, 20)
_MUTED = (90, 90, 90)
_RULE = (0, 0, 0)
_HEAD_FILL = (225, 232, 240)
_GRID = (200, 200, 200)
_MARGIN = 20.0
_PAGE_W = 210.0
_BODY_W = _PAGE_W - 2 * _MARGIN


@dataclass(frozen=True, slots=True)
class Signer:
    """Who signs the scorecard, where and when."""

    name: str = ""
    title: str = ""
    staff_id: str = ""
    place: str = ""
    signed_on: date | None = None

    @classmethod
    def from_agency(
        cls,
        agency: Agency,
        name: str | None = None,
        title: str | None = None,
        signed_on: date | None = None,
        place: str | None = None,
    ) -> Signer:
        """The configured signer, with the command line's name, title and place taking over.

        A signer named on the command line is another person: the configured staff id
        (NIP) is not printed under their name.
        """
        return cls(
            name=name if name is not None else agency.signer_name,
            title=title if title is not None else agency.signer_title,
            staff_id=agency.signer_id if name is None else "",
            place=place if place is not None else agency.place,
            signed_on=signed_on,
        )


@dataclass(frozen=True, slots=True)
class PdfContext:
    """What every scorecard of a batch shares: agency, signer, language, clock, limits."""

    agency: Agency
    signer: Signer
    language: str
    generated_at: datetime
    thresholds: Thresholds


class _Document(FPDF):
    """FPDF with the scorecard's running header and footer."""

    def __init__(self, context: PdfContext, running_title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.context = context
        self.running_title = running_title
        self.set_margins(_MARGIN, 15, _MARGIN)
        self.set_auto_page_break(auto=True, margin=20)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FAMILY, "", 7.5)
        self.set_text_color(*_MUTED)
        self.cell(0, 4, self.running_title, align="L")
        self.ln(6)
        self.set_text_color(*_INK)

    def footer(self) -> None:
        language = self.context.language
        self.set_y(-14)
        self.set_draw_color(*_GRID)
        self.line(_MARGIN, self.get_y(), _PAGE_W - _MARGIN, self.get_y())
        self.ln(1.5)
        self.set_font(FAMILY, "", 7)
        self.set_text_color(*_MUTED)
        when = _generated_text(self.context.generated_at, language)
        self.cell(_BODY_W / 2, 4, label("doc.generated", language, when=when), align="L")
        self.cell(
            _BODY_W / 2,
            4,
            label("doc.page", language, page=self.page_no(), pages="{nb}"),
            align="R",
        )
        self.set_text_color(*_INK)


def _generated_text(moment: datetime, language: str) -> str:
    return f"{long_date(moment.date(), language)} {moment:%H:%M}"


def _texts(item: ScorecardExport, context: PdfContext) -> Iterator[str]:
    """Every variable string the document prints (to pick the font coverage)."""
    card, agency, signer = item.card, context.agency, context.signer
    yield from (agency.government, agency.name, *agency.letterhead, agency.place)
    yield from (signer.name, signer.title, signer.staff_id, signer.place)
    yield from (card.supplier.name, card.supplier.address)
    yield from card.band_reasons
    yield from item.risk.explain(context.language)
    yield from item.service_names.values()
    yield from item.contract_numbers.values()
    for entry in item.contracts_in_force:
        yield entry.contract.title
    for letter in card.letters:
        yield from (letter.letter_number, letter.reason)
    for penalty in card.penalties:
        yield penalty.notes


def render_scorecard_pdf(item: ScorecardExport, context: PdfContext) -> bytes:
    """The scorecard PDF of one supplier, as bytes."""
    card = item.card
    language = context.language
    running = f"{card.supplier.name} · {period_text(card.period, language)}"
    pdf = _Document(context, running)
    install_fonts(pdf, _texts(item, context))
    pdf.set_title(f"{label('doc.title', language)} - {card.supplier.name}")
    pdf.set_author(context.agency.name)
    pdf.set_creator("rekanan")
    pdf.set_creation_date(context.generated_at)
    pdf.add_page()
    _letterhead(pdf, context.agency)
    _title(pdf, item, language)
    _identity(pdf, item, language)
    _sikap(pdf, item, language)
    _kpis(pdf, item, language)
    _sanctions(pdf, item, language)
    _risk(pdf, item, context)
    _trend(pdf, item, language)
    _contracts(pdf, item, language, signature_height(pdf, context))
    _signature(pdf, context)
    return bytes(pdf.output())


def write_scorecard_pdf(item: ScorecardExport, context: PdfContext, path: Path) -> Path:
    """Render and write one scorecard PDF; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_scorecard_pdf(item, context))
    return path


# ------------------------------------------------------------------------- blocks


def _letterhead(pdf: FPDF, agency: Agency) -> None:
    """The kop surat: government, agency, address lines, then a thick and a thin rule."""
    pdf.set_text_color(*_INK)
    pdf.set_font(FAMILY, "B", 13)
    pdf.cell(0, 6.5, agency.government.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 15)
    pdf.cell(0, 7.5, agency.name.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 8.5)
    for line in agency.letterhead:
        pdf.cell(0, 4.3, line, align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 1.8
    pdf.set_draw_color(*_RULE)
    pdf.set_line_width(0.9)
    pdf.line(_MARGIN, y, _PAGE_W - _MARGIN, y)
    pdf.set_line_width(0.25)
    pdf.line(_MARGIN, y + 1.3, _PAGE_W - _MARGIN, y + 1.3)
    pdf.set_line_width(0.2)
    pdf.set_y(y + 5)


def _title(pdf: FPDF, item: ScorecardExport, language: str) -> None:
    card = item.card
    pdf.set_font(FAMILY, "B", 12)
    title = label("doc.title", language)
    pdf.cell(0, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
    width = pdf.get_string_width(title)
    y = pdf.get_y()
    pdf.line((_PAGE_W - width) / 2, y - 0.6, (_PAGE_W + width) / 2, y - 0.6)
    pdf.set_font(FAMILY, "", 9.5)
    pdf.cell(
        0,
        5,
        f"{period_text(card.period, language)} ({period_span(card.period, language)})",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)


def _identity(pdf: FPDF, item: ScorecardExport, language: str) -> None:
    supplier = item.card.supplier
    rows = [
        (label("id.name", language), supplier.name),
        (label("id.npwp", language), format_npwp(supplier.npwp) or "-"),
        (label("id.legal_form", language), code_label("legal", supplier.legal_form, language)),
        (label("id.category", language), code_label("supcat", supplier.category, language)),
        (
            label("id.period", language),
            f"{period_text(item.card.period, language)} ({item.card.period.label})",
        ),
        (label("doc.as_of", language), long_date(item.card.as_of, language)),
    ]
    for key, value in rows:
        pdf.set_font(FAMILY, "", 9.5)
        pdf.cell(42, 5.2, key)
        pdf.cell(4, 5.2, ":")
        pdf.set_font(FAMILY, "B" if key == rows[0][0] else "", 9.5)
        pdf.multi_cell(_BODY_W - 46, 5.2, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _section(pdf: FPDF, text: str, needs: float = 30) -> None:
    """A section heading, kept on the page with at least ``needs`` mm below it."""
    if pdf.get_y() + needs > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.ln(1.5)
    pdf.set_font(FAMILY, "B", 10.5)
    pdf.set_text_color(*_INK)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(0.5)


_LINE_H = 4.3
_PAD_X = 1.5
_PAD_Y = 0.9
_TABLE_GAP = 1.5


def _lines(pdf: FPDF, text: str, width: float) -> list[str]:
    """``text`` broken into the lines a cell of ``width`` mm shows (one, mostly)."""
    if not text:
        return [""]
    if "\n" not in text and pdf.get_string_width(text) <= width:
        return [text]
    lines = pdf.multi_cell(width, _LINE_H, text, dry_run=True, output="LINES")
    return [str(line) for line in lines] if isinstance(lines, list) and lines else [""]


def _table(
    pdf: FPDF,
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    align: Sequence[str],
    bold_last: bool = False,
    keep_after: float = 0.0,
    keep_rows: int = 1,
) -> None:
    """A bordered table with a shaded heading row, repeated on a new page.

    ``keep_after`` mm (the signature block) must fit on the page of the last ``keep_rows``
    rows: when they would not, the page breaks before those rows, so a signature never
    stands alone on a page. Drawn with ``cell`` line by line rather than fpdf2's
    ``table()``, which lays every cell out twice and took half of a scorecard's time.
    """
    scale = _BODY_W / sum(widths)
    cols = [w * scale for w in widths]
    pdf.set_draw_color(*_GRID)
    pdf.set_line_width(0.2)

    def style_of(index: int) -> str:
        return "B" if bold_last and index == len(rows) - 1 else ""

    def measure(values: Sequence[str], style: str) -> tuple[list[list[str]], float]:
        pdf.set_font(FAMILY, style, 8)
        cells = [_lines(pdf, v, w - 2 * _PAD_X) for v, w in zip(values, cols, strict=True)]
        return cells, max(len(c) for c in cells) * _LINE_H + 2 * _PAD_Y

    def draw(values: Sequence[str], style: str, fill: bool) -> None:
        cells, height = measure(values, style)
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            if not fill:
                draw(headings, "B", True)
            pdf.set_font(FAMILY, style, 8)
        y = pdf.get_y()
        x = _MARGIN
        if fill:
            pdf.set_fill_color(*_HEAD_FILL)
        for lines, width, how in zip(cells, cols, align, strict=True):
            pdf.rect(x, y, width, height, style="DF" if fill else "D")
            for n, line in enumerate(lines):
                pdf.set_xy(x + _PAD_X, y + _PAD_Y + n * _LINE_H)
                pdf.cell(width - 2 * _PAD_X, _LINE_H, line, align=how)
            x += width
        pdf.set_xy(_MARGIN, y + height)

    if rows:  # the heading never stands alone at the foot of a page
        _, head_h = measure(headings, "B")
        _, first_h = measure(rows[0], style_of(0))
        if pdf.get_y() + head_h + first_h > pdf.page_break_trigger:
            pdf.add_page()
    draw(headings, "B", True)
    tail = max(len(rows) - max(keep_rows, 1), 0) if keep_after else len(rows)
    for i, values in enumerate(rows):
        if i == tail and i > 0:
            need = sum(measure(r, style_of(tail + n))[1] for n, r in enumerate(rows[tail:]))
            _, head_h = measure(headings, "B")
            fresh = pdf.page_break_trigger - (pdf.t_margin + head_h)
            if pdf.get_y() + need + _TABLE_GAP + keep_after > pdf.page_break_trigger and (
                need + _TABLE_GAP + keep_after <= fresh
            ):
                pdf.add_page()
                draw(headings, "B", True)
        draw(values, style_of(i), False)
    pdf.set_draw_color(*_RULE)
    pdf.ln(_TABLE_GAP)


def _note(pdf: FPDF, text: str, size: float = 8) -> None:
    pdf.set_font(FAMILY, "", size)
    pdf.set_text_color(*_MUTED)
    pdf.multi_cell(0, 3.8, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*_INK)


def _swatch(pdf: FPDF, band: Band, x: float, y: float, size: float = 3.2) -> None:
    pdf.set_fill_color(*BAND_RGB[band])
    pdf.rect(x, y, size, size, style="F")


def _sikap(pdf: FPDF, item: ScorecardExport, language: str) -> None:
    card = item.card
    _section(pdf, label("sec.sikap", language), needs=60)
    total_weight = sum((card.weights.get(a, Decimal(0)) for a in ASPECTS), Decimal(0))
    rows = []
    for n, aspect in enumerate(ASPECTS, start=1):
        weight = card.weights.get(aspect, Decimal(0))
        share = weight / total_weight * 100 if total_weight else Decimal(0)
        score = card.aspects.get(aspect) if card.aspects is not None else None
        weighted = (score * weight / total_weight) if score is not None and total_weight else None
        rows.append(
            [
                str(n),
                label(f"aspect.{aspect}", language),
                percent(share.quantize(Decimal("1")), language, 0),
                score_text(score, language),
                score_text(weighted, language),
            ]
        )
    rows.append(["", label("sikap.final", language), "", "", score_text(card.value, language)])
    _table(
        pdf,
        [label(k, language) for k in ("col.no", "col.aspect", "col.weight", "col.score")]
        + [label("col.weighted", language)],
        rows,
        (10, 80, 25, 25, 30),
        ("C", "L", "C", "C", "C"),
        bold_last=True,
    )
    if card.value is None:
        _note(pdf, label("doc.no_score", language), 8.5)
    # category, band and trend on one line each
    pdf.set_font(FAMILY, "", 9.5)
    pdf.cell(42, 5.2, label("sikap.category", language))
    pdf.cell(4, 5.2, ":")
    pdf.set_font(FAMILY, "B", 9.5)
    pdf.cell(0, 5.2, category_text(card.category, language), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9.5)
    pdf.cell(42, 5.2, label("sikap.band", language))
    pdf.cell(4, 5.2, ":")
    _swatch(pdf, card.band, pdf.get_x(), pdf.get_y() + 1)
    pdf.set_x(pdf.get_x() + 5)
    pdf.set_font(FAMILY, "B", 9.5)
    pdf.cell(0, 5.2, band_text(card.band, language), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9.5)
    pdf.cell(42, 5.2, label("sikap.trend", language))
    pdf.cell(4, 5.2, ":")
    pdf.cell(0, 5.2, trend_text(card, language), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 8.5)
    pdf.cell(0, 4.6, label("sikap.reasons", language) + ":", new_x="LMARGIN", new_y="NEXT")
    _bullets(pdf, card.band_reasons)
    _note(pdf, _typeset(label("sikap.scale", language)), 7.5)


def _bullets(pdf: FPDF, lines: Sequence[str], size: float = 8.5) -> None:
    pdf.set_font(FAMILY, "", size)
    for line in lines:
        pdf.set_x(_MARGIN + 3)
        pdf.cell(4, 4.4, "•")
        pdf.multi_cell(_BODY_W - 7, 4.4, _typeset(line), align="L", new_x="LMARGIN", new_y="NEXT")


def _typeset(text: str) -> str:
    """Plain-text arrows and comparisons of the rules' sentences, as print shows them."""
    return text.replace(" -> ", " → ").replace(" <= ", " ≤ ").replace(" >= ", " ≥ ")


def _hours(value: Decimal | None, language: str) -> str:
    return "-" if value is None else label("kpi.hours", language, value=number(value, language))


def _kpis(pdf: FPDF, item: ScorecardExport, language: str) -> None:
    kpis = item.card.kpis
    _section(pdf, label("sec.kpi", language), needs=40)
    summary = [
        (label("kpi.availability", language), percent(kpis.availability_pct, language, 2)),
        (label("kpi.incidents", language), str(kpis.incidents)),
        (label("kpi.breaches", language), str(kpis.breaches)),
        (label("kpi.sla_met", language), percent(kpis.sla_met_pct, language, 1)),
        (label("kpi.mttr", language), _hours(kpis.mttr_hours, language)),
        (label("kpi.below", language), str(kpis.ucs_below_target)),
    ]
    pdf.set_font(FAMILY, "", 9)
    half = _BODY_W / 2
    for i, (key, value) in enumerate(summary):
        pdf.set_font(FAMILY, "", 9)
        pdf.cell(half - 28, 5, key)
        pdf.set_font(FAMILY, "B", 9)
        pdf.cell(28, 5, value, align="R")
        if i % 2 == 1:
            pdf.ln(5)
        else:
            pdf.cell(4, 5, "")
    pdf.ln(1.5)
    if not kpis.levels:
        _note(pdf, label("kpi.none", language), 8.5)
        return
    rows = []
    for contract, level in kpis.levels:
        target = level.targets.availability_pct
        services = item.services_of(contract)
        rows.append(
            [
                f"{contract.number}\n{services}" if services else contract.number,
                percent(target, language, 2) if target is not None else "-",
                percent(level.availability_pct, language, 2),
                str(level.incidents),
                str(level.breaches),
                number(level.mttr_hours, language) if level.mttr_hours is not None else "-",
            ]
        )
    _table(
        pdf,
        [
            label(k, language)
            for k in (
                "col.contract_services",
                "col.target",
                "col.achieved",
                "col.incidents",
                "col.breaches",
                "col.mttr",
            )
        ],
        rows,
        (70, 15, 20, 20, 26, 19),  # services under the number: one wide column, few lines
        ("L", "R", "R", "R", "R", "R"),
    )


def _sanctions(pdf: FPDF, item: ScorecardExport, language: str) -> None:
    card = item.card
    _section(pdf, label("sec.sanctions", language), needs=25)
    rows: list[tuple[date, list[str]]] = []
    for penalty in card.penalties:
        detail = label("penalty.detail", language, days=penalty.days_late)
        if penalty.notes:
            detail = f"{detail}; {penalty.notes}"
        rows.append(
            (
                penalty.imposed_on,
                [
                    medium_date(penalty.imposed_on, language),
                    label("kind.penalty", language),
                    item.contract_numbers.get(penalty.contract_id, "-"),
                    detail,
                    rupiah(penalty.amount, language),
                ],
            )
        )
    for letter in card.letters:
        detail = " - ".join(x for x in (letter.letter_number, letter.reason) if x) or "-"
        rows.append(
            (
                letter.issued_on,
                [
                    medium_date(letter.issued_on, language),
                    str(letter.level),
                    item.contract_numbers.get(letter.contract_id, "-"),
                    detail,
                    "",
                ],
            )
        )
    if not rows:
        _note(pdf, label("doc.none", language), 8.5)
        return
    rows.sort(key=lambda r: r[0])
    body = [r[1] for r in rows]
    if card.penalties:
        body.append(["", "", "", label("penalty.total", language), rupiah(card.penalty_total)])
    _table(
        pdf,
        [
            label(k, language)
            for k in ("col.date", "col.kind", "col.contract", "col.detail", "col.amount")
        ],
        body,
        (22, 14, 59, 47, 28),
        ("L", "C", "L", "L", "R"),
        bold_last=bool(card.penalties),
    )


def _risk_band(score: int, thresholds: Thresholds) -> tuple[Band, str]:
    if score >= thresholds.blacklist_risk_critical:
        return Band.RED, "risk.level_high"
    if score >= thresholds.blacklist_risk_warning:
        return Band.AMBER, "risk.level_medium"
    return Band.GREEN, "risk.level_low"


def _risk(pdf: FPDF, item: ScorecardExport, context: PdfContext) -> None:
    language = context.language
    score = item.risk.score
    band, level_key = _risk_band(score, context.thresholds)
    day = long_date(item.card.as_of, language)
    _section(pdf, label("sec.risk_as_of", language, day=day), needs=30)
    for sanction in item.sanctions_running:
        pdf.set_font(FAMILY, "B", 9.5)
        pdf.set_text_color(*BAND_RGB[Band.RED])
        line = sanction_line(sanction, language)
        pdf.multi_cell(0, 5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*_INK)
    pdf.set_font(FAMILY, "", 9.5)
    pdf.cell(42, 6, label("risk.score", language))
    pdf.cell(4, 6, ":")
    x, y = pdf.get_x(), pdf.get_y() + 1.2
    bar_w, bar_h = 60.0, 3.6
    pdf.set_draw_color(*_GRID)
    pdf.set_fill_color(238, 238, 238)
    pdf.rect(x, y, bar_w, bar_h, style="DF")
    if score > 0:
        pdf.set_fill_color(*BAND_RGB[band])
        pdf.rect(x, y, bar_w * min(score, 100) / 100, bar_h, style="F")
    pdf.set_x(x + bar_w + 3)
    pdf.set_font(FAMILY, "B", 9.5)
    text = f"{label('risk.of', language, score=score)} ({label(level_key, language)})"
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    reasons = item.risk.explain(language)
    if reasons:
        # The rules' sentences already end in "(+points)"; only the arrows are typeset.
        _bullets(pdf, reasons)
    else:
        _note(pdf, label("risk.none", language), 8.5)
    _note(pdf, label("risk.note", language), 7.5)


def _trend(pdf: FPDF, item: ScorecardExport, language: str) -> None:
    """Bars of N for the last six periods on a 0-3 scale, coloured by band."""
    history = item.card.history
    chart_h = 34.0
    _section(pdf, label("sec.trend", language), needs=chart_h + 16)
    left = _MARGIN + 10
    top = pdf.get_y() + 2
    width = _BODY_W - 14
    bottom = top + chart_h
    pdf.set_font(FAMILY, "", 7)
    pdf.set_draw_color(*_GRID)
    pdf.set_text_color(*_MUTED)
    for level in range(4):
        y = bottom - chart_h * level / 3
        pdf.line(left, y, left + width, y)
        pdf.set_xy(left - 9, y - 2)
        pdf.cell(7, 4, str(level), align="R")
    slot = width / max(1, len(history))
    bar_w = slot * 0.5
    for i, point in enumerate(history):
        x = left + slot * i + (slot - bar_w) / 2
        if point.value is not None:
            height = chart_h * float(min(point.value, Decimal(3))) / 3
            pdf.set_fill_color(*BAND_RGB[point.band])
            if height > 0:
                pdf.rect(x, bottom - height, bar_w, height, style="F")
            pdf.set_text_color(*_INK)
            pdf.set_font(FAMILY, "B", 7.5)
            pdf.set_xy(x - 2, bottom - height - 4.2)
            pdf.cell(bar_w + 4, 4, score_text(point.value, language), align="C")
        else:
            pdf.set_text_color(*_MUTED)
            pdf.set_font(FAMILY, "", 6.5)
            pdf.set_xy(x - 4, bottom - 4.5)
            pdf.cell(bar_w + 8, 4, label("chart.empty", language), align="C")
        pdf.set_text_color(*_INK if point.period == item.card.period else _MUTED)
        pdf.set_font(FAMILY, "B" if point.period == item.card.period else "", 7)
        pdf.set_xy(left + slot * i, bottom + 1)
        pdf.cell(slot, 4, point.period.label, align="C")
    pdf.set_draw_color(*_RULE)
    pdf.set_text_color(*_INK)
    pdf.set_y(bottom + 7)


def _contracts(pdf: FPDF, item: ScorecardExport, language: str, keep_after: float) -> None:
    """Section F, the last: its last contract and total stay with the signature below."""
    if not item.contracts_in_force:
        _section(pdf, label("sec.contracts", language), needs=12 + keep_after)
        _note(pdf, label("doc.none", language), 8.5)
        return
    _section(pdf, label("sec.contracts", language), needs=25)
    rows = [
        [
            entry.contract.number,
            entry.contract.title,
            rupiah(entry.contract.value, language),
            medium_date(entry.end, language)
            if entry.end is not None
            else label("contracts.open_end", language),
        ]
        for entry in item.contracts_in_force
    ]
    rows.append(["", label("contracts.total", language), rupiah(item.value_in_force), ""])
    _table(
        pdf,
        [label(k, language) for k in ("col.number", "col.title", "col.value", "col.end")],
        rows,
        (59, 56, 33, 22),
        ("L", "L", "R", "L"),
        bold_last=True,
        keep_after=keep_after,
        keep_rows=2,
    )


_SIGN_X = _MARGIN + _BODY_W * 0.55
_SIGN_W = _BODY_W * 0.45


def signature_height(pdf: FPDF, context: PdfContext) -> float:
    """The height of the signature block, in mm (what must stay with the last rows)."""
    title = context.signer.title or context.agency.signer_title
    pdf.set_font(FAMILY, "", 9.5)
    lines = len(_lines(pdf, title, _SIGN_W))
    return 5 + 5 + 5 * lines + 20 + 5 + (5 if context.signer.staff_id else 0)


def _signature(pdf: FPDF, context: PdfContext) -> None:
    """Place and date, the signer's title, room to sign, the name and staff id."""
    signer = context.signer
    language = context.language
    if pdf.get_y() + signature_height(pdf, context) > pdf.page_break_trigger:
        pdf.add_page()
    pdf.ln(5)
    x = _SIGN_X
    width = _SIGN_W
    signed_on = signer.signed_on or context.generated_at.date()
    place = signer.place or context.agency.place
    pdf.set_font(FAMILY, "", 9.5)
    pdf.set_x(x)
    pdf.cell(width, 5, f"{place}, {long_date(signed_on, language)}", align="C")
    pdf.ln(5)
    title = signer.title or context.agency.signer_title
    pdf.set_x(x)
    pdf.multi_cell(width, 5, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(20)
    pdf.set_x(x)
    pdf.set_font(FAMILY, "B", 9.5)
    name = signer.name or label("sign.blank_name", language)
    pdf.cell(width, 5, name, align="C")
    if signer.name:
        name_w = pdf.get_string_width(name)
        y = pdf.get_y() + 4.6
        pdf.line(x + (width - name_w) / 2, y, x + (width + name_w) / 2, y)
    pdf.ln(5)
    if signer.staff_id:
        pdf.set_font(FAMILY, "", 9)
        pdf.set_x(x)
        pdf.cell(width, 5, label("sign.id", language, value=signer.staff_id), align="C")
        pdf.ln(5)
