"""Export from the app's command palette, and the progress line for long work."""

from __future__ import annotations

from pathlib import Path

import generated_archive
import pytest
from app_helpers import app_on, ready, search_shown
from bulletins import XIAN, bulletin, write
from textual.pilot import Pilot
from textual.widgets import Input
from translate.storage import tmx as tt_tmx

from store.api import Archive
from store.search import index_path
from tui.app import BitextApp
from tui.app.screens.export import PathScreen

pytestmark = pytest.mark.asyncio


async def palette(pilot: Pilot[None], command: str) -> None:
    await pilot.press("ctrl+p")
    for ch in command:
        await pilot.press(ch if ch != " " else "space")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause(0.1)


async def export_to(pilot: Pilot[None], path: Path) -> None:
    app: BitextApp = pilot.app  # type: ignore[assignment]
    assert isinstance(app.screen, PathScreen)
    field = app.screen.query_one(Input)
    assert field.value.endswith(".tmx"), "a new file in the current folder is offered"
    field.value = str(path)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause(0.1)


async def test_export_everything_as_tmx_from_the_palette(sample_archive: Archive,
                                                         tmp_path: Path) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await palette(pilot, "export as tmx")
        await export_to(pilot, tmp_path / "all.tmx")
    assert len(list(tt_tmx.tmxfile.parsefile(str(tmp_path / "all.tmx")).units)) == 24


async def test_export_follows_the_search(sample_archive: Archive, tmp_path: Path) -> None:
    app = app_on(sample_archive.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        app.search_bar.input.value = "Belarus"
        await search_shown(pilot, "Belarus")
        await pilot.press("escape")
        await palette(pilot, "export as tmx")
        assert "the 1 entry matching 'Belarus'" in str(
            app.screen.query_one("Static").render())
        await export_to(pilot, tmp_path / "belarus.tmx")
    units = list(tt_tmx.tmxfile.parsefile(str(tmp_path / "belarus.tmx")).units)
    assert [u.getid() for u in units] == [f"20181108-73f05ce4.{k}" for k in (1, 2, 3)]


async def test_escape_cancels_an_export(sample_archive: Archive, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    app = app_on(sample_archive.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await palette(pilot, "export as csv")
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert list(here.iterdir()) == []


async def test_an_index_build_shows_its_progress(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    generated_archive.write(path, generated_archive.generate(3000))
    index_path(path).unlink(missing_ok=True)
    app = app_on(path)
    shown: list[tuple[str, int, int]] = []
    real = app.report_progress
    # Spied on before the app starts: its worker may build the index before a test's
    # first line inside run_test runs (it did, on a loaded machine).
    app.report_progress = lambda what, done, total: (  # type: ignore[method-assign]
        shown.append((what, done, total)), real(what, done, total))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert not app.work.has_class("-working"), "the line hides when the build is done"
    building = [s for s in shown if s[0] == "updating the search index" and s[2]]
    assert building and building[-1][1:] == (3000, 3000)
    assert any(0 < done < total for _, done, total in building)


async def import_from_palette(pilot: Pilot[None], path: Path) -> None:
    app: BitextApp = pilot.app  # type: ignore[assignment]
    await palette(pilot, "import a file")
    assert isinstance(app.screen, PathScreen)
    field = app.screen.query_one(Input)
    assert field.value == f"{Path.cwd()}/", "the current folder is offered"
    field.value = str(path)
    await pilot.press("enter")
    for _ in range(200):  # the import's worker, then the reload its message starts
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if app._notifications:  # what the import did, or why not, once shown
            break
    await ready(pilot)


async def test_a_bulletin_is_imported_from_the_palette(sample_archive: Archive,
                                                       tmp_path: Path) -> None:
    """Before, a user reading in the app had to leave it for ``bitext import``."""
    source = write(tmp_path, "xian.txt", bulletin(XIAN))
    app = app_on(sample_archive.path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await import_from_palette(pilot, source)
        assert app.entries.entry_count == 9
        assert app.reader.entry is not None and app.reader.entry.id.startswith("20181120")
        assert app.entries.current is not None and "Xi'an" in app.entries.current.title_en
        # the entry just added is shown
        said = [n.message for n in app._notifications]
        assert "xian.txt: added 1 entry, 0 findings" in [s.rsplit("/", 1)[-1]
                                                         for s in said], said
    assert len(Archive(sample_archive.path).summaries()) == 9


async def test_a_file_that_cannot_be_imported_is_one_line_and_changes_nothing(
        sample_archive: Archive, tmp_path: Path) -> None:
    empty = write(tmp_path, "empty.txt", "")
    before = sample_archive.path.read_bytes()
    app = app_on(sample_archive.path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await import_from_palette(pilot, empty)
        failed = [n for n in app._notifications if n.title == "Import failed"]
        assert len(failed) == 1 and "empty.txt: is empty" in failed[0].message
        assert app.entries.entry_count == 8
    assert sample_archive.path.read_bytes() == before
