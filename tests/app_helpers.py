"""Driving the app in Pilot tests: build it, wait for its workers, wait for a search."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tui.app import BitextApp, make_app


def app_on(path: Path) -> BitextApp:
    """The app on ``path`` with a fixed theme and nothing remembered, as snapshots need."""
    return make_app(path, theme="textual-dark", fresh=True)


async def ready(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await settled(pilot)


async def settled(pilot: Pilot[None]) -> None:
    """Wait until the reader shows the entry under the list cursor (it follows on a timer)."""
    app: BitextApp = pilot.app  # type: ignore[assignment]
    for _ in range(100):
        await pilot.pause(0.02)
        current, shown = app.entries.current, app.reader.entry
        if current is None or (shown is not None and shown.id == current.id):
            await pilot.pause()  # and laid out
            return


async def search_shown(pilot: Pilot[None], query: str) -> None:
    """Wait until the results of ``query`` are on screen (the search runs in a worker)."""
    app: BitextApp = pilot.app  # type: ignore[assignment]
    for _ in range(200):
        await pilot.pause(0.02)
        if app.search.shown == query and app.search.query == query:
            break
    await app.workers.wait_for_complete()
    await pilot.pause(0.1)
