"""F46: the hand-picked scope says which typed entries match no contract, before starting."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlmodel import select

from rekanan.config import Settings
from rekanan.models.contract import Contract
from rekanan.models.review import ReviewSession
from rekanan.screens.review_summary import match_picked

AS_OF = date(2026, 11, 23)


def _data(*numbers: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(id=i, number=n) for i, n in enumerate(numbers, start=1)]


def test_full_short_and_id_entries_match_and_the_rest_are_named() -> None:
    data = _data(
        "000.3.3/132/KTR/Diskominfo/2026",
        "000.3.3/302/SPK/Diskominfo/2026",
        "000.3.3/303/SPK/Diskominfo/2025",
    )
    found, missing = match_picked(
        data, ("132", "000.3.3/302/SPK/Diskominfo/2026", "999", "3", "2026", "SPK")
    )
    # '132' is the short number of contract 1; '3' is an id; '2026' and 'SPK' are shared.
    assert found == (1, 2, 3)
    assert missing == ("999", "2026", "SPK")


def test_nothing_missing_when_every_entry_matches() -> None:
    found, missing = match_picked(_data("A/1/X"), ("a/1/x", "1"))
    assert found == (1,) and missing == ()


async def test_the_chooser_names_the_missing_entries_and_starts_nothing(
    seeded_db, backend_name: str
) -> None:
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite")
    from textual.widgets import Input

    from rekanan.app import make_app
    from rekanan.screens.review import ReviewScreen

    db = seeded_db
    with db.session() as s:
        number = s.exec(select(Contract).order_by(Contract.id)).first().number
        before = len(s.exec(select(ReviewSession)).all())
    app = make_app(Settings(user="tester", database="x"), db, as_of=AS_OF)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.push_screen(ReviewScreen())
        for _ in range(20):
            await app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        screen.query_one("#review-picked", Input).value = f"{number}, 99999, zz-9"
        screen.query_one("#review-picked", Input).focus()
        await pilot.press("enter")
        for _ in range(20):
            await app.workers.wait_for_complete()
            await pilot.pause()
        status = str(screen.query_one("#review-status").render())
        assert "Tidak ditemukan: 99999, zz-9." in status
        assert screen.page is None
    with db.session() as s:
        assert len(s.exec(select(ReviewSession)).all()) == before
