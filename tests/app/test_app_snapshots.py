"""SVG snapshots of the dashboard and the alerts screen at 120x40, in both languages.

Deterministic: the demo is loaded as of a fixed day and the app counts from it (no clock);
the screenshot is taken once every worker is done. Update with ``--snapshot-update``.
"""

from __future__ import annotations

import pytest
from app_pilot import build, settle

SIZE = (120, 40)


@pytest.mark.parametrize("language", ["id", "en"])
def test_dashboard(snap_compare, demo_db, language) -> None:
    async def ready(pilot) -> None:
        await settle(pilot)

    assert snap_compare(build(demo_db, language), terminal_size=SIZE, run_before=ready)


@pytest.mark.parametrize("language", ["id", "en"])
def test_alerts(snap_compare, demo_db, language) -> None:
    async def ready(pilot) -> None:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)

    assert snap_compare(build(demo_db, language), terminal_size=SIZE, run_before=ready)
