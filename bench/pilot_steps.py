"""Drive the running app with Pilot and time the contract register (benchmark (b)).

Each step that fetches is timed from the key press (or the filter change) until the
register's new rows are in its table (the worker's window applied; the screen draws them at
its next refresh): what a person waits for. Pilot itself waits for the app to go idle after
every key, tens of milliseconds that are no part of the answer, so the clock is read when the
rows land, not when Pilot returns; what Pilot adds is timed apart, as a key that changes
nothing. Steps: open the contract list, page down (no fetch: until Pilot returns), jump to the
end (a new window from the database), one search keystroke at a time, a filter, a sort.

The host is ``rekanan.app.make_app`` when it exists; until then a small bench host app that
pushes the real ``ContractsScreen`` over the store (the row says so).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

from harness import Measure, Unavailable

SEARCH_TEXT = "jaya"
TIMEOUT = 120.0


class _EngineStore:
    """Stand-in for ``rekanan.store.database.Database`` while it has not landed: sessions."""

    def __init__(self, path: Path) -> None:
        from sqlalchemy import create_engine

        from rekanan.config import database_url

        self.engine = create_engine(database_url(str(path)))

    def session(self) -> Any:
        from sqlmodel import Session

        return Session(self.engine)


def _database(db: Path) -> tuple[Any, str]:
    try:
        from rekanan.store.database import open_database
    except ImportError:
        return _EngineStore(db), "a bench engine (store.database not landed)"
    return open_database(str(db), read_only=True), "open_database"


def _host(db: Path, as_of: date) -> tuple[Any, str, bool]:
    """The app to drive, a sentence on what it is, and whether it opens on its own screens."""
    from rekanan.config import Settings

    settings = Settings(database=str(db), read_only=True)
    try:
        from rekanan.app import make_app
    except ImportError:
        make_app = None
    if make_app is not None:
        import inspect

        store, how = _database(db)
        params = inspect.signature(make_app).parameters
        kwargs: dict[str, Any] = {}
        if "as_of" in params:
            kwargs["as_of"] = as_of
        app = make_app(settings, store, **kwargs) if len(params) > 1 else make_app(settings)
        if getattr(app, "as_of", None) is None or "as_of" not in params:
            with contextlib.suppress(AttributeError):
                app.as_of = as_of
        return app, f"rekanan.app.make_app over {how}", True
    try:
        from textual.app import App
    except ImportError as error:
        raise Unavailable(f"textual cannot be imported ({error})") from error
    store, how = _database(db)

    class BenchHost(App[None]):
        """Hosts the real register screens with the attributes they read from the app."""

        def __init__(self) -> None:
            super().__init__()
            self.settings = settings
            self.db = store
            self.as_of = as_of
            self.language = "id"

    return BenchHost(), f"a bench host app over {how} (rekanan.app not landed)", False


async def _settle(pilot: Any) -> None:
    """Wait for every worker and the messages they caused (cancelled ones count as done)."""
    from textual.worker import WorkerCancelled, WorkerState

    app = pilot.app
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
            await pilot.pause()
            return
    raise TimeoutError("workers still running")


async def _loaded(pilot: Any, table: Any, generation: int) -> None:
    """Wait until the table fetched a window newer than ``generation`` and showed it."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        await pilot.pause()
        if table._generation > generation and not table._fetching:
            await pilot.pause()
            return
    raise TimeoutError("the register did not load")


FILLED: list[float] = []
"""When the register last put a window of rows into its table (``perf_counter``)."""


def _watch_fills(table: Any) -> None:
    """Note the moment each window of rows is in the table."""
    original = table._fill

    def fill(rows: Any, cursor: int) -> None:
        original(rows, cursor)
        FILLED.append(time.perf_counter())

    table._fill = fill


async def _timed(
    pilot: Any, table: Any, act: Callable[[], Awaitable[None]], fetches: bool = True
) -> float:
    generation = table._generation
    t0 = time.perf_counter()
    await act()
    if fetches:
        await _loaded(pilot, table, generation)
        landed = [t for t in FILLED if t >= t0]
        if landed:
            return landed[-1] - t0
    else:
        await pilot.pause()
    return time.perf_counter() - t0


async def pilot_measures(db: Path, runs: int, tmp: Path, as_of: date) -> dict[str, Measure | str]:
    """Timings per step (``open``, ``scroll``, ``end``, ``search``, ``filter``, ``sort``)."""
    try:
        from rekanan.screens.contracts import ContractsScreen
        from rekanan.widgets.paged_table import PagedTable
    except ImportError as error:
        raise Unavailable(f"the contract screen cannot be imported ({error})") from error
    samples: dict[str, list[float]] = {k: [] for k in ("open", "scroll", "end", "search")}
    samples.update({"filter": [], "sort": [], "pilot": []})
    hosts: set[str] = set()
    for _ in range(runs):
        app, how, _own = _host(db, as_of)
        hosts.add(how)
        async with app.run_test(size=(120, 40)) as pilot:
            await _settle(pilot)
            t0 = time.perf_counter()
            await app.push_screen(ContractsScreen())
            screen = app.screen
            table = screen.query_one(PagedTable)
            _watch_fills(table)
            await _loaded(pilot, table, 0)
            samples["open"].append(time.perf_counter() - t0)
            table.focus()
            await pilot.pause()

            async def nothing() -> None:
                await pilot.press("f20")  # bound to nothing: Pilot's own wait, alone

            samples["pilot"].append(await _timed(pilot, table, nothing, fetches=False))

            async def page_down() -> None:
                await pilot.press("pagedown")

            samples["scroll"].append(await _timed(pilot, table, page_down, fetches=False))

            async def to_end() -> None:
                await pilot.press("ctrl+end")

            # A register that fits one window (the demo) jumps to its end without a fetch.
            beyond = table.window_offset + len(table.rows) < table.total
            samples["end"].append(await _timed(pilot, table, to_end, fetches=beyond))
            screen.action_focus_search()
            await pilot.pause()
            for char in SEARCH_TEXT:

                async def key(char: str = char) -> None:
                    await pilot.press(char)

                samples["search"].append(await _timed(pilot, table, key))

            async def clear(screen: Any = screen) -> None:
                screen.action_clear_filters()

            await _timed(pilot, table, clear)
            from textual.widgets import Select

            async def only_ucs(screen: Any = screen) -> None:
                screen.query_one("#filter-uc", Select).value = "yes"

            samples["filter"].append(await _timed(pilot, table, only_ucs))
            table.focus()
            await pilot.pause()

            async def sort() -> None:
                await pilot.press("s")

            samples["sort"].append(await _timed(pilot, table, sort))
            await _settle(pilot)
    result: dict[str, Measure | str] = {k: Measure(v) for k, v in samples.items() if v}
    result["host"] = "; ".join(sorted(hosts))
    return result
