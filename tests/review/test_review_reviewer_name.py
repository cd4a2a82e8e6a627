"""The chooser asks who is reviewing: the name typed there is recorded on the session, and
a name that came from the computer account is said to be one."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from rekanan.config import Settings
from rekanan.models.review import ReviewSession

AS_OF = date(2026, 11, 23)


async def _chooser(app, pilot):  # type: ignore[no-untyped-def]
    from rekanan.screens.review import ReviewScreen

    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.push_screen(ReviewScreen())
    for _ in range(20):
        await app.workers.wait_for_complete()
        await pilot.pause()
    return app.screen


@pytest.mark.parametrize("from_os", [True, False])
async def test_the_typed_reviewer_is_recorded_on_the_session(
    seeded_db, backend_name: str, from_os: bool
) -> None:
    if backend_name != "sqlite":
        pytest.skip("the UI session runs once, on SQLite")
    from textual.widgets import Input

    from rekanan.app import make_app

    settings = Settings(user="budi", database="x", user_from_os=from_os)
    app = make_app(settings, seeded_db, as_of=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _chooser(app, pilot)
        field = screen.query_one("#review-reviewer", Input)
        assert field.value == "budi"
        note = str(screen.query_one("#review-reviewer-note").render())
        assert ("akun komputer" in note) is from_os
        field.value = "Sri Wahyuni, S.Kom."
        field.focus()
        await pilot.press("enter")  # back to the scopes
        await pilot.press("enter")  # the first scope: decisions due
        for _ in range(20):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert screen.page is not None
    with seeded_db.session() as s:
        sessions = s.exec(select(ReviewSession)).all()
        assert [row.reviewer for row in sessions] == ["Sri Wahyuni, S.Kom."]
