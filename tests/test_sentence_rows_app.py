"""``S`` in the reader: each bead shown as its aligned sentence pairs, through Pilot.

The oracle for what the rows hold is ``Archive.sentences`` on the same archive: each
sentence row's cells are the text of its sentence bead's sides.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import app_on, ready, search_shown, settled
from textual.pilot import Pilot
from textual.widgets import Static

from store.api import Archive, sentence_text
from tui.app import BitextApp

pytestmark = pytest.mark.asyncio


async def press_s(pilot: Pilot[None], on: bool = True) -> None:
    """``S``, then wait until the rows show it (the first alignment runs in a thread)."""
    app: BitextApp = pilot.app  # type: ignore[assignment]
    await pilot.press("S")
    for _ in range(200):
        await pilot.pause(0.02)
        if bool(app.reader.query(".sentence")) == on:
            return


def row_texts(app: BitextApp, row: int) -> list[tuple[str, str]]:
    """Each sentence row of bead ``row`` as (Chinese, English) plain text."""
    return [(str(pair.query_one(".cell.zh", Static).content),
             str(pair.query_one(".cell.en", Static).content))
            for pair in app.reader.rows[row].query(".sentence")]


def expected(archive: Archive, entry_id: str, bead: int) -> list[tuple[str, str]]:
    entry = archive.entry(entry_id)
    zh, en = [p.text for p in entry.zh], [p.text for p in entry.en]
    return [(sentence_text(zh, z).replace("\n", "\n\n") or "(no counterpart)",
             sentence_text(en, e).replace("\n", "\n\n") or "(no counterpart)")
            for z, e in archive.sentences(entry_id)[bead]]


async def test_s_shows_each_bead_as_its_sentence_pairs_and_back(fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    archive = Archive(fixture_archive)
    async with app.run_test(size=(140, 50)) as pilot:
        await ready(pilot)
        entry = app.reader.entry
        assert entry is not None and not app.reader.query(".sentence")
        await pilot.press("tab", "j")  # into the reader, the second bead
        await press_s(pilot)
        assert [len(row.query(".sentence")) for row in app.reader.rows] == [
            len(found) for found in archive.sentences(entry.id)] == [2, 3, 2]
        for k in range(3):
            assert row_texts(app, k) == expected(archive, entry.id, k)
        assert app.reader.selected == 1, "the same bead stays selected"
        for pair in app.reader.rows[1].query(".sentence"):  # side by side, line by line
            zh, en = pair.query_one(".cell.zh"), pair.query_one(".cell.en")
            assert zh.virtual_region.y == en.virtual_region.y
        await press_s(pilot, on=False)
        assert not app.reader.query(".sentence") and len(app.reader.rows) == 3


async def test_sentence_rows_follow_the_list_and_give_way_to_the_raw_text(
        fixture_archive: Path) -> None:
    app = app_on(fixture_archive)
    archive = Archive(fixture_archive)
    async with app.run_test(size=(140, 50)) as pilot:
        await ready(pilot)
        await press_s(pilot)
        await pilot.press("j")  # sentence rows stay on for the next entry
        await settled(pilot)
        entry = app.reader.entry
        assert entry is not None and entry.id.startswith("20181120")
        assert row_texts(app, 0) == expected(archive, entry.id, 0)
        await pilot.press("r")  # raw offsets are not the sentences': whole paragraphs
        await pilot.pause()
        assert not app.reader.query(".sentence")
        assert "raw text" in str(app.reader.query_one("#entry-header", Static).content)
        await pilot.press("r")
        await pilot.pause()
        assert row_texts(app, 0) == expected(archive, entry.id, 0)


async def search_for(pilot: Pilot[None], query: str) -> None:
    """Search from the bar, then back to the list: the reader shows the first match."""
    await pilot.press("slash")
    for ch in query:
        await pilot.press(ch)
    await search_shown(pilot, query)
    await pilot.press("enter")
    await settled(pilot)


async def test_a_hit_marks_the_translation_of_its_own_sentence(fixture_archive: Path) -> None:
    """In paragraph rows the whole English of the bead is the hit's counterpart; in sentence
    rows only the English of the sentence bead that holds it (20181108's third)."""
    app = app_on(fixture_archive)
    async with app.run_test(size=(140, 50)) as pilot:
        await ready(pilot)
        await search_for(pilot, "友好市州")
        entry = app.reader.entry
        assert entry is not None and entry.id == "20181108-73f05ce4"
        [row] = [row for row in app.reader.rows if row.has_class("-has-hits")]
        assert row.query_one(".cell.en").has_class("-counterpart")
        await press_s(pilot)
        [row] = [row for row in app.reader.rows if row.has_class("-has-hits")]
        pairs = list(row.query(".sentence"))
        marked = [(p.query_one(".cell.zh").has_class("-hit"),
                   p.query_one(".cell.en").has_class("-counterpart")) for p in pairs]
        assert marked == [(False, False), (False, False), (True, True), (False, False)]
        assert str(pairs[2].query_one(".cell.en", Static).content) == (
            "In March 2017, Chongqing and Minsk Oblast were officially twinned.")
