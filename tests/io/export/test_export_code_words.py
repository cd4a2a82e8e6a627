"""Exports print words, not codes: alert kinds, the trend, the supplier sheet's name (F45)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from export_factories import AS_OF, sample_agency
from openpyxl import load_workbook

from rekanan.domain.alert import AlertKind
from rekanan.domain.alerts import compute_alerts
from rekanan.domain.scorecard import Trend
from rekanan.io.export.labels import code_label, label
from rekanan.io.export.registers import alerts_table, suppliers_table, write_register
from rekanan.io.export.scorecard_data import ScorecardExport
from rekanan.io.export.scorecard_tables import summary_row, summary_table


def test_every_alert_kind_has_a_word_in_both_languages() -> None:
    for kind in AlertKind:
        for language in ("id", "en"):
            word = code_label("alertkind", kind.value, language)
            assert word != kind.value and "_" not in word


def test_the_alert_register_names_kinds_in_words(tmp_path: Path) -> None:
    alerts = compute_alerts(sample_agency(), AS_OF)
    path = write_register(alerts_table(alerts), tmp_path / "a.xlsx", "xlsx")
    sheet = load_workbook(path)["Peringatan"]
    header = [c.value for c in sheet[1]]
    column = header.index(label("head.alert_kind", "id"))
    kinds = {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert kinds
    assert not kinds & {k.value for k in AlertKind}
    assert code_label("alertkind", alerts[0].kind.value, "id") in kinds


def test_the_scorecard_trend_is_a_word(items_id: list[ScorecardExport]) -> None:
    item = items_id[0]
    flat = replace(item, card=replace(item.card, trend=Trend.FLAT, previous_value=item.card.value))
    header = [c.header for c in summary_table([flat], "id").columns]
    assert summary_row(flat)[header.index(label("head.trend", "id"))] == "tetap"


def test_the_supplier_sheet_is_called_rekanan() -> None:
    assert suppliers_table([], "id").title == "Rekanan"
