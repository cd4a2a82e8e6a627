"""SVG snapshots at 120x40 in Indonesian and English: a supplier detail (performance tab),
a contract detail (timeline and summary) and a form showing validation errors.

Deterministic: the small agency is fixed, the host counts from a fixed day, the screenshot
is taken once every worker is done, and input cursors do not blink. Update with
``pytest tests/ui/test_registers_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from registers_pilot import RegistersHost, open_test_database, seed_small, settle
from textual.widgets import Input

from rekanan.models import Evaluation
from rekanan.screens.contract_detail import ContractDetailScreen
from rekanan.screens.forms import RecordForm
from rekanan.screens.supplier_detail import SupplierDetailScreen

SIZE = (120, 40)


@pytest.fixture
def small(tmp_path):
    db = open_test_database(tmp_path / "snapshots.db")
    ids = seed_small(db)
    with db.writer() as w:  # a few scored quarters, so the sparkline has a line to draw
        for start, end, scores in (
            (date(2025, 4, 1), date(2025, 6, 30), (2, 2, 2, 2)),
            (date(2025, 7, 1), date(2025, 9, 30), (3, 2, 3, 3)),
            (date(2025, 10, 1), date(2025, 12, 31), (2, 2, 1, 2)),
        ):
            w.create(
                Evaluation(
                    supplier_id=ids["maju"],
                    contract_id=ids["webdev"],
                    period_start=start,
                    period_end=end,
                    quality=scores[0],
                    cost=scores[1],
                    timeliness=scores[2],
                    service=scores[3],
                    evaluator="Sri",
                    evaluated_on=end + timedelta(days=5),
                )
            )
    return db, ids


async def _steady(pilot) -> None:
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("language", ["id", "en"])
def test_supplier_detail(snap_compare, small, language) -> None:
    db, ids = small
    app = RegistersHost(db, SupplierDetailScreen(ids["maju"], tab="performance"), language=language)
    assert snap_compare(app, terminal_size=SIZE, run_before=_steady)


@pytest.mark.parametrize("language", ["id", "en"])
def test_contract_detail(snap_compare, small, language) -> None:
    db, ids = small
    app = RegistersHost(db, ContractDetailScreen(ids["link"]), language=language)
    assert snap_compare(app, terminal_size=SIZE, run_before=_steady)


@pytest.mark.parametrize("language", ["id", "en"])
def test_form_with_validation_errors(snap_compare, small, language) -> None:
    db, _ = small

    async def refused(pilot) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, RecordForm)
        screen.query_one("#field-number", Input).value = "602.1/09/KTR/2026"
        screen.query_one("#field-title", Input).value = "Colocation pusat data"
        screen.query_one("#field-supplier_id", Input).value = "PT Tidak Ada"
        screen.query_one("#field-value", Input).value = "dua ratus juta"
        await pilot.press("ctrl+s")
        await _steady(pilot)

    app = RegistersHost(db, RecordForm("contract"), language=language)
    assert snap_compare(app, terminal_size=SIZE, run_before=refused)
