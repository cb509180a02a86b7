"""The app remembers the user's place between runs; ``--fresh`` forgets it for one run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_helpers import ready, search_shown, settled

from tui.app import make_app
from tui.app.settings import Settings, load_settings, save_settings


async def test_theme_layout_list_entry_bead_and_search_come_back(fixture_archive: Path,
                                                                  tmp_path: Path) -> None:
    remembered = tmp_path / "settings.json"
    app = make_app(fixture_archive, settings=remembered)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.theme = "textual-light"
        await pilot.press("l", "l", "minus")  # Chinese only, a narrower list
        await pilot.press("slash", *"Belarus", "enter")
        await search_shown(pilot, "Belarus")
        await settled(pilot)
        await pilot.press("tab", "j", "j")  # the third bead
        await pilot.pause()
        left = (app.entries.outer_size.width, app.reader.entry.id, app.reader.selected)
        assert left[2] == 2
    assert json.loads(remembered.read_text(encoding="utf-8"))["search"] == "Belarus"

    again = make_app(fixture_archive, settings=remembered)
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await search_shown(pilot, "Belarus")
        assert again.theme == "textual-light"
        assert again.reader.layout_mode == "zh"
        await settled(pilot)
        assert (again.entries.outer_size.width, again.reader.entry.id,
                again.reader.selected) == left
        assert again.search.shown == "Belarus" and again.search.matching


async def test_fresh_neither_reads_nor_writes_them(fixture_archive: Path,
                                                  tmp_path: Path) -> None:
    remembered = tmp_path / "settings.json"
    save_settings(remembered, Settings(theme="textual-light", layout="en", search="Belarus"))
    before = remembered.read_bytes()
    app = make_app(fixture_archive, settings=remembered, fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.theme != "textual-light" and app.reader.layout_mode == "side"
        assert app.search.query == ""
        await pilot.press("l")
    assert remembered.read_bytes() == before


async def test_an_entry_of_another_archive_is_not_looked_for(fixture_archive: Path,
                                                            tmp_path: Path) -> None:
    remembered = tmp_path / "settings.json"
    save_settings(remembered, Settings(archive=str(tmp_path / "other.json"),
                                       entry="20181108-00000000", search="Belarus"))
    app = make_app(fixture_archive, settings=remembered)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.entries.current == app.entries.rows.summaries[0]
        assert app.search.query == ""


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"theme": 3, "bead": "x"}',
                                  '{"list_width": true, "list_shown": 1}'])
def test_a_damaged_settings_file_gives_the_defaults(tmp_path: Path, text: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    assert load_settings(path) == Settings()


def test_odd_values_are_dropped_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": 3, "layout": "zh", "list_width": 40, "list_shown": false, '
                    '"entry": null, "bead": 2.5}', encoding="utf-8")
    assert load_settings(path) == Settings(layout="zh", list_width=40, list_shown=False)


def test_a_round_trip_keeps_every_value(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    kept = Settings(theme="nord", layout="stacked", list_width=33, list_shown=False,
                    search_mode="highlight", archive="/a/b.json", entry="x", bead=4,
                    search="重慶 OR Chongqing")
    save_settings(path, kept)
    assert load_settings(path) == kept
