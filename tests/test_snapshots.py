"""Snapshots of the screens a user sees, fixed theme and sizes, on the fixture archive.

Accept a changed picture with ``pytest --snapshot-update`` only after looking
at snapshot_report.html. Snapshots change with Textual's version (pinned).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from app_helpers import app_on, search_shown
from textual.pilot import Pilot

from tui.app import BitextApp


def then(*keys: str, setup: Callable[[BitextApp], None] | None = None
         ) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)
        if setup:
            setup(pilot.app)  # type: ignore[arg-type]
        await pilot.press(*keys)
        await pilot.pause(0.3)

    return run_before


def test_list_and_reader_120x40(snap_compare: Any, fixture_archive: Path) -> None:
    assert snap_compare(app_on(fixture_archive), terminal_size=(120, 40), run_before=then())


def test_list_and_reader_80x24(snap_compare: Any, fixture_archive: Path) -> None:
    assert snap_compare(app_on(fixture_archive), terminal_size=(80, 24), run_before=then())


def test_stacked_layout_with_a_selected_bead(snap_compare: Any, fixture_archive: Path) -> None:
    def stacked(app: BitextApp) -> None:
        app.reader.layout_mode = "stacked"

    assert snap_compare(app_on(fixture_archive), terminal_size=(120, 40),
                        run_before=then("j", "j", "j", "tab", "j", setup=stacked))


def test_help_screen(snap_compare: Any, fixture_archive: Path) -> None:
    assert snap_compare(app_on(fixture_archive), terminal_size=(120, 40),
                        run_before=then("question_mark"))


def test_raw_view_with_repairs_and_damage(snap_compare: Any, fixture_archive: Path) -> None:
    assert snap_compare(app_on(fixture_archive), terminal_size=(120, 40),
                        run_before=then("j", "j", "j", "r"))


def searched(query: str, *keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Put a query in the search bar (cursor frozen), wait for its results, press keys.

    The query arrives whole: typed a key at a time, which of the partial queries
    get searched depends on timing, and with them where the list cursor ends up.
    """
    async def run_before(pilot: Pilot[None]) -> None:
        app: BitextApp = pilot.app  # type: ignore[assignment]
        await app.workers.wait_for_complete()
        await pilot.press("slash")
        app.search_bar.input.cursor_blink = False
        app.search_bar.input.value = query
        await search_shown(pilot, query)
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)

    return run_before


def test_search_marks_hits_and_their_translation(snap_compare: Any,
                                                 fixture_archive: Path) -> None:
    assert snap_compare(app_on(fixture_archive), terminal_size=(120, 40),
                        run_before=searched("白俄罗斯 OR 会见", "ctrl+t"))


def test_concordance_screen(snap_compare: Any, fixture_archive: Path) -> None:
    assert snap_compare(app_on(fixture_archive), terminal_size=(140, 30),
                        run_before=searched("合作", "escape", "c"))


def test_reader_marks_beads_with_findings(snap_compare: Any, fixture_archive: Path) -> None:
    # 2018-11-12: 黃良華 is "Lee Wong" in the English (a name to review, bead 2)
    assert snap_compare(app_on(fixture_archive), terminal_size=(120, 40),
                        run_before=then("j", "j", "j", "j", "tab", "j"))


def test_findings_screen_with_recovered_readings(snap_compare: Any,
                                                 fixture_archive: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await then("j", "j", "j", "tab", "e")(pilot)
        await pilot.app.workers.wait_for_complete()  # the readings come from a worker
        await pilot.pause(0.2)

    assert snap_compare(app_on(fixture_archive), terminal_size=(120, 30), run_before=run_before)


def test_list_and_reader_200x50(snap_compare: Any, fixture_archive: Path) -> None:
    """Wide: side by side, titles whole, Chinese broken by its own rules."""
    assert snap_compare(app_on(fixture_archive), terminal_size=(200, 50),
                        run_before=then("j", "j", "j"))


def test_help_screen_80x24_scrolled_to_the_editing_keys(snap_compare: Any,
                                                        fixture_archive: Path) -> None:
    assert snap_compare(app_on(fixture_archive), terminal_size=(80, 24),
                        run_before=then("question_mark", "G"))


def test_concordance_screen_80x24(snap_compare: Any, fixture_archive: Path) -> None:
    """At 80 columns the translation column is on screen too."""
    assert snap_compare(app_on(fixture_archive), terminal_size=(80, 24),
                        run_before=searched("合作", "escape", "c"))


def test_focus_mode_80x24(snap_compare: Any, fixture_archive: Path) -> None:
    """The list hidden (f): the reader alone, stacked rows with their gutter on one line."""
    assert snap_compare(app_on(fixture_archive), terminal_size=(80, 24),
                        run_before=then("j", "f"))


def _aligned(app: BitextApp) -> None:
    """Every entry's sentence pairs made before ``S``, which then finds them at once."""
    assert app.archive is not None
    for entry in app.archive.entries():
        app.archive.sentences_of(entry)


def test_sentence_rows(snap_compare: Any, fixture_archive: Path) -> None:
    """``S``: each bead as its aligned sentence pairs (the first bead's finding still marked)."""
    assert snap_compare(app_on(fixture_archive), terminal_size=(120, 40),
                        run_before=then("S", setup=_aligned))
