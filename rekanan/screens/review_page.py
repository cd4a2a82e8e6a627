"""One contract's review page as Rich renderables: facts on the left, judgement on the right.

Pure formatting of ``rekanan.domain.review.ReviewPage``: no database, no rules. The labels
are Indonesian catalogue ids translated with ``tr``; the rules' sentences come already in
the person's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.dom import DOMNode

from rekanan.domain import formatting
from rekanan.domain.alert import Severity
from rekanan.domain.review import ReviewPage
from rekanan.domain.scorecard import Band, Trend
from rekanan.domain.service_levels import ServiceLevel
from rekanan.i18n import N_
from rekanan.models.enums import RenewalKind, ReviewDecisionKind
from rekanan.screens.register_support import label, language, thresholds_of, tr

BAND_STYLES = {
    Band.RED: "bold white on red",
    Band.AMBER: "bold black on yellow",
    Band.GREEN: "bold white on green",
}
SEVERITY_STYLES = {Severity.CRITICAL: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
BAND_LABELS = {Band.RED: N_("merah"), Band.AMBER: N_("kuning"), Band.GREEN: N_("hijau")}
TREND_MARKS = {Trend.UP: "▲", Trend.DOWN: "▼", Trend.FLAT: "="}
DECISION_LABELS = {
    ReviewDecisionKind.RENEW: N_("Perpanjang"),
    ReviewDecisionKind.RENEGOTIATE: N_("Negosiasi ulang"),
    ReviewDecisionKind.RETENDER: N_("Tender ulang"),
    ReviewDecisionKind.TERMINATE: N_("Putus"),
    ReviewDecisionKind.ESCALATE: N_("Eskalasi"),
    ReviewDecisionKind.DEFER: N_("Tunda (keputusan)"),
    ReviewDecisionKind.SKIP: N_("Lewati"),
}
"""Decision words of the review (``Tunda`` alone means *snooze* on the alerts screen)."""

DECISION_STYLES = {
    ReviewDecisionKind.RENEW: "bold green",
    ReviewDecisionKind.RENEGOTIATE: "bold yellow",
    ReviewDecisionKind.RETENDER: "bold magenta",
    ReviewDecisionKind.TERMINATE: "bold red",
    ReviewDecisionKind.ESCALATE: "bold bright_red",
    ReviewDecisionKind.DEFER: "bold cyan",
    ReviewDecisionKind.SKIP: "dim",
}


def decision_label(node: DOMNode, kind: ReviewDecisionKind) -> str:
    """The decision in the UI language."""
    return tr(node, DECISION_LABELS[kind])


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def _facts(rows: Iterable[tuple[str, Text | str]]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    for key, value in rows:
        table.add_row(key, value if isinstance(value, Text) else Text(value))
    return table


def _bullets(lines: Iterable[str | Text], style: str = "") -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for line in lines:
        table.add_row(
            Text("•", style="dim"), line if isinstance(line, Text) else Text(line, style=style)
        )
    return table


def _left(node: DOMNode, days: int | None) -> Text:
    if days is None:
        return Text("")
    if days < 0:
        return Text(tr(node, " (lewat {n} hari)", n=-days), style="bold red")
    style = (
        "bold red" if days <= 7 else "yellow" if days <= 30 else "cyan" if days <= 90 else "green"
    )
    if days == 0:
        return Text(tr(node, " (hari ini)"), style=style)
    return Text(tr(node, " ({n} hari lagi)", n=days), style=style)


def _dated(node: DOMNode, value: date | None, days: int | None) -> Text:
    lang = language(node)
    return Text(formatting.medium_date(value, lang)) + _left(node, days)


def _pct(node: DOMNode, value: Decimal | None) -> str:
    return formatting.percent(value, language(node), 2)


def identity(node: DOMNode, page: ReviewPage) -> RenderableType:
    """Number, title, supplier and category, status, value."""
    contract, supplier = page.contract, page.supplier
    lang = language(node)
    title = Text.assemble((contract.number, "bold"), "  ", (contract.title, "bold"))
    return Group(
        title,
        _facts(
            [
                (
                    tr(node, "Nama rekanan"),
                    Text.assemble(
                        (supplier.name if supplier else "-", "bold"),
                        f"  ({label(node, supplier.category) if supplier else '-'})",
                    ),
                ),
                (tr(node, "Status"), label(node, contract.status)),
                (tr(node, "Nilai"), formatting.rupiah(contract.value, lang)),
                (
                    tr(node, "Kontrak pendukung"),
                    tr(node, "Ya") if contract.is_underpinning else tr(node, "Tidak"),
                ),
            ]
        ),
    )


def dates(node: DOMNode, page: ReviewPage) -> RenderableType:
    """Start, end, notice deadline and decision date with days left; renewals."""
    contract, d = page.contract, page.dates
    lang = language(node)
    if contract.renewal_kind == RenewalKind.TACIT and contract.max_renewals > 0:
        renewals = tr(
            node,
            "{used} terpakai, {left} tersisa (maks. {max})",
            used=contract.renewals_used + d.rolled_terms,
            left=d.renewals_left if d.renewals_left is not None else "-",
            max=contract.max_renewals,
        )
    elif contract.renewal_kind == RenewalKind.TACIT:
        renewals = tr(
            node, "{used} terpakai, tanpa batas", used=contract.renewals_used + d.rolled_terms
        )
    else:
        renewals = tr(node, "{used} terpakai", used=contract.renewals_used)
    rows: list[tuple[str, Text | str]] = [
        (tr(node, "Mulai"), formatting.medium_date(contract.start_date, lang)),
        (tr(node, "Berakhir"), _dated(node, d.end, d.days_to_end)),
        (
            tr(node, "Batas pemberitahuan"),
            _dated(node, d.notice_deadline_working, d.days_to_notice),
        ),
        (tr(node, "Tanggal keputusan"), _dated(node, d.decision_date, d.days_to_decision)),
        (
            tr(node, "Perpanjangan"),
            f"{label(node, contract.renewal_kind)}; {renewals}",
        ),
    ]
    if page.deferred_until is not None:
        rows.append(
            (
                tr(node, "Ditunda sampai"),
                Text(formatting.medium_date(page.deferred_until, lang), style="cyan"),
            )
        )
    return Group(_heading(tr(node, "Tanggal penting")), _facts(rows))


def suggestion(node: DOMNode, page: ReviewPage) -> RenderableType:
    """The suggested decision with its reasons and the rule, marked as a suggestion."""
    s = page.suggestion
    head = Text.assemble(
        (tr(node, "Saran aturan: "), "bold"),
        (decision_label(node, s.decision).upper(), DECISION_STYLES.get(s.decision, "bold")),
        (tr(node, "  (keputusan tetap pada Anda)"), "dim italic"),
    )
    return Group(head, _bullets(s.reasons), Text(s.rule, style="dim italic"))


def scorecard(node: DOMNode, page: ReviewPage) -> RenderableType:
    """SIKaP value, category, band and trend, with the last six periods."""
    card = page.scorecard
    lang = language(node)
    if card is None:
        return Group(_heading(tr(node, "Kartu kinerja")), Text("-"))
    value = (
        formatting.number(card.value, lang, 2)
        if card.value is not None
        else tr(node, "belum dinilai")
    )
    line = Text.assemble(
        f"{card.period.label}: N ",
        (value, "bold"),
        f" {card.category or ''} ",
        (f" {tr(node, BAND_LABELS[card.band])} ", BAND_STYLES[card.band]),
    )
    if card.trend is not None:
        previous = formatting.number(card.previous_value, lang, 2)
        line += Text(f"  {TREND_MARKS[card.trend]} {tr(node, 'dari')} {previous}")
    history = Text()
    for point in card.history:
        shown = formatting.number(point.value, lang, 2) if point.value is not None else "–"
        history += Text(f"{point.period.label} ", style="dim")
        history += Text(
            shown,
            style=BAND_STYLES[point.band].replace("bold ", "")
            if point.value is not None
            else "dim",
        )
        history += Text("  ")
    reasons = _bullets(card.band_reasons[:3], style="dim")
    return Group(_heading(tr(node, "Kartu kinerja")), line, history, reasons)


def _level_row(node: DOMNode, name: str, level: ServiceLevel) -> list[Text]:
    met = level.availability_met
    style = "green" if met else "bold red" if met is False else ""
    return [
        Text(name, overflow="ellipsis", no_wrap=True),
        Text(_pct(node, level.targets.availability_pct), justify="right"),
        Text(_pct(node, level.availability_pct), style=style, justify="right"),
        Text(str(level.incidents), justify="right"),
        Text(str(level.breaches), style="bold red" if level.breaches else "", justify="right"),
    ]


def service_levels(node: DOMNode, page: ReviewPage) -> RenderableType:
    """Achievement of the UC and of the services it underpins over the last 90 days."""
    lang = language(node)
    heading = _heading(
        tr(
            node,
            "Capaian SLA {start} s.d. {end}",
            start=formatting.medium_date(page.sla_window.start, lang),
            end=formatting.medium_date(page.sla_window.end, lang),
        )
    )
    if page.uc_level is None and not page.services:
        return Group(
            heading,
            Text(tr(node, "Bukan kontrak pendukung; tidak ada SLA yang diukur."), style="dim"),
        )
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="dim")
    for name, justify in (
        (tr(node, "Apa"), "left"),
        (tr(node, "Target"), "right"),
        (tr(node, "Tercapai"), "right"),
        (tr(node, "Insiden"), "right"),
        (tr(node, "Langgar"), "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    if page.uc_level is not None:
        table.add_row(*_level_row(node, tr(node, "UC ini"), page.uc_level))
    for facts in page.services:
        table.add_row(*_level_row(node, f"{facts.code} {facts.name}", facts.level))
    return Group(heading, table)


def gaps(node: DOMNode, page: ReviewPage) -> RenderableType:
    """SLA/UC alignment and coverage gaps of this contract and its services."""
    heading = _heading(tr(node, "Celah penyelarasan SLA/UC"))
    if not page.gaps:
        return Group(heading, Text(tr(node, "Tidak ada."), style="green"))
    lines = []
    for alert in page.gaps:
        lines.append(Text(alert.title, style=SEVERITY_STYLES[alert.severity]))
    return Group(heading, _bullets(lines))


def penalties(node: DOMNode, page: ReviewPage) -> RenderableType:
    """Penalties against the cap, grace days against the limit, warning letters."""
    lang = language(node)
    status = page.penalty
    share = (status.share * 100).quantize(Decimal("0.1")) if status.share is not None else None
    share_style = (
        "bold red" if status.at_cap else "yellow" if share is not None and share >= 80 else ""
    )
    rows: list[tuple[str, Text | str]] = [
        (
            tr(node, "Denda"),
            Text.assemble(
                f"{formatting.rupiah(status.total, lang)} / {formatting.rupiah(status.cap, lang)} ",
                (f"({formatting.percent(share, lang, 1)})", share_style),
            ),
        ),
        (tr(node, "Hari terlambat"), str(status.days_late)),
        (
            tr(node, "Pemberian kesempatan"),
            tr(
                node,
                "{used} dari {max} hari",
                used=status.grace_days,
                max=thresholds_of(node).grace_days_max,
            )
            + (
                f"; {tr(node, 'sampai')} {formatting.medium_date(status.grace_end, lang)}"
                if status.grace_end
                else ""
            ),
        ),
    ]
    letters = [
        Text.assemble(
            (str(x.level), "bold red" if x.level.value == "SP3" else "yellow"),
            f" {formatting.medium_date(x.issued_on, lang)} {x.letter_number} {x.reason}".rstrip(),
        )
        for x in page.letters
    ]
    rows.append((tr(node, "Surat peringatan"), tr(node, "tidak ada") if not letters else ""))
    parts: list[RenderableType] = [_heading(tr(node, "Denda dan peringatan")), _facts(rows)]
    if letters:
        parts.append(_bullets(letters))
    return Group(*parts)


def sanctions(node: DOMNode, page: ReviewPage) -> RenderableType:
    """The supplier's sanctions, running ones first and in red; the blacklist-risk score."""
    lang = language(node)
    parts: list[RenderableType] = [_heading(tr(node, "Sanksi dan risiko daftar hitam"))]
    if page.sanctions:
        lines = []
        for s in page.sanctions:
            running = s in page.running_sanctions
            lines.append(
                Text(
                    f"{label(node, s.kind)} ({label(node, s.source)}, {label(node, s.status)}) "
                    f"{formatting.medium_date(s.start_date, lang)} – "
                    f"{formatting.medium_date(s.end_date, lang)}",
                    style="bold red" if running else "dim",
                )
            )
        parts.append(_bullets(lines))
    else:
        parts.append(Text(tr(node, "Tidak ada sanksi."), style="green"))
    score = page.risk.score
    limits = thresholds_of(node)
    style = (
        "bold red"
        if score >= limits.blacklist_risk_critical
        else "yellow"
        if score >= limits.blacklist_risk_warning
        else "green"
    )
    parts.append(Text.assemble(tr(node, "Skor risiko: "), (f"{score}/100", style)))
    parts.append(_bullets(page.risk.explain(lang)[:4], style="dim"))
    return Group(*parts)


def alerts(node: DOMNode, page: ReviewPage) -> RenderableType:
    """The contract's alerts (snoozed ones marked)."""
    heading = _heading(tr(node, "Peringatan"))
    if not page.alerts:
        return Group(heading, Text(tr(node, "Tidak ada."), style="green"))
    lang = language(node)
    lines = []
    for alert in page.alerts:
        line = Text(alert.title, style=SEVERITY_STYLES[alert.severity])
        if alert.snoozed_until is not None:
            line += Text(
                tr(
                    node,
                    " (ditunda s.d. {day})",
                    day=formatting.medium_date(alert.snoozed_until, lang),
                ),
                style="dim",
            )
        lines.append(line)
    return Group(heading, _bullets(lines))


def previous(node: DOMNode, page: ReviewPage) -> RenderableType:
    """Earlier review decisions with their notes, newest first."""
    heading = _heading(tr(node, "Keputusan sebelumnya"))
    if not page.previous:
        return Group(heading, Text(tr(node, "Belum pernah ditinjau."), style="dim"))
    lang = language(node)
    lines = []
    for r in page.previous[:6]:
        line = Text.assemble(
            f"{formatting.medium_date(r.decided_on, lang)} ",
            (decision_label(node, r.decision), DECISION_STYLES.get(r.decision, "")),
            f" – {r.reviewer}" if r.reviewer else "",
        )
        if r.defer_until:
            line += Text(tr(node, " s.d. {day}", day=formatting.medium_date(r.defer_until, lang)))
        if r.notes:
            line += Text(f": {r.notes}", style="italic")
        lines.append(line)
    return Group(heading, _bullets(lines))


def left_column(node: DOMNode, page: ReviewPage) -> RenderableType:
    """The record: who, when, how much, what went wrong."""
    blank = Text("")
    return Group(
        identity(node, page),
        blank,
        dates(node, page),
        blank,
        penalties(node, page),
        blank,
        sanctions(node, page),
    )


def right_column(node: DOMNode, page: ReviewPage) -> RenderableType:
    """The judgement: suggestion, performance, service levels, gaps, alerts, history."""
    blank = Text("")
    return Group(
        suggestion(node, page),
        blank,
        scorecard(node, page),
        blank,
        service_levels(node, page),
        blank,
        gaps(node, page),
        blank,
        alerts(node, page),
        blank,
        previous(node, page),
    )
