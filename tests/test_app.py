"""The reader app through Pilot: every binding, the layouts, loading and errors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from app_helpers import app_on, ready, search_shown, settled
from bulletins import XIAN, bulletin, write
from fixture_paths import SAMPLE
from rich.cells import cell_len
from rich.console import Console
from textual.app import App
from textual.command import CommandList
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from store.api import Archive
from tui.app import make_app
from tui.app.screens.help import HelpScreen
from tui.app.widgets.reader import BeadRow
from tui.cli import main

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
        content = app.reader.rows[0].query_one(".cell.zh", Static).content.text
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


def screen_text(app: App[None]) -> str:
    """What the screen on top (help) says, as plain text 120 columns wide."""
    console = Console(width=120, file=io.StringIO(), record=True)
    for static in app.screen.query(Static):
        console.print(static.content)
    return console.export_text()


async def test_question_mark_lists_the_live_bindings(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("?")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "list.down" in text and "app.layout" in text and "Next entry" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("keys", [("end",), ("G",), ("j",) * 60, ("space",) * 10,
                                  ("pagedown",) * 10, ("down",) * 60])
async def test_help_scrolls_from_the_keyboard_at_80x24(fixture_archive: Path,
                                                      keys: tuple[str, ...]) -> None:
    """At 80x24 the editing keys and the keymap path are below the fold: every
    scrolling key a user tries reaches them."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("?")
        await pilot.pause()
        body = app.screen.query_one(VerticalScroll)
        assert body.max_scroll_y > 0 and body.scroll_y == 0
        await pilot.press(*keys)
        await pilot.pause(0.3)  # scrolling animates
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause(0.3)
        assert body.scroll_y == 0


async def test_counts_read_as_english_one_bead_not_one_beads(tmp_path: Path) -> None:
    db = tmp_path / "archive.json"
    source = write(tmp_path, "one.txt", bulletin(XIAN))
    assert main(["import", str(source), "--db", str(db), "-q"]) == 0
    app = app_on(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        header = str(app.reader.query_one("#entry-header", Static).content)
        assert "1 bead · 0 repairs" in header


async def test_a_title_cut_to_the_list_ends_in_an_ellipsis(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        row = "".join(s.text for s in app.entries.render_line(1)).rstrip()
        title = app.entries.current.title_zh
        assert row.endswith("…") and title not in row
        assert row[:-1].split()[-1] in title  # the start of the title, cut


async def test_resizing_across_the_threshold_switches_side_by_side_and_stacked(
        fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.reader.layout_mode == "side"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.reader.layout_mode == "stacked"
        await pilot.resize_terminal(90, 24)
        await pilot.pause()
        assert app.reader.layout_mode == "stacked"
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        assert app.reader.layout_mode == "side"
        await pilot.press("l", "l")  # Chinese only: the user's choice stays
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.reader.layout_mode == "zh"


async def test_the_list_is_resized_and_hidden_from_the_keyboard(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        start = app.entries.outer_size.width
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert app.entries.outer_size.width == start + 8
        await pilot.press(*["minus"] * 40)
        await pilot.pause()
        assert app.entries.outer_size.width == 20  # never narrower
        await pilot.press(*["plus"] * 40)
        await pilot.pause()
        assert app.reader.outer_size.width == 30  # the reader keeps its columns
        await pilot.press("f")
        await pilot.pause()
        assert not app.entries.display and app.reader.outer_size.width == 120
        assert app.focused is app.reader
        await pilot.press("f")
        await pilot.pause()
        assert app.entries.display and app.focused is app.entries


async def test_a_light_theme_reaches_the_list(fixture_archive: Path) -> None:
    """The list draws its lines itself and keeps them: a new theme must redraw them."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        dark = list(app.entries.render_line(3))[-1].style.bgcolor
        app.theme = "textual-light"
        await pilot.pause()
        light = list(app.entries.render_line(3))[-1].style.bgcolor
        assert light != dark
        assert light.triplet.red > 200  # a light background, as the reader's


@pytest.mark.parametrize("width", [80, 140])
async def test_the_footer_shows_what_matters_most_whole(fixture_archive: Path,
                                                        width: int) -> None:
    """Before, at 140 columns the footer ended in ``? He▏``: help, the key to the rest,
    was cut off."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(width, 30)) as pilot:
        await ready(pilot)
        keys = list(app.screen.query(FooterKey))
        shown = {k.description for k in keys}
        assert {"Quit", "Layout", "Search", "Findings", "Help"} <= shown
        assert all(k.region.right <= width for k in keys)


async def test_stacked_rows_spend_one_line_on_their_number_shape_and_mark(
        fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        rows = list(app.reader.query(BeadRow))
        marked = [r for r in rows if "\n" in str(r.query_one(".gutter", Static).content)]
        assert marked  # the sample's first entry has beads with a shape or a mark
        await pilot.press("l")  # stacked
        await pilot.pause()
        for row in app.reader.query(BeadRow):
            gutter = row.query_one(".gutter", Static)
            assert "\n" not in str(gutter.content) and gutter.size.height == 1


async def test_a_long_list_cuts_its_titles_before_the_scrollbar(tmp_path: Path) -> None:
    """With a scrollbar the rows lost two cells at the right: the ellipsis was cut off."""
    db = tmp_path / "archive.json"
    events = [(day, "重慶市與美國辛辛那提市在市外事大樓簽署關于建立友好合作關系諒解備忘錄。",
               "Chongqing and Cincinnati signed a memorandum of understanding.")
              for day in range(1, 29)]
    assert main(["import", str(write(tmp_path, "many.txt", bulletin(events))), "--db", str(db),
                 "-q"]) == 0
    app = app_on(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.entries.show_vertical_scrollbar
        width = app.entries.scrollable_content_region.width
        row = "".join(s.text for s in app.entries.render_line(1))
        assert cell_len(row) <= width and row.rstrip().endswith("…")


async def test_t_switches_the_list_titles(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert "中國" in "".join(s.text for s in app.entries.render_line(1))
        await pilot.press("t")
        assert "delegation" in "".join(s.text for s in app.entries.render_line(1))


async def run_from_palette(pilot: Pilot[None], query: str) -> None:
    """Open the palette, type, wait for every hit to arrive (the search index is asked
    last, in a thread), take the first."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    for _ in range(100):
        await pilot.pause(0.02)
        hits = pilot.app.screen.query(CommandList)
        if hits and hits.first().option_count:
            break
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
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


async def test_the_palette_runs_a_main_screen_action_once_it_has_closed(
        fixture_archive: Path) -> None:
    """The palette is a screen on top; its commands act on the reader beneath once it closes
    (the main screen's keys are hidden while another screen is on top)."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert not app.reader.raw
        await run_from_palette(pilot, "Toggle raw")
        assert app.reader.raw
        await run_from_palette(pilot, "only matching")
        assert app.search_bar.mode == "highlight"


async def test_the_palette_finds_an_entry_by_its_text_in_either_script(
        fixture_archive: Path) -> None:
    """No title is written 白俄罗斯 (the sample writes 白俄羅斯, traditional): the
    palette asks the search index after the titles."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        start = app.entries.current.id
        await run_from_palette(pilot, "白俄罗斯")
        assert app.entries.current.id != start
        assert "Belarus" in app.entries.current.title_en


async def test_ctrl_u_and_the_palette_clear_the_search(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        everything = len(app.entries.rows.summaries)
        await pilot.press("slash", *"Belarus", "enter")
        await search_shown(pilot, "Belarus")
        assert len(app.entries.rows.summaries) < everything
        await pilot.press("ctrl+u")
        await search_shown(pilot, "")
        assert len(app.entries.rows.summaries) == everything and app.search.results is None
        await pilot.press("slash", *"Belarus", "enter")
        await search_shown(pilot, "Belarus")
        await run_from_palette(pilot, "Clear the search")
        await search_shown(pilot, "")
        assert len(app.entries.rows.summaries) == everything


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


async def test_one_bad_id_in_a_keymap_is_named_and_the_other_remaps_apply(
        fixture_archive: Path, tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap]\n"list.dwn" = "n"\n"app.layout" = "L"\n"app.raw" = 3\n',
                      encoding="utf-8")
    app = make_app(fixture_archive, keymap=keymap)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        said = [(n.title, n.message) for n in app._notifications]
        assert any(t == "Keymap partly applied" and "unknown binding ids list.dwn" in m
                   and 'not "keys" for app.raw' in m and m.endswith("; 1 other remap applies")
                   for t, m in said), said
        await pilot.press("L")
        assert app.reader.layout_mode != "side"  # the good remap applies
        await pilot.press("j")
        await settled(pilot)
        assert app.reader.entry.id.startswith("20181120")  # the default j stays


async def test_an_unreadable_keymap_is_reported_and_the_defaults_stay(
        fixture_archive: Path, tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('[keymap\n"app.layout" = "L"\n', encoding="utf-8")
    app = make_app(fixture_archive, keymap=keymap)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ready(pilot)
        assert any(str(keymap) in n.message for n in app._notifications)
        await pilot.press("L")
        assert app.reader.layout_mode == "side"
        await pilot.press("l")
        assert app.reader.layout_mode != "side"


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


async def test_the_header_spends_a_line_each_on_source_and_titles_at_80x24(
        sample_archive: Archive) -> None:
    """Wrapped, the source path and the titles took 9 of the reader's 22 lines; now 5, and
    a path cut keeps its end, the file name."""
    app = app_on(sample_archive.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        header = app.reader.query_one("#entry-header", Static)
        lines = str(header.content).split("\n")
        assert len(lines) == 5 and header.size.height == 5
        assert all(cell_len(line) <= header.size.width for line in lines)
        assert lines[0] == "2018-11-25–29 · lines 10-12, 35-37"
        assert lines[1].endswith("chongqing-2018-11.txt") and lines[2].endswith("…")
        await pilot.resize_terminal(200, 50)  # wide enough: date, path and lines on one line
        await pilot.pause()
        assert str(header.content).split("\n")[0] == \
            f"2018-11-25–29   {SAMPLE} · lines 10-12, 35-37"


async def test_an_ansi_theme_keeps_the_translation_of_a_hit_readable(
        fixture_archive: Path) -> None:
    """``$warning 12%`` has no ANSI form: the English beside a Chinese hit was painted solid
    bright red."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.theme = "ansi-light"
        await pilot.press("slash")
        app.search_bar.input.value = "zh:重慶"
        await search_shown(pilot, "zh:重慶")
        cells = list(app.reader.query(".cell.-counterpart"))
        assert cells
        for cell in cells:
            backgrounds = {seg.style.bgcolor for seg in cell.render_line(0) if seg.style}
            assert all(bg is None or bg.is_default for bg in backgrounds), backgrounds


async def test_help_explains_the_marks_and_says_where_each_key_works(
        fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("?")
        await pilot.pause()
        text = screen_text(app)
        assert "● in the list: the entry matches the search" in text
        assert "! error, ▲ warning, ? review, ✓ all reviewed" in text
        rows = {line.split()[-2]: line.split()[-1] for line in text.splitlines()
                if line.strip().endswith(("list", "reader", "anywhere"))}
        assert rows["list.down"] == "list" and rows["app.layout"] == "anywhere"
        assert "EntryList" not in text and "BitextApp" not in text


async def test_a_palette_hit_is_two_lines_at_80x24(fixture_archive: Path) -> None:
    """Date and both titles wrapped to five lines a hit: three hits a screen."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"cincinnati")
        for _ in range(100):
            await pilot.pause(0.02)
            hits = app.screen.query(CommandList)
            if hits and hits.first().option_count:
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(CommandList)
        console = Console(width=76, file=io.StringIO(), record=True)
        console.print(hits.get_option_at_index(0).prompt)
        lines = console.export_text().splitlines()
        assert len(lines) == 2, lines
        assert lines[0].startswith("2018-11-12  重慶市與美國辛辛那提市") and lines[0].endswith("…")
        assert lines[1].startswith("Chongqing and Cincinnati") and \
            lines[1].endswith(" · 20181112-2c5aa078")


@pytest.mark.parametrize(("entries", "shown"), [(1500, [1000, 1500]), (8, [8])])
async def test_a_large_archive_lists_its_newest_rows_first(
        tmp_path: Path, fixture_archive: Path, entries: int, shown: list[int]) -> None:
    """At 100,000 entries the whole list took 0.5-1 s to read: the newest thousand show
    first (0.07 s) and can be browsed while the rest loads; a small archive loads once."""
    import generated_archive

    path = fixture_archive
    if entries > 8:
        path = tmp_path / "big.json"
        generated_archive.write(path, generated_archive.generate(entries))
    app = app_on(path)
    lengths: list[int] = []
    real = app.entries.set_entries
    app.entries.set_entries = lambda rows, **kw: (  # type: ignore[method-assign]
        lengths.append(len(rows.summaries)), real(rows, **kw))[1]
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert lengths == shown
        assert app.entries.entry_count == entries
        assert app.entries.current is not None and app.entries.current.id.startswith("2018112")
