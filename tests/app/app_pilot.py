"""Helpers of the app tests: build the app on a database and wait for its workers."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from textual.worker import WorkerCancelled, WorkerState

from rekanan.app import RekananApp, make_app
from rekanan.config import Settings

AS_OF = date(2026, 11, 23)
"""The day the shared ``seeded_db`` fixture loads the demo as of; the app counts from it."""


def make_settings(language: str = "id", **extra: Any) -> Settings:
    """Settings of a test run: fixed user, defaults otherwise."""
    return Settings(language=language, user="tester", **extra)


def build(db: Any, language: str = "id", **settings: Any) -> RekananApp:
    """The real app on ``db``, counting from the fixed day."""
    return make_app(make_settings(language, **settings), db, as_of=AS_OF)


async def settle(pilot: Any, rounds: int = 80) -> None:
    """Wait until no worker runs and the messages they caused are handled (no sleeping)."""
    app = pilot.app
    for _ in range(rounds):
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            await pilot.pause()
            return
    raise AssertionError("workers still running after many rounds")
