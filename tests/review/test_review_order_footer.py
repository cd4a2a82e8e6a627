"""Findings G23 and G6: the due queue in date order, said on the page, and a page footer
that fits 120 columns with every key the README lists still there (``?`` shows the rest)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from review_data import AS_OF, agency, contract, service, sla, uc

from rekanan.config import Settings
from rekanan.domain.alert import SEVERITY_ORDER
from rekanan.domain.review import QueueItem, ReviewContext, ReviewScope, ScopeKind, build_queue
from rekanan.domain.thresholds import Thresholds
from rekanan.models.enums import Criticality, SupplierCategory
from rekanan.store.database import Database


def test_the_due_queue_takes_the_soonest_date_first_even_behind_a_worse_alert() -> None:
    # G23: 2 decides on 31 Jan 2027 and has a critical SLA gap (a UC weaker than the SLA of
    # a critical service);
    # 1 decides on 8 Dec 2026 with nothing worse than its renewal alert. By urgency 2 came
    # first; a reviewer working from the top must meet the December decision first.
    soon = contract(1, end_date=date(2027, 5, 7))
    gap = uc(2, response_hours=Decimal("8"))
    data = agency(
        services=[replace(service(1), criticality=Criticality.CRITICAL)],
        slas=[sla(1, 1, response_hours=Decimal("4"))],
        contracts=[gap, soon],
    )
    context = ReviewContext.build(data, AS_OF, Thresholds(), "id")
    queue = build_queue(context, ReviewScope(ScopeKind.DUE, days=90))
    assert [i.contract_id for i in queue] == [1, 2]
    by_id = {i.contract_id: i for i in queue}
    assert by_id[1].scope_date == date(2026, 12, 8)
    assert by_id[2].scope_date == date(2027, 1, 31)
    assert by_id[2].severity is not None and by_id[1].severity is not None
    assert SEVERITY_ORDER[by_id[2].severity] < SEVERITY_ORDER[by_id[1].severity]
    # The other scopes keep urgency: the worst alert first.
    assert [i.contract_id for i in sorted(queue, key=QueueItem.urgency)] == [2, 1]


def test_the_due_queue_puts_the_longest_overdue_first_then_the_soonest() -> None:
    late = contract(1, end_date=date(2027, 3, 31))  # the decision date has passed
    later = contract(2, end_date=date(2027, 4, 30))  # the decision is still to come
    earliest = contract(3, end_date=date(2027, 2, 28))  # passed longer ago
    data = agency(contracts=[later, late, earliest])
    queue = build_queue(
        ReviewContext.build(data, AS_OF, Thresholds(), "id"), ReviewScope(ScopeKind.DUE)
    )
    assert [i.contract_id for i in queue] == [3, 1, 2]
    days = [i.scope_date for i in queue]
    assert days == sorted(d for d in days if d is not None)


@pytest.mark.parametrize(
    ("scope", "indonesian", "english"),
    [
        (ReviewScope(ScopeKind.DUE, days=90), "terdekat dulu", "soonest decision or notice"),
        (
            ReviewScope(ScopeKind.CATEGORY, category=SupplierCategory.STRATEGIC),
            "belum pernah ditinjau dulu",
            "never reviewed first",
        ),
        (ReviewScope(ScopeKind.RISK), "peringatan terberat", "most severe alert"),
        (ReviewScope(ScopeKind.SLA_GAPS), "peringatan terberat", "most severe alert"),
        (ReviewScope(ScopeKind.PICKED, size=2), "peringatan terberat", "most severe alert"),
    ],
)
def test_every_scope_says_how_its_queue_is_ordered(
    scope: ReviewScope, indonesian: str, english: str
) -> None:
    said_id, said_en = scope.order("id"), scope.order("en")
    assert said_id.startswith("Urutan: ") and indonesian in said_id
    assert said_en.startswith("Order: ") and english in said_en
    assert ReviewScope.parse(scope.code()).order("en") == said_en  # a resumed session


async def _settle(app: Any, pilot: Any, screen: Any = None) -> None:
    for _ in range(40):
        await app.workers.wait_for_complete()
        await pilot.pause()
        target = screen or app.screen
        if not getattr(target, "busy", False) and not app.workers._workers:
            return
    raise AssertionError("the screen stayed busy")


@pytest.mark.parametrize("language", ["id", "en"])
async def test_the_page_at_120_columns_says_the_order_and_its_footer_fits(
    seeded_db: Database,
    backend_name: str,
    language: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite")
    monkeypatch.setenv("REKANAN_DATA_DIR", str(tmp_path / "data"))
    from textual.widgets import Footer, Static
    from textual.widgets._footer import FooterKey

    from rekanan.app import make_app
    from rekanan.screens.help import HelpScreen
    from rekanan.screens.review import ReviewScreen

    app = make_app(Settings(user="tester", language=language, database="x"), seeded_db, as_of=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press("r")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await _settle(app, pilot, screen)
        await pilot.press("enter")  # the due scope
        await _settle(app, pilot, screen)
        assert screen.session is not None and screen.page is not None

        # G23: the line under the header says how the queue is ordered, and it is so.
        order = str(screen.query_one("#review-order", Static).render())
        assert order == ReviewScope(ScopeKind.DUE, days=90).order(language)
        assert order.startswith("Urutan: " if language == "id" else "Order: ")
        days = [screen.items[i].scope_date for i in screen.session.queue]
        assert None not in days and days == sorted(days)  # type: ignore[type-var]

        # G6: every footer entry is whole inside 120 columns, nothing cut at the right.
        await pilot.pause()
        keys = [k for k in screen.query_one(Footer).query(FooterKey) if k.region.width]
        shown = {k.key: k for k in keys}
        for key in ("p", "n", "t", "x", "e", "d", "s", "u", "l", "escape", "question_mark"):
            assert key in shown, sorted(shown)
        for key in keys:
            assert key.region.right <= 120, (key.key, key.region)
        assert "ctrl+q" not in shown and "ctrl+p" not in shown  # both work, ? lists them

        # The keys the README lists but the footer has no room for are in the help, with
        # the arrows (not only [ and ]) for moving between contracts.
        await pilot.press("question_mark")
        await _settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        listed = {k.binding_id: k.key for k in app.screen.keys}
        assert "→" in listed["review.next"] and "←" in listed["review.previous"]
        for binding_id in ("review.history", "review.write_report", "review.undo", "app.quit"):
            assert binding_id in listed, sorted(listed)
        await pilot.press("escape")
        await _settle(app, pilot)

        # `w` on a contract page writes the session's report, as the README says.
        await pilot.press("w")
        await _settle(app, pilot, screen)
        written = sorted(p.suffix for p in (tmp_path / "data" / "laporan").iterdir())
        assert written == [".pdf", ".xlsx"]
        assert screen.mode == "review-page"

        # The summary keeps its own footer: w, Ctrl+Q and the command palette back.
        await pilot.press("l")
        await _settle(app, pilot, screen)
        await pilot.pause()
        shown = {k.key for k in screen.query_one(Footer).query(FooterKey) if k.region.width}
        assert {"w", "ctrl+q", "ctrl+p"} <= shown, sorted(shown)
        assert not {"p", "t"} & shown
