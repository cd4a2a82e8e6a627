"""Scorecards as tables: one summary row per supplier and period, and the detail of one.

Both the XLSX and the CSV read these tables, so a number has one definition whatever the
format. Values stay numbers (Decimal, int, date); text is neutralised by the writers.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rekanan.domain.identifiers import format_npwp
from rekanan.domain.scorecard import ASPECTS
from rekanan.io.export.csv_safe import Cell
from rekanan.io.export.labels import code_label, label
from rekanan.io.export.scorecard_data import ScorecardExport
from rekanan.io.export.tables import Column, Kind, Table
from rekanan.io.export.wording import band_text, category_text

_HOUR = Decimal(3600)


def _cols(language: str, spec: Iterable[tuple[str, Kind]]) -> tuple[Column, ...]:
    return tuple(Column(label(key, language), kind) for key, kind in spec)


SUMMARY_SPEC: tuple[tuple[str, Kind], ...] = (
    ("head.supplier", Kind.TEXT),
    ("head.npwp", Kind.TEXT),
    ("head.legal_form", Kind.TEXT),
    ("head.category", Kind.TEXT),
    ("head.period", Kind.TEXT),
    ("head.period_start", Kind.DATE),
    ("head.period_end", Kind.DATE),
    ("head.quality", Kind.DECIMAL),
    ("head.cost", Kind.DECIMAL),
    ("head.timeliness", Kind.DECIMAL),
    ("head.service", Kind.DECIMAL),
    ("head.value", Kind.DECIMAL),
    ("head.sikap", Kind.TEXT),
    ("head.band", Kind.TEXT),
    ("head.previous", Kind.DECIMAL),
    ("head.trend", Kind.TEXT),
    ("head.availability", Kind.PERCENT),
    ("head.incidents", Kind.INT),
    ("head.breaches", Kind.INT),
    ("head.sla_met", Kind.PERCENT),
    ("head.mttr", Kind.DECIMAL),
    ("head.penalties", Kind.INT),
    ("head.penalty_total", Kind.RUPIAH),
    ("head.letters", Kind.INT),
    ("head.highest_letter", Kind.TEXT),
    ("head.risk", Kind.INT),
    ("head.contracts_in_force", Kind.INT),
    ("head.value_in_force", Kind.RUPIAH),
    ("head.as_of", Kind.DATE),
)


def summary_row(item: ScorecardExport) -> tuple[Cell, ...]:
    """One supplier and period as a row of ``SUMMARY_SPEC``."""
    card, language = item.card, item.language
    aspects = card.aspects or {}
    letter = item.highest_letter
    return (
        card.supplier.name,
        format_npwp(card.supplier.npwp),
        code_label("legal", card.supplier.legal_form, language),
        code_label("supcat", card.supplier.category, language),
        card.period.label,
        card.period.start,
        card.period.end,
        *(aspects.get(a) for a in ASPECTS),
        card.value,
        category_text(card.category, language) if card.category else None,
        band_text(card.band, language),
        card.previous_value,
        code_label("trendword", card.trend.value, language) if card.trend is not None else None,
        card.kpis.availability_pct,
        card.kpis.incidents,
        card.kpis.breaches,
        card.kpis.sla_met_pct,
        card.kpis.mttr_hours,
        len(card.penalties),
        card.penalty_total,
        len(card.letters),
        str(letter) if letter is not None else None,
        item.risk.score,
        len(item.contracts_in_force),
        item.value_in_force,
        card.as_of,
    )


def summary_table(items: Iterable[ScorecardExport], language: str = "id") -> Table:
    """The summary sheet: one row per supplier and period."""
    return Table(
        label("sheet.summary", language),
        _cols(language, SUMMARY_SPEC),
        tuple(summary_row(item) for item in items),
    )


def aspects_table(item: ScorecardExport) -> Table:
    """SIKaP aspects with weights, scores and weighted scores, then the final value."""
    card, language = item.card, item.language
    total = sum((card.weights.get(a, Decimal(0)) for a in ASPECTS), Decimal(0))
    rows: list[tuple[Cell, ...]] = []
    for aspect in ASPECTS:
        weight = card.weights.get(aspect, Decimal(0))
        share = weight / total * 100 if total else Decimal(0)
        score = card.aspects.get(aspect) if card.aspects is not None else None
        weighted = (
            (score * weight / total).quantize(Decimal("0.01"))
            if score is not None and total
            else None
        )
        rows.append((label(f"aspect.{aspect}", language), share, score, weighted))
    rows.append((label("sikap.final", language), None, None, card.value))
    rows.append(
        (label("sikap.category", language), None, None, category_text(card.category, language))
    )
    rows.append((label("sikap.band", language), None, None, band_text(card.band, language)))
    return Table(
        label("sheet.aspects", language),
        _cols(
            language,
            (
                ("head.aspect", Kind.TEXT),
                ("head.weight", Kind.PERCENT),
                ("head.score", Kind.DECIMAL),
                ("head.weighted", Kind.DECIMAL),
            ),
        ),
        tuple(rows),
    )


def kpis_table(item: ScorecardExport) -> Table:
    """Service levels of each UC in the period."""
    language = item.language
    rows = tuple(
        (
            contract.number,
            item.services_of(contract),
            level.targets.availability_pct,
            level.availability_pct,
            level.downtime_hours,
            level.incidents,
            level.response_breaches,
            level.resolution_breaches,
            level.mttr_hours,
        )
        for contract, level in item.card.kpis.levels
    )
    return Table(
        label("sheet.kpis", language),
        _cols(
            language,
            (
                ("head.contract", Kind.TEXT),
                ("head.services", Kind.TEXT),
                ("head.target_availability", Kind.PERCENT),
                ("head.achieved_availability", Kind.PERCENT),
                ("head.downtime", Kind.DECIMAL),
                ("head.incidents", Kind.INT),
                ("head.response_breaches", Kind.INT),
                ("head.resolution_breaches", Kind.INT),
                ("head.mttr", Kind.DECIMAL),
            ),
        ),
        rows,
    )


def incidents_table(item: ScorecardExport) -> Table:
    """Incidents blamed on the supplier's contracts that started in the period."""
    language = item.language
    rows = []
    for incident in item.incidents:
        hours = (
            (
                Decimal(int((incident.resolved_at - incident.started_at).total_seconds())) / _HOUR
            ).quantize(Decimal("0.01"))
            if incident.resolved_at is not None
            else None
        )
        service = item.service_names.get(incident.service_id, "")
        code, _, name = service.partition(" ")
        rows.append(
            (
                item.contract_numbers.get(incident.contract_id or -1, ""),
                code,
                name,
                incident.started_at,
                incident.responded_at,
                incident.resolved_at,
                hours,
                code_label("incident", incident.severity, language),
                label("yes" if incident.causes_downtime else "no", language),
                incident.description,
            )
        )
    return Table(
        label("sheet.incidents", language),
        _cols(
            language,
            (
                ("head.contract", Kind.TEXT),
                ("head.service_code", Kind.TEXT),
                ("head.service_name", Kind.TEXT),
                ("head.started", Kind.DATETIME),
                ("head.responded", Kind.DATETIME),
                ("head.resolved", Kind.DATETIME),
                ("head.resolve_hours", Kind.DECIMAL),
                ("head.severity", Kind.TEXT),
                ("head.downtime_flag", Kind.TEXT),
                ("head.description", Kind.TEXT),
            ),
        ),
        tuple(rows),
    )


def penalties_table(item: ScorecardExport) -> Table:
    """Penalties imposed in the period."""
    language = item.language
    rows = tuple(
        (
            p.imposed_on,
            item.contract_numbers.get(p.contract_id, ""),
            p.days_late,
            p.base_amount,
            p.amount,
            p.notes,
        )
        for p in sorted(item.card.penalties, key=lambda p: p.imposed_on)
    )
    return Table(
        label("sheet.penalties", language),
        _cols(
            language,
            (
                ("head.date", Kind.DATE),
                ("head.contract", Kind.TEXT),
                ("head.days_late", Kind.INT),
                ("head.base_amount", Kind.RUPIAH),
                ("head.amount", Kind.RUPIAH),
                ("head.notes", Kind.TEXT),
            ),
        ),
        rows,
    )


def letters_table(item: ScorecardExport) -> Table:
    """Warning letters issued in the period."""
    language = item.language
    rows = tuple(
        (
            w.issued_on,
            str(w.level),
            item.contract_numbers.get(w.contract_id, ""),
            w.letter_number,
            w.reason,
        )
        for w in item.card.letters
    )
    return Table(
        label("sheet.letters", language),
        _cols(
            language,
            (
                ("head.date", Kind.DATE),
                ("head.level", Kind.TEXT),
                ("head.contract", Kind.TEXT),
                ("head.letter_number", Kind.TEXT),
                ("head.reason", Kind.TEXT),
            ),
        ),
        rows,
    )


def detail_tables(item: ScorecardExport) -> list[Table]:
    """The detail sheets of a single supplier's workbook."""
    return [
        aspects_table(item),
        kpis_table(item),
        incidents_table(item),
        penalties_table(item),
        letters_table(item),
    ]
