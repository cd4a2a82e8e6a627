"""The product tester's review findings: queue order and its count against the dashboard
(F20), the status line out of the toasts' way (F19), the footer at 120 columns (F22),
"Lanjutkan sesi: ..." (F27), and the words Rekanan / Tinjauan with field labels in the
audit trail (F21)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import col, select

from rekanan.config import Settings
from rekanan.domain.alert import Severity
from rekanan.domain.review import QueueItem, ReviewScope, ScopeKind
from rekanan.models.audit import AuditEntry
from rekanan.models.contract import Contract
from rekanan.store.database import Database
from rekanan.store.review import start_session

AS_OF = date(2026, 11, 23)


def _item(contract_id: int, days: int | None, severity: Severity | None) -> QueueItem:
    return QueueItem(
        contract_id=contract_id,
        number=f"K/{contract_id:03d}",
        title="",
        supplier_name="",
        value=Decimal(1),
        due=None,
        days_left=days,
        severity=severity,
        risk_score=0,
        why=(),
    )


def test_overdue_comes_first_then_the_worst_alert_then_the_nearest_date() -> None:
    items = [
        _item(62, 60, Severity.CRITICAL),  # decision in 60 days, a critical gap
        _item(41, 15, Severity.WARNING),
        _item(141, -20, Severity.CRITICAL),
        _item(72, -75, Severity.WARNING),  # decision overdue 75 days
        _item(99, None, None),
    ]
    ordered = [i.contract_id for i in sorted(items, key=QueueItem.urgency)]
    assert ordered == [72, 141, 62, 41, 99]


def test_a_picked_scope_read_back_keeps_its_size() -> None:
    scope = ReviewScope(ScopeKind.PICKED, contract_ids=(3, 5))
    again = ReviewScope.parse(scope.code())
    assert again.describe("id") == "2 kontrak pilihan"
    assert again.describe("en") == "2 hand-picked contracts"


def test_scopes_say_rekanan_and_not_decided() -> None:
    assert "rekanan" in ReviewScope(ScopeKind.RISK).describe("id")
    assert "belum diputuskan" in ReviewScope(ScopeKind.DUE, days=90).describe("id")


def test_audit_summary_names_fields_and_the_review_in_words(db: Database) -> None:
    with db.writer() as w:
        from rekanan.models.supplier import Supplier

        supplier = w.create(Supplier(name="PT Audit"))
        contract = w.create(
            Contract(
                number="K/1",
                title="Uji",
                supplier_id=supplier,
                value=Decimal(1),
                start_date=date(2026, 1, 1),
                end_date=date(2026, 12, 31),
            )
        )
    state = start_session(db, "due:90", [contract, contract], "budi")
    from rekanan.store.review import move_to

    assert move_to(db, state.id, 1).position == 1
    with db.writer() as w:
        w.update(Contract, contract, {"end_date": date(2027, 1, 31)}, expected_version=1)
    with db.session() as s:
        summaries = [e.summary for e in s.exec(select(AuditEntry).order_by(col(AuditEntry.id)))]
    text = "\n".join(summaries)
    assert "kajian" not in text
    assert "Sesi tinjauan" in text and "diubah: posisi" in text
    assert any(x.endswith("diubah: tanggal berakhir") for x in summaries), summaries
    assert "end_date" not in text and "position" not in text


async def _settle(app: Any, pilot: Any, screen: Any = None) -> None:
    for _ in range(40):
        await app.workers.wait_for_complete()
        await pilot.pause()
        target = screen or app.screen
        if not getattr(target, "busy", False) and not app.workers._workers:
            return
    raise AssertionError("the screen stayed busy")


async def test_chooser_explains_the_dashboard_count_and_the_page_fits_120_columns(
    seeded_db: Database, backend_name: str
) -> None:
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite")
    from textual.widgets import Footer, OptionList, Static
    from textual.widgets._footer import FooterKey

    from rekanan.app import make_app
    from rekanan.screens.review import ReviewScreen

    app = make_app(Settings(user="tester", database="x"), seeded_db, as_of=AS_OF)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _settle(app, pilot)
        await pilot.press("r")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await _settle(app, pilot, screen)
        note = str(screen.query_one("#review-scope-note", Static).render())
        due, dashboard = screen.counts["due"], screen.counts["dashboard-due"]
        assert due != dashboard  # the demo: contracts without renewal terms, a draft, ...
        assert f"menghitung {dashboard} kontrak" in note and f"memuat {due} kontrak" in note

        await pilot.press("enter")
        await _settle(app, pilot, screen)
        assert screen.page is not None
        first = screen.page
        assert first.dates.days_to_decision is not None and first.dates.days_to_decision < 0

        # F22: every decision key and the report key are in the footer, inside 120 columns;
        # the screen keys 1-5 are not (they still work).
        await pilot.pause()
        shown = {
            key.key: key.region
            for key in screen.query_one(Footer).query(FooterKey)
            if key.region.width
        }
        for key in ("p", "n", "t", "x", "e", "d", "s", "u", "l"):
            assert key in shown, sorted(shown)
            assert shown[key].right <= 120 - 12, (key, shown[key])  # before "^p Perintah"
        assert not {"1", "2", "3", "4", "5"} & set(shown)

        # F19: a message sits under the title, away from the toasts at the bottom right.
        await pilot.press("e")  # escalate: recorded, with a message
        await _settle(app, pilot, screen)
        status = screen.query_one("#review-status", Static)
        assert status.display and "dicatat" in str(status.render())
        assert status.region.y <= 2
        app.notify("Tersimpan.")
        await pilot.pause()

        # F27: leaving and coming back offers "Lanjutkan sesi: <scope> (...)".
        await pilot.press("escape")
        await _settle(app, pilot)
        await pilot.press("2")  # the screen keys still work from the app
        await _settle(app, pilot)
        await pilot.press("r")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await _settle(app, pilot, screen)
        resume = str(screen.query_one("#review-scopes", OptionList).get_option_at_index(0).prompt)
        assert resume.startswith("Lanjutkan sesi: ") and "(1 dari " in resume
