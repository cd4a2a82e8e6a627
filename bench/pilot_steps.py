"""Drive the running app with Pilot and time the contract register (benchmark (b)).

Filled in against ``rekanan.app.make_app`` and the contract screen as they land.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from harness import Measure, Unavailable


async def pilot_measures(db: Path, runs: int, tmp: Path, as_of: date) -> dict[str, Measure | str]:
    """Timings per step (``open``, ``scroll``, ``search``, ``filter``, ``sort``) or why not."""
    try:
        from rekanan.app import make_app  # noqa: F401
    except ImportError as error:
        raise Unavailable(f"rekanan.app.make_app does not exist yet ({error})") from error
    raise Unavailable("the contract screen is not wired yet")
