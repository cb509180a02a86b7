"""The reader app through Pilot: every binding, the layouts, loading and errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from app_helpers import app_on, ready, settled
from rich.console import Console
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Static

from tui.app import make_app
from tui.help import HelpScreen
from tui.widgets.reader import BeadRow

pytestmark = pytest.mark.asyncio

NEWEST_FIRST = ["20181125", "20181120", "20181120", "20181119", "20181112", "20181108",
                "20181108", "20181103"]


async def test_starts_on_the_list_with_the_newest_entry_open(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.focused is app.entries
        assert app.entries.border_title == "Entries (8)"
        assert [s.id[:8] for s in app.entries.summaries] == NEWEST_FIRST
        assert app.reader.entry is not None and app.reader.entry.id.startswith("20181125")
        assert len(app.reader.rows) == 3 and app.reader.layout_mode == "side"


async def test_list_keys_move_and_the_reader_follows(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)

        steps = [(("j", "j", "j"), "20181119"), (("k",), "20181120"), (("down",), "20181119"),
                 (("up", "up"), "20181120"), (("G",), "20181103"), (("g",), "20181125"),
                 (("end",), "20181103"), (("home", "pagedown"), "20181103"),
                 (("pageup",), "20181125")]
        for keys, shown in steps:
            await pilot.press(*keys)
            await settled(pilot)
            assert app.reader.entry is not None
            assert app.reader.entry.id[:8] == shown, keys


async def test_enter_opens_and_the_reader_selects_beads(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("G", "enter")
        await settled(pilot)
        assert app.focused is app.reader and app.reader.entry.id.startswith("20181103")
        await pilot.press("g")
        app.entries.cursor = app.entries.rows.entry_rows[7]  # the JHU delegation: 4 beads
        await pilot.press("[", "]")
        await settled(pilot)
        assert app.reader.entry.id.startswith("20181103")
        await pilot.press("[")
        await settled(pilot)
        assert app.reader.entry.id.startswith("20181108")


async def test_bead_selection_is_highlighted_and_moves(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j", "j", "j", "enter")  # 2018-11-19: five beads
        await settled(pilot)

        def selected() -> list[int]:
            return [row.number for row in app.reader.rows if row.has_class("-selected")]

        assert selected() == [1]
        await pilot.press("j", "j")
        assert selected() == [3]
        await pilot.press("down", "k")
        assert selected() == [3]
        await pilot.press("G")
        assert selected() == [5]
        await pilot.press("up", "g")
        assert selected() == [1]
        await pilot.press("end")
        await pilot.pause(0.1)
        assert selected() == [5]
        assert app.reader.scroll_y > 0  # the last bead was scrolled into view
        await pilot.press("pageup", "home")
        assert selected() == [1]
        await pilot.pause(0.1)
        top = app.reader.scroll_y
        await pilot.press("pagedown")
        await pilot.pause(0.1)
        assert app.reader.scroll_y > top


async def test_tab_moves_between_the_panes(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("tab")
        assert app.focused is app.reader
        await pilot.press("shift+tab")
        assert app.focused is app.entries


async def test_l_cycles_the_layouts(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        row = app.reader.rows[0]
        zh, en = row.query_one(".cell.zh", Static), row.query_one(".cell.en", Static)
        seen = []
        for _ in range(4):
            await pilot.press("l")
            await pilot.pause()
            seen.append((app.reader.layout_mode, zh.display, en.display))
            if zh.display and en.display:
                same_line = zh.virtual_region.y == en.virtual_region.y
                assert same_line == (app.reader.layout_mode == "side")
        assert seen == [("stacked", True, True), ("zh", True, False), ("en", False, True),
                        ("side", True, True)]


async def test_a_narrow_terminal_starts_stacked(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.reader.layout_mode == "stacked"


async def test_side_by_side_cells_start_on_the_same_line(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(140, 50)) as pilot:
        await ready(pilot)
        for row in app.reader.rows:  # virtual regions: rows below the fold count too
            zh = row.query_one(".cell.zh").virtual_region
            en = row.query_one(".cell.en").virtual_region
            assert zh.y == en.y and zh.x < en.x and zh.height > 0


async def test_r_shows_the_raw_text_with_repairs(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        cell = app.reader.rows[0].query_one(".cell.zh", Static)
        assert "(guó)" not in str(cell.content)
        await pilot.press("r")
        assert "中國(guó)" in str(cell.content)
        assert "removed" in str(app.reader.query_one("#entry-header", Static).content)
        await pilot.press("r")
        assert "(guó)" not in str(cell.content)


async def test_damage_is_marked_in_the_cell(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("j", "j", "j")  # 2018-11-19: damage in its first paragraph
        await settled(pilot)
        content = app.reader.rows[0].query_one(".cell.zh", Static).content
        marked = [str(content)[s.start:s.end] for s in content.spans
                  if "on red" in str(s.style)]
        assert marked == ["??松健?"]


async def test_y_copies_the_selected_bead_in_both_languages(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("tab", "j", "y")
        entry = app.reader.entry
        assert app.clipboard == entry.zh[1].text + "\n\n" + entry.en[1].text


async def test_question_mark_lists_the_live_bindings(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, file=io.StringIO(), record=True)
        for static in app.screen.query(Static):
            console.print(static.content)
        text = console.export_text()
        assert "list.down" in text and "app.layout" in text and "Next entry" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_t_switches_the_list_titles(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert "中國" in "".join(s.text for s in app.entries.render_line(1))
        await pilot.press("t")
        assert "delegation" in "".join(s.text for s in app.entries.render_line(1))


async def run_from_palette(pilot: Pilot[None], query: str) -> None:
    """Open the palette, type, wait for the hits to arrive, take the first."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    for _ in range(100):
        await pilot.pause(0.02)
        hits = pilot.app.screen.query(CommandList)
        if hits and hits.first().option_count:
            break
    await pilot.press("enter")
    await settled(pilot)


async def test_the_palette_jumps_to_an_entry(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await run_from_palette(pilot, "Belarus")
        assert app.entries.current.id.startswith("20181108")
        assert "Belarus" in app.entries.current.title_en
        assert app.reader.entry.id == app.entries.current.id


async def test_the_palette_changes_layout(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await run_from_palette(pilot, "English only")
        assert app.reader.layout_mode == "en"


async def test_keys_are_remapped_from_the_keymap_file(fixture_archive: Path,
                                                      tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"list.down" = "n"\n"app.layout" = "L"\n', encoding="utf-8")
    app = make_app(fixture_archive, keymap=keymap)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await settled(pilot)
        assert app.reader.entry.id.startswith("20181120")
        await pilot.press("L")
        assert app.reader.layout_mode == "stacked"
        await pilot.press("l")
        assert app.reader.layout_mode == "stacked"


async def test_a_bad_keymap_is_reported_and_the_defaults_stay(fixture_archive: Path,
                                                              tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"list.dwn" = "n"\n', encoding="utf-8")
    app = make_app(fixture_archive, keymap=keymap)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        assert any("unknown binding ids list.dwn" in n.message for n in app._notifications)
        await pilot.press("j")
        await settled(pilot)
        assert app.reader.entry.id.startswith("20181120")


async def test_q_quits(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


async def test_a_damaged_archive_is_shown_as_an_error_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "archive.json"
    bad.write_text("{not json", encoding="utf-8")
    app = app_on(bad)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        header = str(app.reader.query_one("#entry-header", Static).content)
        assert "the archive is damaged" in header and str(bad) in header
        assert not app.entries.loading


async def test_an_unpaired_paragraph_has_an_explicit_empty_cell(tmp_path: Path,
                                                                sample_lines: list[str]
                                                                ) -> None:
    from store.api import Archive

    lines = [ln for k, ln in enumerate(sample_lines) if k != 10]  # drop Chinese line 11
    path = tmp_path / "archive.json"
    Archive(path).import_bytes([("\n".join(lines).encode(), "dropped.txt")])
    app = app_on(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        rows = app.reader.rows
        empty = [r for r in rows if r.query(".cell.empty")]
        assert [r.bead for r in empty] == [((), (1,))]
        assert str(empty[0].query_one(".cell.zh", Static).content) == "(no counterpart)"
        assert isinstance(rows[0], BeadRow)
