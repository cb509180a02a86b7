"""Search in the app through Pilot: the bar, both modes, highlights, n/N and the concordance."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import app_on, ready, search_shown, settled
from textual.pilot import Pilot
from textual.widgets import DataTable, Footer, Input, Static

from store.search.syllables import readings
from tui.app import BitextApp
from tui.app.screens.concordance import ConcordanceScreen
from tui.app.widgets.reader import BeadRow

pytestmark = pytest.mark.asyncio

BELARUS = "20181108-73f05ce4"  # event 5, the only one naming Belarus


async def search(pilot: Pilot[None], query: str) -> None:
    """Type a query into the open bar, a key at a time, and wait for its results."""
    app: BitextApp = pilot.app  # type: ignore[assignment]
    app.search_bar.input.value = ""
    for ch in query:
        await pilot.press(ch if ch != " " else "space")
    await search_shown(pilot, query)


def status(app: BitextApp) -> str:
    return str(app.search_bar.query_one("#search-status", Static).render())


async def test_the_reader_follows_the_list_to_the_only_match(fixture_archive: Path) -> None:
    """The cursor stays on the list's second row, which now shows another entry: the
    reader showed the entry that was there before, not the match."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.reader.entry is not None and app.reader.entry.id != BELARUS
        await pilot.press("slash")
        await search(pilot, "Belarus")
        await settled(pilot)
        assert app.entries.current is not None and app.entries.current.id == BELARUS
        assert app.reader.entry is not None and app.reader.entry.id == BELARUS


async def test_slash_opens_the_bar_and_results_follow_typing(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        assert app.search_bar.is_open and isinstance(app.focused, Input)
        await search(pilot, "重慶")
        assert app.entries.border_title == "Matching (8)"
        assert "44 hits in 8 entries" in status(app)
        await search(pilot, "Belarus")
        assert app.entries.border_title == "Matching (1)"
        assert [s.id for s in app.entries.summaries] == [BELARUS]
        await pilot.press("escape")
        assert not app.search_bar.is_open and app.focused is app.entries
        assert app.entries.border_title == "Matching (1)", "closing the bar keeps the search"
        await pilot.press("slash")
        await search(pilot, "")
        assert app.entries.border_title == "Entries (8)" and app.search.results is None


async def test_highlight_mode_keeps_every_entry_and_marks_the_matches(
        fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await search(pilot, "Belarus")
        await pilot.press("ctrl+t")
        await pilot.pause(0.1)
        assert app.search_bar.mode == "highlight" and "highlight all" in status(app)
        assert len(app.entries.summaries) == 8 and app.entries.matches == {BELARUS}
        await pilot.press("ctrl+t")
        await pilot.pause(0.1)
        assert len(app.entries.summaries) == 1


async def test_hits_are_marked_in_both_columns(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await search(pilot, "白俄罗斯")  # simplified: the bulletin has 白俄羅斯
        await pilot.press("escape", "n")
        await pilot.pause(0.2)
        assert app.reader.entry is not None and app.reader.entry.id == BELARUS
        row = app.reader.selected_row
        assert isinstance(row, BeadRow)
        zh, en = row.query_one(".cell.zh"), row.query_one(".cell.en")
        assert zh.has_class("-hit") and en.has_class("-counterpart")
        assert row.has_class("-has-hits")
        text = zh.content.text  # the cell's text, before it is broken into lines
        hit = app.search.current
        assert hit is not None
        marked = {text.plain[s.start:s.end] for s in text.spans if "yellow" in str(s.style)
                  or "green" in str(s.style)}
        assert marked == {"白俄羅斯"}


async def test_n_and_shift_n_walk_the_hits_across_beads_and_entries(
        fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await search(pilot, "李謙")
        await pilot.press("ctrl+t", "escape")  # highlight: all entries stay in the list
        await pilot.pause(0.1)
        seen = []
        for _ in range(8):
            await pilot.press("n")
            await pilot.pause(0.15)
            assert app.reader.entry is not None and app.search.current is not None
            seen.append((app.reader.entry.id[:8], app.reader.selected))
        # from the newest entry down the list: five beads of one entry, one hit in each of
        # two more, then round to the first again
        assert seen == [*(("20181119", k) for k in range(5)), ("20181112", 1),
                        ("20181108", 2), ("20181119", 0)]
        before = seen[-1]
        await pilot.press("N")
        await pilot.pause(0.15)
        assert (app.reader.entry.id[:8], app.reader.selected) == seen[-2]
        await pilot.press("n")
        await pilot.pause(0.15)
        assert (app.reader.entry.id[:8], app.reader.selected) == before


async def test_concordance_lists_every_hit_and_opens_one(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await search(pilot, "Belarus OR 白俄罗斯")
        await pilot.press("escape", "c")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, ConcordanceScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == app.search.results.hits == len(screen.found)  # type: ignore[union-attr]
        await pilot.press("greater_than_sign")
        rights = [(line.match + line.right).casefold() for line in screen.found]
        assert rights == sorted(rights)
        await pilot.press("down", "enter")
        await pilot.pause(0.3)
        line = screen.found[1]
        assert not isinstance(app.screen, ConcordanceScreen)
        assert app.reader.entry is not None and app.reader.entry.id == line.entry_id
        assert app.reader.selected == line.bead and app.search.current == line.hit


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_concordance_fits_the_screen_translation_included(
        fixture_archive: Path, size: tuple[int, int]) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await search(pilot, "Belarus OR 白俄罗斯")
        await pilot.press("escape", "c")
        await ready(pilot)
        table = app.screen.query_one(DataTable)
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert sum(widths) <= size[0]
        assert widths[-1] >= 10  # the translation has room of its own
        await pilot.resize_terminal(200, 50)
        await pilot.pause(0.2)
        wide = [c.get_render_width(table) for c in table.columns.values()]
        assert sum(wide) <= 200 and wide[-1] >= widths[-1]


async def test_without_a_search_n_and_c_say_how_to_start(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("n", "c")
        await pilot.pause(0.1)
        notes = [n.message for n in app._notifications]
        assert any("press / to search" in n for n in notes)
        assert not isinstance(app.screen, ConcordanceScreen)


async def test_a_bad_query_is_shown_in_the_bar_not_raised(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        app.search_bar.input.value = "date:2018-13"  # no results will ever show
        for _ in range(200):
            await pilot.pause(0.02)
            if "not a date" in status(app):
                break
        assert "date:2018-13: not a date" in status(app)
        assert app.is_running and app.search_bar.is_open


async def test_the_list_names_the_search_it_shows_with_the_bar_closed(
        fixture_archive: Path) -> None:
    """A search restored at start filtered the list to "Matching (8)" with nothing on
    screen saying what matched."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.entries.border_subtitle is None
        await pilot.press("slash")
        await search(pilot, "重慶 [b]")
        await pilot.press("escape")
        assert app.entries.border_subtitle == r"/ 重慶 \[b]"  # the query is text, not markup
        await pilot.press("ctrl+u")
        await search_shown(pilot, "")
        assert app.entries.border_subtitle is None


async def test_a_query_error_leaves_the_input_room_and_shows_whole(
        fixture_archive: Path) -> None:
    """At 80 columns the error took all but 7 cells of the bar, and its second line lay
    under the footer."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await search(pilot, "OR")
        for _ in range(100):
            await pilot.pause(0.02)
            if "needs a term" in status(app):
                break
        assert app.search_bar.input.outer_size.width >= 40
        footer = app.query_one(Footer)
        assert app.search_bar.region.bottom <= footer.region.y
        shown = app.search_bar.query_one("#search-status", Static)
        lines = [line.text for line in shown.render_lines(shown.region.reset_offset)]
        assert "Minsk)" in "".join(lines)


async def test_the_pinyin_readings_are_loaded_before_the_first_query(
        fixture_archive: Path) -> None:
    """The first query with a Latin word loaded them, about a second: the palette kept its
    list from before the query that long, and Enter ran "Keys" for "theme"."""
    readings.cache_clear()
    app = app_on(fixture_archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await app.workers.wait_for_complete()
        assert readings.cache_info().currsize == 1
