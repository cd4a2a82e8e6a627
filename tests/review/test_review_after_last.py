"""F38: after the last decision of a queue, going back to the page shows it as decided
(fresh header and history), not the page as it was before the decision."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import col, select

from rekanan.config import Settings
from rekanan.models.contract import Contract
from rekanan.models.enums import ContractStatus, ReviewDecisionKind
from rekanan.store.database import Database

AS_OF = date(2026, 11, 23)


async def test_back_from_the_summary_shows_the_decided_page(
    seeded_db: Database, backend_name: str
) -> None:
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite")
    from textual.widgets import Input, Static

    from rekanan.app import make_app
    from rekanan.screens.review import SUMMARY, ReviewScreen

    with seeded_db.session() as s:
        number = s.exec(
            select(Contract.number)
            .where(Contract.status == ContractStatus.ACTIVE)
            .order_by(col(Contract.id))
        ).first()
    assert number
    app = make_app(Settings(user="tester", database="x"), seeded_db, as_of=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await app.push_screen(ReviewScreen())
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen.query_one("#review-picked", Input).value = number
        screen.query_one("#review-picked", Input).focus()
        await pilot.press("enter")
        await _settle(app, pilot, screen)
        await pilot.press("e")  # the only contract: the summary opens
        await _settle(app, pilot, screen)
        assert screen.mode == SUMMARY
        await pilot.press("left")
        await _settle(app, pilot, screen)
        header = str(screen.query_one("#review-header", Static).render())
        assert "0 belum diputuskan" in header and "sudah diputuskan" in header
        assert screen.page is not None
        assert [r.decision for r in screen.page.previous] == [ReviewDecisionKind.ESCALATE]


async def _settle(app: Any, pilot: Any, screen: Any = None) -> None:
    for _ in range(40):
        await app.workers.wait_for_complete()
        await pilot.pause()
        target = screen or app.screen
        if not getattr(target, "busy", False) and not app.workers._workers:
            return
    raise AssertionError("the screen stayed busy")
