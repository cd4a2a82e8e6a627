"""Pilot helpers of the register tests: wait for workers without sleeping."""

from __future__ import annotations

import contextlib
from typing import Any

from textual.worker import WorkerCancelled, WorkerState


async def settle(pilot: Any, rounds: int = 50) -> None:
    """Wait until no worker runs and every message they caused has been handled.

    ``wait_for_complete`` raises when an exclusive worker was cancelled by a newer one
    (search as you type does that on purpose), so wait again until all are done.
    """
    app = pilot.app
    for _ in range(rounds):
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            await pilot.pause()
            return
    raise AssertionError("workers still running after many rounds")
