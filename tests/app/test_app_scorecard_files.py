"""Scorecard spreadsheets of two suppliers are two files; a file is replaced only when asked
twice; the dialog starts in the folder used last (F44)."""

from __future__ import annotations

from app_pilot import AS_OF, build, settle
from sqlmodel import select
from textual.widgets import Input

from rekanan.models import Supplier
from rekanan.screens.scorecard_dialog import ScorecardDialog


async def export_xlsx(app, pilot, supplier: Supplier, folder=None) -> ScorecardDialog:
    assert supplier.id is not None
    app.push_screen(ScorecardDialog(supplier.id, supplier.name, day=AS_OF))
    await settle(pilot)
    dialog = app.screen
    assert isinstance(dialog, ScorecardDialog)
    await pilot.click("#scorecard-xlsx")
    await pilot.pause()
    if folder is not None:
        dialog.query_one("#scorecard-folder", Input).value = str(folder)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return dialog


async def test_two_suppliers_two_files_and_no_silent_overwrite(demo_db, tmp_path) -> None:
    with demo_db.session() as session:
        first, second = session.exec(select(Supplier).order_by(Supplier.id).limit(2)).all()
    app = build(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await export_xlsx(app, pilot, first, tmp_path)
        await export_xlsx(app, pilot, second)  # the folder is remembered
        names = sorted(p.name for p in tmp_path.glob("*.xlsx"))
        assert len(names) == 2
        assert all(f"-{s.id}.xlsx" in " ".join(names) for s in (first, second))
        before = {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.xlsx")}
        dialog = await export_xlsx(app, pilot, first)
        assert app.screen is dialog
        assert "sudah ada" in str(dialog.query_one("#scorecard-folder-hint").render())
        assert {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.xlsx")} == before
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog
        assert app.errors == []
